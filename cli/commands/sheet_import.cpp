#include "cli/commands/sheet_import.hpp"

#include "cli/output.hpp"
#include "error.hpp"

#include <fmt/format.h>

namespace ankang::cli {

namespace {

// A note or row error on one line of stderr: a cell's line breaks become spaces.
std::string one_line(std::string s)
{
  for (char& c : s)
    if (c == '\n' || c == '\r') c = ' ';
  return s;
}

}  // namespace

void add_sheet_import_options(CLI::App* cmd, SheetImportOptions& o, std::string_view map_value_example)
{
  cmd->add_option("FILE", o.file, "CSV file (UTF-8 or GB18030) or .xlsx workbook")->required();
  cmd->add_option("--sheet", o.sheet, "Of an .xlsx workbook: the sheet to read, by name or number from 1 (default: the first)");
  cmd->add_option("--encoding", o.encoding, "auto (default), utf-8 or gb18030")->default_str("auto");
  auto* skip = cmd->add_flag("--skip-invalid", o.skip_invalid,
                             "Import the valid rows, reject the others (exit 3); default: all or nothing");
  cmd->add_option("--rejects", o.rejects, "With --skip-invalid: write the rejected rows and why to FILE")->needs(skip);
  cmd->add_flag("--dry-run", o.dry_run, "Check and count, write nothing");
  cmd->add_option("--map", o.maps, "Read column 列名 as field, e.g. --map 单位名称=name (repeatable)");
  cmd->add_option("--map-value", o.value_maps,
                  fmt::format("Read a value as another, e.g. --map-value {} (repeatable)", map_value_example));
}

ops::ImportOptions driver_options(Context& ctx, const SheetImportOptions& o)
{
  check_output_path(ctx, "--rejects", o.rejects, {o.file});
  ops::ImportOptions opt;
  opt.path = o.file;
  opt.encoding = io::parse_encoding(o.encoding);
  opt.skip_invalid = o.skip_invalid;
  opt.rejects_path = o.rejects;
  opt.dry_run = o.dry_run;
  opt.sheet.column_maps = o.maps;
  opt.sheet.value_maps = o.value_maps;
  opt.sheet.sheet_name = o.sheet;
  opt.sheet.lang = ctx.lang;
  opt.actor = ctx.user;
  opt.now = ctx.now_utc;
  return opt;
}

void report_sheet_problems(Context& ctx, const SheetImportOptions& o, std::string_view encoding,
                           const std::vector<std::string>& notes, const std::vector<std::string>& errors, int64_t rejected)
{
  ctx.note(fmt::format("{}: {} {}", o.file, ctx.tr("编码", "encoding"), encoding));
  for (const auto& n : notes) ctx.note(one_line(n));
  for (const auto& e : errors) ctx.err << one_line(ctx.t(e)) << '\n';  // English in lib/: in the user's language
  if (!errors.empty() && !o.skip_invalid)
    throw Error(ErrorKind::invalid_input,
                fmt::format("{}: {} invalid {}; nothing was imported", o.file, rejected, rejected == 1 ? "row" : "rows"),
                "correct them, or import the valid rows with --skip-invalid --rejects FILE");
}

void note_rejects_written(Context& ctx, const SheetImportOptions& o, int64_t rejected)
{
  if (rejected > 0 && !o.rejects.empty() && !o.dry_run)
    ctx.note(ctx.lang == domain::Lang::zh
                 ? fmt::format("被拒绝的 {} 行已写入 {}", rejected, o.rejects)
                 : fmt::format("{} rejected {} written to {}", rejected, rejected == 1 ? "row" : "rows", o.rejects));
}

}  // namespace ankang::cli

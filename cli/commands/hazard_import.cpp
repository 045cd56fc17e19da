// ankang hazard import FILE | --list
#include "cli/commands/hazard_common.hpp"
#include "domain/china_time.hpp"
#include "cli/commands/registry.hpp"
#include "cli/exit_codes.hpp"
#include "error.hpp"
#include "io/encoding.hpp"
#include "ops/hazard_import.hpp"
#include "store/import_batch_store.hpp"

#include <fmt/format.h>

#include <chrono>

namespace ankang::cli {

namespace {

struct ImportCliOptions {
  std::string file;
  std::string encoding = "auto";
  std::vector<std::string> maps, value_maps;
  bool create_missing = false, skip_invalid = false, dry_run = false, list = false, verbose = false;
  std::string rejects, on_conflict = "skip", on, blank = "keep", sheet;
  OutputOptions output;
};

// At most this many row errors are printed; the count says how many there were.
constexpr size_t k_max_printed_errors = 1000;

int run_list(Context& ctx, const OutputOptions& output)
{
  auto db = ctx.open_db();
  io::Table t;
  t.columns = {{"id", "ID", io::Align::right},
               {"file_name", std::string(ctx.tr("文件", "file")), io::Align::left},
               {"sha256", "SHA-256", io::Align::left},
               {"encoding", std::string(ctx.tr("编码", "encoding")), io::Align::left},
               {"rows_read", std::string(ctx.tr("读取", "read")), io::Align::right},
               {"rows_imported", std::string(ctx.tr("导入", "imported")), io::Align::right},
               {"rows_updated", std::string(ctx.tr("更新", "updated")), io::Align::right},
               {"rows_skipped", std::string(ctx.tr("跳过", "skipped")), io::Align::right},
               {"rows_rejected", std::string(ctx.tr("拒绝", "rejected")), io::Align::right},
               {"actor", std::string(ctx.tr("操作人", "by")), io::Align::left},
               {"started_at", std::string(ctx.tr("开始时间", "started")), io::Align::left},
               {"finished_at", std::string(ctx.tr("完成时间", "finished")), io::Align::left}};
  const bool people = output.parsed() == io::Format::table || output.parsed() == io::Format::md;
  for (const auto& b : store::list_batches(db, "hazard")) {
    t.rows.push_back(io::Row{io::Cell::number(b.id.value), io::Cell(b.file_name),
                             io::Cell(people ? b.sha256.substr(0, 12) : b.sha256), io::Cell(b.encoding),
                             io::Cell::number(b.rows_read), io::Cell::number(b.rows_imported),
                             io::Cell::number(b.rows_updated), io::Cell::number(b.rows_skipped),
                             io::Cell::number(b.rows_rejected), io::Cell(b.actor),
                             io::Cell(people ? domain::china_time(b.started_at) : b.started_at),
                             b.finished_at.empty() ? io::Cell::null()
                                                   : io::Cell(people ? domain::china_time(b.finished_at) : b.finished_at)});
  }
  emit_table(ctx, output, t, false);
  return k_exit_ok;
}

// 1234567 → "1,234,567", as the summary counts rows.
std::string group_thousands(int64_t n)
{
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

// The summary line of a coded column whose unknown values were kept as the sheet wrote them
// (issue 13 point 1), naming the most frequent ones and the option that classifies them.
std::string kept_as_written_line(const Context& ctx, const ops::KeptAsWritten& k)
{
  constexpr size_t k_listed = 10;
  const bool zh = ctx.lang == domain::Lang::zh;
  std::string values;
  for (size_t i = 0; i < k.values.size() && i < k_listed; ++i)
    values += fmt::format("{}{} {}", i == 0 ? "" : zh ? "，" : ", ", io::single_line(k.values[i].first),
                          group_thousands(k.values[i].second));
  if (k.values.size() > k_listed)
    values += zh ? fmt::format("，另 {} 种", k.values.size() - k_listed) : fmt::format(", {} more", k.values.size() - k_listed);
  const auto example = fmt::format("--map-value {}:{}={}", k.field, io::single_line(k.values.front().first), k.example_code);
  return zh ? fmt::format("{}: {} 行的值不在标准分类中，已按原文保存：{}（可用 {} 归类）", k.column, group_thousands(k.rows),
                          values, example)
            : fmt::format("{}: {} rows hold values outside the standard categories, kept as written: {} (classify them "
                          "with {})",
                          k.column, group_thousands(k.rows), values, example);
}

// "第 4、7、9 行" / "rows 4, 7, 9": the first ten and how many more (issue 13 point 8), all with -v.
std::string rows_named(const Context& ctx, const std::vector<uint64_t>& rows, bool all)
{
  constexpr size_t k_named = 10;
  const bool zh = ctx.lang == domain::Lang::zh;
  std::string out;
  for (size_t i = 0; i < rows.size() && (all || i < k_named); ++i)
    out += fmt::format("{}{}", i == 0 ? "" : zh ? "、" : ", ", rows[i]);
  const size_t more = all || rows.size() <= k_named ? 0 : rows.size() - k_named;
  if (zh) return more ? fmt::format("第 {} 行，另有 {} 行（加 -v 列出全部）", out, more) : fmt::format("第 {} 行", out);
  return more ? fmt::format("rows {} and {} more (-v lists them all)", out, more) : fmt::format("row{} {}", rows.size() > 1 ? "s" : "", out);
}

int run_import(Context& ctx, const ImportCliOptions& o)
{
  if (o.list) return run_list(ctx, o.output);
  if (o.file.empty()) throw Error(ErrorKind::usage, "hazard import needs a FILE (or --list)", "see 'ankang hazard import --help'");
  if (!o.rejects.empty() && !o.skip_invalid)
    throw Error(ErrorKind::usage, "--rejects goes with --skip-invalid", "add --skip-invalid to write the good rows and reject the bad");
  check_output_path(ctx, "--rejects", o.rejects, {o.file});

  ops::HazardImportOptions io_options;
  io_options.path = o.file;
  io_options.encoding = io::parse_encoding(o.encoding);
  io_options.sheet.column_maps = o.maps;
  io_options.sheet.value_maps = o.value_maps;
  io_options.sheet.lang = ctx.lang;
  io_options.sheet.sheet_name = o.sheet;
  io_options.create_missing_enterprises = o.create_missing;
  io_options.skip_invalid = o.skip_invalid;
  io_options.rejects_path = o.rejects;
  io_options.dry_run = o.dry_run;
  io_options.blank_clear = o.blank == "clear";
  io_options.on_conflict = o.on_conflict == "update" ? ops::OnConflict::update
                           : o.on_conflict == "error" ? ops::OnConflict::error
                                                      : ops::OnConflict::skip;
  // A progress line only for a person watching: never in a pipe, a log or a test.
  const auto started = std::chrono::steady_clock::now();
  bool progress_shown = false;
  if (ctx.stderr_is_terminal && !ctx.quiet) {
    io_options.progress = [&](uint64_t rows, uint64_t bytes, uint64_t size) {
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      const double rate = seconds > 0 ? static_cast<double>(rows) / seconds : 0.0;
      const double percent = size > 0 ? 100.0 * static_cast<double>(bytes) / static_cast<double>(size) : 100.0;
      ctx.err << fmt::format("\r{} {} rows, {:.0f} rows/s, {:.0f}%", o.file, rows, rate, percent) << std::flush;
      progress_shown = true;
    };
  }

  auto db = ctx.open_db();
  const auto r = ops::import_hazards(db, io_options, make_actor(ctx, o.on));
  if (progress_shown) ctx.err << '\n';

  const auto& b = r.batch;
  ctx.note(fmt::format("{}: {} {}", o.file, ctx.tr("编码", "encoding"), b.encoding));
  for (const auto& n : r.notes) ctx.note(n);
  // Row errors are English in lib/; each is printed in the user's language (po/zh_CN.po).
  for (size_t i = 0; i < r.errors.size() && i < k_max_printed_errors; ++i) ctx.err << ctx.t(r.errors[i]) << '\n';
  if (r.errors.size() > k_max_printed_errors)
    ctx.err << (ctx.lang == domain::Lang::zh ? fmt::format("…另 {} 条\n", r.errors.size() - k_max_printed_errors)
                                             : fmt::format("… {} more\n", r.errors.size() - k_max_printed_errors));

  if (!r.errors.empty() && !o.skip_invalid)
    throw Error(ErrorKind::invalid_input,
                fmt::format("{}: {} of {} rows are invalid; nothing was imported", o.file, b.rows_rejected, b.rows_read),
                "fix them, or pass --skip-invalid --rejects FILE to import the rest");

  const std::string_view head = o.dry_run ? ctx.tr("试导入（未写入）", "dry run (nothing written)") : ctx.tr("已导入", "imported");
  if (ctx.lang == domain::Lang::zh) {
    ctx.out << fmt::format("{} {}：读取 {} 行，新增 {} 条，更新 {} 条，跳过 {} 条（已存在），拒绝 {} 条\n", head, o.file,
                           b.rows_read, b.rows_imported, b.rows_updated, b.rows_skipped, b.rows_rejected);
    if (o.create_missing) ctx.out << fmt::format("新建企业 {} 家，", r.enterprises_created);
    ctx.out << fmt::format("新建检查 {} 次，记录历史 {} 条\n", r.inspections_created, r.events_written);
    if (r.rule_breaks > 0)
      ctx.out << fmt::format("有 {} 行历史记录不符合现行规则（重大隐患五落实不全、验收人即责任人或重大隐患即查即改），已按原样导入：{}\n",
                             r.rule_breaks, rows_named(ctx, r.rule_break_rows, o.verbose));
  } else {
    ctx.out << fmt::format("{} {}: {} rows read, {} new, {} updated, {} skipped (already present), {} rejected\n", head,
                           o.file, b.rows_read, b.rows_imported, b.rows_updated, b.rows_skipped, b.rows_rejected);
    if (o.create_missing) ctx.out << fmt::format("{} enterprises created, ", r.enterprises_created);
    ctx.out << fmt::format("{} inspections created, {} history events written\n", r.inspections_created, r.events_written);
    if (r.rule_breaks > 0)
      ctx.out << fmt::format("{} rows of history break the live rules (major hazard without its full 五落实, verified by "
                             "its owner, or a major hazard fixed on the spot); imported as they are: {}\n",
                             r.rule_breaks, rows_named(ctx, r.rule_break_rows, o.verbose));
  }
  for (const auto& k : r.kept_as_written) ctx.out << kept_as_written_line(ctx, k) << '\n';
  if (o.skip_invalid && b.rows_rejected > 0) {
    if (!o.rejects.empty()) ctx.note(fmt::format("{} {}", ctx.tr("被拒绝的行已写入", "rejected rows written to"), o.rejects));
    return k_exit_findings;
  }
  return k_exit_ok;
}

}  // namespace

void add_hazard_import_command(CLI::App& group, Context& ctx)
{
  auto& o = ctx.own<ImportCliOptions>();
  auto* cmd = group.add_subcommand("import", "Import a findings sheet (.xlsx, or CSV in UTF-8 or GB18030), all or nothing");
  cmd->add_option("FILE", o.file, "The CSV file or .xlsx workbook (recognised by its content)");
  cmd->add_option("--sheet", o.sheet, "Of an .xlsx workbook: the sheet to read, by name or number from 1 (default: the first)");
  cmd->add_option("--encoding", o.encoding, "auto (default: BOM, else UTF-8, else GB18030), utf-8 or gb18030");
  cmd->add_option("--map", o.maps, "A column the tool does not know: --map 列名=field (repeatable)")->take_all();
  cmd->add_option("--map-value", o.value_maps, "A value the tool does not know: --map-value level:C=general (repeatable)")
      ->take_all();
  cmd->add_flag("--create-missing-enterprises", o.create_missing,
                "Register an enterprise the sheet names but the database lacks, from the row's USCC, name, region "
                "(所属地区) and sector (行业, else other)");
  cmd->add_flag("--skip-invalid", o.skip_invalid, "Import the good rows, reject the bad (exit 3)");
  cmd->add_option("--rejects", o.rejects, "With --skip-invalid: write the bad rows and why to this CSV");
  cmd->add_flag("--dry-run", o.dry_run, "Check and count everything, write nothing");
  cmd->add_option("--on-conflict", o.on_conflict, "A row already imported: skip (default), update (apply changes as history) or error")
      ->check(CLI::IsMember({"skip", "update", "error"}));
  cmd->add_option("--blank", o.blank,
                  "With --on-conflict update, a blank cell: keep the stored value (default) or clear it; a column the "
                  "sheet lacks never changes anything")
      ->check(CLI::IsMember({"keep", "clear"}));
  cmd->add_option("--on", o.on, "Business date for the history of updates and voids without a date (default: today)");
  cmd->add_flag("--list", o.list, "List the earlier imports (batches) instead");
  cmd->add_flag("-v,--verbose", o.verbose, "Name every row the summary counts (default: the first ten)");
  add_output_options(cmd, o.output);
  set_example(cmd, "ankang hazard import findings-2021.csv\n"
                   "  ankang hazard import ledger.csv --map 整改负责人=owner --map-value level:C=general\n"
                   "  ankang hazard import big.csv --skip-invalid --rejects rejects.csv\n"
                   "  ankang hazard import --list");
  cmd->callback([&ctx, &o] { ctx.action = [&ctx, &o] { return run_import(ctx, o); }; });
}

}  // namespace ankang::cli

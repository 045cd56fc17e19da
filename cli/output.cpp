#include "cli/output.hpp"

#include "error.hpp"
#include "io/atomic_file.hpp"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <fmt/format.h>

namespace ankang::cli {

CLI::Validator row_limit_validator()
{
  return CLI::Validator(
      [](std::string& value) -> std::string {
        size_t used = 0;
        long long n = 0;
        try {
          n = std::stoll(value, &used);
        } catch (const std::exception&) {
          used = 0;
        }
        if (used != value.size() || used == 0 || n < 1)
          return fmt::format("{} is not a number of rows: give 1 or more, or leave --limit out to list every match",
                             quote_value(value));
        return {};
      },
      "N");
}

void add_output_options(CLI::App* cmd, OutputOptions& options, std::string default_format)
{
  options.format = default_format;
  cmd->add_option("--format,-f", options.format, "Output format: table, csv, json, jsonl, md or xlsx (with -o FILE)")
      ->default_str(default_format)
      ->check(CLI::Validator(
          [](std::string& value) -> std::string {
            if (value == "html") return {};  // reports render HTML; other commands refuse it when they run
            try {
              io::parse_format(value);
              return {};
            } catch (const std::exception& e) {
              return e.what();
            }
          },
          "FORMAT"));
  cmd->add_option("-o,--output", options.path, "Write to FILE instead of standard output (mode 0600)");
  cmd->add_flag("--bom", options.bom, "Start CSV with a UTF-8 byte order mark, for Excel");
}

namespace {

// The pager's command: ANKANG_PAGER, then PAGER, then less -FRX (quits at once when the text fits,
// keeps colours, leaves the text on the screen). Empty or "cat": none.
std::string pager_command()
{
  for (const char* name : {"ANKANG_PAGER", "PAGER"})
    if (const char* value = std::getenv(name)) return value;
  return "less -FRX";
}

size_t count_lines(std::string_view text) { return static_cast<size_t>(std::count(text.begin(), text.end(), '\n')); }

// Shows text through the pager; false when none could be started (the caller prints it).
bool page(const std::string& text)
{
  const std::string command = pager_command();
  if (command.empty() || command == "cat") return false;
  ::setenv("LESSCHARSET", "utf-8", 0);  // less in the C locale would show 中文 as <E4><B8><AD>
  std::fflush(stdout);
  FILE* pipe = ::popen(command.c_str(), "w");
  if (!pipe) return false;
  // A person who quits the pager early closes the pipe: that is not an error.
  const auto previous = std::signal(SIGPIPE, SIG_IGN);
  std::fwrite(text.data(), 1, text.size(), pipe);
  ::pclose(pipe);
  std::signal(SIGPIPE, previous);
  return true;
}

}  // namespace

void check_output_path(const Context& ctx, std::string_view option, const std::string& path,
                       const std::vector<std::string>& inputs)
{
  if (path.empty() || path == "-") return;
  const auto refuse = [&](std::string_view what_zh, std::string_view what_en, const std::string& file) {
    throw Error(ErrorKind::usage,
                fmt::format(fmt::runtime(ctx.tr("{} {} 就是{} {}，写入会毁掉它", "{} {} is {} {}: writing it would destroy it")),
                            option, quote_value(path), ctx.tr(what_zh, what_en), quote_value(file)),
                std::string(ctx.tr("换一个输出文件名", "choose another output file")));
  };
  if (io::same_file(path, ctx.db_path)) refuse("数据库", "the database", ctx.db_path);
  for (const char* suffix : {"-wal", "-shm"})
    if (io::same_file(path, ctx.db_path + suffix)) refuse("数据库的", "the database's", ctx.db_path + suffix);
  for (const auto& input : inputs)
    if (!input.empty() && input != "-" && io::same_file(path, input)) refuse("输入文件", "the input file", input);
}

void with_output(const Context& ctx, const OutputOptions& options, const std::function<void(std::ostream&)>& write)
{
  if (options.format == "xlsx" && (options.path.empty() || options.path == "-"))
    throw Error(ErrorKind::usage, "--format xlsx writes a binary workbook, not text for a terminal or a pipe",
                "name the file with -o FILE.xlsx");
  if (options.path.empty() || options.path == "-") {
    if (ctx.stdout_is_terminal && !ctx.no_pager) {
      // Longer than the screen: through the pager. Pipes and files get the text unchanged.
      std::ostringstream buffer;
      write(buffer);
      const std::string text = buffer.str();
      ctx.out.flush();  // what was printed before goes out before the pager's text
      if (count_lines(text) < ctx.terminal_rows || !page(text)) ctx.out << text;
      ctx.out.flush();
      return;
    }
    write(ctx.out);
    ctx.out.flush();
    return;
  }
  check_output_path(ctx, "-o", options.path);
  io::AtomicFile file(options.path);
  write(file.stream());
  file.commit();
}

void emit_table(const Context& ctx, const OutputOptions& options, const io::Table& table, bool for_people)
{
  const io::Format format = options.parsed();
  io::WriteOptions wo;
  wo.bom = options.bom;
  wo.scratch_prefix = options.scratch_prefix();
  wo.for_people = for_people || format == io::Format::xlsx;  // a workbook is read by people: labels as headers
  // In a terminal a table fits its width, cut with '…' (--wide: whole); elsewhere it is whole.
  if (ctx.stdout_is_terminal && !ctx.wide && (options.path.empty() || options.path == "-")) wo.max_width = ctx.terminal_columns;
  wo.terminal = to_terminal(ctx, options);
  with_output(ctx, options, [&](std::ostream& os) { io::write_table(table, format, os, wo); });
}

}  // namespace ankang::cli

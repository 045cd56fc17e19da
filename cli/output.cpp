#include "cli/output.hpp"

#include "io/atomic_file.hpp"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace ankang::cli {

void add_output_options(CLI::App* cmd, OutputOptions& options, std::string default_format)
{
  options.format = default_format;
  cmd->add_option("--format,-f", options.format, "Output format: table, csv, json, jsonl or md")
      ->default_str(default_format)
      ->check(CLI::Validator(
          [](std::string& value) -> std::string {
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

void with_output(const Context& ctx, const OutputOptions& options, const std::function<void(std::ostream&)>& write)
{
  if (options.path.empty() || options.path == "-") {
    if (ctx.stdout_is_terminal && !ctx.no_pager) {
      // Longer than the screen: through the pager. Pipes and files get the text unchanged.
      std::ostringstream buffer;
      write(buffer);
      const std::string text = buffer.str();
      if (count_lines(text) < ctx.terminal_rows || !page(text)) ctx.out << text;
      ctx.out.flush();
      return;
    }
    write(ctx.out);
    ctx.out.flush();
    return;
  }
  io::AtomicFile file(options.path);
  write(file.stream());
  file.commit();
}

void emit_table(const Context& ctx, const OutputOptions& options, const io::Table& table, bool for_people)
{
  const io::Format format = options.parsed();
  io::WriteOptions wo;
  wo.bom = options.bom;
  wo.for_people = for_people;
  // In a terminal a table fits its width, cut with '…' (--wide: whole); elsewhere it is whole.
  if (ctx.stdout_is_terminal && !ctx.wide && (options.path.empty() || options.path == "-")) wo.max_width = ctx.terminal_columns;
  with_output(ctx, options, [&](std::ostream& os) { io::write_table(table, format, os, wo); });
}

}  // namespace ankang::cli

#include "cli/output.hpp"

#include "io/atomic_file.hpp"

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

void with_output(const Context& ctx, const OutputOptions& options, const std::function<void(std::ostream&)>& write)
{
  if (options.path.empty() || options.path == "-") {
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
  with_output(ctx, options, [&](std::ostream& os) { io::write_table(table, format, os, wo); });
}

}  // namespace ankang::cli

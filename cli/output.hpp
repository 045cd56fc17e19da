#pragma once
// The one helper that gives every command printing rows --format, -o FILE and --bom.
#include "cli/context.hpp"
#include "io/table.hpp"

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ankang::cli {

struct OutputOptions {
  std::string format;
  std::string path;  // -o FILE; empty = stdout
  bool bom = false;
  bool no_bom = false;  // reports: CSV without the byte order mark they carry by default

  // Where an .xlsx workbook is made before it is copied to -o FILE: beside it.
  std::string scratch_prefix() const { return path + "."; }

  io::Format parsed() const { return io::parse_format(format); }
};

// For --limit N: a whole number of 1 or more, with a plain message otherwise (CLI11's own says
// "Value 0 not in range 1 to 9.22337e+18").
CLI::Validator row_limit_validator();

void add_output_options(CLI::App* cmd, OutputOptions& options, std::string default_format = "table");

// Refuses (Error usage, exit 2) an output path that is the database, its -wal or -shm, or one
// of `inputs`, whatever its spelling (same device and inode, or the same resolved path).
// `option` names the option in the message: "-o", "--rejects", "FILE".
void check_output_path(const Context& ctx, std::string_view option, const std::string& path,
                       const std::vector<std::string>& inputs = {});

// Runs `write` against stdout, or against -o FILE written atomically (mode 0600).
void with_output(const Context& ctx, const OutputOptions& options, const std::function<void(std::ostream&)>& write);

// True when the output goes to a terminal (no -o, standard output a terminal): CSV is then
// shown escaped as the table is (io::WriteOptions::terminal).
inline bool to_terminal(const Context& ctx, const OutputOptions& options)
{
  return (options.path.empty() || options.path == "-") && ctx.stdout_is_terminal;
}

// csv, json and jsonl are for machines (English keys, stored codes, what import reads back);
// table, md, html and xlsx for people.
inline bool is_machine_format(io::Format f) { return f == io::Format::csv || f == io::Format::json || f == io::Format::jsonl; }

// Writes a table in the chosen format. `for_people`: labels as CSV headers and formula-like
// cells neutralised (reports); otherwise English keys and raw text (list, export).
void emit_table(const Context& ctx, const OutputOptions& options, const io::Table& table, bool for_people);

}  // namespace ankang::cli

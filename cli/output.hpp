#pragma once
// The one helper that gives every command printing rows --format, -o FILE and --bom.
#include "cli/context.hpp"
#include "io/table.hpp"

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

namespace ankang::cli {

struct OutputOptions {
  std::string format;
  std::string path;  // -o FILE; empty = stdout
  bool bom = false;

  io::Format parsed() const { return io::parse_format(format); }
};

void add_output_options(CLI::App* cmd, OutputOptions& options, std::string default_format = "table");

// Runs `write` against stdout, or against -o FILE written atomically (mode 0600).
void with_output(const Context& ctx, const OutputOptions& options, const std::function<void(std::ostream&)>& write);

// Writes a table in the chosen format. `for_people`: labels as CSV headers and formula-like
// cells neutralised (reports); otherwise English keys and raw text (list, export).
void emit_table(const Context& ctx, const OutputOptions& options, const io::Table& table, bool for_people);

}  // namespace ankang::cli

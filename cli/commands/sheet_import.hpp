#pragma once
// What every `X import FILE` command on the import driver shares: its options (FILE, --sheet,
// --encoding, --skip-invalid, --rejects, --dry-run, --map, --map-value), the driver's options
// made from them, and the report of the sheet's notes and bad rows.
#include "cli/context.hpp"
#include "ops/import_driver.hpp"

#include <CLI/CLI.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace ankang::cli {

struct SheetImportOptions {
  std::string file, encoding = "auto", rejects, sheet;
  bool skip_invalid = false, dry_run = false;
  std::vector<std::string> maps, value_maps;
};

// Adds the options; `map_value_example` is the --map-value help's example: "kind:违章=operation".
void add_sheet_import_options(CLI::App* cmd, SheetImportOptions& o, std::string_view map_value_example);

// The driver's options: the file, encoding, sheet options in the user's language, all or nothing
// or --skip-invalid with --rejects, the actor and the time (the rejects path checked first).
ops::ImportOptions driver_options(Context& ctx, const SheetImportOptions& o);

// Prints the encoding, the sheet's notes and every row error in the user's language; throws
// Error(invalid_input) (exit 5, nothing written) when rows are bad and --skip-invalid is not given.
void report_sheet_problems(Context& ctx, const SheetImportOptions& o, std::string_view encoding,
                           const std::vector<std::string>& notes, const std::vector<std::string>& errors, int64_t rejected);

// After a --skip-invalid import that rejected rows into --rejects FILE: a note that says so.
void note_rejects_written(Context& ctx, const SheetImportOptions& o, int64_t rejected);

}  // namespace ankang::cli

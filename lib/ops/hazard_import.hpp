#pragma once
// `hazard import FILE`: the findings sheet an inspection team exports from Excel, one row per
// finding (DESIGN §6). Streams the file in one transaction with statements prepared once, so
// that memory does not grow with the file and 10^6 rows load at close to SQLite's own speed.
// All or nothing by default: the guarantee comes from the transaction, not from buffering rows.
#include "io/encoding.hpp"
#include "io/sheet.hpp"
#include "ops/hazard_ops.hpp"
#include "ops/import_driver.hpp"
#include "ops/on_conflict.hpp"
#include "store/database.hpp"
#include "store/import_batch_store.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace ankang::ops {

// Every option of an import (ImportOptions: file, --map, --skip-invalid, --dry-run,
// --on-conflict, --blank …), and the hazard import's own.
struct HazardImportOptions : ImportOptions {
  bool create_missing_enterprises = false;
};

// An optional coded column whose values were not all codes or synonyms: the rows written with
// such a value keep it as the sheet wrote it (issue 13 point 1), for the summary.
struct KeptAsWritten {
  std::string field;         // the field key: category, kind
  std::string column;        // the sheet's header: 隐患类别
  std::string example_code;  // a code for the --map-value example: environment
  int64_t rows = 0;
  std::vector<std::pair<std::string, int64_t>> values;  // value → rows, most rows first
};

struct HazardImportResult {
  store::ImportBatch batch;          // file, SHA-256, encoding and the row counts
  std::vector<std::string> notes;    // title rows, 合计 row, unknown columns …
  std::vector<std::string> errors;   // "FILE:LINE: column 'X': value 'Y': reason", one per bad row
  int64_t inspections_created = 0;
  int64_t enterprises_created = 0;
  int64_t events_written = 0;
  // Imported history is taken as it happened; these rows would break the live rules
  // (a major hazard in rectification without its full 五落实, verified by its own owner,
  // a major hazard fixed on the spot).
  int64_t rule_breaks = 0;
  std::vector<uint64_t> rule_break_rows;  // their row numbers as the sheet shows them, in order
  std::vector<KeptAsWritten> kept_as_written;
  bool committed = false;  // false: dry run, or rejected as a whole
};

// Imports the sheet on the import driver (ops/import_driver.hpp). Row errors are collected in the result (never thrown): when there are any
// and !skip_invalid, nothing is written and committed is false. A record that is not proper CSV
// (a stray quote, a wrong number of fields) is a row error too. A file that cannot be read, is
// in no encoding or has no header throws Error(invalid_input) naming FILE:LINE.
HazardImportResult import_hazards(store::Database& db, const HazardImportOptions& options, const Actor& actor);

// A 状态 word of a real ledger (DESIGN §6): 已销号 → closed, 已现场处理 → closed on the spot,
// 已整改 → submitted, 已五定 → rectifying, 未整改 → open, 已作废 → void; stored codes and their
// labels too. nullopt for an unknown word.
struct LedgerStatus {
  domain::HazardStatus status = domain::HazardStatus::open;
  bool on_spot = false;
};
std::optional<LedgerStatus> parse_ledger_status(std::string_view word);

// The fields an import understands, with the header names real sheets use.
std::span<const ImportField> hazard_import_fields();

}  // namespace ankang::ops

#pragma once
// The enterprise commands' work: validating fields, add / update / archive in one transaction
// each, import of a sheet (upsert by credit code) and export in the form import reads.
#include "io/encoding.hpp"
#include "io/sheet.hpp"
#include "io/table.hpp"
#include "ops/import_driver.hpp"
#include "ops/on_conflict.hpp"
#include "store/database.hpp"
#include "store/enterprise_store.hpp"
#include "store/import_batch_store.hpp"
#include "store/region_store.hpp"

#include <array>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace ankang::ops {

// The user fields of an enterprise, in the order of the machine CSV columns.
enum class EnterpriseField {
  uscc,
  reg_no,
  name,
  sectors,
  region_code,
  region,
  address,
  legal_rep,
  safety_contact,
  phone,
  employees,
  risk_level,
  has_union,
};
inline constexpr size_t k_enterprise_field_count = 13;

// The sheet columns: English key (the export header) and the Chinese headers import accepts.
std::span<const ImportField> enterprise_sheet_fields();

// Field values as text, as typed or read from a sheet; nullopt = not given (keep what is stored).
using EnterpriseText = std::array<std::optional<std::string>, k_enterprise_field_count>;

struct FieldProblem {
  EnterpriseField field;
  std::string value;
  std::string why;
};

// Validates the given texts and applies them to `e`. Returns every problem (nothing applied
// when there is one). Required after applying: uscc, name, one sector, a region.
std::vector<FieldProblem> apply_enterprise_text(const store::RegionStore& regions, const EnterpriseText& text,
                                                store::Enterprise& e);

// Field parsers shared with list filters. Each returns nullopt and sets `why` on failure.
std::optional<std::vector<std::string>> parse_sectors(std::string_view text, std::string& why);
std::optional<bool> parse_yes_no(std::string_view text, std::string& why);

// Finds an enterprise by credit code (any case) or row id; Error(not_found) otherwise.
store::Enterprise find_enterprise(SQLite::Database& db, std::string_view key);

// Adds an enterprise; Error(invalid_input) naming the field for a bad value, Error(conflict)
// when the credit code is taken.
store::Enterprise add_enterprise(store::Database& db, const EnterpriseText& text, const std::string& now);
// Changes the given fields; returns the enterprise as stored and whether anything changed.
std::pair<store::Enterprise, bool> update_enterprise(store::Database& db, std::string_view key,
                                                     const EnterpriseText& text, const std::string& now);
// Archives (or with restore, un-archives) an enterprise; returns it as stored.
store::Enterprise archive_enterprise(store::Database& db, std::string_view key, bool restore, const std::string& now);

OnConflict parse_on_conflict(std::string_view text);  // Error(usage) otherwise

// Every option of an import (ops/import_driver.hpp); a registered enterprise is updated by default.
struct EnterpriseImportOptions : ImportOptions {
  EnterpriseImportOptions() { on_conflict = OnConflict::update; }
};

struct EnterpriseImportResult {
  std::string encoding;  // utf-8 or gb18030
  std::string sha256;
  std::vector<std::string> notes;   // from the sheet: skipped rows, unknown columns
  std::vector<std::string> errors;  // FILE:LINE: column 'X': value 'Y': reason
  int64_t rows = 0;
  int64_t added = 0;
  int64_t updated = 0;
  int64_t unchanged = 0;
  int64_t skipped = 0;  // already registered, --on-conflict skip
  int64_t rejected = 0;
  int64_t batch_id = 0;  // 0 when nothing was written
  bool written = false;
};

// Imports enterprises from a sheet in one transaction, on the import driver. With errors and without
// skip_invalid nothing is written (result.errors says why; written = false). A record that is
// not proper CSV (a wrong number of fields, a stray or unterminated quote) is a bad row too.
EnterpriseImportResult import_enterprises(store::Database& db, const std::string& path,
                                          const EnterpriseImportOptions& options);

// The machine table of enterprises: the columns and values import reads back.
io::Table enterprise_machine_table(const std::vector<store::Enterprise>& list);

}  // namespace ankang::ops

#pragma once
// Campaign records (三违, special training …), each type described once: its fields (key,
// column, option, Chinese headers import accepts, kind of value, labels), from which come the
// table, the add command's checks, the import's columns, export and the summary. Each write is
// one transaction; an import writes all its rows or none (unless skip_invalid).
#include "domain/codes.hpp"
#include "domain/date.hpp"
#include "io/encoding.hpp"
#include "io/sheet.hpp"
#include "io/table.hpp"
#include "ops/import_driver.hpp"
#include "store/database.hpp"
#include "store/record_store.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ankang::ops {

enum class FieldKind {
  text,     // free text, trimmed
  day,      // a date, not after the business date
  code,     // one of a CodeSet (code, label or alias)
  count,    // a whole number ≥ min
  decimal,  // a number > 0 with at most one decimal place: 2, 1.5
  flag,     // yes / no (是/否); stored 1 / 0
};

struct RecordField {
  std::string_view key;      // export key, JSON key: on, kind, description …
  std::string_view column;   // the table's column
  std::string_view option;   // the add command's option: --desc
  std::string_view headers;  // '|'-separated headers import accepts; the first is the Chinese label
  std::string_view en;       // the English label
  FieldKind kind = FieldKind::text;
  bool required = false;
  const domain::CodeSet& (*codes)() = nullptr;  // for FieldKind::code
  int64_t min = 0;                               // for FieldKind::count

  constexpr std::string_view zh_label() const { return headers.substr(0, headers.find('|')); }
};

using RecordValues = std::vector<std::optional<std::string>>;  // per field, stored form; nullopt = none

struct RecordProblem {
  size_t field;  // index in the type's fields
  std::string value;
  std::string why;
};

struct RecordType {
  std::string_view name;  // violation, training: table, batch kind, command group
  std::span<const RecordField> fields;  // fields[0] is the day (on)
  std::span<const store::RecordColumn> columns;  // the same, as the store sees them
  std::span<const ImportField> import_fields;  // enterprise, enterprise_name, the fields, uuid (the driver's table)
  size_t group_field = 0;                // the coded field counted by (kind, audience)
  std::optional<size_t> measure;         // a count field summed (attendees); else records are counted
  // A rule across fields (a person named and anonymous both); nullopt when the values agree.
  std::optional<RecordProblem> (*check)(const RecordValues&) = nullptr;

  store::RecordTable table() const { return {name, columns}; }
  size_t field(std::string_view key) const;  // index of a key; std::logic_error when unknown
};

const RecordType& violation_type();
const RecordType& training_type();
// The record type whose imports have this batch kind, or nullptr.
const RecordType* record_type_of_batch(std::string_view kind);

// Checks the given texts (per field; nullopt or blank = not given) and returns the stored values,
// or every problem. `today` bounds the day.
RecordValues parse_record_values(const RecordType& type, const std::vector<std::optional<std::string>>& text,
                                 domain::Date today, std::vector<RecordProblem>& problems);

struct RecordActor {
  std::string user;
  domain::Date today;
  std::string now;
};

// Adds a record for the enterprise named by `enterprise` (credit code, name or id).
// Error(invalid_input) naming the option and value for a bad value.
store::CampaignRecord add_record(store::Database& db, const RecordType& type, std::string_view enterprise,
                                 const std::vector<std::optional<std::string>>& text, const RecordActor& actor);

// Imports records from a CSV or .xlsx sheet on the import driver (one transaction, all or nothing
// unless skip_invalid, the batch row that `batch undo` reads): the enterprise by credit code or
// name, the fields by the type's table; a row whose uuid is on record already (an export read
// back) is skipped. `today` bounds the days.
ImportResult import_records(store::Database& db, const RecordType& type, const ImportOptions& options, domain::Date today);

// The machine table (list --format csv|json|jsonl, export): English keys, stored codes; the
// columns import reads back.
io::Table record_machine_table(const RecordType& type, const std::vector<store::CampaignRecord>& records);
// The table for people: labels in `lang`, the enterprise's name and prefecture.
io::Table record_people_table(const RecordType& type, const std::vector<store::CampaignRecord>& records,
                              domain::Lang lang);

enum class RecordGrouping { field, sector, region };

struct RecordSummaryRow {
  std::string key;    // the code, sector, or prefecture code ('' = none)
  std::string label;  // in the language asked
  int64_t records = 0;
  int64_t measure = 0;  // the measure summed (records when the type has none)
};

// Records (and the measure) grouped by the type's coded field, the enterprise's primary sector or
// its prefecture; every code of the field and sector listed in order, regions as found.
std::vector<RecordSummaryRow> summarize_records(const RecordType& type, const std::vector<store::CampaignRecord>& records,
                                                RecordGrouping by, domain::Lang lang);

}  // namespace ankang::ops

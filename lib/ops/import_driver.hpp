#pragma once
// The one import driver (issue 13 point 10): everything a sheet import does whatever its records
// are — reading the sheet (CSV or .xlsx, title rows, header aliases, --map, --map-value), all or
// nothing / --skip-invalid / --rejects / --dry-run in one transaction, the batch row that `batch
// list|show|undo` read, progress, the notes and the row errors. A record type brings a field
// table and a row function:
//
//   constexpr std::array k_training_fields{
//       ImportField{"uscc", "统一社会信用代码|信用代码", true, CellKind::uscc, "enterprise_id", "企业", "enterprise"},
//       ImportField{"held_on", "培训日期|日期", true, CellKind::date, "held_on", "培训日期", "date held"},
//       ImportField{"hours", "学时", false, CellKind::number, "hours", "学时", "hours"},
//   };
//   ImportResult r = run_import(db, options, {"training", k_training_fields}, {.row = [&](ImportRow& row) {
//     const auto held_on = row.date(1);             // errors are collected on the row, all of them
//     const auto hours = row.number(2);
//     if (!row.ok() || !row.writing()) return RowOutcome::imported;  // bad row, or validating only
//     store::insert_training(db, ..., row.run().batch().id);
//     return RowOutcome::imported;
//   }});
//
// The row function validates every cell (each problem with ImportRow::error, so that a user
// fixes a row once), and writes only when row.writing(); a row with errors is rejected by the
// driver (error lines, rejects file, counts). Everything the function writes goes into the
// driver's transaction and carries the batch id.
#include "domain/codes.hpp"
#include "domain/date.hpp"
#include "domain/money.hpp"
#include "io/encoding.hpp"
#include "io/sheet.hpp"
#include "ops/on_conflict.hpp"
#include "store/database.hpp"
#include "store/import_batch_store.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ankang::ops {

struct ImportSteps;

// How a cell is read (ImportRow::value).
enum class CellKind {
  text,    // as written, trimmed
  date,    // 2021-08-16, 2021/8/16, 2021年8月16日, full-width digits, an Excel serial (44428)
  number,  // a whole number: full-width digits, thousands separators (1,200 or 1，200)
  money,   // an amount in yuan, or 万元 when the header says so: 整改资金（万元）
  flag,    // yes/no: 是/否, yes/no, 1/0
  code,    // one of a CodeSet's codes, labels or synonyms (ImportField::codes)
  uscc,    // a unified social credit code (GB 32100)
};

// One row of a record type's field table.
struct ImportField {
  std::string_view key;      // the export header, the --map target and the machine name: "found_on"
  std::string_view aliases;  // the headers real sheets use, '|'-separated: "检查日期|排查日期|date"
  bool required = false;     // the header must have it
  CellKind kind = CellKind::text;
  std::string_view column = {};    // where it is stored: "hazard.found_on"
  std::string_view label_zh = {};  // what a person calls it: 检查日期
  std::string_view label_en = {};  // date found
  const domain::CodeSet& (*codes)() = nullptr;  // CellKind::code: its code set
};

// What a record type's import is: its batch kind and its field table.
struct ImportKind {
  std::string_view kind;  // the batch's kind and the record's name: "hazard", "enterprise"
  std::span<const ImportField> fields;
};

// Every import's options, as the command line gives them.
struct ImportOptions {
  std::string path;
  io::Encoding encoding = io::Encoding::auto_detect;
  io::SheetOptions sheet;      // --map, --map-value, --sheet; the language of the notes
  bool skip_invalid = false;   // write the good rows; the bad ones to `rejects_path` (if any)
  std::string rejects_path;
  bool dry_run = false;        // do everything, then roll back
  OnConflict on_conflict = OnConflict::skip;
  // --blank clear: a blank cell clears the stored value on update (default: keeps it). A column
  // the sheet does not have never changes a stored field either way (ImportRow::given).
  bool blank_clear = false;
  std::string actor;  // who imports, for the batch row
  std::string now;    // when (UTC), for the batch row
  // Called every 4,096 rows and at the end: rows so far, bytes read, file size.
  std::function<void(uint64_t rows, uint64_t bytes, uint64_t size)> progress;
};

struct ImportResult {
  store::ImportBatch batch;         // file, SHA-256, encoding and the row counts
  std::vector<std::string> notes;   // the sheet's (title rows, 合计 row, unknown columns …), then the record type's
  std::vector<std::string> errors;  // "FILE:ROW: column 'X': value 'Y': why", one line per problem
  bool committed = false;           // false: dry run, or rejected as a whole
};

// What a row function did with a valid row (counted in the batch).
enum class RowOutcome { imported, updated, skipped };

class ImportRun;

// One data row as the row function sees it.
class ImportRow {
 public:
  ImportRun& run() const { return m_run; }
  const io::SheetRow& sheet_row() const { return m_row; }
  // Does the sheet have the field's column?
  bool has(size_t field) const;
  // Does the row set the field? Its column is there and the cell is not blank (or --blank clear).
  bool given(size_t field) const;
  // The trimmed cell after --map-value; empty when the sheet has no such column.
  std::string_view get(size_t field) const;

  // The cell read by its kind: nullopt when blank, or when it does not parse (an error is added).
  std::optional<domain::Date> date(size_t field);
  std::optional<int64_t> number(size_t field);
  std::optional<domain::Money> money(size_t field);
  std::optional<bool> flag(size_t field);
  std::optional<std::string_view> code(size_t field);  // the field's CodeSet
  std::optional<std::string> uscc(size_t field);
  // By the field table's kind, as text: the ISO date, the code, the number; blank → nullopt.
  std::optional<std::string> value(size_t field);

  // A problem with the row; every one is reported. `field` names the column (its header and value).
  void error(size_t field, std::string why);
  void error(std::string why);
  bool ok() const { return m_problems.empty(); }
  // False once an all-or-nothing import has a bad row (or this row is bad): validate, write nothing.
  bool writing() const;
  // "FILE:ROW", as errors and notes name a row.
  std::string where() const;

 private:
  friend class ImportRun;
  friend ImportResult run_import(store::Database&, const ImportOptions&, const ImportKind&, const ImportSteps&);
  struct Problem {
    std::optional<size_t> field;
    std::string why;
  };
  ImportRow(ImportRun& run, const io::SheetRow& row) : m_run(run), m_row(row) {}
  ImportRun& m_run;
  const io::SheetRow& m_row;
  std::vector<Problem> m_problems;
};

// One import in progress: what start, row and finish functions may use.
class ImportRun {
 public:
  store::Database& db() { return m_db; }
  const ImportOptions& options() const { return m_o; }
  const ImportKind& type() const { return m_type; }
  io::Sheet& sheet() { return *m_sheet; }
  const io::Sheet& sheet() const { return *m_sheet; }
  io::CsvReader& reader() { return *m_reader; }
  store::ImportBatch& batch() { return m_result.batch; }
  // The index of a field key in the record type's table (std::logic_error for an unknown key).
  size_t field(std::string_view key) const { return m_sheet->field(key); }
  // A note for the user, in options().sheet.lang, printed after the sheet's own.
  void note(std::string text) { m_notes.push_back(std::move(text)); }
  // False once an all-or-nothing import has a bad row: the rest is validated, nothing written.
  bool writing() const { return m_writing; }
  // True when the import will be committed: no dry run, and no bad row unless --skip-invalid.
  bool committing() const { return !m_o.dry_run && (m_result.errors.empty() || m_o.skip_invalid); }
  int64_t rows_rejected() const { return m_result.batch.rows_rejected; }
  // The dates of this import written as Excel serial numbers (a note says so at the end).
  void count_serial_date(std::string_view text, domain::Date d);

 private:
  friend class ImportRow;
  friend ImportResult run_import(store::Database&, const ImportOptions&, const ImportKind&, const ImportSteps&);
  ImportRun(store::Database& db, const ImportOptions& o, const ImportKind& type) : m_db(db), m_o(o), m_type(type) {}
  void reject(const ImportRow& row);

  store::Database& m_db;
  const ImportOptions& m_o;
  const ImportKind& m_type;
  std::vector<io::FieldSpec> m_specs;  // the table as the sheet reads it
  std::unique_ptr<io::CsvReader> m_reader;
  std::unique_ptr<io::Sheet> m_sheet;
  std::unique_ptr<io::RejectsWriter> m_rejects;
  ImportResult m_result;
  std::vector<std::string> m_notes;
  bool m_writing = true;
  int64_t m_serial_dates = 0;
  std::string m_serial_example;
};

// The record type's part. Only `row` is required.
struct ImportSteps {
  std::function<void(ImportRun&)> start = {};        // after the header, in the transaction, before the first row
  std::function<RowOutcome(ImportRow&)> row = {};    // each data row that is proper CSV with storable cells
  std::function<void(ImportRun&)> finish = {};       // after the last row (flush, notes); before the commit
};

// Runs the import. Row errors are collected in the result (never thrown): with any and without
// skip_invalid nothing is written and committed is false. A file that cannot be read, is in no
// encoding or has no header throws Error(invalid_input) naming FILE:LINE; a malformed --map or
// --map-value throws Error(usage).
ImportResult run_import(store::Database& db, const ImportOptions& options, const ImportKind& type,
                        const ImportSteps& steps);

// The field table as the sheet reader takes it (key, aliases, required).
std::vector<io::FieldSpec> sheet_fields(std::span<const ImportField> fields);

// The cell parsers ImportRow uses, for a row function with rules of its own. Each returns
// nullopt and sets `why` on failure.
// A number as Excel may show it: full-width digits (NFKC) and thousands separators taken out.
std::string plain_number(std::string_view text);
// A date as Excel writes it: full-width digits, or a serial number of the 1900 date system
// (`serial` set: the import notes how many).
std::optional<domain::Date> parse_sheet_date(std::string_view text, std::string& why, bool& serial);
// A code of `set` by its code, label or synonym (full-width letters too). `key` is the field's,
// for the --map-value hint in `why`.
std::optional<std::string_view> parse_sheet_code(const domain::CodeSet& set, std::string_view text,
                                                 std::string_view key, std::string& why);
// yes/no: 是/否, yes/no, y/n, true/false, 1/0.
std::optional<bool> parse_sheet_flag(std::string_view text, std::string& why);

}  // namespace ankang::ops

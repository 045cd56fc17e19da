#pragma once
// A sheet as Excel exports it, on top of CsvReader: title rows above the header, the header in
// Chinese or English with the usual aliases and units in brackets, a 序号 column, blank rows and
// a 合计 row at the bottom. Shared by the enterprise and hazard imports.
#include "domain/codes.hpp"
#include "io/csv_reader.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ankang::io {

// One field an import understands.
struct FieldSpec {
  std::string_view key;      // English name, also accepted as a header: "uscc"
  std::string_view aliases;  // '|'-separated header names: "统一社会信用代码|信用代码|社会信用代码"
  bool required = false;     // the header must have it
};

// --map 列名=field and --map-value field:原值=值, as given on the command line.
struct SheetOptions {
  std::vector<std::string> column_maps;  // "列名=field"
  std::vector<std::string> value_maps;   // "field:原值=值"
  domain::Lang lang = domain::Lang::zh;  // of the notes (errors are English, as everywhere)
  std::string sheet_name = {};  // --sheet NAME|N of an .xlsx workbook; "" for its first sheet
};

class Sheet;

// One data row. Views are valid until the next call of Sheet::next().
class SheetRow {
 public:
  uint64_t line() const { return m_record.line; }
  // The row's number as the spreadsheet shows it (the record's number in the file).
  uint64_t number() const { return m_record.number; }
  // The trimmed text of a field after --map-value; empty when the sheet has no such column.
  std::string_view get(size_t field) const;
  // The row's cells as they are in the file (for a rejects file).
  const std::vector<std::string_view>& cells() const { return m_record.fields; }
  // When the reader recovers from malformed CSV: why the row is not proper CSV, else empty
  // (a quote's field named by its header, "column '企业名称': stray quote …"); and its text as in
  // the file (cells() are then not the sheet's columns).
  std::string_view malformed() const { return m_record.malformed; }
  std::string_view raw() const { return m_record.raw; }

 private:
  friend class Sheet;
  Record m_record;
  const Sheet* m_sheet = nullptr;
};

class Sheet {
 public:
  // Reads up to ten rows to find the header. Throws Error(usage) for a malformed --map or
  // --map-value, Error(invalid_input) "FILE: …" when no header is found, a required field has
  // no column or two columns mean the same field.
  Sheet(CsvReader& reader, std::span<const FieldSpec> fields, const SheetOptions& options = {});

  // The next data row, skipping blank rows and 合计/总计/小计 rows; false at the end. With
  // CsvReader::recover_malformed, also the malformed rows (SheetRow::malformed()); a malformed
  // row above the header still throws.
  bool next(SheetRow& row);

  // The index of a field key in the spec; throws std::logic_error for an unknown key.
  size_t field(std::string_view key) const;
  bool has(size_t field) const { return m_column_of[field] >= 0; }
  // The header text of the field's column as the file has it, e.g. "整改资金（万元）"; else the key.
  std::string column_name(size_t field) const;
  // The unit given in the field's header, e.g. "万元" for "整改资金（万元）" or "(万元)"; else "".
  std::string_view unit(size_t field) const;

  // "FILE:ROW: column 'X': value 'Y': WHY", the one form of a row error (ROW as where() says).
  std::string describe(const SheetRow& row, size_t field, std::string_view why) const;
  // "FILE:LINE: WHY".
  std::string describe(const SheetRow& row, std::string_view why) const;
  // Where a row is, as errors name it: "FILE:ROW" with ROW the spreadsheet's row number, and
  // " (line N)" after it when the file's physical line differs (a cell with line breaks above).
  std::string where(const SheetRow& row) const;

  // The first cell, among the columns the import reads, that cannot be stored as text: bytes
  // that are not UTF-8 in a UTF-8 file, a NUL byte, or more characters than a cell of Excel
  // holds (32,767). "column 'X': value '…': why", for describe(row, why); else nothing.
  std::optional<std::string> cell_problem(const SheetRow& row) const;

  uint64_t header_line() const { return m_header_line; }
  const std::vector<std::string>& header() const { return m_header; }
  // Notes for the user, in SheetOptions::lang: title rows skipped, unknown columns ignored,
  // total rows skipped. Collected as they happen; the caller prints them.
  const std::vector<std::string>& notes() const { return m_notes; }
  size_t rows_skipped() const { return m_blank_rows + m_total_rows; }
  CsvReader& reader() { return m_reader; }

 private:
  friend class SheetRow;
  std::optional<size_t> match(std::string_view header_cell) const;
  void name_malformed_field(Record& record) const;
  void note_hidden_rows();  // at the end of an .xlsx sheet

  CsvReader& m_reader;
  std::span<const FieldSpec> m_fields;
  std::vector<std::pair<std::string, size_t>> m_column_maps;                   // normalised column name → field
  std::vector<std::vector<std::pair<std::string, std::string>>> m_value_maps;  // per field
  std::vector<int> m_column_of;                                                // per field: column index or -1
  std::vector<std::string> m_units;
  std::vector<std::string> m_header;
  uint64_t m_header_line = 0;
  std::vector<std::string> m_notes;
  domain::Lang m_lang = domain::Lang::zh;
  size_t m_blank_rows = 0;
  size_t m_total_rows = 0;
  bool m_hidden_noted = false;
  Record m_pending;  // the rows read while looking for the header
};

// Header text reduced for comparison: no unit in brackets, no blanks, line breaks or '*',
// ASCII lower case. "整改资金\n（万元）*" → "整改资金".
std::string normalize_header(std::string_view cell);
// The unit in brackets at the end of a header, "（万元）" or "(万元)" → "万元"; else "".
std::string header_unit(std::string_view cell);
// Trims ASCII blanks and the full-width space.
std::string_view trim_cell(std::string_view text);

// Rows that failed validation, written as CSV (UTF-8 with a BOM, for Excel): the line, the
// original cells under the original header, and the reason. Mode 0600, renamed into place by
// commit().
class RejectsWriter {
 public:
  RejectsWriter(std::string path, const std::vector<std::string>& header);
  ~RejectsWriter();
  void add(uint64_t line, const std::vector<std::string_view>& cells, std::string_view reason);
  // A row that is not proper CSV: its text in the first column, the reason in its own.
  void add_raw(uint64_t line, std::string_view raw, std::string_view reason);
  size_t count() const { return m_count; }
  void commit();

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
  size_t m_count = 0;
  size_t m_width = 0;  // columns of the header
};

}  // namespace ankang::io

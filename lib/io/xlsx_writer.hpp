#pragma once
// .xlsx workbooks (libxlsxwriter) for people who live in Excel and WPS: typed cells (text stays
// text, so an all-digit credit code keeps its 18 digits; numbers are numbers, ISO dates are date
// cells, rates are percentages), a frozen header row and column widths that fit Chinese text.
// Rows stream (libxlsxwriter's constant-memory mode): 10^6 rows never sit in memory.
//
// libxlsxwriter writes to a file: the workbook is made in a scratch file (mode 0600, named from
// a prefix the caller chooses, e.g. beside the output) and then copied to the stream, so that
// it reaches the user's file by the same atomic path as every other output.
#include "io/table.hpp"

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace ankang::io {

struct XlsxCell {
  enum class Kind { blank, text, number, percent, date };
  Kind kind = Kind::blank;
  std::string text;     // text; a date as YYYY-MM-DD
  double number = 0;    // number; a percentage as a fraction (0.857 for 85.7 %)
  int decimals = -1;    // number and percent: decimals shown, -1 for Excel's General
};

// A cell of a Table: numbers as numbers, text that is exactly an ISO date as a date cell, other
// text as text, null as blank.
XlsxCell xlsx_cell(const Cell& cell);
// A number given as text ("85.7"), shown as a percentage.
XlsxCell xlsx_percent(std::string_view number_text);

class XlsxBook {
 public:
  // Throws Error(io) when the scratch file cannot be made.
  XlsxBook(std::ostream& out, std::string scratch_prefix);
  ~XlsxBook();  // removes the scratch file
  XlsxBook(const XlsxBook&) = delete;
  XlsxBook& operator=(const XlsxBook&) = delete;

  // Starts a sheet. The name is made valid for Excel (at most 31 characters, none of []:*?/\)
  // and unique in the workbook.
  void sheet(std::string_view name);
  // Lines above the table: a bold title, or plain text (a subtitle, a note).
  void title(std::string_view text);
  void text_line(std::string_view text);
  void blank_line();
  // The header row (bold, frozen so it stays in view) and the rows under it.
  void header(const std::vector<std::string>& labels);
  void row(const std::vector<XlsxCell>& cells);
  // Closes the workbook and copies it to the stream. Throws Error(io) when libxlsxwriter fails.
  void finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// A RowWriter for Format::xlsx: one sheet, the header row frozen.
std::unique_ptr<RowWriter> make_xlsx_row_writer(std::ostream& out, const WriteOptions& options);

}  // namespace ankang::io

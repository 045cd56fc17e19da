#pragma once
// A streaming reader of one worksheet of an .xlsx workbook, giving the same records as the CSV
// reader: each row's cells as text and, as its line, the sheet's row number (what Excel shows at
// the left), so that errors and rejects name the row a person sees. The sheet's XML is inflated
// from the zip entry block by block (libzip) and parsed as it comes (expat): memory holds the
// shared strings and styles, never the sheet.
//
// Cells become text as Excel shows them, without its number formatting: shared and inline
// strings as they are, numbers in the shortest form that keeps their value (15 significant
// digits, as Excel keeps), booleans TRUE / FALSE, error values (#N/A) as written, formulas by
// their cached value, and cells whose number format is a date (built-in formats 14–22, 27–36,
// 45–47, 50–58, or a custom format with date or time parts) as ISO dates "2021-08-14" (with
// " 09:30:00" when the value has a time of day), in the workbook's 1900 or 1904 date system.
#include "io/csv_reader.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ankang::io {

// What a file is, from its first bytes.
enum class FileKind {
  text,  // CSV or anything else read as text
  zip,   // "PK\3\4": an .xlsx workbook (or another zip, which the reader refuses)
  ole2,  // D0 CF 11 E0 A1 B1 1A E1: an old Excel .xls (BIFF) or another OLE2 document
};
FileKind sniff_file_kind(std::string_view first_bytes);

class XlsxReader {
 public:
  // Opens the workbook and the sheet named by `sheet`: "" for the first sheet, a sheet's name,
  // or its position counted from 1. Throws Error(invalid_input) "FILE: …" for a zip that is not
  // a readable workbook, Error(usage) for a sheet it does not have (naming the sheets it has).
  XlsxReader(std::string path, std::string_view sheet = {});
  ~XlsxReader();
  XlsxReader(const XlsxReader&) = delete;
  XlsxReader& operator=(const XlsxReader&) = delete;

  // The next row that has a cell with a value; false at the end. Fields are valid until the
  // next call. Throws Error(invalid_input) "FILE: …" when the sheet's XML is broken.
  bool next(Record& record);

  const std::string& sheet_name() const;
  size_t sheet_count() const;
  // Rows hidden in Excel that were read (they are imported like the others; the import notes
  // them): how many, and the numbers of the first twenty.
  size_t hidden_row_count() const;
  const std::vector<uint64_t>& hidden_rows() const;
  // Progress through the sheet's XML, uncompressed bytes.
  uint64_t bytes_read() const;
  uint64_t sheet_size() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// The ISO date of a serial day number of Excel's 1900 system (which counts a 29 February 1900
// that never was: serial 60) or of the 1904 system, with " HH:MM:SS" when `with_time` and the
// serial has a fraction of a day. Empty for a serial outside 1900–9999.
std::string excel_serial_to_iso(double serial, bool date1904, bool with_time);
// Whether a number format code shows a date or a time ("yyyy-mm-dd", "yyyy\"年\"m\"月\"d\"日\"",
// "h:mm"), ignoring quoted text, escaped characters and [colour] sections.
bool is_date_format_code(std::string_view code);
// Whether one of Excel's built-in number format ids is a date or time format.
bool is_builtin_date_format(int id);

}  // namespace ankang::io

#pragma once
// A streaming RFC 4180 reader for the CSV files Excel and WPS export: quoted fields with commas,
// quotes and line breaks; CRLF, LF or CR line ends; a UTF-8 byte order mark; UTF-8 or GB18030
// (detected, or forced). Memory does not grow with the file: it reads 1 MiB blocks and hands out
// fields as views into a buffer that is reused from one record to the next.
#include "io/encoding.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ankang::io {

// Bytes of a UTF-8 file that are not UTF-8, found in a record (see CsvReader::keep_invalid_utf8).
struct InvalidBytes {
  size_t field = 0;     // index of the field they are in
  uint64_t offset = 0;  // byte offset in the file of the first one
  std::string bytes;    // up to four bytes from there, in hex: "FF FE 20 75"
};

struct Record {
  uint64_t line = 0;  // physical line (1-based) where the record starts
  // The record's number (1-based), as a spreadsheet numbers its rows: differs from `line` after
  // a quoted cell with line breaks.
  uint64_t number = 0;
  // UTF-8 text of each field, quotes removed. Valid until the next call of next().
  std::vector<std::string_view> fields;
  // Set when a field of a UTF-8 file held bytes that are not UTF-8; each such byte is U+FFFD in
  // the field's text.
  std::optional<InvalidBytes> invalid;

  // Only with CsvReader::recover_malformed(true): why the record is not proper CSV (without the
  // FILE:LINE prefix), and its text as near to the file's as can be rebuilt (fields re-quoted,
  // from a stray quote on the rest of the line as it is). Empty for a proper record.
  std::string malformed;
  std::string raw;
  // The field (1-based) a stray or unterminated quote is in, when `malformed` starts with
  // "field N: "; 0 otherwise. A sheet names the column instead.
  size_t malformed_field = 0;

  // True for a line with nothing on it, or only commas and blanks.
  bool blank() const;
};

class XlsxReader;

class CsvReader {
 public:
  // Opens the file. Throws Error(not_found) when it does not exist, Error(io) when it cannot be
  // read. A file that is an .xlsx workbook (a zip, whatever its name) is read through
  // XlsxReader, from the sheet `sheet` names ("" for the first; see XlsxReader): records are its
  // rows and their line the sheet's row number. An old .xls throws Error(invalid_input).
  explicit CsvReader(std::string path, Encoding encoding = Encoding::auto_detect, std::string_view sheet = {});
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Reads the next record; false at the end of the file. Throws Error(invalid_input) as
  // "FILE:LINE: why" for malformed CSV (wrong number of fields, an unterminated quote, a stray
  // quote) and for bytes that are not valid in the encoding (naming their byte offset).
  bool next(Record& record);

  // Instead of throwing for a wrong number of fields or a stray or unterminated quote, return
  // the record with Record::malformed set and read on: after a stray quote from the next line
  // (the rest of the line belongs to the bad record), after an unterminated quote nothing is
  // left. Imports use it to report every bad row, and to skip them with --skip-invalid.
  void recover_malformed(bool on) { m_recover = on; }

  // In a UTF-8 file, bytes that are not UTF-8 become U+FFFD and are reported in Record::invalid
  // instead of failing the whole file, so that an import can reject that one row (naming its
  // line and column) and read on. In GB18030 an invalid byte still ends the file: once the
  // decoder is lost there, what follows cannot be trusted.
  void keep_invalid_utf8(bool keep) { m_keep_invalid_utf8 = keep; }

  // The number of fields every record must have; 0 accepts any. By default the first record
  // sets it. Blank lines are exempt. `line` is where the count comes from, for messages
  // ("expected 13 like line 3"); sheets call this with their header row.
  void expect_fields(size_t count, uint64_t line);

  const std::string& path() const { return m_path; }
  // The workbook reader when the file is an .xlsx workbook, else null.
  const XlsxReader* xlsx() const { return m_xlsx.get(); }
  // The encoding in use: forced, or detected (utf-8 for a file that is all ASCII).
  Encoding encoding() const;
  bool had_bom() const { return m_bom; }
  uint64_t bytes_read() const { return m_raw_offset; }
  uint64_t file_size() const { return m_file_size; }
  // Lower-case hex SHA-256 of the file's bytes (nettle), computed on first call.
  std::string sha256();

 private:
  bool fill();  // decodes more text after compacting the buffer; false at the end of the file
  [[noreturn]] void fail(uint64_t line, const std::string& why) const;
  [[noreturn]] void fail_encoding() const;
  std::string not_utf8_what() const;  // "bytes that are not UTF-8 …", for messages

  bool next_xlsx(Record& record);

  std::string m_path;
  std::unique_ptr<XlsxReader> m_xlsx;
  int m_fd = -1;
  uint64_t m_file_size = 0;
  uint64_t m_raw_offset = 0;  // bytes of the file read so far
  Decoder m_decoder;
  std::string m_sha256;

  std::vector<char> m_raw;  // raw block, with carried-over incomplete sequence at the front
  size_t m_carry = 0;
  std::vector<char> m_text;  // decoded UTF-8
  size_t m_begin = 0;        // start of the record being parsed
  size_t m_pos = 0;          // parse position
  size_t m_end = 0;          // end of decoded text
  size_t m_shift = 0;        // how far the last fill() moved the text towards the front
  bool m_eof = false;
  bool m_started = false;
  bool m_bom = false;
  bool m_bom_checked = false;
  uint64_t m_record_line = 1;
  uint64_t m_records = 0;
  // Set when decoding stopped at an invalid byte: its file offset. The error is raised when the
  // parser reaches it, so that the line number is right.
  int64_t m_bad_offset = -1;
  // Invalid UTF-8 bytes replaced by U+FFFD, not yet reported: where the replacement is in the
  // decoded text (counted from the start of the file's text, not of the buffer), and the bytes.
  struct Replaced {
    uint64_t text_pos;
    uint64_t offset;
    std::string bytes;
  };
  std::vector<Replaced> m_replaced;
  uint64_t m_text_origin = 0;  // text dropped from the front of m_text so far
  bool m_keep_invalid_utf8 = false;
  uint64_t m_line = 1;
  size_t m_expected = 0;
  uint64_t m_expected_line = 0;
  bool m_expected_set = false;
  bool m_recover = false;
  std::vector<uint32_t> m_spans;  // offset, length pairs relative to m_begin
  std::string m_tail;             // a malformed record's last field, from its opening quote on
};

}  // namespace ankang::io

#pragma once
// A format-neutral table and the writers that render it: aligned text, CSV, Markdown, JSON and
// JSON Lines. Rows can be streamed through a RowWriter without building the whole table.
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace ankang::io {

enum class Format { table, csv, json, jsonl, md, xlsx };

// Parses a --format value; throws Error(usage) naming the value and the valid ones.
Format parse_format(std::string_view text);
std::string_view format_name(Format f);

enum class Align { left, right };

struct Column {
  std::string key;    // English field name: JSON keys, machine CSV headers
  std::string label;  // label in the chosen language: table, Markdown, CSV for people
  Align align = Align::left;
};

struct Cell {
  enum class Type { text, number, null };
  std::string text;
  Type type = Type::text;

  Cell() : type(Type::null) {}
  Cell(std::string t) : text(std::move(t)) {}
  Cell(const char* t) : text(t) {}
  Cell(std::string_view t) : text(t) {}
  static Cell number(long long v) { Cell c(std::to_string(v)); c.type = Type::number; return c; }
  // A number already rendered, e.g. "12.50" or "85.7".
  static Cell number_text(std::string v) { Cell c(std::move(v)); c.type = Type::number; return c; }
  static Cell null() { return Cell(); }
};

using Row = std::vector<Cell>;

struct Table {
  std::vector<Column> columns;
  std::vector<Row> rows;
};

struct WriteOptions {
  bool bom = false;  // UTF-8 byte order mark before CSV, for Excel
  // CSV for people (reports): headers are labels and cells Excel would run as a formula
  // (=, +, -, @, tab or CR at the start) get a leading apostrophe, unless the whole cell is a
  // plain number ("+3", "-6", "12.5"). Machine CSV (list, export) keeps raw text and English
  // keys so that import reads it back.
  bool for_people = false;
  // Aligned table: fit each line into this many terminal columns (0: no limit) by cutting the
  // widest text columns, their long cells ending in '…'. Numbers are never cut.
  size_t max_width = 0;
  // CSV written to a terminal: every cell shown as the aligned table shows it (single_line), so
  // that stored text cannot drive the terminal. Files and pipes keep the exact text.
  bool terminal = false;
  // xlsx: the scratch file libxlsxwriter writes before the workbook is copied to the stream is
  // this prefix + 6 random characters (beside the output file, so on its file system); the
  // sheet's name.
  std::string scratch_prefix;
  std::string sheet_name;
};

class RowWriter {
public:
  virtual ~RowWriter() = default;
  virtual void begin(const std::vector<Column>& columns) = 0;
  virtual void row(const Row& cells) = 0;
  virtual void end() = 0;
};

std::unique_ptr<RowWriter> make_row_writer(Format format, std::ostream& out, WriteOptions options = {});

void write_table(const Table& table, Format format, std::ostream& out, WriteOptions options = {});

// Terminal columns a UTF-8 string takes: 中文 and full-width forms take two.
size_t display_width(std::string_view utf8);
// The text cut to at most `width` terminal columns, ending in '…' when cut; never splits a
// character (a 中 that does not fit whole is left out).
std::string cut_to_width(std::string_view utf8, size_t width);

// Escapers shared with the report renderers.
std::string json_escape(std::string_view utf8);  // with the surrounding quotes
std::string markdown_escape(std::string_view text);
std::string csv_quote(std::string_view text);
bool looks_like_formula(std::string_view text);
// An optional sign, digits, and optionally '.' and digits: "+3", "-6.8", "12".
bool is_plain_number(std::string_view text);
// Text for people on one line (table, show, notes, errors): a line break inside a value shows as
// ⏎ (so that a value cannot fake a line of its own), a tab as a space, C0 controls and DEL as
// \x1b (an escape sequence would act on the terminal), C1 controls and the bidi controls
// U+202A–U+202E, U+2066–U+2069 as <U+202E> (they would reorder what follows), invalid bytes as
// U+FFFD. markdown_escape shows the same characters the same way, line breaks as <br>.
std::string single_line(std::string_view text);

}  // namespace ankang::io

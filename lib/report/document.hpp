#pragma once
// A report as data, before any format: a title, paragraphs, sections with a table and optionally a
// Mermaid chart. Builders fill it from the store; render() writes it as md, csv, json or table.
#include "domain/codes.hpp"
#include "io/table.hpp"

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace ankang::report {

// One table cell: the value machines read (JSON) and the text people read (md, table, CSV).
struct Value {
  io::Cell machine;   // number, text or null
  std::string shown;  // empty: machine.text, or "—" when the value is null

  static Value text(std::string t) { return {io::Cell(std::move(t)), {}}; }
  static Value count(int64_t n) { return {io::Cell::number(n), {}}; }
  static Value null(std::string shown_as = {}) { return {io::Cell::null(), std::move(shown_as)}; }
  // A text value that is shown differently, e.g. "major" shown as 重大.
  static Value coded(std::string code, std::string label) { return {io::Cell(std::move(code)), std::move(label)}; }
  // A number already rendered for JSON ("12.5", "true") with its human form ("12.5%", "✓").
  static Value number(std::string json, std::string shown_as) { return {io::Cell::number_text(std::move(json)), std::move(shown_as)}; }

  std::string human() const;
};

struct Table {
  std::vector<io::Column> columns;
  std::vector<std::vector<Value>> rows;
};

struct Section {
  std::string key;    // JSON key: stable, English
  std::string title;  // in the report's language
  std::vector<std::string> paragraphs;
  Table table;
  std::string empty_note;  // shown in md/table instead of an empty table
  std::string chart;       // Mermaid source, shown with --charts beside the table
  std::string sheet;       // short name for a workbook sheet ("主要指标"); empty: from the title
};

struct Field {
  std::string key;
  Value value;
};

struct Document {
  std::string kind;   // "weekly", "summary", …: the JSON "report" key
  std::string title;
  std::string subtitle;          // e.g. the period's dates
  std::vector<Field> meta;       // JSON top-level fields: period, start, end, as_of, filters …
  std::vector<std::string> paragraphs;  // summary written from the figures; JSON "summary"
  std::vector<Section> sections;
  std::vector<std::string> footer;  // filing deadline, signature line
};

enum class Format { md, csv, json, table, xlsx, html };

struct RenderOptions {
  Format format = Format::md;
  bool charts = false;  // Mermaid charts in Markdown
  bool bom = false;     // CSV for Excel
  bool terminal = false;  // CSV shown on a terminal: escaped as the table is (io::WriteOptions)
  domain::Lang lang = domain::Lang::zh;  // of the words the renderer adds (xlsx, html)
  std::string scratch_prefix = {};       // xlsx: where libxlsxwriter's scratch file goes (see XlsxBook)
};

// Parses --format for reports: md, csv, json, table, xlsx or html. Throws Error(usage).
Format parse_format(std::string_view text);

void render(const Document& doc, std::ostream& out, const RenderOptions& options);
// The workbook and HTML renderers (xlsx_render.cpp, html.cpp).
void render_xlsx(const Document& doc, std::ostream& out, const RenderOptions& options);
void render_html(const Document& doc, std::ostream& out, const RenderOptions& options);

}  // namespace ankang::report

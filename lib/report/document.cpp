#include "report/document.hpp"

#include "error.hpp"

#include <fmt/format.h>

namespace ankang::report {

namespace {

io::Row human_row(const std::vector<Value>& values)
{
  io::Row row;
  row.reserve(values.size());
  for (const auto& v : values) {
    io::Cell c(v.human());
    // Numbers keep their type. Whatever the type, the CSV writer leaves a plain number ("+3") as
    // it is and neutralises any other cell that starts like a formula, "-6.8个百分点" too.
    if (v.machine.type == io::Cell::Type::number) c.type = io::Cell::Type::number;
    row.push_back(std::move(c));
  }
  return row;
}

void write_rows(const Table& t, io::Format format, std::ostream& out, io::WriteOptions wo)
{
  auto writer = io::make_row_writer(format, out, wo);
  writer->begin(t.columns);
  for (const auto& r : t.rows) writer->row(human_row(r));
  writer->end();
}

std::string json_value(const Value& v)
{
  switch (v.machine.type) {
  case io::Cell::Type::null: return "null";
  case io::Cell::Type::number: return v.machine.text;
  case io::Cell::Type::text: return io::json_escape(v.machine.text);
  }
  return "null";
}

std::string underline(std::string_view text, char c)
{
  return std::string(std::max<size_t>(io::display_width(text), 1), c);
}

void render_md(const Document& doc, std::ostream& out, const RenderOptions& options)
{
  out << "# " << io::markdown_escape(doc.title) << "\n\n";
  if (!doc.subtitle.empty()) out << io::markdown_escape(doc.subtitle) << "\n\n";
  for (const auto& p : doc.paragraphs) out << io::markdown_escape(p) << "\n\n";
  for (const auto& s : doc.sections) {
    out << "## " << io::markdown_escape(s.title) << "\n\n";
    for (const auto& p : s.paragraphs) out << io::markdown_escape(p) << "\n\n";
    if (options.charts && !s.chart.empty()) out << "```mermaid\n" << s.chart << "\n```\n\n";
    if (s.table.rows.empty() && !s.empty_note.empty()) {
      out << io::markdown_escape(s.empty_note) << "\n\n";
    } else if (!s.table.columns.empty()) {
      write_rows(s.table, io::Format::md, out, {});
      out << '\n';
    }
  }
  for (const auto& f : doc.footer) out << io::markdown_escape(f) << "\n\n";
}

void render_text(const Document& doc, std::ostream& out)
{
  // Every text a person reads on one line each, escaped as the table's cells are.
  const auto shown = [](std::string_view text) { return io::single_line(text); };
  out << shown(doc.title) << '\n' << underline(shown(doc.title), '=') << '\n';
  if (!doc.subtitle.empty()) out << shown(doc.subtitle) << '\n';
  out << '\n';
  for (const auto& p : doc.paragraphs) out << shown(p) << "\n\n";
  for (const auto& s : doc.sections) {
    out << shown(s.title) << '\n' << underline(shown(s.title), '-') << '\n';
    for (const auto& p : s.paragraphs) out << shown(p) << '\n';
    if (s.table.rows.empty() && !s.empty_note.empty())
      out << shown(s.empty_note) << '\n';
    else if (!s.table.columns.empty())
      write_rows(s.table, io::Format::table, out, {});
    out << '\n';
  }
  for (const auto& f : doc.footer) out << shown(f) << '\n';
}

// One CSV file holding every section: a title row, then each section as a title row, its header
// and its rows, separated by empty lines, as an office would lay it out in one Excel sheet.
void render_csv(const Document& doc, std::ostream& out, const RenderOptions& options)
{
  if (options.bom) out << "\xEF\xBB\xBF";
  auto line = [&](std::string_view raw) {
    const std::string text = options.terminal ? io::single_line(raw) : std::string(raw);
    out << io::csv_quote(io::looks_like_formula(text) ? "'" + text : text) << "\r\n";
  };
  line(doc.title);
  if (!doc.subtitle.empty()) line(doc.subtitle);
  for (const auto& p : doc.paragraphs) line(p);
  io::WriteOptions wo;
  wo.for_people = true;
  wo.terminal = options.terminal;
  for (const auto& s : doc.sections) {
    out << "\r\n";
    line(s.title);
    if (!s.table.columns.empty()) write_rows(s.table, io::Format::csv, out, wo);
  }
  if (!doc.footer.empty()) out << "\r\n";
  for (const auto& f : doc.footer) line(f);
  out.flush();
}

void render_json(const Document& doc, std::ostream& out)
{
  out << "{\n  \"report\": " << io::json_escape(doc.kind) << ",\n  \"title\": " << io::json_escape(doc.title);
  for (const auto& f : doc.meta) out << ",\n  " << io::json_escape(f.key) << ": " << json_value(f.value);
  out << ",\n  \"summary\": [";
  for (size_t i = 0; i < doc.paragraphs.size(); ++i) out << (i ? ", " : "") << io::json_escape(doc.paragraphs[i]);
  out << ']';
  for (const auto& s : doc.sections) {
    out << ",\n  " << io::json_escape(s.key) << ": [";
    for (size_t r = 0; r < s.table.rows.size(); ++r) {
      out << (r ? ",\n    {" : "\n    {");
      const auto& row = s.table.rows[r];
      for (size_t c = 0; c < s.table.columns.size(); ++c) {
        if (c) out << ", ";
        out << io::json_escape(s.table.columns[c].key) << ": " << (c < row.size() ? json_value(row[c]) : "null");
      }
      out << '}';
    }
    out << (s.table.rows.empty() ? "]" : "\n  ]");
  }
  out << ",\n  \"notes\": [";
  for (size_t i = 0; i < doc.footer.size(); ++i) out << (i ? ", " : "") << io::json_escape(doc.footer[i]);
  out << "]\n}\n";
  out.flush();
}

}  // namespace

std::string Value::human() const
{
  if (!shown.empty()) return shown;
  if (machine.type == io::Cell::Type::null) return "—";
  return machine.text;
}

Format parse_format(std::string_view text)
{
  if (text == "md" || text == "markdown") return Format::md;
  if (text == "csv") return Format::csv;
  if (text == "json") return Format::json;
  if (text == "table") return Format::table;
  if (text == "xlsx") return Format::xlsx;
  if (text == "html") return Format::html;
  throw Error(ErrorKind::usage, fmt::format("unknown report format '{}': expected md, csv, json, table, xlsx or html", text));
}

void render(const Document& doc, std::ostream& out, const RenderOptions& options)
{
  switch (options.format) {
  case Format::md: render_md(doc, out, options); break;
  case Format::csv: render_csv(doc, out, options); break;
  case Format::json: render_json(doc, out); break;
  case Format::table: render_text(doc, out); break;
  case Format::xlsx: render_xlsx(doc, out, options); break;
  case Format::html: render_html(doc, out, options); break;
  }
}

}  // namespace ankang::report

// A report as one .xlsx workbook: a first sheet with the title, the summary and the definitions
// (口径说明), then a sheet per section, each with its header row frozen.
#include "io/xlsx_writer.hpp"
#include "report/document.hpp"

#include <fmt/format.h>

namespace ankang::report {

namespace {

// "一、主要指标" → "主要指标", "3. By county" → "By county": a sheet tab is short.
std::string sheet_title(const Section& s) {
  if (!s.sheet.empty()) return s.sheet;
  std::string_view t = s.title;
  if (const auto p = t.find("、"); p != std::string_view::npos && p <= 9) t.remove_prefix(p + 3);
  else if (const auto d = t.find(". "); d != std::string_view::npos && d <= 3) t.remove_prefix(d + 2);
  if (const auto b = t.find("（"); b != std::string_view::npos && b > 0) t = t.substr(0, b);
  if (const auto b = t.find(" ("); b != std::string_view::npos && b > 0) t = t.substr(0, b);
  return std::string(t);
}

io::XlsxCell cell_of(const Value& v) {
  io::XlsxCell x;
  switch (v.machine.type) {
    case io::Cell::Type::null:
      if (!v.shown.empty() || v.human() == "—") {
        x.kind = io::XlsxCell::Kind::text;
        x.text = v.shown.empty() ? v.human() : v.shown;
      }
      return x;
    case io::Cell::Type::number:
      if (v.shown.ends_with("%")) return io::xlsx_percent(v.machine.text);
      return io::xlsx_cell(v.machine);
    case io::Cell::Type::text:
      return io::xlsx_cell(io::Cell(v.human()));
  }
  return x;
}

}  // namespace

void render_xlsx(const Document& doc, std::ostream& out, const RenderOptions& options) {
  const bool zh = options.lang == domain::Lang::zh;
  io::XlsxBook book(out, options.scratch_prefix.empty() ? std::string("/tmp/ankang-xlsx-") : options.scratch_prefix);
  book.sheet(zh ? "说明" : "About");
  book.title(doc.title);
  if (!doc.subtitle.empty()) book.text_line(doc.subtitle);
  book.blank_line();
  for (const auto& p : doc.paragraphs) book.text_line(p);
  if (!doc.footer.empty()) {
    book.blank_line();
    for (const auto& f : doc.footer) book.text_line(f);
  }
  book.blank_line();
  book.text_line(zh ? "工作表：" : "Sheets:");
  for (const auto& s : doc.sections) book.text_line(fmt::format("{}　{}", sheet_title(s), s.title));
  for (const auto& s : doc.sections) {
    book.sheet(sheet_title(s));
    book.title(s.title);
    for (const auto& p : s.paragraphs) book.text_line(p);
    if (s.table.rows.empty() && !s.empty_note.empty()) {
      book.text_line(s.empty_note);
      continue;
    }
    if (s.table.columns.empty()) continue;
    std::vector<std::string> labels;
    for (const auto& c : s.table.columns) labels.push_back(c.label);
    book.header(labels);
    std::vector<io::XlsxCell> cells;
    for (const auto& r : s.table.rows) {
      cells.clear();
      for (const auto& v : r) cells.push_back(cell_of(v));
      book.row(cells);
    }
  }
  book.finish();
}

}  // namespace ankang::report

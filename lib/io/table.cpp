#include "io/table.hpp"

#include "io/xlsx_writer.hpp"

#include "error.hpp"

#include <fmt/format.h>
#include <utf8proc.h>

namespace ankang::io {

namespace {

// Decodes one UTF-8 code point at s[i]; returns -1 for an invalid sequence (advancing one byte).
int32_t next_code_point(std::string_view s, size_t& i)
{
  utf8proc_int32_t cp = -1;
  const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                  static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
  if (n <= 0) {
    ++i;
    return -1;
  }
  i += static_cast<size_t>(n);
  return cp;
}

}  // namespace

namespace {

bool is_bidi_control(int32_t cp) { return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069); }

// What text for people shows in place of a character that would act on the terminal or fake the
// layout; empty when the character is shown as it is. `line_break` stands for a line break.
template <class Out>
void append_visible(Out& out, std::string_view s, std::string_view line_break)
{
  size_t i = 0;
  while (i < s.size()) {
    const size_t start = i;
    const int32_t cp = next_code_point(s, i);
    if (cp == '\r' && i < s.size() && s[i] == '\n') continue;  // CRLF: one break, shown at the LF
    if (cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029 || cp == 0x85) {
      out += line_break;
    } else if (cp == '\t') {
      out += ' ';
    } else if (cp < 0) {
      out += "\xEF\xBF\xBD";
    } else if (cp < 0x20 || cp == 0x7F) {
      out += fmt::format("\\x{:02x}", cp);
    } else if ((cp >= 0x80 && cp <= 0x9F) || is_bidi_control(cp)) {
      out += fmt::format("<U+{:04X}>", cp);
    } else {
      out.append(s.substr(start, i - start));
    }
  }
}

}  // namespace

std::string single_line(std::string_view s)
{
  std::string out;
  out.reserve(s.size());
  append_visible(out, s, "\u23CE");
  return out;
}

namespace {

class TextTableWriter final : public RowWriter {
public:
  TextTableWriter(std::ostream& out, size_t max_width) : m_out(out), m_max_width(max_width) {}
  void begin(const std::vector<Column>& columns) override
  {
    m_columns = columns;
    m_widths.assign(columns.size(), 0);
    for (size_t i = 0; i < columns.size(); ++i) m_widths[i] = display_width(columns[i].label);
  }
  void row(const Row& cells) override
  {
    std::vector<std::string> line;
    line.reserve(m_columns.size());
    for (size_t i = 0; i < m_columns.size(); ++i) {
      line.push_back(i < cells.size() ? single_line(cells[i].text) : std::string());
      m_widths[i] = std::max(m_widths[i], display_width(line.back()));
    }
    m_rows.push_back(std::move(line));
  }
  void end() override
  {
    fit_to_width();
    std::vector<std::string> header;
    for (const auto& c : m_columns) header.push_back(single_line(c.label));
    print_line(header);
    std::string rule;
    for (size_t i = 0; i < m_columns.size(); ++i) {
      if (i) rule += "  ";
      rule += std::string(m_widths[i], '-');
    }
    m_out << rule << '\n';
    for (const auto& r : m_rows) print_line(r);
  }

private:
  // Narrows the widest text columns, one column at a time, until the line fits. A column keeps
  // its label's width and up to 14 columns of its text, so numbers, codes and dates stay whole
  // (YH-2021-000001 is 14) and the long texts (descriptions, names, places) are what is cut.
  void fit_to_width()
  {
    if (m_max_width == 0 || m_columns.empty()) return;
    size_t total = 2 * (m_columns.size() - 1);
    for (size_t w : m_widths) total += w;
    std::vector<size_t> floor(m_columns.size());
    for (size_t i = 0; i < m_columns.size(); ++i)
      floor[i] = std::max(display_width(m_columns[i].label), std::min<size_t>(m_widths[i], 14));
    for (int pass = 0; pass < 2 && total > m_max_width; ++pass) {
      // Still too wide with the codes whole: cut them too, down to their label or 6 columns.
      if (pass == 1)
        for (size_t i = 0; i < m_columns.size(); ++i)
          floor[i] = std::min(floor[i], std::max<size_t>(6, display_width(m_columns[i].label)));
      while (total > m_max_width) {
        size_t widest = m_columns.size();
        for (size_t i = 0; i < m_columns.size(); ++i)
          if (m_columns[i].align == Align::left && m_widths[i] > floor[i] &&
              (widest == m_columns.size() || m_widths[i] > m_widths[widest]))
            widest = i;
        if (widest == m_columns.size()) break;  // nothing left to cut
        --m_widths[widest];
        --total;
      }
    }
  }

  void print_line(const std::vector<std::string>& given)
  {
    std::vector<std::string> cells = given;
    for (size_t i = 0; i < cells.size(); ++i)
      if (display_width(cells[i]) > m_widths[i]) cells[i] = cut_to_width(cells[i], m_widths[i]);
    std::string line;
    for (size_t i = 0; i < cells.size(); ++i) {
      const size_t pad = m_widths[i] - display_width(cells[i]);
      const bool last = i + 1 == cells.size();
      if (i) line += "  ";
      if (m_columns[i].align == Align::right) {
        line += std::string(pad, ' ');
        line += cells[i];
      } else {
        line += cells[i];
        if (!last) line += std::string(pad, ' ');
      }
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    m_out << line << '\n';
  }

  std::ostream& m_out;
  size_t m_max_width;
  std::vector<Column> m_columns;
  std::vector<size_t> m_widths;
  std::vector<std::vector<std::string>> m_rows;
};

class CsvWriter final : public RowWriter {
public:
  CsvWriter(std::ostream& out, WriteOptions options) : m_out(out), m_options(options) {}
  void begin(const std::vector<Column>& columns) override
  {
    if (m_options.bom) m_out << "\xEF\xBB\xBF";
    std::string line;
    for (size_t i = 0; i < columns.size(); ++i) {
      if (i) line += ',';
      line += csv_cell(m_options.for_people ? columns[i].label : columns[i].key);
    }
    m_out << line << "\r\n";
    m_count = columns.size();
  }
  void row(const Row& cells) override
  {
    std::string line;
    for (size_t i = 0; i < m_count; ++i) {
      if (i) line += ',';
      if (i < cells.size()) line += csv_cell(cells[i].text);
    }
    m_out << line << "\r\n";
  }
  void end() override { m_out.flush(); }

private:
  // Whatever the cell's type: a number shown with a unit ("-6.8个百分点") is text to Excel.
  std::string csv_cell(std::string_view raw) const
  {
    std::string shown;
    if (m_options.terminal) shown = single_line(raw);
    const std::string_view text = m_options.terminal ? std::string_view(shown) : raw;
    if (m_options.for_people && looks_like_formula(text) && !is_plain_number(text))
      return csv_quote("'" + std::string(text));
    return csv_quote(text);
  }
  std::ostream& m_out;
  WriteOptions m_options;
  size_t m_count = 0;
};

class MarkdownWriter final : public RowWriter {
public:
  explicit MarkdownWriter(std::ostream& out) : m_out(out) {}
  void begin(const std::vector<Column>& columns) override
  {
    m_count = columns.size();
    std::string head = "|", rule = "|";
    for (const auto& c : columns) {
      head += " " + markdown_escape(c.label) + " |";
      rule += c.align == Align::right ? " ---: |" : " --- |";
    }
    m_out << head << '\n' << rule << '\n';
  }
  void row(const Row& cells) override
  {
    std::string line = "|";
    for (size_t i = 0; i < m_count; ++i) {
      line += ' ';
      if (i < cells.size()) line += markdown_escape(cells[i].text);
      line += " |";
    }
    m_out << line << '\n';
  }
  void end() override { m_out.flush(); }

private:
  std::ostream& m_out;
  size_t m_count = 0;
};

class JsonWriter final : public RowWriter {
public:
  JsonWriter(std::ostream& out, bool lines) : m_out(out), m_lines(lines) {}
  void begin(const std::vector<Column>& columns) override
  {
    m_keys.clear();
    for (const auto& c : columns) m_keys.push_back(json_escape(c.key));
    if (!m_lines) m_out << '[';
  }
  void row(const Row& cells) override
  {
    std::string obj = "{";
    for (size_t i = 0; i < m_keys.size(); ++i) {
      if (i) obj += m_lines ? "," : ", ";
      obj += m_keys[i];
      obj += m_lines ? ":" : ": ";
      if (i >= cells.size() || cells[i].type == Cell::Type::null)
        obj += "null";
      else if (cells[i].type == Cell::Type::number)
        obj += cells[i].text;
      else
        obj += json_escape(cells[i].text);
    }
    obj += '}';
    if (m_lines) {
      m_out << obj << '\n';
    } else {
      m_out << (m_first ? "\n  " : ",\n  ") << obj;
      m_first = false;
    }
  }
  void end() override
  {
    if (!m_lines) m_out << (m_first ? "]\n" : "\n]\n");
    m_out.flush();
  }

private:
  std::ostream& m_out;
  bool m_lines;
  bool m_first = true;
  std::vector<std::string> m_keys;
};

}  // namespace

Format parse_format(std::string_view text)
{
  if (text == "table") return Format::table;
  if (text == "csv") return Format::csv;
  if (text == "json") return Format::json;
  if (text == "jsonl" || text == "ndjson") return Format::jsonl;
  if (text == "md" || text == "markdown") return Format::md;
  if (text == "xlsx") return Format::xlsx;
  throw Error(ErrorKind::usage, fmt::format("unknown format {}: expected table, csv, json, jsonl, md or xlsx", quote_value(text)));
}

std::string_view format_name(Format f)
{
  switch (f) {
  case Format::table: return "table";
  case Format::csv: return "csv";
  case Format::json: return "json";
  case Format::jsonl: return "jsonl";
  case Format::md: return "md";
  case Format::xlsx: return "xlsx";
  }
  return "table";
}

std::unique_ptr<RowWriter> make_row_writer(Format format, std::ostream& out, WriteOptions options)
{
  switch (format) {
  case Format::table: return std::make_unique<TextTableWriter>(out, options.max_width);
  case Format::csv: return std::make_unique<CsvWriter>(out, options);
  case Format::json: return std::make_unique<JsonWriter>(out, false);
  case Format::jsonl: return std::make_unique<JsonWriter>(out, true);
  case Format::md: return std::make_unique<MarkdownWriter>(out);
  case Format::xlsx: return make_xlsx_row_writer(out, options);
  }
  return std::make_unique<TextTableWriter>(out, options.max_width);
}

void write_table(const Table& table, Format format, std::ostream& out, WriteOptions options)
{
  auto writer = make_row_writer(format, out, options);
  writer->begin(table.columns);
  for (const auto& r : table.rows) writer->row(r);
  writer->end();
}

size_t display_width(std::string_view s)
{
  size_t width = 0;
  size_t i = 0;
  while (i < s.size()) {
    const int32_t cp = next_code_point(s, i);
    if (cp < 0) {
      width += 1;
      continue;
    }
    const int w = utf8proc_charwidth(cp);
    width += w > 0 ? static_cast<size_t>(w) : 0;
  }
  return width;
}

std::string cut_to_width(std::string_view s, size_t width)
{
  if (display_width(s) <= width) return std::string(s);
  if (width == 0) return {};
  std::string out;
  size_t used = 0;
  size_t i = 0;
  while (i < s.size()) {
    const size_t start = i;
    const int32_t cp = next_code_point(s, i);
    const int w = cp < 0 ? 1 : utf8proc_charwidth(cp);
    const size_t cw = w > 0 ? static_cast<size_t>(w) : 0;
    if (used + cw > width - 1) break;  // keep one column for the ellipsis
    out.append(s.substr(start, i - start));
    used += cw;
  }
  return out + "…";
}

std::string json_escape(std::string_view s)
{
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  size_t i = 0;
  while (i < s.size()) {
    const size_t start = i;
    const int32_t cp = next_code_point(s, i);
    switch (cp) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    case '\b': out += "\\b"; break;
    case '\f': out += "\\f"; break;
    default:
      if (cp < 0)
        out += "\\ufffd";
      else if (cp < 0x20 || cp == 0x7F)
        out += fmt::format("\\u{:04x}", cp);
      else if (cp == 0x2028 || cp == 0x2029)
        out += fmt::format("\\u{:04x}", cp);
      else
        out.append(s.substr(start, i - start));
    }
  }
  out += '"';
  return out;
}

std::string markdown_escape(std::string_view s)
{
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const size_t start = i;
    const int32_t cp = next_code_point(s, i);
    switch (cp) {
    case '|': out += "\\|"; break;
    case '\\': out += "\\\\"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '&': out += "&amp;"; break;
    case '`': out += "\\`"; break;
    case '*': out += "\\*"; break;
    case '_': out += "\\_"; break;
    case '[': out += "\\["; break;
    case ']': out += "\\]"; break;
    default:
      // Line breaks stay inside the value's cell as <br>; control and bidi characters show
      // visibly (\x1b, <U+202E>), as in the aligned table.
      if (cp == '\r' && i < s.size() && s[i] == '\n') break;  // CRLF: one break, at the LF
      append_visible(out, s.substr(start, i - start), "<br>");
    }
  }
  return out;
}

std::string csv_quote(std::string_view s)
{
  bool needs = s.find_first_of(",\"\r\n") != std::string_view::npos ||
               (!s.empty() && (s.front() == ' ' || s.back() == ' '));
  if (!needs) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

bool is_plain_number(std::string_view s)
{
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) s.remove_prefix(1);
  const auto digits = [&] {
    size_t n = 0;
    while (n < s.size() && s[n] >= '0' && s[n] <= '9') ++n;
    s.remove_prefix(n);
    return n > 0;
  };
  if (!digits()) return false;
  if (s.empty()) return true;
  if (s.front() != '.') return false;
  s.remove_prefix(1);
  return digits() && s.empty();
}

bool looks_like_formula(std::string_view s)
{
  if (s.empty()) return false;
  const char c = s.front();
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

}  // namespace ankang::io

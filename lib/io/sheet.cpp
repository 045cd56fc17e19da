#include "io/sheet.hpp"

#include "error.hpp"
#include "io/atomic_file.hpp"
#include "io/table.hpp"
#include "io/xlsx_reader.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace ankang::io {

namespace {

constexpr int k_header_search_rows = 10;
// Excel holds at most 32,767 characters in a cell: anything longer did not come from a sheet.
constexpr size_t k_max_cell_chars = 32767;

// Columns that only number the rows.
bool is_row_number_column(std::string_view normalized) {
  return normalized == "序号" || normalized == "序" || normalized == "no" || normalized == "no." || normalized == "#";
}

bool starts_with_total(std::string_view cell) {
  std::string s;
  for (char c : trim_cell(cell))
    if (c != ' ') s += c;
  for (std::string_view w : {"合计", "总计", "小计", "total", "Total", "TOTAL"})
    if (s.starts_with(w)) return true;
  return false;
}

std::vector<std::string_view> split_aliases(std::string_view aliases) {
  std::vector<std::string_view> out;
  while (!aliases.empty()) {
    const auto bar = aliases.find('|');
    out.push_back(aliases.substr(0, bar));
    if (bar == std::string_view::npos) break;
    aliases.remove_prefix(bar + 1);
  }
  return out;
}

// The position of a unit in brackets at the end: "（" or "(" … "）" or ")".
std::optional<std::pair<size_t, size_t>> unit_brackets(std::string_view s) {
  s = trim_cell(s);
  size_t close_len = 0;
  if (s.ends_with(")"))
    close_len = 1;
  else if (s.ends_with("）"))
    close_len = 3;
  else
    return std::nullopt;
  const auto open_ascii = s.rfind('(');
  const auto open_wide = s.rfind("（");
  size_t open = std::string_view::npos, open_len = 0;
  if (open_ascii != std::string_view::npos) open = open_ascii, open_len = 1;
  if (open_wide != std::string_view::npos && (open == std::string_view::npos || open_wide > open))
    open = open_wide, open_len = 3;
  if (open == std::string_view::npos) return std::nullopt;
  return std::pair{open + open_len, s.size() - close_len};
}

}  // namespace

std::string_view trim_cell(std::string_view t) {
  for (;;) {
    if (!t.empty() && (t.front() == ' ' || t.front() == '\t' || t.front() == '\r' || t.front() == '\n'))
      t.remove_prefix(1);
    else if (t.starts_with("\xE3\x80\x80"))
      t.remove_prefix(3);
    else
      break;
  }
  for (;;) {
    if (!t.empty() && (t.back() == ' ' || t.back() == '\t' || t.back() == '\r' || t.back() == '\n'))
      t.remove_suffix(1);
    else if (t.ends_with("\xE3\x80\x80"))
      t.remove_suffix(3);
    else
      break;
  }
  return t;
}

std::string header_unit(std::string_view cell) {
  const std::string_view t = trim_cell(cell);
  const auto b = unit_brackets(t);
  if (!b) return {};
  return std::string(trim_cell(t.substr(b->first, b->second - b->first)));
}

std::string normalize_header(std::string_view cell) {
  std::string_view t = trim_cell(cell);
  if (const auto b = unit_brackets(t)) {
    // Drop the bracket too: the opening bracket starts 1 or 3 bytes before the unit.
    const size_t open = t.substr(0, b->first).ends_with("（") ? b->first - 3 : b->first - 1;
    t = t.substr(0, open);
  }
  std::string out;
  out.reserve(t.size());
  for (size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '*' || c == '_' || c == '-') continue;
    if (t.substr(i, 3) == "\xE3\x80\x80") {
      i += 2;
      continue;
    }
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

std::string_view SheetRow::get(size_t field) const {
  const int col = m_sheet->m_column_of[field];
  if (col < 0 || static_cast<size_t>(col) >= m_record.fields.size()) return {};
  const std::string_view v = trim_cell(m_record.fields[static_cast<size_t>(col)]);
  for (const auto& [from, to] : m_sheet->m_value_maps[field])
    if (v == from) return to;
  return v;
}

std::optional<size_t> Sheet::match(std::string_view header_cell) const {
  const std::string n = normalize_header(header_cell);
  if (n.empty()) return std::nullopt;
  for (const auto& [name, field] : m_column_maps)
    if (name == n) return field;
  for (size_t f = 0; f < m_fields.size(); ++f) {
    if (normalize_header(m_fields[f].key) == n) return f;
    for (auto alias : split_aliases(m_fields[f].aliases))
      if (normalize_header(alias) == n) return f;
  }
  return std::nullopt;
}

Sheet::Sheet(CsvReader& reader, std::span<const FieldSpec> fields, const SheetOptions& options)
    : m_reader(reader),
      m_fields(fields),
      m_value_maps(fields.size()),
      m_column_of(fields.size(), -1),
      m_units(fields.size()),
      m_lang(options.lang) {
  const bool zh = m_lang == domain::Lang::zh;
  std::string keys;
  for (const auto& f : fields) keys += (keys.empty() ? "" : ", ") + std::string(f.key);
  for (const auto& m : options.column_maps) {
    const auto eq = m.rfind('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == m.size())
      throw Error(ErrorKind::usage, fmt::format("invalid --map {}: expected 列名=field, e.g. 单位名称=name", quote_value(m)));
    const auto f = match(m.substr(eq + 1));
    if (!f)
      throw Error(ErrorKind::usage,
                  fmt::format("invalid --map {}: unknown field {}: expected one of {}", quote_value(m), quote_value(m.substr(eq + 1)), keys));
    m_column_maps.emplace_back(normalize_header(m.substr(0, eq)), *f);
  }
  for (const auto& m : options.value_maps) {
    const auto colon = m.find(':');
    const auto eq = colon == std::string::npos ? std::string::npos : m.find('=', colon + 1);
    if (colon == std::string::npos || colon == 0 || eq == std::string::npos || eq == colon + 1)
      throw Error(ErrorKind::usage,
                  fmt::format("invalid --map-value {}: expected field:原值=值, e.g. level:C=general", quote_value(m)));
    const auto f = match(m.substr(0, colon));
    if (!f)
      throw Error(ErrorKind::usage, fmt::format("invalid --map-value {}: unknown field {}: expected one of {}",
                                                quote_value(m), quote_value(m.substr(0, colon)), keys));
    m_value_maps[*f].emplace_back(std::string(trim_cell(m.substr(colon + 1, eq - colon - 1))),
                                  std::string(trim_cell(m.substr(eq + 1))));
  }

  // The header: the first row, among the first ten, whose cells are mostly column names.
  reader.expect_fields(0, 0);
  reader.keep_invalid_utf8(true);  // a bad byte in a data row is that row's error (cell_problem)
  Record& rec = m_pending;
  std::vector<uint64_t> above;
  bool found = false;
  std::optional<std::pair<uint64_t, InvalidBytes>> first_invalid;  // a header in the wrong encoding matches nothing
  for (int seen = 0; seen < k_header_search_rows && reader.next(rec); ++seen) {
    if (!rec.malformed.empty())
      throw Error(ErrorKind::invalid_input, fmt::format("{}:{}: {}", reader.path(), rec.line, rec.malformed));
    if (rec.invalid && !first_invalid) first_invalid.emplace(rec.line, *rec.invalid);
    if (rec.blank()) continue;
    size_t cells = 0, known = 0;
    for (auto c : rec.fields) {
      if (trim_cell(c).empty()) continue;
      ++cells;
      if (match(c) || is_row_number_column(normalize_header(c))) ++known;
    }
    if (known > 0 && known * 2 > cells) {
      found = true;
      break;
    }
    above.push_back(rec.line);
  }
  const std::string& path = reader.path();
  if (!found && first_invalid)
    throw Error(ErrorKind::invalid_input,
                fmt::format("{}:{}: bytes that are not UTF-8 at byte offset {} ({})", path, first_invalid->first,
                            first_invalid->second.offset, first_invalid->second.bytes),
                "save the sheet again as CSV (UTF-8 or GB18030), or name its encoding with --encoding");
  if (!found) {
    // Name the required columns first: those are the ones a header must have.
    std::string names;
    size_t named = 0;
    for (bool required : {true, false})
      for (size_t f = 0; f < fields.size() && named < 4; ++f)
        if (fields[f].required == required)
          names += fmt::format("{}{}", named++ ? ", " : "", split_aliases(fields[f].aliases).front());
    throw Error(ErrorKind::invalid_input,
                fmt::format("{}: no header row in the first {} rows: no row is mostly column names such as {}", path,
                            k_header_search_rows, names),
                "name the columns with --map 列名=field");
  }
  m_header_line = rec.line;
  if (rec.invalid)
    throw Error(ErrorKind::invalid_input,
                fmt::format("{}:{}: the header has bytes that are not UTF-8 at byte offset {} ({})", path, rec.line,
                            rec.invalid->offset, rec.invalid->bytes),
                "save the sheet again as CSV (UTF-8 or GB18030), or name its encoding with --encoding");
  for (auto c : rec.fields) m_header.emplace_back(c);
  if (const XlsxReader* book = reader.xlsx())
    m_notes.push_back(zh ? fmt::format("{}: 读取工作表 {}（共 {} 个）", path, quote_value(book->sheet_name()), book->sheet_count())
                         : fmt::format("{}: reading sheet {} (of {})", path, quote_value(book->sheet_name()), book->sheet_count()));
  if (above.size() == 1)
    m_notes.push_back(zh ? fmt::format("{}:{}: 跳过表头上方的 1 行", path, above.front())
                         : fmt::format("{}:{}: the row above the header is skipped", path, above.front()));
  else if (!above.empty())
    m_notes.push_back(zh ? fmt::format("{}: 跳过表头上方的第 {}-{} 行", path, above.front(), above.back())
                         : fmt::format("{}: lines {}-{} above the header are skipped", path, above.front(), above.back()));

  for (size_t i = 0; i < m_header.size(); ++i) {
    const std::string_view cell = m_header[i];
    const std::string n = normalize_header(cell);
    if (n.empty()) continue;
    // A field of the import wins over the row-number rule: the hazard export's column is 'no'.
    const auto f = match(cell);
    if (!f && is_row_number_column(n)) continue;
    if (!f) {
      m_notes.push_back(
          zh ? fmt::format("{}:{}: 列 {} 不认识，已忽略", path, m_header_line, quote_value(trim_cell(cell)))
             : fmt::format("{}:{}: column {} is not known and is ignored", path, m_header_line, quote_value(trim_cell(cell))));
      continue;
    }
    if (m_column_of[*f] >= 0)
      throw Error(
          ErrorKind::invalid_input,
          fmt::format("{}:{}: columns '{}' and '{}' both mean {}", path, m_header_line,
                      trim_cell(m_header[static_cast<size_t>(m_column_of[*f])]), trim_cell(cell), fields[*f].key),
          "remove one, or name another field with --map 列名=field");
    m_column_of[*f] = static_cast<int>(i);
    m_units[*f] = header_unit(cell);
  }
  for (size_t f = 0; f < fields.size(); ++f) {
    if (fields[f].required && m_column_of[f] < 0)
      throw Error(ErrorKind::invalid_input,
                  fmt::format("{}:{}: the header has no column for {} ({})", path, m_header_line, fields[f].key,
                              split_aliases(fields[f].aliases).front()),
                  fmt::format("name the column with --map 列名={}", fields[f].key));
  }
  reader.expect_fields(m_header.size(), m_header_line);
}

bool Sheet::next(SheetRow& row) {
  row.m_sheet = this;
  while (m_reader.next(row.m_record)) {
    const Record& r = row.m_record;
    if (r.blank()) {
      ++m_blank_rows;
      continue;
    }
    std::string_view first;
    for (auto c : r.fields)
      if (!trim_cell(c).empty()) {
        first = c;
        break;
      }
    if (r.malformed_field > 0) name_malformed_field(row.m_record);
    if (starts_with_total(first)) {
      ++m_total_rows;
      m_notes.push_back(m_lang == domain::Lang::zh
                            ? fmt::format("{}:{}: 跳过合计行（{}）", m_reader.path(), r.line, trim_cell(first))
                            : fmt::format("{}:{}: the total row ({}) is skipped", m_reader.path(), r.line, trim_cell(first)));
      continue;
    }
    return true;
  }
  note_hidden_rows();
  return false;
}

void Sheet::note_hidden_rows() {
  const XlsxReader* book = m_reader.xlsx();
  if (!book || book->hidden_row_count() == 0 || m_hidden_noted) return;
  m_hidden_noted = true;
  std::string rows;
  for (const uint64_t r : book->hidden_rows()) rows += fmt::format("{}{}", rows.empty() ? "" : ", ", r);
  if (book->hidden_row_count() > book->hidden_rows().size()) rows += ", …";
  m_notes.push_back(m_lang == domain::Lang::zh
                        ? fmt::format("{}: {} 行在 Excel 中是隐藏的，已照常导入（第 {} 行）", m_reader.path(), book->hidden_row_count(), rows)
                        : fmt::format("{}: {} rows hidden in Excel are imported like the others (rows {})", m_reader.path(),
                                      book->hidden_row_count(), rows));
}

void Sheet::name_malformed_field(Record& r) const {
  // "field 4: stray quote …" → "column '隐患描述': stray quote …", as other row errors name it.
  const size_t col = r.malformed_field - 1;
  const auto prefix = fmt::format("field {}", r.malformed_field);
  if (col >= m_header.size() || !r.malformed.starts_with(prefix)) return;
  const std::string_view name = trim_cell(m_header[col]);
  if (name.empty()) return;
  r.malformed = fmt::format("column '{}'{}", name, std::string_view(r.malformed).substr(prefix.size()));
}

size_t Sheet::field(std::string_view key) const {
  for (size_t f = 0; f < m_fields.size(); ++f)
    if (m_fields[f].key == key) return f;
  throw std::logic_error("unknown sheet field " + std::string(key));
}

std::string Sheet::column_name(size_t field) const {
  const int col = m_column_of[field];
  if (col < 0) return std::string(m_fields[field].key);
  return std::string(trim_cell(m_header[static_cast<size_t>(col)]));
}

std::string_view Sheet::unit(size_t field) const {
  return m_units[field];
}

std::string Sheet::describe(const SheetRow& row, size_t field, std::string_view why) const {
  std::string_view raw;
  const int col = m_column_of[field];
  if (col >= 0 && static_cast<size_t>(col) < row.cells().size()) raw = trim_cell(row.cells()[static_cast<size_t>(col)]);
  return fmt::format("{}: column '{}': value {}: {}", where(row), column_name(field), quote_value(raw), why);
}

std::optional<std::string> Sheet::cell_problem(const SheetRow& row) const {
  const auto& cells = row.cells();
  const auto column_read = [&](size_t col) {
    for (int c : m_column_of)
      if (c >= 0 && static_cast<size_t>(c) == col) return true;
    return false;
  };
  if (const auto& bad = row.m_record.invalid; bad && column_read(bad->field))
    return fmt::format("column '{}': bytes that are not UTF-8 at byte offset {} ({}): save the sheet again as CSV "
                       "UTF-8 (or name its encoding with --encoding)",
                       trim_cell(m_header[bad->field]), bad->offset, bad->bytes);
  for (size_t col = 0; col < cells.size() && col < m_header.size(); ++col) {
    const std::string_view cell = cells[col];
    if (cell.size() <= k_max_cell_chars && cell.find('\0') == std::string_view::npos) continue;
    if (!column_read(col)) continue;
    if (cell.find('\0') != std::string_view::npos)
      return fmt::format("column '{}': value {}: a NUL byte (\\x00) is not text; remove it from the cell",
                         trim_cell(m_header[col]), quote_value(trim_cell(cell)));
    size_t chars = 0;  // characters, not bytes: Excel's limit counts characters
    for (const char c : cell)
      if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++chars;
    if (chars > k_max_cell_chars)
      return fmt::format("column '{}': value {}: {} characters, more than the {} a cell can hold (Excel's limit)",
                         trim_cell(m_header[col]), quote_value(cell), chars, k_max_cell_chars);
  }
  return std::nullopt;
}

std::string Sheet::describe(const SheetRow& row, std::string_view why) const {
  return fmt::format("{}: {}", where(row), why);
}

std::string Sheet::where(const SheetRow& row) const {
  if (row.number() == 0 || row.number() == row.line()) return fmt::format("{}:{}", m_reader.path(), row.line());
  return fmt::format("{}:{} (line {})", m_reader.path(), row.number(), row.line());
}

struct RejectsWriter::Impl {
  AtomicFile file;
  explicit Impl(std::string path) : file(std::move(path)) {}
};

RejectsWriter::RejectsWriter(std::string path, const std::vector<std::string>& header)
    : m_impl(std::make_unique<Impl>(std::move(path))), m_width(header.size()) {
  auto& out = m_impl->file.stream();
  out << "\xEF\xBB\xBF"
      << "line";
  for (const auto& h : header) out << ',' << csv_quote(h);
  out << ",reason\r\n";
}

RejectsWriter::~RejectsWriter() = default;

void RejectsWriter::add(uint64_t line, const std::vector<std::string_view>& cells, std::string_view reason) {
  auto& out = m_impl->file.stream();
  out << line;
  for (auto c : cells) out << ',' << csv_quote(c);
  out << ',' << csv_quote(reason) << "\r\n";
  ++m_count;
}

void RejectsWriter::add_raw(uint64_t line, std::string_view raw, std::string_view reason) {
  auto& out = m_impl->file.stream();
  out << line << ',' << csv_quote(raw);
  for (size_t i = 1; i < m_width; ++i) out << ',';
  out << ',' << csv_quote(reason) << "\r\n";
  ++m_count;
}

void RejectsWriter::commit() {
  m_impl->file.commit();
}

}  // namespace ankang::io

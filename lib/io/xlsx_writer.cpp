#include "io/xlsx_writer.hpp"

#include "error.hpp"

#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <set>

namespace ankang::io {

namespace {

// Excel's column width unit is the width of a digit; a Chinese character takes about two.
constexpr double k_max_width = 60;
constexpr double k_min_width = 6;

bool is_iso_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (t[i] < '0' || t[i] > '9') return false;
  const int m = (t[5] - '0') * 10 + (t[6] - '0');
  const int d = (t[8] - '0') * 10 + (t[9] - '0');
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

std::optional<double> parse_double(std::string_view t, int& decimals) {
  if (!is_plain_number(t)) return std::nullopt;
  std::string_view digits = t;
  if (digits.starts_with('+')) digits.remove_prefix(1);
  double v = 0;
  const auto r = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (r.ec != std::errc() || r.ptr != digits.data() + digits.size()) return std::nullopt;
  const auto dot = t.find('.');
  decimals = dot == std::string_view::npos ? -1 : static_cast<int>(t.size() - dot - 1);
  return v;
}

// A sheet name Excel accepts: no []:*?/\, not empty, at most 31 characters (not bytes).
std::string sheet_name_for(std::string_view wanted) {
  std::string out;
  size_t chars = 0;
  for (size_t i = 0; i < wanted.size() && chars < 31;) {
    const auto c = static_cast<unsigned char>(wanted[i]);
    const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (std::strchr("[]:*?/\\", wanted[i]) && len == 1) {
      out += '_';
    } else {
      out.append(wanted.substr(i, len));
    }
    i += len;
    ++chars;
  }
  while (out.starts_with('\'')) out.erase(0, 1);
  while (out.ends_with('\'')) out.pop_back();
  if (out.empty()) out = "Sheet";
  return out;
}

}  // namespace

XlsxCell xlsx_cell(const Cell& cell) {
  XlsxCell x;
  switch (cell.type) {
    case Cell::Type::null:
      return x;
    case Cell::Type::number: {
      int decimals = -1;
      if (const auto v = parse_double(cell.text, decimals)) {
        x.kind = XlsxCell::Kind::number;
        x.number = *v;
        x.decimals = decimals;
        return x;
      }
      break;
    }
    case Cell::Type::text:
      if (is_iso_date(cell.text)) {
        x.kind = XlsxCell::Kind::date;
        x.text = cell.text;
        return x;
      }
      break;
  }
  x.kind = XlsxCell::Kind::text;
  x.text = cell.text;
  return x;
}

XlsxCell xlsx_percent(std::string_view number_text) {
  XlsxCell x;
  int decimals = -1;
  const auto v = parse_double(number_text, decimals);
  if (!v) {
    x.kind = XlsxCell::Kind::text;
    x.text = std::string(number_text);
    return x;
  }
  x.kind = XlsxCell::Kind::percent;
  x.number = *v / 100.0;
  x.decimals = decimals < 0 ? 0 : decimals;
  return x;
}

struct XlsxBook::Impl {
  std::ostream& out;
  std::string scratch;
  std::string tmpdir;
  lxw_workbook* book = nullptr;
  lxw_worksheet* ws = nullptr;
  lxw_format* bold = nullptr;
  lxw_format* title = nullptr;
  lxw_format* header = nullptr;
  lxw_format* date = nullptr;
  lxw_format* wrap = nullptr;
  std::vector<lxw_format*> number_formats;   // by decimals + 1 (General first)
  std::vector<lxw_format*> percent_formats;  // by decimals
  std::set<std::string> names;
  lxw_row_t next_row = 0;
  std::vector<double> widths;
  bool finished = false;

  explicit Impl(std::ostream& o) : out(o) {}

  ~Impl() {
    if (book && !finished) {
      workbook_close(book);  // frees it; the scratch file goes below
    }
    if (!scratch.empty()) ::unlink(scratch.c_str());
  }

  [[noreturn]] void fail(const std::string& why) const {
    throw Error(ErrorKind::io, fmt::format("cannot write the .xlsx workbook: {}", why));
  }

  void check(lxw_error e) const {
    if (e != LXW_NO_ERROR) fail(lxw_strerror(e));
  }

  void end_sheet() {
    if (!ws) return;
    for (size_t c = 0; c < widths.size(); ++c)
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                           std::clamp(widths[c] + 2, k_min_width, k_max_width), nullptr);
    ws = nullptr;
    widths.clear();
  }

  void widen(size_t col, double w) {
    if (widths.size() <= col) widths.resize(col + 1, 0);
    widths[col] = std::max(widths[col], w);
  }

  lxw_format* number_format(int decimals) {
    const size_t i = static_cast<size_t>(std::clamp(decimals, -1, 6) + 1);
    if (number_formats.size() <= i) number_formats.resize(i + 1, nullptr);
    if (!number_formats[i]) {
      number_formats[i] = workbook_add_format(book);
      if (decimals > 0) format_set_num_format(number_formats[i], ("0." + std::string(static_cast<size_t>(std::min(decimals, 6)), '0')).c_str());
    }
    return number_formats[i];
  }

  lxw_format* percent_format(int decimals) {
    const auto i = static_cast<size_t>(std::clamp(decimals, 0, 6));
    if (percent_formats.size() <= i) percent_formats.resize(i + 1, nullptr);
    if (!percent_formats[i]) {
      percent_formats[i] = workbook_add_format(book);
      format_set_num_format(percent_formats[i], i == 0 ? "0%" : ("0." + std::string(i, '0') + "%").c_str());
    }
    return percent_formats[i];
  }
};

XlsxBook::XlsxBook(std::ostream& out, std::string scratch_prefix) : m_impl(std::make_unique<Impl>(out)) {
  auto& im = *m_impl;
  std::string templ = scratch_prefix + "XXXXXX";
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  const int fd = ::mkstemp(buf.data());  // mode 0600: the workbook holds names and phone numbers
  if (fd < 0)
    throw Error(ErrorKind::io, fmt::format("cannot write the .xlsx workbook: {}: {}", templ, std::strerror(errno)),
                "check that the output's folder exists and is writable");
  ::close(fd);
  im.scratch = buf.data();
  const auto slash = im.scratch.rfind('/');
  im.tmpdir = slash == std::string::npos ? "." : im.scratch.substr(0, slash == 0 ? 1 : slash);
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;  // rows go to disk as they come
  options.tmpdir = im.tmpdir.data();
  options.use_zip64 = LXW_TRUE;
  im.book = workbook_new_opt(im.scratch.c_str(), &options);
  if (!im.book) im.fail("libxlsxwriter could not start a workbook");
  im.bold = workbook_add_format(im.book);
  format_set_bold(im.bold);
  im.title = workbook_add_format(im.book);
  format_set_bold(im.title);
  format_set_font_size(im.title, 14);
  im.header = workbook_add_format(im.book);
  format_set_bold(im.header);
  format_set_bg_color(im.header, 0xDDE6F0);
  format_set_border(im.header, LXW_BORDER_THIN);
  im.date = workbook_add_format(im.book);
  format_set_num_format(im.date, "yyyy-mm-dd");
}

XlsxBook::~XlsxBook() = default;

void XlsxBook::sheet(std::string_view wanted) {
  auto& im = *m_impl;
  im.end_sheet();
  std::string name = sheet_name_for(wanted);
  // Unique, as Excel compares names (ASCII case-insensitively): add (2), (3) …
  const auto folded = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  for (int n = 2; im.names.count(folded(name)); ++n) name = sheet_name_for(fmt::format("{}({})", wanted.substr(0, 24), n));
  im.names.insert(folded(name));
  im.ws = workbook_add_worksheet(im.book, name.c_str());
  if (!im.ws) im.fail(fmt::format("sheet name {}", quote_value(name)));
  im.next_row = 0;
}

void XlsxBook::title(std::string_view text) {
  auto& im = *m_impl;
  im.check(worksheet_write_string(im.ws, im.next_row++, 0, std::string(text).c_str(), im.title));
}

void XlsxBook::text_line(std::string_view text) {
  auto& im = *m_impl;
  im.check(worksheet_write_string(im.ws, im.next_row++, 0, std::string(text).c_str(), nullptr));
}

void XlsxBook::blank_line() { ++m_impl->next_row; }

void XlsxBook::header(const std::vector<std::string>& labels) {
  auto& im = *m_impl;
  for (size_t c = 0; c < labels.size(); ++c) {
    im.check(worksheet_write_string(im.ws, im.next_row, static_cast<lxw_col_t>(c), labels[c].c_str(), im.header));
    im.widen(c, static_cast<double>(display_width(labels[c])));
  }
  ++im.next_row;
  worksheet_freeze_panes(im.ws, im.next_row, 0);
}

void XlsxBook::row(const std::vector<XlsxCell>& cells) {
  auto& im = *m_impl;
  const lxw_row_t r = im.next_row++;
  for (size_t c = 0; c < cells.size(); ++c) {
    const XlsxCell& x = cells[c];
    const auto col = static_cast<lxw_col_t>(c);
    switch (x.kind) {
      case XlsxCell::Kind::blank:
        break;
      case XlsxCell::Kind::text: {
        // A line break in a cell: the widest line sets the width.
        size_t w = 0;
        std::string_view rest = x.text;
        for (;;) {
          const auto nl = rest.find('\n');
          w = std::max(w, display_width(rest.substr(0, nl)));
          if (nl == std::string_view::npos) break;
          rest.remove_prefix(nl + 1);
        }
        im.widen(c, static_cast<double>(w));
        im.check(worksheet_write_string(im.ws, r, col, x.text.c_str(), nullptr));
        break;
      }
      case XlsxCell::Kind::number:
        im.widen(c, static_cast<double>(fmt::format("{}", x.number).size()));
        im.check(worksheet_write_number(im.ws, r, col, x.number, im.number_format(x.decimals)));
        break;
      case XlsxCell::Kind::percent:
        im.widen(c, 7);
        im.check(worksheet_write_number(im.ws, r, col, x.number, im.percent_format(x.decimals)));
        break;
      case XlsxCell::Kind::date: {
        lxw_datetime dt{};
        dt.year = std::atoi(x.text.substr(0, 4).c_str());
        dt.month = std::atoi(x.text.substr(5, 2).c_str());
        dt.day = std::atoi(x.text.substr(8, 2).c_str());
        im.widen(c, 10);
        im.check(worksheet_write_datetime(im.ws, r, col, &dt, im.date));
        break;
      }
    }
  }
}

void XlsxBook::finish() {
  auto& im = *m_impl;
  im.end_sheet();
  if (im.names.empty()) sheet("Sheet1");
  im.end_sheet();
  const lxw_error e = workbook_close(im.book);
  im.finished = true;
  im.book = nullptr;
  im.check(e);
  std::ifstream in(im.scratch, std::ios::binary);
  if (!in) im.fail(fmt::format("cannot read back {}", im.scratch));
  im.out << in.rdbuf();
  if (!im.out) im.fail("the output stream failed");
}

namespace {

class XlsxRowWriter : public RowWriter {
 public:
  XlsxRowWriter(std::ostream& out, const WriteOptions& options)
      : m_book(out, options.scratch_prefix.empty() ? std::string("/tmp/ankang-xlsx-") : options.scratch_prefix),
        m_for_people(options.for_people),
        m_sheet(options.sheet_name.empty() ? std::string("Sheet1") : options.sheet_name) {}

  void begin(const std::vector<Column>& columns) override {
    m_book.sheet(m_sheet);
    std::vector<std::string> labels;
    for (const auto& c : columns) labels.push_back(m_for_people ? c.label : c.key);
    m_book.header(labels);
  }
  void row(const Row& cells) override {
    m_cells.clear();
    for (const auto& c : cells) m_cells.push_back(xlsx_cell(c));
    m_book.row(m_cells);
  }
  void end() override { m_book.finish(); }

 private:
  XlsxBook m_book;
  bool m_for_people;
  std::string m_sheet;
  std::vector<XlsxCell> m_cells;
};

}  // namespace

std::unique_ptr<RowWriter> make_xlsx_row_writer(std::ostream& out, const WriteOptions& options) {
  return std::make_unique<XlsxRowWriter>(out, options);
}

}  // namespace ankang::io

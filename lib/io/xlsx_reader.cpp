#include "io/xlsx_reader.hpp"

#include "error.hpp"

#include <expat.h>
#include <fmt/format.h>
#include <zip.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <functional>

namespace ankang::io {

namespace {

// Blocks of inflated XML handed to expat: the sheet is never held whole.
constexpr size_t k_xlsx_block = 64 * 1024;
// Excel's last column (XFD) and row.
constexpr size_t k_max_columns = 16384;
constexpr uint64_t k_max_row = 1048576;
// Hidden rows named in the note; the rest are counted.
constexpr size_t k_hidden_rows_named = 20;

// An element's or attribute's name without its namespace prefix ("x:row" → "row").
std::string_view local_name(const XML_Char* name) {
  std::string_view n(name);
  const auto colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

const XML_Char* attribute(const XML_Char** attrs, std::string_view name) {
  for (size_t i = 0; attrs[i]; i += 2)
    if (local_name(attrs[i]) == name) return attrs[i + 1];
  return nullptr;
}

// OOXML writes characters XML cannot carry as _xHHHH_ (a line's CR as _x000D_).
void decode_escapes(std::string& s) {
  if (s.find("_x") == std::string::npos) return;
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned code = 0;
    if (s.compare(i, 2, "_x") == 0 && i + 7 <= s.size() && s[i + 6] == '_' &&
        std::from_chars(s.data() + i + 2, s.data() + i + 6, code, 16).ptr == s.data() + i + 6) {
      if (code < 0x80) {
        out += static_cast<char>(code);
      } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
      } else {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
      }
      i += 7;
    } else {
      out += s[i++];
    }
  }
  s.swap(out);
}

// A part's path from a relationship's target, relative to the folder of the part that names it.
std::string resolve_target(std::string_view base_folder, std::string_view target) {
  if (target.starts_with('/')) return std::string(target.substr(1));
  std::string folder(base_folder);
  while (target.starts_with("../")) {
    target.remove_prefix(3);
    if (!folder.empty()) folder.pop_back();
    const auto slash = folder.rfind('/');
    folder = slash == std::string::npos ? std::string() : folder.substr(0, slash + 1);
  }
  return folder + std::string(target);
}

enum class DateKind : uint8_t { none, date, datetime, time };

DateKind date_kind_of_code(std::string_view code) {
  bool date = false, time = false;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {
      const auto close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is shown as it is (or is padding)
    } else if (c == '[') {
      const auto close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      const auto inner = code.substr(i + 1, close - i - 1);
      // [h], [mm], [ss]: elapsed time; [Red], [$-804], [DBNum1]: not date parts.
      if (!inner.empty() && (inner[0] == 'h' || inner[0] == 'H' || inner[0] == 's' || inner[0] == 'S')) time = true;
      i = close;
    } else {
      switch (c) {
        case 'y': case 'Y': case 'd': case 'D': case 'e': case 'E':
          date = true;
          break;
        case 'h': case 'H': case 's': case 'S':
          time = true;
          break;
        case 'm': case 'M':
          date = true;  // a month, or minutes beside h or s: either way a date or time format
          break;
        case 'G': case 'g':
          if (code.substr(i, 7) == "General" || code.substr(i, 7) == "general") i += 6;
          break;
        default:
          break;
      }
    }
  }
  if (date && time) return DateKind::datetime;
  if (date) return DateKind::date;
  if (time) return DateKind::time;
  return DateKind::none;
}

DateKind builtin_date_kind(int id) {
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) || (id >= 50 && id <= 58))
    return DateKind::date;
  if (id == 22) return DateKind::datetime;
  if ((id >= 18 && id <= 21) || id == 32 || id == 33 || (id >= 45 && id <= 47)) return DateKind::time;
  return DateKind::none;
}

// Shortest text that keeps a number's value as Excel keeps it (15 significant digits).
std::string number_text(std::string_view raw) {
  std::string_view digits = raw;
  if (digits.starts_with('-')) digits.remove_prefix(1);
  if (!digits.empty() && digits.size() <= 15 &&
      digits.find_first_not_of("0123456789") == std::string_view::npos)
    return std::string(raw);
  const std::string copy(raw);
  char* end = nullptr;
  const double d = std::strtod(copy.c_str(), &end);
  if (end == copy.c_str() || *end != '\0' || !std::isfinite(d)) return copy;
  if (d == std::floor(d) && std::fabs(d) < 1e15) return fmt::format("{:.0f}", d);
  return fmt::format("{:.15g}", d);
}

}  // namespace

FileKind sniff_file_kind(std::string_view b) {
  if (b.starts_with(std::string_view("PK\x03\x04", 4))) return FileKind::zip;
  if (b.starts_with(std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))) return FileKind::ole2;
  return FileKind::text;
}

bool is_date_format_code(std::string_view code) {
  return date_kind_of_code(code) != DateKind::none;
}

bool is_builtin_date_format(int id) {
  return builtin_date_kind(id) != DateKind::none;
}

std::string excel_serial_to_iso(double serial, bool date1904, bool with_time) {
  if (!std::isfinite(serial) || serial < 0) return {};
  auto day = static_cast<int64_t>(std::floor(serial));
  double fraction = serial - static_cast<double>(day);
  int64_t seconds = std::llround(fraction * 86400.0);
  if (seconds >= 86400) {
    ++day;
    seconds -= 86400;
  }
  // Days since 1970-01-01 (civil-from-days below). 1900 system: serial 1 is 1900-01-01 and
  // serial 60 the 29 February 1900 Lotus had; from 61 on, day N is 1899-12-30 + N.
  int64_t days = 0;
  if (date1904) {
    days = day - 24107;  // 1904-01-01 is 24107 days before 1970-01-01
  } else {
    days = (day >= 61 ? day : day + 1) - 25569;  // 1899-12-30 is 25569 days before 1970-01-01
  }
  // Howard Hinnant's civil_from_days.
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  if (y < 1900 || y > 9999) return {};
  std::string out = fmt::format("{:04}-{:02}-{:02}", y, m, d);
  if (with_time && seconds > 0)
    out += fmt::format(" {:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60);
  return out;
}

struct XlsxReader::Impl {
  std::string path;
  zip_t* zip = nullptr;
  bool date1904 = false;
  std::vector<std::string> sheet_names;
  std::string sheet_name;

  // Shared strings, end to end in one buffer: no allocation per string.
  std::string sst_text;
  std::vector<uint64_t> sst_end;
  std::vector<DateKind> xf_date;  // per cell style (cellXfs), what its number format shows

  // The sheet, streamed.
  zip_file_t* sheet = nullptr;
  XML_Parser parser = nullptr;
  bool suspended = false;
  bool finished = false;
  uint64_t sheet_bytes = 0;
  uint64_t sheet_read = 0;

  struct Row {
    uint64_t number = 0;
    bool hidden = false;
    std::vector<std::string> cells;
    size_t used = 0;  // cells in use (the vector keeps its strings between rows)
    bool has_value = false;
  };
  Row row;                 // being parsed
  std::deque<Row> ready;   // parsed, not yet handed out (usually one: the parser stops at each row)
  Row given;               // handed out by next(): the record's views point into it
  uint64_t last_row = 0;
  bool in_sheet_data = false;
  bool in_row = false;
  bool in_cell = false;
  size_t col = 0;
  size_t next_col = 0;
  std::string cell_type;
  size_t cell_style = 0;
  std::string value;     // <v> text
  std::string inline_text;
  bool in_value = false;
  bool in_text = false;  // <t> inside <is>
  int phonetic_depth = 0;
  std::vector<uint64_t> hidden;
  size_t hidden_count = 0;

  ~Impl() {
    if (parser) XML_ParserFree(parser);
    if (sheet) zip_fclose(sheet);
    if (zip) zip_discard(zip);
  }

  [[noreturn]] void fail(const std::string& why) const {
    throw Error(ErrorKind::invalid_input, fmt::format("{}: {}", path, why),
                "open it in Excel or WPS and save it again as .xlsx, or save the sheet as CSV");
  }

  zip_int64_t locate(const std::string& name) const { return zip_name_locate(zip, name.c_str(), 0); }

  // Streams one entry of the zip through an expat parser whose handlers are set by the caller.
  void parse_entry(zip_int64_t index, const std::string& name, XML_Parser p) {
    zip_file_t* f = zip_fopen_index(zip, static_cast<zip_uint64_t>(index), 0);
    if (!f) fail(fmt::format("cannot read {} in the workbook: {}", name, zip_strerror(zip)));
    for (;;) {
      void* buf = XML_GetBuffer(p, static_cast<int>(k_xlsx_block));
      const zip_int64_t n = zip_fread(f, buf, k_xlsx_block);
      if (n < 0) {
        const std::string why = zip_file_strerror(f);
        zip_fclose(f);
        fail(fmt::format("cannot read {} in the workbook: {}", name, why));
      }
      if (XML_ParseBuffer(p, static_cast<int>(n), n == 0) != XML_STATUS_OK) {
        zip_fclose(f);
        fail(fmt::format("{} in the workbook is not well-formed XML (line {}: {})", name,
                         XML_GetCurrentLineNumber(p), XML_ErrorString(XML_GetErrorCode(p))));
      }
      if (n == 0) break;
    }
    zip_fclose(f);
  }

  // Parses a small part with element callbacks given as a lambda.
  using StartFn = std::function<void(std::string_view, const XML_Char**)>;
  using EndFn = std::function<void(std::string_view)>;
  using TextFn = std::function<void(std::string_view)>;
  struct Handlers {
    StartFn start;
    EndFn end;
    TextFn text;
  };
  void parse_part(const std::string& name, Handlers h) {
    const zip_int64_t index = locate(name);
    if (index < 0) fail(fmt::format("the workbook has no part {}", name));
    XML_Parser p = XML_ParserCreate("UTF-8");
    XML_SetUserData(p, &h);
    XML_SetElementHandler(
        p,
        [](void* ud, const XML_Char* n, const XML_Char** a) {
          auto* hh = static_cast<Handlers*>(ud);
          if (hh->start) hh->start(local_name(n), a);
        },
        [](void* ud, const XML_Char* n) {
          auto* hh = static_cast<Handlers*>(ud);
          if (hh->end) hh->end(local_name(n));
        });
    if (h.text)
      XML_SetCharacterDataHandler(p, [](void* ud, const XML_Char* s, int len) {
        static_cast<Handlers*>(ud)->text(std::string_view(s, static_cast<size_t>(len)));
      });
    try {
      parse_entry(index, name, p);
    } catch (...) {
      XML_ParserFree(p);
      throw;
    }
    XML_ParserFree(p);
  }

  struct Relationship {
    std::string id, type, target;
  };
  std::vector<Relationship> relationships(const std::string& rels_name) {
    std::vector<Relationship> out;
    if (locate(rels_name) < 0) return out;
    parse_part(rels_name, {[&](std::string_view el, const XML_Char** a) {
                             if (el != "Relationship") return;
                             const char* id = attribute(a, "Id");
                             const char* type = attribute(a, "Type");
                             const char* target = attribute(a, "Target");
                             if (id && type && target) out.push_back({id, type, target});
                           },
                           {},
                           {}});
    return out;
  }

  void open(std::string_view wanted) {
    int code = 0;
    zip = zip_open(path.c_str(), ZIP_RDONLY, &code);
    if (!zip) {
      zip_error_t err;
      zip_error_init_with_code(&err, code);
      const std::string why = zip_error_strerror(&err);
      zip_error_fini(&err);
      fail(fmt::format("a zip file that cannot be read as an .xlsx workbook ({})", why));
    }
    // The workbook part: named by the package's relationships, else where Excel puts it.
    std::string workbook = "xl/workbook.xml";
    for (const auto& r : relationships("_rels/.rels"))
      if (r.type.ends_with("/officeDocument")) workbook = resolve_target("", r.target);
    if (locate(workbook) < 0)
      fail("a zip file with no Excel workbook in it (no xl/workbook.xml): not an .xlsx file");
    const auto slash = workbook.rfind('/');
    const std::string folder = slash == std::string::npos ? std::string() : workbook.substr(0, slash + 1);
    const std::string file = slash == std::string::npos ? workbook : workbook.substr(slash + 1);

    struct SheetEntry {
      std::string name, rid;
      bool visible = true;
    };
    std::vector<SheetEntry> sheets;
    parse_part(workbook, {[&](std::string_view el, const XML_Char** a) {
                            if (el == "workbookPr") {
                              const char* v = attribute(a, "date1904");
                              date1904 = v && (std::strcmp(v, "1") == 0 || std::strcmp(v, "true") == 0);
                            } else if (el == "sheet") {
                              const char* name = attribute(a, "name");
                              const char* rid = attribute(a, "id");
                              const char* state = attribute(a, "state");
                              if (name && rid) sheets.push_back({name, rid, !state || std::strcmp(state, "visible") == 0});
                            }
                          },
                          {},
                          {}});
    if (sheets.empty()) fail("the workbook has no sheets");
    for (const auto& s : sheets) sheet_names.push_back(s.name);

    const SheetEntry* chosen = nullptr;
    if (wanted.empty()) {
      for (const auto& s : sheets)
        if (s.visible) {
          chosen = &s;
          break;
        }
      if (!chosen) chosen = &sheets.front();
    } else {
      for (const auto& s : sheets)
        if (s.name == wanted) chosen = &s;
      size_t n = 0;
      if (!chosen && std::from_chars(wanted.data(), wanted.data() + wanted.size(), n).ptr == wanted.data() + wanted.size() &&
          n >= 1 && n <= sheets.size())
        chosen = &sheets[n - 1];
      if (!chosen) {
        std::string names;
        for (size_t i = 0; i < sheets.size(); ++i) names += fmt::format("{}{} {}", i ? ", " : "", i + 1, quote_value(sheets[i].name));
        throw Error(ErrorKind::usage, fmt::format("--sheet {}: {} has no such sheet: its sheets are {}", quote_value(wanted), path, names),
                    "name a sheet, or give its number counted from 1");
      }
    }
    sheet_name = chosen->name;

    std::string sheet_part, strings_part, styles_part;
    for (const auto& r : relationships(folder + "_rels/" + file + ".rels")) {
      if (r.id == chosen->rid) sheet_part = resolve_target(folder, r.target);
      if (r.type.ends_with("/sharedStrings")) strings_part = resolve_target(folder, r.target);
      if (r.type.ends_with("/styles")) styles_part = resolve_target(folder, r.target);
    }
    if (sheet_part.empty() || locate(sheet_part) < 0)
      fail(fmt::format("the workbook names sheet {} but does not hold it", quote_value(sheet_name)));
    if (!strings_part.empty() && locate(strings_part) >= 0) read_shared_strings(strings_part);
    if (!styles_part.empty() && locate(styles_part) >= 0) read_styles(styles_part);
    open_sheet(sheet_part);
  }

  void read_shared_strings(const std::string& part) {
    bool in_si = false, in_t = false;
    int rph = 0;
    std::string item;
    parse_part(part, {[&](std::string_view el, const XML_Char**) {
                        if (el == "si") {
                          in_si = true;
                          item.clear();
                        } else if (el == "rPh") {
                          ++rph;  // phonetic guide (furigana): not the cell's text
                        } else if (el == "t" && in_si && rph == 0) {
                          in_t = true;
                        }
                      },
                      [&](std::string_view el) {
                        if (el == "t") {
                          in_t = false;
                        } else if (el == "rPh") {
                          --rph;
                        } else if (el == "si") {
                          in_si = false;
                          decode_escapes(item);
                          sst_text += item;
                          sst_end.push_back(sst_text.size());
                        }
                      },
                      [&](std::string_view s) {
                        if (in_t) item += s;
                      }});
  }

  void read_styles(const std::string& part) {
    std::vector<std::pair<int, DateKind>> custom;
    bool in_xfs = false;
    parse_part(part, {[&](std::string_view el, const XML_Char** a) {
                        if (el == "numFmt") {
                          const char* id = attribute(a, "numFmtId");
                          const char* code = attribute(a, "formatCode");
                          if (id && code) custom.emplace_back(std::atoi(id), date_kind_of_code(code));
                        } else if (el == "cellXfs") {
                          in_xfs = true;
                        } else if (el == "xf" && in_xfs) {
                          const char* id = attribute(a, "numFmtId");
                          const int n = id ? std::atoi(id) : 0;
                          DateKind k = builtin_date_kind(n);
                          for (const auto& [cid, kind] : custom)
                            if (cid == n) k = kind;
                          xf_date.push_back(k);
                        }
                      },
                      [&](std::string_view el) {
                        if (el == "cellXfs") in_xfs = false;
                      },
                      {}});
  }

  void open_sheet(const std::string& part) {
    const zip_int64_t index = locate(part);
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip, static_cast<zip_uint64_t>(index), 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE)) sheet_bytes = st.size;
    sheet = zip_fopen_index(zip, static_cast<zip_uint64_t>(index), 0);
    if (!sheet) fail(fmt::format("cannot read {} in the workbook: {}", part, zip_strerror(zip)));
    parser = XML_ParserCreate("UTF-8");
    XML_SetUserData(parser, this);
    XML_SetElementHandler(
        parser, [](void* ud, const XML_Char* n, const XML_Char** a) { static_cast<Impl*>(ud)->start(local_name(n), a); },
        [](void* ud, const XML_Char* n) { static_cast<Impl*>(ud)->end(local_name(n)); });
    XML_SetCharacterDataHandler(parser, [](void* ud, const XML_Char* s, int len) {
      auto* self = static_cast<Impl*>(ud);
      if (self->in_value) self->value.append(s, static_cast<size_t>(len));
      else if (self->in_text && self->phonetic_depth == 0) self->inline_text.append(s, static_cast<size_t>(len));
    });
  }

  void start(std::string_view el, const XML_Char** a) {
    if (el == "sheetData") {
      in_sheet_data = true;
    } else if (!in_sheet_data) {
      return;
    } else if (el == "row") {
      in_row = true;
      const char* r = attribute(a, "r");
      uint64_t n = last_row + 1;
      if (r) n = std::strtoull(r, nullptr, 10);
      if (n == 0 || n > k_max_row || (n <= last_row && r))
        fail(fmt::format("sheet {}: row number {} out of order (after {})", quote_value(sheet_name), r ? r : "?", last_row));
      row.number = last_row = n;
      const char* h = attribute(a, "hidden");
      row.hidden = h && (std::strcmp(h, "1") == 0 || std::strcmp(h, "true") == 0);
      row.used = 0;
      row.has_value = false;
      next_col = 0;
    } else if (el == "c" && in_row) {
      in_cell = true;
      col = next_col;
      if (const char* r = attribute(a, "r")) {
        size_t c = 0;
        for (const char* p = r; *p >= 'A' && *p <= 'Z'; ++p) c = c * 26 + static_cast<size_t>(*p - 'A' + 1);
        if (c == 0 || c > k_max_columns) fail(fmt::format("sheet {}: cell reference {} is not a cell", quote_value(sheet_name), r));
        col = c - 1;
      }
      next_col = col + 1;
      const char* t = attribute(a, "t");
      cell_type = t ? t : "n";
      const char* s = attribute(a, "s");
      cell_style = s ? std::strtoul(s, nullptr, 10) : 0;
      value.clear();
      inline_text.clear();
    } else if (el == "v" && in_cell) {
      in_value = true;
    } else if (el == "t" && in_cell) {
      in_text = true;
    } else if (el == "rPh") {
      ++phonetic_depth;
    }
  }

  void end(std::string_view el) {
    if (el == "sheetData") {
      in_sheet_data = false;
    } else if (!in_sheet_data) {
      return;
    } else if (el == "v") {
      in_value = false;
    } else if (el == "t") {
      in_text = false;
    } else if (el == "rPh") {
      --phonetic_depth;
    } else if (el == "c" && in_cell) {
      in_cell = false;
      finish_cell();
    } else if (el == "row" && in_row) {
      in_row = false;
      if (row.hidden && row.has_value) {
        if (hidden.size() < k_hidden_rows_named) hidden.push_back(row.number);
        ++hidden_count;
      }
      if (row.has_value) {
        ready.emplace_back();
        std::swap(ready.back(), row);
        XML_StopParser(parser, XML_TRUE);  // one row at a time: resumed by the next call of next()
      }
    }
  }

  std::string& cell_at(size_t c) {
    if (row.cells.size() <= c) row.cells.resize(c + 1);
    while (row.used <= c) row.cells[row.used++].clear();
    return row.cells[c];
  }

  void finish_cell() {
    std::string text;
    if (cell_type == "s") {
      size_t i = 0;
      if (std::from_chars(value.data(), value.data() + value.size(), i).ptr != value.data() + value.size() || i >= sst_end.size())
        fail(fmt::format("sheet {} row {}: shared string {} does not exist", quote_value(sheet_name), row.number, quote_value(value)));
      const uint64_t b = i == 0 ? 0 : sst_end[i - 1];
      text.assign(sst_text, b, sst_end[i] - b);
    } else if (cell_type == "inlineStr") {
      text = inline_text;
      decode_escapes(text);
    } else if (cell_type == "str") {
      text = value;
      decode_escapes(text);
    } else if (cell_type == "b") {
      text = value.empty() ? "" : value == "1" || value == "true" ? "TRUE" : "FALSE";
    } else if (cell_type == "e") {
      text = value;
    } else if (cell_type == "d") {  // ISO 8601 date cell (strict OOXML)
      text = value;
      if (const auto t = text.find('T'); t != std::string::npos) {
        const std::string time = text.substr(t + 1, 8);
        text = time == "00:00:00" || time.empty() ? text.substr(0, t) : text.substr(0, t) + ' ' + time;
      }
    } else if (!value.empty()) {
      const DateKind k = cell_style < xf_date.size() ? xf_date[cell_style] : DateKind::none;
      if (k != DateKind::none) {
        char* endp = nullptr;
        const double d = std::strtod(value.c_str(), &endp);
        if (k == DateKind::time) {
          const int64_t secs = std::llround((d - std::floor(d)) * 86400.0) % 86400;
          text = fmt::format("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60);
        } else {
          text = excel_serial_to_iso(d, date1904, k == DateKind::datetime);
        }
        if (text.empty()) text = number_text(value);  // out of the calendar: the number as it is
      } else {
        text = number_text(value);
      }
    }
    if (text.empty()) return;
    cell_at(col) = std::move(text);
    row.has_value = true;
  }

  // Parses until a row is ready; false at the end of the sheet.
  bool fill() {
    while (ready.empty()) {
      if (finished) return false;
      XML_Status status;
      if (suspended) {
        status = XML_ResumeParser(parser);
      } else {
        void* buf = XML_GetBuffer(parser, static_cast<int>(k_xlsx_block));
        if (!buf) fail("out of memory reading the sheet");
        const zip_int64_t n = zip_fread(sheet, buf, k_xlsx_block);
        if (n < 0) fail(fmt::format("cannot read sheet {}: {}", quote_value(sheet_name), zip_file_strerror(sheet)));
        sheet_read += static_cast<uint64_t>(n);
        status = XML_ParseBuffer(parser, static_cast<int>(n), n == 0);
        if (n == 0 && status == XML_STATUS_OK) finished = true;
      }
      if (status == XML_STATUS_ERROR)
        fail(fmt::format("sheet {} is not well-formed XML (line {}: {})", quote_value(sheet_name),
                         XML_GetCurrentLineNumber(parser), XML_ErrorString(XML_GetErrorCode(parser))));
      suspended = status == XML_STATUS_SUSPENDED;
      if (!suspended) {
        XML_ParsingStatus ps;
        XML_GetParsingStatus(parser, &ps);
        if (ps.parsing == XML_FINISHED) finished = true;
      }
    }
    return true;
  }
};

XlsxReader::XlsxReader(std::string path, std::string_view sheet) : m_impl(std::make_unique<Impl>()) {
  m_impl->path = std::move(path);
  m_impl->open(sheet);
}

XlsxReader::~XlsxReader() = default;

bool XlsxReader::next(Record& record) {
  auto& im = *m_impl;
  if (!im.fill()) return false;
  std::swap(im.given, im.ready.front());
  im.ready.pop_front();
  record.fields.clear();
  record.invalid.reset();
  record.malformed.clear();
  record.raw.clear();
  record.malformed_field = 0;
  record.line = im.given.number;
  for (size_t i = 0; i < im.given.used; ++i) record.fields.emplace_back(im.given.cells[i]);
  return true;
}

const std::string& XlsxReader::sheet_name() const { return m_impl->sheet_name; }
size_t XlsxReader::sheet_count() const { return m_impl->sheet_names.size(); }
const std::vector<uint64_t>& XlsxReader::hidden_rows() const { return m_impl->hidden; }
size_t XlsxReader::hidden_row_count() const { return m_impl->hidden_count; }
uint64_t XlsxReader::bytes_read() const { return m_impl->sheet_read; }
uint64_t XlsxReader::sheet_size() const { return m_impl->sheet_bytes; }

}  // namespace ankang::io

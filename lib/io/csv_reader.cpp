#include "io/csv_reader.hpp"

#include "io/xlsx_reader.hpp"

#include "error.hpp"
#include "io/table.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <nettle/sha2.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ankang::io {

namespace {

constexpr size_t k_csv_block = 1 << 20;
// A record this long is a runaway quote, not data: stop before memory does.
constexpr size_t k_max_record = 64u << 20;

// The first of the bytes a, b, c in [p, e), or e; 16 bytes at a time where SSE2 is there
// (every x86-64): the scan for delimiters is most of the parser's time.
const char* find_any(const char* p, const char* e, char a, char b, char c) {
#if defined(__SSE2__)
  const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b), vc = _mm_set1_epi8(c);
  while (e - p >= 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb)), _mm_cmpeq_epi8(x, vc));
    const int mask = _mm_movemask_epi8(hit);
    if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
    p += 16;
  }
#endif
  while (p < e && *p != a && *p != b && *p != c) ++p;
  return p;
}

// Text that was inside quotes, as the file had it: every quote doubled.
void append_quoted_text(std::string& out, std::string_view text) {
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
}

bool is_blank_text(std::string_view f) {
  size_t i = 0;
  while (i < f.size()) {
    if (f[i] == ' ' || f[i] == '\t' || f[i] == '\r' || f[i] == '\n') {
      ++i;
    } else if (f.substr(i, 3) == "\xE3\x80\x80") {  // full-width space
      i += 3;
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace

bool Record::blank() const {
  for (auto f : fields)
    if (!is_blank_text(f)) return false;
  return true;
}

CsvReader::CsvReader(std::string path, Encoding encoding, std::string_view sheet) : m_path(std::move(path)), m_decoder(encoding) {
  m_fd = ::open(m_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (m_fd < 0) {
    const int e = errno;
    if (e == ENOENT) throw Error(ErrorKind::not_found, fmt::format("{} does not exist", m_path));
    throw Error(ErrorKind::io, fmt::format("cannot open {}: {}", m_path, std::strerror(e)));
  }
  struct stat st {};
  if (::fstat(m_fd, &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      ::close(m_fd);
      throw Error(ErrorKind::io, fmt::format("{} is a folder, not a CSV file", m_path));
    }
    m_file_size = static_cast<uint64_t>(st.st_size);
  }
  char magic[8] = {};
  const ssize_t got = ::pread(m_fd, magic, sizeof magic, 0);
  const FileKind kind = sniff_file_kind(std::string_view(magic, got > 0 ? static_cast<size_t>(got) : 0));
  if (kind == FileKind::ole2) {
    ::close(m_fd);
    throw Error(ErrorKind::invalid_input, fmt::format("{}: an old Excel workbook (.xls, Excel 97-2003), which ankang does not read", m_path),
                "open it in Excel or WPS and save it as .xlsx (Excel 工作簿) or as CSV UTF-8, then import that");
  }
  if (kind == FileKind::zip) {
    try {
      m_xlsx = std::make_unique<XlsxReader>(m_path, sheet);
    } catch (...) {
      ::close(m_fd);
      throw;
    }
    return;
  }
  if (!sheet.empty()) {
    ::close(m_fd);
    throw Error(ErrorKind::usage, fmt::format("--sheet {}: {} is a text (CSV) file, not an .xlsx workbook", quote_value(sheet), m_path),
                "--sheet chooses a sheet of an .xlsx workbook; drop it for CSV");
  }
  m_raw.resize(k_csv_block + 8);
  m_text.resize(Decoder::max_output(k_csv_block + 8));
}

CsvReader::~CsvReader() {
  if (m_fd >= 0) ::close(m_fd);
}

Encoding CsvReader::encoding() const {
  if (m_xlsx) return Encoding::utf8;  // the text of a workbook is UTF-8
  return m_decoder.encoding();
}

bool CsvReader::next_xlsx(Record& record) {
  if (!m_xlsx->next(record)) return false;
  // Rows end at their last cell with a value: as wide as the header, like a CSV record.
  if (m_expected != 0 && record.fields.size() < m_expected) record.fields.resize(m_expected);
  // Progress in the file's bytes, in proportion to the sheet's XML read so far.
  if (const uint64_t size = m_xlsx->sheet_size(); size > 0)
    m_raw_offset = static_cast<uint64_t>(static_cast<double>(m_file_size) * static_cast<double>(m_xlsx->bytes_read()) / static_cast<double>(size));
  return true;
}

void CsvReader::expect_fields(size_t count, uint64_t line) {
  m_expected = count;
  m_expected_line = line;
  m_expected_set = true;
}

void CsvReader::fail(uint64_t line, const std::string& why) const {
  throw Error(ErrorKind::invalid_input, fmt::format("{}:{}: {}", m_path, line, why));
}

std::string CsvReader::not_utf8_what() const {
  return m_decoder.requested() == Encoding::utf8 ? "bytes that are not UTF-8"
                                                 : "bytes that are not UTF-8 (the file is read as UTF-8)";
}

void CsvReader::fail_encoding() const {
  const auto offset = static_cast<uint64_t>(m_bad_offset);
  // Show the offending bytes as they are in the file.
  std::string bytes;
  unsigned char buf[4] = {};
  const ssize_t n = ::pread(m_fd, buf, sizeof buf, static_cast<off_t>(offset));
  for (ssize_t i = 0; i < n; ++i) bytes += fmt::format("{}{:02X}", i ? " " : "", buf[i]);
  std::string what;
  switch (m_decoder.requested()) {
    case Encoding::auto_detect:
      what = m_decoder.encoding() == Encoding::gb18030 ? "bytes that are neither UTF-8 nor GB18030"
                                                       : "bytes that are not UTF-8 (the file began as UTF-8)";
      break;
    case Encoding::utf8:
      what = "bytes that are not UTF-8";
      break;
    case Encoding::gb18030:
      what = "bytes that are not GB18030";
      break;
  }
  throw Error(ErrorKind::invalid_input,
              fmt::format("{}:{}: {} at byte offset {} ({})", m_path, m_line, what, offset, bytes),
              "save the sheet again as CSV (UTF-8 or GB18030), or name its encoding with --encoding");
}

bool CsvReader::fill() {
  m_shift = m_begin;
  m_text_origin += m_shift;
  if (m_shift > 0) {
    std::memmove(m_text.data(), m_text.data() + m_begin, m_end - m_begin);
    m_end -= m_shift;
    m_pos -= m_shift;
    m_begin = 0;
  }
  if (m_bad_offset >= 0) fail_encoding();
  for (;;) {
    if (m_eof && m_carry == 0) return false;
    ssize_t n = 0;
    if (!m_eof) {
      do {
        n = ::read(m_fd, m_raw.data() + m_carry, k_csv_block);
      } while (n < 0 && errno == EINTR);
      if (n < 0) throw Error(ErrorKind::io, fmt::format("cannot read {}: {}", m_path, std::strerror(errno)));
      if (n == 0) m_eof = true;
      m_raw_offset += static_cast<uint64_t>(n);
    }
    size_t avail = m_carry + static_cast<size_t>(n);
    const uint64_t avail_offset = m_raw_offset - avail;
    const char* input = m_raw.data();
    if (!m_started) {
      if (avail < 4 && !m_eof) {  // too little to see a byte order mark: read on
        m_carry = avail;
        continue;
      }
      m_started = true;
      const std::string_view head(input, std::min<size_t>(avail, 4));
      if (head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF"))
        throw Error(
            ErrorKind::invalid_input,
            fmt::format("{}: the file is UTF-16 (it starts with a UTF-16 byte order mark), not CSV text", m_path),
            "save the sheet as 'CSV UTF-8' or 'CSV (comma delimited)'");
      if (head.starts_with("\xEF\xBB\xBF") && m_decoder.requested() != Encoding::gb18030) {
        m_bom = true;
        m_decoder.assume(Encoding::utf8);
      }
    }
    if (m_end - m_begin > k_max_record) fail(m_record_line, "a record is longer than 64 MiB: is a quote left open?");
    size_t consumed = 0, produced = 0;
    bool invalid = false;
    for (;;) {  // once, or once more after each invalid UTF-8 byte replaced
      const size_t need = m_end + 3 + Decoder::max_output(avail - consumed);
      if (m_text.size() < need) m_text.resize(std::max(need, m_text.size() * 2));
      char* out = m_text.data() + m_end;
      const auto r = m_decoder.decode(std::string_view(input + consumed, avail - consumed), m_eof, out);
      size_t made = r.produced;
      if (!m_bom_checked) {
        // The byte order mark (U+FEFF, also as GB18030 decodes it) is not part of the text.
        if (made >= 3 && std::memcmp(out, "\xEF\xBB\xBF", 3) == 0) {
          m_bom = true;
          std::memmove(out, out + 3, made - 3);
          made -= 3;
        }
        m_bom_checked = made > 0 || r.invalid || m_eof;
      }
      m_end += made;
      produced += made;
      consumed += r.consumed;
      if (!r.invalid) break;
      if (m_decoder.encoding() != Encoding::utf8) {
        invalid = true;
        break;
      }
      // A byte that is not UTF-8 in a UTF-8 file: U+FFFD in its place, reported with its record.
      std::string bytes;
      for (size_t k = consumed; k < avail && k < consumed + 4; ++k)
        bytes += fmt::format("{}{:02X}", k > consumed ? " " : "", static_cast<unsigned char>(input[k]));
      m_replaced.push_back({m_text_origin + m_end, avail_offset + consumed, std::move(bytes)});
      std::memcpy(m_text.data() + m_end, "\xEF\xBF\xBD", 3);
      m_end += 3;
      produced += 3;
      ++consumed;
      if (consumed == avail) break;
    }
    if (invalid) {
      m_bad_offset = static_cast<int64_t>(avail_offset + consumed);
      m_carry = 0;
      m_eof = true;
    } else {
      m_carry = avail - consumed;
      if (m_carry > 0) std::memmove(m_raw.data(), m_raw.data() + consumed, m_carry);
      if (m_eof && m_carry > 0) {  // cannot happen: the decoder reports it as invalid at the end
        m_bad_offset = static_cast<int64_t>(avail_offset + consumed);
        m_carry = 0;
      }
    }
    if (produced > 0) return true;
    if (m_bad_offset >= 0) fail_encoding();
  }
}

bool CsvReader::next(Record& record) {
  if (m_xlsx) return next_xlsx(record);
  record.fields.clear();
  if (!record.malformed.empty()) {
    record.malformed.clear();
    record.raw.clear();
    record.malformed_field = 0;
  }
  m_spans.clear();
  m_begin = m_pos;
  if (m_pos == m_end && !fill()) return false;
  record.line = m_line;
  record.number = ++m_records;
  m_record_line = m_line;
  bool bad = false;  // malformed, and m_recover: the last field is m_tail

  for (;;) {  // one field per turn
    if (m_pos == m_end && !fill()) {
      m_spans.push_back(0);  // after a trailing comma at the end of the file: an empty field
      m_spans.push_back(0);
      break;
    }
    size_t start = m_pos;
    char* data = m_text.data();
    if (data[m_pos] == '"') {
      size_t w = m_pos;  // unquoted text is written over the opening quote
      const uint64_t open_line = m_line;
      ++m_pos;
      // fill() moves the text towards the front; the positions held here move with it.
      auto more = [&] {
        const bool got = fill();
        w -= m_shift;
        start -= m_shift;
        data = m_text.data();
        return got;
      };
      bool closed = true;
      for (;;) {
        if (m_pos == m_end && !more()) {
          if (!m_recover) fail(open_line, "unterminated quote: the quoted field that starts here is never closed");
          closed = false;
          break;
        }
        const char* p = find_any(data + m_pos, data + m_end, '"', '\n', '"');
        const auto len = static_cast<size_t>(p - (data + m_pos));
        if (w != m_pos) std::memmove(data + w, data + m_pos, len);
        w += len;
        m_pos += len;
        if (m_pos == m_end) continue;
        if (*p == '\n') {
          ++m_line;
          data[w++] = '\n';
          ++m_pos;
          continue;
        }
        ++m_pos;  // a quote: doubled, or the closing one
        if (m_pos == m_end && !more()) break;
        if (data[m_pos] != '"') break;
        data[w++] = '"';
        ++m_pos;
      }
      if (!closed) {  // the rest of the file is this field: nothing is left to read on from
        bad = true;
        record.malformed_field = m_spans.size() / 2 + 1;
        record.malformed = fmt::format("field {}: unterminated quote: the quoted field {}is never closed",
                                       record.malformed_field,
                                       open_line != record.line ? fmt::format("on line {} ", open_line) : "");
        m_tail.assign(1, '"');
        append_quoted_text(m_tail, std::string_view(data + start, w - start));
        break;
      }
      m_spans.push_back(static_cast<uint32_t>(start - m_begin));
      m_spans.push_back(static_cast<uint32_t>(w - start));
      if (m_pos == m_end && !fill()) break;
      const char c = m_text[m_pos];
      if (c != ',' && c != '\n' && c != '\r') {
        const size_t field = m_spans.size() / 2;
        if (!m_recover)
          fail(m_line, fmt::format("field {}: stray quote: a quote inside a quoted field must be doubled (\"\")", field));
        bad = true;
        record.malformed_field = field;
        record.malformed =
            fmt::format("field {}: stray quote{}: a quote inside a quoted field must be doubled (\"\")", field,
                        m_line != record.line ? fmt::format(" on line {}", m_line) : "");
        // The field as the file has it, then the rest of the line as it is: the record's end
        // is the end of this line, the best guess once the quoting is off.
        m_tail.assign(1, '"');
        append_quoted_text(m_tail, std::string_view(m_text.data() + m_begin + m_spans[m_spans.size() - 2],
                                                    m_spans.back()));
        m_tail += '"';
        m_spans.resize(m_spans.size() - 2);
        data = m_text.data();
        for (;;) {
          const char* p = find_any(data + m_pos, data + m_end, '\n', '\r', '\n');
          m_tail.append(data + m_pos, static_cast<size_t>(p - (data + m_pos)));
          m_pos = static_cast<size_t>(p - data);
          if (m_pos < m_end || !fill()) break;
          data = m_text.data();
        }
        if (m_pos == m_end) break;  // end of file
      }
    } else {
      for (;;) {
        const char* p = find_any(data + m_pos, data + m_end, ',', '\n', '\r');
        m_pos = static_cast<size_t>(p - data);
        if (m_pos < m_end) break;
        const bool got = fill();
        start -= m_shift;
        data = m_text.data();
        if (!got) break;
      }
      m_spans.push_back(static_cast<uint32_t>(start - m_begin));
      m_spans.push_back(static_cast<uint32_t>(m_pos - start));
      if (m_pos == m_end) break;  // end of file
    }
    const char c = m_text[m_pos++];
    if (c == ',') continue;
    ++m_line;
    if (c == '\r') {
      if (m_pos == m_end) fill();
      if (m_pos < m_end && m_text[m_pos] == '\n') ++m_pos;
    }
    break;
  }

  const char* base = m_text.data() + m_begin;
  for (size_t i = 0; i < m_spans.size(); i += 2) record.fields.emplace_back(base + m_spans[i], m_spans[i + 1]);

  // Replacements made in this record: the field is the last one that starts at or before the
  // first of them (unquoting only moves a field's text towards its own start).
  record.invalid.reset();
  const uint64_t record_start = m_text_origin + m_begin, record_end = m_text_origin + m_pos;
  size_t done = 0;
  while (done < m_replaced.size() && m_replaced[done].text_pos < record_end) ++done;
  if (done > 0) {
    const auto& first = m_replaced.front();
    const uint64_t at = first.text_pos > record_start ? first.text_pos - record_start : 0;
    size_t field = 0;
    for (size_t i = 0; i < m_spans.size(); i += 2)
      if (m_spans[i] <= at) field = i / 2;
    record.invalid = InvalidBytes{field, first.offset, first.bytes};
    m_replaced.erase(m_replaced.begin(), m_replaced.begin() + static_cast<std::ptrdiff_t>(done));
    if (!m_keep_invalid_utf8)
      throw Error(ErrorKind::invalid_input,
                  fmt::format("{}:{}: field {}: {} at byte offset {} ({})", m_path, record.line, field + 1,
                              not_utf8_what(), record.invalid->offset, record.invalid->bytes),
                  "save the sheet again as CSV (UTF-8 or GB18030), or name its encoding with --encoding");
  }

  if (bad) {
    for (auto f : record.fields) (record.raw += csv_quote(f)) += ',';
    record.raw += m_tail;
    record.fields.emplace_back(m_tail);
    return true;
  }
  const bool empty_line = record.fields.size() == 1 && record.fields[0].empty();
  if (!empty_line) {
    if (!m_expected_set) {
      expect_fields(record.fields.size(), record.line);
    } else if (m_expected != 0 && record.fields.size() != m_expected) {
      auto why = fmt::format("the record has {} fields, expected {} as on line {}", record.fields.size(), m_expected,
                             m_expected_line);
      if (!m_recover) fail(record.line, why);
      record.malformed = std::move(why);
      for (size_t i = 0; i < record.fields.size(); ++i) (record.raw += i ? "," : "") += csv_quote(record.fields[i]);
    }
  }
  return true;
}

std::string CsvReader::sha256() {
  // A pass of its own over the file (in the page cache by then), so that parsing alone stays
  // as fast as it can be; the parser's position is untouched.
  if (!m_sha256.empty()) return m_sha256;
  sha256_ctx ctx;
  sha256_init(&ctx);
  std::vector<char> buf(k_csv_block);
  off_t offset = 0;
  for (;;) {
    const ssize_t n = ::pread(m_fd, buf.data(), buf.size(), offset);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Error(ErrorKind::io, fmt::format("cannot read {}: {}", m_path, std::strerror(errno)));
    if (n == 0) break;
    sha256_update(&ctx, static_cast<size_t>(n), reinterpret_cast<const uint8_t*>(buf.data()));
    offset += n;
  }
  uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
  m_sha256.reserve(2 * SHA256_DIGEST_SIZE);
  constexpr char k_hex[] = "0123456789abcdef";
  for (const uint8_t byte : digest) {
    m_sha256 += k_hex[byte >> 4];
    m_sha256 += k_hex[byte & 0xf];
  }
  return m_sha256;
}

}  // namespace ankang::io

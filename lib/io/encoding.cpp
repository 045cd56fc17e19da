#include "io/encoding.hpp"

#include "text.hpp"

#include "error.hpp"

#include <fmt/format.h>
#include <iconv.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>

namespace ankang::io {

namespace {

// Where the next non-ASCII byte is, eight bytes at a time: sheets are mostly ASCII digits.
size_t ascii_prefix(const unsigned char* p, size_t n) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t word;
    std::memcpy(&word, p + i, 8);
    if (word & 0x8080808080808080ULL) break;
  }
  while (i < n && p[i] < 0x80) ++i;
  return i;
}

// True when `tail` is the valid beginning of a UTF-8 sequence that more bytes would complete.
bool incomplete_utf8(std::string_view tail) {
  if (tail.empty()) return false;
  const auto lead = static_cast<unsigned char>(tail[0]);
  size_t need;
  unsigned char lo = 0x80, hi = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    need = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    need = 3;
    if (lead == 0xE0)
      lo = 0xA0;
    else if (lead == 0xED)
      hi = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    need = 4;
    if (lead == 0xF0)
      lo = 0x90;
    else if (lead == 0xF4)
      hi = 0x8F;
  } else {
    return false;
  }
  if (tail.size() >= need) return false;
  for (size_t k = 1; k < tail.size(); ++k) {
    const auto b = static_cast<unsigned char>(tail[k]);
    if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return false;
  }
  return true;
}

// True when `text` is UTF-8 text with a few bytes that are not: at least four valid multi-byte
// characters for each invalid byte. GB18030 text fails far more often than that (a pair of GB
// bytes happens to be a valid UTF-8 sequence about one time in twelve), so it is not mistaken.
bool mostly_utf8(std::string_view text) {
  size_t multibyte = 0, invalid = 0, i = 0;
  while (i < text.size()) {
    const size_t valid = valid_utf8_prefix(text.substr(i));
    for (size_t k = i; k < i + valid; ++k)
      if ((static_cast<unsigned char>(text[k]) & 0xC0) == 0xC0) ++multibyte;
    i += valid;
    if (i == text.size() || incomplete_utf8(text.substr(i))) break;
    ++invalid;
    ++i;
  }
  return multibyte >= 4 * invalid;
}

}  // namespace

Encoding parse_encoding(std::string_view text) {
  const std::string s = lower_ascii(text);
  if (s == "auto") return Encoding::auto_detect;
  if (s == "utf-8" || s == "utf8") return Encoding::utf8;
  if (s == "gb18030" || s == "gbk" || s == "gb2312" || s == "cp936") return Encoding::gb18030;
  throw Error(
      ErrorKind::usage,
      fmt::format("unknown encoding {}: expected auto, utf-8 or gb18030 (which also reads GBK and GB2312)", quote_value(text)));
}

std::string_view encoding_name(Encoding e) {
  switch (e) {
    case Encoding::auto_detect:
      return "auto";
    case Encoding::utf8:
      return "utf-8";
    case Encoding::gb18030:
      return "gb18030";
  }
  return "auto";
}

size_t valid_utf8_prefix(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  size_t i = 0;
  auto continuation = [&](size_t k) { return (p[k] & 0xC0) == 0x80; };
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      i += ascii_prefix(p + i, n - i);
      continue;
    }
    // Most of a Chinese sheet: three-byte characters with no special second-byte range.
    if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
      if (i + 2 >= n || !continuation(i + 1) || !continuation(i + 2)) return i;
      i += 3;
      continue;
    }
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c == 0xE0 || c == 0xED) {
      len = 3;
      if (c == 0xE0)
        lo = 0xA0;  // no overlong forms
      else
        hi = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0)
        lo = 0x90;
      else if (c == 0xF4)
        hi = 0x8F;  // nothing above U+10FFFF
    } else {
      return i;
    }
    if (i + len > n) return i;
    if (p[i + 1] < lo || p[i + 1] > hi) return i;
    for (size_t k = 2; k < len; ++k)
      if (!continuation(i + k)) return i;
    i += len;
  }
  return i;
}

Decoder::Decoder(Encoding requested) : m_requested(requested) {
  if (requested != Encoding::auto_detect) {
    m_current = requested;
    m_decided = true;
  }
}

Decoder::~Decoder() {
  if (m_iconv) iconv_close(static_cast<iconv_t>(m_iconv));
}

Decoder::Result Decoder::decode(std::string_view input, bool at_end_of_file, char* out) {
  if (m_decided) {
    return m_current == Encoding::gb18030 ? decode_gb18030(input, at_end_of_file, out)
                                          : decode_utf8(input, at_end_of_file, out);
  }
  // Undecided: ASCII is the same in both; the first non-ASCII byte decides.
  const auto* p = reinterpret_cast<const unsigned char*>(input.data());
  const size_t ascii = ascii_prefix(p, input.size());
  std::memcpy(out, input.data(), ascii);
  if (ascii == input.size()) return {ascii, ascii, false};
  const std::string_view rest = input.substr(ascii);
  const size_t valid = valid_utf8_prefix(rest);
  const bool cut_off = !at_end_of_file && incomplete_utf8(rest.substr(valid));
  // Nothing but the start of a sequence cut off by the block's end: decide with the next block.
  if (valid == 0 && cut_off) return {ascii, ascii, false};
  // Valid UTF-8 all the way (but for a sequence cut off by the block's end): UTF-8. So is a block
  // of UTF-8 text with a stray bad byte or two, which the reader then reports in its row.
  m_current = (valid == rest.size() || cut_off || mostly_utf8(rest)) ? Encoding::utf8 : Encoding::gb18030;
  m_decided = true;
  Result r = decode(rest, at_end_of_file, out + ascii);
  r.consumed += ascii;
  r.produced += ascii;
  return r;
}

Decoder::Result Decoder::decode_utf8(std::string_view input, bool at_end_of_file, char* out) {
  const size_t valid = valid_utf8_prefix(input);
  std::memcpy(out, input.data(), valid);
  Result r{valid, valid, false};
  // What stops the prefix is an invalid sequence or one cut off by the block's end.
  if (valid < input.size()) r.invalid = at_end_of_file || !incomplete_utf8(input.substr(valid));
  return r;
}

Decoder::Result Decoder::decode_gb18030(std::string_view input, bool at_end_of_file, char* out) {
  if (!m_iconv) {
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == reinterpret_cast<iconv_t>(-1))
      throw Error(ErrorKind::io, "this system's iconv cannot convert GB18030 to UTF-8",
                  "install the glibc GCONV modules (Debian package libc6)");
    m_iconv = cd;
  }
  auto cd = static_cast<iconv_t>(m_iconv);
  char* in = const_cast<char*>(input.data());
  size_t in_left = input.size();
  char* o = out;
  size_t out_left = max_output(input.size());
  Result r;
  while (in_left > 0) {
    const size_t rc = iconv(cd, &in, &in_left, &o, &out_left);
    if (rc != static_cast<size_t>(-1)) break;
    if (errno == EINVAL) {
      // An incomplete sequence at the end: more input will complete it, unless there is none.
      r.invalid = at_end_of_file;
      break;
    }
    if (errno == EILSEQ) {
      r.invalid = true;
      break;
    }
    // E2BIG cannot happen: GB18030 never takes fewer bytes than UTF-8 for the same character
    // but 2 → 3 bytes, so 2n + 16 is enough.
    r.invalid = true;
    break;
  }
  iconv(cd, nullptr, nullptr, nullptr, nullptr);  // reset shift state (none in GB18030, but cheap)
  r.consumed = input.size() - in_left;
  r.produced = static_cast<size_t>(o - out);
  return r;
}

}  // namespace ankang::io

#pragma once
// Text encodings of imported sheets. Excel in China saves "CSV" as GB18030 (GBK) unless told
// "CSV UTF-8"; ankang reads either and works in UTF-8 only. Conversion is glibc iconv's.
#include <cstddef>
#include <string_view>

namespace ankang::io {

enum class Encoding {
  auto_detect,  // UTF-8 BOM → UTF-8; else strict UTF-8 if the bytes are valid; else GB18030
  utf8,
  gb18030,  // a superset of GBK and GB2312
};

// Parses --encoding: auto, utf-8 (utf8), gb18030 (also gbk, gb2312, cp936: their superset).
// Throws Error(usage) naming the value and the valid ones.
Encoding parse_encoding(std::string_view text);
// "auto", "utf-8", "gb18030".
std::string_view encoding_name(Encoding e);

// The length of the longest prefix of `bytes` that is strict UTF-8 (no overlong forms, no
// surrogates, nothing above U+10FFFF); a sequence cut off by the end is not part of it.
size_t valid_utf8_prefix(std::string_view bytes);

// Converts blocks of input in one encoding to UTF-8, keeping state across blocks. In
// auto_detect mode the choice between UTF-8 and GB18030 is made at the first non-ASCII byte,
// from the block it is found in.
class Decoder {
 public:
  explicit Decoder(Encoding requested);
  ~Decoder();
  Decoder(const Decoder&) = delete;
  Decoder& operator=(const Decoder&) = delete;

  struct Result {
    size_t consumed = 0;  // input bytes converted
    size_t produced = 0;  // UTF-8 bytes written
    // True when input[consumed] starts a byte sequence that is invalid in the encoding (or
    // incomplete at the end of the file). Otherwise unconsumed bytes are an incomplete
    // sequence to pass again, with more input, in the next call.
    bool invalid = false;
  };

  // Converts `input` into `out`, which must have room for max_output(input.size()) bytes.
  Result decode(std::string_view input, bool at_end_of_file, char* out);
  static size_t max_output(size_t input_size) { return 2 * input_size + 16; }

  // Settles an undecided auto_detect, when something outside the bytes (a byte order mark) says
  // which encoding it is. No effect on a forced or already decided encoding.
  void assume(Encoding e) {
    if (!m_decided && e != Encoding::auto_detect) {
      m_current = e;
      m_decided = true;
    }
  }

  // The encoding in use: utf8 until a non-ASCII byte says otherwise in auto mode.
  Encoding encoding() const { return m_current; }
  Encoding requested() const { return m_requested; }
  // True once the encoding is known (forced, or seen a non-ASCII byte).
  bool decided() const { return m_decided; }

 private:
  Result decode_utf8(std::string_view input, bool at_end_of_file, char* out);
  Result decode_gb18030(std::string_view input, bool at_end_of_file, char* out);

  Encoding m_requested;
  Encoding m_current = Encoding::utf8;
  bool m_decided = false;
  void* m_iconv = nullptr;  // iconv_t, opened on first use
};

}  // namespace ankang::io

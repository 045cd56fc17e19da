#include "io/csv_reader.hpp"
#include "error.hpp"
#include "io/encoding.hpp"

#include <unistd.h>
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

using namespace ankang;
using namespace ankang::io;

namespace {

// A file in the temp folder, removed at the end of the test.
struct TempFile {
  std::string path;
  explicit TempFile(const std::string& bytes) {
    char name[] = "/tmp/ankang-csv-XXXXXX";
    const int fd = mkstemp(name);
    REQUIRE(fd >= 0);
    ::close(fd);
    path = name;
    std::ofstream(path, std::ios::binary) << bytes;
  }
  ~TempFile() { std::remove(path.c_str()); }
};

struct Row {
  uint64_t line;
  std::vector<std::string> fields;
};

std::vector<Row> read_all(const std::string& bytes, Encoding enc = Encoding::auto_detect,
                          Encoding* detected = nullptr) {
  TempFile f(bytes);
  CsvReader reader(f.path, enc);
  std::vector<Row> rows;
  Record r;
  while (reader.next(r)) rows.push_back({r.line, std::vector<std::string>(r.fields.begin(), r.fields.end())});
  if (detected) *detected = reader.encoding();
  return rows;
}

std::string error_of(const std::string& bytes, Encoding enc = Encoding::auto_detect) {
  TempFile f(bytes);
  try {
    CsvReader reader(f.path, enc);
    Record r;
    while (reader.next(r)) {
    }
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::invalid_input);
    std::string m = e.what();
    return m.substr(f.path.size());  // without the temporary path
  }
  return "no error";
}

using Fields = std::vector<std::string>;

}  // namespace

TEST_CASE("csv: plain records, LF and CRLF, trailing empty field", "[csv]") {
  auto rows = read_all("a,b,c\n1,2,3\r\n4,,\n");
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].fields == Fields{"a", "b", "c"});
  CHECK(rows[1].fields == Fields{"1", "2", "3"});
  CHECK(rows[2].fields == Fields{"4", "", ""});
  CHECK(rows[2].line == 3);
  // No line end at the end of the file.
  rows = read_all("a,b\n1,");
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].fields == Fields{"1", ""});
  CHECK(read_all("").empty());
}

TEST_CASE("csv: quoted fields with commas, quotes and line breaks report where records start", "[csv]") {
  auto rows = read_all("name,note\n\"甲, 乙\",\"he said \"\"hi\"\"\"\n\"two\nlines\r\nhere\",x\nlast,\"\"\n");
  REQUIRE(rows.size() == 4);
  CHECK(rows[1].fields == Fields{"甲, 乙", "he said \"hi\""});
  CHECK(rows[1].line == 2);
  CHECK(rows[2].fields == Fields{"two\nlines\r\nhere", "x"});
  CHECK(rows[2].line == 3);
  CHECK(rows[3].line == 6);
  CHECK(rows[3].fields == Fields{"last", ""});
}

TEST_CASE("csv: blank lines are records of one empty field, exempt from the field count", "[csv]") {
  auto rows = read_all("a,b\n\n1,2\n\r\n,\n");
  REQUIRE(rows.size() == 5);
  CHECK(rows[1].fields == Fields{""});
  CHECK(rows[2].line == 3);
  CHECK(rows[4].fields == Fields{"", ""});
}

TEST_CASE("csv: malformed input names the line", "[csv]") {
  CHECK(error_of("a,b,c\n1,2\n") == ":2: the record has 2 fields, expected 3 as on line 1");
  CHECK(error_of("a,b\n1,\"open\nstill open\n") ==
        ":2: unterminated quote: the quoted field that starts here is never closed");
  CHECK(error_of("a,b\n1,\"x\"y\"\n") ==
        ":2: field 2: stray quote: a quote inside a quoted field must be doubled (\"\")");
  // A quote inside an unquoted field is taken as it is, as Excel reads it.
  CHECK(read_all("a,b\n5\"3,x\n")[1].fields == Fields{"5\"3", "x"});
}

namespace {

struct Recovered {
  uint64_t line;
  std::vector<std::string> fields;
  std::string malformed, raw;
};

std::vector<Recovered> read_recovering(const std::string& bytes) {
  TempFile f(bytes);
  CsvReader reader(f.path);
  reader.recover_malformed(true);
  std::vector<Recovered> rows;
  Record r;
  while (reader.next(r))
    rows.push_back({r.line, std::vector<std::string>(r.fields.begin(), r.fields.end()), r.malformed, r.raw});
  return rows;
}

}  // namespace

TEST_CASE("csv: recovering from malformed records reads on from the next line", "[csv]") {
  // A wrong number of fields: the record as read, then the next one.
  auto rows = read_recovering("a,b,c\n1,2\n\"x,y\",5,6,7\n8,9,10\n");
  REQUIRE(rows.size() == 4);
  CHECK(rows[1].malformed == "the record has 2 fields, expected 3 as on line 1");
  CHECK(rows[1].raw == "1,2");
  CHECK(rows[2].malformed == "the record has 4 fields, expected 3 as on line 1");
  CHECK(rows[2].raw == "\"x,y\",5,6,7");
  CHECK(rows[3].malformed.empty());
  CHECK(rows[3].raw.empty());
  CHECK(rows[3].fields == std::vector<std::string>{"8", "9", "10"});

  // A stray quote: the rest of its line belongs to the bad record, as it is in the file.
  rows = read_recovering("a,b,c\r\n1,\"x\"\"q\"y\"z,3\r\n4,5,6\r\n\"m\nn\"x,\"\"\n7,8,9");
  REQUIRE(rows.size() == 5);
  CHECK(rows[1].line == 2);
  CHECK(rows[1].malformed == "field 2: stray quote: a quote inside a quoted field must be doubled (\"\")");
  CHECK(rows[1].raw == "1,\"x\"\"q\"y\"z,3");
  CHECK(rows[1].fields == std::vector<std::string>{"1", "\"x\"\"q\"y\"z,3"});
  CHECK(rows[2].fields == std::vector<std::string>{"4", "5", "6"});
  CHECK(rows[2].line == 3);
  // A quoted field over two lines, then the stray quote: named with its line.
  CHECK(rows[3].line == 4);
  CHECK(rows[3].malformed == "field 1: stray quote on line 5: a quote inside a quoted field must be doubled (\"\")");
  CHECK(rows[3].raw == "\"m\nn\"x,\"\"");
  CHECK(rows[4].line == 6);
  CHECK(rows[4].fields == std::vector<std::string>{"7", "8", "9"});

  // An unterminated quote takes the rest of the file.
  rows = read_recovering("a,b\n1,2\n3,\"open\n4,5\n");
  REQUIRE(rows.size() == 3);
  CHECK(rows[2].malformed == "field 2: unterminated quote: the quoted field is never closed");
  CHECK(rows[2].raw == "3,\"open\n4,5\n");

  // Proper records are untouched by the mode.
  CHECK(read_recovering("a,b\n\"1,\"\"x\"\"\",2\n")[1].fields == std::vector<std::string>{"1,\"x\"", "2"});
}

TEST_CASE("csv: expect_fields overrides the first record's count", "[csv]") {
  TempFile f("标题\na,b,c\n1,2,3\n4,5\n");
  CsvReader reader(f.path);
  reader.expect_fields(0, 0);
  Record r;
  REQUIRE(reader.next(r));
  CHECK(r.fields.size() == 1);
  REQUIRE(reader.next(r));
  reader.expect_fields(r.fields.size(), r.line);
  REQUIRE(reader.next(r));
  CHECK_THROWS_WITH(reader.next(r), f.path + ":4: the record has 2 fields, expected 3 as on line 2");
}

TEST_CASE("csv: encodings are detected and converted to UTF-8", "[csv][encoding]") {
  Encoding e;
  // UTF-8 with a BOM.
  auto rows = read_all("\xEF\xBB\xBF企业名称,地址\n甲,乙\n", Encoding::auto_detect, &e);
  CHECK(e == Encoding::utf8);
  CHECK(rows[0].fields == Fields{"企业名称", "地址"});
  // GB18030 (企业名称 = C6F3 D2B5 C3FB B3C6).
  rows = read_all("\xC6\xF3\xD2\xB5\xC3\xFB\xB3\xC6,x\n1,2\n", Encoding::auto_detect, &e);
  CHECK(e == Encoding::gb18030);
  CHECK(rows[0].fields == Fields{"企业名称", "x"});
  // All ASCII: utf-8.
  read_all("a,b\n", Encoding::auto_detect, &e);
  CHECK(e == Encoding::utf8);
  // Forced GB18030 on bytes that happen to be valid UTF-8 too.
  rows = read_all("\xE4\xB8\xAD\xE6\x96\x87\n", Encoding::gb18030, &e);
  CHECK(e == Encoding::gb18030);
  CHECK(rows[0].fields[0] != "中文");  // converted as three GB18030 characters, not copied
  CHECK(rows[0].fields[0].size() == 9);
  CHECK(valid_utf8_prefix(rows[0].fields[0]) == 9);
}

TEST_CASE("csv: bytes in no encoding name the line and byte offset", "[csv][encoding]") {
  // 0xFF is neither UTF-8 nor GB18030.
  CHECK(error_of("a,b\n\xC6\xF3,\xFF\n") == ":2: bytes that are neither UTF-8 nor GB18030 at byte offset 7 (FF 0A)");
  CHECK(error_of("a,b\n中,\xFF\n", Encoding::utf8) == ":2: field 2: bytes that are not UTF-8 at byte offset 8 (FF 0A)");
  CHECK(error_of("a\n\x80\n", Encoding::gb18030) == ":2: bytes that are not GB18030 at byte offset 2 (80 0A)");
  // A sequence cut off by the end of the file.
  CHECK(error_of("a\n\xE4\xB8", Encoding::utf8) == ":2: field 1: bytes that are not UTF-8 at byte offset 2 (E4 B8)");
  CHECK(error_of("\xFF\xFE"
                 "a\0")
            .find("UTF-16") != std::string::npos);
}

TEST_CASE("csv: strict UTF-8 validation", "[encoding]") {
  CHECK(valid_utf8_prefix("abc中文") == 9);
  CHECK(valid_utf8_prefix("a\xC0\x80") == 1);          // overlong
  CHECK(valid_utf8_prefix("a\xED\xA0\x80") == 1);      // surrogate
  CHECK(valid_utf8_prefix("a\xF4\x90\x80\x80") == 1);  // above U+10FFFF
  CHECK(valid_utf8_prefix("a\xE4\xB8") == 1);          // cut off
  CHECK(parse_encoding("GBK") == Encoding::gb18030);
  CHECK(parse_encoding("UTF8") == Encoding::utf8);
  CHECK_THROWS_WITH(parse_encoding("big5"),
                    "unknown encoding 'big5': expected auto, utf-8 or gb18030 (which also reads GBK and GB2312)");
}

TEST_CASE("csv: records and multi-byte characters across 1 MiB block boundaries", "[csv][encoding]") {
  // Rows long enough that block boundaries fall inside quoted fields, escaped quotes, CRLF and
  // multi-byte characters, at every alignment thanks to the varying padding.
  std::string utf8, gb;
  std::vector<Fields> expected;
  for (int i = 0; i < 70000; ++i) {
    std::string pad(static_cast<size_t>(i % 7), 'x');
    const std::string name = "青海" + pad + "\"公司\"";
    utf8 += std::to_string(i) + ",\"" + std::string("青海") + pad + "\"\"公司\"\"\"," + pad + "中\r\n";
    // GB18030 of 青海 = C7E0 BAA3, 公司 = B9AB CBBE, 中 = D6D0
    gb += std::to_string(i) + ",\"\xC7\xE0\xBA\xA3" + pad + "\"\"\xB9\xAB\xCB\xBE\"\"\"," + pad + "\xD6\xD0\r\n";
    expected.push_back({std::to_string(i), name, pad + "中"});
  }
  REQUIRE(utf8.size() > 2 * (1 << 20));
  for (const auto* bytes : {&utf8, &gb}) {
    TempFile f(*bytes);
    CsvReader reader(f.path);
    Record r;
    size_t n = 0;
    bool all_equal = true;
    while (reader.next(r)) {
      if (Fields(r.fields.begin(), r.fields.end()) != expected[n] || r.line != n + 1) all_equal = false;
      ++n;
    }
    CHECK(all_equal);
    CHECK(n == expected.size());
    CHECK(reader.bytes_read() == bytes->size());
    CHECK(reader.file_size() == bytes->size());
  }
}

TEST_CASE("csv: sha256 of the raw bytes", "[csv]") {
  TempFile f("abc");
  CsvReader reader(f.path);
  // SHA-256("abc"), before and after reading.
  const std::string abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  CHECK(reader.sha256() == abc);
  Record r;
  CHECK(reader.next(r));
  CHECK(reader.sha256() == abc);
  CHECK_THROWS_WITH(CsvReader("/nonexistent/x.csv"), "/nonexistent/x.csv does not exist");
}

TEST_CASE("csv: invalid UTF-8 in a UTF-8 file is reported with its record and field", "[csv][encoding]") {
  // Forced or detected UTF-8: the bad bytes become U+FFFD and the record says where they were.
  for (const auto enc : {Encoding::utf8, Encoding::auto_detect}) {
    TempFile f("名称,描述,金额\n青海,\"a \xFF\xFE b\",1\n中文,好,2\n");
    CsvReader reader(f.path, enc);
    reader.keep_invalid_utf8(true);
    Record r;
    REQUIRE(reader.next(r));
    CHECK(!r.invalid);
    REQUIRE(reader.next(r));
    REQUIRE(r.invalid);
    CHECK(r.invalid->field == 1);
    CHECK(r.invalid->offset == 31);
    CHECK(r.invalid->bytes == "FF FE 20 62");
    CHECK(std::string(r.fields[1]) == "a \xEF\xBF\xBD\xEF\xBF\xBD b");
    REQUIRE(reader.next(r));
    CHECK(!r.invalid);
    CHECK(std::string(r.fields[1]) == "好");
    CHECK(reader.encoding() == Encoding::utf8);
  }
}

TEST_CASE("csv: GB18030 detection still wins over a few stray UTF-8 sequences", "[csv][encoding]") {
  // 企业名称 in GB18030, many times, with no UTF-8 in it: still GB18030.
  std::string gb;
  for (int i = 0; i < 50; ++i) gb += "\xC6\xF3\xD2\xB5\xC3\xFB\xB3\xC6,x\n";
  Encoding e{};
  const auto rows = read_all(gb, Encoding::auto_detect, &e);
  CHECK(e == Encoding::gb18030);
  CHECK(rows[49].fields[0] == "企业名称");
}

#include "io/sheet.hpp"
#include "error.hpp"
#include "io/csv_reader.hpp"

#include <sys/stat.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

using namespace ankang;
using namespace ankang::io;

namespace {

struct TempFile {
  std::string path;
  explicit TempFile(const std::string& bytes) {
    char name[] = "/tmp/ankang-sheet-XXXXXX";
    const int fd = mkstemp(name);
    REQUIRE(fd >= 0);
    ::close(fd);
    path = name;
    std::ofstream(path, std::ios::binary) << bytes;
  }
  ~TempFile() { std::remove(path.c_str()); }
};

constexpr std::array k_fields{
    FieldSpec{"uscc", "统一社会信用代码|信用代码|社会信用代码", true},
    FieldSpec{"name", "企业名称|单位名称", true},
    FieldSpec{"funds", "整改资金|资金", false},
    FieldSpec{"level", "隐患等级|等级", false},
};

std::string strip(const std::string& message, const std::string& path) {
  return message.substr(path.size());
}

}  // namespace

TEST_CASE("sheet: title rows, aliases, 序号, units, unknown columns, totals and blank rows", "[sheet]") {
  TempFile f(
      "2021年第三季度隐患排查台账,,,,,\n"
      "填报单位：刚察县总工会,,,,,\n"
      "序号,统一社会信用代码,单位名称,\"整改资金\n（万元）\",备注,隐患等级\n"
      "1, 91632200MA75K3P27R ,甲公司,12.5,x,C\n"
      ",,,,,\n"
      "2,91630100MA7N2Q8DX6,乙公司,3,,一般\n"
      "合 计,,,15.5,,\n");
  CsvReader reader(f.path);
  Sheet sheet(reader, k_fields, SheetOptions{{}, {"level:C=general"}, ankang::domain::Lang::en});
  CHECK(sheet.header_line() == 3);
  const size_t uscc = sheet.field("uscc"), funds = sheet.field("funds"), level = sheet.field("level");
  CHECK(sheet.unit(funds) == "万元");
  CHECK(sheet.unit(uscc).empty());
  CHECK(sheet.column_name(funds) == "整改资金\n（万元）");
  SheetRow row;
  REQUIRE(sheet.next(row));
  CHECK(row.line() == 5);  // the header spans lines 3-4
  CHECK(row.get(uscc) == "91632200MA75K3P27R");
  CHECK(row.get(level) == "general");
  CHECK(strip(sheet.describe(row, funds, "too much"), f.path) ==
        ":4 (line 5): column '整改资金\n（万元）': value '12.5': too much");
  REQUIRE(sheet.next(row));
  CHECK(row.line() == 7);
  CHECK(row.get(level) == "一般");
  CHECK_FALSE(sheet.next(row));
  CHECK(sheet.rows_skipped() == 2);
  REQUIRE(sheet.notes().size() == 3);
  CHECK(strip(sheet.notes()[0], f.path) == ": lines 1-2 above the header are skipped");
  CHECK(strip(sheet.notes()[1], f.path) == ":3: column '备注' is not known and is ignored");
  CHECK(strip(sheet.notes()[2], f.path) == ":8: the total row (合 计) is skipped");

  // Chinese by default, like every other note.
  CsvReader reader_zh(f.path);
  Sheet sheet_zh(reader_zh, k_fields);
  while (sheet_zh.next(row)) {
  }
  REQUIRE(sheet_zh.notes().size() == 3);
  CHECK(strip(sheet_zh.notes()[0], f.path) == ": 跳过表头上方的第 1-2 行");
  CHECK(strip(sheet_zh.notes()[1], f.path) == ":3: 列 '备注' 不认识，已忽略");
  CHECK(strip(sheet_zh.notes()[2], f.path) == ":8: 跳过合计行（合 计）");
}

TEST_CASE("sheet: --map names a column; English keys work as headers", "[sheet]") {
  TempFile f("USCC,纳税人名称\n91632200MA75K3P27R,甲\n");
  CsvReader reader(f.path);
  Sheet sheet(reader, k_fields, SheetOptions{{"纳税人名称=name"}, {}});
  SheetRow row;
  REQUIRE(sheet.next(row));
  CHECK(row.get(sheet.field("name")) == "甲");
  CHECK_FALSE(sheet.has(sheet.field("funds")));
  CHECK(row.get(sheet.field("funds")).empty());
}

TEST_CASE("sheet: header errors", "[sheet]") {
  {
    TempFile f("a,b\n1,2\n");
    CsvReader reader(f.path);
    try {
      Sheet sheet(reader, k_fields);
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(strip(e.what(), f.path) ==
            ": no header row in the first 10 rows: no row is mostly column names such as "
            "统一社会信用代码, 企业名称, 整改资金, 隐患等级");
    }
  }
  {
    TempFile f("企业名称,隐患等级\n甲,一般\n");
    CsvReader reader(f.path);
    try {
      Sheet sheet(reader, k_fields);
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(strip(e.what(), f.path) == ":1: the header has no column for uscc (统一社会信用代码)");
    }
  }
  {
    TempFile f("信用代码,统一社会信用代码,企业名称\n");
    CsvReader reader(f.path);
    try {
      Sheet sheet(reader, k_fields);
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(strip(e.what(), f.path) == ":1: columns '信用代码' and '统一社会信用代码' both mean uscc");
    }
  }
  TempFile f("uscc,name\n");
  CsvReader reader(f.path);
  CHECK_THROWS_WITH(Sheet(reader, k_fields, SheetOptions{{"x=nothing"}, {}}),
                    "invalid --map 'x=nothing': unknown field 'nothing': expected one of uscc, name, funds, level");
  CHECK_THROWS_WITH(Sheet(reader, k_fields, SheetOptions{{}, {"level=x"}}),
                    "invalid --map-value 'level=x': expected field:原值=值, e.g. level:C=general");
}

TEST_CASE("sheet: rows after the header must have the header's number of fields", "[sheet]") {
  TempFile f("标题\nuscc,name\n1,2\n1,2,3\n");
  CsvReader reader(f.path);
  Sheet sheet(reader, k_fields);
  SheetRow row;
  REQUIRE(sheet.next(row));
  CHECK_THROWS_WITH(sheet.next(row), f.path + ":4: the record has 3 fields, expected 2 as on line 2");
}

TEST_CASE("sheet: header helpers", "[sheet]") {
  CHECK(normalize_header(" *整改 资金（万元） ") == "整改资金");
  CHECK(normalize_header("Risk_Level") == "risklevel");
  CHECK(header_unit("整改资金(万元)") == "万元");
  CHECK(header_unit("整改资金") == "");
  CHECK(trim_cell("\xE3\x80\x80 甲 ") == "甲");
}

TEST_CASE("sheet: rejects file has the line, the original cells and the reason", "[sheet]") {
  char dir[] = "/tmp/ankang-rejects-XXXXXX";
  REQUIRE(mkdtemp(dir));
  const std::string path = std::string(dir) + "/rejects.csv";
  {
    RejectsWriter w(path, {"统一社会信用代码", "企业名称"});
    std::vector<std::string_view> cells{"X", "甲, \"乙\""};
    w.add(7, cells, "column '统一社会信用代码': value 'X': bad");
    w.commit();
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  CHECK(s.str() ==
        "\xEF\xBB\xBFline,统一社会信用代码,企业名称,reason\r\n"
        "7,X,\"甲, \"\"乙\"\"\",column '统一社会信用代码': value 'X': bad\r\n");
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  std::remove(path.c_str());
  ::rmdir(dir);
}

TEST_CASE("sheet: with recover_malformed, a malformed row is one more row; above the header it still throws",
          "[sheet][csv]") {
  TempFile f(
      "统一社会信用代码,企业名称,资金\n"
      "91632200MA75K3P27R,甲公司,1\n"
      "91632200MA75K3P27R,乙公司\n"
      ",\n"
      "91632200MA75K3P27R,\"丙\"公司\",3\n"
      "合计,,4,5\n"
      "91630100MA7N2Q8DX6,丁公司,4\n"
      "91630100MA7N2Q8DX6,戊公司,5,\"备\"注\n"
      "91630100MA7N2Q8DX6,\"己公司,6\n");
  CsvReader reader(f.path);
  reader.recover_malformed(true);
  Sheet sheet(reader, k_fields);
  SheetRow row;
  std::vector<std::pair<uint64_t, std::string>> seen;
  while (sheet.next(row))
    seen.emplace_back(row.line(), row.malformed().empty() ? std::string(row.get(sheet.field("name")))
                                                          : std::string(row.malformed()) + " | " + std::string(row.raw()));
  // The short blank row and the 合计 row are skipped whatever their width.
  REQUIRE(seen.size() == 6);
  CHECK(seen[0] == std::pair<uint64_t, std::string>{2, "甲公司"});
  CHECK(seen[1] == std::pair<uint64_t, std::string>{
                       3, "the record has 2 fields, expected 3 as on line 1 | 91632200MA75K3P27R,乙公司"});
  CHECK(seen[2] == std::pair<uint64_t, std::string>{
                       5, "column '企业名称': stray quote: a quote inside a quoted field must be doubled (\"\") | "
                          "91632200MA75K3P27R,\"丙\"公司\",3"});
  CHECK(seen[3] == std::pair<uint64_t, std::string>{7, "丁公司"});
  // A field beyond the header has no name: its number it is.
  CHECK(seen[4] == std::pair<uint64_t, std::string>{
                       8, "field 4: stray quote: a quote inside a quoted field must be doubled (\"\") | "
                          "91630100MA7N2Q8DX6,戊公司,5,\"备\"注"});
  CHECK(seen[5] == std::pair<uint64_t, std::string>{
                       9, "column '企业名称': unterminated quote: the quoted field is never closed | "
                          "91630100MA7N2Q8DX6,\"己公司,6\n"});

  TempFile bad_title("\"2021\"年台账,,\n统一社会信用代码,企业名称,资金\n");
  CsvReader reader2(bad_title.path);
  reader2.recover_malformed(true);
  try {
    Sheet s2(reader2, k_fields);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(strip(e.what(), bad_title.path) ==
          ":1: field 1: stray quote: a quote inside a quoted field must be doubled (\"\")");
  }
}

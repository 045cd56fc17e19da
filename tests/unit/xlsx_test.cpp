#include "io/csv_reader.hpp"
#include "io/xlsx_reader.hpp"
#include "io/xlsx_writer.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace ankang::io;

TEST_CASE("Excel serial days become ISO dates in both date systems")
{
  CHECK(excel_serial_to_iso(1, false, false) == "1900-01-01");
  CHECK(excel_serial_to_iso(59, false, false) == "1900-02-28");
  CHECK(excel_serial_to_iso(61, false, false) == "1900-03-01");  // 60 is Lotus's 29 February 1900
  CHECK(excel_serial_to_iso(44424, false, false) == "2021-08-16");
  CHECK(excel_serial_to_iso(44424.63194444445, false, true) == "2021-08-16 15:10:00");
  CHECK(excel_serial_to_iso(44424.63194444445, false, false) == "2021-08-16");
  CHECK(excel_serial_to_iso(0, true, false) == "1904-01-01");
  CHECK(excel_serial_to_iso(42962, true, false) == "2021-08-16");  // 1462 days fewer than in 1900
  CHECK(excel_serial_to_iso(-1, false, false).empty());
  CHECK(excel_serial_to_iso(3e6, false, false).empty());
}

TEST_CASE("number formats that show dates or times")
{
  for (const char* code : {"yyyy-mm-dd", "yyyy\"年\"m\"月\"d\"日\"", "m/d/yy h:mm", "[$-804]yyyy年m月d日", "h:mm:ss", "[h]:mm", "dd/mm/yyyy;@"})
    CHECK(is_date_format_code(code));
  for (const char* code : {"General", "0.00", "#,##0", "0.0%", "\"day\"0", "[Red]0.00", "0.00_);[Red](0.00)", "@"})
    CHECK_FALSE(is_date_format_code(code));
  for (int id : {14, 15, 16, 17, 18, 22, 31, 45, 57, 58}) CHECK(is_builtin_date_format(id));
  for (int id : {0, 1, 2, 9, 10, 11, 12, 49}) CHECK_FALSE(is_builtin_date_format(id));
}

TEST_CASE("a file's kind comes from its first bytes, not its name")
{
  CHECK(sniff_file_kind(std::string_view("PK\x03\x04\x14\x00", 6)) == FileKind::zip);
  CHECK(sniff_file_kind(std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) == FileKind::ole2);
  CHECK(sniff_file_kind("uscc,name\r\n") == FileKind::text);
  CHECK(sniff_file_kind("PK") == FileKind::text);
}

TEST_CASE("the project's own .xlsx writer reads back: inline strings, numbers, dates, long digit strings")
{
  const auto dir = std::filesystem::temp_directory_path() / ("ankang-xlsx-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = (dir / "t.xlsx").string();
  {
    std::ofstream out(path, std::ios::binary);
    WriteOptions wo;
    wo.scratch_prefix = (dir / "scratch-").string();
    auto w = make_xlsx_row_writer(out, wo);
    w->begin({{"uscc", "信用代码"}, {"found_on", "日期"}, {"funds", "资金"}, {"note", "备注"}});
    w->row({Cell("916322245160049509"), Cell("2021-08-16"), Cell::number_text("12.50"), Cell::null()});
    w->row({Cell("=1+1"), Cell("2021-13-01"), Cell::number(-3), Cell("第一行\n第二行")});
    w->end();
  }
  CsvReader reader(path);
  Record r;
  REQUIRE(reader.next(r));
  CHECK(r.line == 1);
  CHECK(std::vector<std::string>(r.fields.begin(), r.fields.end()) == std::vector<std::string>{"uscc", "found_on", "funds", "note"});
  REQUIRE(reader.next(r));
  CHECK(r.line == 2);
  CHECK(std::vector<std::string>(r.fields.begin(), r.fields.end()) == std::vector<std::string>{"916322245160049509", "2021-08-16", "12.5"});
  REQUIRE(reader.next(r));
  CHECK(std::vector<std::string>(r.fields.begin(), r.fields.end()) ==
        std::vector<std::string>{"=1+1", "2021-13-01", "-3", "第一行\n第二行"});
  CHECK_FALSE(reader.next(r));
  std::filesystem::remove_all(dir);
}

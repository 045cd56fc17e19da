#include "io/table.hpp"

#include <catch2/catch.hpp>
#include <sstream>

using namespace ankang::io;

namespace {

Table hostile_table()
{
  Table t;
  t.columns = {{"name", "名称"}, {"note", "备注"}, {"n", "数量", Align::right}};
  t.rows.push_back({Cell("刚察县煤矿"), Cell("a|b \"q\"\n第二行"), Cell::number(12)});
  t.rows.push_back({Cell("=HYPERLINK(\"http://x\",\"y\")"), Cell::null(), Cell::number(3)});
  return t;
}

std::string render(Format f, WriteOptions o = {})
{
  std::ostringstream os;
  write_table(hostile_table(), f, os, o);
  return os.str();
}

}  // namespace

TEST_CASE("aligned tables count 中文 as two columns")
{
  CHECK(display_width("刚察县") == 6);
  CHECK(display_width("abc") == 3);
  CHECK(render(Format::table) ==
        "名称                        备注            数量\n"
        "--------------------------  --------------  ----\n"
        "刚察县煤矿                  a|b \"q\" 第二行    12\n"
        "=HYPERLINK(\"http://x\",\"y\")                     3\n");
}

TEST_CASE("CSV quotes per RFC 4180 and neutralises formulas only for people")
{
  CHECK(render(Format::csv) ==
        "name,note,n\r\n"
        "刚察县煤矿,\"a|b \"\"q\"\"\n第二行\",12\r\n"
        "\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",,3\r\n");
  WriteOptions people;
  people.for_people = true;
  people.bom = true;
  CHECK(render(Format::csv, people) ==
        "\xEF\xBB\xBF名称,备注,数量\r\n"
        "刚察县煤矿,\"a|b \"\"q\"\"\n第二行\",12\r\n"
        "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",,3\r\n");
}

TEST_CASE("Markdown escapes pipes and newlines")
{
  CHECK(render(Format::md) ==
        "| 名称 | 备注 | 数量 |\n"
        "| --- | --- | ---: |\n"
        "| 刚察县煤矿 | a\\|b \"q\"<br>第二行 | 12 |\n"
        "| =HYPERLINK(\"http://x\",\"y\") |  | 3 |\n");
}

TEST_CASE("JSON and JSON Lines escape and keep types")
{
  CHECK(render(Format::json) ==
        "[\n"
        "  {\"name\": \"刚察县煤矿\", \"note\": \"a|b \\\"q\\\"\\n第二行\", \"n\": 12},\n"
        "  {\"name\": \"=HYPERLINK(\\\"http://x\\\",\\\"y\\\")\", \"note\": null, \"n\": 3}\n"
        "]\n");
  CHECK(render(Format::jsonl) ==
        "{\"name\":\"刚察县煤矿\",\"note\":\"a|b \\\"q\\\"\\n第二行\",\"n\":12}\n"
        "{\"name\":\"=HYPERLINK(\\\"http://x\\\",\\\"y\\\")\",\"note\":null,\"n\":3}\n");
  CHECK(json_escape("a\x01\xff") == "\"a\\u0001\\ufffd\"");
}

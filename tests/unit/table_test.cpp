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
        "刚察县煤矿                  a|b \"q\"⏎第二行    12\n"
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

TEST_CASE("CSV for people neutralises every cell that starts like a formula unless it is a plain number")
{
  Table t;
  t.columns = {{"a", "a"}, {"b", "b"}, {"c", "c"}, {"d", "d"}};
  // A number shown with a unit ("-6.8个百分点" of a report's change column) is text to Excel.
  t.rows.push_back({Cell::number_text("-6.8"), Cell::number_text("+3"), Cell("12.5"), Cell("-6")});
  t.rows.push_back({Cell("-6.8个百分点"), Cell("+33.3 pp"), Cell("@SUM(A1)"), Cell("\tx")});
  t.rows.push_back({Cell("-"), Cell("+.5"), Cell("-1."), Cell("--1")});
  auto people = [&](Row shown) {
    Table u = t;
    u.rows = {std::move(shown)};
    for (auto& c : u.rows[0]) c.type = Cell::Type::number;  // the type does not save a cell that is not a number
    std::ostringstream os;
    WriteOptions o;
    o.for_people = true;
    write_table(u, Format::csv, os, o);
    return os.str();
  };
  std::ostringstream os;
  WriteOptions o;
  o.for_people = true;
  write_table(t, Format::csv, os, o);
  CHECK(os.str() ==
        "a,b,c,d\r\n"
        "-6.8,+3,12.5,-6\r\n"
        "'-6.8个百分点,'+33.3 pp,'@SUM(A1),'\tx\r\n"
        "'-,'+.5,'-1.,'--1\r\n");
  CHECK(people(t.rows[1]) == "a,b,c,d\r\n'-6.8个百分点,'+33.3 pp,'@SUM(A1),'\tx\r\n");
  // Machine CSV keeps every value as it is.
  std::ostringstream raw;
  write_table(t, Format::csv, raw, {});
  CHECK(raw.str() == "a,b,c,d\r\n-6.8,+3,12.5,-6\r\n-6.8个百分点,+33.3 pp,@SUM(A1),\tx\r\n-,+.5,-1.,--1\r\n");
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

TEST_CASE("text for people cannot fake a line or drive the terminal")
{
  using ankang::io::markdown_escape;
  using ankang::io::single_line;
  // A description that would print a fake status line of its own in `hazard show`.
  CHECK(single_line("井口积水\n状态: 已销号") == "井口积水⏎状态: 已销号");
  CHECK(single_line("a\r\nb\rc\u2028d") == "a⏎b⏎c⏎d");
  CHECK(single_line("\x1b[2J\x1b]0;title\x07") == "\\x1b[2J\\x1b]0;title\\x07");
  CHECK(single_line("abc\u202Ecba \u2066x\u2069") == "abc<U+202E>cba <U+2066>x<U+2069>");
  CHECK(single_line("C1\u0085\u009b") == "C1⏎<U+009B>");
  CHECK(single_line("bad \xff byte\ttab") == "bad \xEF\xBF\xBD byte tab");
  CHECK(markdown_escape("一行\r\n二行\n\x1b[31m\u202E|") == "一行<br>二行<br>\\x1b\\[31m<U+202E>\\|");
}

TEST_CASE("CSV to a terminal is escaped as the table is; to a file it is exact")
{
  using namespace ankang::io;
  Table t;
  t.columns = {{"desc", "隐患描述", Align::left}};
  t.rows = {{Cell("a\x1b]0;x\x07\nb\u202E")}};
  std::ostringstream file, terminal;
  write_table(t, Format::csv, file);
  WriteOptions wo;
  wo.terminal = true;
  write_table(t, Format::csv, terminal, wo);
  CHECK(file.str() == "desc\r\n\"a\x1b]0;x\x07\nb\u202E\"\r\n");
  CHECK(terminal.str() == "desc\r\na\\x1b]0;x\\x07⏎b<U+202E>\r\n");
}

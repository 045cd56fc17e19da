#include "domain/date.hpp"
#include "error.hpp"
#include "report/builders.hpp"
#include "report/document.hpp"

#include <catch2/catch.hpp>
#include <sstream>

using namespace ankang;
using domain::parse_date;

TEST_CASE("report helpers: closure rate, change, ISO week, filing deadline", "[report]")
{
  CHECK(report::percent(1, 3) == "33.3");
  CHECK(report::percent(2, 3) == "66.7");
  CHECK(report::percent(1, 8) == "12.5");
  CHECK(report::percent(0, 5) == "0.0");
  CHECK(report::percent(7, 7) == "100.0");
  CHECK_FALSE(report::percent(0, 0).has_value());
  CHECK(report::signed_number(3) == "+3");
  CHECK(report::signed_number(-2) == "-2");
  CHECK(report::signed_number(0) == "0");
  CHECK(report::iso_week_code(parse_date("2021-09-20")) == "2021-W38");
  CHECK(report::iso_week_code(parse_date("2021-01-03")) == "2020-W53");
  CHECK(report::iso_week_code(parse_date("2019-12-30")) == "2020-W01");

  report::PeriodSpec q3;
  q3.kind = report::PeriodKind::quarter;
  q3.range = {parse_date("2021-07-01"), parse_date("2021-09-30")};
  CHECK(report::filing_deadline(q3).iso() == "2021-10-15");
  q3.range = {parse_date("2021-10-01"), parse_date("2021-12-31")};
  CHECK(report::filing_deadline(q3).iso() == "2022-01-15");
  report::PeriodSpec year;
  year.kind = report::PeriodKind::year;
  year.range = {parse_date("2021-01-01"), parse_date("2021-12-31")};
  CHECK(report::filing_deadline(year).iso() == "2022-01-31");
}

TEST_CASE("a period not over is cut at the as-of date, one not begun is refused", "[report]")
{
  report::PeriodSpec q3;
  q3.kind = report::PeriodKind::quarter;
  q3.code = "2021Q3";
  q3.range = {parse_date("2021-07-01"), parse_date("2021-09-30")};
  q3.previous = {parse_date("2021-04-01"), parse_date("2021-06-30")};

  auto over = q3;
  report::limit_to_as_of(over, parse_date("2021-10-08"));
  CHECK_FALSE(over.partial);
  CHECK(over.range.end.iso() == "2021-09-30");
  CHECK(over.previous.end.iso() == "2021-06-30");

  auto cut = q3;
  report::limit_to_as_of(cut, parse_date("2021-09-27"));
  CHECK(cut.partial);
  CHECK(cut.range.start.iso() == "2021-07-01");
  CHECK(cut.range.end.iso() == "2021-09-27");
  CHECK(cut.scheduled_end.iso() == "2021-09-30");
  // 88 days after the start on both sides; the filing deadline stays the quarter's.
  CHECK(cut.previous.end.iso() == "2021-06-28");
  CHECK(report::filing_deadline(cut).iso() == "2021-10-15");

  auto first_day = q3;
  report::limit_to_as_of(first_day, parse_date("2021-07-01"));
  CHECK(first_day.partial);
  CHECK(first_day.range.end.iso() == "2021-07-01");
  CHECK(first_day.previous.end.iso() == "2021-04-01");

  auto early = q3;
  CHECK_THROWS_AS(report::limit_to_as_of(early, parse_date("2021-06-30")), Error);
}

namespace {

report::Document sample()
{
  report::Document doc;
  doc.kind = "sample";
  doc.title = "周报";
  doc.meta = {{"period", report::Value::text("2021-W38")}, {"region", report::Value::null()}};
  doc.paragraphs = {"共发现隐患3项。"};
  report::Section s;
  s.key = "rows";
  s.title = "一、指标";
  s.table.columns = {{"figure", "指标", io::Align::left}, {"rate", "整改率", io::Align::right}, {"change", "增减", io::Align::right}};
  s.table.rows.push_back({report::Value::coded("new", "新增"), report::Value::number("33.3", "33.3%"),
                          report::Value::number("3", "+3")});
  s.table.rows.push_back({report::Value::text("=HYPERLINK(\"x\")"), report::Value::null("—"), report::Value::number("-1", "-1")});
  s.chart = "pie title t\n    \"a\" : 1";
  doc.sections.push_back(s);
  report::Section empty;
  empty.key = "none";
  empty.title = "二、空";
  empty.empty_note = "无。";
  empty.table.columns = {{"no", "编号", io::Align::left}};
  doc.sections.push_back(empty);
  return doc;
}

std::string render(report::Format f, bool charts = false, bool bom = false)
{
  std::ostringstream os;
  report::render(sample(), os, {f, charts, bom});
  return os.str();
}

}  // namespace

TEST_CASE("report renderers: JSON keeps machine values, people formats the shown ones", "[report]")
{
  CHECK(render(report::Format::json) ==
        "{\n  \"report\": \"sample\",\n  \"title\": \"周报\",\n  \"period\": \"2021-W38\",\n  \"region\": null,\n"
        "  \"summary\": [\"共发现隐患3项。\"],\n  \"rows\": [\n"
        "    {\"figure\": \"new\", \"rate\": 33.3, \"change\": 3},\n"
        "    {\"figure\": \"=HYPERLINK(\\\"x\\\")\", \"rate\": null, \"change\": -1}\n  ],\n"
        "  \"none\": [],\n  \"notes\": []\n}\n");
  const auto md = render(report::Format::md);
  CHECK(md.find("| 新增 | 33.3% | +3 |") != std::string::npos);
  CHECK(md.find("无。") != std::string::npos);
  CHECK(md.find("mermaid") == std::string::npos);
  const auto charts = render(report::Format::md, true);
  CHECK(charts.find("```mermaid\npie title t") < charts.find("| 指标 |"));  // the chart beside, never instead
  const auto csv = render(report::Format::csv, false, true);
  CHECK(csv.rfind("\xEF\xBB\xBF周报\r\n", 0) == 0);
  CHECK(csv.find("新增,33.3%,+3\r\n") != std::string::npos);                 // our numbers stay as they are
  CHECK(csv.find("\"'=HYPERLINK(\"\"x\"\")\",—,-1\r\n") != std::string::npos);  // data text is neutralised
}

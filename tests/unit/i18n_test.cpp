#include "cli/i18n.hpp"
#include "cli/suggest.hpp"
#include "io/table.hpp"

#include <catch2/catch.hpp>
#include <sstream>

using ankang::cli::closest_words;
using ankang::cli::has_translation;
using ankang::cli::translate;
using ankang::cli::translate_lines;
using ankang::domain::Lang;

TEST_CASE("the catalogue translates whole messages and messages with values", "[i18n]")
{
  CHECK(translate("Print this help message and exit", Lang::zh) == "显示本帮助并退出");
  CHECK(translate("unknown command 'lst'; did you mean: list", Lang::zh) == "未知命令 'lst'。您是否想输入：list");
  // The value in a hole is translated when it is a message itself.
  CHECK(translate("unknown language 'fr': expected zh or en", Lang::zh) == "未知语言 'fr'：应为 zh 或 en");
  CHECK(translate("database error (SQLite code 11)", Lang::zh) == "数据库错误（SQLite 错误码 11）");
}

TEST_CASE("English is the text as written; text without an entry is shown as written", "[i18n]")
{
  CHECK(translate("Print this help message and exit", Lang::en) == "Print this help message and exit");
  CHECK(translate("no such message in the catalogue", Lang::zh) == "no such message in the catalogue");
  CHECK_FALSE(has_translation("no such message in the catalogue", Lang::zh));
  CHECK(has_translation("{} is required", Lang::zh));
  CHECK(translate("", Lang::zh).empty());
}

TEST_CASE("a hole takes at least one character and the whole message must match", "[i18n]")
{
  // "{} is required" needs a value before " is required".
  CHECK(translate(" is required", Lang::zh) == " is required");
  CHECK(translate("--desc is required", Lang::zh) == "缺少必填项 --desc");
  CHECK(translate("--desc is required, really", Lang::zh) == "--desc is required, really");
}

TEST_CASE("footers are translated line by line", "[i18n]")
{
  CHECK(translate_lines("Example:\n  ankang db check", Lang::zh) == "示例：\n  ankang db check");
}

TEST_CASE("the requested language is read before parsing", "[i18n]")
{
  const char* a[] = {"ankang", "--lang", "en", "hazard", "list"};
  const char* b[] = {"ankang", "--lang=en"};
  const char* c[] = {"ankang", "hazard", "--", "--lang", "en"};
  const auto lang = [](auto& argv, const char* env) {
    return ankang::cli::requested_lang(static_cast<int>(std::size(argv)), const_cast<char**>(argv), env);
  };
  CHECK(lang(a, nullptr) == Lang::en);
  CHECK(lang(b, nullptr) == Lang::en);
  CHECK(lang(c, nullptr) == Lang::zh);
  CHECK(lang(c, "en") == Lang::en);
  CHECK(lang(a, "zh") == Lang::en);  // the command line wins over ANKANG_LANG
  CHECK(lang(c, "fr") == Lang::zh);  // the parser reports the unknown name
}

TEST_CASE("closest words: one edit for short words, two for long, swaps and prefixes", "[i18n]")
{
  const std::vector<std::string> subs{"add", "list", "show", "update", "void", "import", "export"};
  CHECK(closest_words("lst", subs) == std::vector<std::string>{"list"});
  CHECK(closest_words("shwo", subs) == std::vector<std::string>{"show"});
  CHECK(closest_words("imprt", subs) == std::vector<std::string>{"import"});
  CHECK(closest_words("xyz", subs).empty());
  const std::vector<std::string> opts{"--status", "--sector", "--sort", "--level"};
  CHECK(closest_words("--stauts", opts) == std::vector<std::string>{"--status"});
  CHECK(closest_words("--lev", opts) == std::vector<std::string>{"--level"});
}

TEST_CASE("cells are cut at display width with an ellipsis", "[table]")
{
  using ankang::io::cut_to_width;
  using ankang::io::display_width;
  CHECK(cut_to_width("abcdef", 6) == "abcdef");
  CHECK(cut_to_width("abcdefg", 6) == "abcde…");
  // 中文 takes two columns: a character that does not fit whole is left out.
  CHECK(cut_to_width("副立井井筒有结冰现象", 7) == "副立井…");
  CHECK(display_width(cut_to_width("副立井井筒有结冰现象", 8)) == 8 - 1);
  CHECK(cut_to_width("abc", 0).empty());
}

TEST_CASE("an aligned table fits the width by cutting its widest text column", "[table]")
{
  using namespace ankang::io;
  Table t;
  t.columns = {{"no", "编号"}, {"description", "隐患描述"}, {"n", "数", Align::right}};
  t.rows.push_back({Cell("YH-2021-000001"), Cell("副立井井筒有结冰现象，罐笼运行时有冰块掉落风险"), Cell::number(12345)});
  std::ostringstream wide, narrow;
  write_table(t, Format::table, wide);
  WriteOptions fit;
  fit.max_width = 40;
  write_table(t, Format::table, narrow, fit);
  CHECK(wide.str().find("冰块掉落风险") != std::string::npos);
  std::istringstream lines(narrow.str());
  for (std::string line; std::getline(lines, line);) CHECK(display_width(line) <= 40);
  CHECK(narrow.str().find("…") != std::string::npos);
  CHECK(narrow.str().find("YH-2021-000001") != std::string::npos);  // the narrow column stays whole
  CHECK(narrow.str().find("12345") != std::string::npos);           // numbers are never cut
}

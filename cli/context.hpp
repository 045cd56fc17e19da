#pragma once
// What every command receives: the global options, the streams, and the action chosen by
// parsing. Commands record their work in `action` while CLI11 parses; run() calls it after.
#include "domain/codes.hpp"
#include "domain/date.hpp"
#include "error.hpp"
#include "store/database.hpp"

#include <fmt/format.h>

#include <functional>
#include <memory>
#include <vector>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace ankang::cli {

struct Context {
  Context(std::ostream& o, std::ostream& e) : out(o), err(e) {}

  std::ostream& out;
  std::ostream& err;

  // Global options as given.
  std::string db_path = "ankang.db";
  bool db_given = false;  // by --db or ANKANG_DB, not the default
  std::string today_text;
  std::string user;
  std::string lang_text = "zh";
  bool quiet = false;
  bool strict_calendar = false;  // --strict-calendar / ANKANG_STRICT_CALENDAR: no provisional counting

  // Resolved once after parsing.
  domain::Date today;
  domain::Lang lang = domain::Lang::zh;
  std::string now_utc;  // ISO 8601 timestamp for created_at and event times
  bool stderr_is_terminal = false;
  // Standard output is a terminal (not a pipe or file): long output goes through a pager and
  // tables fit its width, unless --no-pager / --wide.
  bool stdout_is_terminal = false;
  size_t terminal_columns = 80;
  size_t terminal_rows = 24;
  bool no_pager = false;
  bool wide = false;

  std::function<int()> action;

  // Storage for a command's option values, alive for the whole run.
  template <class T>
  T& own()
  {
    auto p = std::make_shared<T>();
    m_owned.push_back(p);
    return *p;
  }

  // Opens (and migrates) the database named by --db; throws Error(not_found) if missing.
  store::Database open_db() const;
  // The same, for lists and reports: also refuses a database where a hazard's enterprise row is
  // missing, naming the hazard or inspection (store::require_enterprise_rows).
  store::Database open_db_for_lists() const;

  std::string_view tr(std::string_view zh, std::string_view en) const { return lang == domain::Lang::zh ? zh : en; }
  // An English message in the user's language, from the catalogue po/zh_CN.po (cli/i18n.hpp).
  // Errors and notes go through it when printed; use it for other text a person reads.
  std::string t(std::string_view english) const;
  // A note on stderr unless -q.
  void note(std::string_view text) const;

private:
  std::vector<std::shared_ptr<void>> m_owned;
};

// Parses a date option's value as a usage error (exit 2) naming the option.
domain::Date parse_date_option(std::string_view option, std::string_view text);

// One rule for option values: a value that does not parse or is not one of the allowed values
// is a usage error (exit 2) naming the option, whatever the parser throws (invalid_input is for
// input data and for values that parse but break a rule, which are checked later).
template <class Parse>
auto parse_option_value(std::string_view option, Parse&& parse) -> decltype(parse())
{
  try {
    return parse();
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::invalid_input) throw;
    throw Error(ErrorKind::usage, fmt::format("invalid value for {}: {}", option, e.what()), e.hint());
  }
}

}  // namespace ankang::cli

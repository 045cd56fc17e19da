#include "cli/context.hpp"

#include "cli/i18n.hpp"
#include "error.hpp"
#include "io/table.hpp"

#include <fmt/format.h>

namespace ankang::cli {

store::Database Context::open_db() const
{
  auto db = store::Database::open(db_path);
  db.set_strict_calendar(strict_calendar);
  return db;
}

std::string Context::t(std::string_view english) const { return translate(english, lang); }

store::Database Context::open_db_for_lists() const
{
  auto db = store::Database::open(db_path);
  store::require_enterprise_rows(db, lang);
  return db;
}

void Context::note(std::string_view text) const
{
  if (!quiet) err << "ankang: " << io::single_line(translate(text, lang)) << '\n';
}

domain::Date parse_date_option(std::string_view option, std::string_view text)
{
  std::string why;
  if (auto d = domain::try_parse_date(text, why)) return *d;
  throw Error(ErrorKind::usage, fmt::format("invalid value for {}: {} is not a date: {}", option, quote_value(text), why));
}

}  // namespace ankang::cli

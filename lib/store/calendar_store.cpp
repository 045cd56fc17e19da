#include "store/calendar_store.hpp"

#include "store/database.hpp"

#include <SQLiteCpp/Statement.h>

namespace ankang::store {

namespace {

domain::CalendarDay read_day(SQLite::Statement& q)
{
  domain::CalendarDay d;
  d.date = domain::parse_date(q.getColumn(0).getString());
  d.kind = q.getColumn(1).getString() == "work" ? domain::DayKind::work : domain::DayKind::off;
  d.name = q.getColumn(2).getString();
  d.local = q.getColumn(3).getString() == "local";
  return d;
}

std::optional<domain::CalendarDay> find_day(SQLite::Database& db, domain::Date date)
{
  SQLite::Statement q(db, "SELECT date, kind, name, source FROM calendar_day WHERE date = ?");
  q.bind(1, date.iso());
  if (!q.executeStep()) return std::nullopt;
  return read_day(q);
}

}  // namespace

domain::Calendar load_calendar(SQLite::Database& db)
{
  try {
    std::vector<domain::CalendarDay> days;
    SQLite::Statement q(db, "SELECT date, kind, name, source FROM calendar_day ORDER BY date");
    while (q.executeStep()) days.push_back(read_day(q));
    std::vector<int> years;
    SQLite::Statement y(db, "SELECT year FROM calendar_year ORDER BY year");
    while (y.executeStep()) years.push_back(y.getColumn(0).getInt());
    return domain::Calendar(std::move(days), std::move(years));
  } catch (const std::exception& e) {
    rethrow_sqlite(e, "reading the calendar");
  }
}

std::optional<domain::CalendarDay> add_calendar_day(SQLite::Database& db, domain::Date date, domain::DayKind kind,
                                                     std::string_view name)
{
  try {
    auto previous = find_day(db, date);
    SQLite::Statement q(db,
                        "INSERT INTO calendar_day (date, kind, name, source) VALUES (?, ?, ?, 'local')"
                        " ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name = excluded.name, source = 'local'");
    q.bind(1, date.iso());
    q.bind(2, std::string(domain::day_kind_code(kind)));
    q.bind(3, std::string(name));
    q.exec();
    return previous;
  } catch (const std::exception& e) {
    rethrow_sqlite(e, "recording the calendar day " + date.iso());
  }
}

CalendarImportResult import_calendar(SQLite::Database& db, const std::vector<domain::CalendarDay>& days,
                                     const std::vector<int>& covered_years, std::string_view source)
{
  try {
    CalendarImportResult result;
    SQLite::Statement upsert(db,
                             "INSERT INTO calendar_day (date, kind, name, source) VALUES (?, ?, ?, 'official')"
                             " ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name = excluded.name,"
                             " source = 'official'");
    for (const auto& day : days) {
      const auto previous = find_day(db, day.date);
      if (!previous)
        ++result.added;
      else if (previous->kind == day.kind && previous->name == day.name && !previous->local)
        ++result.unchanged;
      else
        ++result.replaced;
      upsert.bind(1, day.date.iso());
      upsert.bind(2, std::string(domain::day_kind_code(day.kind)));
      upsert.bind(3, day.name);
      upsert.exec();
      upsert.reset();
    }
    SQLite::Statement covered(db, "SELECT 1 FROM calendar_year WHERE year = ?");
    SQLite::Statement insert_year(db, "INSERT INTO calendar_year (year, source) VALUES (?, ?)");
    for (int year : covered_years) {
      covered.bind(1, year);
      const bool known = covered.executeStep();
      covered.reset();
      if (known) continue;
      insert_year.bind(1, year);
      insert_year.bind(2, std::string(source));
      insert_year.exec();
      insert_year.reset();
      result.newly_covered.push_back(year);
    }
    return result;
  } catch (const std::exception& e) {
    rethrow_sqlite(e, "importing the calendar");
  }
}

}  // namespace ankang::store

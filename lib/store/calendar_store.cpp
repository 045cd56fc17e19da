#include "store/calendar_store.hpp"

#include "store/database.hpp"

#include "error.hpp"

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

domain::Calendar load_calendar(Database& db)
{
  return load_calendar(db.sql(), db.strict_calendar() ? domain::CalendarMode::strict : domain::CalendarMode::provisional);
}

domain::Calendar load_calendar(SQLite::Database& db, domain::CalendarMode mode)
{
  try {
    std::vector<domain::CalendarDay> days;
    SQLite::Statement q(db, "SELECT date, kind, name, source FROM calendar_day ORDER BY date");
    while (q.executeStep()) days.push_back(read_day(q));
    std::vector<int> years;
    SQLite::Statement y(db, "SELECT year FROM calendar_year ORDER BY year");
    while (y.executeStep()) years.push_back(y.getColumn(0).getInt());
    return domain::Calendar(std::move(days), std::move(years), mode);
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

void record_provisional_due(Database& db, HazardId id, std::string_view spec, domain::Date base, domain::Date due_on)
{
  try {
    SQLite::Statement q(db.sql(),
                        "INSERT INTO hazard_due_provisional (hazard_id, spec, base, due_on) VALUES (?, ?, ?, ?)"
                        " ON CONFLICT (hazard_id) DO UPDATE SET spec = excluded.spec, base = excluded.base,"
                        " due_on = excluded.due_on");
    q.bind(1, id.value);
    q.bind(2, std::string(spec));
    q.bind(3, base.iso());
    q.bind(4, due_on.iso());
    q.exec();
  } catch (const std::exception& e) {
    rethrow_sqlite(e, "recording a provisional deadline");
  }
}

void forget_provisional_due(Database& db, HazardId id)
{
  try {
    SQLite::Statement q(db.sql(), "DELETE FROM hazard_due_provisional WHERE hazard_id = ?");
    q.bind(1, id.value);
    q.exec();
  } catch (const std::exception& e) {
    rethrow_sqlite(e, "forgetting a provisional deadline");
  }
}

bool is_provisional_due(Database& db, HazardId id, std::optional<domain::Date> due_on)
{
  if (!due_on) return false;
  try {
    SQLite::Statement q(db.sql(), "SELECT 1 FROM hazard_due_provisional WHERE hazard_id = ? AND due_on = ?");
    q.bind(1, id.value);
    q.bind(2, due_on->iso());
    return q.executeStep();
  } catch (const std::exception& e) {
    rethrow_sqlite(e, "reading a provisional deadline");
  }
}

std::unordered_set<int64_t> provisional_due_ids(Database& db)
{
  try {
    std::unordered_set<int64_t> ids;
    SQLite::Statement q(db.sql(),
                        "SELECT p.hazard_id FROM hazard_due_provisional p JOIN hazard h ON h.id = p.hazard_id"
                        " WHERE h.due_on = p.due_on");
    while (q.executeStep()) ids.insert(q.getColumn(0).getInt64());
    return ids;
  } catch (const std::exception& e) {
    rethrow_sqlite(e, "reading the provisional deadlines");
  }
}

std::vector<ProvisionalDue> list_provisional_dues(Database& db)
{
  try {
    std::vector<ProvisionalDue> out;
    SQLite::Statement q(db.sql(),
                        "SELECT p.hazard_id, h.no, h.status, p.spec, p.base, p.due_on FROM hazard_due_provisional p"
                        " JOIN hazard h ON h.id = p.hazard_id WHERE h.due_on = p.due_on ORDER BY p.hazard_id");
    while (q.executeStep()) {
      ProvisionalDue d;
      d.hazard_id = HazardId{q.getColumn(0).getInt64()};
      d.no = q.getColumn(1).getString();
      d.status = domain::status_from_code(q.getColumn(2).getString()).value_or(domain::HazardStatus::open);
      d.spec = q.getColumn(3).getString();
      d.base = domain::parse_date(q.getColumn(4).getString());
      d.due_on = domain::parse_date(q.getColumn(5).getString());
      out.push_back(std::move(d));
    }
    return out;
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    rethrow_sqlite(e, "reading the provisional deadlines");
  }
}

}  // namespace ankang::store

#include "store/duty_store.hpp"

#include "error.hpp"
#include "store/statement.hpp"
#include "store/uuid.hpp"

#include <fmt/format.h>
#include <map>

namespace ankang::store {

namespace {

constexpr std::string_view k_duty_columns = "id, uuid, day, leader, created_at, updated_at";

Duty duty_from_row(const Stmt& s)
{
  Duty d;
  d.id = s.int64(0);
  d.uuid = s.str(1);
  std::string why;
  const auto day = domain::try_parse_date(s.text(2), why);
  if (!day)
    throw Error(ErrorKind::database, fmt::format("duty {} has {} as its day", d.id, quote_value(s.text(2))),
                "run 'ankang db check'");
  d.day = *day;
  d.leader = s.str(3);
  d.created_at = s.str(4);
  d.updated_at = s.str(5);
  return d;
}

void load_logs(Database& db, std::vector<Duty>& duties)
{
  if (duties.empty()) return;
  std::map<int64_t, Duty*> by_id;
  for (auto& d : duties) by_id[d.id] = &d;
  Stmt s(db.sql(),
         "SELECT l.duty_id, l.id, l.uuid, l.note, l.actor, l.at FROM duty_log l JOIN duty d ON d.id = l.duty_id "
         "WHERE d.day >= :from AND d.day <= :to ORDER BY l.duty_id, l.id");
  const std::string from = duties.front().day.iso();
  const std::string to = duties.back().day.iso();
  s.bind(":from", from);
  s.bind(":to", to);
  while (s.step()) {
    const auto it = by_id.find(s.int64(0));
    if (it == by_id.end()) continue;
    it->second->log.push_back({s.int64(1), s.str(2), s.str(3), s.str(4), s.str(5)});
  }
}

}  // namespace

std::vector<Duty> list_duties(Database& db, std::optional<domain::Date> from, std::optional<domain::Date> to)
{
  const DayBounds days{from ? from->iso() : "", to ? to->iso() : ""};
  Stmt s(db.sql(), fmt::format("SELECT {} FROM duty WHERE 1{} ORDER BY day", k_duty_columns, days.sql("day")));
  days.bind(s);
  auto out = all_rows(s, duty_from_row);
  load_logs(db, out);
  return out;
}

std::optional<Duty> find_duty(Database& db, domain::Date day)
{
  auto found = list_duties(db, day, day);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::optional<Duty> last_duty_before(Database& db, domain::Date day)
{
  Stmt s(db.sql(), fmt::format("SELECT {} FROM duty WHERE day < :day ORDER BY day DESC LIMIT 1", k_duty_columns));
  const std::string d = day.iso();
  s.bind(":day", d);
  if (!s.step()) return std::nullopt;
  return duty_from_row(s);
}

void insert_duty(Database& db, Duty& d, std::string_view now)
{
  if (d.uuid.empty()) d.uuid = new_uuid(now);
  Stmt s(db.sql(),
         "INSERT INTO duty (uuid, day, leader, created_at, updated_at) VALUES (:uuid, :day, :leader, :now, :now)");
  const std::string day = d.day.iso();
  s.bind(":uuid", d.uuid);
  s.bind(":day", day);
  s.bind(":leader", d.leader);
  s.bind(":now", now);
  s.run();
  d.id = s.last_insert_rowid();
  d.created_at = d.updated_at = std::string(now);
}

void set_duty_leader(Database& db, int64_t duty_id, std::string_view leader, std::string_view now)
{
  Stmt s(db.sql(), "UPDATE duty SET leader = :leader, updated_at = :now WHERE id = :id");
  s.bind(":leader", leader);
  s.bind(":now", now);
  s.bind(":id", duty_id);
  s.run();
}

void insert_duty_log(Database& db, int64_t duty_id, DutyLogEntry& entry)
{
  if (entry.uuid.empty()) entry.uuid = new_uuid(entry.at);
  Stmt s(db.sql(), "INSERT INTO duty_log (uuid, duty_id, note, actor, at) VALUES (:uuid, :duty, :note, :actor, :at)");
  s.bind(":uuid", entry.uuid);
  s.bind(":duty", duty_id);
  s.bind(":note", entry.note);
  s.bind(":actor", entry.actor);
  s.bind(":at", entry.at);
  s.run();
  entry.id = s.last_insert_rowid();
}

}  // namespace ankang::store

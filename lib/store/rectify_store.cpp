#include "store/rectify_store.hpp"

#include "error.hpp"
#include "text.hpp"

#include <fmt/format.h>

namespace ankang::store {

namespace {

using domain::Date;

Date stored_date(const Stmt& s, int col, std::string_view no)
{
  std::string why;
  if (auto d = domain::try_parse_date(s.text(col), why)) return *d;
  throw Error(ErrorKind::database, fmt::format("hazard {} holds {} where a date belongs: {}", no, quote_value(s.text(col)), why),
              "run 'ankang db check'");
}

domain::HazardLevel stored_level(const Stmt& s, int col) { return domain::level_from_code(s.text(col)).value_or(domain::HazardLevel::general); }

domain::HazardStatus stored_status(const Stmt& s, int col, std::string_view no)
{
  if (auto st = domain::status_from_code(s.text(col))) return *st;
  throw Error(ErrorKind::database, fmt::format("hazard {} has an unknown status {}", no, quote_value(s.text(col))),
              "run 'ankang db check'");
}

// The WHERE conditions of a filter over `hazard h`, with named parameters bound by bind_filter.
std::string filter_sql(const RectifyFilter& f)
{
  std::string sql;
  if (f.enterprise) sql += " AND h.enterprise_id = :enterprise";
  if (!f.statuses.empty()) {
    sql += " AND h.status IN (";
    for (size_t i = 0; i < f.statuses.size(); ++i) sql += fmt::format("{}:status{}", i ? ", " : "", i);
    sql += ")";
  }
  if (f.level) sql += " AND h.level = :level";
  if (!f.sector.empty()) sql += " AND h.sector = :sector";
  return sql;
}

void bind_filter(Stmt& s, const RectifyFilter& f)
{
  if (f.enterprise) s.bind(":enterprise", f.enterprise->value);
  for (size_t i = 0; i < f.statuses.size(); ++i)
    s.bind(fmt::format(":status{}", i).c_str(), domain::code(f.statuses[i]));
  if (f.level) s.bind(":level", domain::code(*f.level));
  if (!f.sector.empty()) s.bind(":sector", f.sector);
}

// The status IN list is spelled out so that SQLite can use the partial index hazard_due.
constexpr std::string_view k_pending_select =
    "SELECT h.id, h.no, e.name, h.sector, h.level, h.status, coalesce(h.owner, ''), h.due_on, h.extensions"
    " FROM hazard h JOIN enterprise e ON e.id = h.enterprise_id"
    " WHERE h.status IN ('open', 'rectifying') AND h.due_on IS NOT NULL";

std::vector<PendingHazard> read_pending(Stmt& s)
{
  std::vector<PendingHazard> out;
  while (s.step()) {
    PendingHazard p;
    p.id = HazardId{s.int64(0)};
    p.no = s.str(1);
    p.enterprise = s.str(2);
    p.sector = s.str(3);
    p.level = stored_level(s, 4);
    p.status = stored_status(s, 5, p.no);
    p.owner = s.str(6);
    p.due_on = stored_date(s, 7, p.no);
    p.extensions = s.int64(8);
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace

EnterpriseId find_enterprise_id(Database& db, std::string_view key)
{
  try {
    if (key.size() <= 18 && all_digits(key)) {  // a row id, not a hazard number
      Stmt s(db.sql(), "SELECT id FROM enterprise WHERE id = :id");
      int64_t id = 0;
      for (char c : key) id = id * 10 + (c - '0');
      s.bind(":id", id);
      if (s.step()) return EnterpriseId{s.int64(0)};
    }
    {
      Stmt s(db.sql(), "SELECT id FROM enterprise WHERE uscc = upper(:key)");
      s.bind(":key", key);
      if (s.step()) return EnterpriseId{s.int64(0)};
    }
    Stmt s(db.sql(), "SELECT id FROM enterprise WHERE name = :key ORDER BY id LIMIT 2");
    s.bind(":key", key);
    if (!s.step())
      throw Error(ErrorKind::not_found, fmt::format("enterprise {} does not exist", quote_value(key)),
                  "name it by row id, credit code (USCC) or exact name");
    const EnterpriseId first{s.int64(0)};
    if (s.step())
      throw Error(ErrorKind::invalid_input, fmt::format("enterprise name {} is ambiguous", quote_value(key)),
                  "name it by its credit code (USCC)");
    return first;
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    rethrow_sqlite(e, "looking up an enterprise");
  }
}

std::vector<HazardId> select_hazard_ids(Database& db, const RectifyFilter& filter)
{
  try {
    Stmt s(db.sql(), "SELECT h.id FROM hazard h WHERE 1 = 1" + filter_sql(filter) + " ORDER BY h.id");
    bind_filter(s, filter);
    std::vector<HazardId> ids;
    while (s.step()) ids.push_back(HazardId{s.int64(0)});
    return ids;
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    rethrow_sqlite(e, "selecting hazards");
  }
}

namespace {

constexpr std::string_view k_undated_select =
    "SELECT h.id, h.no, e.name, h.level, h.sector, h.status, h.found_on"
    " FROM hazard h JOIN enterprise e ON e.id = h.enterprise_id"
    " WHERE h.due_on IS NULL AND h.status IN ('open', 'rectifying')";

void read_undated(const Stmt& s, UndatedHazard& u)
{
  u.id = HazardId{s.int64(0)};
  u.no = s.str(1);
  u.enterprise = s.str(2);
  u.level = stored_level(s, 3);
  u.sector = s.str(4);
  u.status = stored_status(s, 5, u.no);
  u.found_on = stored_date(s, 6, u.no);
}

}  // namespace

void for_each_undated_hazard(Database& db, const RectifyFilter& filter,
                             const std::function<void(const UndatedHazard&)>& visit)
{
  Stmt s(db.sql(), std::string(k_undated_select) + filter_sql(filter) + " ORDER BY h.id");
  bind_filter(s, filter);
  UndatedHazard u;
  while (s.step()) {
    read_undated(s, u);
    visit(u);
  }
}

UndatedHazardReader::UndatedHazardReader(Database& db, const RectifyFilter& filter)
    : m_select(db.sql(), std::string(k_undated_select) + filter_sql(filter) + " AND h.id > :after ORDER BY h.id LIMIT :limit"),
      m_filter(filter)
{
}

const std::vector<UndatedHazard>& UndatedHazardReader::next(int64_t limit)
{
  m_select.reset();
  bind_filter(m_select, m_filter);
  m_select.bind(":after", m_after);
  m_select.bind(":limit", limit);
  size_t n = 0;
  while (m_select.step()) {
    if (n == m_chunk.size()) m_chunk.emplace_back();
    read_undated(m_select, m_chunk[n++]);
  }
  m_chunk.resize(n);
  m_select.reset();  // no read cursor stays open while the caller writes
  if (n > 0) m_after = m_chunk.back().id.value;
  return m_chunk;
}

DeadlineWriter::DeadlineWriter(Database& db)
    : m_update(db.sql(), "UPDATE hazard SET due_on = :due_on, updated_at = :now WHERE id = :id AND due_on IS NULL"),
      m_due_on(m_update.index(":due_on")),
      m_now(m_update.index(":now")),
      m_id(m_update.index(":id"))
{
}

bool DeadlineWriter::set_missing_due_on(HazardId id, domain::Date due_on, std::string_view now)
{
  const std::string due = due_on.iso();  // bound without a copy: alive until run()
  return set_missing_due_on(id, std::string_view(due), now);
}

bool DeadlineWriter::set_missing_due_on(HazardId id, std::string_view due_on, std::string_view now)
{
  m_update.reset();
  m_update.bind(m_due_on, due_on);
  m_update.bind(m_now, now);
  m_update.bind(m_id, id.value);
  m_update.run();
  return m_update.changes() == 1;
}

std::vector<PendingHazard> list_overdue(Database& db, domain::Date as_of, const RectifyFilter& filter)
{
  try {
    Stmt s(db.sql(), std::string(k_pending_select) + " AND h.due_on < :as_of" + filter_sql(filter) +
                         " ORDER BY h.due_on, h.no");
    const std::string day = as_of.iso();
    s.bind(":as_of", day);
    bind_filter(s, filter);
    return read_pending(s);
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    rethrow_sqlite(e, "listing overdue hazards");
  }
}

std::vector<PendingHazard> list_due_between(Database& db, domain::Date from, domain::Date to,
                                            const RectifyFilter& filter)
{
  try {
    Stmt s(db.sql(), std::string(k_pending_select) + " AND h.due_on >= :from AND h.due_on <= :to" +
                         filter_sql(filter) + " ORDER BY h.due_on, h.no");
    const std::string first = from.iso();
    const std::string last = to.iso();
    s.bind(":from", first);
    s.bind(":to", last);
    bind_filter(s, filter);
    return read_pending(s);
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    rethrow_sqlite(e, "listing hazards due");
  }
}

}  // namespace ankang::store

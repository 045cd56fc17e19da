#include "store/record_store.hpp"

#include "store/statement.hpp"
#include "store/uuid.hpp"

#include <charconv>
#include <fmt/format.h>

namespace ankang::store {

namespace {

// Table and column names come from the program's own record descriptions, never from input.
std::string select_sql(const RecordTable& t, std::string_view where)
{
  std::string cols;
  for (const auto& c : t.columns) cols += fmt::format(", r.{}", c.name);
  return fmt::format(
      "SELECT r.id, r.uuid, r.enterprise_id, e.uscc, e.name, coalesce(e.region_code, ''),"
      " CASE WHEN e.region_code IS NULL THEN '' ELSE substr(e.region_code, 1, 4) || '00' END,"
      " coalesce((SELECT g.name FROM region g WHERE g.code = substr(e.region_code, 1, 4) || '00'), ''),"
      " coalesce((SELECT s.sector FROM enterprise_sector s WHERE s.enterprise_id = e.id AND s.position = 0), ''),"
      " r.batch_id, r.actor, r.created_at{} FROM {} r JOIN enterprise e ON e.id = r.enterprise_id WHERE {}"
      " ORDER BY r.{}, r.id",
      cols, t.table, where, t.columns.front().name);
}

CampaignRecord from_row(const Stmt& s, const RecordTable& t)
{
  CampaignRecord r;
  r.id = s.int64(0);
  r.uuid = s.str(1);
  r.enterprise_id = s.int64(2);
  r.uscc = s.str(3);
  r.enterprise_name = s.str(4);
  r.region_code = s.str(5);
  r.prefecture_code = s.str(6);
  r.prefecture_name = s.str(7);
  r.sector = s.str(8);
  if (!s.is_null(9)) r.batch_id = s.int64(9);
  r.actor = s.str(10);
  r.created_at = s.str(11);
  for (size_t i = 0; i < t.columns.size(); ++i) {
    const int col = static_cast<int>(12 + i);
    if (s.is_null(col))
      r.values.emplace_back();
    else if (t.columns[i].integer)
      r.values.emplace_back(std::to_string(s.int64(col)));
    else
      r.values.emplace_back(s.str(col));
  }
  return r;
}

}  // namespace

std::vector<CampaignRecord> list_records(Database& db, const RecordTable& t, const RecordFilter& f)
{
  std::string where = "1";
  if (f.enterprise_id) where += " AND r.enterprise_id = :enterprise";
  where += f.days.sql(fmt::format("r.{}", t.columns.front().name));
  if (!f.region_prefix.empty()) where += " AND substr(e.region_code, 1, length(:prefix)) = :prefix";
  for (size_t i = 0; i < f.equal.size(); ++i) where += fmt::format(" AND r.{} = :eq{}", f.equal[i].first, i);
  Stmt s(db.sql(), select_sql(t, where));
  if (f.enterprise_id) s.bind(":enterprise", *f.enterprise_id);
  f.days.bind(s);
  if (!f.region_prefix.empty()) s.bind(":prefix", f.region_prefix);
  std::vector<std::string> names;
  for (size_t i = 0; i < f.equal.size(); ++i) names.push_back(fmt::format(":eq{}", i));
  for (size_t i = 0; i < f.equal.size(); ++i) s.bind(names[i].c_str(), f.equal[i].second);
  return all_rows(s, [&](const Stmt& row) { return from_row(row, t); });
}

std::optional<CampaignRecord> find_record(Database& db, const RecordTable& t, std::string_view key)
{
  int64_t id = 0;
  const auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), id);
  const bool numeric = !key.empty() && ec == std::errc() && end == key.data() + key.size();
  Stmt s(db.sql(), select_sql(t, numeric ? "r.id = :id" : "r.uuid >= :key AND r.uuid < :key || x'ff'"));
  const std::string k(key);
  if (numeric) s.bind(":id", id);
  else s.bind(":key", k);
  std::optional<CampaignRecord> found;
  while (s.step()) {
    if (found) return std::nullopt;  // a prefix of several
    found = from_row(s, t);
  }
  return found;
}

bool record_uuid_exists(Database& db, const RecordTable& t, std::string_view uuid)
{
  Stmt s(db.sql(), fmt::format("SELECT 1 FROM {} WHERE uuid = :uuid", t.table));
  s.bind(":uuid", uuid);
  return s.step();
}

void insert_record(Database& db, const RecordTable& t, CampaignRecord& r, std::string_view now)
{
  if (r.uuid.empty()) r.uuid = new_uuid(now);
  std::string cols, params;
  for (size_t i = 0; i < t.columns.size(); ++i) {
    cols += fmt::format(", {}", t.columns[i].name);
    params += fmt::format(", :v{}", i);
  }
  Stmt s(db.sql(), fmt::format("INSERT INTO {} (uuid, enterprise_id, batch_id, actor, created_at{}) "
                               "VALUES (:uuid, :enterprise, :batch, :actor, :now{})",
                               t.table, cols, params));
  s.bind(":uuid", r.uuid);
  s.bind(":enterprise", r.enterprise_id);
  s.bind_optional(s.index(":batch"), r.batch_id);
  s.bind(":actor", r.actor);
  s.bind(":now", now);
  for (size_t i = 0; i < t.columns.size(); ++i) {
    const int at = s.index(fmt::format(":v{}", i).c_str());
    const auto& v = r.values[i];
    if (!v) s.bind_null(at);
    else if (t.columns[i].integer) s.bind(at, static_cast<int64_t>(std::stoll(*v)));
    else s.bind(at, *v);
  }
  s.run();
  r.id = s.last_insert_rowid();
  r.created_at = std::string(now);
}

int64_t count_batch_records(Database& db, const RecordTable& t, int64_t batch_id)
{
  Stmt s(db.sql(), fmt::format("SELECT count(*) FROM {} WHERE batch_id = :batch", t.table));
  s.bind(":batch", batch_id);
  s.step();
  return s.int64(0);
}

int64_t delete_batch_records(Database& db, const RecordTable& t, int64_t batch_id)
{
  Stmt s(db.sql(), fmt::format("DELETE FROM {} WHERE batch_id = :batch", t.table));
  s.bind(":batch", batch_id);
  s.run();
  return s.changes();
}

}  // namespace ankang::store

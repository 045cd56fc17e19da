#include "store/enterprise_store.hpp"

#include "store/uuid.hpp"

#include "error.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <cerrno>

namespace ankang::store {

namespace {

constexpr const char* k_select =
    "SELECT e.id, e.uuid, e.uscc, e.reg_no, e.name, "
    "(SELECT group_concat(sector, ';') FROM (SELECT sector FROM enterprise_sector s WHERE s.enterprise_id = e.id "
    "ORDER BY position)), "
    "e.region_code, coalesce(r.full_name, e.region_code), e.address, e.legal_rep, e.safety_contact, e.phone, "
    "e.employees, e.risk_level, e.has_union, e.created_at, e.updated_at, e.archived_at "
    "FROM enterprise e LEFT JOIN region r ON r.code = e.region_code ";

std::string text_or_empty(const SQLite::Column& c) {
  return c.isNull() ? std::string() : c.getString();
}

std::vector<std::string> split_sectors(const std::string& joined) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < joined.size()) {
    const auto semi = joined.find(';', start);
    out.push_back(joined.substr(start, semi - start));
    if (semi == std::string::npos) break;
    start = semi + 1;
  }
  return out;
}

Enterprise row_to_enterprise(SQLite::Statement& q) {
  Enterprise e;
  e.id = EnterpriseId{q.getColumn(0).getInt64()};
  e.uuid = q.getColumn(1).getString();
  e.uscc = q.getColumn(2).getString();
  e.reg_no = text_or_empty(q.getColumn(3));
  e.name = q.getColumn(4).getString();
  e.sectors = split_sectors(text_or_empty(q.getColumn(5)));
  e.region_code = text_or_empty(q.getColumn(6));
  e.region = text_or_empty(q.getColumn(7));
  e.address = text_or_empty(q.getColumn(8));
  e.legal_rep = text_or_empty(q.getColumn(9));
  e.safety_contact = text_or_empty(q.getColumn(10));
  e.phone = text_or_empty(q.getColumn(11));
  if (!q.getColumn(12).isNull()) e.employees = q.getColumn(12).getInt64();
  e.risk_level = text_or_empty(q.getColumn(13));
  if (!q.getColumn(14).isNull()) e.has_union = q.getColumn(14).getInt() != 0;
  e.created_at = q.getColumn(15).getString();
  e.updated_at = q.getColumn(16).getString();
  e.archived_at = text_or_empty(q.getColumn(17));
  return e;
}

void bind_text_or_null(SQLite::Statement& q, const char* name, const std::string& v) {
  if (v.empty())
    q.bind(name);
  else
    q.bind(name, v);
}

void bind_fields(SQLite::Statement& q, const Enterprise& e) {
  q.bind(":uscc", e.uscc);
  bind_text_or_null(q, ":reg_no", e.reg_no);
  q.bind(":name", e.name);
  bind_text_or_null(q, ":region_code", e.region_code);
  bind_text_or_null(q, ":address", e.address);
  bind_text_or_null(q, ":legal_rep", e.legal_rep);
  bind_text_or_null(q, ":safety_contact", e.safety_contact);
  bind_text_or_null(q, ":phone", e.phone);
  if (e.employees)
    q.bind(":employees", *e.employees);
  else
    q.bind(":employees");
  bind_text_or_null(q, ":risk_level", e.risk_level);
  if (e.has_union)
    q.bind(":has_union", *e.has_union ? 1 : 0);
  else
    q.bind(":has_union");
}

}  // namespace

bool Enterprise::same_fields(const Enterprise& o) const {
  return uscc == o.uscc && reg_no == o.reg_no && name == o.name && sectors == o.sectors &&
         region_code == o.region_code && address == o.address && legal_rep == o.legal_rep &&
         safety_contact == o.safety_contact && phone == o.phone && employees == o.employees &&
         risk_level == o.risk_level && has_union == o.has_union;
}

const std::vector<std::string>& enterprise_sort_keys() {
  static const std::vector<std::string> keys{"region", "name", "uscc", "risk", "employees", "id", "updated"};
  return keys;
}

std::optional<Enterprise> EnterpriseStore::by_id(EnterpriseId id) const {
  SQLite::Statement q(m_db, std::string(k_select) + "WHERE e.id = :id");
  q.bind(":id", id.value);
  if (q.executeStep()) return row_to_enterprise(q);
  return std::nullopt;
}

std::optional<Enterprise> EnterpriseStore::by_uscc(const std::string& uscc) const {
  static const std::string sql = std::string(k_select) + "WHERE e.uscc = :uscc";  // built once, not per row
  auto& q = m_cache.get(sql);
  q.bind(":uscc", uscc);
  std::optional<Enterprise> e;
  if (q.executeStep()) e = row_to_enterprise(q);
  q.reset();  // a cached statement left on a row would keep its read transaction open
  return e;
}

void EnterpriseStore::insert(Enterprise& e, const std::string& now) {
  auto& q = m_cache.get(
                      "INSERT INTO enterprise (uuid, uscc, reg_no, name, region_code, address, legal_rep, "
                      "safety_contact, phone, employees, risk_level, has_union, created_at, updated_at) VALUES "
                      "(:uuid, :uscc, :reg_no, :name, :region_code, :address, :legal_rep, :safety_contact, :phone, "
                      ":employees, :risk_level, :has_union, :now, :now)");
  e.uuid = new_uuid(now);  // one identity across databases
  q.bind(":uuid", e.uuid);
  bind_fields(q, e);
  q.bind(":now", now);
  q.exec();
  e.id = EnterpriseId{m_db.getLastInsertRowid()};
  e.created_at = e.updated_at = now;
  write_sectors(e);
}

void EnterpriseStore::update(const Enterprise& e, const std::string& now) {
  auto& q = m_cache.get(
                      "UPDATE enterprise SET uscc = :uscc, reg_no = :reg_no, name = :name, region_code = :region_code, "
                      "address = :address, legal_rep = :legal_rep, safety_contact = :safety_contact, phone = :phone, "
                      "employees = :employees, risk_level = :risk_level, has_union = :has_union, updated_at = :now "
                      "WHERE id = :id");
  bind_fields(q, e);
  q.bind(":now", now);
  q.bind(":id", e.id.value);
  q.exec();
  write_sectors(e);
}

void EnterpriseStore::set_archived(EnterpriseId id, const std::string& archived_at, const std::string& now) {
  SQLite::Statement q(m_db, "UPDATE enterprise SET archived_at = :a, updated_at = :now WHERE id = :id");
  bind_text_or_null(q, ":a", archived_at);
  q.bind(":now", now);
  q.bind(":id", id.value);
  q.exec();
}

void EnterpriseStore::write_sectors(const Enterprise& e) {
  auto& del = m_cache.get("DELETE FROM enterprise_sector WHERE enterprise_id = :id");
  del.bind(":id", e.id.value);
  del.exec();
  auto& ins = m_cache.get(
                        "INSERT INTO enterprise_sector (enterprise_id, sector, position) VALUES (:id, :sector, :pos)");
  int pos = 0;
  for (const auto& s : e.sectors) {
    ins.reset();
    ins.bind(":id", e.id.value);
    ins.bind(":sector", s);
    ins.bind(":pos", pos++);
    ins.exec();
  }
}

std::vector<Enterprise> EnterpriseStore::list(const EnterpriseFilter& f) const {
  std::string where = "WHERE 1 = 1";
  std::vector<std::pair<std::string, std::string>> params;  // name, value
  auto add_param = [&](const std::string& value) {
    std::string name = fmt::format(":p{}", params.size());
    params.emplace_back(name, value);
    return name;
  };
  if (f.archived == ArchivedFilter::active) where += " AND e.archived_at IS NULL";
  if (f.archived == ArchivedFilter::archived) where += " AND e.archived_at IS NOT NULL";
  if (!f.sectors.empty()) {
    std::string in;
    for (const auto& s : f.sectors) in += (in.empty() ? "" : ", ") + add_param(s);
    where +=
        " AND EXISTS (SELECT 1 FROM enterprise_sector s WHERE s.enterprise_id = e.id AND s.sector IN (" + in + "))";
  }
  if (!f.region_ranges.empty()) {
    std::string any;
    for (const auto& [low, high] : f.region_ranges)
      any +=
          (any.empty() ? "" : " OR ") + fmt::format("e.region_code BETWEEN {} AND {}", add_param(low), add_param(high));
    where += " AND (" + any + ")";
  }
  if (!f.risk_levels.empty()) {
    std::string in;
    for (const auto& r : f.risk_levels) in += (in.empty() ? "" : ", ") + add_param(r);
    where += " AND e.risk_level IN (" + in + ")";
  }
  if (f.has_union) where += *f.has_union ? " AND e.has_union = 1" : " AND coalesce(e.has_union, 0) = 0";
  if (!f.name_contains.empty()) where += " AND instr(e.name, " + add_param(f.name_contains) + ") > 0";

  std::string order;
  if (f.sort == "region")
    order = "e.region_code IS NULL, e.region_code, e.uscc";
  else if (f.sort == "name")
    order = "e.name, e.uscc";
  else if (f.sort == "uscc")
    order = "e.uscc";
  else if (f.sort == "risk")
    order =
        "CASE e.risk_level WHEN 'red' THEN 0 WHEN 'orange' THEN 1 WHEN 'yellow' THEN 2 WHEN 'blue' THEN 3 ELSE 4 "
        "END, e.uscc";
  else if (f.sort == "employees")
    order = "e.employees IS NULL, e.employees DESC, e.uscc";
  else if (f.sort == "updated")
    order = "e.updated_at DESC, e.id DESC";
  else
    order = "e.id";
  std::string sql = std::string(k_select) + where + " ORDER BY " + order;
  if (f.limit > 0) sql += fmt::format(" LIMIT {}", f.limit);

  SQLite::Statement q(m_db, sql);
  for (const auto& [name, value] : params) q.bind(name, value);
  std::vector<Enterprise> out;
  while (q.executeStep()) out.push_back(row_to_enterprise(q));
  return out;
}

HazardCounts EnterpriseStore::hazard_counts(EnterpriseId enterprise_id, domain::Date today) const {
  SQLite::Statement q(m_db,
                      "SELECT count(*), coalesce(sum(due_on IS NOT NULL AND due_on < :today), 0), "
                      "coalesce(sum(level = 'major'), 0) FROM hazard "
                      "WHERE enterprise_id = :id AND status IN ('open', 'rectifying')");
  q.bind(":today", today.iso());
  q.bind(":id", enterprise_id.value);
  q.executeStep();
  return HazardCounts{q.getColumn(0).getInt64(), q.getColumn(1).getInt64(), q.getColumn(2).getInt64()};
}

}  // namespace ankang::store

#include "store/campaign_queries.hpp"

#include "store/statement.hpp"

namespace ankang::store {

namespace {

constexpr std::string_view k_prefecture =
    "CASE WHEN e.region_code IS NULL THEN '' ELSE substr(e.region_code, 1, 4) || '00' END";

}  // namespace

std::vector<CampaignHazards> campaign_hazards(Database& db, DateRange range, domain::Date as_of,
                                              const std::string& region_prefix)
{
  const std::string sql = std::string("SELECT ") + std::string(k_prefecture) +
                          ", h.sector, h.level, count(*),"
                          " sum(h.status = 'closed' AND h.closed_on <= :asof),"
                          " sum(NOT (h.status = 'closed' AND h.closed_on <= :asof)),"
                          " sum(h.status IN ('open', 'rectifying') AND h.due_on < :asof),"
                          " sum(EXISTS (SELECT 1 FROM supervision s WHERE s.hazard_id = h.id AND s.on_date <= :asof"
                          "   AND (s.removed_on IS NULL OR s.removed_on > :asof)))"
                          " FROM hazard h JOIN enterprise e ON e.id = h.enterprise_id"
                          " WHERE h.status <> 'void' AND h.found_on >= :from AND h.found_on <= :to"
                          " AND (:prefix = '' OR substr(e.region_code, 1, length(:prefix)) = :prefix)"
                          " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3";
  Stmt s(db.sql(), sql);
  const std::string from = range.start.iso(), to = range.end.iso(), asof = as_of.iso();
  s.bind(":from", from);
  s.bind(":to", to);
  s.bind(":asof", asof);
  s.bind(":prefix", region_prefix);
  std::vector<CampaignHazards> out;
  while (s.step())
    out.push_back({s.str(0), s.str(1), s.str(2), s.int64(3), s.int64(4), s.int64(5), s.int64(6), s.int64(7)});
  return out;
}

std::vector<CampaignUnion> campaign_union(Database& db, DateRange range, const std::string& region_prefix)
{
  const std::string sql =
      std::string("SELECT p, sum(inspected), sum(visits), sum(letters) FROM ("
                  " SELECT ") + std::string(k_prefecture) +
      " AS p, count(DISTINCT i.enterprise_id) AS inspected, sum(i.kind = 'union') AS visits, 0 AS letters"
      " FROM inspection i JOIN enterprise e ON e.id = i.enterprise_id"
      " WHERE i.date >= :from AND i.date <= :to"
      " AND (:prefix = '' OR substr(e.region_code, 1, length(:prefix)) = :prefix) GROUP BY 1"
      " UNION ALL SELECT " + std::string(k_prefecture) +
      ", 0, 0, count(*) FROM letter l JOIN enterprise e ON e.id = l.enterprise_id"
      " WHERE l.issued_on >= :from AND l.issued_on <= :to"
      " AND (:prefix = '' OR substr(e.region_code, 1, length(:prefix)) = :prefix) GROUP BY 1)"
      " GROUP BY p ORDER BY p";
  Stmt s(db.sql(), sql);
  const std::string from = range.start.iso(), to = range.end.iso();
  s.bind(":from", from);
  s.bind(":to", to);
  s.bind(":prefix", region_prefix);
  std::vector<CampaignUnion> out;
  while (s.step()) out.push_back({s.str(0), s.int64(1), s.int64(2), s.int64(3)});
  return out;
}

int64_t campaign_letters_without_enterprise(Database& db, DateRange range)
{
  Stmt s(db.sql(),
         "SELECT count(*) FROM letter WHERE enterprise_id IS NULL AND issued_on >= :from AND issued_on <= :to");
  const std::string from = range.start.iso(), to = range.end.iso();
  s.bind(":from", from);
  s.bind(":to", to);
  s.step();
  return s.int64(0);
}

std::vector<std::pair<std::string, std::string>> prefectures(Database& db, const std::string& region_prefix)
{
  Stmt s(db.sql(),
         "SELECT code, name FROM region WHERE level = 2"
         " AND (:prefix = '' OR substr(code, 1, 4) = substr(:prefix, 1, 4)) ORDER BY code");
  s.bind(":prefix", region_prefix);
  std::vector<std::pair<std::string, std::string>> out;
  while (s.step()) out.emplace_back(s.str(0), s.str(1));
  return out;
}

}  // namespace ankang::store

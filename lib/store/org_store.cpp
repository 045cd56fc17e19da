#include "store/org_store.hpp"

#include "store/statement.hpp"
#include "store/uuid.hpp"

namespace ankang::store {

std::optional<Org> get_org(Database& db)
{
  Stmt s(db.sql(), "SELECT uuid, name, short_name, level, region_code, letter_prefix, created_at, updated_at FROM org WHERE id = 1");
  if (!s.step()) return std::nullopt;
  Org o;
  o.uuid = s.str(0);
  o.name = s.str(1);
  o.short_name = s.str(2);
  o.level = s.str(3);
  o.region_code = s.str(4);
  o.letter_prefix = s.str(5);
  o.created_at = s.str(6);
  o.updated_at = s.str(7);
  return o;
}

void save_org(Database& db, Org& org, std::string_view now)
{
  if (const auto old = get_org(db)) {
    org.uuid = old->uuid;
    org.created_at = old->created_at;
  } else {
    org.uuid = new_uuid(now);
    org.created_at = std::string(now);
  }
  org.updated_at = std::string(now);
  Stmt s(db.sql(), "INSERT INTO org (id, uuid, name, short_name, level, region_code, letter_prefix, created_at, updated_at) "
                   "VALUES (1, :uuid, :name, :short, :level, :region, :prefix, :created, :updated) "
                   "ON CONFLICT (id) DO UPDATE SET name = excluded.name, short_name = excluded.short_name, "
                   "level = excluded.level, region_code = excluded.region_code, letter_prefix = excluded.letter_prefix, "
                   "updated_at = excluded.updated_at");
  s.bind(":uuid", org.uuid);
  s.bind(":name", org.name);
  s.bind(":short", org.short_name);
  s.bind(":level", org.level);
  s.bind_text_or_null(":region", org.region_code);
  s.bind(":prefix", org.letter_prefix);
  s.bind(":created", org.created_at);
  s.bind(":updated", org.updated_at);
  s.run();
}

}  // namespace ankang::store

#pragma once
// The organisation this database belongs to (table `org`, at most one row): it issues the letters
// and names itself on them and on reports.
#include "store/database.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace ankang::store {

struct Org {
  std::string uuid;  // generated on the first save
  std::string name;        // 青海省总工会
  std::string short_name;  // 青工
  std::string level;       // a code of domain::org_levels()
  std::string region_code; // '' when not given
  std::string letter_prefix;  // 青工劳保; the short name when not given
  std::string created_at, updated_at;
};

std::optional<Org> get_org(Database& db);
// Inserts the row or replaces its values (uuid and created_at kept); sets uuid and timestamps.
void save_org(Database& db, Org& org, std::string_view now);

}  // namespace ankang::store

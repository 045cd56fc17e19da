#pragma once
#include <string_view>
#include <vector>

namespace ankang::store {

struct Migration {
  int version;             // NNNN of schemas/NNNN_name.sql
  std::string_view name;   // the name part
  std::string_view sql;
};

// Every schemas/*.sql, in version order; generated at build time.
const std::vector<Migration>& embedded_migrations();

}  // namespace ankang::store

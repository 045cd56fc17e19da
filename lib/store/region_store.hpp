#pragma once
// Administrative divisions (GB/T 2260): Qinghai's are built in (schemas/0002) with the short
// forms in daily use; a 6-digit code from elsewhere in China is accepted as given.
#include "store/statement_cache.hpp"

#include <SQLiteCpp/Database.h>

#include <optional>
#include <string>
#include <string_view>

namespace ankang::store {

struct Region {
  std::string code;       // 632224
  std::string name;       // 刚察县; empty for a code that is not in the table
  std::string full_name;  // 海北藏族自治州/刚察县; the code itself for a code not in the table
  int level = 0;          // 1 province, 2 prefecture, 3 county; 0 unknown
};

// The codes of a region and everything under it, as an inclusive range for
// `region_code BETWEEN :low AND :high`: 632200 → 632200..632299, 630000 → 630000..639999.
struct RegionRange {
  std::string low;
  std::string high;
};
RegionRange region_subtree(std::string_view code);

class RegionStore {
 public:
  explicit RegionStore(SQLite::Database& db) : m_db(db), m_cache(db) {}

  // Resolves 刚察县, 刚察, 海北州/刚察县, 海北藏族自治州/刚察县, 青海省/海北州/刚察县 or 632224, and
  // the names joined without a slash as sheets write them (海北州刚察县, 青海省海北藏族自治州刚察县).
  // Returns nullopt for a name that is not known (a 6-digit code is always accepted).
  std::optional<Region> find(std::string_view text) const;
  // As find, throwing Error(invalid_input) "unknown region 'X': …" with what would be valid.
  Region resolve(std::string_view text) const;
  // What would be valid instead of an unknown `text`: "expected a 6-digit code or a Qinghai
  // region; the counties of 海北藏族自治州: …".
  std::string valid_hint(std::string_view text) const;
  // The region of a stored code (a code not in the table: name empty, full_name the code).
  Region by_code(std::string_view code) const;

 private:
  std::optional<Region> lookup_code(std::string_view code) const;
  std::optional<Region> find_joined(std::string_view text) const;
  SQLite::Database& m_db;
  mutable StatementCache m_cache;
};

}  // namespace ankang::store

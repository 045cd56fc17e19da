#pragma once
// Enterprises under supervision and their sectors. One function maps a row to the struct.
#include "domain/date.hpp"
#include "store/ids.hpp"

#include "store/statement_cache.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ankang::store {

struct Enterprise {
  EnterpriseId id;
  std::string uuid;
  std::string uscc;
  std::string reg_no;  // old 15-digit registration number; "" = none
  std::string name;
  std::vector<std::string> sectors;  // stored codes; the first is the primary one
  std::string region_code;           // 6 digits; "" = none
  std::string region;                // the region's full name, or the code if not built in (read only)
  std::string address;
  std::string legal_rep;
  std::string safety_contact;
  std::string phone;
  std::optional<int64_t> employees;
  std::string risk_level;  // red, orange, yellow, blue; "" = not assessed
  std::optional<bool> has_union;
  std::string created_at;
  std::string updated_at;
  std::string archived_at;  // "" = active

  // The fields a user gives (not id, uuid, timestamps, the derived region name).
  bool same_fields(const Enterprise& other) const;
};

enum class ArchivedFilter { active, archived, all };

struct EnterpriseFilter {
  std::vector<std::string> sectors;                                // any of them
  std::vector<std::pair<std::string, std::string>> region_ranges;  // inclusive code ranges, any of them
  std::vector<std::string> risk_levels;
  std::optional<bool> has_union;
  std::string name_contains;
  ArchivedFilter archived = ArchivedFilter::active;
  // region (then USCC), name, uscc, risk (red first), employees (most first), id, updated
  std::string sort = "region";
  int64_t limit = 0;  // 0 = all
};

// Hazards of an enterprise that still need work: status open or rectifying.
struct HazardCounts {
  int64_t open = 0;
  int64_t overdue = 0;  // due before today
  int64_t major = 0;
};

// The --sort keys list() understands, for messages.
const std::vector<std::string>& enterprise_sort_keys();

class EnterpriseStore {
 public:
  explicit EnterpriseStore(SQLite::Database& db) : m_db(db), m_cache(db) {}

  std::optional<Enterprise> by_id(EnterpriseId id) const;
  std::optional<Enterprise> by_uscc(const std::string& uscc) const;
  // Inserts with a new UUID and created_at = updated_at = now; sets e.id. The caller checks
  // the USCC is free.
  void insert(Enterprise& e, const std::string& now);
  // Writes every user field of e (by id) and updated_at = now.
  void update(const Enterprise& e, const std::string& now);
  void set_archived(EnterpriseId id, const std::string& archived_at, const std::string& now);

  std::vector<Enterprise> list(const EnterpriseFilter& filter) const;
  HazardCounts hazard_counts(EnterpriseId enterprise_id, domain::Date today) const;

 private:
  void load_sectors(Enterprise& e) const;
  void write_sectors(const Enterprise& e);
  SQLite::Database& m_db;
  mutable StatementCache m_cache;  // the statements an import runs per row
};

}  // namespace ankang::store

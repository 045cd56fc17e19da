#pragma once
// Campaign records on record (三违, special training …): one table per record type, described by
// its column list (ops/record_type.hpp), each row tied to an enterprise. Values travel as text;
// integer columns are bound and read as integers.
#include "store/database.hpp"
#include "store/statement.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ankang::store {

struct RecordColumn {
  std::string_view name;  // the column: on_date, kind, attendees …
  bool integer = false;
};

struct RecordTable {
  std::string_view table;  // violation, training (also the import_batch kind)
  std::span<const RecordColumn> columns;
};

struct CampaignRecord {
  int64_t id = 0;
  std::string uuid;  // generated on insert when empty
  int64_t enterprise_id = 0;
  std::string uscc, enterprise_name;
  std::string region_code;       // the enterprise's county, '' when it has none
  std::string prefecture_code;   // 632200, '' when the enterprise has no region
  std::string prefecture_name;   // 海北藏族自治州
  std::string sector;            // the enterprise's primary sector, '' when none
  std::vector<std::optional<std::string>> values;  // per column; nullopt = NULL
  std::optional<int64_t> batch_id;
  std::string actor, created_at;
};

struct RecordFilter {
  std::optional<int64_t> enterprise_id;
  DayBounds days;  // ISO days on the first column (on_date), inclusive; '' = open
  std::vector<std::pair<std::string_view, std::string>> equal;  // column = value
  std::string region_prefix;  // 6322, 632224: records of enterprises in that region (store::region_prefix_of)
};

// Records matching the filter, by day and id.
std::vector<CampaignRecord> list_records(Database& db, const RecordTable& t, const RecordFilter& f);
// One record by UUID (or a unique UUID prefix of 8 or more characters) or by row id.
std::optional<CampaignRecord> find_record(Database& db, const RecordTable& t, std::string_view key);
bool record_uuid_exists(Database& db, const RecordTable& t, std::string_view uuid);

// Inserts a record (new UUID when r.uuid is empty); sets r.id. Call inside a WriteTransaction.
void insert_record(Database& db, const RecordTable& t, CampaignRecord& r, std::string_view now);

// The records an import brought (batch_id): how many, and deleting them (`batch undo`; nothing
// refers to a campaign record, so taking an import back deletes exactly its rows). Call inside a
// WriteTransaction.
int64_t count_batch_records(Database& db, const RecordTable& t, int64_t batch_id);
int64_t delete_batch_records(Database& db, const RecordTable& t, int64_t batch_id);

}  // namespace ankang::store

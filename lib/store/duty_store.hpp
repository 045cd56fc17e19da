#pragma once
// 到岗带班 on record: one leader per day (duty) and the notes reported on duty (duty_log).
#include "domain/date.hpp"
#include "store/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ankang::store {

struct DutyLogEntry {
  int64_t id = 0;
  std::string uuid;
  std::string note;
  std::string actor;
  std::string at;  // UTC timestamp
};

struct Duty {
  int64_t id = 0;
  std::string uuid;  // generated on insert when empty
  domain::Date day;
  std::string leader;
  std::string created_at;
  std::string updated_at;
  std::vector<DutyLogEntry> log;  // filled by list_duties and find_duty
};

// Duties with day in [from, to] (either end open when nullopt), by day, with their log notes.
std::vector<Duty> list_duties(Database& db, std::optional<domain::Date> from, std::optional<domain::Date> to);
std::optional<Duty> find_duty(Database& db, domain::Date day);
// The duty on record with the latest day before `day`, if any.
std::optional<Duty> last_duty_before(Database& db, domain::Date day);

// Inserts a duty (new UUID when d.uuid is empty); sets d.id. Call inside a WriteTransaction.
void insert_duty(Database& db, Duty& d, std::string_view now);
void set_duty_leader(Database& db, int64_t duty_id, std::string_view leader, std::string_view now);
void insert_duty_log(Database& db, int64_t duty_id, DutyLogEntry& entry);

}  // namespace ankang::store

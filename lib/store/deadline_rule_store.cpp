#include "store/deadline_rule_store.hpp"

#include "error.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace ankang::store {

std::vector<DeadlineRule> list_deadline_rules(Database& db)
{
  try {
    SQLite::Statement q(db.sql(),
                        "SELECT level, sector, period FROM deadline_rule"
                        " ORDER BY CASE level WHEN 'general' THEN 0 ELSE 1 END, sector");
    std::vector<DeadlineRule> rules;
    while (q.executeStep()) {
      const std::string level = q.getColumn(0).getString();
      const auto parsed = domain::level_from_code(level);
      if (!parsed)
        throw Error(ErrorKind::database, fmt::format("deadline_rule holds an unknown level '{}'", level),
                    "run 'ankang db check'");
      rules.push_back({*parsed, q.getColumn(1).getString(), q.getColumn(2).getString()});
    }
    return rules;
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    rethrow_sqlite(e, "reading the deadline rules");
  }
}

std::optional<std::string> set_deadline_rule(Database& db, const DeadlineRule& rule)
{
  try {
    std::optional<std::string> previous;
    SQLite::Statement find(db.sql(), "SELECT period FROM deadline_rule WHERE level = :level AND sector = :sector");
    find.bind(":level", std::string(domain::code(rule.level)));
    find.bind(":sector", rule.sector);
    if (find.executeStep()) previous = find.getColumn(0).getString();
    SQLite::Statement set(db.sql(),
                          "INSERT INTO deadline_rule (level, sector, period) VALUES (:level, :sector, :period)"
                          " ON CONFLICT (level, sector) DO UPDATE SET period = excluded.period");
    set.bind(":level", std::string(domain::code(rule.level)));
    set.bind(":sector", rule.sector);
    set.bind(":period", rule.period);
    set.exec();
    return previous;
  } catch (const std::exception& e) {
    rethrow_sqlite(e, "setting a deadline rule");
  }
}

}  // namespace ankang::store

#pragma once
// Inspections (检查/排查): one visit to one enterprise on one date by one team.
#include "domain/date.hpp"
#include "store/database.hpp"
#include "store/ids.hpp"
#include "store/statement.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace ankang::store {

struct Inspection {
  InspectionId id;
  std::string uuid;  // generated on insert when empty
  EnterpriseId enterprise_id;
  domain::Date date;
  std::string kind = "routine";  // a code of domain::inspection_kinds()
  // With kind 'other': the kind as the sheet wrote it, when it was no code or synonym.
  std::string kind_text;
  std::string body;              // the inspecting organisation
  std::string inspectors;        // as written, e.g. "李明、王芳"; '' when unknown
  std::string note;
  std::optional<BatchId> batch_id;
  std::string created_at;
};

// Throws Error(not_found) "inspection X does not exist".
Inspection find_inspection(Database& db, std::string_view id_text);
std::optional<Inspection> get_inspection(Database& db, InspectionId id);
// The inspection of this enterprise, date and inspectors (the unique key), if any.
std::optional<Inspection> find_inspection_by_key(Database& db, EnterpriseId enterprise, domain::Date date,
                                                 std::string_view inspectors);
InspectionId insert_inspection(Database& db, Inspection& i, std::string_view now);

struct InspectionFilter {
  std::optional<EnterpriseId> enterprise;
  std::string kind;                      // a code of domain::inspection_kinds(), '' for any
  std::optional<domain::Date> from, to;  // both inclusive
  std::optional<int64_t> limit;
};

struct InspectionListRow {
  Inspection inspection;
  std::string uscc;
  std::string enterprise_name;
  int64_t hazards = 0;  // hazards recorded by this inspection, voided ones included
};

// Newest first, then by id.
void list_inspections(Database& db, const InspectionFilter& filter, const std::function<void(const InspectionListRow&)>& row);

// Prepared statements for an import: find-or-insert by key, reused per row.
class InspectionWriter {
public:
  explicit InspectionWriter(Database& db) : m_db(db) {}
  std::optional<InspectionId> find(EnterpriseId enterprise, domain::Date date, std::string_view inspectors);
  InspectionId insert(Inspection& i, std::string_view now);

private:
  Database& m_db;
  std::optional<Stmt> m_find, m_insert;
};

}  // namespace ankang::store

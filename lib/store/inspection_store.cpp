#include "store/inspection_store.hpp"

#include "error.hpp"
#include "store/uuid.hpp"

#include <fmt/format.h>

namespace ankang::store {

namespace {

using domain::Date;

constexpr std::string_view k_inspection_columns =
    "i.id, i.uuid, i.enterprise_id, i.date, i.kind, i.body, i.inspectors, i.note, i.batch_id, i.created_at, i.kind_text";
constexpr int k_inspection_column_count = 11;

constexpr std::string_view k_insert =
    "INSERT INTO inspection (uuid, enterprise_id, date, kind, body, inspectors, note, batch_id, created_at, kind_text) "
    "VALUES (:uuid, :enterprise_id, :date, :kind, :body, :inspectors, :note, :batch_id, :created_at, :kind_text)";

constexpr std::string_view k_find_by_key =
    "SELECT id FROM inspection WHERE enterprise_id = :enterprise AND date = :date AND inspectors = :inspectors";

Inspection inspection_from_row(const Stmt& s)
{
  Inspection i;
  i.id = InspectionId{s.int64(0)};
  i.uuid = s.str(1);
  i.enterprise_id = EnterpriseId{s.int64(2)};
  std::string why;
  const auto d = domain::try_parse_date(s.text(3), why);
  if (!d)
    throw Error(ErrorKind::database, fmt::format("inspection {} has {} as its date", i.id.value, quote_value(s.text(3))),
                "run 'ankang db check'");
  i.date = *d;
  i.kind = s.str(4);
  i.body = s.str(5);
  i.inspectors = s.str(6);
  i.note = s.str(7);
  if (!s.is_null(8)) i.batch_id = BatchId{s.int64(8)};
  i.created_at = s.str(9);
  i.kind_text = s.str(10);
  return i;
}

InspectionId run_insert(Stmt& s, Inspection& i, std::string_view now)
{
  const std::string date = i.date.iso();
  if (i.uuid.empty()) i.uuid = new_uuid(now);  // time-ordered: appended to the uuid index
  s.bind(":uuid", i.uuid);
  s.bind(":enterprise_id", i.enterprise_id.value);
  s.bind(":date", date);
  s.bind(":kind", i.kind.empty() ? std::string_view("routine") : std::string_view(i.kind));
  s.bind_text_or_null(":body", i.body);
  s.bind(":inspectors", i.inspectors);
  s.bind_text_or_null(":note", i.note);
  if (i.batch_id) s.bind(":batch_id", i.batch_id->value);
  s.bind(":created_at", now);
  s.bind_text_or_null(":kind_text", i.kind == "other" ? std::string_view(i.kind_text) : std::string_view());
  s.run();
  i.id = InspectionId{s.last_insert_rowid()};
  i.created_at = std::string(now);
  s.reset();
  return i.id;
}

std::optional<InspectionId> run_find(Stmt& s, EnterpriseId enterprise, Date date, std::string_view inspectors)
{
  const std::string d = date.iso();
  s.bind(":enterprise", enterprise.value);
  s.bind(":date", d);
  s.bind(":inspectors", inspectors);
  std::optional<InspectionId> id;
  if (s.step()) id = InspectionId{s.int64(0)};
  s.reset();
  return id;
}

}  // namespace

std::optional<Inspection> get_inspection(Database& db, InspectionId id)
{
  Stmt s(db.sql(), fmt::format("SELECT {} FROM inspection i WHERE i.id = :id", k_inspection_columns));
  s.bind(":id", id.value);
  if (!s.step()) return std::nullopt;
  return inspection_from_row(s);
}

Inspection find_inspection(Database& db, std::string_view id_text)
{
  if (id_text.size() > 1 && id_text.front() == '#') id_text.remove_prefix(1);  // as 'inspection add' prints it
  int64_t id = 0;
  bool digits = !id_text.empty() && id_text.size() <= 18;
  for (char c : id_text) {
    if (c < '0' || c > '9') {
      digits = false;
      break;
    }
    id = id * 10 + (c - '0');
  }
  std::optional<Inspection> found;
  if (digits) found = get_inspection(db, InspectionId{id});
  if (!found)
    throw Error(ErrorKind::not_found, fmt::format("inspection {} does not exist", id_text),
                "'ankang inspection list' shows the inspections and their ids");
  return std::move(*found);
}

std::optional<Inspection> find_inspection_by_key(Database& db, EnterpriseId enterprise, Date date, std::string_view inspectors)
{
  Stmt s(db.sql(), k_find_by_key);
  const auto id = run_find(s, enterprise, date, inspectors);
  if (!id) return std::nullopt;
  return get_inspection(db, *id);
}

InspectionId insert_inspection(Database& db, Inspection& i, std::string_view now)
{
  Stmt s(db.sql(), k_insert);
  return run_insert(s, i, now);
}

void list_inspections(Database& db, const InspectionFilter& filter, const std::function<void(const InspectionListRow&)>& row)
{
  std::string where = "1";
  if (filter.enterprise) where += " AND i.enterprise_id = :enterprise";
  if (!filter.kind.empty()) where += " AND i.kind = :kind";
  if (filter.from) where += " AND i.date >= :from";
  if (filter.to) where += " AND i.date <= :to";
  Stmt s(db.sql(), fmt::format("SELECT {}, e.uscc, e.name, (SELECT count(*) FROM hazard h WHERE h.inspection_id = i.id) "
                               "FROM inspection i JOIN enterprise e ON e.id = i.enterprise_id WHERE {} "
                               "ORDER BY i.date DESC, i.id{}",
                               k_inspection_columns, where, filter.limit ? " LIMIT :limit" : ""));
  const std::string from = filter.from ? filter.from->iso() : "";
  const std::string to = filter.to ? filter.to->iso() : "";
  if (filter.enterprise) s.bind(":enterprise", filter.enterprise->value);
  if (!filter.kind.empty()) s.bind(":kind", filter.kind);
  if (filter.from) s.bind(":from", from);
  if (filter.to) s.bind(":to", to);
  if (filter.limit) s.bind(":limit", *filter.limit);
  while (s.step()) {
    InspectionListRow r;
    r.inspection = inspection_from_row(s);
    // The enterprise's columns and the count follow the inspection's.
    r.uscc = s.str(k_inspection_column_count);
    r.enterprise_name = s.str(k_inspection_column_count + 1);
    r.hazards = s.int64(k_inspection_column_count + 2);
    row(r);
  }
}

std::optional<InspectionId> InspectionWriter::find(EnterpriseId enterprise, Date date, std::string_view inspectors)
{
  if (!m_find) m_find.emplace(m_db.sql(), k_find_by_key);
  return run_find(*m_find, enterprise, date, inspectors);
}

InspectionId InspectionWriter::insert(Inspection& i, std::string_view now)
{
  if (!m_insert) m_insert.emplace(m_db.sql(), k_insert);
  return run_insert(*m_insert, i, now);
}

}  // namespace ankang::store

#include "store/report_queries.hpp"

#include "error.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

namespace ankang::store {

namespace {

// A query text with its named parameters, so that the same text can be run or explained.
struct Query {
  std::string sql;
  std::vector<std::pair<std::string, std::string>> texts;
  std::vector<std::pair<std::string, int64_t>> numbers;

  void bind(const std::string& name, std::string value) { texts.emplace_back(name, std::move(value)); }
  void bind(const std::string& name, int64_t value) { numbers.emplace_back(name, value); }
  void bind(const std::string& name, domain::Date value) { texts.emplace_back(name, value.iso()); }
};

SQLite::Statement prepare(Database& db, const Query& q, std::string_view prefix = {})
{
  SQLite::Statement st(db.sql(), std::string(prefix) + q.sql);
  for (const auto& [name, value] : q.texts) st.bind(name, value);
  for (const auto& [name, value] : q.numbers) st.bind(name, value);
  return st;
}

// The filter as SQL over `h` (hazard); every value is a bound parameter.
std::string filter_sql(const ReportFilter& f, Query& q, std::string_view alias = "h")
{
  std::string sql;
  if (!f.sector.empty()) {
    sql += fmt::format(" AND {}.sector = :f_sector", alias);
    q.bind(":f_sector", f.sector);
  }
  if (!f.level.empty()) {
    sql += fmt::format(" AND {}.level = :f_level", alias);
    q.bind(":f_level", f.level);
  }
  if (f.enterprise_id) {
    sql += fmt::format(" AND {}.enterprise_id = :f_enterprise", alias);
    q.bind(":f_enterprise", *f.enterprise_id);
  }
  if (!f.region_prefix.empty()) {
    sql += fmt::format(" AND {}.enterprise_id IN (SELECT id FROM enterprise WHERE region_code LIKE :f_region)", alias);
    q.bind(":f_region", f.region_prefix + "%");
  }
  return sql;
}

// Predicates of DESIGN §7 over `h`, for the period [s, e] named by its parameters.
std::string is_new(std::string_view s, std::string_view e) { return fmt::format("(h.found_on BETWEEN {} AND {})", s, e); }
std::string is_closed(std::string_view s, std::string_view e) { return fmt::format("(h.closed_on BETWEEN {} AND {})", s, e); }
std::string open_at_start(std::string_view s)
{
  return fmt::format("(h.found_on < {0} AND (h.closed_on IS NULL OR h.closed_on >= {0}))", s);
}
std::string open_at_end(std::string_view e)
{
  return fmt::format("(h.found_on <= {0} AND (h.closed_on IS NULL OR h.closed_on > {0}))", e);
}
// Open or rectifying at e: neither completed nor closed by then. A hazard that is open or
// rectifying now was so at e too, whatever an earlier completion date says (a failed verification
// sends it back).
std::string unfinished_at(std::string_view e)
{
  return fmt::format("(h.found_on <= {0} AND (h.status IN ('open', 'rectifying')"
                     " OR (h.status = 'submitted' AND h.completed_on > {0})"
                     " OR (h.status = 'closed' AND h.closed_on > {0} AND coalesce(h.completed_on, h.closed_on) > {0})))",
                     e);
}
std::string overdue_at(std::string_view e) { return fmt::format("({} AND h.due_on < {})", unfinished_at(e), e); }

// A past period reads each hazard as it stood then (schemas/0070_hazard_past.sql). The hazards a
// later step changed for the days from `from` on are few: the figures read every hazard as it is
// now, then, for those few, take that row back (weight -1) and add their rows from hazard_past,
// one per stretch of days with the same fields, in force for as-of days in [vf, vt). Every figure
// is a sum of weights, so no row of the pass over 10^6 hazards is looked up in hazard_past.
// The row in force on day d, or (valid_before) on the day before s.
std::string valid_on(std::string_view d) { return fmt::format("(h.vf <= {0} AND {0} < h.vt)", d); }
std::string valid_before(std::string_view s) { return fmt::format("(h.vf < {0} AND {0} <= h.vt)", s); }

constexpr std::string_view k_figure_hazard_columns =
    "hz.status, hz.closed_on, hz.found_on, hz.completed_on, hz.due_on, hz.level, hz.sector, hz.enterprise_id, hz.funds";

// The hazards changed for days from `from` on, as rows of k_figure_hazard_columns with vf, vt and
// w: each one as it is now where `read_now` (the condition under which the pass over every
// hazard read it) holds, taken back; each one now, in force since its last such step; and as it
// was before each of those steps.
std::string hazards_in_their_past(const ReportFilter& f, Query& q, std::string_view from, std::string_view read_now)
{
  // CROSS JOIN keeps hazard_past outside: the few changed hazards are looked up by rowid, never
  // found by a pass over hazard's indexes.
  const std::string filter = filter_sql(f, q, "hz");
  const std::string changed = fmt::format("(SELECT DISTINCT hazard_id FROM hazard_past INDEXED BY hazard_past_until WHERE until_on >= {}) c", from);
  return fmt::format(
      "SELECT {0}, '' AS vf, '9999-12-31' AS vt, -1 AS w FROM {1} CROSS JOIN hazard hz ON hz.id = c.hazard_id WHERE ({3}){2}"
      " UNION ALL SELECT {0}, (SELECT max(p.until_on) FROM hazard_past p WHERE p.hazard_id = hz.id), '9999-12-31', 1"
      " FROM {1} CROSS JOIN hazard hz ON hz.id = c.hazard_id WHERE hz.status <> 'void'{2}"
      " UNION ALL SELECT p.status, p.closed_on, hz.found_on, p.completed_on, p.due_on, hz.level, hz.sector, hz.enterprise_id,"
      " hz.funds, coalesce(lag(p.until_on) OVER (PARTITION BY p.hazard_id ORDER BY p.until_on, p.id), ''), p.until_on, 1"
      " FROM {1} CROSS JOIN hazard_past p ON p.hazard_id = c.hazard_id CROSS JOIN hazard hz ON hz.id = p.hazard_id"
      " WHERE hz.status <> 'void'{2}",
      k_figure_hazard_columns, changed, filter, read_now);
}

// The rows any figure of [lo, hi] can touch, as an OR of indexed terms (hazard_found,
// hazard_closed, hazard_report), for the lists that need whole rows.
std::string scope(std::string_view lo, std::string_view hi)
{
  return fmt::format("h.status <> 'void' AND (h.found_on BETWEEN {0} AND {1} OR h.closed_on >= {0}"
                     " OR h.status IN ('open', 'rectifying', 'submitted'))",
                     lo, hi);
}

// The same rows for the figures, as a subquery `h`: the hazards not closed now (from the
// covering index hazard_report), and those closed since lo and found by hi (hazard_closed). A
// hazard new, closed, open or overdue in [lo, hi] is in one of the two (closed_on is never
// before found_on); voided ones are in neither. The first part is the inherent cost of "open at
// start/end": every hazard still open is read.
std::string scoped_hazards(const ReportFilter& f, Query& q, std::string_view lo, std::string_view hi)
{
  // Inside, hazard is `hz`: in query plans "SEARCH hz" is the index, "SCAN h" the subquery.
  const std::string filter = filter_sql(f, q, "hz");
  return fmt::format("(SELECT {0} FROM hazard hz INDEXED BY hazard_report WHERE hz.status IN ('open', 'rectifying', 'submitted'){1}"
                     " UNION ALL SELECT {0} FROM hazard hz INDEXED BY hazard_closed WHERE hz.closed_on >= {2}"
                     " AND hz.status = 'closed' AND hz.found_on <= {3}{1}) h",
                     k_figure_hazard_columns, filter, lo, hi);
}

// The hazards a later step changed, as a subquery `h` (hazards_in_their_past): their rows of
// scoped_hazards taken back, their rows in force at each day added.
std::string scoped_hazards_then(const ReportFilter& f, Query& q, std::string_view lo, std::string_view hi)
{
  const std::string read_now = fmt::format("hz.status IN ('open', 'rectifying', 'submitted') OR (hz.status = 'closed' AND "
                                           "hz.closed_on >= {} AND hz.found_on <= {})",
                                           lo, hi);
  return fmt::format("({}) h", hazards_in_their_past(f, q, lo, read_now));
}

// The figures of [s, e] over scoped_hazards, as they are now.
std::vector<std::string> figure_columns(std::string_view s, std::string_view e)
{
  return {fmt::format("coalesce(sum({}), 0)", is_new(s, e)),
          fmt::format("coalesce(sum({} AND h.level = 'major'), 0)", is_new(s, e)),
          fmt::format("coalesce(sum({}), 0)", is_closed(s, e)),
          fmt::format("coalesce(sum({}), 0)", open_at_start(s)),
          fmt::format("coalesce(sum({}), 0)", open_at_end(e)),
          fmt::format("coalesce(sum({}), 0)", overdue_at(e)),
          fmt::format("coalesce(sum({} AND h.level = 'major'), 0)", open_at_end(e)),
          fmt::format("coalesce(sum(CASE WHEN {} THEN coalesce(h.funds, 0) END), 0)", is_new(s, e)),
          fmt::format("coalesce(sum(CASE WHEN {} THEN coalesce(h.funds, 0) END), 0)", is_closed(s, e))};
}

// The same figures over scoped_hazards_then: sums of the weights of the rows in force.
std::vector<std::string> figure_columns_then(std::string_view s, std::string_view e)
{
  const auto sum = [](const std::string& predicate) { return fmt::format("coalesce(sum(CASE WHEN {} THEN h.w END), 0)", predicate); };
  const auto funds = [](const std::string& predicate) {
    return fmt::format("coalesce(sum(CASE WHEN {} THEN h.w * coalesce(h.funds, 0) END), 0)", predicate);
  };
  const std::string is_new_then = fmt::format("{} AND {}", valid_on(e), is_new(s, e));
  const std::string closed_then = fmt::format("{} AND {}", valid_on(e), is_closed(s, e));
  const std::string open_at_end_then = fmt::format("{} AND {}", valid_on(e), open_at_end(e));
  return {sum(is_new_then), sum(is_new_then + " AND h.level = 'major'"), sum(closed_then),
          sum(fmt::format("{} AND {}", valid_before(s), open_at_start(s))), sum(open_at_end_then),
          sum(fmt::format("{} AND {}", valid_on(e), overdue_at(e))), sum(open_at_end_then + " AND h.level = 'major'"),
          funds(is_new_then), funds(closed_then)};
}

// "a AS x0, b AS x1, …" from `first` on, and "sum(x0), sum(x1), …".
std::string aliased(const std::vector<std::string>& columns, size_t first)
{
  std::string out;
  for (size_t i = 0; i < columns.size(); ++i) out += fmt::format("{}{} AS x{}", i ? ", " : "", columns[i], first + i);
  return out;
}
std::string summed(size_t n)
{
  std::string out;
  for (size_t i = 0; i < n; ++i) out += fmt::format("{}sum(x{})", i ? ", " : "", i);
  return out;
}

constexpr int k_figure_columns = 9;

PeriodFigures read_figures(SQLite::Statement& st, int first)
{
  PeriodFigures f;
  f.new_count = st.getColumn(first + 0).getInt64();
  f.new_major = st.getColumn(first + 1).getInt64();
  f.closed = st.getColumn(first + 2).getInt64();
  f.open_at_start = st.getColumn(first + 3).getInt64();
  f.open_at_end = st.getColumn(first + 4).getInt64();
  f.overdue_at_end = st.getColumn(first + 5).getInt64();
  f.major_open_at_end = st.getColumn(first + 6).getInt64();
  f.funds_new = st.getColumn(first + 7).getInt64();
  f.funds_closed = st.getColumn(first + 8).getInt64();
  return f;
}

std::string text_or_empty(SQLite::Statement& st, int i)
{
  const auto c = st.getColumn(i);
  return c.isNull() ? std::string() : c.getString();
}

Query period_figures_query(const ReportFilter& filter, std::span<const DateRange> ranges)
{
  Query q;
  std::string now, then;
  domain::Date lo = ranges.front().start, hi = ranges.front().end;
  for (size_t i = 0; i < ranges.size(); ++i) {
    const auto s = fmt::format(":s{}", i), e = fmt::format(":e{}", i);
    if (i) now += ", ", then += ", ";
    now += aliased(figure_columns(s, e), i * static_cast<size_t>(k_figure_columns));
    then += aliased(figure_columns_then(s, e), i * static_cast<size_t>(k_figure_columns));
    q.bind(s, ranges[i].start);
    q.bind(e, ranges[i].end);
    lo = std::min(lo, ranges[i].start);
    hi = std::max(hi, ranges[i].end);
  }
  q.bind(":lo", lo);
  q.bind(":hi", hi);
  // The hazards as they are now, and the few a later step changed, as they were.
  q.sql = fmt::format("SELECT {} FROM (SELECT {} FROM {} UNION ALL SELECT {} FROM {})", summed(ranges.size() * static_cast<size_t>(k_figure_columns)),
                      now, scoped_hazards(filter, q, ":lo", ":hi"), then, scoped_hazards_then(filter, q, ":lo", ":hi"));
  return q;
}

// The figures of every range per (enterprise, sector, level), for the weekly report. Most rows are
// hazards not closed now: for those, "open at d" is just found_on <= d, so the pass over them
// counts only that (one count per boundary of the ranges) and the overdue ones, grouped in the
// order of hazard_report (status, enterprise_id, level, sector) so that SQLite streams the groups
// without sorting 10^6 rows. New hazards follow as differences of those counts (in C++, over the
// grouped rows). The hazards closed since the first start (hazard_closed) are counted with the
// full definitions. Columns: enterprise_id, sector, level, closed (0/1), one count per boundary,
// then new, closed and overdue per range.
struct GroupedFigures {
  Query query;
  std::vector<domain::Date> boundaries;  // sorted: the days before each start, and each end
};

GroupedFigures grouped_figures_query(const ReportFilter& filter, std::span<const DateRange> ranges)
{
  GroupedFigures g;
  for (const auto& r : ranges) {
    g.boundaries.push_back(r.start - 1);
    g.boundaries.push_back(r.end);
  }
  std::sort(g.boundaries.begin(), g.boundaries.end());
  g.boundaries.erase(std::unique(g.boundaries.begin(), g.boundaries.end()), g.boundaries.end());
  Query& q = g.query;
  std::string open_columns, closed_columns, past_columns;
  for (size_t b = 0; b < g.boundaries.size(); ++b) {
    const auto d = fmt::format(":b{}", b);
    q.bind(d, g.boundaries[b]);
    past_columns += fmt::format(", coalesce(sum(h.w) FILTER (WHERE {} AND {}), 0)", valid_on(d), open_at_end(d));
    // The open part reads only hazards found by the last boundary: for it, count(*).
    open_columns += b + 1 == g.boundaries.size() ? std::string(", count(*)") : fmt::format(", count() FILTER (WHERE hz.found_on <= {})", d);
    closed_columns += fmt::format(", count() FILTER (WHERE hz.found_on <= {0} AND hz.closed_on > {0})", d);
  }
  domain::Date lo = ranges.front().start;
  for (size_t i = 0; i < ranges.size(); ++i) {
    const auto s = fmt::format(":s{}", i), e = fmt::format(":e{}", i);
    q.bind(s, ranges[i].start);
    q.bind(e, ranges[i].end);
    lo = std::min(lo, ranges[i].start);
    // Not closed now: new is computed from the boundary counts; never closed; overdue at e when
    // found by e, due before e and not completed by e (a submitted one was completed on completed_on).
    open_columns += fmt::format(", 0, 0, count() FILTER (WHERE hz.found_on <= {0} AND hz.due_on < {0}"
                                " AND (hz.status <> 'submitted' OR hz.completed_on > {0}))",
                                e);
    closed_columns += fmt::format(", count() FILTER (WHERE hz.found_on BETWEEN {0} AND {1}),"
                                  " count() FILTER (WHERE hz.closed_on BETWEEN {0} AND {1}),"
                                  " count() FILTER (WHERE hz.found_on <= {1} AND hz.closed_on > {1}"
                                  " AND coalesce(hz.completed_on, hz.closed_on) > {1} AND hz.due_on < {1})",
                                  s, e);
    // The hazards changed since: each period reads them as they stood at its end.
    past_columns += fmt::format(", coalesce(sum(h.w) FILTER (WHERE {0} AND {1}), 0), coalesce(sum(h.w) FILTER (WHERE {0} AND {2}), 0),"
                                " coalesce(sum(h.w) FILTER (WHERE {0} AND {3}), 0)",
                                valid_on(e), is_new(s, e), is_closed(s, e), overdue_at(e));
  }
  q.bind(":lo", lo);
  const std::string where = filter_sql(filter, q, "hz");
  q.bind(":hi", g.boundaries.back());
  q.sql = fmt::format("SELECT hz.enterprise_id, hz.sector, hz.level, 0{0} FROM hazard hz INDEXED BY hazard_report"
                      " WHERE hz.status IN ('open', 'rectifying', 'submitted') AND hz.found_on <= :hi{2}"
                      " GROUP BY hz.status, hz.enterprise_id, hz.level, hz.sector"
                      " UNION ALL SELECT hz.enterprise_id, hz.sector, hz.level, 1{1} FROM hazard hz INDEXED BY hazard_closed"
                      " WHERE hz.closed_on >= :lo AND hz.status = 'closed'{2}"
                      " GROUP BY hz.enterprise_id, hz.level, hz.sector"
                      " UNION ALL SELECT h.enterprise_id, h.sector, h.level, 1{3} FROM ({4}) h"
                      " GROUP BY h.enterprise_id, h.level, h.sector",
                      open_columns, closed_columns, where, past_columns,
                      hazards_in_their_past(filter, q, ":lo",
                                            "(hz.status IN ('open', 'rectifying', 'submitted') AND hz.found_on <= :hi) OR "
                                            "(hz.status = 'closed' AND hz.closed_on >= :lo)"));
  return g;
}

std::string group_key(Grouping g)
{
  switch (g) {
  case Grouping::sector: return "h.sector";
  case Grouping::level: return "h.level";
  case Grouping::prefecture: return "CASE WHEN e.region_code IS NULL THEN '' ELSE substr(e.region_code, 1, 4) || '00' END";
  case Grouping::county: return "coalesce(e.region_code, '')";
  case Grouping::enterprise: return "CAST(h.enterprise_id AS TEXT)";
  }
  return "h.sector";
}

Query grouped_query(const ReportFilter& filter, DateRange range, Grouping grouping, std::string_view tail)
{
  Query q;
  q.bind(":s", range.start);
  q.bind(":e", range.end);
  const std::string key = group_key(grouping);
  std::string name = "''", uscc = "''";
  if (grouping == Grouping::prefecture || grouping == Grouping::county)
    name = fmt::format("coalesce((SELECT r.name FROM region r WHERE r.code = {}), '')", key);
  if (grouping == Grouping::enterprise) {
    name = "min(e.name)";
    uscc = "min(e.uscc)";
  }
  // Grouped twice: the hazards as they are now, and the few a later step changed, as they were.
  const auto part = [&](const std::vector<std::string>& columns, const std::string& hazards) {
    return fmt::format("SELECT {} AS k, {} AS n, {} AS u, {} FROM {} JOIN enterprise e ON e.id = h.enterprise_id GROUP BY k", key,
                       name, uscc, aliased(columns, 0), hazards);
  };
  q.sql = fmt::format("SELECT k, min(n), min(u), {} FROM ({} UNION ALL {}) GROUP BY k ", summed(static_cast<size_t>(k_figure_columns)),
                      part(figure_columns(":s", ":e"), scoped_hazards(filter, q, ":s", ":e")),
                      part(figure_columns_then(":s", ":e"), scoped_hazards_then(filter, q, ":s", ":e")));
  q.sql += tail;
  return q;
}

std::vector<GroupFigures> run_grouped(Database& db, const Query& q)
{
  std::vector<GroupFigures> out;
  auto st = prepare(db, q);
  while (st.executeStep()) {
    GroupFigures g;
    g.key = text_or_empty(st, 0);
    g.name = text_or_empty(st, 1);
    g.uscc = text_or_empty(st, 2);
    g.figures = read_figures(st, 3);
    out.push_back(std::move(g));
  }
  return out;
}

constexpr std::string_view k_hazard_columns =
    "SELECT h.id, h.no, e.name, e.uscc, coalesce(e.region_code, ''), coalesce(r.full_name, ''), h.sector, h.level, "
    "h.status, coalesce(h.category, ''), h.found_on, h.location, h.description, coalesce(h.basis, ''), "
    "coalesce(h.owner, ''), coalesce(h.measures, ''), h.funds, coalesce(h.due_on, ''), coalesce(h.emergency_plan, ''), "
    "coalesce(h.completed_on, ''), coalesce(h.closed_on, ''), h.extensions "
    "FROM hazard h JOIN enterprise e ON e.id = h.enterprise_id LEFT JOIN region r ON r.code = e.region_code WHERE ";

// k_hazard_columns for a list as it stood on `as_of`: the status then, from the dates. A hazard
// done or closed since was rectifying then, or open when it had no plan by then; one a later step
// took back or changed (hazard_past) is read from the row in force then (past_rows_query).
std::string hazard_columns_as_of(std::string_view as_of)
{
  std::string sql(k_hazard_columns);
  const std::string status = fmt::format(
      "CASE WHEN h.status = 'void' THEN 'void' WHEN h.closed_on <= {0} THEN 'closed' WHEN h.completed_on <= {0} THEN 'submitted' "
      "WHEN h.status IN ('submitted', 'closed') THEN CASE WHEN EXISTS (SELECT 1 FROM hazard_event ev WHERE ev.hazard_id = h.id "
      "AND ev.kind = 'planned' AND ev.on_date <= {0}) THEN 'rectifying' ELSE 'open' END ELSE h.status END, ",
      as_of);
  sql.replace(sql.find("h.status, "), 10, status);
  return sql;
}

HazardRow read_hazard(SQLite::Statement& st)
{
  HazardRow r;
  r.id = st.getColumn(0).getInt64();
  r.no = st.getColumn(1).getString();
  r.enterprise = st.getColumn(2).getString();
  r.uscc = st.getColumn(3).getString();
  r.region_code = st.getColumn(4).getString();
  r.region = st.getColumn(5).getString();
  r.sector = st.getColumn(6).getString();
  r.level = st.getColumn(7).getString();
  r.status = st.getColumn(8).getString();
  r.category = st.getColumn(9).getString();
  r.found_on = st.getColumn(10).getString();
  r.location = st.getColumn(11).getString();
  r.description = st.getColumn(12).getString();
  r.basis = st.getColumn(13).getString();
  r.owner = st.getColumn(14).getString();
  r.measures = st.getColumn(15).getString();
  if (!st.getColumn(16).isNull()) r.funds = st.getColumn(16).getInt64();
  r.due_on = st.getColumn(17).getString();
  r.emergency_plan = st.getColumn(18).getString();
  r.completed_on = st.getColumn(19).getString();
  r.closed_on = st.getColumn(20).getString();
  r.extensions = st.getColumn(21).getInt64();
  return r;
}

std::vector<HazardRow> run_hazards(Database& db, const Query& q)
{
  std::vector<HazardRow> out;
  auto st = prepare(db, q);
  while (st.executeStep()) out.push_back(read_hazard(st));
  return out;
}

// Excludes from a list the hazards a step after `as_of` changed: past_rows reads them as they were.
std::string not_changed_after(std::string_view as_of, std::string_view alias = "hz")
{
  return fmt::format(" AND {}.id NOT IN (SELECT hazard_id FROM hazard_past WHERE until_on > {})", alias, as_of);
}

// The hazards a step after `as_of` changed, as they stood on `as_of` (the row of hazard_past in
// force then), where `predicate` over `h` holds, in the columns of k_hazard_columns. The few rows
// of hazard_past lead (CROSS JOIN; LIMIT -1 keeps the subquery from being flattened into the
// joins), so that hazard is only looked up by rowid.
Query past_rows_query(const ReportFilter& filter, domain::Date as_of, const std::string& predicate)
{
  Query q;
  q.bind(":asof", as_of);
  std::string sql = hazard_columns_as_of(":asof");
  sql.replace(sql.find("FROM hazard h "), 14,
              "FROM (SELECT hz.id, hz.no, hz.enterprise_id, hz.sector, hz.level, p.status, hz.category, hz.found_on, "
              "hz.location, hz.description, hz.basis, p.owner, p.measures, p.funds, p.due_on, p.emergency_plan, "
              "p.completed_on, p.closed_on, p.extensions FROM hazard_past p CROSS JOIN hazard hz ON hz.id = p.hazard_id "
              "WHERE p.until_on > :asof AND hz.status <> 'void' AND p.id = (SELECT p2.id FROM hazard_past p2 WHERE "
              "p2.hazard_id = p.hazard_id AND p2.until_on > :asof ORDER BY p2.until_on, p2.id LIMIT 1) LIMIT -1) h ");
  q.sql = sql + predicate;
  q.sql += filter_sql(filter, q);
  return q;
}

// A list read as it stood on `as_of`: the rows of `now` (a query that leaves out the hazards
// changed after it) and those hazards as they were, in the order `before`, at most `limit`.
template <typename Before>
std::vector<HazardRow> as_it_stood(Database& db, const Query& now, const Query& past, Before before,
                                   std::optional<int64_t> limit = std::nullopt)
{
  auto rows = run_hazards(db, now);
  auto changed = run_hazards(db, past);
  if (changed.empty()) return rows;
  rows.insert(rows.end(), std::make_move_iterator(changed.begin()), std::make_move_iterator(changed.end()));
  std::stable_sort(rows.begin(), rows.end(), before);
  if (limit && static_cast<int64_t>(rows.size()) > *limit) rows.resize(static_cast<size_t>(*limit));
  return rows;
}

Query open_major_query(const ReportFilter& filter, domain::Date end)
{
  // The ids come from the partial index of major hazards, hazard_major (status, found_on), and,
  // for the ones closed after `end`, from hazard_closed; whole rows are read for those listed
  // only. (An OR of the two in one WHERE made SQLite read every open hazard's row.)
  Query q;
  q.bind(":e", end);
  const std::string where = filter_sql(filter, q, "hz") + not_changed_after(":e");
  q.sql = fmt::format("{0}h.id IN (SELECT hz.id FROM hazard hz INDEXED BY hazard_major WHERE hz.status IN ('open', "
                      "'rectifying', 'submitted') AND hz.level = 'major' AND hz.found_on <= :e{1} UNION ALL SELECT hz.id "
                      "FROM hazard hz INDEXED BY hazard_closed WHERE hz.closed_on > :e AND hz.status = 'closed' AND "
                      "hz.level = 'major' AND hz.found_on <= :e{1}) ORDER BY h.due_on IS NULL, h.due_on, h.no",
                      hazard_columns_as_of(":e"), where);
  return q;
}

Query overdue_query(const ReportFilter& filter, domain::Date end, std::optional<int64_t> limit = std::nullopt)
{
  // The candidates are ids: the open and rectifying ones read from hazard_due in deadline order
  // (its entries are (due_on, id)), so that a list of the most overdue stops after `limit`; the
  // submitted ones (not completed by `end`) from hazard_report; the ones closed after `end` from
  // hazard_closed. Whole rows are read for the ones listed. Ties on the deadline go by id, i.e. by
  // the order hazards were recorded.
  Query q;
  q.bind(":e", end);
  const std::string where = filter_sql(filter, q, "hz") + not_changed_after(":e");
  std::string tail;
  if (limit) {
    tail = " LIMIT :limit";
    q.bind(":limit", *limit);
  }
  const std::string ids = fmt::format(
      "SELECT id, due_on FROM (SELECT hz.id, hz.due_on FROM hazard hz INDEXED BY hazard_due WHERE hz.status IN ('open', "
      "'rectifying') AND hz.due_on < :e AND hz.found_on <= :e{0} ORDER BY hz.due_on, hz.id{1})"
      " UNION ALL SELECT hz.id, hz.due_on FROM hazard hz INDEXED BY hazard_report WHERE hz.status = 'submitted' AND "
      "hz.found_on <= :e AND hz.completed_on > :e AND hz.due_on < :e{0}"
      " UNION ALL SELECT hz.id, hz.due_on FROM hazard hz INDEXED BY hazard_closed WHERE hz.closed_on > :e AND hz.status = "
      "'closed' AND hz.found_on <= :e AND coalesce(hz.completed_on, hz.closed_on) > :e AND hz.due_on < :e{0}"
      " ORDER BY 2, 1{1}",
      where, tail);
  q.sql = fmt::format("{}h.id IN (SELECT id FROM ({})) ORDER BY h.due_on, h.id", hazard_columns_as_of(":e"), ids);
  return q;
}

// The hazards due in [s, e] that were open or rectifying on the day before s (:asof), as ids:
// those open or rectifying now from hazard_due, those done or closed since from hazard_report and
// hazard_closed; found by then. The hazards a step after :asof changed are left out (past_rows).
std::string due_ids(const ReportFilter& filter, Query& q, DateRange range)
{
  q.bind(":s", range.start);
  q.bind(":e", range.end);
  q.bind(":asof", range.start - 1);
  const std::string where = filter_sql(filter, q, "hz") + not_changed_after(":asof");
  return fmt::format(
      "SELECT hz.id FROM hazard hz INDEXED BY hazard_due WHERE hz.status IN ('open', 'rectifying') AND hz.due_on BETWEEN :s "
      "AND :e AND hz.found_on <= :asof{0}"
      " UNION ALL SELECT hz.id FROM hazard hz INDEXED BY hazard_report WHERE hz.status = 'submitted' AND hz.completed_on > :asof"
      " AND hz.due_on BETWEEN :s AND :e AND hz.found_on <= :asof{0}"
      " UNION ALL SELECT hz.id FROM hazard hz INDEXED BY hazard_closed WHERE hz.closed_on > :asof AND hz.status = 'closed'"
      " AND coalesce(hz.completed_on, hz.closed_on) > :asof AND hz.due_on BETWEEN :s AND :e AND hz.found_on <= :asof{0}",
      where);
}

std::string due_predicate() { return fmt::format("{} AND h.due_on BETWEEN :s AND :e", unfinished_at(":asof")); }

Query due_query(const ReportFilter& filter, DateRange range, std::optional<int64_t> limit = std::nullopt)
{
  Query q;
  const std::string ids = due_ids(filter, q, range);
  q.sql = fmt::format("{}h.id IN ({}) ORDER BY h.due_on, h.no", hazard_columns_as_of(":asof"), ids);
  if (limit) {
    q.sql += " LIMIT :limit";
    q.bind(":limit", *limit);
  }
  return q;
}

std::string dimension_key(Dimension d)
{
  switch (d) {
  case Dimension::sector: return "h.sector";
  case Dimension::region: return group_key(Grouping::prefecture);
  case Dimension::county: return group_key(Grouping::county);
  case Dimension::level: return "h.level";
  case Dimension::status: return "h.status";
  case Dimension::category: return "coalesce(h.category, '')";
  case Dimension::kind: return "coalesce(i.kind, '')";
  case Dimension::enterprise: return "e.uscc";
  case Dimension::day: return "h.found_on";
  case Dimension::month: return "substr(h.found_on, 1, 7)";
  }
  return "h.sector";
}

std::string dimension_label(Dimension d)
{
  if (d == Dimension::region || d == Dimension::county)
    return fmt::format("coalesce((SELECT r.name FROM region r WHERE r.code = {}), '')", dimension_key(d));
  if (d == Dimension::enterprise) return "min(e.name)";
  return "''";
}

}  // namespace


std::string region_prefix_of(std::string_view code)
{
  std::string p(code);
  while (p.size() > 2 && p.ends_with("00")) p.resize(p.size() - 2);
  return p;
}

void add_figures(PeriodFigures& a, const PeriodFigures& b)
{
  a.new_count += b.new_count;
  a.new_major += b.new_major;
  a.closed += b.closed;
  a.open_at_start += b.open_at_start;
  a.open_at_end += b.open_at_end;
  a.overdue_at_end += b.overdue_at_end;
  a.major_open_at_end += b.major_open_at_end;
  a.funds_new += b.funds_new;
  a.funds_closed += b.funds_closed;
}

std::vector<FigureCell> figures_by_enterprise(Database& db, const ReportFilter& filter, std::span<const DateRange> ranges)
{
  if (ranges.empty()) return {};
  const GroupedFigures g = grouped_figures_query(filter, ranges);
  const auto boundary = [&](domain::Date d) {
    return static_cast<int>(std::lower_bound(g.boundaries.begin(), g.boundaries.end(), d) - g.boundaries.begin());
  };
  // Rows of the same group come from each status and from the closed part: add them up.
  std::map<std::tuple<int64_t, std::string, std::string>, std::vector<PeriodFigures>> cells;
  auto st = prepare(db, g.query);
  const int first_range = 4 + static_cast<int>(g.boundaries.size());
  while (st.executeStep()) {
    const bool major = st.getColumn(2).getString() == "major";
    const bool closed_now = st.getColumn(3).getInt() != 0;
    auto& figures = cells[{st.getColumn(0).getInt64(), st.getColumn(1).getString(), st.getColumn(2).getString()}];
    figures.resize(ranges.size());
    for (size_t i = 0; i < ranges.size(); ++i) {
      const int at_start = 4 + boundary(ranges[i].start - 1), at_end = 4 + boundary(ranges[i].end);
      const int c = first_range + static_cast<int>(i) * 3;
      PeriodFigures f;
      f.open_at_start = st.getColumn(at_start).getInt64();
      f.open_at_end = st.getColumn(at_end).getInt64();
      // Not closed now: found in [s, e] = found by e less found by s - 1.
      f.new_count = closed_now ? st.getColumn(c).getInt64() : f.open_at_end - f.open_at_start;
      f.closed = st.getColumn(c + 1).getInt64();
      f.overdue_at_end = st.getColumn(c + 2).getInt64();
      if (major) {
        f.new_major = f.new_count;
        f.major_open_at_end = f.open_at_end;
      }
      add_figures(figures[i], f);
    }
  }
  std::vector<FigureCell> out;
  out.reserve(cells.size());
  for (auto& [key, figures] : cells)
    out.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), std::move(figures)});
  return out;
}

std::map<int64_t, EnterpriseLabel> enterprise_labels(Database& db)
{
  std::map<int64_t, EnterpriseLabel> out;
  SQLite::Statement st(db.sql(), "SELECT id, uscc, name, coalesce(region_code, '') FROM enterprise");
  while (st.executeStep())
    out[st.getColumn(0).getInt64()] = {st.getColumn(1).getString(), st.getColumn(2).getString(), st.getColumn(3).getString()};
  return out;
}

std::map<std::string, std::string> region_names(Database& db)
{
  std::map<std::string, std::string> out;
  SQLite::Statement st(db.sql(), "SELECT code, name FROM region");
  while (st.executeStep()) out[st.getColumn(0).getString()] = st.getColumn(1).getString();
  return out;
}

std::vector<PeriodFigures> period_figures(Database& db, const ReportFilter& filter, std::span<const DateRange> ranges)
{
  if (ranges.empty()) return {};
  auto st = prepare(db, period_figures_query(filter, ranges));
  std::vector<PeriodFigures> out;
  if (st.executeStep())
    for (size_t i = 0; i < ranges.size(); ++i) out.push_back(read_figures(st, static_cast<int>(i) * k_figure_columns));
  return out;
}

std::vector<GroupFigures> figures_by(Database& db, const ReportFilter& filter, DateRange range, Grouping grouping)
{
  return run_grouped(db, grouped_query(filter, range, grouping, "ORDER BY k"));
}

std::vector<GroupFigures> top_open_enterprises(Database& db, const ReportFilter& filter, domain::Date end, int limit)
{
  // Columns: k, name, uscc, then the figures; open at end is the 4th figure (index 3 + 4).
  Query q = grouped_query(filter, {end, end}, Grouping::enterprise, "HAVING sum(x4) > 0 ORDER BY 8 DESC, 3 LIMIT :limit");
  q.bind(":limit", static_cast<int64_t>(limit));
  return run_grouped(db, q);
}

std::vector<HazardRow> open_major_hazards(Database& db, const ReportFilter& filter, domain::Date end)
{
  return as_it_stood(db, open_major_query(filter, end),
                     past_rows_query(filter, end, "h.level = 'major' AND " + open_at_end(":asof")),
                     [](const HazardRow& a, const HazardRow& b) {
                       return std::tuple(a.due_on.empty(), a.due_on, a.no) < std::tuple(b.due_on.empty(), b.due_on, b.no);
                     });
}

std::vector<HazardRow> major_hazards_in(Database& db, const ReportFilter& filter, DateRange range)
{
  Query q;
  q.bind(":s", range.start);
  q.bind(":e", range.end);
  q.sql = fmt::format("{}{} AND h.level = 'major' AND h.found_on <= :e AND (h.closed_on IS NULL OR h.closed_on >= :s)",
                      hazard_columns_as_of(":e"), scope(":s", ":e"));
  q.sql += filter_sql(filter, q) + not_changed_after(":e", "h");
  q.sql += " ORDER BY h.found_on, h.no";
  Query past = past_rows_query(filter, range.end, "h.level = 'major' AND h.found_on <= :asof AND (h.closed_on IS NULL OR h.closed_on >= :s)");
  past.bind(":s", range.start);
  return as_it_stood(db, q, past, [](const HazardRow& a, const HazardRow& b) {
    return std::tie(a.found_on, a.no) < std::tie(b.found_on, b.no);
  });
}

std::vector<HazardRow> overdue_hazards(Database& db, const ReportFilter& filter, domain::Date end, std::optional<int64_t> limit)
{
  return as_it_stood(db, overdue_query(filter, end, limit), past_rows_query(filter, end, overdue_at(":asof")),
                     [](const HazardRow& a, const HazardRow& b) { return std::tie(a.due_on, a.id) < std::tie(b.due_on, b.id); },
                     limit);
}

std::vector<HazardRow> hazards_due(Database& db, const ReportFilter& filter, DateRange range, std::optional<int64_t> limit)
{
  Query past = past_rows_query(filter, range.start - 1, due_predicate());
  past.bind(":s", range.start);
  past.bind(":e", range.end);
  return as_it_stood(db, due_query(filter, range, limit), past,
                     [](const HazardRow& a, const HazardRow& b) { return std::tie(a.due_on, a.no) < std::tie(b.due_on, b.no); },
                     limit);
}

int64_t count_hazards_due(Database& db, const ReportFilter& filter, DateRange range)
{
  Query q;
  q.sql = fmt::format("SELECT count(*) FROM ({})", due_ids(filter, q, range));
  auto count = [&db](const Query& query) {
    auto st = prepare(db, query);
    st.executeStep();
    return st.getColumn(0).getInt64();
  };
  Query past = past_rows_query(filter, range.start - 1, due_predicate());
  past.bind(":s", range.start);
  past.bind(":e", range.end);
  past.sql = fmt::format("SELECT count(*) FROM ({})", past.sql);
  return count(q) + count(past);
}

std::vector<HazardRow> unclosed_hazards(Database& db, const ReportFilter& filter)
{
  Query q;
  q.sql = fmt::format("{}h.status IN ('open', 'rectifying', 'submitted')", k_hazard_columns);
  q.sql += filter_sql(filter, q);
  q.sql += " ORDER BY h.found_on, h.no";
  return run_hazards(db, q);
}

std::vector<WeekCounts> weekly_trend(Database& db, const ReportFilter& filter, domain::Date last_day, int weeks)
{
  std::vector<WeekCounts> out;
  const domain::Date last_monday = last_day - static_cast<int32_t>(last_day.iso_weekday() - 1);
  const domain::Date first = last_monday - 7 * (weeks - 1);
  for (int i = 0; i < weeks; ++i) out.push_back({first + 7 * i, 0, 0});
  auto count_by_day = [&](std::string_view column, std::string_view condition, auto add) {
    Query q;
    q.bind(":s", first);
    q.bind(":e", last_day);
    q.sql = fmt::format("SELECT h.{0}, count(*) FROM hazard h WHERE h.{0} BETWEEN :s AND :e AND {1}", column, condition);
    q.sql += filter_sql(filter, q);
    q.sql += fmt::format(" GROUP BY h.{}", column);
    auto st = prepare(db, q);
    while (st.executeStep()) {
      const auto day = domain::parse_date(st.getColumn(0).getString());
      const auto week = static_cast<size_t>((day - first) / 7);
      if (week < out.size()) add(out[week], st.getColumn(1).getInt64());
    }
  };
  const bool unfiltered = filter.sector.empty() && filter.level.empty() && !filter.enterprise_id && filter.region_prefix.empty();
  if (unfiltered) {
    // Covering searches: every hazard found (hazard_found), less the voided ones (hazard_report:
    // status, then found_on among its columns).
    count_by_day("found_on", "1", [](WeekCounts& w, int64_t n) { w.new_count += n; });
    count_by_day("found_on", "h.status = 'void'", [](WeekCounts& w, int64_t n) { w.new_count -= n; });
  } else {
    count_by_day("found_on", "h.status <> 'void'", [](WeekCounts& w, int64_t n) { w.new_count += n; });
  }
  // The hazards closed in the weeks, from hazard_closed (closed_on): few rows, read for their status;
  // the ones a step after last_day changed (a reopen) as they stood on it.
  count_by_day("closed_on", "h.status = 'closed'" + not_changed_after(":e", "h"),
               [](WeekCounts& w, int64_t n) { w.closed += n; });
  Query past = past_rows_query(filter, last_day, "h.closed_on BETWEEN :s AND :e");
  past.bind(":s", first);
  past.bind(":e", last_day);
  for (const auto& h : run_hazards(db, past)) {
    const auto week = static_cast<size_t>((domain::parse_date(h.closed_on) - first) / 7);
    if (week < out.size()) out[week].closed += 1;
  }
  return out;
}

namespace {

Query pivot_query(const ReportFilter& filter, DateRange range, Dimension first, std::optional<Dimension> second)
{
  Query q;
  q.bind(":s", range.start);
  q.bind(":e", range.end);
  const std::string k2 = second ? dimension_key(*second) : "''";
  const std::string l2 = second ? dimension_label(*second) : "''";
  q.sql = fmt::format("SELECT {} AS k1, {} AS k2, {}, {}, count(*) FROM hazard h JOIN enterprise e ON e.id = h.enterprise_id "
                      "LEFT JOIN inspection i ON i.id = h.inspection_id "
                      "WHERE h.found_on BETWEEN :s AND :e AND h.status <> 'void'",
                      dimension_key(first), k2, dimension_label(first), l2);
  q.sql += filter_sql(filter, q);
  q.sql += " GROUP BY k1, k2 ORDER BY k1, k2";
  return q;
}

Query status_counts_query(const ReportFilter& filter)
{
  Query q;
  q.sql = "SELECT h.status, coalesce(sum(h.level = 'general'), 0), coalesce(sum(h.level = 'major'), 0) FROM hazard h "
          "WHERE h.status <> 'void'";
  q.sql += filter_sql(filter, q);
  q.sql += " GROUP BY h.status";
  return q;
}

}  // namespace

std::vector<PivotCell> pivot_counts(Database& db, const ReportFilter& filter, DateRange range, Dimension first,
                                    std::optional<Dimension> second)
{
  const Query q = pivot_query(filter, range, first, second);
  std::vector<PivotCell> out;
  auto st = prepare(db, q);
  while (st.executeStep()) {
    PivotCell c;
    c.key1 = text_or_empty(st, 0);
    c.key2 = text_or_empty(st, 1);
    c.label1 = text_or_empty(st, 2);
    c.label2 = text_or_empty(st, 3);
    c.count = st.getColumn(4).getInt64();
    out.push_back(std::move(c));
  }
  return out;
}

std::optional<EnterpriseFile> find_enterprise(Database& db, const std::string& uscc)
{
  SQLite::Statement st(db.sql(), "SELECT e.id, e.uscc, e.name, coalesce(e.region_code, ''), coalesce(r.full_name, ''), "
                                 "e.address, e.legal_rep, e.safety_contact, e.phone, e.employees, e.risk_level, e.has_union, "
                                 "e.archived_at FROM enterprise e LEFT JOIN region r ON r.code = e.region_code "
                                 "WHERE e.uscc = :uscc");
  st.bind(":uscc", uscc);
  if (!st.executeStep()) return std::nullopt;
  EnterpriseFile f;
  f.id = st.getColumn(0).getInt64();
  f.uscc = st.getColumn(1).getString();
  f.name = st.getColumn(2).getString();
  f.region_code = st.getColumn(3).getString();
  f.region = st.getColumn(4).getString();
  f.address = text_or_empty(st, 5);
  f.legal_rep = text_or_empty(st, 6);
  f.safety_contact = text_or_empty(st, 7);
  f.phone = text_or_empty(st, 8);
  if (!st.getColumn(9).isNull()) f.employees = st.getColumn(9).getInt64();
  f.risk_level = text_or_empty(st, 10);
  if (!st.getColumn(11).isNull()) f.has_union = st.getColumn(11).getInt() != 0;
  f.archived_at = text_or_empty(st, 12);
  SQLite::Statement sectors(db.sql(), "SELECT sector FROM enterprise_sector WHERE enterprise_id = :id ORDER BY position, sector");
  sectors.bind(":id", f.id);
  while (sectors.executeStep()) f.sectors.push_back(sectors.getColumn(0).getString());
  return f;
}

std::vector<StatusCount> status_counts(Database& db, const ReportFilter& filter)
{
  const Query q = status_counts_query(filter);
  std::map<std::string, StatusCount> by_status;
  auto st = prepare(db, q);
  while (st.executeStep())
    by_status[st.getColumn(0).getString()] = {st.getColumn(0).getString(), st.getColumn(1).getInt64(), st.getColumn(2).getInt64()};
  // Life-cycle order, every status present.
  std::vector<StatusCount> out;
  for (const char* s : {"open", "rectifying", "submitted", "closed"}) {
    auto it = by_status.find(s);
    out.push_back(it == by_status.end() ? StatusCount{s, 0, 0} : it->second);
  }
  return out;
}

std::vector<InspectionRow> enterprise_inspections(Database& db, int64_t enterprise_id)
{
  SQLite::Statement st(db.sql(), "SELECT i.id, i.date, i.kind, coalesce(i.body, ''), i.inspectors, count(h.id), "
                                 "coalesce(sum(h.level = 'major'), 0) FROM inspection i "
                                 "LEFT JOIN hazard h ON h.inspection_id = i.id AND h.status <> 'void' "
                                 "WHERE i.enterprise_id = :id GROUP BY i.id ORDER BY i.date, i.id");
  st.bind(":id", enterprise_id);
  std::vector<InspectionRow> out;
  while (st.executeStep())
    out.push_back({st.getColumn(0).getInt64(), st.getColumn(1).getString(), st.getColumn(2).getString(),
                   st.getColumn(3).getString(), st.getColumn(4).getString(), st.getColumn(5).getInt64(),
                   st.getColumn(6).getInt64()});
  return out;
}

int64_t enterprises_with_hazards(Database& db, const ReportFilter& filter, DateRange range)
{
  Query q;
  q.bind(":s", range.start);
  q.bind(":e", range.end);
  q.sql = "SELECT count(DISTINCT h.enterprise_id) FROM hazard h WHERE h.found_on BETWEEN :s AND :e AND h.status <> 'void'";
  q.sql += filter_sql(filter, q);
  auto st = prepare(db, q);
  return st.executeStep() ? st.getColumn(0).getInt64() : 0;
}

std::string region_full_name(Database& db, const std::string& code)
{
  SQLite::Statement st(db.sql(), "SELECT full_name FROM region WHERE code = :code");
  st.bind(":code", code);
  return st.executeStep() ? st.getColumn(0).getString() : std::string();
}

std::vector<std::string> explain_report_queries(Database& db, const ReportFilter& filter, DateRange range)
{
  const DateRange previous{range.start - (range.end - range.start + 1), range.start - 1};
  const std::vector<DateRange> ranges{range, previous};
  const std::vector<std::pair<std::string, Query>> queries{
      {"weekly_groups", grouped_figures_query(filter, ranges).query},
      {"headline", period_figures_query(filter, ranges)},
      {"by_sector", grouped_query(filter, range, Grouping::sector, "ORDER BY k")},
      {"open_major", open_major_query(filter, range.end)},
      {"overdue", overdue_query(filter, range.end)},
      {"due", due_query(filter, {range.end + 1, range.end + 7})},
      {"summary", pivot_query(filter, range, Dimension::sector, Dimension::level)},
      {"status_counts", status_counts_query(filter)},
  };
  std::vector<std::string> out;
  for (const auto& [name, q] : queries) {
    auto st = prepare(db, q, "EXPLAIN QUERY PLAN ");
    while (st.executeStep()) out.push_back(name + ": " + st.getColumn(3).getString());
  }
  return out;
}

}  // namespace ankang::store

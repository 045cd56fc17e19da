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
  constexpr std::string_view columns = "hz.status, hz.closed_on, hz.found_on, hz.completed_on, hz.due_on, hz.level, "
                                       "hz.sector, hz.enterprise_id, hz.funds";
  const std::string filter = filter_sql(f, q, "hz");
  return fmt::format("(SELECT {0} FROM hazard hz INDEXED BY hazard_report WHERE hz.status IN ('open', 'rectifying', 'submitted'){1}"
                     " UNION ALL SELECT {0} FROM hazard hz INDEXED BY hazard_closed WHERE hz.closed_on >= {2}"
                     " AND hz.status = 'closed' AND hz.found_on <= {3}{1}) h",
                     columns, filter, lo, hi);
}

std::string figure_columns(std::string_view s, std::string_view e)
{
  return fmt::format("coalesce(sum({0}), 0), coalesce(sum({0} AND h.level = 'major'), 0), coalesce(sum({1}), 0), "
                     "coalesce(sum({2}), 0), coalesce(sum({3}), 0), coalesce(sum({4}), 0), "
                     "coalesce(sum({3} AND h.level = 'major'), 0), "
                     "coalesce(sum(CASE WHEN {0} THEN coalesce(h.funds, 0) END), 0), "
                     "coalesce(sum(CASE WHEN {1} THEN coalesce(h.funds, 0) END), 0)",
                     is_new(s, e), is_closed(s, e), open_at_start(s), open_at_end(e), overdue_at(e));
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
  std::string columns;
  domain::Date lo = ranges.front().start, hi = ranges.front().end;
  for (size_t i = 0; i < ranges.size(); ++i) {
    const auto s = fmt::format(":s{}", i), e = fmt::format(":e{}", i);
    if (i) columns += ", ";
    columns += figure_columns(s, e);
    q.bind(s, ranges[i].start);
    q.bind(e, ranges[i].end);
    lo = std::min(lo, ranges[i].start);
    hi = std::max(hi, ranges[i].end);
  }
  q.bind(":lo", lo);
  q.bind(":hi", hi);
  q.sql = fmt::format("SELECT {} FROM {}", columns, scoped_hazards(filter, q, ":lo", ":hi"));
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
  std::string open_columns, closed_columns;
  for (size_t b = 0; b < g.boundaries.size(); ++b) {
    const auto d = fmt::format(":b{}", b);
    q.bind(d, g.boundaries[b]);
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
  }
  q.bind(":lo", lo);
  const std::string where = filter_sql(filter, q, "hz");
  q.bind(":hi", g.boundaries.back());
  q.sql = fmt::format("SELECT hz.enterprise_id, hz.sector, hz.level, 0{0} FROM hazard hz INDEXED BY hazard_report"
                      " WHERE hz.status IN ('open', 'rectifying', 'submitted') AND hz.found_on <= :hi{2}"
                      " GROUP BY hz.status, hz.enterprise_id, hz.level, hz.sector"
                      " UNION ALL SELECT hz.enterprise_id, hz.sector, hz.level, 1{1} FROM hazard hz INDEXED BY hazard_closed"
                      " WHERE hz.closed_on >= :lo AND hz.status = 'closed'{2}"
                      " GROUP BY hz.enterprise_id, hz.level, hz.sector",
                      open_columns, closed_columns, where);
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
  q.sql = fmt::format("SELECT {} AS k, {}, {}, {} FROM {} JOIN enterprise e ON e.id = h.enterprise_id", key, name, uscc,
                      figure_columns(":s", ":e"), scoped_hazards(filter, q, ":s", ":e"));
  q.sql += " GROUP BY k ";
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

Query open_major_query(const ReportFilter& filter, domain::Date end)
{
  // The ids come from the partial index of major hazards, hazard_major (status, found_on), and,
  // for the ones closed after `end`, from hazard_closed; whole rows are read for those listed
  // only. (An OR of the two in one WHERE made SQLite read every open hazard's row.)
  Query q;
  q.bind(":e", end);
  const std::string where = filter_sql(filter, q, "hz");
  q.sql = fmt::format("{0}h.id IN (SELECT hz.id FROM hazard hz INDEXED BY hazard_major WHERE hz.status IN ('open', "
                      "'rectifying', 'submitted') AND hz.level = 'major' AND hz.found_on <= :e{1} UNION ALL SELECT hz.id "
                      "FROM hazard hz INDEXED BY hazard_closed WHERE hz.closed_on > :e AND hz.status = 'closed' AND "
                      "hz.level = 'major' AND hz.found_on <= :e{1}) ORDER BY h.due_on IS NULL, h.due_on, h.no",
                      k_hazard_columns, where);
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
  const std::string where = filter_sql(filter, q, "hz");
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
  q.sql = fmt::format("{}h.id IN (SELECT id FROM ({})) ORDER BY h.due_on, h.id", k_hazard_columns, ids);
  return q;
}

// hazard_due holds exactly these rows; without statistics SQLite would pick hazard_report.
constexpr std::string_view k_due_where = "h.status IN ('open', 'rectifying') AND h.due_on BETWEEN :s AND :e";

Query due_query(const ReportFilter& filter, DateRange range, std::optional<int64_t> limit = std::nullopt)
{
  Query q;
  q.bind(":s", range.start);
  q.bind(":e", range.end);
  std::string sql(k_hazard_columns);
  sql.replace(sql.find("hazard h "), 9, "hazard h INDEXED BY hazard_due ");
  q.sql = sql + std::string(k_due_where);
  q.sql += filter_sql(filter, q);
  q.sql += " ORDER BY h.due_on, h.no";
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
  Query q = grouped_query(filter, {end, end}, Grouping::enterprise, "HAVING sum(" + open_at_end(":e") +
                                                                        ") > 0 ORDER BY 8 DESC, 3 LIMIT :limit");
  q.bind(":limit", static_cast<int64_t>(limit));
  return run_grouped(db, q);
}

std::vector<HazardRow> open_major_hazards(Database& db, const ReportFilter& filter, domain::Date end)
{
  return run_hazards(db, open_major_query(filter, end));
}

std::vector<HazardRow> major_hazards_in(Database& db, const ReportFilter& filter, DateRange range)
{
  Query q;
  q.bind(":s", range.start);
  q.bind(":e", range.end);
  q.sql = fmt::format("{}{} AND h.level = 'major' AND h.found_on <= :e AND (h.closed_on IS NULL OR h.closed_on >= :s)",
                      k_hazard_columns, scope(":s", ":e"));
  q.sql += filter_sql(filter, q);
  q.sql += " ORDER BY h.found_on, h.no";
  return run_hazards(db, q);
}

std::vector<HazardRow> overdue_hazards(Database& db, const ReportFilter& filter, domain::Date end, std::optional<int64_t> limit)
{
  return run_hazards(db, overdue_query(filter, end, limit));
}

std::vector<HazardRow> hazards_due(Database& db, const ReportFilter& filter, DateRange range, std::optional<int64_t> limit)
{
  return run_hazards(db, due_query(filter, range, limit));
}

int64_t count_hazards_due(Database& db, const ReportFilter& filter, DateRange range)
{
  Query q;
  q.bind(":s", range.start);
  q.bind(":e", range.end);
  q.sql = fmt::format("SELECT count(*) FROM hazard h INDEXED BY hazard_due WHERE {}", k_due_where);
  q.sql += filter_sql(filter, q);
  auto st = prepare(db, q);
  st.executeStep();
  return st.getColumn(0).getInt64();
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
  // The hazards closed in the weeks, from hazard_closed (closed_on): few rows, read for their status.
  count_by_day("closed_on", "h.status = 'closed'", [](WeekCounts& w, int64_t n) { w.closed += n; });
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

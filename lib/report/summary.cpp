// `report summary --by F[,G]`: a pivot of the hazards found in a period, with totals.
#include "report/common.hpp"

#include "error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace ankang::report {

namespace {

using namespace detail;
using domain::Lang;
using store::Dimension;

struct DimensionName {
  Dimension dimension;
  std::string_view name;
  std::string_view aliases;  // '|'-separated
  std::string_view zh;
  std::string_view en;
};

constexpr DimensionName k_dimensions[] = {
    {Dimension::sector, "sector", "行业|行业领域", "行业领域", "sector"},
    {Dimension::region, "region", "地区|区域", "地区", "region"},
    {Dimension::level, "level", "等级|隐患等级", "隐患等级", "level"},
    {Dimension::status, "status", "状态", "状态", "status"},
    {Dimension::category, "category", "类别|隐患类别", "隐患类别", "category"},
    {Dimension::kind, "kind", "检查类型|排查类型|inspection", "检查类型", "inspection kind"},
    {Dimension::enterprise, "enterprise", "企业", "企业", "enterprise"},
    {Dimension::day, "week", "周", "周次", "week"},
    {Dimension::month, "month", "月|月份", "月份", "month"},
};

const DimensionName& info(Dimension d)
{
  if (d == Dimension::county) return k_dimensions[1];
  for (const auto& n : k_dimensions)
    if (n.dimension == d) return n;
  return k_dimensions[0];
}

const domain::CodeSet* code_set(Dimension d)
{
  switch (d) {
  case Dimension::sector: return &domain::sectors();
  case Dimension::level: return &domain::hazard_levels();
  case Dimension::status: return &domain::hazard_statuses();
  case Dimension::category: return &domain::hazard_categories();
  case Dimension::kind: return &domain::inspection_kinds();
  default: return nullptr;
  }
}

// One value of a dimension: its stored key and what people see.
struct Key {
  std::string code;
  std::string shown;
  size_t order = 0;  // code-set order, so statuses follow the life cycle
  bool operator<(const Key& o) const { return order != o.order ? order < o.order : code < o.code; }
};

Key make_key(Dimension d, const std::string& code, const std::string& label, Lang lang)
{
  Key k{code, code, 0};
  if (d == Dimension::day) {
    k.code = k.shown = iso_week_code(domain::parse_date(code));
    return k;
  }
  if (const auto* set = code_set(d)) {
    if (code.empty()) {
      k.shown = d == Dimension::kind ? tr(lang, "未关联检查", "no inspection") : tr(lang, "未分类", "none");
      k.order = 1000;
      return k;
    }
    k.shown = std::string(set->label(code, lang));
    const auto entries = set->entries();
    for (size_t i = 0; i < entries.size(); ++i)
      if (entries[i].code == code) k.order = i;
    return k;
  }
  if (d == Dimension::region || d == Dimension::county || d == Dimension::enterprise) {
    k.shown = label.empty() ? (code.empty() ? tr(lang, "未填地区", "unknown") : code) : label;
    if (code.empty()) k.order = 1000;
  }
  return k;
}

Value key_value(const Key& k) { return k.code.empty() ? Value::null(k.shown) : Value::coded(k.code, k.shown); }

}  // namespace

Dimension parse_dimension(std::string_view text)
{
  for (const auto& n : k_dimensions) {
    if (text == n.name) return n.dimension;
    std::string_view rest = n.aliases;
    while (!rest.empty()) {
      const auto bar = rest.find('|');
      if (rest.substr(0, bar) == text) return n.dimension;
      rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
    }
  }
  throw Error(ErrorKind::usage,
              fmt::format("unknown --by dimension '{}': expected sector, region, level, status, category, kind, enterprise, week or month", text));
}

std::string_view dimension_name(Dimension d) { return info(d).name; }

Document build_summary(store::Database& db, const Scope& scope, const PeriodSpec& p, const Context& ctx, Dimension first,
                       std::optional<Dimension> second)
{
  const Lang lang = ctx.lang;
  // A region below the province is broken down into its counties.
  auto effective = [&](Dimension d) {
    return d == Dimension::region && scope.filter.region_prefix.size() > 2 ? Dimension::county : d;
  };
  first = effective(first);
  if (second) second = effective(*second);
  if (second && info(*second).name == info(first).name)
    throw Error(ErrorKind::usage, fmt::format("--by names '{}' twice: give two different dimensions", info(first).name));

  const auto cells = store::pivot_counts(db, scope.filter, p.range, first, second);
  std::map<Key, std::map<Key, int64_t>> counts;
  std::map<Key, int64_t> column_totals;
  int64_t total = 0;
  for (const auto& c : cells) {
    const Key k1 = make_key(first, c.key1, c.label1, lang);
    const Key k2 = second ? make_key(*second, c.key2, c.label2, lang) : Key{};
    counts[k1][k2] += c.count;
    column_totals[k2] += c.count;
    total += c.count;
  }

  Document doc;
  doc.kind = "summary";
  doc.title = lang == Lang::zh
                  ? fmt::format("隐患统计汇总（按{}{}）{}", info(first).zh, second ? fmt::format("、{}", info(*second).zh) : "",
                                scope_suffix(scope, lang))
                  : fmt::format("Hazard summary by {}{}{}", info(first).en, second ? fmt::format(" and {}", info(*second).en) : "",
                                scope_suffix(scope, lang));
  doc.subtitle = lang == Lang::zh ? fmt::format("统计期间：{}　报告日期：{}", p.label, ctx.today.iso())
                                  : fmt::format("Period: {}. Report date: {}", p.label, ctx.today.iso());
  doc.meta = {{"period", Value::text(p.code)},
              {"start", Value::text(p.range.start.iso())},
              {"end", Value::text(p.range.end.iso())},
              {"as_of", Value::text(ctx.today.iso())},
              {"by", Value::text(second ? fmt::format("{},{}", info(first).name, info(*second).name) : std::string(info(first).name))}};
  add_scope_fields(doc.meta, scope);
  add_partial_note(doc, p, lang, false);
  doc.paragraphs.push_back(lang == Lang::zh ? fmt::format("统计期内共发现隐患{}项（已作废的不计）。", total)
                                            : fmt::format("{} hazards were found in the period (voided ones not counted).", total));

  Section s;
  s.key = "rows";
  s.title = tr(lang, "统计表", "Counts");
  s.table.columns.push_back({std::string(info(first).name), tr(lang, info(first).zh, info(first).en), io::Align::left});
  if (second)
    for (const auto& [k2, n] : column_totals)
      s.table.columns.push_back({k2.code.empty() ? "none" : k2.code, k2.shown, io::Align::right});
  s.table.columns.push_back({"total", tr(lang, "合计", "total"), io::Align::right});
  for (const auto& [k1, row_counts] : counts) {
    std::vector<Value> row{key_value(k1)};
    int64_t row_total = 0;
    for (const auto& [k2, n] : row_counts) row_total += n;
    if (second)
      for (const auto& [k2, n] : column_totals) {
        const auto it = row_counts.find(k2);
        row.push_back(Value::count(it == row_counts.end() ? 0 : it->second));
      }
    row.push_back(Value::count(row_total));
    s.table.rows.push_back(std::move(row));
  }
  std::vector<Value> totals{Value::coded("total", tr(lang, "合计", "total"))};
  if (second)
    for (const auto& [k2, n] : column_totals) totals.push_back(Value::count(n));
  totals.push_back(Value::count(total));
  s.table.rows.push_back(std::move(totals));
  doc.sections.push_back(std::move(s));
  return doc;
}

}  // namespace ankang::report

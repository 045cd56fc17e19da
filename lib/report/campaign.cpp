#include "report/campaign.hpp"

#include "domain/calendar.hpp"
#include "domain/campaign_codes.hpp"
#include "domain/duty.hpp"
#include "ops/record_ops.hpp"
#include "report/common.hpp"
#include "store/calendar_store.hpp"
#include "store/campaign_queries.hpp"
#include "store/duty_store.hpp"
#include "store/record_store.hpp"

#include <array>
#include <fmt/format.h>
#include <map>

namespace ankang::report {

namespace {

using detail::tr;
using domain::Lang;

constexpr std::array<std::string_view, 12> k_key_sectors{
    "coal", "noncoal", "hazchem", "road", "construction", "fire",
    "education", "power", "energy", "explosives", "special_equipment", "gas"};

struct HazardFigures {
  int64_t found = 0, closed = 0, open = 0, overdue = 0, major = 0, supervised = 0;
  void add(const store::CampaignHazards& h)
  {
    found += h.found;
    closed += h.closed;
    open += h.open;
    overdue += h.overdue;
    if (h.level == "major") major += h.found;
    supervised += h.supervised;
  }
};

void hazard_columns(std::vector<io::Column>& c, Lang lang)
{
  c.push_back({"found", tr(lang, "排查隐患", "hazards found"), io::Align::right});
  c.push_back({"closed", tr(lang, "已整改", "closed"), io::Align::right});
  c.push_back({"open", tr(lang, "未整改", "open"), io::Align::right});
  c.push_back({"overdue", tr(lang, "超期未整改", "overdue"), io::Align::right});
  c.push_back({"closure_rate", tr(lang, "整改率", "closure rate"), io::Align::right});
}

void hazard_values(std::vector<Value>& row, const HazardFigures& f)
{
  row.push_back(Value::count(f.found));
  row.push_back(Value::count(f.closed));
  row.push_back(Value::count(f.open));
  row.push_back(Value::count(f.overdue));
  row.push_back(detail::rate_value(f.closed, f.found));
}

std::map<std::string, HazardFigures> group_hazards(const std::vector<store::CampaignHazards>& hazards,
                                                  std::string store::CampaignHazards::*by)
{
  std::map<std::string, HazardFigures> out;
  for (const auto& h : hazards) out[h.*by].add(h);
  return out;
}

// A row of a hazard table grouped by one code: the code and the row's leading cells.
struct HazardRow {
  std::string code;
  std::vector<Value> lead;
};

// The rest of a hazard table grouped by one code (its leading columns are in already): the
// hazard figures and one more count (`extra`) for each row's code, then the total row.
void hazard_table(Table& t, const std::vector<HazardRow>& rows, const std::map<std::string, HazardFigures>& by,
                  const HazardFigures& total, io::Column extra_column, int64_t HazardFigures::*extra, Lang lang)
{
  const size_t lead_columns = t.columns.size();
  hazard_columns(t.columns, lang);
  t.columns.push_back(std::move(extra_column));
  const auto add = [&](std::vector<Value> row, const HazardFigures& f) {
    hazard_values(row, f);
    row.push_back(Value::count(f.*extra));
    t.rows.push_back(std::move(row));
  };
  for (const auto& r : rows) {
    const auto it = by.find(r.code);
    add(r.lead, it == by.end() ? HazardFigures{} : it->second);
  }
  std::vector<Value> lead{Value::coded("total", tr(lang, "合计", "total"))};
  lead.resize(lead_columns, Value::null());
  add(std::move(lead), total);
}

std::string total_label(const CampaignScope& scope, Lang lang)
{
  if (scope.region_prefix.empty()) return tr(lang, "全省合计", "province total");
  return tr(lang, "合计", "total");
}

// One row per prefecture and the total row, from per-prefecture values.
template <class T, class Fill>
void prefecture_rows(Table& t, const std::vector<std::pair<std::string, std::string>>& prefs,
                     const std::map<std::string, T>& by, const T& total, const CampaignScope& scope, Lang lang, Fill fill)
{
  for (const auto& [code, name] : prefs) {
    std::vector<Value> row{Value::text(code), Value::text(name)};
    const auto it = by.find(code);
    fill(row, it == by.end() ? T{} : it->second);
    t.rows.push_back(std::move(row));
  }
  if (const auto it = by.find(""); it != by.end()) {  // enterprises without a region
    std::vector<Value> row{Value::null(), Value::text(tr(lang, "（无地区）", "(no region)"))};
    fill(row, it->second);
    t.rows.push_back(std::move(row));
  }
  std::vector<Value> row{Value::null(), Value::text(total_label(scope, lang))};
  fill(row, total);
  t.rows.push_back(std::move(row));
}

void prefecture_columns(std::vector<io::Column>& c, Lang lang)
{
  c.push_back({"region_code", tr(lang, "区划代码", "region code"), io::Align::left});
  c.push_back({"prefecture", tr(lang, "市州", "prefecture"), io::Align::left});
}

}  // namespace

std::span<const std::string_view> campaign_key_sectors() { return k_key_sectors; }

Document build_campaign(store::Database& db, store::DateRange range, const CampaignScope& scope, const Context& ctx)
{
  const Lang lang = ctx.lang;
  const bool partial = ctx.today < range.end;
  const domain::Date as_of = partial ? ctx.today : range.end;
  const store::DateRange counted{range.start, as_of};
  Document doc;
  doc.kind = "campaign";
  doc.title = tr(lang, "隐患排查整治专项行动进展情况", "Progress of the hazard investigation and remediation campaign");
  if (!scope.region_name.empty()) doc.title += lang == Lang::zh ? fmt::format("（{}）", scope.region_name) : fmt::format(" ({})", scope.region_name);
  doc.subtitle = lang == Lang::zh
                     ? fmt::format("统计期间：{}至{}　数据截至：{}", range.start.iso(), range.end.iso(), as_of.iso())
                     : fmt::format("Period: {} to {}. Figures as of {}", range.start.iso(), range.end.iso(), as_of.iso());
  doc.meta = {{"from", Value::text(range.start.iso())},
              {"to", Value::text(range.end.iso())},
              {"as_of", Value::text(as_of.iso())},
              {"partial", Value::number(partial ? "true" : "false", partial ? "✓" : "✗")},
              {"region", scope.region_prefix.empty() ? Value::null() : Value::text(scope.region_name)}};
  if (partial)
    doc.paragraphs.push_back(lang == Lang::zh ? fmt::format("统计期间尚未结束，数据截至 {}。", as_of.iso())
                                              : fmt::format("The period is not over: figures as of {}.", as_of.iso()));

  const auto prefs = store::prefectures(db, scope.region_prefix);
  const auto hazards = store::campaign_hazards(db, counted, as_of, scope.region_prefix);
  const auto unions = store::campaign_union(db, counted, scope.region_prefix);

  // ---- 一、by prefecture
  struct PrefectureFigures {
    HazardFigures h;
    store::CampaignUnion u;
  };
  std::map<std::string, PrefectureFigures> by_pref;
  PrefectureFigures total;
  for (const auto& h : hazards) {
    by_pref[h.prefecture].h.add(h);
    total.h.add(h);
  }
  for (const auto& u : unions) {
    auto& p = by_pref[u.prefecture].u;
    p.enterprises_inspected += u.enterprises_inspected;
    p.union_visits += u.union_visits;
    p.letters += u.letters;
    total.u.enterprises_inspected += u.enterprises_inspected;
    total.u.union_visits += u.union_visits;
    total.u.letters += u.letters;
  }
  if (scope.region_prefix.empty()) total.u.letters += store::campaign_letters_without_enterprise(db, counted);
  {
    Section s;
    s.key = "by_prefecture";
    s.title = tr(lang, "一、各市州进展情况", "1. Progress by prefecture");
    s.sheet = tr(lang, "分市州", "by prefecture");
    prefecture_columns(s.table.columns, lang);
    s.table.columns.push_back({"enterprises_inspected", tr(lang, "检查企业", "enterprises inspected"), io::Align::right});
    hazard_columns(s.table.columns, lang);
    s.table.columns.push_back({"major", tr(lang, "重大隐患", "major hazards"), io::Align::right});
    s.table.columns.push_back({"supervised", tr(lang, "挂牌督办", "under 挂牌督办"), io::Align::right});
    s.table.columns.push_back({"union_visits", tr(lang, "工会监督检查", "union visits"), io::Align::right});
    s.table.columns.push_back({"letters", tr(lang, "监督函件", "letters"), io::Align::right});
    prefecture_rows(s.table, prefs, by_pref, total, scope, lang, [](std::vector<Value>& row, const PrefectureFigures& f) {
      row.push_back(Value::count(f.u.enterprises_inspected));
      hazard_values(row, f.h);
      row.push_back(Value::count(f.h.major));
      row.push_back(Value::count(f.h.supervised));
      row.push_back(Value::count(f.u.union_visits));
      row.push_back(Value::count(f.u.letters));
    });
    if (scope.region_prefix.empty())
      s.paragraphs.push_back(tr(lang, "监督函件合计含发往部门（不涉及具体企业）的函件。",
                                "The letters' total includes those sent to departments (about no one enterprise)."));
    doc.sections.push_back(std::move(s));
  }

  // ---- 二、by key sector, in the notice's order, then the rest
  {
    const auto by_sector = group_hazards(hazards, &store::CampaignHazards::sector);
    Section s;
    s.key = "by_sector";
    s.title = tr(lang, "二、重点行业领域隐患排查整治情况", "2. Hazards by key sector");
    s.sheet = tr(lang, "分行业领域", "by sector");
    s.table.columns.push_back({"sector", tr(lang, "行业领域", "sector"), io::Align::left});
    s.table.columns.push_back({"key_sector", tr(lang, "重点行业", "key sector"), io::Align::left});
    std::vector<HazardRow> rows;
    const auto add_row = [&](std::string_view code, bool key) {
      rows.push_back({std::string(code), {detail::coded(domain::sectors(), std::string(code), lang), detail::mark(key)}});
    };
    for (const auto code : k_key_sectors) add_row(code, true);
    for (const auto& e : domain::sectors().entries()) {
      if (std::find(k_key_sectors.begin(), k_key_sectors.end(), e.code) != k_key_sectors.end()) continue;
      if (by_sector.count(std::string(e.code))) add_row(e.code, false);
    }
    hazard_table(s.table, rows, by_sector, total.h, {"major", tr(lang, "重大隐患", "major hazards"), io::Align::right},
                 &HazardFigures::major, lang);
    doc.sections.push_back(std::move(s));
  }

  // ---- 三、by level
  {
    Section s;
    s.key = "by_level";
    s.title = tr(lang, "三、按隐患等级", "3. Hazards by level");
    s.sheet = tr(lang, "分等级", "by level");
    s.table.columns.push_back({"level", tr(lang, "隐患等级", "level"), io::Align::left});
    std::vector<HazardRow> rows;
    for (const auto& e : domain::hazard_levels().entries())
      rows.push_back({std::string(e.code), {detail::coded(domain::hazard_levels(), std::string(e.code), lang)}});
    hazard_table(s.table, rows, group_hazards(hazards, &store::CampaignHazards::level), total.h,
                 {"supervised", tr(lang, "挂牌督办", "under 挂牌督办"), io::Align::right}, &HazardFigures::supervised, lang);
    doc.sections.push_back(std::move(s));
  }

  // ---- 四、三违 by kind, 五、persons trained by audience
  store::RecordFilter rf;
  rf.days.from = counted.start.iso();
  rf.days.to = counted.end.iso();
  rf.region_prefix = scope.region_prefix;
  auto record_section = [&](const ops::RecordType& type, std::string key, std::string title, std::string sheet,
                            const domain::CodeSet& codes, std::string total_title) {
    const auto records = store::list_records(db, type.table(), rf);
    using Counts = std::map<std::string, int64_t>;
    std::map<std::string, Counts> by;
    Counts all;
    for (const auto& r : records) {
      const std::string code = r.values[type.group_field].value_or("");
      const int64_t n = type.measure ? std::stoll(r.values[*type.measure].value_or("0")) : 1;
      by[r.prefecture_code][code] += n;
      by[r.prefecture_code][""] += n;
      by[r.prefecture_code]["#records"] += 1;
      all[code] += n;
      all[""] += n;
      all["#records"] += 1;
    }
    Section s;
    s.key = std::move(key);
    s.title = std::move(title);
    s.sheet = std::move(sheet);
    prefecture_columns(s.table.columns, lang);
    for (const auto& e : codes.entries())
      s.table.columns.push_back({std::string(e.code), std::string(lang == Lang::zh ? e.zh : e.en), io::Align::right});
    s.table.columns.push_back({"total", std::move(total_title), io::Align::right});
    if (type.measure) s.table.columns.push_back({"sessions", tr(lang, "培训场次", "sessions"), io::Align::right});
    prefecture_rows(s.table, prefs, by, all, scope, lang, [&](std::vector<Value>& row, const Counts& c) {
      auto get = [&](const std::string& k) {
        const auto it = c.find(k);
        return it == c.end() ? int64_t{0} : it->second;
      };
      for (const auto& e : codes.entries()) row.push_back(Value::count(get(std::string(e.code))));
      row.push_back(Value::count(get("")));
      if (type.measure) row.push_back(Value::count(get("#records")));
    });
    doc.sections.push_back(std::move(s));
  };
  record_section(ops::violation_type(), "violations", tr(lang, "四、查处“三违”情况", "4. 三违 found, by kind"),
                 tr(lang, "三违", "三违"), domain::violation_kinds(), tr(lang, "合计", "total"));
  record_section(ops::training_type(), "training", tr(lang, "五、专项培训情况（人次）", "5. Persons trained, by audience"),
                 tr(lang, "专项培训", "training"), domain::training_audiences(), tr(lang, "合计人次", "persons"));

  // ---- 六、leaders on duty on the days off
  {
    const auto calendar = store::load_calendar(db);
    const auto days_off = domain::days_off_between(calendar, counted.start, counted.end);
    std::map<domain::Date, bool> on_duty;
    for (const auto& d : store::list_duties(db, counted.start, counted.end)) on_duty[d.day] = true;
    std::vector<std::string> uncovered;
    for (const auto d : days_off)
      if (!on_duty.count(d)) uncovered.push_back(d.iso());
    bool provisional = false;
    for (int y = counted.start.year(); y <= counted.end.year(); ++y)
      provisional = provisional || calendar.is_provisional_year(y) || !calendar.covers(y);
    Section s;
    s.key = "duty";
    s.title = tr(lang, "六、节假日领导到岗带班情况", "6. Leaders on duty on days off");
    s.sheet = tr(lang, "到岗带班", "duty");
    s.table.columns = {{"days_off", tr(lang, "休息日", "days off"), io::Align::right},
                       {"covered", tr(lang, "已安排带班", "with a leader"), io::Align::right},
                       {"uncovered", tr(lang, "未安排带班", "without a leader"), io::Align::right}};
    const auto n_off = static_cast<int64_t>(days_off.size());
    const auto n_uncovered = static_cast<int64_t>(uncovered.size());
    s.table.rows.push_back({Value::count(n_off), Value::count(n_off - n_uncovered), Value::count(n_uncovered)});
    if (!uncovered.empty()) {
      std::string list;
      for (const auto& d : uncovered) list += (list.empty() ? "" : lang == Lang::zh ? "、" : ", ") + d;
      s.paragraphs.push_back(lang == Lang::zh ? fmt::format("未安排带班领导的休息日：{}。", list)
                                              : fmt::format("Days off without a leader on duty: {}.", list));
    }
    if (provisional)
      s.paragraphs.push_back(tr(lang, "统计期间含尚无国务院放假通知的年份，休息日为暂定。",
                                "The period includes a year without the State Council's notice: its days off are provisional."));
    doc.sections.push_back(std::move(s));
  }
  return doc;
}

}  // namespace ankang::report

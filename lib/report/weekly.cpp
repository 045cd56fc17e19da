// `report weekly`: the summary a union office sends its leaders every Monday.
#include "report/common.hpp"
#include "report/union.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace ankang::report {

namespace {

using namespace detail;
using domain::Lang;

constexpr int k_trend_weeks = 8;
constexpr size_t k_top_enterprises = 10;
// Lists in the weekly stop here; the note gives the full count and `report overdue` the rest.
constexpr int64_t k_list_limit = 50;
constexpr int k_due_window_days = 7;

std::string report_title(const PeriodSpec& p, const Scope& scope, Lang lang)
{
  std::string noun;
  switch (p.kind) {
  case PeriodKind::week: noun = tr(lang, "周报", "weekly report"); break;
  case PeriodKind::month: noun = tr(lang, "月报", "monthly report"); break;
  case PeriodKind::quarter: noun = tr(lang, "季报", "quarterly report"); break;
  case PeriodKind::year: noun = tr(lang, "年报", "annual report"); break;
  case PeriodKind::range: noun = tr(lang, "情况报告", "report"); break;
  }
  return lang == Lang::zh ? fmt::format("安全生产事故隐患排查治理{}{}", noun, scope_suffix(scope, lang))
                          : fmt::format("Hazard investigation and remediation {}{}", noun, scope_suffix(scope, lang));
}

// "较上周增加1项" / "1 more than the week before".
std::string change_phrase(int64_t now, int64_t before, const std::string& previous, Lang lang)
{
  const int64_t d = now - before;
  if (lang == Lang::zh) {
    if (d == 0) return fmt::format("与{}持平", previous);
    return fmt::format("较{}{}{}项", previous, d > 0 ? "增加" : "减少", d > 0 ? d : -d);
  }
  if (d == 0) return fmt::format("as many as {}", previous);
  return fmt::format("{} {} than {}", d > 0 ? d : -d, d > 0 ? "more" : "fewer", previous);
}

std::string summary_paragraph(const PeriodSpec& p, const store::PeriodFigures& f, const store::PeriodFigures& prev, Lang lang)
{
  const std::string previous = previous_period_name(p, lang);
  const auto rate = percent(f.closed, f.open_at_start + f.new_count);
  const auto prev_rate = percent(prev.closed, prev.open_at_start + prev.new_count);
  if (lang == Lang::zh)
    return fmt::format("{}，共排查发现隐患{}项（其中重大隐患{}项），{}；整改销号{}项，整改率{}（{}{}）；"
                       "期末尚有未整改隐患{}项，其中超期未整改{}项，重大隐患未整改{}项。",
                       p.label, f.new_count, f.new_major,
                       change_phrase(f.new_count, prev.new_count, previous, lang), f.closed, rate ? *rate + "%" : "—",
                       previous, prev_rate ? *prev_rate + "%" : "—", f.open_at_end, f.overdue_at_end, f.major_open_at_end);
  return fmt::format("In {}, {} hazards were found ({} major), {}; {} were closed, a closure rate of {} ({}: {}). "
                     "At the end of the period {} hazards were open, {} of them overdue; {} major hazards were open.",
                     p.label, f.new_count, f.new_major,
                     change_phrase(f.new_count, prev.new_count, previous, lang), f.closed, rate ? *rate + "%" : "—",
                     previous, prev_rate ? *prev_rate + "%" : "—", f.open_at_end, f.overdue_at_end, f.major_open_at_end);
}

Section headline(const store::PeriodFigures& f, const store::PeriodFigures& prev, const PeriodSpec& p, Lang lang)
{
  Section s;
  s.key = "headline";
  s.title = tr(lang, "一、主要指标", "1. Headline figures");
  s.sheet = tr(lang, "主要指标", "Headline");
  s.table.columns = {
      {"figure", tr(lang, "指标", "figure"), io::Align::left},
      {"current", tr(lang, "本期", "this period"), io::Align::right},
      {"previous", previous_period_name(p, lang), io::Align::right},
      // A number, its unit in the header: no cell needs an apostrophe in Excel.
      {"change", tr(lang, "增减（项；整改率为百分点）", "change (hazards; rate in pp)"), io::Align::right},
  };
  auto count_row = [&](const char* key, std::string label, int64_t now, int64_t before) {
    s.table.rows.push_back({Value::coded(key, std::move(label)), Value::count(now), Value::count(before),
                            Value::number(std::to_string(now - before), signed_number(now - before))});
  };
  count_row("new", tr(lang, "新增隐患", "new hazards"), f.new_count, prev.new_count);
  count_row("new_major", tr(lang, "其中重大隐患", "of which major"), f.new_major, prev.new_major);
  count_row("closed", tr(lang, "整改销号", "closed"), f.closed, prev.closed);
  {
    const auto now = percent(f.closed, f.open_at_start + f.new_count);
    const auto before = percent(prev.closed, prev.open_at_start + prev.new_count);
    Value change = Value::null("—");
    if (now && before) {
      // Percentage points, from the rounded tenths both sides show.
      auto tenths = [](const std::string& text) { return std::stoll(text.substr(0, text.find('.'))) * 10 + (text.back() - '0'); };
      const int64_t d = tenths(*now) - tenths(*before);
      const int64_t a = d < 0 ? -d : d;
      const std::string magnitude = fmt::format("{}.{}", a / 10, a % 10);
      change = Value::number((d < 0 ? "-" : "") + magnitude,
                             (d > 0 ? "+" : (d < 0 ? "-" : "")) + magnitude);
    }
    s.table.rows.push_back({Value::coded("closure_rate", tr(lang, "整改率", "closure rate")),
                            rate_value(f.closed, f.open_at_start + f.new_count),
                            rate_value(prev.closed, prev.open_at_start + prev.new_count), change});
  }
  count_row("open_at_start", tr(lang, "期初未整改", "open at start"), f.open_at_start, prev.open_at_start);
  count_row("open_at_end", tr(lang, "期末未整改", "open at end"), f.open_at_end, prev.open_at_end);
  count_row("overdue_at_end", tr(lang, "其中超期未整改", "of which overdue"), f.overdue_at_end, prev.overdue_at_end);
  count_row("major_open_at_end", tr(lang, "重大隐患未整改", "major hazards open"), f.major_open_at_end, prev.major_open_at_end);
  return s;
}

void add_total_row(Table& t, size_t key_columns, const store::PeriodFigures& total, Lang lang)
{
  std::vector<Value> row;
  row.push_back(Value::coded("total", tr(lang, "合计", "total")));
  for (size_t i = 1; i < key_columns; ++i) row.push_back(Value::null(""));
  add_figure_values(row, total);
  t.rows.push_back(std::move(row));
}

// Mermaid labels are quoted strings: keep them free of quotes.
std::string chart_label(std::string s)
{
  for (char& c : s)
    if (c == '"') c = '\'';
  return s;
}

// The weekly figures, folded from one pass over the hazards (store::figures_by_enterprise).
struct Folded {
  store::PeriodFigures current;
  store::PeriodFigures previous;
  std::map<std::string, store::PeriodFigures> sectors;
  std::map<std::string, store::PeriodFigures> levels;
  std::map<std::string, store::PeriodFigures> regions;  // prefecture or county code
  std::map<int64_t, store::PeriodFigures> enterprises;
};

Folded fold(store::Database& db, const Scope& scope, const PeriodSpec& p)
{
  const bool counties = scope.filter.region_prefix.size() > 2;
  const std::vector<store::DateRange> ranges{p.range, p.previous};
  const auto labels = store::enterprise_labels(db);
  Folded f;
  for (const auto& c : store::figures_by_enterprise(db, scope.filter, ranges)) {
    const auto& now = c.figures.at(0);
    store::add_figures(f.current, now);
    store::add_figures(f.previous, c.figures.at(1));
    store::add_figures(f.sectors[c.sector], now);
    store::add_figures(f.levels[c.level], now);
    store::add_figures(f.enterprises[c.enterprise_id], now);
    const auto it = labels.find(c.enterprise_id);
    const std::string code = it == labels.end() ? std::string() : it->second.region_code;
    store::add_figures(f.regions[counties || code.empty() ? code : code.substr(0, 4) + "00"], now);
  }
  return f;
}

Section by_sector(const std::map<std::string, store::PeriodFigures>& groups, const store::PeriodFigures& total, Lang lang)
{
  Section s;
  s.key = "by_sector";
  s.title = tr(lang, "二、分行业领域情况", "2. By sector");
  s.sheet = tr(lang, "分行业", "By sector");
  s.table.columns = {{"sector", tr(lang, "行业领域", "sector"), io::Align::left}};
  add_figure_columns(s.table.columns, lang);
  // The official order of sectors, as in `report summary`.
  std::vector<std::pair<std::string, const store::PeriodFigures*>> ordered;
  for (const auto& [key, figures] : groups) ordered.emplace_back(key, &figures);
  std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
    return code_rank(domain::sectors(), a.first) < code_rank(domain::sectors(), b.first);
  });
  std::string x, y;
  for (const auto& [key, group] : ordered) {
    const store::PeriodFigures& figures = *group;
    std::vector<Value> row{coded(domain::sectors(), key, lang)};
    add_figure_values(row, figures);
    s.table.rows.push_back(std::move(row));
    x += fmt::format("{}\"{}\"", x.empty() ? "" : ", ", chart_label(std::string(domain::sectors().label(key, lang))));
    y += fmt::format("{}{}", y.empty() ? "" : ", ", figures.new_count);
  }
  add_total_row(s.table, 1, total, lang);
  if (!groups.empty())
    s.chart = fmt::format("xychart-beta\n    title \"{}\"\n    x-axis [{}]\n    y-axis \"{}\"\n    bar [{}]",
                          tr(lang, "本期新增隐患（按行业领域）", "New hazards by sector"), x, tr(lang, "项", "hazards"), y);
  return s;
}

Section by_region(store::Database& db, const Scope& scope, const std::map<std::string, store::PeriodFigures>& groups,
                  const store::PeriodFigures& total, Lang lang)
{
  // The province (or no region) is shown by prefecture; a prefecture or county by county.
  const bool counties = scope.filter.region_prefix.size() > 2;
  Section s;
  s.key = "by_region";
  s.title = counties ? tr(lang, "三、分县（区）情况", "3. By county") : tr(lang, "三、分市（州）情况", "3. By prefecture");
  s.sheet = tr(lang, "分地区", "By region");
  s.table.columns = {{"region_code", tr(lang, "区划代码", "code"), io::Align::left},
                     {"region", tr(lang, "地区", "region"), io::Align::left}};
  add_figure_columns(s.table.columns, lang);
  const auto names = store::region_names(db);
  for (const auto& [key, figures] : groups) {
    const auto name = names.find(key);
    std::vector<Value> row{text_or_null(key), name == names.end() ? Value::null(key.empty() ? tr(lang, "未填地区", "unknown") : key)
                                                                  : Value::text(name->second)};
    add_figure_values(row, figures);
    s.table.rows.push_back(std::move(row));
  }
  add_total_row(s.table, 2, total, lang);
  return s;
}

Section by_level(const std::map<std::string, store::PeriodFigures>& groups, const store::PeriodFigures& total, Lang lang)
{
  Section s;
  s.key = "by_level";
  s.title = tr(lang, "四、分隐患等级情况", "4. By level");
  s.sheet = tr(lang, "分等级", "By level");
  s.table.columns = {{"level", tr(lang, "隐患等级", "level"), io::Align::left}};
  add_figure_columns(s.table.columns, lang);
  std::string pie = fmt::format("pie title {}", tr(lang, "本期新增隐患等级分布", "New hazards by level"));
  for (const char* level : {"general", "major"}) {
    const auto it = groups.find(level);
    const store::PeriodFigures f = it == groups.end() ? store::PeriodFigures{} : it->second;
    std::vector<Value> row{coded(domain::hazard_levels(), level, lang)};
    add_figure_values(row, f);
    s.table.rows.push_back(std::move(row));
    pie += fmt::format("\n    \"{}\" : {}", domain::hazard_levels().label(level, lang), f.new_count);
  }
  add_total_row(s.table, 1, total, lang);
  s.chart = pie;
  return s;
}

Section top_enterprises(store::Database& db, const std::map<int64_t, store::PeriodFigures>& enterprises, Lang lang)
{
  Section s;
  s.key = "top_enterprises";
  s.title = tr(lang, "八、未整改隐患最多的企业（前10家）", "8. Enterprises with the most open hazards (top 10)");
  s.sheet = tr(lang, "企业", "Enterprises");
  s.empty_note = tr(lang, "期末无未整改隐患。", "No hazard was open at the end of the period.");
  s.table.columns = {
      {"rank", tr(lang, "序号", "rank"), io::Align::right},
      {"enterprise", tr(lang, "企业", "enterprise"), io::Align::left},
      {"uscc", tr(lang, "统一社会信用代码", "USCC"), io::Align::left},
      {"open_at_end", tr(lang, "未整改", "open"), io::Align::right},
      {"major_open_at_end", tr(lang, "其中重大", "of which major"), io::Align::right},
      {"overdue_at_end", tr(lang, "其中超期", "of which overdue"), io::Align::right},
  };
  const auto labels = store::enterprise_labels(db);
  struct Ranked {
    const store::EnterpriseLabel* label;
    const store::PeriodFigures* figures;
  };
  std::vector<Ranked> ranked;
  for (const auto& [id, figures] : enterprises)
    if (figures.open_at_end > 0) ranked.push_back({&labels.at(id), &figures});
  // Most open first; ties by credit code, so the order never depends on insertion.
  std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    return a.figures->open_at_end != b.figures->open_at_end ? a.figures->open_at_end > b.figures->open_at_end
                                                            : a.label->uscc < b.label->uscc;
  });
  if (ranked.size() > k_top_enterprises) ranked.resize(k_top_enterprises);
  int64_t rank = 0;
  for (const auto& r : ranked)
    s.table.rows.push_back({Value::count(++rank), Value::text(r.label->name), Value::text(r.label->uscc),
                            Value::count(r.figures->open_at_end), Value::count(r.figures->major_open_at_end),
                            Value::count(r.figures->overdue_at_end)});
  return s;
}

Section trend(store::Database& db, const Scope& scope, const PeriodSpec& p, Lang lang)
{
  Section s;
  s.key = "trend";
  s.title = tr(lang, "九、近8周新增与销号趋势", "9. New and closed hazards in the last 8 weeks");
  s.sheet = tr(lang, "趋势", "Trend");
  s.table.columns = {
      {"week", tr(lang, "周次", "week"), io::Align::left},
      {"start", tr(lang, "起始日期", "from"), io::Align::left},
      {"new", tr(lang, "新增", "new"), io::Align::right},
      {"closed", tr(lang, "销号", "closed"), io::Align::right},
  };
  std::string x, bars, line;
  for (const auto& w : store::weekly_trend(db, scope.filter, p.range.end, k_trend_weeks)) {
    const std::string code = iso_week_code(w.monday);
    s.table.rows.push_back({Value::text(code), Value::text(w.monday.iso()), Value::count(w.new_count), Value::count(w.closed)});
    x += fmt::format("{}\"{}\"", x.empty() ? "" : ", ", code.substr(5));
    bars += fmt::format("{}{}", bars.empty() ? "" : ", ", w.new_count);
    line += fmt::format("{}{}", line.empty() ? "" : ", ", w.closed);
  }
  s.paragraphs.push_back(tr(lang, "图中柱为新增，折线为销号。", "Bars: new; line: closed."));
  s.chart = fmt::format("xychart-beta\n    title \"{}\"\n    x-axis [{}]\n    y-axis \"{}\"\n    bar [{}]\n    line [{}]",
                        tr(lang, "近8周新增与销号", "New and closed, last 8 weeks"), x, tr(lang, "项", "hazards"), bars, line);
  return s;
}

}  // namespace

Document build_weekly(store::Database& db, const Scope& scope, const PeriodSpec& p, const Context& ctx)
{
  const Lang lang = ctx.lang;
  const Folded folded = fold(db, scope, p);
  const auto& f = folded.current;
  const auto& prev = folded.previous;

  Document doc;
  doc.kind = "weekly";
  doc.title = report_title(p, scope, lang);
  doc.subtitle = lang == Lang::zh ? fmt::format("统计期间：{}　报告日期：{}", p.label, ctx.today.iso())
                                  : fmt::format("Period: {}. Report date: {}", p.label, ctx.today.iso());
  doc.meta = {{"period", Value::text(p.code)},
              {"start", Value::text(p.range.start.iso())},
              {"end", Value::text(p.range.end.iso())},
              {"previous_start", Value::text(p.previous.start.iso())},
              {"previous_end", Value::text(p.previous.end.iso())},
              {"as_of", Value::text(ctx.today.iso())}};
  add_scope_fields(doc.meta, scope);
  add_partial_note(doc, p, lang, true);
  doc.paragraphs.push_back(summary_paragraph(p, f, prev, lang));

  doc.sections.push_back(headline(f, prev, p, lang));
  doc.sections.push_back(by_sector(folded.sectors, f, lang));
  doc.sections.push_back(by_region(db, scope, folded.regions, f, lang));
  doc.sections.push_back(by_level(folded.levels, f, lang));

  Section major;
  major.key = "open_major";
  major.title = tr(lang, "五、重大隐患治理情况（五落实）", "5. Open major hazards and their five assurances (五落实)");
  major.sheet = tr(lang, "重大隐患", "Major");
  major.empty_note = tr(lang, "期末无未整改重大隐患。", "No major hazard was open at the end of the period.");
  major.table = open_major_table(store::open_major_hazards(db, scope.filter, p.range.end), p.range.end, DayBasis::period_end, lang);
  doc.sections.push_back(std::move(major));

  Section overdue;
  overdue.key = "overdue";
  overdue.title = tr(lang, "六、超期未整改隐患（按超期天数排序）", "6. Overdue hazards, most overdue first");
  overdue.sheet = tr(lang, "超期", "Overdue");
  overdue.empty_note = tr(lang, "期末无超期未整改隐患。", "No hazard was overdue at the end of the period.");
  overdue.table = overdue_table(store::overdue_hazards(db, scope.filter, p.range.end, k_list_limit), p.range.end, DayBasis::period_end, lang);
  if (f.overdue_at_end > k_list_limit)
    overdue.paragraphs.push_back(lang == Lang::zh
                                     ? fmt::format("共{}项，以下列出超期最久的{}项；完整清单见 ankang report overdue。", f.overdue_at_end, k_list_limit)
                                     : fmt::format("{} in all; the {} most overdue are listed; 'ankang report overdue' lists them all.",
                                                   f.overdue_at_end, k_list_limit));
  doc.sections.push_back(std::move(overdue));

  const store::DateRange window{p.range.end + 1, p.range.end + k_due_window_days};
  Section due;
  due.key = "due_soon";
  due.title = tr(lang, "七、未来7日到期隐患", "7. Due in the next 7 days");
  due.sheet = tr(lang, "到期", "Due soon");
  due.paragraphs.push_back(lang == Lang::zh ? fmt::format("整改期限在{}的待整改、整改中隐患。", dates_text(window, lang))
                                            : fmt::format("Open or rectifying hazards due {}.", dates_text(window, lang)));
  due.empty_note = tr(lang, "无。", "None.");
  due.table = due_table(store::hazards_due(db, scope.filter, window, k_list_limit), p.range.end, DayBasis::period_end, lang);
  // A leader reads the soonest; the whole list is one command away. JSON carries the count.
  const auto due_count = store::count_hazards_due(db, scope.filter, window);
  doc.meta.push_back({"due_soon_total", Value::count(due_count)});
  if (due_count > k_list_limit)
    due.paragraphs.push_back(lang == Lang::zh
                                 ? fmt::format("共{}项，以下列出最先到期的{}项；完整清单见 ankang hazard list --due-within。",
                                               due_count, k_list_limit)
                                 : fmt::format("{} in all; the {} due soonest are listed; 'ankang hazard list --due-within' "
                                               "lists them all.",
                                               due_count, k_list_limit));
  doc.sections.push_back(std::move(due));

  doc.sections.push_back(top_enterprises(db, folded.enterprises, lang));
  doc.sections.push_back(trend(db, scope, p, lang));
  for (auto& u : union_sections(db, p.range, ctx.today, 10, lang)) doc.sections.push_back(std::move(u));

  doc.footer.push_back(tr(lang,
                          "口径说明：新增指发现日期在统计期内；销号指销号日期在统计期内；整改率=销号数÷（期初未整改数+新增数）；"
                          "超期指期末仍为待整改或整改中且整改期限早于期末；已作废隐患不计入任何指标。",
                          "Definitions: new = found in the period; closed = closed (written off) in the period; closure rate = "
                          "closed ÷ (open at start + new); overdue = still open or rectifying at the end with a deadline before "
                          "it; voided hazards count nowhere."));
  return doc;
}

}  // namespace ankang::report

// `report quarterly`: the 统计分析表 that 安全生产事故隐患排查治理暂行规定 (16号令) Art. 14 asks of
// every unit each quarter (filed before the 15th of the next quarter) and each year (by 31 January),
// signed by its 主要负责人.
#include "report/common.hpp"
#include "report/union.hpp"

#include "domain/money.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ankang::report {

namespace {

using namespace detail;
using domain::Lang;

void add_statistics_columns(std::vector<io::Column>& c, Lang lang)
{
  c.push_back({"open_at_start", tr(lang, "期初未整改", "open at start"), io::Align::right});
  c.push_back({"found", tr(lang, "排查发现", "found"), io::Align::right});
  c.push_back({"closed", tr(lang, "整改销号", "rectified (closed)"), io::Align::right});
  c.push_back({"closure_rate", tr(lang, "整改率", "closure rate"), io::Align::right});
  c.push_back({"open_at_end", tr(lang, "期末未整改", "open at end"), io::Align::right});
  c.push_back({"overdue_at_end", tr(lang, "其中超期", "of which overdue"), io::Align::right});
  c.push_back({"funds_found", tr(lang, "落实整改资金（元）", "funds of hazards found (yuan)"), io::Align::right});
  c.push_back({"funds_closed", tr(lang, "已整改隐患资金（元）", "funds of hazards closed (yuan)"), io::Align::right});
}

void add_statistics_values(std::vector<Value>& row, const store::PeriodFigures& f)
{
  row.push_back(Value::count(f.open_at_start));
  row.push_back(Value::count(f.new_count));
  row.push_back(Value::count(f.closed));
  row.push_back(rate_value(f.closed, f.open_at_start + f.new_count));
  row.push_back(Value::count(f.open_at_end));
  row.push_back(Value::count(f.overdue_at_end));
  row.push_back(yuan(f.funds_new));
  row.push_back(yuan(f.funds_closed));
}

std::string chinese_date(domain::Date d) { return fmt::format("{}年{}月{}日", d.year(), d.month(), d.day()); }

}  // namespace

Document build_statistics(store::Database& db, const Scope& scope, const PeriodSpec& p, const Context& ctx)
{
  const Lang lang = ctx.lang;
  const bool annual = p.kind == PeriodKind::year;
  const domain::Date deadline = filing_deadline(p);
  const std::vector<store::DateRange> ranges{p.range};
  const auto total = store::period_figures(db, scope.filter, ranges).at(0);

  Document doc;
  doc.kind = annual ? "annual" : "quarterly";
  doc.title = lang == Lang::zh ? fmt::format("生产经营单位事故隐患排查治理{}统计分析表", annual ? "年度" : "季度")
                               : fmt::format("{} statistical analysis of hazard investigation and remediation", annual ? "Annual" : "Quarterly");
  std::string unit = scope.enterprise_name;
  if (unit.empty()) {
    const auto enterprises = store::enterprises_with_hazards(db, scope.filter, p.range);
    unit = lang == Lang::zh ? fmt::format("{}（汇总：本期有隐患记录的企业{}家）", scope.region_name.empty() ? "全部企业" : scope.region_name, enterprises)
                            : fmt::format("{} (roll-up of {} enterprises with hazards in the period)",
                                          scope.region_name.empty() ? "all enterprises" : scope.region_name, enterprises);
  }
  doc.subtitle = lang == Lang::zh ? fmt::format("填报单位：{}　统计期间：{}", unit, p.label)
                                  : fmt::format("Unit: {}. Period: {}", unit, p.label);
  doc.meta = {{"period", Value::text(p.code)},
              {"start", Value::text(p.range.start.iso())},
              {"end", Value::text(p.range.end.iso())},
              {"filing_deadline", Value::text(deadline.iso())},
              {"as_of", Value::text(ctx.today.iso())}};
  add_scope_fields(doc.meta, scope);
  add_partial_note(doc, p, lang, false);

  const auto levels = store::figures_by(db, scope.filter, p.range, store::Grouping::level);
  auto level_figures = [&](const char* level) {
    for (const auto& g : levels)
      if (g.key == level) return g.figures;
    return store::PeriodFigures{};
  };
  const auto general = level_figures("general"), major = level_figures("major");
  const auto rate = percent(total.closed, total.open_at_start + total.new_count);
  doc.paragraphs.push_back(
      lang == Lang::zh
          ? fmt::format("本{}共排查发现事故隐患{}项，其中一般事故隐患{}项、重大事故隐患{}项；整改销号{}项，整改率{}；"
                        "期末尚未整改{}项，其中重大事故隐患{}项、超期未整改{}项。本期发现隐患落实整改资金{}元。",
                        annual ? "年度" : "季度", total.new_count, general.new_count, major.new_count, total.closed,
                        rate ? *rate + "%" : "—", total.open_at_end, total.major_open_at_end, total.overdue_at_end,
                        domain::format_yuan({total.funds_new}))
          : fmt::format("In the {} {} hazards were found, {} general and {} major; {} were rectified and closed, a closure rate "
                        "of {}; {} remained open at the end ({} major, {} overdue). Funds of the hazards found: {} yuan.",
                        annual ? "year" : "quarter", total.new_count, general.new_count, major.new_count, total.closed,
                        rate ? *rate + "%" : "—", total.open_at_end, total.major_open_at_end, total.overdue_at_end,
                        domain::format_yuan({total.funds_new})));

  Section by_level;
  by_level.key = "by_level";
  by_level.title = tr(lang, "一、隐患排查治理情况（按等级）", "1. Hazards found and rectified, by level");
  by_level.table.columns = {{"level", tr(lang, "隐患等级", "level"), io::Align::left}};
  add_statistics_columns(by_level.table.columns, lang);
  for (const char* level : {"general", "major"}) {
    std::vector<Value> row{coded(domain::hazard_levels(), level, lang)};
    add_statistics_values(row, level_figures(level));
    by_level.table.rows.push_back(std::move(row));
  }
  {
    std::vector<Value> row{Value::coded("total", tr(lang, "合计", "total"))};
    add_statistics_values(row, total);
    by_level.table.rows.push_back(std::move(row));
  }
  doc.sections.push_back(std::move(by_level));

  Section by_sector;
  by_sector.key = "by_sector";
  by_sector.title = tr(lang, "二、分行业领域情况", "2. By sector");
  by_sector.table.columns = {{"sector", tr(lang, "行业领域", "sector"), io::Align::left}};
  add_statistics_columns(by_sector.table.columns, lang);
  auto sectors = store::figures_by(db, scope.filter, p.range, store::Grouping::sector);
  std::stable_sort(sectors.begin(), sectors.end(), [](const auto& a, const auto& b) {
    return code_rank(domain::sectors(), a.key) < code_rank(domain::sectors(), b.key);
  });
  for (const auto& g : sectors) {
    std::vector<Value> row{coded(domain::sectors(), g.key, lang)};
    add_statistics_values(row, g.figures);
    by_sector.table.rows.push_back(std::move(row));
  }
  {
    std::vector<Value> row{Value::coded("total", tr(lang, "合计", "total"))};
    add_statistics_values(row, total);
    by_sector.table.rows.push_back(std::move(row));
  }
  doc.sections.push_back(std::move(by_sector));

  Section majors;
  majors.key = "major_hazards";
  majors.title = tr(lang, "三、重大事故隐患清单", "3. Major hazards");
  majors.paragraphs.push_back(tr(lang, "本期发现的及期初尚未销号的重大事故隐患。", "Major hazards found in the period or still open at its start."));
  majors.empty_note = tr(lang, "本期无重大事故隐患。", "No major hazard in the period.");
  majors.table.columns = {
      {"no", tr(lang, "隐患编号", "no."), io::Align::left},
      {"enterprise", tr(lang, "企业", "enterprise"), io::Align::left},
      {"found_on", tr(lang, "发现日期", "found"), io::Align::left},
      {"description", tr(lang, "隐患描述", "description"), io::Align::left},
      {"basis", tr(lang, "判定依据", "basis"), io::Align::left},
      {"status", tr(lang, "状态", "status"), io::Align::left},
      {"owner", tr(lang, "责任人", "owner"), io::Align::left},
      {"measures", tr(lang, "治理措施", "measures"), io::Align::left},
      {"funds", tr(lang, "资金（元）", "funds (yuan)"), io::Align::right},
      {"due_on", tr(lang, "整改期限", "due"), io::Align::left},
      {"closed_on", tr(lang, "销号日期", "closed"), io::Align::left},
  };
  for (const auto& h : store::major_hazards_in(db, scope.filter, p.range))
    majors.table.rows.push_back({Value::text(h.no), Value::text(h.enterprise), Value::text(h.found_on), Value::text(h.description),
                                 text_or_null(h.basis), coded(domain::hazard_statuses(), h.status, lang), text_or_null(h.owner),
                                 text_or_null(h.measures), h.funds ? yuan(*h.funds) : Value::null("—"), date_value(h.due_on),
                                 date_value(h.closed_on)});
  doc.sections.push_back(std::move(majors));
  for (auto& u : union_sections(db, p.range, ctx.today, 4, lang)) doc.sections.push_back(std::move(u));

  doc.footer.push_back(
      lang == Lang::zh
          ? fmt::format("报送期限：依据《安全生产事故隐患排查治理暂行规定》第十四条，本表应于{}前报送{}。", chinese_date(deadline),
                        annual ? "（次年1月31日前）" : "（下一季度15日前）")
          : fmt::format("Filing deadline: under Art. 14 of the Interim Provisions on hazard investigation and remediation "
                        "(SAWS Order No. 16), this form is due by {} ({}).",
                        deadline.iso(), annual ? "31 January of the next year" : "before the 15th of the next quarter"));
  doc.footer.push_back(tr(lang, "主要负责人（签字）：＿＿＿＿＿＿　　填表人：＿＿＿＿＿＿　　填报日期：＿＿＿＿年＿＿月＿＿日",
                          "Principal person in charge (signature): ............    Prepared by: ............    Date: ............"));
  return doc;
}

}  // namespace ankang::report

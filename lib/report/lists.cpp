// The hazard lists the reports share: open major hazards with their 五落实, overdue, due soon.
#include "report/common.hpp"

#include "domain/date.hpp"

namespace ankang::report::detail {

namespace {

using domain::Lang;

std::string enterprise_cell(const store::HazardRow& h) { return h.enterprise; }

// Days from `as_of` to the deadline (negative when past), or null without a deadline.
Value days_until(const std::string& due_on, domain::Date as_of)
{
  if (due_on.empty()) return Value::null("—");
  return Value::count(domain::parse_date(due_on) - as_of);
}

// The day-count columns say what they count to: a period report counts to the period's last
// day, a list as of a date counts to that date.
std::string days_left_label(DayBasis basis, Lang lang)
{
  return basis == DayBasis::period_end ? tr(lang, "截至期末剩余天数", "days left at period end")
                                       : tr(lang, "截至今日剩余天数", "days left as of today");
}

std::string days_overdue_label(DayBasis basis, Lang lang)
{
  return basis == DayBasis::period_end ? tr(lang, "截至期末超期天数", "days overdue at period end")
                                       : tr(lang, "截至今日超期天数", "days overdue as of today");
}

}  // namespace

Table open_major_table(const std::vector<store::HazardRow>& rows, domain::Date as_of, DayBasis basis, Lang lang)
{
  Table t;
  t.columns = {
      {"no", tr(lang, "隐患编号", "no."), io::Align::left},
      {"enterprise", tr(lang, "企业", "enterprise"), io::Align::left},
      {"description", tr(lang, "隐患描述", "description"), io::Align::left},
      {"status", tr(lang, "状态", "status"), io::Align::left},
      {"has_owner", tr(lang, "责任", "owner"), io::Align::left},
      {"has_measures", tr(lang, "措施", "measures"), io::Align::left},
      {"has_funds", tr(lang, "资金", "funds"), io::Align::left},
      {"has_deadline", tr(lang, "时限", "deadline"), io::Align::left},
      {"has_emergency_plan", tr(lang, "预案", "emergency plan"), io::Align::left},
      {"owner", tr(lang, "责任人", "owner name"), io::Align::left},
      {"due_on", tr(lang, "整改期限", "due"), io::Align::left},
      {"days_to_deadline", days_left_label(basis, lang), io::Align::right},
  };
  for (const auto& h : rows)
    t.rows.push_back({Value::text(h.no), Value::text(enterprise_cell(h)), Value::text(h.description),
                      coded(domain::hazard_statuses(), h.status, lang), mark(!h.owner.empty()), mark(!h.measures.empty()),
                      mark(h.funds.has_value()), mark(!h.due_on.empty()), mark(!h.emergency_plan.empty()),
                      text_or_null(h.owner), date_value(h.due_on), days_until(h.due_on, as_of)});
  return t;
}

Table overdue_table(const std::vector<store::HazardRow>& rows, domain::Date as_of, DayBasis basis, Lang lang)
{
  Table t;
  t.columns = {
      {"rank", tr(lang, "序号", "rank"), io::Align::right},
      {"no", tr(lang, "隐患编号", "no."), io::Align::left},
      {"enterprise", tr(lang, "企业", "enterprise"), io::Align::left},
      {"region", tr(lang, "地区", "region"), io::Align::left},
      {"sector", tr(lang, "行业领域", "sector"), io::Align::left},
      {"level", tr(lang, "等级", "level"), io::Align::left},
      {"description", tr(lang, "隐患描述", "description"), io::Align::left},
      {"owner", tr(lang, "责任人", "owner"), io::Align::left},
      {"due_on", tr(lang, "整改期限", "due"), io::Align::left},
      {"days_overdue", days_overdue_label(basis, lang), io::Align::right},
      {"extensions", tr(lang, "延期次数", "extensions"), io::Align::right},
  };
  int64_t rank = 0;
  for (const auto& h : rows)
    t.rows.push_back({Value::count(++rank), Value::text(h.no), Value::text(enterprise_cell(h)), text_or_null(h.region),
                      coded(domain::sectors(), h.sector, lang), coded(domain::hazard_levels(), h.level, lang),
                      Value::text(h.description), text_or_null(h.owner), date_value(h.due_on),
                      Value::count(as_of - domain::parse_date(h.due_on)), Value::count(h.extensions)});
  return t;
}

Table due_table(const std::vector<store::HazardRow>& rows, domain::Date as_of, DayBasis basis, Lang lang)
{
  Table t;
  t.columns = {
      {"no", tr(lang, "隐患编号", "no."), io::Align::left},
      {"enterprise", tr(lang, "企业", "enterprise"), io::Align::left},
      {"level", tr(lang, "等级", "level"), io::Align::left},
      {"status", tr(lang, "状态", "status"), io::Align::left},
      {"description", tr(lang, "隐患描述", "description"), io::Align::left},
      {"owner", tr(lang, "责任人", "owner"), io::Align::left},
      {"due_on", tr(lang, "整改期限", "due"), io::Align::left},
      {"days_to_deadline", days_left_label(basis, lang), io::Align::right},
  };
  for (const auto& h : rows)
    t.rows.push_back({Value::text(h.no), Value::text(enterprise_cell(h)), coded(domain::hazard_levels(), h.level, lang),
                      coded(domain::hazard_statuses(), h.status, lang), Value::text(h.description), text_or_null(h.owner),
                      date_value(h.due_on), days_until(h.due_on, as_of)});
  return t;
}

Table hazard_table(const std::vector<store::HazardRow>& rows, Lang lang)
{
  Table t;
  t.columns = {
      {"no", tr(lang, "隐患编号", "no."), io::Align::left},
      {"found_on", tr(lang, "发现日期", "found"), io::Align::left},
      {"level", tr(lang, "等级", "level"), io::Align::left},
      {"status", tr(lang, "状态", "status"), io::Align::left},
      {"location", tr(lang, "部位", "location"), io::Align::left},
      {"description", tr(lang, "隐患描述", "description"), io::Align::left},
      {"owner", tr(lang, "责任人", "owner"), io::Align::left},
      {"due_on", tr(lang, "整改期限", "due"), io::Align::left},
  };
  for (const auto& h : rows)
    t.rows.push_back({Value::text(h.no), Value::text(h.found_on), coded(domain::hazard_levels(), h.level, lang),
                      coded(domain::hazard_statuses(), h.status, lang), text_or_null(h.location), Value::text(h.description),
                      text_or_null(h.owner), date_value(h.due_on)});
  return t;
}

}  // namespace ankang::report::detail

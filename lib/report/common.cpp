#include "report/common.hpp"

#include "domain/money.hpp"
#include "error.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace ankang::report {

std::optional<std::string> percent(int64_t part, int64_t base)
{
  if (base <= 0) return std::nullopt;
  // Tenths of a percent, rounded half up, in integers: no floating point in the output.
  const int64_t tenths = (part * 2000 + base) / (2 * base);
  return fmt::format("{}.{}", tenths / 10, tenths % 10);
}

std::string signed_number(int64_t n) { return n > 0 ? fmt::format("+{}", n) : fmt::format("{}", n); }

std::string iso_week_code(domain::Date d)
{
  const domain::Date thursday = d + (4 - static_cast<int32_t>(d.iso_weekday()));
  const int year = thursday.year();
  const int week = (thursday - domain::Date::from_ymd(year, 1, 1)) / 7 + 1;
  return fmt::format("{}-W{:02}", year, week);
}

void limit_to_as_of(PeriodSpec& period, domain::Date as_of)
{
  period.scheduled_end = period.range.end;
  if (period.range.start > as_of)
    throw Error(ErrorKind::invalid_input,
                fmt::format("the period {} ({} to {}) starts after the as-of date {}: there is nothing to report yet",
                            period.code, period.range.start.iso(), period.range.end.iso(), as_of.iso()),
                "give a period that has begun, or the date with --as-of");
  if (period.range.end <= as_of) return;
  period.partial = true;
  const int32_t days = as_of - period.range.start;
  period.range.end = as_of;
  period.previous.end = std::min(period.previous.end, period.previous.start + days);
}

domain::Date filing_deadline(const PeriodSpec& period)
{
  const domain::Date next = std::max(period.range.end, period.scheduled_end) + 1;
  if (period.kind == PeriodKind::year) return domain::Date::from_ymd(next.year(), 1, 31);
  return domain::Date::from_ymd(next.year(), next.month(), 15);
}

namespace detail {

Value rate_value(int64_t part, int64_t base)
{
  const auto p = percent(part, base);
  if (!p) return Value::null("—");
  return Value::number(*p, *p + "%");
}

Value coded(const domain::CodeSet& set, const std::string& code, domain::Lang lang)
{
  if (code.empty()) return Value::null("—");
  return Value::coded(code, std::string(set.label(code, lang)));
}

Value date_value(const std::string& iso) { return iso.empty() ? Value::null("—") : Value::text(iso); }

Value text_or_null(const std::string& text) { return text.empty() ? Value::null("—") : Value::text(text); }

Value yuan(int64_t fen) { return Value::number(domain::format_yuan({fen}), domain::format_yuan({fen})); }

size_t code_rank(const domain::CodeSet& set, std::string_view code)
{
  const auto entries = set.entries();
  for (size_t i = 0; i < entries.size(); ++i)
    if (entries[i].code == code) return i;
  return entries.size();
}

Value mark(bool ok) { return Value::number(ok ? "true" : "false", ok ? "✓" : "✗"); }

void add_figure_columns(std::vector<io::Column>& c, domain::Lang lang)
{
  c.push_back({"new", tr(lang, "新增", "new"), io::Align::right});
  c.push_back({"new_major", tr(lang, "其中重大", "of which major"), io::Align::right});
  c.push_back({"closed", tr(lang, "销号", "closed"), io::Align::right});
  c.push_back({"closure_rate", tr(lang, "整改率", "closure rate"), io::Align::right});
  c.push_back({"open_at_end", tr(lang, "期末未整改", "open at end"), io::Align::right});
  c.push_back({"overdue_at_end", tr(lang, "其中超期", "overdue"), io::Align::right});
  c.push_back({"major_open_at_end", tr(lang, "重大未整改", "major open"), io::Align::right});
}

void add_figure_values(std::vector<Value>& row, const store::PeriodFigures& f)
{
  row.push_back(Value::count(f.new_count));
  row.push_back(Value::count(f.new_major));
  row.push_back(Value::count(f.closed));
  row.push_back(rate_value(f.closed, f.open_at_start + f.new_count));
  row.push_back(Value::count(f.open_at_end));
  row.push_back(Value::count(f.overdue_at_end));
  row.push_back(Value::count(f.major_open_at_end));
}

std::string scope_suffix(const Scope& scope, domain::Lang lang)
{
  std::vector<std::string> parts;
  if (!scope.enterprise_name.empty()) parts.push_back(scope.enterprise_name);
  if (!scope.region_name.empty()) parts.push_back(scope.region_name);
  if (!scope.sector.empty()) parts.emplace_back(domain::sectors().label(scope.sector, lang));
  if (!scope.level.empty())
    parts.push_back(lang == domain::Lang::zh ? std::string(domain::hazard_levels().label(scope.level, lang)) + "隐患"
                                             : std::string(domain::hazard_levels().label(scope.level, lang)) + " hazards");
  if (parts.empty()) return {};
  return lang == domain::Lang::zh ? fmt::format("（{}）", fmt::join(parts, " · "))
                                  : fmt::format(" ({})", fmt::join(parts, ", "));
}

void add_scope_fields(std::vector<Field>& meta, const Scope& scope)
{
  auto opt = [](const std::string& s) { return s.empty() ? Value::null() : Value::text(s); };
  meta.push_back({"sector", opt(scope.sector)});
  meta.push_back({"region", opt(scope.region_code)});
  meta.push_back({"enterprise", opt(scope.enterprise_uscc)});
  meta.push_back({"level", opt(scope.level)});
}

std::string period_noun(PeriodKind kind, domain::Lang lang)
{
  switch (kind) {
  case PeriodKind::week: return tr(lang, "周", "week");
  case PeriodKind::month: return tr(lang, "月", "month");
  case PeriodKind::quarter: return tr(lang, "季度", "quarter");
  case PeriodKind::year: return tr(lang, "年", "year");
  case PeriodKind::range: return tr(lang, "期", "period");
  }
  return {};
}

std::string previous_period_name(const PeriodSpec& p, domain::Lang lang)
{
  if (p.partial)
    return lang == domain::Lang::zh ? previous_period_name(p.kind, lang) + "同期" : "the same days of " + previous_period_name(p.kind, lang);
  return previous_period_name(p.kind, lang);
}

void add_partial_note(Document& doc, const PeriodSpec& p, domain::Lang lang, bool compared)
{
  doc.meta.push_back({"partial", mark(p.partial)});
  doc.meta.push_back({"period_end", Value::text(std::max(p.range.end, p.scheduled_end).iso())});
  if (!p.partial) return;
  if (!compared) {
    doc.paragraphs.push_back(lang == domain::Lang::zh ? fmt::format("本期尚未结束，数据截至 {}。", p.range.end.iso())
                                                      : fmt::format("Period not over: figures as of {}.", p.range.end.iso()));
    return;
  }
  doc.paragraphs.push_back(lang == domain::Lang::zh
                               ? fmt::format("本期尚未结束，数据截至 {}。与{}（{}）比较。", p.range.end.iso(),
                                             previous_period_name(p, lang), dates_text(p.previous, lang))
                               : fmt::format("Period not over: figures as of {}, compared with {} ({}).",
                                             p.range.end.iso(), previous_period_name(p, lang), dates_text(p.previous, lang)));
}

std::string previous_period_name(PeriodKind kind, domain::Lang lang)
{
  switch (kind) {
  case PeriodKind::week: return tr(lang, "上周", "the week before");
  case PeriodKind::month: return tr(lang, "上月", "the month before");
  case PeriodKind::quarter: return tr(lang, "上季度", "the quarter before");
  case PeriodKind::year: return tr(lang, "上年", "the year before");
  case PeriodKind::range: return tr(lang, "上期", "the period before");
  }
  return {};
}

std::string dates_text(store::DateRange r, domain::Lang lang)
{
  return lang == domain::Lang::zh ? fmt::format("{}至{}", r.start.iso(), r.end.iso())
                                  : fmt::format("{} to {}", r.start.iso(), r.end.iso());
}

}  // namespace detail

}  // namespace ankang::report

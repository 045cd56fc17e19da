#include "domain/calendar.hpp"

#include "domain/calendar_provisional.hpp"

#include "error.hpp"
#include "text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace ankang::domain {

namespace {

constexpr std::string_view k_import_hint = "add next year's days with 'ankang calendar import FILE' (date,kind,name)";

Date first_of_month(Date d) { return Date::from_ymd(d.year(), d.month(), 1); }

}  // namespace

std::string_view day_kind_code(DayKind kind) { return kind == DayKind::off ? "off" : "work"; }

Calendar::Calendar(std::vector<CalendarDay> days, std::vector<int> covered_years, CalendarMode mode)
    : m_days(std::move(days)), m_years(std::move(covered_years)), m_mode(mode)
{
  std::sort(m_years.begin(), m_years.end());
  m_years.erase(std::unique(m_years.begin(), m_years.end()), m_years.end());
  if (mode == CalendarMode::provisional) {
    // Provisional days go first so that a listed day of the same date (later in the stable sort)
    // keeps its entry.
    std::vector<CalendarDay> provisional;
    for (int year = k_provisional_first_year; year <= k_provisional_last_year; ++year) {
      if (covers(year)) continue;
      m_provisional_years.push_back(year);
      auto days_off = provisional_days_off(year);
      provisional.insert(provisional.end(), days_off.begin(), days_off.end());
    }
    provisional.insert(provisional.end(), std::make_move_iterator(m_days.begin()), std::make_move_iterator(m_days.end()));
    m_days = std::move(provisional);
  }
  // A later entry for the same date wins (a local day overriding an official one).
  std::stable_sort(m_days.begin(), m_days.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
  std::vector<CalendarDay> unique;
  for (auto& d : m_days) {
    if (!unique.empty() && unique.back().date == d.date)
      unique.back() = std::move(d);
    else
      unique.push_back(std::move(d));
  }
  m_days = std::move(unique);
  for (size_t i = 0; i < m_days.size(); ++i) m_index.emplace(m_days[i].date.days(), i);
}

Calendar::Calendar(const std::vector<Date>& off_days, const std::vector<Date>& work_days, std::vector<int> covered_years)
    : Calendar(
          [&] {
            std::vector<CalendarDay> days;
            for (auto d : off_days) days.push_back({d, DayKind::off, {}, false});
            for (auto d : work_days) days.push_back({d, DayKind::work, {}, false});
            return days;
          }(),
          std::move(covered_years))
{
}

bool Calendar::covers(int year) const { return std::binary_search(m_years.begin(), m_years.end(), year); }

bool Calendar::is_provisional_year(int year) const
{
  return std::binary_search(m_provisional_years.begin(), m_provisional_years.end(), year);
}

bool Calendar::provisional_between(Date a, Date b) const
{
  if (b < a) std::swap(a, b);
  for (int year = a.year(); year <= b.year(); ++year)
    if (is_provisional_year(year)) return true;
  return false;
}

std::string Calendar::covered_years_text() const
{
  if (m_years.empty()) return "none";
  std::string out;
  for (size_t i = 0; i < m_years.size();) {
    size_t j = i;
    while (j + 1 < m_years.size() && m_years[j + 1] == m_years[j] + 1) ++j;
    if (!out.empty()) out += ", ";
    out += j == i ? fmt::format("{}", m_years[i]) : fmt::format("{}–{}", m_years[i], m_years[j]);
    i = j + 1;
  }
  return out;
}

const CalendarDay* Calendar::listed(Date d) const
{
  const auto it = m_index.find(d.days());
  return it == m_index.end() ? nullptr : &m_days[it->second];
}

std::vector<CalendarDay> Calendar::listed_between(Date from, Date to) const
{
  std::vector<CalendarDay> out;
  auto it = std::lower_bound(m_days.begin(), m_days.end(), from, [](const auto& day, Date d) { return day.date < d; });
  for (; it != m_days.end() && it->date <= to; ++it) out.push_back(*it);
  return out;
}

void Calendar::require_year(int year, std::string_view doing) const
{
  if (counts(year)) return;
  const bool in_table = year >= k_provisional_first_year && year <= k_provisional_last_year;
  std::string why;
  if (m_mode == CalendarMode::strict && in_table)
    why = "; provisional counting is off: --strict-calendar or ANKANG_STRICT_CALENDAR=1";
  else if (m_mode == CalendarMode::provisional)
    why = fmt::format("; the provisional calendar covers {}–{}", k_provisional_first_year, k_provisional_last_year);
  throw Error(ErrorKind::invalid_input,
              fmt::format("no calendar data for {}: {} (official days off are on record for {}{})", year, doing,
                          covered_years_text(), why),
              std::string(k_import_hint));
}

bool Calendar::is_workday_unchecked(Date d) const
{
  if (const auto* day = listed(d)) return day->kind == DayKind::work;
  return !d.is_weekend();
}

bool Calendar::is_workday(Date d) const
{
  if (!counts(d.year())) require_year(d.year(), fmt::format("cannot tell whether {} is a working day", d.iso()));
  return is_workday_unchecked(d);
}

Date Calendar::add_working_days(Date start, int n) const
{
  const int step = n < 0 ? -1 : 1;
  int remaining = n < 0 ? -n : n;
  Date d = start;
  while (remaining > 0) {
    d += step;
    if (!counts(d.year()))
      require_year(d.year(), fmt::format("counting {} working days {} {} reaches {}", n < 0 ? -n : n,
                                         n < 0 ? "back from" : "from", start.iso(), d.iso()));
    if (is_workday_unchecked(d)) --remaining;
  }
  return d;
}

Date Calendar::next_workday_on_or_after(Date d) const
{
  const Date from = d;
  for (;; d += 1) {
    if (!counts(d.year()))
      require_year(d.year(), d == from ? fmt::format("cannot tell whether {} is a working day", d.iso())
                                       : fmt::format("looking for the first working day after {} reaches {}",
                                                     from.iso(), d.iso()));
    if (is_workday_unchecked(d)) return d;
  }
}

Date Calendar::add_calendar_days_rolled(Date start, int n, RollRule roll) const
{
  Date d = start + n;
  if (!counts(d.year()))
    require_year(d.year(), fmt::format("counting {} calendar days from {} reaches {}", n, start.iso(), d.iso()));
  if (roll == RollRule::weekends_and_holidays) return next_workday_on_or_after(d);
  const Date end = d;
  for (;; d += 1) {
    if (!counts(d.year()))
      require_year(d.year(), fmt::format("rolling {} forward past days off reaches {}", end.iso(), d.iso()));
    const auto* day = listed(d);
    if (!day || day->kind == DayKind::work) return d;
  }
}

int Calendar::working_days_between(Date a, Date b) const
{
  const auto doing = [&](Date d) {
    return fmt::format("counting the working days between {} and {} reaches {}", a.iso(), b.iso(), d.iso());
  };
  int count = 0;
  if (a <= b) {
    for (Date d = a + 1; d <= b; d += 1) {
      if (!counts(d.year())) require_year(d.year(), doing(d));
      if (is_workday_unchecked(d)) ++count;
    }
    return count;
  }
  for (Date d = b; d < a; d += 1) {
    if (!counts(d.year())) require_year(d.year(), doing(d));
    if (is_workday_unchecked(d)) --count;
  }
  return count;
}

Date Calendar::last_workday_in(Date first, Date last, std::string_view doing) const
{
  for (Date d = last; d >= first; d = d - 1) {
    require_year(d.year(), doing);
    if (is_workday_unchecked(d)) return d;
  }
  return next_workday_on_or_after(last + 1);
}

Date Calendar::last_workday_of_week(Date d) const
{
  const Date monday = d - static_cast<int32_t>(d.iso_weekday() - 1);
  return last_workday_in(monday, monday + 6, fmt::format("finding the last working day of the week of {}", d.iso()));
}

Date Calendar::last_workday_of_month(Date d) const
{
  return last_workday_in(first_of_month(d), last_day_of_month(d.year(), d.month()),
                         fmt::format("finding the last working day of {:04}-{:02}", d.year(), d.month()));
}

Date Calendar::last_workday_of_quarter(Date d) const
{
  const unsigned first_month = (d.month() - 1) / 3 * 3 + 1;
  return last_workday_in(Date::from_ymd(d.year(), first_month, 1), last_day_of_month(d.year(), first_month + 2),
                         fmt::format("finding the last working day of {}Q{}", d.year(), (first_month + 2) / 3));
}

RollRule parse_roll_rule(std::string_view text)
{
  const auto t = lower_ascii(trim_blanks(text));
  if (t == "weekends+holidays" || t == "weekends-and-holidays" || t == "all") return RollRule::weekends_and_holidays;
  if (t == "holidays" || t == "holidays-only") return RollRule::holidays_only;
  throw Error(ErrorKind::usage,
              fmt::format("unknown roll rule {}: expected weekends+holidays (the default: past every day off) or "
                          "holidays (past the listed statutory days off only)",
                          quote_value(text)));
}

std::optional<DayKind> parse_day_kind(std::string_view text)
{
  const auto t = lower_ascii(trim_blanks(text));
  if (t == "off" || t == "休" || t == "休息" || t == "假" || t == "放假" || t == "true" || t == "holiday")
    return DayKind::off;
  if (t == "work" || t == "班" || t == "上班" || t == "调休上班" || t == "false" || t == "workday") return DayKind::work;
  return std::nullopt;
}

namespace {

struct Record {
  size_t line = 0;
  std::vector<std::string> fields;
};

// RFC 4180 records (quoted fields may hold commas, quotes and newlines), with their first line.
std::vector<Record> split_records(std::string_view text)
{
  std::vector<Record> records;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  size_t line = 1;
  size_t i = 0;
  while (i < text.size()) {
    Record rec;
    rec.line = line;
    std::string field;
    bool in_quotes = false;
    bool end_of_record = false;
    while (i < text.size() && !end_of_record) {
      const char c = text[i++];
      if (in_quotes) {
        if (c == '"') {
          if (i < text.size() && text[i] == '"') {
            field += '"';
            ++i;
          } else {
            in_quotes = false;
          }
        } else {
          if (c == '\n') ++line;
          field += c;
        }
      } else if (c == '"' && trim_blanks(field).empty()) {
        field.clear();
        in_quotes = true;
      } else if (c == ',') {
        rec.fields.push_back(std::move(field));
        field.clear();
      } else if (c == '\n') {
        ++line;
        end_of_record = true;
      } else if (c != '\r') {
        field += c;
      }
    }
    rec.fields.push_back(std::move(field));
    const bool blank = rec.fields.size() == 1 && trim_blanks(rec.fields[0]).empty();
    if (!blank) records.push_back(std::move(rec));
  }
  return records;
}

}  // namespace

CalendarFile parse_calendar_csv(std::string_view text)
{
  CalendarFile out;
  auto records = split_records(text);
  size_t date_col = 0, kind_col = 1, name_col = 2;
  std::string date_name = "date", kind_name = "kind", name_name = "name";
  size_t first = 0;
  if (!records.empty()) {
    const auto& header = records.front().fields;
    bool is_header = false;
    for (size_t c = 0; c < header.size(); ++c) {
      const auto h = lower_ascii(trim_blanks(header[c]));
      const std::string original(trim_blanks(header[c]));
      if (h == "date" || h == "日期") {
        date_col = c, date_name = original, is_header = true;
      } else if (h == "kind" || h == "isoffday" || h == "type" || h == "类型" || h == "类别") {
        kind_col = c, kind_name = original;
      } else if (h == "name" || h == "名称" || h == "节日" || h == "节日名称") {
        name_col = c, name_name = original;
      }
    }
    if (is_header) first = 1;
  }
  if (records.size() == first) {
    out.problems.push_back({records.empty() ? 1 : records.front().line, date_name, "", "the file has no days"});
    return out;
  }
  std::unordered_map<int32_t, size_t> seen;
  for (size_t r = first; r < records.size(); ++r) {
    const auto& rec = records[r];
    const auto field = [&](size_t c) { return c < rec.fields.size() ? std::string(trim_blanks(rec.fields[c])) : std::string(); };
    const auto date_text = field(date_col);
    const auto kind_text = field(kind_col);
    bool ok = true;
    std::string why;
    const auto date = try_parse_date(date_text, why);
    if (!date) {
      out.problems.push_back({rec.line, date_name, date_text, why});
      ok = false;
    }
    const auto kind = parse_day_kind(kind_text);
    if (!kind) {
      out.problems.push_back({rec.line, kind_name, kind_text,
                              kind_text.empty() ? "the kind is missing: expected off or work (also 休/班, true/false as isOffDay)"
                                                : "expected off or work (also 休/班, true/false as isOffDay)"});
      ok = false;
    }
    if (date) {
      const auto [it, inserted] = seen.emplace(date->days(), rec.line);
      if (!inserted) {
        out.problems.push_back({rec.line, date_name, date_text, fmt::format("the same day is already on line {}", it->second)});
        ok = false;
      }
    }
    if (ok) out.days.push_back({*date, *kind, field(name_col), false});
  }
  return out;
}

}  // namespace ankang::domain

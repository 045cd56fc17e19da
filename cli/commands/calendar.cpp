// ankang calendar: China's official working-day calendar (DESIGN §5) — show a month, test a day,
// add local days, import next year's notice, count deadlines, list the days on record.
#include "cli/commands/registry.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "domain/calendar.hpp"
#include "domain/calendar_provisional.hpp"
#include "domain/deadline.hpp"
#include "domain/period.hpp"
#include "error.hpp"
#include "io/table.hpp"
#include "ops/calendar_ops.hpp"
#include "store/calendar_store.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace ankang::cli {

namespace {

using domain::Calendar;
using domain::CalendarDay;
using domain::Date;
using domain::DayKind;

// English names of the statutory holidays, for --lang en; anything else is shown as written.
std::string holiday_name(std::string_view name, domain::Lang lang)
{
  if (lang == domain::Lang::zh || name.empty()) return std::string(name);
  constexpr std::string_view k_makeup = "补假";  // a provisional make-up day off: 春节补假
  if (name.size() > k_makeup.size() && name.ends_with(k_makeup))
    return holiday_name(name.substr(0, name.size() - k_makeup.size()), lang) + " (make-up day off)";
  static const std::map<std::string_view, std::string_view> k_names = {
      {"元旦", "New Year's Day"},  {"春节", "Spring Festival"},      {"清明节", "Qingming Festival"},
      {"劳动节", "Labour Day"},    {"端午节", "Dragon Boat Festival"}, {"中秋节", "Mid-Autumn Festival"},
      {"国庆节", "National Day"}};
  std::string out;
  size_t start = 0;
  const std::string_view sep = "、";
  for (;;) {
    const size_t pos = name.find(sep, start);
    const auto part = name.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start);
    const auto it = k_names.find(part);
    if (!out.empty()) out += " and ";
    out += it == k_names.end() ? std::string(part) : std::string(it->second);
    if (pos == std::string_view::npos) break;
    start = pos + sep.size();
  }
  return out;
}

std::string_view weekday_label(unsigned iso_weekday, domain::Lang lang)
{
  static constexpr std::array<std::string_view, 7> zh = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};
  static constexpr std::array<std::string_view, 7> en = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  return (lang == domain::Lang::zh ? zh : en)[iso_weekday - 1];
}

std::string kind_label(DayKind kind, const Context& ctx)
{
  return std::string(kind == DayKind::off ? ctx.tr("休息", "day off") : ctx.tr("调休上班", "make-up working day"));
}

// "10-01至10-07" / "10-01 to 10-07", or one day.
std::string day_span(Date first, Date last, const Context& ctx)
{
  const auto md = [](Date d) { return d.iso().substr(5); };
  if (first == last) return md(first);
  return fmt::format("{}{}{}", md(first), ctx.tr("至", " to "), md(last));
}

// "休息（国庆节）" / "day off (National Day)".
std::string day_description(const CalendarDay& day, const Context& ctx)
{
  const auto kind = kind_label(day.kind, ctx);
  if (day.name.empty()) return kind;
  return fmt::format(fmt::runtime(ctx.lang == domain::Lang::zh ? "{}（{}）" : "{} ({})"), kind, holiday_name(day.name, ctx.lang));
}

std::string pad_to(std::string text, size_t width)
{
  const size_t w = io::display_width(text);
  if (w < width) text.append(width - w, ' ');
  return text;
}

// The calendar to read: the database's (the official days and the local ones it records); with
// no database given and none at the default path, the official calendar built into ankang, so
// looking a day up needs no database.
domain::Calendar calendar_for(const Context& ctx)
{
  if (!ctx.db_given && !std::filesystem::exists(ctx.db_path)) {
    auto builtin = store::Database::in_memory();
    return store::load_calendar(builtin.sql(),
                                ctx.strict_calendar ? domain::CalendarMode::strict : domain::CalendarMode::provisional);
  }
  auto db = ctx.open_db();
  return store::load_calendar(db);
}

int run_show(Context& ctx, const std::string& month_text)
{
  const std::string_view month_forms = "expected 2021-10, 2021年10月, this-month, last-month, 本月 or 上月";
  domain::Period period;
  try {
    period = domain::parse_period(month_text.empty() ? std::string("this-month") : month_text, ctx.today);
  } catch (const Error& e) {
    throw Error(ErrorKind::usage, fmt::format("invalid value for MONTH: {}", e.what()), std::string(month_forms));
  }
  if (period.kind != domain::PeriodKind::month)
    throw Error(ErrorKind::usage, fmt::format("invalid value for MONTH: {} is not a month", quote_value(month_text)),
                std::string(month_forms));
  const auto cal = calendar_for(ctx);
  const int year = period.start.year();
  cal.require_year(year, fmt::format("cannot show {} without the official days off and make-up working days", period.code()));
  const bool provisional = cal.is_provisional_year(year);

  const bool zh = ctx.lang == domain::Lang::zh;
  auto& out = ctx.out;
  out << (zh ? fmt::format("{}年{}月", year, period.start.month()) : period.code());
  out << (provisional ? std::string(domain::provisional_mark(ctx.lang)) : std::string()) << '\n';
  // Cells of 4 columns: the day right-aligned in 2, then a 2-column mark (休/班, or H/W in English).
  const std::string_view off_mark = ctx.tr("休", "H ");
  const std::string_view work_mark = ctx.tr("班", "W ");
  std::string header;
  for (unsigned wd = 1; wd <= 7; ++wd) {
    if (wd > 1) header += ' ';
    header += zh ? fmt::format(" {} ", std::array<std::string_view, 7>{"一", "二", "三", "四", "五", "六", "日"}[wd - 1])
                 : fmt::format("{:<4}", std::array<std::string_view, 7>{"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"}[wd - 1]);
  }
  while (!header.empty() && header.back() == ' ') header.pop_back();
  out << header << '\n';
  std::string line;
  int workdays = 0;
  for (Date d = period.start; d <= period.end; d += 1) {
    const unsigned wd = d.iso_weekday();
    if (d == period.start)
      for (unsigned i = 1; i < wd; ++i) line += "     ";
    else if (wd != 1)
      line += ' ';
    const auto* listed = cal.listed(d);
    line += fmt::format("{:>2}", d.day());
    line += listed ? std::string(listed->kind == DayKind::off ? off_mark : work_mark) : std::string("  ");
    if (cal.is_workday(d)) ++workdays;
    if (wd == 7 || d == period.end) {
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out << line << '\n';
      line.clear();
    }
  }
  out << '\n';
  out << ctx.tr("休 = 休息日（法定节假日及调休放假）  班 = 调休上班（周末照常上班）\n",
                "H = day off (statutory holiday or swapped day)  W = make-up working day on a weekend (调休上班)\n");
  if (provisional)
    out << ctx.tr("暂定 = 尚无国务院放假通知，按《全国年节及纪念日放假办法》推算（不含调休上班）\n",
                  "provisional = no State Council notice on record: the statutory days and their make-up days off, no "
                  "make-up working days\n");

  // The listed days of the month, grouped by name and kind into runs of consecutive days.
  const auto days = cal.listed_between(period.start, period.end);
  struct Run {
    Date first, last;
    DayKind kind;
    std::string name;
    bool local;
    bool provisional;
  };
  std::vector<Run> runs;
  for (const auto& d : days) {
    if (!runs.empty() && runs.back().last + 1 == d.date && runs.back().kind == d.kind && runs.back().name == d.name &&
        runs.back().local == d.local && runs.back().provisional == d.provisional)
      runs.back().last = d.date;
    else
      runs.push_back({d.date, d.date, d.kind, d.name, d.local, d.provisional});
  }
  for (const auto& r : runs) {
    std::string name = r.name.empty() ? std::string(ctx.tr("（未命名）", "(unnamed)")) : holiday_name(r.name, ctx.lang);
    if (r.local) name += ctx.tr("（本地）", " (local)");
    if (r.provisional) name += domain::provisional_mark(ctx.lang);
    out << fmt::format("{}  {}  {}\n", pad_to(day_span(r.first, r.last, ctx), zh ? 12 : 14), name, kind_label(r.kind, ctx));
  }
  out << (zh ? fmt::format("本月工作日：{}天\n", workdays) : fmt::format("working days: {}\n", workdays));
  if (provisional) ctx.note(domain::provisional_note({year}, ctx.lang));
  return k_exit_ok;
}

int run_is_workday(Context& ctx, const std::string& date_text)
{
  const Date d = parse_date_option("DATE", date_text);
  const auto cal = calendar_for(ctx);
  const bool work = cal.is_workday(d);
  const bool provisional = cal.is_provisional(d);
  ctx.out << (work ? ctx.tr("是", "yes") : ctx.tr("否", "no"))
          << (provisional ? domain::provisional_mark(ctx.lang) : std::string_view()) << '\n';
  std::string why;
  if (const auto* listed = cal.listed(d))
    why = day_description(*listed, ctx);
  else
    why = std::string(d.is_weekend() ? ctx.tr("周末", "weekend") : ctx.tr("工作日", "working day"));
  ctx.note(fmt::format("{} {}: {}", d.iso(), weekday_label(d.iso_weekday(), ctx.lang), why));
  if (provisional) ctx.note(domain::provisional_note({d.year()}, ctx.lang));
  return work ? k_exit_ok : k_exit_findings;
}

struct AddOptions {
  std::string date;
  bool off = false;
  bool work = false;
  std::string name;
};

int run_add(Context& ctx, const AddOptions& o)
{
  const Date d = parse_date_option("DATE", o.date);
  if (o.off == o.work) throw Error(ErrorKind::usage, "say whether the day is off or a working day: give --off or --work");
  const DayKind kind = o.off ? DayKind::off : DayKind::work;
  auto db = ctx.open_db();
  store::WriteTransaction tx(db.sql());
  const auto previous = store::add_calendar_day(db.sql(), d, kind, o.name);
  const auto after = store::load_calendar(db);
  const bool covered = after.covers(d.year());
  const bool provisional = after.is_provisional_year(d.year());
  tx.commit();
  const bool zh = ctx.lang == domain::Lang::zh;
  const auto kind_noun = [&](DayKind k) {
    return std::string(k == DayKind::off ? ctx.tr("休息日", "day off") : ctx.tr("调休上班日", "make-up working day"));
  };
  const auto named = [&](const std::string& name) {
    return name.empty() ? std::string() : fmt::format(fmt::runtime(zh ? "（{}）" : " ({})"), name);
  };
  std::string text = zh ? fmt::format("已记录 {} 为本地{}{}", d.iso(), kind_noun(kind), named(o.name))
                        : fmt::format("recorded {} as a local {}{}", d.iso(), kind_noun(kind), named(o.name));
  if (previous) {
    const auto source = previous->local ? ctx.tr("本地", "local") : ctx.tr("官方", "official");
    text += zh ? fmt::format("；取代{}{}{}", source, kind_noun(previous->kind), named(previous->name))
               : fmt::format("; it replaces the {} {}{}", source, kind_noun(previous->kind), named(previous->name));
  }
  ctx.note(text);
  if (provisional)
    ctx.note(domain::provisional_note({d.year()}, ctx.lang));
  else if (!covered)
    ctx.note(fmt::format("{}", ctx.lang == domain::Lang::zh
                                   ? fmt::format("注意：{}年尚无官方放假安排，工作日计算仍会报错，请用 'ankang calendar import FILE' 导入", d.year())
                                   : fmt::format("note: {} has no official calendar yet; working-day counts in it still fail until "
                                                 "you import it with 'ankang calendar import FILE'",
                                                 d.year())));
  return k_exit_ok;
}

std::string read_file(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    if (err == ENOENT) throw Error(ErrorKind::not_found, fmt::format("cannot read '{}': no such file", path));
    throw Error(ErrorKind::io, fmt::format("cannot read '{}': {}", path, std::strerror(err)));
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw Error(ErrorKind::io, fmt::format("cannot read '{}'", path));
  return ss.str();
}

struct ImportOptions {
  std::string file;
  std::vector<int> years;
};

int run_import(Context& ctx, const ImportOptions& o)
{
  const auto parsed = domain::parse_calendar_csv(read_file(o.file));
  if (!parsed.problems.empty()) {
    for (const auto& p : parsed.problems)
      ctx.err << fmt::format("{}:{}: column '{}': value {}: {}\n", o.file, p.line, p.column, quote_value(p.value), p.reason);
    throw Error(ErrorKind::invalid_input,
                fmt::format("{}: {} bad line{}; nothing was imported", o.file, parsed.problems.size(),
                            parsed.problems.size() == 1 ? "" : "s"),
                "fix the lines above (date,kind,name with kind off or work) and import again");
  }
  std::vector<int> years = o.years;
  if (years.empty()) {
    // The notice's own year is the one most of its days fall in (the 2023 notice also lists 2022-12-31).
    std::map<int, size_t> count;
    for (const auto& d : parsed.days) ++count[d.date.year()];
    int best = 0;
    size_t best_n = 0;
    for (const auto& [y, n] : count)
      if (n > best_n) best = y, best_n = n;
    years.push_back(best);
  }
  auto db = ctx.open_db();
  const auto source = fmt::format("imported from {}", std::filesystem::path(o.file).filename().string());
  const auto imported = ops::import_calendar_notice(db, parsed.days, years, source, ctx.user, ctx.now_utc, ctx.today);
  const auto& r = imported.days;
  std::string covered;
  for (int y : r.newly_covered) covered += fmt::format("{}{}", covered.empty() ? "" : ", ", y);
  ctx.note(ctx.lang == domain::Lang::zh
               ? fmt::format("已导入 {} 天（新增 {}，更新 {}，未变 {}）{}", parsed.days.size(), r.added, r.replaced, r.unchanged,
                             covered.empty() ? std::string() : fmt::format("；{}年的工作日现可计算", covered))
               : fmt::format("imported {} days ({} new, {} replaced, {} unchanged){}", parsed.days.size(), r.added,
                             r.replaced, r.unchanged,
                             covered.empty() ? std::string() : fmt::format("; working days of {} can now be counted", covered)));
  // The provisional deadlines it moved or made official, one line each.
  size_t moved = 0;
  for (const auto& d : imported.deadlines) {
    const auto mark = d.still_provisional ? domain::provisional_mark(ctx.lang) : std::string_view();
    if (d.after != d.before) {
      ++moved;
      ctx.out << fmt::format("{}  {} {}（{}） → {}{}\n", d.no, ctx.tr("整改期限", "deadline"), d.before.iso(),
                             ctx.tr("暂定", "provisional"), d.after.iso(), mark);
    } else {
      ctx.out << fmt::format("{}  {} {}{}\n", d.no, ctx.tr("整改期限", "deadline"), d.after.iso(),
                             ctx.tr("（已按通知确认）", " (confirmed by the notice)"));
    }
  }
  size_t letters_moved = 0;
  for (const auto& d : imported.letters) {
    const auto mark = d.still_provisional ? domain::provisional_mark(ctx.lang) : std::string_view();
    if (d.after != d.before) {
      ++letters_moved;
      ctx.out << fmt::format("{}  {} {}（{}） → {}{}\n", d.no, ctx.tr("答复期限", "reply due"), d.before.iso(),
                             ctx.tr("暂定", "provisional"), d.after.iso(), mark);
    } else {
      ctx.out << fmt::format("{}  {} {}{}\n", d.no, ctx.tr("答复期限", "reply due"), d.after.iso(),
                             ctx.tr("（已按通知确认）", " (confirmed by the notice)"));
    }
  }
  if (!imported.letters.empty())
    ctx.note(ctx.lang == domain::Lang::zh
                 ? fmt::format("暂定答复期限已按通知重算：{} 件函件，其中 {} 件期限变更（已记入函件历史）",
                               imported.letters.size(), letters_moved)
                 : fmt::format("provisional reply deadlines of letters counted again on the notice: {}, of which {} "
                               "changed (recorded in their history)",
                               imported.letters.size(), letters_moved));
  if (!imported.deadlines.empty())
    ctx.note(ctx.lang == domain::Lang::zh
                 ? fmt::format("暂定期限已按通知重算：{} 项，其中 {} 项期限变更（已记入历史）", imported.deadlines.size(), moved)
                 : fmt::format("provisional deadlines counted again on the notice: {}, of which {} changed (recorded "
                               "in their history)",
                               imported.deadlines.size(), moved));
  return k_exit_ok;
}

struct AddDaysOptions {
  std::string date;
  std::string spec;
  std::string roll = "weekends+holidays";
};

int run_add_days(Context& ctx, const AddDaysOptions& o)
{
  const Date base = parse_date_option("DATE", o.date);
  domain::DeadlineSpec spec;
  try {
    spec = domain::parse_deadline(o.spec);
  } catch (const Error& e) {
    throw Error(ErrorKind::usage, fmt::format("invalid value for SPEC: {}", e.what()), e.hint());
  }
  const auto roll = domain::parse_roll_rule(o.roll);
  const auto cal = calendar_for(ctx);
  const auto due = domain::resolve_counted(spec, base, cal, roll);
  ctx.out << due.date.iso() << (due.provisional ? domain::provisional_mark(ctx.lang) : std::string_view()) << '\n';
  if (due.provisional) ctx.note(domain::provisional_note(domain::provisional_years_between(cal, base, due.date), ctx.lang));
  return k_exit_ok;
}

struct ListOptions {
  int year = 0;
  OutputOptions output;
};

int run_list(Context& ctx, const ListOptions& o)
{
  const auto format = o.output.parsed();
  const bool for_people = format == io::Format::table || format == io::Format::md;
  const auto cal = calendar_for(ctx);
  io::Table t;
  t.columns = {{"date", std::string(ctx.tr("日期", "date")), io::Align::left},
               {"weekday", std::string(ctx.tr("星期", "weekday")), io::Align::left},
               {"kind", std::string(ctx.tr("类型", "kind")), io::Align::left},
               {"name", std::string(ctx.tr("名称", "name")), io::Align::left},
               {"source", std::string(ctx.tr("来源", "source")), io::Align::left}};
  for (const auto& d : cal.days()) {
    if (o.year != 0 && d.date.year() != o.year) continue;
    // Without --year: the days on record; a provisional year is listed when asked for by name.
    if (o.year == 0 && d.provisional) continue;
    const std::string_view source = d.provisional ? ctx.tr("暂定", "provisional")
                                    : d.local     ? ctx.tr("本地", "local")
                                                  : ctx.tr("官方", "official");
    if (for_people)
      t.rows.push_back({d.date.iso(), weekday_label(d.date.iso_weekday(), ctx.lang), kind_label(d.kind, ctx),
                        holiday_name(d.name, ctx.lang), source});
    else
      t.rows.push_back({d.date.iso(), io::Cell::number(d.date.iso_weekday()), domain::day_kind_code(d.kind), d.name,
                        d.provisional ? "provisional" : d.local ? "local" : "official"});
  }
  if (o.year != 0 && cal.is_provisional_year(o.year))
    ctx.note(domain::provisional_note({o.year}, ctx.lang));
  else if (o.year != 0 && !cal.covers(o.year))
    ctx.note(fmt::format("{}", ctx.lang == domain::Lang::zh
                                   ? fmt::format("{}年尚无官方放假安排（已有：{}）", o.year, cal.covered_years_text())
                                   : fmt::format("{} has no official calendar data (on record: {})", o.year,
                                                 cal.covered_years_text())));
  emit_table(ctx, o.output, t, false);
  return k_exit_ok;
}

}  // namespace

void add_calendar_commands(CLI::App& group, Context& ctx)
{
  group.require_subcommand(1);

  auto* show = group.add_subcommand(
      "show", "Show a month as a grid, marking days off (休) and make-up working days (班); a month without the "
              "official notice is marked （暂定） (provisional)");
  auto& month = ctx.own<std::string>();
  show->add_option("MONTH", month, "The month: 2021-10, 2021年10月, this-month, last-month (default: this month)");
  set_example(show, "ankang calendar show 2021-10");
  show->callback([&ctx, &month] { ctx.action = [&ctx, &month] { return run_show(ctx, month); }; });

  auto* is_workday = group.add_subcommand(
      "is-workday",
      "Print 是 or 否 (yes/no), marked （暂定） in a year without the official notice (counted on the statutory "
      "provisional calendar): exit 0 for a working day, 3 for a day off, 5 for a year without data (or provisional "
      "with --strict-calendar)");
  auto& day = ctx.own<std::string>();
  is_workday->add_option("DATE", day, "The day, e.g. 2021-10-09")->required();
  set_example(is_workday, "ankang calendar is-workday 2021-10-09 && echo 上班");
  is_workday->callback([&ctx, &day] { ctx.action = [&ctx, &day] { return run_is_workday(ctx, day); }; });

  auto* add = group.add_subcommand("add", "Record a local day off or working day (e.g. a prefecture's festival)");
  auto& add_opts = ctx.own<AddOptions>();
  add->add_option("DATE", add_opts.date, "The day")->required();
  auto* off = add->add_flag("--off", add_opts.off, "The day is a day off");
  add->add_flag("--work", add_opts.work, "The day is a working day")->excludes(off);
  add->add_option("--name", add_opts.name, "What the day is, e.g. 那达慕");
  set_example(add, "ankang calendar add 2021-07-26 --off --name 那达慕");
  add->callback([&ctx, &add_opts] { ctx.action = [&ctx, &add_opts] { return run_add(ctx, add_opts); }; });

  auto* import = group.add_subcommand(
      "import", "Import a year's official notice from CSV: date,kind,name (all or nothing); provisional deadlines are "
                "counted again on it and listed");
  auto& import_opts = ctx.own<ImportOptions>();
  import->add_option("FILE", import_opts.file, "CSV file: date,kind,name; kind off/work, 休/班 or true/false (isOffDay)")
      ->required();
  import->add_option("--year", import_opts.years,
                     "The year(s) the notice covers (default: the year most of its days fall in)")
      ->check(CLI::Range(1900, 2999));
  set_example(import, "ankang calendar import 2027.csv");
  import->callback([&ctx, &import_opts] { ctx.action = [&ctx, &import_opts] { return run_import(ctx, import_opts); }; });

  auto* add_days = group.add_subcommand(
      "add-days", "Print the date a deadline gives from DATE: +10wd, +30d, eow, eom, eoq; marked （暂定） when the count "
                  "goes through a year without the official notice (provisional statutory calendar)");
  auto& add_days_opts = ctx.own<AddDaysOptions>();
  add_days->add_option("DATE", add_days_opts.date, "The day to count from (not counted itself)")->required();
  add_days->add_option("SPEC", add_days_opts.spec,
                       "+10wd (working days), +30d (calendar days, rolled past days off), eow, eom, eoq, or a date")
      ->required();
  add_days->add_option("--roll", add_days_opts.roll,
                       "Which days a +Nd deadline rolls past: weekends+holidays (default) or holidays")
      ->default_str("weekends+holidays");
  set_example(add_days, "ankang calendar add-days 2025-09-30 +5wd");
  add_days->callback([&ctx, &add_days_opts] { ctx.action = [&ctx, &add_days_opts] { return run_add_days(ctx, add_days_opts); }; });

  auto* list = group.add_subcommand(
      "list", "List the days on record (holidays, make-up working days, local days); --year of a year without the "
              "official notice lists its provisional days (source provisional)");
  auto& list_opts = ctx.own<ListOptions>();
  list->add_option("--year", list_opts.year, "Only this year")->check(CLI::Range(1900, 2999));
  add_output_options(list, list_opts.output);
  set_example(list, "ankang calendar list --year 2025 --format csv");
  list->callback([&ctx, &list_opts] { ctx.action = [&ctx, &list_opts] { return run_list(ctx, list_opts); }; });
}

}  // namespace ankang::cli

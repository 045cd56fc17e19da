// ankang duty plan|add|log|list|export|show|check: leaders on duty on days off (节假日到岗带班).
#include "cli/commands/day_range.hpp"
#include "cli/commands/registry.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "domain/period.hpp"
#include "error.hpp"
#include "io/table.hpp"
#include "ops/duty_ops.hpp"
#include "store/duty_store.hpp"

#include <array>
#include <fmt/format.h>

namespace ankang::cli {

namespace {

using domain::Date;

std::string_view weekday_label(Date d, domain::Lang lang)
{
  static constexpr std::array<std::string_view, 7> zh = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};
  static constexpr std::array<std::string_view, 7> en = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  return (lang == domain::Lang::zh ? zh : en)[d.iso_weekday() - 1];
}

bool is_machine(const OutputOptions& o)
{
  const auto f = o.parsed();
  return f == io::Format::csv || f == io::Format::json || f == io::Format::jsonl;
}

void note_provisional(const Context& ctx, const std::vector<int>& years)
{
  for (const int y : years)
    ctx.note(ctx.lang == domain::Lang::zh
                 ? fmt::format("{}年尚无国务院放假通知，休息日按《全国年节及纪念日放假办法》暂定，通知发布后请核对", y)
                 : fmt::format("{} has no official notice yet: its days off are provisional (the statutory holidays "
                               "law); check them when the notice is out",
                               y));
}

// ---- plan -------------------------------------------------------------------------------

struct PlanOptions {
  std::string from, to, leaders;
  bool dry_run = false;
  OutputOptions output;
};

int run_plan(Context& ctx, const PlanOptions& o)
{
  const Date from = parse_date_option("--from", o.from);
  const Date to = parse_date_option("--to", o.to);
  const auto leaders = domain::parse_leader_list(o.leaders);
  auto db = ctx.open_db();
  const auto plan = ops::plan_duty(db, from, to, leaders, o.dry_run, ctx.now_utc);
  const bool machine = is_machine(o.output);
  io::Table t;
  t.columns = {{"day", std::string(ctx.tr("日期", "day")), io::Align::left},
               {"weekday", std::string(ctx.tr("星期", "weekday")), io::Align::left},
               {"leader", std::string(ctx.tr("带班领导", "leader")), io::Align::left},
               {"planned", std::string(ctx.tr("安排", "planned")), io::Align::left}};
  for (const auto& a : plan.days)
    t.rows.push_back({a.day.iso(),
                      machine ? io::Cell::number(a.day.iso_weekday()) : io::Cell(weekday_label(a.day, ctx.lang)), a.leader,
                      machine ? (a.kept ? "kept" : "new") : (a.kept ? ctx.tr("原有", "kept") : ctx.tr("新排", "new"))});
  emit_table(ctx, o.output, t, false);
  note_provisional(ctx, plan.provisional_years);
  const bool zh = ctx.lang == domain::Lang::zh;
  std::string continued;
  if (plan.continued_from)
    continued = zh ? fmt::format("，接续上次带班的{}", *plan.continued_from)
                   : fmt::format(", continuing after {} (the last duty on record)", *plan.continued_from);
  const size_t kept = plan.days.size() - plan.added;
  if (o.dry_run)
    ctx.note(zh ? fmt::format("试运行：{}至{}共{}个休息日，将新排{}天，已有{}天{}；未写入", from.iso(), to.iso(),
                              plan.days.size(), plan.added, kept, continued)
                : fmt::format("dry run: {} days off from {} to {}, {} to assign, {} already on record{}; nothing written",
                              plan.days.size(), from.iso(), to.iso(), plan.added, kept, continued));
  else
    ctx.note(zh ? fmt::format("{}至{}共{}个休息日，新排{}天，已有{}天{}", from.iso(), to.iso(), plan.days.size(), plan.added,
                              kept, continued)
                : fmt::format("{} days off from {} to {}: {} assigned, {} already on record{}", plan.days.size(),
                              from.iso(), to.iso(), plan.added, kept, continued));
  return k_exit_ok;
}

// ---- add, log ---------------------------------------------------------------------------

struct AddOptions {
  std::string on, leader;
  bool replace = false;
};

int run_add(Context& ctx, const AddOptions& o)
{
  const Date day = parse_date_option("--on", o.on);
  auto db = ctx.open_db();
  const auto [duty, replaced] = ops::add_duty(db, day, o.leader, o.replace, ctx.now_utc);
  const bool zh = ctx.lang == domain::Lang::zh;
  if (replaced)
    ctx.note(zh ? fmt::format("{} 带班领导由{}改为{}", day.iso(), *replaced, duty.leader)
                : fmt::format("{}: leader on duty changed from {} to {}", day.iso(), *replaced, duty.leader));
  else
    ctx.note(zh ? fmt::format("{} 带班领导：{}", day.iso(), duty.leader)
                : fmt::format("{}: {} on duty", day.iso(), duty.leader));
  ctx.out << duty.uuid << '\n';
  return k_exit_ok;
}

struct LogOptions {
  std::string on, note, leader;
};

int run_log(Context& ctx, const LogOptions& o)
{
  const Date day = o.on.empty() ? ctx.today : parse_date_option("--on", o.on);
  auto db = ctx.open_db();
  const auto duty = ops::log_duty(db, day, o.note, o.leader, ctx.user, ctx.now_utc);
  ctx.note(ctx.lang == domain::Lang::zh
               ? fmt::format("已记入 {} 值班记录（带班领导{}，共{}条）", day.iso(), duty.leader, duty.log.size())
               : fmt::format("noted on the duty of {} ({} on duty; {} note{})", day.iso(), duty.leader, duty.log.size(),
                             duty.log.size() == 1 ? "" : "s"));
  return k_exit_ok;
}

// ---- list, export, show -----------------------------------------------------------------

struct ListOptions {
  std::string from, to, period, leader;
  OutputOptions output;
};

std::string joined_log(const store::Duty& d)
{
  std::string out;
  for (const auto& l : d.log) out += (out.empty() ? "" : "\n") + l.note;
  return out;
}

int run_list(Context& ctx, const ListOptions& o)
{
  const auto range = parse_day_range(ctx, o.from, o.to, o.period);
  auto db = ctx.open_db();
  const bool machine = is_machine(o.output);
  io::Table t;
  t.columns = {{"day", std::string(ctx.tr("日期", "day")), io::Align::left},
               {"weekday", std::string(ctx.tr("星期", "weekday")), io::Align::left},
               {"leader", std::string(ctx.tr("带班领导", "leader")), io::Align::left},
               {"log", std::string(ctx.tr("值班记录", "log")), io::Align::left}};
  if (machine) t.columns.push_back({"uuid", "UUID", io::Align::left});
  for (const auto& d : store::list_duties(db, range.from, range.to)) {
    if (!o.leader.empty() && d.leader != o.leader) continue;
    io::Row row{d.day.iso(), machine ? io::Cell::number(d.day.iso_weekday()) : io::Cell(weekday_label(d.day, ctx.lang)),
                d.leader, joined_log(d)};
    if (machine) row.emplace_back(d.uuid);
    t.rows.push_back(std::move(row));
  }
  emit_table(ctx, o.output, t, false);
  return k_exit_ok;
}

int run_show(Context& ctx, const std::string& day_text)
{
  const Date day = parse_date_option("DAY", day_text);
  auto db = ctx.open_db();
  const auto duty = store::find_duty(db, day);
  if (!duty)
    throw Error(ErrorKind::not_found, fmt::format("no leader is on duty on {}", day.iso()),
                "'ankang duty list' shows the days on record");
  auto& out = ctx.out;
  out << fmt::format("{} {} {}\n", ctx.tr("到岗带班", "Duty"), day.iso(), weekday_label(day, ctx.lang));
  out << fmt::format("{}: {}\n", ctx.tr("带班领导", "leader"), duty->leader);
  out << fmt::format("UUID: {}\n", duty->uuid);
  out << fmt::format("{}: {}\n", ctx.tr("值班记录", "log"), duty->log.size());
  for (const auto& l : duty->log)
    out << fmt::format("  {}  {}\n", l.actor, io::single_line(l.note));
  return k_exit_ok;
}

// ---- check ------------------------------------------------------------------------------

struct CheckOptions {
  std::string from, to, period;
  OutputOptions output;
};

int run_check(Context& ctx, const CheckOptions& o)
{
  const auto range = parse_day_range(ctx, o.from, o.to, o.period);
  if (!range.from || !range.to) throw Error(ErrorKind::usage, "give the days to check: --from DATE --to DATE (or --period)");
  auto db = ctx.open_db();
  const auto check = ops::check_duty(db, *range.from, *range.to);
  const bool machine = is_machine(o.output);
  io::Table t;
  t.columns = {{"day", std::string(ctx.tr("日期", "day")), io::Align::left},
               {"weekday", std::string(ctx.tr("星期", "weekday")), io::Align::left}};
  for (const Date d : check.uncovered)
    t.rows.push_back({d.iso(), machine ? io::Cell::number(d.iso_weekday()) : io::Cell(weekday_label(d, ctx.lang))});
  if (!check.uncovered.empty() || machine) emit_table(ctx, o.output, t, false);
  note_provisional(ctx, check.provisional_years);
  const bool zh = ctx.lang == domain::Lang::zh;
  const size_t covered = check.days_off.size() - check.uncovered.size();
  ctx.note(zh ? fmt::format("{}至{}共{}个休息日，已安排带班{}天，未安排{}天", range.from->iso(), range.to->iso(),
                            check.days_off.size(), covered, check.uncovered.size())
              : fmt::format("{} days off from {} to {}: {} with a leader on duty, {} without", check.days_off.size(),
                            range.from->iso(), range.to->iso(), covered, check.uncovered.size()));
  return check.uncovered.empty() ? k_exit_ok : k_exit_findings;
}

}  // namespace

void add_duty_commands(CLI::App& group, Context& ctx)
{
  group.require_subcommand(1);

  auto& po = ctx.own<PlanOptions>();
  auto* plan = group.add_subcommand(
      "plan", "Put a leader on every day off in a range, rotating in the given order after the last duty on record");
  plan->add_option("--from", po.from, "First day, e.g. 2021-09-25")->required();
  plan->add_option("--to", po.to, "Last day (inclusive)")->required();
  plan->add_option("--leaders", po.leaders, "Leaders in rotation order: 张三,李四,王五")->required();
  plan->add_flag("--dry-run", po.dry_run, "Print the plan, write nothing");
  add_output_options(plan, po.output);
  set_example(plan, "ankang duty plan --from 2021-09-25 --to 2021-10-10 --leaders 张三,李四,王五");
  plan->callback([&ctx, &po] { ctx.action = [&ctx, &po] { return run_plan(ctx, po); }; });

  auto& ao = ctx.own<AddOptions>();
  auto* add = group.add_subcommand("add", "Put one leader on duty on one day");
  add->add_option("--on", ao.on, "The day")->required();
  add->add_option("--leader", ao.leader, "The leader on duty (带班领导)")->required();
  add->add_flag("--replace", ao.replace, "Replace the leader the day has");
  set_example(add, "ankang duty add --on 2021-10-01 --leader 张三");
  add->callback([&ctx, &ao] { ctx.action = [&ctx, &ao] { return run_add(ctx, ao); }; });

  auto& lo = ctx.own<LogOptions>();
  auto* log = group.add_subcommand("log", "Record what was reported on duty (值班记录) on a day");
  log->add_option("--on", lo.on, "The day (default: today)");
  log->add_option("--note", lo.note, "What was reported")->required();
  log->add_option("--leader", lo.leader, "The leader on duty, for a day not planned yet");
  set_example(log, "ankang duty log --on 2021-10-01 --note '检查锅炉房、危化品库，未发现异常'");
  log->callback([&ctx, &lo] { ctx.action = [&ctx, &lo] { return run_log(ctx, lo); }; });

  const auto add_list = [&](const char* name, const char* help, const char* format) {
    auto& o = ctx.own<ListOptions>();
    auto* cmd = group.add_subcommand(name, help);
    cmd->add_option("--from", o.from, "From this day");
    cmd->add_option("--to", o.to, "To this day (inclusive)");
    cmd->add_option("--period", o.period, "Days in PERIOD: 2021-10, 2021Q4, this-year …");
    cmd->add_option("--leader", o.leader, "Only this leader");
    add_output_options(cmd, o.output, format);
    cmd->callback([&ctx, &o] { ctx.action = [&ctx, &o] { return run_list(ctx, o); }; });
    return cmd;
  };
  set_example(add_list("list", "List the leaders on duty by day, with their notes", "table"),
              "ankang duty list --from 2021-10-01 --to 2021-10-07");
  set_example(add_list("export", "Export the duties as CSV (or --format json)", "csv"),
              "ankang duty export --period 2021 -o duty.csv");

  auto& day = ctx.own<std::string>();
  auto* show = group.add_subcommand("show", "Show one day's duty and its notes");
  show->add_option("DAY", day, "The day")->required();
  set_example(show, "ankang duty show 2021-10-01");
  show->callback([&ctx, &day] { ctx.action = [&ctx, &day] { return run_show(ctx, day); }; });

  auto& co = ctx.own<CheckOptions>();
  auto* check = group.add_subcommand("check", "List the days off without a leader on duty: exit 3 when there are any");
  check->add_option("--from", co.from, "First day");
  check->add_option("--to", co.to, "Last day (inclusive)");
  check->add_option("--period", co.period, "Or a period: 2021-10, 2021Q4 …");
  add_output_options(check, co.output);
  set_example(check, "ankang duty check --from 2021-09-25 --to 2021-10-10 || echo 有休息日未安排带班");
  check->callback([&ctx, &co] { ctx.action = [&ctx, &co] { return run_check(ctx, co); }; });
}

}  // namespace ankang::cli

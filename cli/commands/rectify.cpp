// ankang rectify: the closed loop of DESIGN §4 (plan, progress, extend, done, verify, reopen,
// void), deadline rules and fills (§5), and what is due or overdue.
#include "cli/commands/hazard_common.hpp"
#include "cli/commands/registry.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "domain/calendar_provisional.hpp"
#include "ops/hazard_ops.hpp"
#include "domain/codes.hpp"
#include "domain/deadline.hpp"
#include "domain/money.hpp"
#include "error.hpp"
#include "text.hpp"
#include "ops/rectify_ops.hpp"
#include "store/calendar_store.hpp"

#include <fmt/format.h>

namespace ankang::cli {

namespace {

using domain::HazardStatus;
using ops::RectifyStep;

// Which hazards a life-cycle command works on, and its business date.
struct SelectionOptions {
  std::string id;
  // --ids as typed, split here: CLI11's own split drops empty items, so `--ids ","` took the next
  // option as its value.
  std::string ids;
  bool ids_given = false;
  std::string enterprise;
  std::vector<std::string> statuses;
  std::string level;
  std::string sector;
  bool dry_run = false;
  std::string on;
};

struct FilterOptions {
  std::string enterprise;
  std::vector<std::string> statuses;
  std::string level;
  std::string sector;
};

void add_filter_options(CLI::App* cmd, FilterOptions& f, bool with_status)
{
  cmd->add_option("--enterprise", f.enterprise, "Only this enterprise: credit code, row id (id:12), name or a unique part of it");
  if (with_status)
    cmd->add_option("--status", f.statuses, "Only hazards in these statuses (open, rectifying, …; comma-separated)")
        ->delimiter(',');
  cmd->add_option("--level", f.level, "Only hazards of this level: general (一般) or major (重大)");
  cmd->add_option("--sector", f.sector, "Only hazards of this sector (coal, 煤矿, …)");
}

void add_selection_options(CLI::App* cmd, SelectionOptions& s)
{
  cmd->add_option("ID", s.id, "The hazard: row id or number (YH-2021-000001)");
  cmd->add_option("--ids", s.ids, "Several hazards at once: 3,5,9 or numbers, comma-separated")
      ->each([&s](const std::string&) { s.ids_given = true; });
  cmd->add_option("--enterprise", s.enterprise, "Bulk: the hazards of this enterprise (credit code, row id, name or a unique part of it)");
  cmd->add_option("--status", s.statuses, "Bulk: hazards in these statuses (comma-separated)")->delimiter(',');
  cmd->add_option("--level", s.level, "Bulk: hazards of this level: general (一般) or major (重大)");
  cmd->add_option("--sector", s.sector, "Bulk: hazards of this sector");
  cmd->add_flag("--dry-run", s.dry_run, "Check and show what would change; write nothing");
  cmd->add_option("--on", s.on, "The business date of the step (default: today)");
}

store::RectifyFilter make_filter(store::Database& db, const std::string& enterprise,
                                const std::vector<std::string>& statuses, const std::string& level,
                                const std::string& sector)
{
  store::RectifyFilter f;
  if (!enterprise.empty()) f.enterprise = ops::resolve_enterprise(db, enterprise).id;
  for (const auto& s : statuses)
    f.statuses.push_back(*domain::status_from_code(
        parse_option_value("--status", [&] { return domain::hazard_statuses().parse_or_throw(s); })));
  if (!level.empty())
    f.level = *domain::level_from_code(parse_option_value("--level", [&] { return domain::hazard_levels().parse_or_throw(level); }));
  if (!sector.empty()) f.sector = std::string(parse_option_value("--sector", [&] { return domain::sectors().parse_or_throw(sector); }));
  return f;
}

store::RectifyFilter make_filter(store::Database& db, const FilterOptions& o)
{
  return make_filter(db, o.enterprise, o.statuses, o.level, o.sector);
}

ops::HazardSelection make_selection(store::Database& db, const SelectionOptions& o)
{
  ops::HazardSelection sel;
  if (!o.id.empty()) sel.keys.push_back(o.id);
  for (size_t start = 0; start <= o.ids.size();) {
    const size_t comma = std::min(o.ids.find(',', start), o.ids.size());
    const auto key = trim_blanks(std::string_view(o.ids).substr(start, comma - start));
    if (!key.empty()) sel.keys.emplace_back(key);
    start = comma + 1;
  }
  if (o.ids_given && o.id.empty() && sel.keys.empty())
    throw Error(ErrorKind::usage, fmt::format("--ids {} names no hazard: the list is empty", quote_value(o.ids)),
                "give row ids or numbers, comma-separated: --ids 3,5,9");
  const bool filtered = !o.enterprise.empty() || !o.statuses.empty() || !o.level.empty() || !o.sector.empty();
  if (sel.keys.empty() && !filtered)
    throw Error(ErrorKind::usage, "no hazard named", "give ID, --ids 3,5,9 or a filter (--enterprise, --status, --level, --sector)");
  if (!sel.keys.empty() && filtered)
    throw Error(ErrorKind::usage, "hazards named both by ID/--ids and by a filter", "use one or the other");
  if (filtered) sel.filter = make_filter(db, o.enterprise, o.statuses, o.level, o.sector);
  return sel;
}

std::string status_label(const Context& ctx, HazardStatus s)
{
  return std::string(domain::hazard_statuses().label(domain::code(s), ctx.lang));
}

const domain::ChangedField* changed(const domain::Transition& t, std::string_view field)
{
  for (const auto& c : t.changes)
    if (c.field == field) return &c;
  return nullptr;
}

// A deadline as people read it: 2027-01-08（暂定） when counted through the provisional calendar.
std::string due_text(const Context& ctx, const std::optional<domain::Date>& due, bool provisional)
{
  if (!due) return "—";
  return due->iso() + (provisional ? std::string(domain::provisional_mark(ctx.lang)) : std::string());
}

// One line per hazard: what the step did (or would do).
std::string describe(const Context& ctx, const ops::RectifyResult& r)
{
  const auto& t = r.transition;
  std::string line = r.no + ": ";
  if (t.event_kind == "progress") return line + std::string(ctx.tr("已记录整改进展", "progress recorded"));
  if (t.event_kind == "extended") {
    const auto* due = changed(t, "due_on");
    return line + fmt::format("{} {} → {} ({} {})", ctx.tr("整改期限", "deadline"), due && due->before ? *due->before : "—",
                              due_text(ctx, t.after.due_on, r.due_provisional), ctx.tr("延期次数", "extensions"),
                              t.after.extensions);
  }
  if (t.event_kind == "undone") {
    line += fmt::format(fmt::runtime(ctx.tr("{}（{}）{} → {}", "{} ({}) {} → {}")), ctx.tr("已撤销上一步", "step undone"),
                        step_note(t.note.substr(0, t.note.find(':')), ctx.lang), status_label(ctx, t.from),
                        status_label(ctx, t.to));
    for (const auto& c : t.changes)
      line += fmt::format(fmt::runtime(ctx.tr("；{} {} → {}", "; {} {} → {}")), hazard_field_label(c.field, ctx.lang),
                          hazard_field_value(c.field, c.before, ctx.lang), hazard_field_value(c.field, c.after, ctx.lang));
    return line;
  }
  line += fmt::format("{} → {}", status_label(ctx, t.from), status_label(ctx, t.to));
  if ((t.event_kind == "planned" || t.event_kind == "reopened") && t.after.due_on && changed(t, "due_on"))
    line += fmt::format(", {} {}", ctx.tr("整改期限", "deadline"), due_text(ctx, t.after.due_on, r.due_provisional));
  return line;
}

// The note that goes with provisional deadlines: the years whose notice is missing.
void note_provisional(const Context& ctx, store::Database& db, domain::Date from, domain::Date to)
{
  const auto years = domain::provisional_years_between(store::load_calendar(db), from, to);
  if (!years.empty()) ctx.note(domain::provisional_note(years, ctx.lang));
}

domain::Date business_date(const Context& ctx, const std::string& on)
{
  return on.empty() ? ctx.today : parse_date_option("--on", on);
}

int run_step(Context& ctx, const SelectionOptions& sel, const ops::RectifyRequest& request)
{
  auto db = ctx.open_db();
  const ops::Business business{ctx.user, ctx.now_utc, business_date(ctx, sel.on), ctx.today};
  const auto selection = make_selection(db, sel);
  const auto results = ops::rectify(db, selection, request, business, sel.dry_run);
  std::optional<domain::Date> last_provisional;
  for (const auto& r : results) {
    ctx.out << describe(ctx, r) << '\n';
    if (r.due_provisional && r.transition.after.due_on && (r.transition.event_kind == "planned" || r.transition.event_kind == "extended"))
      last_provisional = std::max(last_provisional.value_or(*r.transition.after.due_on), *r.transition.after.due_on);
  }
  if (last_provisional) note_provisional(ctx, db, business.on, *last_provisional);
  if (results.empty()) ctx.note("no hazard matches the filter; nothing to do");
  else if (sel.dry_run)
    ctx.note(fmt::format("dry run: {} hazard(s) checked, nothing written", results.size()));
  else if (results.size() > 1)
    ctx.note(fmt::format("{} hazards updated", results.size()));
  return k_exit_ok;
}

// Registers a life-cycle command: `fill` completes the request from the command's own options.
void add_step(CLI::App& group, Context& ctx, const char* name, const char* description, const char* example,
              const std::function<void(CLI::App*, ops::RectifyRequest&)>& options,
              const std::function<void(ops::RectifyRequest&)>& finish = {})
{
  auto* cmd = group.add_subcommand(name, description);
  auto& sel = ctx.own<SelectionOptions>();
  auto& request = ctx.own<ops::RectifyRequest>();
  add_selection_options(cmd, sel);
  options(cmd, request);
  set_example(cmd, example);
  cmd->callback([&ctx, &sel, &request, finish] {
    ctx.action = [&ctx, &sel, &request, finish] {
      if (finish) finish(request);
      return run_step(ctx, sel, request);
    };
  });
}

std::optional<std::string> given(const std::string& s) { return s.empty() ? std::nullopt : std::optional(s); }

// ---- plan: the options that are parsed when the command runs ----

struct PlanOptions {
  std::string owner, dept, measures, funds, emergency_plan, deadline, note;
};

void add_plan(CLI::App& group, Context& ctx)
{
  auto& o = ctx.own<PlanOptions>();
  add_step(
      group, ctx, "plan", "Start rectification (open → rectifying) with owner, deadline and measures (五落实 for major)",
      "ankang rectify plan YH-2021-000042 --owner 张伟 --deadline +10wd --measures '更换锈蚀支护' --funds 5万",
      [&o](CLI::App* cmd, ops::RectifyRequest& r) {
        r.step = RectifyStep::plan;
        cmd->add_option("--owner", o.owner, "Responsible person (责任人)");
        cmd->add_option("--deadline", o.deadline,
                        "Deadline (时限): DATE, +Nwd (working days), +Nd, eow, eom or eoq, from the business date");
        cmd->add_option("--measures", o.measures, "Rectification measures (整改措施)");
        cmd->add_option("--funds", o.funds, "Funds (资金) in yuan: 50000, 5万, 12.5万元");
        cmd->add_option("--emergency-plan", o.emergency_plan, "Emergency plan (应急预案), required for major hazards");
        cmd->add_option("--dept", o.dept, "Responsible department (责任单位)");
        cmd->add_option("--note", o.note, "A note for the history");
      },
      [&o](ops::RectifyRequest& r) {
        r.owner = given(o.owner);
        r.owner_dept = given(o.dept);
        r.measures = given(o.measures);
        r.emergency_plan = given(o.emergency_plan);
        if (!o.funds.empty()) {
          std::string why;
          const auto m = domain::try_parse_money(o.funds, domain::MoneyUnit::yuan, why);
          if (!m) throw Error(ErrorKind::usage, fmt::format("--funds: {} is not an amount: {}", quote_value(o.funds), why));
          r.funds = *m;
        }
        if (!o.deadline.empty()) r.deadline = parse_option_value("--deadline", [&] { return domain::parse_deadline(o.deadline); });
        r.text = o.note;
      });
}

struct TextOption {
  std::string text;
  std::string to;
};

void add_lifecycle_commands(CLI::App& group, Context& ctx)
{
  add_plan(group, ctx);

  add_step(group, ctx, "progress", "Record progress on a hazard being rectified",
           "ankang rectify progress 42 --note '支护材料已到场'", [](CLI::App* cmd, ops::RectifyRequest& r) {
             r.step = RectifyStep::progress;
             cmd->add_option("--note", r.text, "What was done")->required();
           });

  auto& extend = ctx.own<TextOption>();
  add_step(
      group, ctx, "extend", "Extend the deadline (stays rectifying; the earlier deadline stays in the history)",
      "ankang rectify extend 42 --to +5wd --reason '备件未到货'",
      [&extend](CLI::App* cmd, ops::RectifyRequest& r) {
        r.step = RectifyStep::extend;
        cmd->add_option("--to", extend.to, "The new deadline: DATE, or +Nwd/+Nd/eow/eom/eoq from the current deadline")
            ->required();
        cmd->add_option("--reason", r.text, "Why the deadline moves")->required();
      },
      [&extend](ops::RectifyRequest& r) { r.deadline = parse_option_value("--to", [&] { return domain::parse_deadline(extend.to); }); });

  auto& on_spot = ctx.own<bool>();
  add_step(
      group, ctx, "done", "Report the work done (rectifying → submitted), or close at once with --on-spot (即查即改)",
      "ankang rectify done 42 --note '已更换支护'\n  ankang rectify done 43 --on-spot",
      [&on_spot](CLI::App* cmd, ops::RectifyRequest& r) {
        cmd->add_option("--note", r.text, "What was done");
        cmd->add_flag("--on-spot", on_spot,
                      "Fixed in the inspector's presence: open → closed at once, general hazards only");
      },
      [&on_spot](ops::RectifyRequest& r) { r.step = on_spot ? RectifyStep::on_spot : RectifyStep::done; });

  struct Verdict {
    bool pass = false;
    bool fail = false;
  };
  auto& verdict = ctx.own<Verdict>();
  add_step(
      group, ctx, "verify", "Verify the work: --pass closes the hazard (销号), --fail sends it back to rectifying",
      "ankang rectify verify 42 --by 李娜 --pass",
      [&verdict](CLI::App* cmd, ops::RectifyRequest& r) {
        cmd->add_option("--by", r.verifier, "The verifier (验收人), not the owner")->required();
        auto* p = cmd->add_flag("--pass", verdict.pass, "The work passes: closed on the business date");
        auto* f = cmd->add_flag("--fail", verdict.fail, "The work fails: back to rectifying");
        p->excludes(f);
        f->excludes(p);
        cmd->add_option("--note", r.text, "The verification's finding");
      },
      [&verdict](ops::RectifyRequest& r) {
        if (!verdict.pass && !verdict.fail) throw Error(ErrorKind::usage, "verify needs --pass or --fail");
        r.step = verdict.pass ? RectifyStep::verify_pass : RectifyStep::verify_fail;
      });

  auto& reopen_deadline = ctx.own<std::string>();
  add_step(
      group, ctx, "reopen",
      "Reopen a closed hazard (closed → rectifying): a fresh start, the completion, verification and 销号 dates are "
      "cleared (the history keeps them)",
      "ankang rectify reopen 42 --reason '复查发现支护再次松动' --deadline +10wd",
      [&reopen_deadline](CLI::App* cmd, ops::RectifyRequest& r) {
        r.step = RectifyStep::reopen;
        cmd->add_option("--reason", r.text, "Why it is reopened")->required();
        cmd->add_option("--deadline", reopen_deadline,
                        "A new deadline: DATE, or +Nwd/+Nd/eow/eom/eoq counted from the reopen date (not an "
                        "extension; default: the deadline stays as it was)");
      },
      [&reopen_deadline](ops::RectifyRequest& r) {
        if (!reopen_deadline.empty())
          r.deadline = parse_option_value("--deadline", [&] { return domain::parse_deadline(reopen_deadline); });
      });

  add_step(group, ctx, "undo",
           "Take back the hazard's last step (plan, done, verify, reopen, void …) with a compensating 'undone' "
           "event that restores the state before it; the history keeps both",
           "ankang rectify undo 42 --reason '误操作：整改尚未完成' --dry-run", [](CLI::App* cmd, ops::RectifyRequest& r) {
             r.step = RectifyStep::undo;
             cmd->add_option("--reason", r.text, "Why the step is taken back")->required();
           });

  add_step(group, ctx, "void", "Void a hazard recorded in error (from open or rectifying)",
           "ankang rectify void 42 --reason '重复登记'", [](CLI::App* cmd, ops::RectifyRequest& r) {
             r.step = RectifyStep::void_hazard;
             cmd->add_option("--reason", r.text, "Why it is void")->required();
           });
}

// ---- lists: due and overdue ----

std::string level_cell(const Context& ctx, bool for_people, domain::HazardLevel l)
{
  return std::string(for_people ? domain::hazard_levels().label(domain::code(l), ctx.lang) : domain::code(l));
}

std::string status_cell(const Context& ctx, bool for_people, HazardStatus s)
{
  return std::string(for_people ? domain::hazard_statuses().label(domain::code(s), ctx.lang) : domain::code(s));
}

bool labels_for(const OutputOptions& o)
{
  const auto f = o.parsed();
  return f == io::Format::table || f == io::Format::md;
}

io::Table pending_table(const Context& ctx, store::Database& db, const OutputOptions& out,
                        const std::vector<store::PendingHazard>& rows, domain::Date as_of, bool overdue)
{
  const bool people = labels_for(out);
  const auto provisional = store::provisional_due_ids(db);
  std::optional<domain::Date> last_provisional;
  io::Table t;
  t.columns = {{"id", "#", io::Align::right},
               {"no", std::string(ctx.tr("隐患编号", "number"))},
               {"enterprise", std::string(ctx.tr("企业", "enterprise"))},
               {"level", std::string(ctx.tr("等级", "level"))},
               {"status", std::string(ctx.tr("状态", "status"))},
               {"owner", std::string(ctx.tr("责任人", "owner"))},
               {"due_on", std::string(ctx.tr("整改期限", "deadline"))},
               {"extensions", std::string(ctx.tr("延期次数", "extensions")), io::Align::right}};
  if (overdue) t.columns.push_back({"days_overdue", std::string(ctx.tr("截至今日超期天数", "days overdue as of today")), io::Align::right});
  else t.columns.push_back({"days_left", std::string(ctx.tr("截至今日剩余天数", "days left as of today")), io::Align::right});
  if (!people) t.columns.push_back({"due_provisional", "due_provisional"});
  for (const auto& p : rows) {
    const bool is_provisional = provisional.count(p.id.value) > 0;
    if (is_provisional) last_provisional = std::max(last_provisional.value_or(p.due_on), p.due_on);
    t.rows.push_back({io::Cell::number(p.id.value), io::Cell(p.no), io::Cell(p.enterprise), io::Cell(level_cell(ctx, people, p.level)),
                      io::Cell(status_cell(ctx, people, p.status)), p.owner.empty() ? io::Cell::null() : io::Cell(p.owner),
                      io::Cell(people ? due_text(ctx, p.due_on, is_provisional) : p.due_on.iso()),
                      io::Cell::number(p.extensions), io::Cell::number(overdue ? as_of - p.due_on : p.due_on - as_of)});
    if (!people) t.rows.back().push_back(io::Cell::number_text(is_provisional ? "true" : "false"));
  }
  if (last_provisional) note_provisional(ctx, db, as_of, *last_provisional);
  return t;
}

struct OverdueOptions {
  FilterOptions filter;
  OutputOptions out;
  bool check = false;
};

struct DueOptions {
  FilterOptions filter;
  OutputOptions out;
  std::string within = "7d";
};

void add_list_commands(CLI::App& group, Context& ctx)
{
  auto& due = ctx.own<DueOptions>();
  auto* due_cmd = group.add_subcommand("due", "Open or rectifying hazards due from today to the end of a window");
  due_cmd->add_option("--within", due.within, "The window: 5wd (working days) or 7d (calendar days)")->default_str("7d");
  add_filter_options(due_cmd, due.filter, false);
  add_output_options(due_cmd, due.out);
  due_cmd->footer("Days left are counted to today (the global --as-of/--today); report weekly counts them to the period's end.\n"
                  "Example:\n  ankang rectify due --within 5wd --format csv");
  due_cmd->callback([&ctx, &due] {
    ctx.action = [&ctx, &due] {
      auto db = ctx.open_db_for_lists();
      parse_option_value("--within", [&] { return domain::parse_window(due.within, ctx.today, store::load_calendar(db)); });
      const auto rows = ops::list_due(db, due.within, ctx.today, make_filter(db, due.filter));
      emit_table(ctx, due.out, pending_table(ctx, db, due.out, rows, ctx.today, false), false);
      return k_exit_ok;
    };
  });

  auto& overdue = ctx.own<OverdueOptions>();
  auto* overdue_cmd = group.add_subcommand(
      "overdue", "Overdue hazards (open or rectifying, deadline before the as-of date), longest overdue first");
  add_filter_options(overdue_cmd, overdue.filter, false);
  overdue_cmd->add_flag("--check", overdue.check, "Exit 3 when anything is overdue (for cron)");
  add_output_options(overdue_cmd, overdue.out);
  overdue_cmd->footer("The as-of date is the global --as-of/--today (default: today in China).\n"
                      "Days overdue are counted to that day; report weekly counts them to the period's end.\nExample:\n"
                      "  ankang rectify overdue --as-of 2021-09-30 --check");
  overdue_cmd->callback([&ctx, &overdue] {
    ctx.action = [&ctx, &overdue] {
      auto db = ctx.open_db_for_lists();
      const auto rows = store::list_overdue(db, ctx.today, make_filter(db, overdue.filter));
      emit_table(ctx, overdue.out, pending_table(ctx, db, overdue.out, rows, ctx.today, true), false);
      return overdue.check && !rows.empty() ? k_exit_findings : k_exit_ok;
    };
  });
}

// ---- deadline rules and fills ----

struct RuleSetOptions {
  std::string level, sector, period;
};

std::string sector_cell(const Context& ctx, bool people, const std::string& sector)
{
  if (!people) return sector;
  if (sector.empty()) return std::string(ctx.tr("（全部）", "(any)"));
  return std::string(domain::sectors().label(sector, ctx.lang));
}

void add_rule_commands(CLI::App& group, Context& ctx)
{
  auto* rule = group.add_subcommand("rule", "Default rectification periods by level, optionally by sector");
  rule->require_subcommand(1);

  auto& list_out = ctx.own<OutputOptions>();
  auto* list = rule->add_subcommand("list", "List the deadline rules");
  add_output_options(list, list_out);
  set_example(list, "ankang rectify rule list");
  list->callback([&ctx, &list_out] {
    ctx.action = [&ctx, &list_out] {
      auto db = ctx.open_db();
      const bool people = labels_for(list_out);
      io::Table t;
      t.columns = {{"level", std::string(ctx.tr("等级", "level"))},
                   {"sector", std::string(ctx.tr("行业领域", "sector"))},
                   {"period", std::string(ctx.tr("整改期限", "period"))}};
      for (const auto& r : store::list_deadline_rules(db))
        t.rows.push_back({io::Cell(level_cell(ctx, people, r.level)), io::Cell(sector_cell(ctx, people, r.sector)),
                          io::Cell(r.period)});
      emit_table(ctx, list_out, t, false);
      return k_exit_ok;
    };
  });

  auto& set = ctx.own<RuleSetOptions>();
  auto* set_cmd = rule->add_subcommand("set", "Set the period of a level (and sector)");
  set_cmd->add_option("--level", set.level, "general (一般) or major (重大)")->required();
  set_cmd->add_option("--sector", set.sector, "Only for this sector (default: any sector)");
  set_cmd->add_option("--period", set.period, "+Nwd (working days), +Nd (calendar days), eow, eom or eoq")->required();
  set_example(set_cmd, "ankang rectify rule set --level major --sector coal --period +30d");
  set_cmd->callback([&ctx, &set] {
    ctx.action = [&ctx, &set] {
      const auto level = *domain::level_from_code(
          parse_option_value("--level", [&] { return domain::hazard_levels().parse_or_throw(set.level); }));
      if (!set.sector.empty()) parse_option_value("--sector", [&] { return domain::sectors().parse_or_throw(set.sector); });
      parse_option_value("--period", [&] { return domain::parse_deadline(set.period); });
      auto db = ctx.open_db();
      const auto previous = ops::set_deadline_rule(db, level, set.sector, set.period);
      const std::string sector = set.sector.empty() ? "" : std::string(domain::sectors().parse_or_throw(set.sector));
      const auto spec = domain::parse_deadline(set.period);
      ctx.out << fmt::format("{} {}/{}: {}", ctx.tr("规则", "rule"),
                             domain::hazard_levels().label(domain::code(level), ctx.lang), sector_cell(ctx, true, sector),
                             spec.text());
      if (previous) ctx.out << fmt::format(" ({} {})", ctx.tr("原为", "was"), *previous);
      ctx.out << '\n';
      return k_exit_ok;
    };
  });
}

struct DeadlineOptions {
  FilterOptions filter;
  OutputOptions out;
  bool apply = false;
  std::string on;
};

void add_deadline_command(CLI::App& group, Context& ctx)
{
  auto& o = ctx.own<DeadlineOptions>();
  auto* cmd = group.add_subcommand(
      "deadline", "Fill missing deadlines from the rules, counted from found_on (dry run unless --apply)");
  add_filter_options(cmd, o.filter, true);
  cmd->add_flag("--apply", o.apply, "Write the deadlines (one transaction, one event per hazard)");
  cmd->add_option("--on", o.on, "The business date recorded in the events (default: today)");
  add_output_options(cmd, o.out);
  set_example(cmd, "ankang rectify deadline --level general\n  ankang rectify deadline --apply");
  cmd->callback([&ctx, &o] {
    ctx.action = [&ctx, &o] {
      auto db = ctx.open_db();
      const ops::Business business{ctx.user, ctx.now_utc, business_date(ctx, o.on), ctx.today};
      const auto filter = make_filter(db, o.filter);
      const bool people = labels_for(o.out);
      io::WriteOptions wo;
      wo.bom = o.out.bom;
      ops::DeadlineFillSummary summary;
      // Rows stream out as they are computed: 10^5 fills need no table in memory.
      with_output(ctx, o.out, [&](std::ostream& os) {
        auto writer = io::make_row_writer(o.out.parsed(), os, wo);
        writer->begin({{"id", "#", io::Align::right},
                       {"no", std::string(ctx.tr("隐患编号", "number"))},
                       {"enterprise", std::string(ctx.tr("企业", "enterprise"))},
                       {"level", std::string(ctx.tr("等级", "level"))},
                       {"sector", std::string(ctx.tr("行业领域", "sector"))},
                       {"status", std::string(ctx.tr("状态", "status"))},
                       {"found_on", std::string(ctx.tr("发现日期", "found on"))},
                       {"period", std::string(ctx.tr("规则期限", "rule"))},
                       {"due_on", std::string(ctx.tr("整改期限", "deadline"))}});
        io::Row row(9);
        summary = ops::fill_deadlines(db, filter, business, o.apply, [&](const ops::DeadlineFill& f) {
          row[0] = io::Cell::number(f.id.value);
          row[1] = io::Cell(f.no);
          row[2] = io::Cell(f.enterprise);
          row[3] = io::Cell(level_cell(ctx, people, f.level));
          row[4] = io::Cell(sector_cell(ctx, people, f.sector));
          row[5] = io::Cell(status_cell(ctx, people, f.status));
          row[6] = io::Cell(f.found_on.iso());
          row[7] = io::Cell(f.period);
          row[8] = io::Cell(people ? due_text(ctx, f.due_on, f.due_provisional) : f.due_on.iso());
          writer->row(row);
        });
        writer->end();
      });
      if (o.apply)
        ctx.note(fmt::format("set {} deadline(s)", summary.filled));
      else
        ctx.note(fmt::format("dry run: {} deadline(s) would be set; run with --apply to write them", summary.filled));
      if (summary.without_rule > 0)
        ctx.note(fmt::format("{} hazard(s) have no applicable rule; add one with 'ankang rectify rule set'",
                             summary.without_rule));
      return k_exit_ok;
    };
  });
}

}  // namespace

void add_rectify_commands(CLI::App& group, Context& ctx)
{
  group.require_subcommand(1);
  add_lifecycle_commands(group, ctx);
  add_deadline_command(group, ctx);
  add_list_commands(group, ctx);
  add_rule_commands(group, ctx);
}

}  // namespace ankang::cli

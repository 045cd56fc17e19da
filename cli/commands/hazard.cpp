// ankang hazard add|show|list|update|void|import|export
#include "cli/commands/hazard_common.hpp"
#include "cli/commands/registry.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "domain/calendar_provisional.hpp"
#include "domain/codes.hpp"
#include "domain/deadline.hpp"
#include "domain/money.hpp"
#include "domain/period.hpp"
#include "error.hpp"
#include "ops/hazard_ops.hpp"
#include "ops/rectify_ops.hpp"
#include "store/calendar_store.hpp"
#include "store/region_store.hpp"

#include <fmt/format.h>

namespace ankang::cli {

namespace {

using domain::Lang;
using store::Hazard;

std::string_view label(const domain::CodeSet& set, std::string_view code, Lang lang)
{
  return code.empty() ? std::string_view() : set.label(code, lang);
}

// ---- add -------------------------------------------------------------------------------------

struct AddOptions {
  ops::NewHazard input;
  std::string found;
  std::string on;
};

int run_add(Context& ctx, const AddOptions& o)
{
  auto db = ctx.open_db();
  ops::NewHazard in = o.input;
  for (const auto& [option, value] :
       {std::pair<std::string_view, std::string_view>{"--level", in.level}, {"--category", in.category},
        {"--stop-production", in.stop_production}, {"--sector", in.sector}, {"--deadline", in.deadline},
        {"--funds", in.funds}})
    check_hazard_option_value(option, value);
  if (!o.found.empty()) in.found_on = parse_date_option("--found", o.found);
  const auto h = ops::add_hazard(db, in, make_actor(ctx, o.on));
  ctx.out << h.no << '\n';
  return k_exit_ok;
}

void add_add(CLI::App& group, Context& ctx)
{
  auto& o = ctx.own<AddOptions>();
  auto* cmd = group.add_subcommand("add", "Record a hazard found at an enterprise; prints its number");
  auto& in = o.input;
  cmd->add_option("--enterprise,-e", in.enterprise, "The enterprise: credit code, row id (id:12), name or a unique part of it")->required();
  cmd->add_option("--found", o.found, "The day it was found (default: the business date)");
  cmd->add_option("--by", in.found_by, "Who found it");
  cmd->add_option("--location", in.location, "Where (隐患部位)");
  cmd->add_option("--desc", in.description, "What was found (隐患描述)")->required();
  cmd->add_option("--category", in.category, "equipment, behaviour, management, environment or other (or 物的不安全状态 …)");
  cmd->add_option("--level", in.level, "general (一般, default) or major (重大)");
  cmd->add_option("--basis", in.basis, "Basis of the major-hazard ruling (判定依据); required for a major hazard");
  cmd->add_option("--stop-production", in.stop_production, "none (default), partial or full");
  cmd->add_option("--inspection", in.inspection, "The inspection (id) that found it");
  cmd->add_option("--deadline", in.deadline, "Rectification deadline: DATE, +10wd, +30d, eow, eom, eoq (from the day found)");
  cmd->add_option("--owner", in.owner, "Who is responsible for the rectification (责任人)");
  cmd->add_option("--dept", in.owner_dept, "The responsible department (责任单位)");
  cmd->add_option("--measures", in.measures, "Rectification measures (整改措施)");
  cmd->add_option("--funds", in.funds, "Funds: 50000, 5万, 1.25万元 (整改资金)");
  cmd->add_option("--emergency-plan", in.emergency_plan, "Emergency plan (应急预案)");
  cmd->add_option("--no", in.no, "The hazard's number (default: the next YH-<year>-NNNNNN)");
  cmd->add_option("--sector", in.sector, "The sector it counts in (default: the enterprise's primary sector)");
  cmd->add_option("--on", o.on, "Business date recorded in the history (default: today)");
  set_example(cmd, "ankang hazard add -e 91632224MA6NDUU53L --found 2021-08-16 --by 李国栋 --location 3113回风顺槽 "
                   "--desc '巷道局部底鼓，断面不足' --category environment");
  cmd->callback([&ctx, &o] { ctx.action = [&ctx, &o] { return run_add(ctx, o); }; });
}

// ---- show ------------------------------------------------------------------------------------

// A value as the terminal should see it: on its own line, its line breaks shown as ⏎ (a
// description must not fake a "状态: 已销号" line), control and bidi characters escaped.
std::string printable(std::string_view text) { return io::single_line(text); }

int run_show(Context& ctx, const std::string& id)
{
  auto db = ctx.open_db();
  const auto d = ops::show_hazard(db, id);
  const Hazard& h = d.hazard;
  const Lang lang = ctx.lang;
  auto& out = ctx.out;
  const auto line = [&](std::string_view zh, std::string_view en, std::string_view value) {
    if (!value.empty()) out << fmt::format("{}: {}\n", ctx.tr(zh, en), printable(value));
  };
  out << fmt::format("{} {} (#{})\n", ctx.tr("隐患", "Hazard"), h.no, h.id.value);
  line("企业", "enterprise", fmt::format("{} ({})", d.enterprise.name, d.enterprise.uscc));
  line("行业领域", "sector", label(domain::sectors(), h.sector, lang));
  if (d.inspection) {
    const auto& i = *d.inspection;
    std::string text = fmt::format("#{} {} {}", i.id.value, i.date.iso(),
                                   i.kind == "other" && !i.kind_text.empty() ? std::string_view(i.kind_text)
                                                                             : label(domain::inspection_kinds(), i.kind, lang));
    if (!i.body.empty()) text += " " + i.body;
    if (!i.inspectors.empty()) text += " " + i.inspectors;
    line("检查", "inspection", text);
  }
  line("发现日期", "found on", h.found_on.iso());
  line("发现人", "found by", h.found_by);
  line("隐患部位", "location", h.location);
  line("隐患描述", "description", h.description);
  if (h.category == "other" && !h.category_text.empty())
    line("隐患类别", "category",
         fmt::format("{}{}", h.category_text, ctx.tr("（不在标准分类中，按原文保存）", " (not a standard category, kept as written)")));
  else
    line("隐患类别", "category", label(domain::hazard_categories(), h.category, lang));
  line("隐患等级", "level", label(domain::hazard_levels(), domain::code(h.level), lang));
  line("判定依据", "basis", h.basis);
  if (h.stop_production != "none") line("停产停业", "stop production", label(domain::stop_production_kinds(), h.stop_production, lang));
  std::string status(label(domain::hazard_statuses(), domain::code(h.status), lang));
  if (h.on_spot) status += ctx.tr("（即查即改）", " (fixed on the spot)");
  if (domain::counts_as_pending(h.status) && h.due_on && *h.due_on < ctx.today)
    status += fmt::format(fmt::runtime(ctx.tr("，超期 {} 天", ", {} days overdue")), ctx.today - *h.due_on);
  line("状态", "status", status);
  const bool due_provisional = store::is_provisional_due(db, h.id, h.due_on);
  if (h.due_on)
    line("整改期限", "deadline", h.due_on->iso() + (due_provisional ? std::string(domain::provisional_mark(lang)) : ""));
  if (h.extensions > 0) line("延期次数", "extensions", std::to_string(h.extensions));
  line("整改责任单位", "responsible department", h.owner_dept);
  line("整改责任人", "owner", h.owner);
  line("整改措施", "measures", h.measures);
  if (h.funds) line("整改资金（元）", "funds (yuan)", domain::format_yuan(*h.funds));
  line("应急预案", "emergency plan", h.emergency_plan);
  if (h.completed_on) line("整改完成日期", "completed on", h.completed_on->iso());
  line("验收人", "verified by", h.verified_by);
  if (h.verified_on) line("验收日期", "verified on", h.verified_on->iso());
  if (h.closed_on) line("销号日期", "closed on", h.closed_on->iso());
  if (h.voided_on) line("作废日期", "voided on", h.voided_on->iso());

  if (due_provisional) {
    const auto cal = store::load_calendar(db);
    const auto years = domain::provisional_years_between(cal, std::min(h.found_on, *h.due_on), *h.due_on);
    if (!years.empty()) ctx.note(domain::provisional_note(years, lang));
  }
  out << fmt::format("{}:\n", ctx.tr("历史", "history"));
  for (const auto& e : d.events) {
    std::string text = fmt::format("  {}  {}  {}", e.on_date.iso(), e.actor, event_label(e.kind, lang));
    if (e.to_status && e.from_status != e.to_status) {
      const auto to = label(domain::hazard_statuses(), domain::code(*e.to_status), lang);
      if (e.from_status)
        text += fmt::format(" {} → {}", label(domain::hazard_statuses(), domain::code(*e.from_status), lang), to);
      else
        text += fmt::format(" → {}", to);
    }
    if (!e.note.empty()) text += fmt::format(fmt::runtime(ctx.tr("：{}", ": {}")), step_note(e.note, lang));
    out << printable(text) << '\n';
    if (!e.fields_json.empty() && e.kind != "created" && e.kind != "imported") {
      const auto changes = store::FieldChanges::parse(e.fields_json);
      for (const auto& c : changes.changes()) {
        if (c.field == "status") continue;  // shown above as from → to
        out << io::single_line(fmt::format(fmt::runtime(ctx.tr("      {}：{} → {}", "      {}: {} → {}")),
                                           hazard_field_label(c.field, lang), hazard_field_value(c.field, c.from, lang),
                                           hazard_field_value(c.field, c.to, lang)))
            << '\n';
      }
    }
  }
  return k_exit_ok;
}

void add_show(CLI::App& group, Context& ctx)
{
  auto& id = ctx.own<std::string>();
  auto* cmd = group.add_subcommand("show", "Show a hazard, its enterprise and its whole history");
  cmd->add_option("ID", id, "Row id or hazard number (YH-2021-000001)")->required();
  set_example(cmd, "ankang hazard show YH-2021-000001");
  cmd->callback([&ctx, &id] { ctx.action = [&ctx, &id] { return run_show(ctx, id); }; });
}

// ---- list ------------------------------------------------------------------------------------

struct ListOptions {
  HazardFilterOptions filter;
  OutputOptions output;
};

void add_list(CLI::App& group, Context& ctx)
{
  auto& o = ctx.own<ListOptions>();
  auto* cmd = group.add_subcommand("list", "List hazards (every match, unless --limit)");
  add_hazard_filter_options(cmd, o.filter, true);
  add_output_options(cmd, o.output);
  set_example(cmd, "ankang hazard list --region 海北州 --status open,rectifying --level major\n"
                   "  ankang hazard list --overdue --sort overdue --format csv -o overdue.csv");
  cmd->callback([&ctx, &o] {
    ctx.action = [&ctx, &o] {
      auto db = ctx.open_db_for_lists();
      const auto filter = build_hazard_filter(ctx, db, o.filter, false);
      write_hazards(ctx, db, filter, o.output, o.filter.overdue || o.filter.sort == "overdue");
      return k_exit_ok;
    };
  });
}

// ---- update ----------------------------------------------------------------------------------

struct UpdateOptions {
  std::string id;
  std::string found, found_by, location, description, category, level, basis, stop_production, sector, owner, dept,
      measures, funds, emergency_plan, note, on;
  std::vector<std::pair<CLI::Option*, std::string*>> given;
};

int run_update(Context& ctx, CLI::App* cmd, UpdateOptions& o)
{
  ops::HazardEdit e;
  const auto set = [&](const char* name, std::optional<std::string>& field, const std::string& value) {
    if (cmd->count(name) > 0) field = value;
  };
  if (cmd->count("--found") > 0) e.found_on = parse_date_option("--found", o.found);
  set("--by", e.found_by, o.found_by);
  set("--location", e.location, o.location);
  set("--desc", e.description, o.description);
  for (const auto& [option, value] :
       {std::pair<const char*, const std::string*>{"--level", &o.level}, {"--category", &o.category},
        {"--stop-production", &o.stop_production}, {"--sector", &o.sector}, {"--funds", &o.funds}})
    if (cmd->count(option) > 0) check_hazard_option_value(option, *value);
  set("--category", e.category, o.category);
  set("--level", e.level, o.level);
  set("--basis", e.basis, o.basis);
  set("--stop-production", e.stop_production, o.stop_production);
  set("--sector", e.sector, o.sector);
  set("--owner", e.owner, o.owner);
  set("--dept", e.owner_dept, o.dept);
  set("--measures", e.measures, o.measures);
  set("--funds", e.funds, o.funds);
  set("--emergency-plan", e.emergency_plan, o.emergency_plan);
  e.note = o.note;
  auto db = ctx.open_db();
  const auto r = ops::update_hazard(db, o.id, e, make_actor(ctx, o.on));
  if (r.changes.empty()) {
    ctx.note(fmt::format("hazard {}: nothing to change", r.hazard.no));
    return k_exit_ok;
  }
  ctx.out << fmt::format("{} {}:\n", r.hazard.no, ctx.tr("已修改", "updated"));
  for (const auto& c : r.changes.changes())
    ctx.out << fmt::format(fmt::runtime(ctx.tr("  {}：{} → {}\n", "  {}: {} → {}\n")), hazard_field_label(c.field, ctx.lang),
                           hazard_field_value(c.field, c.from, ctx.lang), hazard_field_value(c.field, c.to, ctx.lang));
  return k_exit_ok;
}

void add_update(CLI::App& group, Context& ctx)
{
  auto& o = ctx.own<UpdateOptions>();
  auto* cmd = group.add_subcommand("update", "Change a hazard's descriptive fields (never its status: see 'ankang rectify')");
  cmd->add_option("ID", o.id, "Row id or hazard number")->required();
  cmd->add_option("--found", o.found, "The day it was found");
  cmd->add_option("--by", o.found_by, "Who found it");
  cmd->add_option("--location", o.location, "Where (隐患部位)");
  cmd->add_option("--desc", o.description, "What was found (隐患描述)");
  cmd->add_option("--category", o.category, "equipment, behaviour, management, environment, other ('' to clear)");
  cmd->add_option("--level", o.level, "general or major (a major hazard needs --basis)");
  cmd->add_option("--basis", o.basis, "Basis of the major-hazard ruling (判定依据)");
  cmd->add_option("--stop-production", o.stop_production, "none, partial or full");
  cmd->add_option("--sector", o.sector, "The sector it counts in");
  cmd->add_option("--owner", o.owner, "Responsible person (责任人)");
  cmd->add_option("--dept", o.dept, "Responsible department (责任单位)");
  cmd->add_option("--measures", o.measures, "Rectification measures");
  cmd->add_option("--funds", o.funds, "Funds: 50000, 5万 ('' to clear)");
  cmd->add_option("--emergency-plan", o.emergency_plan, "Emergency plan");
  cmd->add_option("--note", o.note, "Why, recorded in the history");
  cmd->add_option("--on", o.on, "Business date recorded in the history (default: today)");
  set_example(cmd, "ankang hazard update YH-2021-000012 --level major --basis '《煤矿重大事故隐患判定标准》第十条'");
  cmd->callback([&ctx, &o, cmd] { ctx.action = [&ctx, &o, cmd] { return run_update(ctx, cmd, o); }; });
}

// ---- void ------------------------------------------------------------------------------------

struct VoidOptions {
  std::string id, reason, on;
};

void add_void(CLI::App& group, Context& ctx)
{
  auto& o = ctx.own<VoidOptions>();
  auto* cmd = group.add_subcommand("void", "Void an open or rectifying hazard (作废), with a reason");
  cmd->add_option("ID", o.id, "Row id or hazard number")->required();
  cmd->add_option("--reason", o.reason, "Why it is void, recorded in the history")->required();
  cmd->add_option("--on", o.on, "Business date (default: today)");
  set_example(cmd, "ankang hazard void YH-2021-000031 --reason '与YH-2021-000030重复'");
  cmd->callback([&ctx, &o] {
    ctx.action = [&ctx, &o] {
      auto db = ctx.open_db();
      // The one implementation of the step, shared with 'rectify void'.
      ops::RectifyRequest request;
      request.step = ops::RectifyStep::void_hazard;
      request.text = o.reason;
      const auto actor = make_actor(ctx, o.on);
      const auto r = ops::rectify_one(db, o.id, request, ops::Business{actor.user, actor.now, actor.on, ctx.today});
      ctx.out << fmt::format("{} {}\n", r.no, ctx.tr("已作废", "voided"));
      return k_exit_ok;
    };
  });
}

}  // namespace

void add_hazard_commands(CLI::App& group, Context& ctx)
{
  group.require_subcommand(1);
  add_add(group, ctx);
  add_show(group, ctx);
  add_list(group, ctx);
  add_update(group, ctx);
  add_void(group, ctx);
  add_hazard_import_command(group, ctx);
  add_hazard_export_command(group, ctx);
  add_hazard_supervision_commands(group, ctx);
}

}  // namespace ankang::cli

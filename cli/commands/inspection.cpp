// ankang inspection add|list|show
#include "cli/commands/hazard_common.hpp"
#include "cli/commands/registry.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "domain/codes.hpp"
#include "domain/period.hpp"
#include "error.hpp"
#include "ops/union_ops.hpp"
#include "store/inspection_store.hpp"

#include <fmt/format.h>

namespace ankang::cli {

namespace {

struct AddOptions {
  ops::NewInspection input;
  std::string on;
};

int run_add(Context& ctx, const AddOptions& o)
{
  auto db = ctx.open_db();
  const auto i = ops::add_inspection(db, o.input, make_actor(ctx, o.on));
  ctx.out << '#' << i.id.value << '\n';
  return k_exit_ok;
}

struct ListOptions {
  std::string enterprise, period, kind;
  int64_t limit = 0;
  OutputOptions output;
};

int run_list(Context& ctx, const ListOptions& o)
{
  auto db = ctx.open_db_for_lists();
  store::InspectionFilter f;
  if (!o.enterprise.empty()) f.enterprise = ops::resolve_enterprise(db, o.enterprise).id;
  if (!o.kind.empty()) {
    const auto kind = domain::inspection_kinds().parse(o.kind);
    if (!kind)
      throw Error(ErrorKind::usage, fmt::format("invalid value for --kind: unknown inspection kind {}: expected one of {}",
                                                quote_value(o.kind), domain::inspection_kinds().valid_values()));
    f.kind = std::string(*kind);
  }
  if (!o.period.empty()) {
    const auto p = parse_option_value("--period", [&] { return domain::parse_period(o.period, ctx.today); });
    f.from = p.start;
    f.to = p.end;
  }
  if (o.limit > 0) f.limit = o.limit;
  const bool machine = o.output.parsed() != io::Format::table && o.output.parsed() != io::Format::md;
  io::Table t;
  t.columns = {{"id", "ID", io::Align::right},
               {"date", std::string(ctx.tr("检查日期", "date")), io::Align::left},
               {"uscc", std::string(ctx.tr("统一社会信用代码", "USCC")), io::Align::left},
               {"enterprise", std::string(ctx.tr("企业", "enterprise")), io::Align::left},
               {"kind", std::string(ctx.tr("检查类型", "kind")), io::Align::left},
               {"body", std::string(ctx.tr("检查单位", "body")), io::Align::left},
               {"inspectors", std::string(ctx.tr("检查人", "inspectors")), io::Align::left},
               {"hazards", std::string(ctx.tr("隐患数", "hazards")), io::Align::right}};
  store::list_inspections(db, f, [&](const store::InspectionListRow& r) {
    const auto& i = r.inspection;
    t.rows.push_back(io::Row{io::Cell::number(i.id.value), io::Cell(i.date.iso()), io::Cell(r.uscc),
                             io::Cell(r.enterprise_name),
                             io::Cell(i.kind == "other" && !i.kind_text.empty() ? std::string_view(i.kind_text)
                                      : machine ? std::string_view(i.kind)
                                                : domain::inspection_kinds().label(i.kind, ctx.lang)),
                             i.body.empty() ? io::Cell::null() : io::Cell(i.body), io::Cell(i.inspectors),
                             io::Cell::number(r.hazards)});
  });
  emit_table(ctx, o.output, t, false);
  return k_exit_ok;
}

int run_show(Context& ctx, const std::string& id)
{
  auto db = ctx.open_db();
  const auto i = store::find_inspection(db, id);
  const auto e = store::get_enterprise_ref(db, i.enterprise_id);
  auto& out = ctx.out;
  const auto line = [&](std::string_view zh, std::string_view en, std::string_view value) {
    if (!value.empty()) out << fmt::format("{}: {}\n", ctx.tr(zh, en), value);
  };
  out << fmt::format("{} #{}\n", ctx.tr("检查", "Inspection"), i.id.value);
  if (e) line("企业", "enterprise", fmt::format("{} ({})", e->name, e->uscc));
  line("检查日期", "date", i.date.iso());
  if (i.kind == "other" && !i.kind_text.empty())
    line("检查类型", "kind", fmt::format("{}{}", i.kind_text, ctx.tr("（不在标准分类中，按原文保存）", " (not a standard kind, kept as written)")));
  else
    line("检查类型", "kind", domain::inspection_kinds().label(i.kind, ctx.lang));
  line("检查单位", "body", i.body);
  line("检查人", "inspectors", i.inspectors);
  line("备注", "note", i.note);
  if (i.batch_id) line("导入批次", "import batch", std::to_string(i.batch_id->value));

  store::HazardFilter f;
  f.inspection = i.id;
  f.include_void = true;
  f.sort = store::HazardFilter::Sort::id;
  std::vector<store::HazardListRow> hazards;
  store::list_hazards(db, f, [&](const store::HazardListRow& r) { hazards.push_back(r); });
  out << fmt::format("{}: {}\n", ctx.tr("隐患", "hazards"), hazards.size());
  for (const auto& r : hazards) {
    const auto& h = r.hazard;
    out << fmt::format("  {}  {}  {}  {}  {}\n", h.no, domain::hazard_levels().label(domain::code(h.level), ctx.lang),
                       domain::hazard_statuses().label(domain::code(h.status), ctx.lang), h.location, h.description);
  }
  return k_exit_ok;
}

}  // namespace

void add_inspection_commands(CLI::App& group, Context& ctx)
{
  group.require_subcommand(1);

  auto& ao = ctx.own<AddOptions>();
  auto* add = group.add_subcommand("add", "Record an inspection or a union supervision visit; prints its id as #N");
  add->add_option("--enterprise,-e", ao.input.enterprise, "The enterprise: credit code, row id (id:12), name or a unique part of it")->required();
  add->add_option("--on", ao.on, "The day of the visit (default: today)");
  add->add_option("--kind", ao.input.kind, "union (工会监督检查), routine, special, government … (default routine)");
  add->add_option("--body", ao.input.body, "The inspecting organisation, e.g. 海北州总工会 (a union visit: default the org)");
  add->add_option("--inspectors", ao.input.inspectors, "The inspectors, comma-separated: 张三,李四");
  add->add_option("--note", ao.input.note, "A note on the visit");
  set_example(add, "ankang inspection add --enterprise 91632224MA6NDUU53L --on 2021-09-27 --kind union --body 海北州总工会 "
                   "--inspectors 张三,李四\n  ankang hazard add … --inspection 45");
  add->callback([&ctx, &ao] { ctx.action = [&ctx, &ao] { return run_add(ctx, ao); }; });

  auto& lo = ctx.own<ListOptions>();
  auto* list = group.add_subcommand("list", "List inspections, newest first, with their number of hazards");
  list->add_option("--enterprise,-e", lo.enterprise, "Only this enterprise: credit code, row id (id:12), name or a unique part of it");
  list->add_option("--kind", lo.kind, "Only this kind: union, routine, special, government …");
  list->add_option("--period", lo.period, "Inspections in PERIOD: 2021-08, 2021-W35, last-month …");
  list->add_option("--limit", lo.limit, "At most N rows")->check(row_limit_validator());
  add_output_options(list, lo.output);
  set_example(list, "ankang inspection list --period 2021-08");
  list->callback([&ctx, &lo] { ctx.action = [&ctx, &lo] { return run_list(ctx, lo); }; });

  auto& id = ctx.own<std::string>();
  auto* show = group.add_subcommand("show", "Show an inspection and the hazards it found");
  show->add_option("ID", id, "The inspection's id")->required();
  set_example(show, "ankang inspection show 3");
  show->callback([&ctx, &id] { ctx.action = [&ctx, &id] { return run_show(ctx, id); }; });
}

}  // namespace ankang::cli

// ankang inspection list|show
#include "cli/commands/hazard_common.hpp"
#include "cli/commands/registry.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "domain/codes.hpp"
#include "domain/period.hpp"
#include "store/inspection_store.hpp"

#include <fmt/format.h>

namespace ankang::cli {

namespace {

struct ListOptions {
  std::string enterprise, period;
  int64_t limit = 0;
  OutputOptions output;
};

int run_list(Context& ctx, const ListOptions& o)
{
  auto db = ctx.open_db();
  store::InspectionFilter f;
  if (!o.enterprise.empty()) f.enterprise = ops::resolve_enterprise(db, o.enterprise).id;
  if (!o.period.empty()) {
    const auto p = domain::parse_period(o.period, ctx.today);
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

  auto& lo = ctx.own<ListOptions>();
  auto* list = group.add_subcommand("list", "List inspections, newest first, with their number of hazards");
  list->add_option("--enterprise,-e", lo.enterprise, "Only this enterprise: credit code, row id (id:12), name or a unique part of it");
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

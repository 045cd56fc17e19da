#include "cli/commands/registry.hpp"
#include "cli/output.hpp"
#include "ops/hazard_ops.hpp"
#include "domain/codes.hpp"
#include "domain/period.hpp"
#include "domain/uscc.hpp"
#include "error.hpp"
#include "report/builders.hpp"
#include "report/campaign.hpp"
#include "report/union.hpp"
#include "store/region_store.hpp"
#include "store/report_queries.hpp"

#include <fmt/format.h>

namespace ankang::cli {

namespace {

struct ScopeOptions {
  std::string sector;
  std::string region;
  std::string enterprise;
  std::string level;
};

struct ReportOptions {
  OutputOptions output;
  ScopeOptions scope;
  std::string period;
  std::string quarter;
  std::string year;
  std::string by;
  std::string uscc;
  bool charts = false;
};

void add_scope_options(CLI::App* cmd, ScopeOptions& s)
{
  cmd->add_option("--sector", s.sector, "Only this sector: code or label (coal, 煤矿, 消防 …)");
  cmd->add_option("--region", s.region, "Only this region and what lies under it: 海北州, 632224, 海北州/刚察县");
  cmd->add_option("--enterprise", s.enterprise, "Only this enterprise: credit code, row id (id:12), name or a unique part of it");
  cmd->add_option("--level", s.level, "Only this level: general/一般 or major/重大");
}

void add_render_options(CLI::App* cmd, ReportOptions& o)
{
  add_output_options(cmd, o.output, "md");
  // Reports are documents, not rows: no JSON Lines. Offer what they write, refuse the rest (exit 2).
  cmd->get_option("--format")
      ->description("Output format: md (default), csv, json, table, xlsx or html")
      ->check(CLI::Validator(
          [](std::string& value) -> std::string {
            try {
              report::parse_format(value);
              return {};
            } catch (const std::exception& e) {
              return e.what();
            }
          },
          "FORMAT"));
  cmd->add_flag("--no-bom", o.output.no_bom, "CSV without the UTF-8 byte order mark that Excel needs to read it as UTF-8");
  cmd->add_flag("--charts", o.charts, "Add Mermaid charts to Markdown, beside the tables");
}

report::PeriodKind kind_of(domain::PeriodKind k)
{
  switch (k) {
  case domain::PeriodKind::week: return report::PeriodKind::week;
  case domain::PeriodKind::month: return report::PeriodKind::month;
  case domain::PeriodKind::quarter: return report::PeriodKind::quarter;
  case domain::PeriodKind::year: return report::PeriodKind::year;
  case domain::PeriodKind::range: return report::PeriodKind::range;
  }
  return report::PeriodKind::range;
}

// The period as the report covers it: cut at today (the as-of date) when it is not over.
report::PeriodSpec period_spec(const domain::Period& p, const Context& ctx)
{
  const domain::Lang lang = ctx.lang;
  const domain::Period prev = p.previous();
  report::PeriodSpec spec;
  spec.range = {p.start, p.end};
  spec.previous = {prev.start, prev.end};
  spec.kind = kind_of(p.kind);
  spec.code = p.code();
  spec.label = p.label(lang);
  report::limit_to_as_of(spec, ctx.today);
  return spec;
}

report::Scope resolve_scope(const Context& ctx, store::Database& db, const ScopeOptions& o)
{
  report::Scope scope;
  if (!o.sector.empty())
    scope.sector = scope.filter.sector =
        std::string(parse_option_value("--sector", [&] { return domain::sectors().parse_or_throw(o.sector); }));
  if (!o.level.empty())
    scope.level = scope.filter.level =
        std::string(parse_option_value("--level", [&] { return domain::hazard_levels().parse_or_throw(o.level); }));
  if (!o.region.empty()) {
    const auto region = parse_option_value("--region", [&] { return store::RegionStore(db.sql()).resolve(o.region); });
    scope.region_code = region.code;
    scope.region_name = region.full_name;
    scope.filter.region_prefix = store::region_prefix_of(region.code);
  }
  if (!o.enterprise.empty()) {
    const auto e = store::find_enterprise(db, ops::resolve_enterprise(db, o.enterprise).uscc);
    scope.enterprise_uscc = e->uscc;
    scope.enterprise_name = e->name;
    scope.filter.enterprise_id = e->id;
  }
  (void)ctx;
  return scope;
}

void emit(const Context& ctx, const ReportOptions& o, const report::Document& doc)
{
  report::RenderOptions ro;
  ro.format = report::parse_format(o.output.format);
  ro.charts = o.charts;
  ro.terminal = to_terminal(ctx, o.output);
  // Report CSV is for people: Chinese Excel reads it right only with a BOM (not shown on a terminal).
  ro.bom = !o.output.no_bom && !ro.terminal;
  ro.lang = ctx.lang;
  ro.scratch_prefix = o.output.scratch_prefix();
  with_output(ctx, o.output, [&](std::ostream& os) { report::render(doc, os, ro); });
}

report::Context report_context(const Context& ctx) { return {ctx.lang, ctx.today}; }

int run_weekly(Context& ctx, const ReportOptions& o)
{
  const auto format = report::parse_format(o.output.format);  // a bad --format fails before any work
  (void)format;
  auto db = ctx.open_db_for_lists();
  const auto scope = resolve_scope(ctx, db, o.scope);
  const auto period = period_spec(parse_option_value("--period", [&] { return domain::parse_period(o.period, ctx.today); }), ctx);
  emit(ctx, o, report::build_weekly(db, scope, period, report_context(ctx)));
  return 0;
}

int run_summary(Context& ctx, const ReportOptions& o)
{
  report::parse_format(o.output.format);
  std::vector<std::string> names;
  for (size_t start = 0;;) {
    const auto comma = o.by.find(',', start);
    names.push_back(o.by.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (names.size() > 2)
    throw Error(ErrorKind::usage, fmt::format("--by {} names {} dimensions: give one or two, e.g. --by sector,level", quote_value(o.by), names.size()));
  const auto first = report::parse_dimension(names[0]);
  std::optional<store::Dimension> second;
  if (names.size() == 2) second = report::parse_dimension(names[1]);
  auto db = ctx.open_db_for_lists();
  const auto scope = resolve_scope(ctx, db, o.scope);
  const auto period = period_spec(parse_option_value("--period", [&] { return domain::parse_period(o.period, ctx.today); }), ctx);
  emit(ctx, o, report::build_summary(db, scope, period, report_context(ctx), first, second));
  return 0;
}

int run_overdue(Context& ctx, const ReportOptions& o)
{
  report::parse_format(o.output.format);
  auto db = ctx.open_db_for_lists();
  const auto scope = resolve_scope(ctx, db, o.scope);
  emit(ctx, o, report::build_overdue(db, scope, report_context(ctx)));
  return 0;
}

int run_enterprise(Context& ctx, const ReportOptions& o)
{
  report::parse_format(o.output.format);
  auto db = ctx.open_db_for_lists();
  const auto enterprise = ops::resolve_enterprise(db, o.uscc);
  emit(ctx, o, report::build_enterprise(db, enterprise.uscc, report_context(ctx)));
  return 0;
}

int run_quarterly(Context& ctx, const ReportOptions& o)
{
  report::parse_format(o.output.format);
  if (!o.quarter.empty() && !o.year.empty())
    throw Error(ErrorKind::usage, "--quarter and --year both given: the form covers a quarter or a year, give one");
  domain::Period period;
  if (!o.year.empty()) {
    period = parse_option_value("--year", [&] { return domain::parse_period(o.year, ctx.today); });
    if (period.kind != domain::PeriodKind::year)
      throw Error(ErrorKind::usage, fmt::format("--year {} is not a year: give one such as 2021", quote_value(o.year)));
  } else {
    const std::string text = o.quarter.empty() ? "last-quarter" : o.quarter;
    period = parse_option_value("--quarter", [&] { return domain::parse_period(text, ctx.today); });
    if (period.kind != domain::PeriodKind::quarter)
      throw Error(ErrorKind::usage, fmt::format("--quarter {} is not a quarter: give one such as 2021Q3", quote_value(text)));
  }
  auto db = ctx.open_db_for_lists();
  const auto scope = resolve_scope(ctx, db, o.scope);
  emit(ctx, o, report::build_statistics(db, scope, period_spec(period, ctx), report_context(ctx)));
  return 0;
}

int run_letters(Context& ctx, const ReportOptions& o)
{
  report::parse_format(o.output.format);
  auto db = ctx.open_db();
  const auto period = period_spec(parse_option_value("--period", [&] { return domain::parse_period(o.period, ctx.today); }), ctx);
  emit(ctx, o, report::build_letters(db, period, report_context(ctx)));
  return 0;
}

struct CampaignOptions {
  ReportOptions report;
  std::string from, to;
};

int run_campaign(Context& ctx, const CampaignOptions& o)
{
  report::parse_format(o.report.output.format);
  const auto from = parse_date_option("--from", o.from);
  const auto to = parse_date_option("--to", o.to);
  if (to < from) throw Error(ErrorKind::usage, fmt::format("--to {} is before --from {}", to.iso(), from.iso()));
  if (ctx.today < from)
    throw Error(ErrorKind::usage, fmt::format("--from {} is after today ({}): nothing to report yet", from.iso(), ctx.today.iso()));
  auto db = ctx.open_db_for_lists();
  report::CampaignScope scope;
  if (!o.report.scope.region.empty()) {
    const auto region = store::RegionStore(db.sql()).resolve(o.report.scope.region);
    scope.region_prefix = store::region_prefix_of(region.code);
    scope.region_name = region.full_name;
  }
  emit(ctx, o.report, report::build_campaign(db, {from, to}, scope, report_context(ctx)));
  return 0;
}

}  // namespace

void add_report_commands(CLI::App& group, Context& ctx)
{
  group.require_subcommand(1);

  {
    auto& o = ctx.own<ReportOptions>();
    o.period = "last-week";
    auto* cmd = group.add_subcommand("weekly", "The weekly summary for leaders: headline figures, tables, major and overdue hazards");
    cmd->add_option("--period,-p", o.period, "The period: 2021-W38, 2021-09, 2021Q3, 2021, A..B, last-week, 上周 …")
        ->default_str("last-week");
    add_scope_options(cmd, o.scope);
    add_render_options(cmd, o);
    cmd->footer("Figures and lists are the hazards as they stood at the period's end: a later step does not change them.\n"
                "Days overdue and days left are counted to the period's end.\n"
                "A period not over yet is reported as of today, and says so.\n"
                "Example:\n"
                "  ankang report weekly --period last-week -o weekly.md\n"
                "  ankang report weekly --period 2021-W38 --region 海北州 --charts\n"
                "  ankang report weekly --format json");
    cmd->callback([&ctx, &o] { ctx.action = [&ctx, &o] { return run_weekly(ctx, o); }; });
  }
  {
    auto& o = ctx.own<ReportOptions>();
    o.period = "last-week";
    auto* cmd = group.add_subcommand("summary", "Counts of the hazards found in a period, by one or two dimensions, with totals");
    cmd->add_option("--by", o.by, "One or two of sector, region, level, status, category, kind, enterprise, week, month")
        ->required();
    cmd->add_option("--period,-p", o.period, "The period (default last-week)")->default_str("last-week");
    add_scope_options(cmd, o.scope);
    add_render_options(cmd, o);
    set_example(cmd, "ankang report summary --by sector,level --period 2021-09");
    cmd->callback([&ctx, &o] { ctx.action = [&ctx, &o] { return run_summary(ctx, o); }; });
  }
  {
    auto& o = ctx.own<ReportOptions>();
    auto* cmd = group.add_subcommand("overdue", "Hazards overdue as of today (--as-of DATE), most overdue first");
    add_scope_options(cmd, o.scope);
    add_render_options(cmd, o);
    set_example(cmd, "ankang report overdue --as-of 2021-09-27 --region 海北州");
    cmd->callback([&ctx, &o] { ctx.action = [&ctx, &o] { return run_overdue(ctx, o); }; });
  }
  {
    auto& o = ctx.own<ReportOptions>();
    auto* cmd = group.add_subcommand("enterprise", "One enterprise's file: details, hazards by status, inspections, open and overdue hazards");
    cmd->add_option("ENTERPRISE", o.uscc, "The enterprise: credit code, row id (id:12), full name or a unique part of it")->required();
    add_render_options(cmd, o);
    set_example(cmd, "ankang report enterprise 91632224MA752YJN41");
    cmd->callback([&ctx, &o] { ctx.action = [&ctx, &o] { return run_enterprise(ctx, o); }; });
  }
  {
    auto& o = ctx.own<ReportOptions>();
    auto* cmd = group.add_subcommand(
        "quarterly", "The 统计分析表 of 16号令 Art. 14 for a quarter (due before the 15th of the next) or a year (due 31 January)");
    cmd->add_option("--quarter", o.quarter, "The quarter, e.g. 2021Q3 (default: last quarter)");
    cmd->add_option("--year", o.year, "A year instead: the annual form, e.g. 2021");
    add_scope_options(cmd, o.scope);
    add_render_options(cmd, o);
    set_example(cmd, "ankang report quarterly --quarter 2021Q3 --enterprise 91632224MA752YJN41\n"
                     "  ankang report quarterly --year 2021");
    cmd->callback([&ctx, &o] { ctx.action = [&ctx, &o] { return run_quarterly(ctx, o); }; });
  }
  {
    // The annual form by its own name, as people ask for it: report quarterly --year.
    auto& o = ctx.own<ReportOptions>();
    o.year = "last-year";
    auto* cmd = group.add_subcommand("annual", "The annual 统计分析表 of 16号令 Art. 14 (due 31 January): report quarterly --year");
    cmd->add_option("--year", o.year, "The year, e.g. 2021 (default: last year)")->default_str("last-year");
    add_scope_options(cmd, o.scope);
    add_render_options(cmd, o);
    set_example(cmd, "ankang report annual --year 2021 --format html -o 2021.html");
    cmd->callback([&ctx, &o] { ctx.action = [&ctx, &o] { return run_quarterly(ctx, o); }; });
  }
  {
    auto& o = ctx.own<ReportOptions>();
    o.period = "this-month";
    auto* cmd = group.add_subcommand(
        "letters", "The union's letters of a period (and those still awaiting a reply from before) with their clocks");
    cmd->add_option("--period,-p", o.period, "The period: 2021-10, 2021Q4, 2021-W43, A..B, this-month …")->default_str("this-month");
    add_render_options(cmd, o);
    set_example(cmd, "ankang report letters --period 2021Q4\n  ankang report letters --period 2021-10 --format json");
    cmd->callback([&ctx, &o] { ctx.action = [&ctx, &o] { return run_letters(ctx, o); }; });
  }
  {
    auto& o = ctx.own<CampaignOptions>();
    auto* cmd = group.add_subcommand(
        "campaign", "隐患排查整治专项行动进展情况: the campaign's progress by prefecture, with a province total");
    cmd->add_option("--from", o.from, "The campaign's first day, e.g. 2021-08-16")->required();
    cmd->add_option("--to", o.to, "Its last day (inclusive); figures as of today when it is not over")->required();
    cmd->add_option("--region", o.report.scope.region, "Only this prefecture or county: 海北州, 632200");
    add_render_options(cmd, o.report);
    set_example(cmd, "ankang report campaign --from 2021-08-16 --to 2021-09-30\n"
                     "  ankang report campaign --from 2021-08-16 --to 2021-09-30 --region 海北州 --format xlsx -o 海北州.xlsx");
    cmd->callback([&ctx, &o] { ctx.action = [&ctx, &o] { return run_campaign(ctx, o); }; });
  }
}

}  // namespace ankang::cli

#include "cli/commands/hazard_common.hpp"

#include "cli/commands/registry.hpp"
#include "domain/calendar_provisional.hpp"
#include "domain/codes.hpp"
#include "domain/deadline.hpp"
#include "domain/money.hpp"
#include "domain/period.hpp"
#include "error.hpp"
#include "store/calendar_store.hpp"
#include "store/region_store.hpp"

#include <fmt/format.h>

namespace ankang::cli {

namespace {

using domain::Lang;

std::vector<std::string> split_list(std::string_view text)
{
  std::vector<std::string> out;
  std::string item;
  const auto flush = [&] {
    std::string_view t = item;
    while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
    while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
    if (!t.empty()) out.emplace_back(t);
    item.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    // ',' and the full-width '，' and '、' all separate.
    if (text[i] == ',') {
      flush();
    } else if (text.substr(i, 3) == "，" || text.substr(i, 3) == "、") {
      flush();
      i += 2;
    } else {
      item += text[i];
    }
  }
  flush();
  return out;
}

std::string code_of(const domain::CodeSet& set, std::string_view option, std::string_view text)
{
  if (auto c = set.parse(text)) return std::string(*c);
  throw Error(ErrorKind::usage,
              fmt::format("invalid value for {}: unknown {} {}: expected one of {}", option, set.what(), quote_value(text), set.valid_values()));
}

io::Cell text_cell(std::string_view s) { return s.empty() ? io::Cell::null() : io::Cell(s); }
io::Cell date_cell(const std::optional<domain::Date>& d) { return d ? io::Cell(d->iso()) : io::Cell::null(); }

// A category kept as the sheet wrote it is exported as those words, so that an export imports
// back to the same 'other' and text (issue 13 point 1).
io::Cell category_cell(const store::Hazard& h)
{
  return text_cell(h.category == "other" && !h.category_text.empty() ? h.category_text : h.category);
}

const std::vector<std::string_view>& export_keys()
{
  static const std::vector<std::string_view> k_keys = {
      "no", "uscc", "enterprise", "found_on", "kind", "body", "found_by", "location", "description", "category",
      "level", "basis", "stop_production", "due_on", "owner_dept", "owner", "measures", "funds", "emergency_plan",
      "status", "on_spot", "completed_on", "verified_by", "verified_on", "closed_on", "voided_on", "sector"};
  return k_keys;
}

io::Row export_row(const store::HazardListRow& r)
{
  const auto& h = r.hazard;
  return io::Row{
      io::Cell(h.no), io::Cell(r.uscc), io::Cell(r.enterprise_name), io::Cell(h.found_on.iso()),
      text_cell(r.inspection_kind), text_cell(r.inspection_body), text_cell(h.found_by), io::Cell(h.location),
      io::Cell(h.description), category_cell(h), io::Cell(domain::code(h.level)), text_cell(h.basis),
      io::Cell(h.stop_production), date_cell(h.due_on), text_cell(h.owner_dept), text_cell(h.owner),
      text_cell(h.measures), h.funds ? io::Cell::number_text(domain::format_yuan(*h.funds)) : io::Cell::null(),
      text_cell(h.emergency_plan), io::Cell(domain::code(h.status)), io::Cell(h.on_spot ? "yes" : "no"),
      date_cell(h.completed_on),
      text_cell(h.verified_by), date_cell(h.verified_on), date_cell(h.closed_on), date_cell(h.voided_on),
      io::Cell(h.sector)};
}

}  // namespace

void check_hazard_option_value(std::string_view option, std::string_view value)
{
  if (value.empty()) return;
  if (option == "--level") code_of(domain::hazard_levels(), option, value);
  else if (option == "--category") code_of(domain::hazard_categories(), option, value);
  else if (option == "--stop-production") code_of(domain::stop_production_kinds(), option, value);
  else if (option == "--sector") code_of(domain::sectors(), option, value);
  else if (option == "--deadline") parse_option_value(option, [&] { return domain::parse_deadline(value); });
  else if (option == "--funds") {
    std::string why;
    if (!domain::try_parse_money(value, domain::MoneyUnit::yuan, why))
      throw Error(ErrorKind::usage, fmt::format("{}: {} is not an amount: {}", option, quote_value(value), why));
  }
}

std::string_view event_label(std::string_view kind, domain::Lang lang)
{
  struct K {
    std::string_view kind, zh, en;
  };
  static constexpr K k_kinds[] = {
      {"created", "登记", "created"},     {"imported", "导入", "imported"},   {"updated", "修改", "updated"},
      {"planned", "制定整改方案", "planned"}, {"progress", "整改进展", "progress"}, {"extended", "延期", "extended"},
      {"done", "整改完成", "done"},        {"on_spot", "即查即改", "fixed on the spot"},
      {"verified", "验收通过", "verified"}, {"rejected", "验收不通过", "rejected"}, {"reopened", "重新整改", "reopened"},
      {"voided", "作废", "voided"},       {"deadline_recomputed", "期限按放假通知重算", "deadline recomputed"},
      {"undone", "撤销上一步", "undone"},
      {"supervised", "挂牌督办", "put under supervision"}, {"unsupervised", "摘牌", "supervision removed"},
  };
  for (const auto& k : k_kinds)
    if (k.kind == kind) return lang == domain::Lang::zh ? k.zh : k.en;
  return kind;
}

std::string hazard_field_label(std::string_view field, domain::Lang lang)
{
  struct F {
    std::string_view field, zh, en;
  };
  static constexpr F k_fields[] = {
      {"found_on", "发现日期", "found on"},          {"found_by", "发现人", "found by"},
      {"location", "隐患部位", "location"},          {"description", "隐患描述", "description"},
      {"category", "隐患类别", "category"},          {"level", "隐患等级", "level"},
      {"basis", "判定依据", "basis"},                {"stop_production", "停产停业", "stop production"},
      {"sector", "行业领域", "sector"},              {"inspection", "检查", "inspection"},
      {"due_on", "整改期限", "deadline"},            {"owner", "整改责任人", "owner"},
      {"owner_dept", "整改责任单位", "responsible department"}, {"measures", "整改措施", "measures"},
      {"funds", "整改资金（元）", "funds (yuan)"},    {"emergency_plan", "应急预案", "emergency plan"},
      {"completed_on", "整改完成日期", "completed on"}, {"verified_on", "验收日期", "verified on"},
      {"verified_by", "验收人", "verified by"},      {"closed_on", "销号日期", "closed on"},
      {"voided_on", "作废日期", "voided on"},        {"on_spot", "即查即改", "fixed on the spot"},
      {"extensions", "延期次数", "extensions"},      {"status", "状态", "status"},
      {"supervised_by", "督办单位", "supervised by"}, {"supervision_level", "督办级别", "supervision level"},
      {"supervision_deadline", "督办期限", "supervision deadline"},
  };
  for (const auto& f : k_fields)
    if (f.field == field) return std::string(lang == domain::Lang::zh ? f.zh : f.en);
  return std::string(field);
}

std::string hazard_field_value(std::string_view field, const std::optional<std::string>& value, domain::Lang lang)
{
  if (!value || value->empty()) return "—";
  const auto coded = [&](const domain::CodeSet& set) {
    const auto label = set.label(*value, lang);
    return label.empty() ? *value : std::string(label);
  };
  if (field == "level") return coded(domain::hazard_levels());
  if (field == "category") return coded(domain::hazard_categories());
  if (field == "stop_production") return coded(domain::stop_production_kinds());
  if (field == "sector") return coded(domain::sectors());
  if (field == "status") return coded(domain::hazard_statuses());
  if (field == "on_spot") return *value == "1" ? (lang == domain::Lang::zh ? "是" : "yes") : (lang == domain::Lang::zh ? "否" : "no");
  return *value;
}

std::string step_note(std::string_view note, domain::Lang lang)
{
  // "undoes KIND of DATE: REASON", as rectify undo and batch undo record it.
  constexpr std::string_view prefix = "undoes ";
  if (lang != domain::Lang::zh || !note.starts_with(prefix)) return std::string(note);
  const auto of = note.find(" of ", prefix.size());
  if (of == std::string_view::npos) return std::string(note);
  const auto kind = note.substr(prefix.size(), of - prefix.size());
  const auto rest = note.substr(of + 4);
  const auto colon = rest.find(": ");
  const auto date = rest.substr(0, colon);
  std::string out = fmt::format("撤销 {} 的{}", date, event_label(kind, lang));
  if (colon != std::string_view::npos) out += fmt::format("：{}", rest.substr(colon + 2));
  return out;
}

ops::Actor make_actor(const Context& ctx, const std::string& on_text)
{
  return ops::Actor{ctx.user, on_text.empty() ? ctx.today : parse_date_option("--on", on_text), ctx.now_utc};
}

void add_hazard_filter_options(CLI::App* cmd, HazardFilterOptions& o, bool with_sort)
{
  cmd->add_option("--enterprise,-e", o.enterprise, "Only this enterprise: credit code, row id (id:12), name or a unique part of it");
  cmd->add_option("--sector", o.sector, "Sectors, comma-separated (coal, 煤矿, hazchem …)");
  cmd->add_option("--region", o.region, "Region and everything under it: 海北州, 刚察县, 632224");
  cmd->add_option("--level", o.level, "general or major");
  cmd->add_option("--status", o.status, "Statuses, comma-separated: open, rectifying, submitted, closed, void");
  cmd->add_option("--found", o.found, "Found in PERIOD: 2021-W35, 2021-08, 2021Q3, last-week, 上周 …");
  cmd->add_flag("--overdue", o.overdue, "Only overdue: open or rectifying with the deadline before today (--as-of)");
  cmd->add_flag("--supervised", o.supervised, "Only hazards under 挂牌督办 (supervision not yet removed)");
  cmd->add_option("--due-within", o.due_within, "Only open or rectifying hazards due from today to today + 7d or 5wd");
  cmd->add_option("--owner", o.owner, "Responsible person contains TEXT");
  cmd->add_option("--text", o.text, "Description or location contains TEXT");
  cmd->add_flag("--all", o.all, "Voided hazards too (listed only with --status void otherwise)");
  if (with_sort) cmd->add_option("--sort", o.sort, "found (default), due or overdue")->check(CLI::IsMember({"found", "due", "overdue"}));
  cmd->add_option("--limit", o.limit, "At most N rows")->check(row_limit_validator());
}

store::HazardFilter build_hazard_filter(const Context& ctx, store::Database& db, const HazardFilterOptions& o,
                                        bool include_void)
{
  store::HazardFilter f;
  if (!o.enterprise.empty()) f.enterprise = ops::resolve_enterprise(db, o.enterprise).id;
  for (const auto& s : split_list(o.sector)) f.sectors.push_back(code_of(domain::sectors(), "--sector", s));
  if (!o.region.empty()) {
    const auto region = parse_option_value("--region", [&] { return store::RegionStore(db.sql()).resolve(o.region); });
    const auto range = store::region_subtree(region.code);
    f.region_range = std::pair(range.low, range.high);
  }
  for (const auto& l : split_list(o.level))
    f.levels.push_back(*domain::level_from_code(code_of(domain::hazard_levels(), "--level", l)));
  for (const auto& s : split_list(o.status))
    f.statuses.push_back(*domain::status_from_code(code_of(domain::hazard_statuses(), "--status", s)));
  f.include_void = include_void || o.all;
  if (!o.found.empty()) {
    const auto period = parse_option_value("--found", [&] { return domain::parse_period(o.found, ctx.today); });
    f.found_from = period.start;
    f.found_to = period.end;
  }
  if (o.overdue) f.overdue_as_of = ctx.today;
  f.supervised = o.supervised;
  if (!o.due_within.empty()) {
    const auto calendar = store::load_calendar(db);
    f.due_from = ctx.today;
    f.due_to = parse_option_value("--due-within", [&] { return domain::parse_window(o.due_within, ctx.today, calendar); });
  }
  f.owner = o.owner;
  f.text = o.text;
  if (o.sort == "due") f.sort = store::HazardFilter::Sort::due;
  else if (o.sort == "overdue") f.sort = store::HazardFilter::Sort::overdue;
  else f.sort = store::HazardFilter::Sort::found;
  if (o.limit > 0) f.limit = o.limit;
  return f;
}

void write_hazards(const Context& ctx, store::Database& db, const store::HazardFilter& filter, const OutputOptions& output,
                   bool overdue_column)
{
  const io::Format format = output.parsed();
  if (format == io::Format::csv || format == io::Format::json || format == io::Format::jsonl || format == io::Format::xlsx) {
    // Machine formats stream: 10^6 hazards never sit in memory.
    std::vector<io::Column> columns;
    for (auto k : export_keys()) columns.push_back(io::Column{std::string(k), std::string(k), io::Align::left});
    with_output(ctx, output, [&](std::ostream& os) {
      io::WriteOptions wo;
      wo.bom = output.bom;
      wo.terminal = to_terminal(ctx, output);
      wo.scratch_prefix = output.scratch_prefix();
      auto writer = io::make_row_writer(format, os, wo);
      writer->begin(columns);
      store::list_hazards(db, filter, [&](const store::HazardListRow& r) { writer->row(export_row(r)); });
      writer->end();
    });
    return;
  }
  const Lang lang = ctx.lang;
  io::Table t;
  t.columns = {{"id", "#", io::Align::right},
               {"no", std::string(ctx.tr("编号", "No.")), io::Align::left},
               {"enterprise", std::string(ctx.tr("企业", "enterprise")), io::Align::left},
               {"found_on", std::string(ctx.tr("发现日期", "found")), io::Align::left},
               {"level", std::string(ctx.tr("等级", "level")), io::Align::left},
               {"status", std::string(ctx.tr("状态", "status")), io::Align::left},
               {"due_on", std::string(ctx.tr("整改期限", "deadline")), io::Align::left}};
  if (overdue_column) t.columns.push_back({"days_overdue", std::string(ctx.tr("截至今日超期天数", "days overdue as of today")), io::Align::right});
  t.columns.push_back({"location", std::string(ctx.tr("部位", "location")), io::Align::left});
  t.columns.push_back({"description", std::string(ctx.tr("隐患描述", "description")), io::Align::left});
  const auto provisional = store::provisional_due_ids(db);
  bool any_provisional = false;
  store::list_hazards(db, filter, [&](const store::HazardListRow& r) {
    const auto& h = r.hazard;
    const bool due_provisional = h.due_on && provisional.count(h.id.value) > 0;
    any_provisional = any_provisional || due_provisional;
    io::Row row{io::Cell::number(h.id.value),
                io::Cell(h.no),
                io::Cell(r.enterprise_name),
                io::Cell(h.found_on.iso()),
                io::Cell(domain::hazard_levels().label(domain::code(h.level), lang)),
                io::Cell(domain::hazard_statuses().label(domain::code(h.status), lang)),
                due_provisional ? io::Cell(h.due_on->iso() + std::string(domain::provisional_mark(lang))) : date_cell(h.due_on)};
    if (overdue_column) {
      const bool overdue = domain::counts_as_pending(h.status) && h.due_on && *h.due_on < ctx.today;
      row.push_back(overdue ? io::Cell::number(ctx.today - *h.due_on) : io::Cell::null());
    }
    row.push_back(io::Cell(h.location));
    row.push_back(io::Cell(h.description));
    t.rows.push_back(std::move(row));
  });
  emit_table(ctx, output, t, false);
  if (any_provisional)
    ctx.note(ctx.tr("标（暂定）的整改期限按暂定放假安排计算（尚无国务院放假通知），导入通知后重算：'ankang calendar import FILE'",
                    "deadlines marked (provisional) were counted on the provisional holiday calendar (no State Council "
                    "notice on record) and are counted again when it is imported with 'ankang calendar import FILE'"));
}

void add_hazard_export_command(CLI::App& group, Context& ctx)
{
  struct ExportOptions {
    HazardFilterOptions filter;
    OutputOptions output;
  };
  auto& o = ctx.own<ExportOptions>();
  auto* cmd = group.add_subcommand(
      "export", "Write hazards as CSV, JSON or JSON Lines with English field names ('hazard import' reads them back)");
  add_hazard_filter_options(cmd, o.filter, true);
  add_output_options(cmd, o.output, "csv");
  set_example(cmd, "ankang hazard export --found 2021Q3 -o hazards-2021q3.csv\n"
                   "  ankang hazard export --region 海北州 --format jsonl");
  cmd->callback([&ctx, &o] {
    ctx.action = [&ctx, &o] {
      const auto format = o.output.parsed();
      if (format == io::Format::table || format == io::Format::md)
        throw Error(ErrorKind::usage, fmt::format("invalid value for --format: export writes csv, json or jsonl, not {}",
                                                  io::format_name(format)),
                    "use 'ankang hazard list' for a table");
      auto db = ctx.open_db_for_lists();
      // Export is a copy of the data: voided hazards are part of it unless --status says otherwise.
      const auto filter = build_hazard_filter(ctx, db, o.filter, true);
      write_hazards(ctx, db, filter, o.output, false);
      return 0;
    };
  });
}

}  // namespace ankang::cli

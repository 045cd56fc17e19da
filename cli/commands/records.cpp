// ankang violation|training add|list|show|export|import|summary: the campaign records (三违,
// special training), each command built from the record type's field table (ops/record_ops.hpp).
#include "cli/commands/day_range.hpp"
#include "cli/commands/registry.hpp"
#include "cli/commands/sheet_import.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "error.hpp"
#include "io/table.hpp"
#include "ops/hazard_ops.hpp"
#include "ops/record_ops.hpp"

#include <deque>
#include <fmt/format.h>

namespace ankang::cli {

namespace {

// What a person reads about each record type and its fields (help is translated on the way out).
struct FieldHelp {
  std::string_view key, help;
};

struct TypeHelp {
  const ops::RecordType& (*type)();
  std::string_view what_zh, what_en;  // 三违记录, violation record
  std::string_view add_help, list_help, export_help, import_help, show_help, summary_help;
  std::string_view add_example, import_example, list_example, summary_example;
  std::string_view map_value_example;  // --map-value's help: kind:违章=operation
  std::span<const FieldHelp> fields;
  std::string_view group_option;  // the list filter on the coded field: --kind, --audience
};

constexpr std::array k_violation_help_fields{
    FieldHelp{"on", "The day of the violation"},
    FieldHelp{"kind", "command (违章指挥), operation (违章作业) or discipline (违反劳动纪律)"},
    FieldHelp{"description", "What was done (违章行为)"},
    FieldHelp{"location", "Where"},
    FieldHelp{"person", "The person concerned"},
    FieldHelp{"anonymous", "The person is not named (匿名)"},
    FieldHelp{"team", "The team (班组)"},
    FieldHelp{"handling", "How it was handled (处理情况)"},
    FieldHelp{"reported_by", "Who reported it"},
};

constexpr std::array k_training_help_fields{
    FieldHelp{"on", "The day of the training"},
    FieldHelp{"topic", "The topic (培训主题)"},
    FieldHelp{"audience",
              "new_hire, special_operation, outsourced, high_risk, non_routine or all (新入职人员, 特种作业人员, "
              "外协作业人员, 高风险岗位人员, 非常规作业人员, 全员)"},
    FieldHelp{"attendees", "Persons trained"},
    FieldHelp{"hours", "Hours (学时), e.g. 2 or 1.5"},
    FieldHelp{"form", "onsite (现场) or online (线上)"},
    FieldHelp{"organiser", "Who organised it"},
};

const TypeHelp k_violation_help{
    &ops::violation_type,
    "三违记录",
    "violation",
    "Record a 三违 (违章指挥, 违章作业, 违反劳动纪律) at an enterprise",
    "List the 三违 on record",
    "Export the 三违 as CSV in the form import reads (or --format json)",
    "Import 三违 from a CSV or .xlsx sheet (Chinese or English headers)",
    "Show one 三违 record",
    "Count the 三违 by kind, sector or region",
    "ankang violation add --enterprise 91632224MA6NDUU53L --on 2021-09-10 --kind operation --desc '未系安全带高处作业' "
    "--team 掘进一队",
    "ankang violation import 三违台账.xlsx --skip-invalid --rejects rejects.csv",
    "ankang violation list --kind operation --period 2021-09",
    "ankang violation summary --by kind --period 2021Q3",
    "kind:违章=operation",
    k_violation_help_fields,
    "--kind",
};

const TypeHelp k_training_help{
    &ops::training_type,
    "专项培训记录",
    "training",
    "Record a special training (专项培训) at an enterprise",
    "List the trainings on record",
    "Export the trainings as CSV in the form import reads (or --format json)",
    "Import trainings from a CSV or .xlsx sheet (Chinese or English headers)",
    "Show one training record",
    "Persons trained by audience, sector or region",
    "ankang training add --enterprise 91632224MA6NDUU53L --on 2021-09-15 --topic 有限空间作业安全 --audience "
    "special_operation --attendees 36 --hours 4",
    "ankang training import 培训台账.csv",
    "ankang training list --audience new_hire --period 2021",
    "ankang training summary --by audience --period 2021Q3",
    "audience:新员工=new_hire",
    k_training_help_fields,
    "--audience",
};

std::string_view field_help(const TypeHelp& h, std::string_view key)
{
  for (const auto& f : h.fields)
    if (f.key == key) return f.help;
  return key;
}

bool is_machine(const OutputOptions& o) { return is_machine_format(o.parsed()); }

ops::RecordActor actor_of(const Context& ctx) { return {ctx.user, ctx.today, ctx.now_utc}; }

// ---- add --------------------------------------------------------------------------------

struct AddOptions {
  std::string enterprise;
  std::deque<std::string> values;  // per field (a deque: CLI11 keeps pointers into it)
  bool flag = false;               // the type's one yes/no field (anonymous), when it has one
};

int run_add(Context& ctx, const TypeHelp& h, const AddOptions& o)
{
  const auto& type = h.type();
  std::vector<std::optional<std::string>> text(type.fields.size());
  for (size_t i = 0; i < type.fields.size(); ++i) {
    if (type.fields[i].kind == ops::FieldKind::flag) text[i] = o.flag ? "yes" : "no";
    else if (!o.values[i].empty()) text[i] = o.values[i];
  }
  auto db = ctx.open_db();
  const auto r = ops::add_record(db, type, o.enterprise, text, actor_of(ctx));
  ctx.note(ctx.lang == domain::Lang::zh ? fmt::format("已记录{} #{}：{} {}", h.what_zh, r.id, r.enterprise_name, *r.values[0])
                                        : fmt::format("recorded {} #{}: {} {}", h.what_en, r.id, r.enterprise_name, *r.values[0]));
  ctx.out << r.uuid << '\n';
  return k_exit_ok;
}

// ---- list, export, summary --------------------------------------------------------------

struct ListOptions {
  std::string enterprise, from, to, period, group, by = "kind";
  OutputOptions output;
};

std::vector<store::CampaignRecord> select_records(Context& ctx, store::Database& db, const ops::RecordType& type,
                                                  const TypeHelp& h, const ListOptions& o)
{
  store::RecordFilter f;
  const auto range = parse_day_range(ctx, o.from, o.to, o.period);
  if (range.from) f.days.from = range.from->iso();
  if (range.to) f.days.to = range.to->iso();
  if (!o.enterprise.empty()) f.enterprise_id = ops::resolve_enterprise(db, o.enterprise).id.value;
  if (!o.group.empty()) {
    const auto& field = type.fields[type.group_field];
    const auto code = parse_option_value(h.group_option, [&] { return field.codes().parse_or_throw(o.group); });
    f.equal.emplace_back(field.column, std::string(code));
  }
  return store::list_records(db, type.table(), f);
}

int run_list(Context& ctx, const TypeHelp& h, const ListOptions& o)
{
  const auto& type = h.type();
  auto db = ctx.open_db();
  const auto records = select_records(ctx, db, type, h, o);
  if (is_machine(o.output))
    emit_table(ctx, o.output, ops::record_machine_table(type, records), false);
  else
    emit_table(ctx, o.output, ops::record_people_table(type, records, ctx.lang), false);
  return k_exit_ok;
}

int run_summary(Context& ctx, const TypeHelp& h, const ListOptions& o)
{
  const auto& type = h.type();
  const auto& group_key = type.fields[type.group_field].key;
  ops::RecordGrouping by = ops::RecordGrouping::field;
  if (o.by == "sector") by = ops::RecordGrouping::sector;
  else if (o.by == "region") by = ops::RecordGrouping::region;
  else if (o.by != group_key)
    throw Error(ErrorKind::usage,
                fmt::format("invalid value for --by: {}: expected {}, sector or region", quote_value(o.by), group_key));
  auto db = ctx.open_db();
  const auto records = select_records(ctx, db, type, h, o);
  const auto rows = ops::summarize_records(type, records, by, ctx.lang);
  const bool zh = ctx.lang == domain::Lang::zh;
  const bool machine = is_machine(o.output);
  io::Table t;
  const std::string by_label = by == ops::RecordGrouping::sector   ? std::string(ctx.tr("行业领域", "sector"))
                               : by == ops::RecordGrouping::region ? std::string(ctx.tr("市州", "prefecture"))
                                                                   : std::string(zh ? type.fields[type.group_field].zh_label()
                                                                                    : type.fields[type.group_field].en);
  t.columns.push_back({std::string(by == ops::RecordGrouping::field ? group_key : o.by), by_label, io::Align::left});
  if (machine) t.columns.push_back({"label", std::string(ctx.tr("名称", "label")), io::Align::left});
  t.columns.push_back({"records", std::string(ctx.tr("记录数", "records")), io::Align::right});
  if (type.measure)
    t.columns.push_back({std::string(type.fields[*type.measure].key), std::string(ctx.tr("人次", "persons")), io::Align::right});
  int64_t records_total = 0, measure_total = 0;
  for (const auto& r : rows) {
    io::Row row{machine ? io::Cell(r.key) : io::Cell(r.label)};
    if (machine) row.emplace_back(r.label);
    row.push_back(io::Cell::number(r.records));
    if (type.measure) row.push_back(io::Cell::number(r.measure));
    records_total += r.records;
    measure_total += r.measure;
    t.rows.push_back(std::move(row));
  }
  if (!machine) {
    io::Row total{std::string(ctx.tr("合计", "total")), io::Cell::number(records_total)};
    if (type.measure) total.push_back(io::Cell::number(measure_total));
    t.rows.push_back(std::move(total));
  }
  emit_table(ctx, o.output, t, false);
  return k_exit_ok;
}

// ---- show -------------------------------------------------------------------------------

int run_show(Context& ctx, const TypeHelp& h, const std::string& key)
{
  const auto& type = h.type();
  auto db = ctx.open_db();
  const auto r = store::find_record(db, type.table(), key);
  if (!r)
    throw Error(ErrorKind::not_found,
                ctx.lang == domain::Lang::zh ? fmt::format("{} {} 不存在", h.what_zh, quote_value(key))
                                             : fmt::format("{} {} does not exist", h.what_en, quote_value(key)),
                fmt::format("'ankang {} list' shows them", type.name));
  const bool zh = ctx.lang == domain::Lang::zh;
  auto& out = ctx.out;
  out << fmt::format("{} #{}\n", zh ? h.what_zh : h.what_en, r->id);
  out << fmt::format("{}: {} ({})\n", ctx.tr("企业", "enterprise"), r->enterprise_name, r->uscc);
  if (!r->prefecture_name.empty()) out << fmt::format("{}: {}\n", ctx.tr("市州", "prefecture"), r->prefecture_name);
  for (size_t i = 0; i < type.fields.size(); ++i) {
    const auto& f = type.fields[i];
    const auto& v = r->values[i];
    if (!v) continue;
    std::string shown = *v;
    if (f.kind == ops::FieldKind::code) shown = std::string(f.codes().label(*v, ctx.lang));
    else if (f.kind == ops::FieldKind::flag) {
      if (*v == "0") continue;
      shown = std::string(ctx.tr("是", "yes"));
    }
    out << fmt::format("{}: {}\n", zh ? f.zh_label() : f.en, io::single_line(shown));
  }
  if (r->batch_id) out << fmt::format("{}: {}\n", ctx.tr("导入批次", "import batch"), *r->batch_id);
  out << fmt::format("{}: {} {}\n", ctx.tr("记录人", "recorded by"), r->actor, r->created_at);
  out << fmt::format("UUID: {}\n", r->uuid);
  return k_exit_ok;
}

// ---- import -----------------------------------------------------------------------------

int run_import(Context& ctx, const TypeHelp& h, const SheetImportOptions& o)
{
  auto opt = driver_options(ctx, o);
  auto db = ctx.open_db();
  const auto r = ops::import_records(db, h.type(), opt, ctx.today);
  const auto& b = r.batch;
  report_sheet_problems(ctx, o, b.encoding, r.notes, r.errors, b.rows_rejected);
  std::string line = ctx.lang == domain::Lang::zh
                         ? fmt::format("新增 {}，已有跳过 {}，拒绝 {}", b.rows_imported, b.rows_skipped, b.rows_rejected)
                         : fmt::format("added {}, already on record {}, rejected {}", b.rows_imported, b.rows_skipped,
                                       b.rows_rejected);
  if (o.dry_run) line += std::string(ctx.tr("（试运行，未写入）", " (dry run: nothing written)"));
  else if (r.committed) line += ctx.lang == domain::Lang::zh ? fmt::format("（批次 {}）", b.id.value) : fmt::format(" (batch {})", b.id.value);
  ctx.out << line << '\n';
  note_rejects_written(ctx, o, b.rows_rejected);
  return b.rows_rejected > 0 ? k_exit_findings : k_exit_ok;
}

void add_record_commands(CLI::App& group, Context& ctx, const TypeHelp& h)
{
  group.require_subcommand(1);
  const auto& type = h.type();

  auto& ao = ctx.own<AddOptions>();
  auto* add = group.add_subcommand("add", std::string(h.add_help));
  add->add_option("--enterprise", ao.enterprise, "The enterprise: credit code, name or id")->required();
  ao.values.resize(type.fields.size());
  CLI::Option* person = nullptr;
  CLI::Option* anonymous = nullptr;
  for (size_t i = 0; i < type.fields.size(); ++i) {
    const auto& f = type.fields[i];
    const std::string help(field_help(h, f.key));
    if (f.kind == ops::FieldKind::flag) {
      anonymous = add->add_flag(std::string(f.option), ao.flag, help);
      continue;
    }
    auto* opt = add->add_option(std::string(f.option), ao.values[i], help);
    if (f.required) opt->required();
    if (f.key == "person") person = opt;
  }
  if (person && anonymous) person->excludes(anonymous);
  set_example(add, std::string(h.add_example));
  add->callback([&ctx, &h, &ao] { ctx.action = [&ctx, &h, &ao] { return run_add(ctx, h, ao); }; });

  const auto add_list = [&](const char* name, std::string_view help, const char* format) {
    auto& o = ctx.own<ListOptions>();
    auto* cmd = group.add_subcommand(name, std::string(help));
    cmd->add_option("--enterprise", o.enterprise, "Only this enterprise: credit code, name or id");
    cmd->add_option(std::string(h.group_option), o.group, std::string(field_help(h, type.fields[type.group_field].key)));
    cmd->add_option("--period", o.period, "Days in PERIOD: 2021-10, 2021Q4, this-year …");
    cmd->add_option("--from", o.from, "From this day");
    cmd->add_option("--to", o.to, "To this day (inclusive)");
    add_output_options(cmd, o.output, format);
    return std::pair{cmd, &o};
  };
  {
    auto [cmd, o] = add_list("list", h.list_help, "table");
    set_example(cmd, std::string(h.list_example));
    cmd->callback([&ctx, &h, o] { ctx.action = [&ctx, &h, o] { return run_list(ctx, h, *o); }; });
  }
  {
    auto [cmd, o] = add_list("export", h.export_help, "csv");
    set_example(cmd, fmt::format("ankang {} export --period 2021 -o {}.csv", type.name, type.name));
    cmd->callback([&ctx, &h, o] { ctx.action = [&ctx, &h, o] { return run_list(ctx, h, *o); }; });
  }
  {
    auto [cmd, o] = add_list("summary", h.summary_help, "table");
    o->by = std::string(type.fields[type.group_field].key);
    cmd->add_option("--by", o->by, fmt::format("{}, sector or region (the prefecture)", o->by))->default_str(o->by);
    set_example(cmd, std::string(h.summary_example));
    cmd->callback([&ctx, &h, o] { ctx.action = [&ctx, &h, o] { return run_summary(ctx, h, *o); }; });
  }

  auto& key = ctx.own<std::string>();
  auto* show = group.add_subcommand("show", std::string(h.show_help));
  show->add_option("ID", key, "The record's number (#) or UUID")->required();
  set_example(show, fmt::format("ankang {} show 1", type.name));
  show->callback([&ctx, &h, &key] { ctx.action = [&ctx, &h, &key] { return run_show(ctx, h, key); }; });

  auto& imp = ctx.own<SheetImportOptions>();
  auto* import = group.add_subcommand("import", std::string(h.import_help));
  add_sheet_import_options(import, imp, h.map_value_example);
  set_example(import, std::string(h.import_example));
  import->callback([&ctx, &h, &imp] { ctx.action = [&ctx, &h, &imp] { return run_import(ctx, h, imp); }; });
}

}  // namespace

void add_violation_commands(CLI::App& group, Context& ctx) { add_record_commands(group, ctx, k_violation_help); }
void add_training_commands(CLI::App& group, Context& ctx) { add_record_commands(group, ctx, k_training_help); }

}  // namespace ankang::cli

// ankang enterprise add|update|show|list|archive|import|export
#include "cli/commands/registry.hpp"
#include "cli/commands/sheet_import.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "domain/china_time.hpp"
#include "domain/codes.hpp"
#include "error.hpp"
#include "ops/enterprise_ops.hpp"
#include "store/enterprise_store.hpp"
#include "store/region_store.hpp"

#include <fmt/format.h>

#include <chrono>

namespace ankang::cli {

namespace {

using ops::EnterpriseField;

// The options that set an enterprise's fields (add, update).
struct FieldOptions {
  std::string uscc, reg_no, name, region, address, legal_rep, safety_contact, phone, employees, risk, has_union;
  std::vector<std::string> sectors;
  std::vector<std::pair<EnterpriseField, CLI::Option*>> given;
};

void add_field_options(CLI::App* cmd, FieldOptions& o, bool adding) {
  auto add = [&](EnterpriseField f, const char* name, std::string& target, const char* help) {
    o.given.emplace_back(f, cmd->add_option(name, target, help));
  };
  auto* uscc = cmd->add_option("--uscc", o.uscc,
                               adding ? "Unified social credit code (统一社会信用代码), 18 characters"
                                      : "Correct the credit code (统一社会信用代码)");
  o.given.emplace_back(EnterpriseField::uscc, uscc);
  if (adding) uscc->required();
  add(EnterpriseField::reg_no, "--reg-no", o.reg_no, "Old 15-digit registration number (注册号)");
  auto* name = cmd->add_option("--name", o.name, "Enterprise name (企业名称)");
  o.given.emplace_back(EnterpriseField::name, name);
  if (adding) name->required();
  auto* sector =
      cmd->add_option("--sector", o.sectors,
                      "Sector (行业领域): code or Chinese name; repeat or join with ; for several, the first "
                      "is the primary one");
  o.given.emplace_back(EnterpriseField::sectors, sector);
  if (adding) sector->required();
  auto* region = cmd->add_option("--region", o.region, "Region (所属区域): 刚察县, 海北州/刚察县 or a 6-digit code");
  o.given.emplace_back(EnterpriseField::region, region);
  if (adding) region->required();
  add(EnterpriseField::address, "--address", o.address, "Address (地址)");
  add(EnterpriseField::legal_rep, "--legal-rep", o.legal_rep, "Legal representative (法定代表人)");
  add(EnterpriseField::safety_contact, "--safety-contact", o.safety_contact, "Safety contact (安全负责人)");
  add(EnterpriseField::phone, "--phone", o.phone, "Phone (联系电话)");
  add(EnterpriseField::employees, "--employees", o.employees, "Number of employees (职工人数)");
  add(EnterpriseField::risk_level, "--risk", o.risk, "Risk level: red, orange, yellow, blue (重大/较大/一般/低风险)");
  add(EnterpriseField::has_union, "--union", o.has_union, "Has a grassroots union (是否建会): yes or no");
}

// The fields of enterprise add/update are option values: one that does not parse or is not
// allowed (invalid_input from the field parsers, naming the field) is a usage error, exit 2.
template <class Run>
auto as_option_values(Run&& run) -> decltype(run())
{
  try {
    return run();
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::invalid_input) throw;
    throw Error(ErrorKind::usage, e.what(), e.hint());
  }
}

ops::EnterpriseText field_text(const FieldOptions& o) {
  ops::EnterpriseText text;
  for (const auto& [field, opt] : o.given) {
    if (opt->count() == 0) continue;
    std::string value;
    switch (field) {
      case EnterpriseField::uscc:
        value = o.uscc;
        break;
      case EnterpriseField::reg_no:
        value = o.reg_no;
        break;
      case EnterpriseField::name:
        value = o.name;
        break;
      case EnterpriseField::sectors:
        for (const auto& s : o.sectors) value += (value.empty() ? "" : ";") + s;
        break;
      case EnterpriseField::region:
        value = o.region;
        break;
      case EnterpriseField::address:
        value = o.address;
        break;
      case EnterpriseField::legal_rep:
        value = o.legal_rep;
        break;
      case EnterpriseField::safety_contact:
        value = o.safety_contact;
        break;
      case EnterpriseField::phone:
        value = o.phone;
        break;
      case EnterpriseField::employees:
        value = o.employees;
        break;
      case EnterpriseField::risk_level:
        value = o.risk;
        break;
      case EnterpriseField::has_union:
        value = o.has_union;
        break;
      case EnterpriseField::region_code:
        break;
    }
    text[static_cast<size_t>(field)] = value;
  }
  return text;
}

std::string sector_labels(const Context& ctx, const std::vector<std::string>& sectors) {
  std::string out;
  for (const auto& s : sectors) {
    if (!out.empty()) out += ctx.lang == domain::Lang::zh ? "、" : ", ";
    out += domain::sectors().label(s, ctx.lang);
  }
  return out;
}

std::string yes_no(const Context& ctx, const std::optional<bool>& b) {
  if (!b) return "";
  return std::string(*b ? ctx.tr("是", "yes") : ctx.tr("否", "no"));
}

std::string risk_label(const Context& ctx, const std::string& risk) {
  return risk.empty() ? std::string() : std::string(domain::risk_levels().label(risk, ctx.lang));
}

std::string summary(const store::Enterprise& e) {
  return fmt::format("{} {} {}", e.id.value, e.uscc, e.name);
}

// The people's table of list: labels, Chinese by default.
io::Table people_table(const Context& ctx, const std::vector<store::Enterprise>& list) {
  io::Table t;
  t.columns = {
      {"id", std::string(ctx.tr("编号", "id")), io::Align::right},
      {"uscc", std::string(ctx.tr("统一社会信用代码", "credit code")), io::Align::left},
      {"name", std::string(ctx.tr("企业名称", "name")), io::Align::left},
      {"sectors", std::string(ctx.tr("行业领域", "sectors")), io::Align::left},
      {"region", std::string(ctx.tr("所属区域", "region")), io::Align::left},
      {"risk_level", std::string(ctx.tr("风险等级", "risk")), io::Align::left},
      {"employees", std::string(ctx.tr("职工人数", "employees")), io::Align::right},
      {"has_union", std::string(ctx.tr("是否建会", "union")), io::Align::left},
  };
  for (const auto& e : list) {
    io::Row r;
    r.push_back(io::Cell::number(e.id.value));
    r.emplace_back(e.uscc);
    r.emplace_back(e.name);
    r.emplace_back(sector_labels(ctx, e.sectors));
    r.emplace_back(e.region);
    r.emplace_back(risk_label(ctx, e.risk_level));
    r.push_back(e.employees ? io::Cell::number(*e.employees) : io::Cell(""));
    r.emplace_back(yes_no(ctx, e.has_union));
    t.rows.push_back(std::move(r));
  }
  return t;
}

// ---- list -------------------------------------------------------------------------------

struct ListOptions {
  std::vector<std::string> sectors, regions, risks;
  std::string has_union, name, sort = "region";
  bool archived = false, all = false;
  int64_t limit = 0;
  OutputOptions output;
};

store::EnterpriseFilter make_filter(SQLite::Database& db, const ListOptions& o) {
  store::EnterpriseFilter f;
  for (const auto& s : o.sectors) {
    const auto code = domain::sectors().parse(s);
    if (!code)
      throw Error(ErrorKind::usage,
                  fmt::format("invalid --sector {}: expected one of {}", quote_value(s), domain::sectors().valid_values()));
    f.sectors.emplace_back(*code);
  }
  store::RegionStore regions(db);
  for (const auto& r : o.regions) {
    const auto region = regions.find(r);
    if (!region) throw Error(ErrorKind::usage, fmt::format("invalid --region {}: {}", quote_value(r), regions.valid_hint(r)));
    const auto range = store::region_subtree(region->code);
    f.region_ranges.emplace_back(range.low, range.high);
  }
  for (const auto& r : o.risks) {
    const auto code = domain::risk_levels().parse(r);
    if (!code)
      throw Error(ErrorKind::usage,
                  fmt::format("invalid --risk {}: expected one of {}", quote_value(r), domain::risk_levels().valid_values()));
    f.risk_levels.emplace_back(*code);
  }
  if (!o.has_union.empty()) {
    std::string why;
    f.has_union = ops::parse_yes_no(o.has_union, why);
    if (!f.has_union) throw Error(ErrorKind::usage, fmt::format("invalid --union {}: {}", quote_value(o.has_union), why));
  }
  f.name_contains = o.name;
  f.archived = o.all        ? store::ArchivedFilter::all
               : o.archived ? store::ArchivedFilter::archived
                            : store::ArchivedFilter::active;
  f.sort = o.sort;
  f.limit = o.limit;
  return f;
}

void add_filter_options(CLI::App* cmd, ListOptions& o) {
  cmd->add_option("--sector", o.sectors, "Only these sectors (code or Chinese name; repeatable)");
  cmd->add_option("--region", o.regions, "Only this region and everything under it, e.g. 海北州 (repeatable)");
  cmd->add_option("--risk", o.risks, "Only these risk levels: red, orange, yellow, blue (repeatable)");
  cmd->add_option("--union", o.has_union, "Only enterprises with (yes) or without (no) a union");
  cmd->add_option("--name", o.name, "Only names containing this text");
  auto* archived = cmd->add_flag("--archived", o.archived, "Only archived enterprises");
  cmd->add_flag("--all", o.all, "Active and archived enterprises")->excludes(archived);
}

int run_list(Context& ctx, const ListOptions& o) {
  const io::Format format = o.output.parsed();
  auto db = ctx.open_db();
  store::EnterpriseStore es(db.sql());
  const auto list = es.list(make_filter(db.sql(), o));
  if (is_machine_format(format))
    emit_table(ctx, o.output, ops::enterprise_machine_table(list), false);
  else
    emit_table(ctx, o.output, people_table(ctx, list), false);
  return k_exit_ok;
}

// ---- show -------------------------------------------------------------------------------

int run_show(Context& ctx, const std::string& key, const OutputOptions& output) {
  auto db = ctx.open_db();
  const auto e = ops::find_enterprise(db.sql(), key);
  const auto counts = store::EnterpriseStore(db.sql()).hazard_counts(e.id, ctx.today);
  const io::Format format = output.parsed();

  // Machine formats: the export columns plus id, hazard counts and timestamps.
  io::Table t = ops::enterprise_machine_table({e});
  t.columns.insert(t.columns.begin(), io::Column{"id", "id", io::Align::right});
  t.rows[0].insert(t.rows[0].begin(), io::Cell::number(e.id.value));
  auto add = [&](const char* column, io::Cell cell) {
    t.columns.push_back(io::Column{column, column, io::Align::left});
    t.rows[0].push_back(std::move(cell));
  };
  add("hazards_open", io::Cell::number(counts.open));
  add("hazards_overdue", io::Cell::number(counts.overdue));
  add("hazards_major", io::Cell::number(counts.major));
  add("created_at", io::Cell(e.created_at));
  add("updated_at", io::Cell(e.updated_at));
  add("archived_at", e.archived_at.empty() ? io::Cell::null() : io::Cell(e.archived_at));
  if (is_machine_format(format)) {
    emit_table(ctx, output, t, false);
    return k_exit_ok;
  }

  // For people: one line per field.
  std::vector<std::pair<std::string, std::string>> lines{
      {std::string(ctx.tr("编号", "id")), std::to_string(e.id.value)},
      {std::string(ctx.tr("统一社会信用代码", "credit code")), e.uscc},
      {std::string(ctx.tr("注册号", "registration no.")), e.reg_no},
      {std::string(ctx.tr("企业名称", "name")), e.name},
      {std::string(ctx.tr("行业领域", "sectors")), sector_labels(ctx, e.sectors)},
      {std::string(ctx.tr("所属区域", "region")), e.region_code.empty() || e.region == e.region_code
                                                      ? e.region_code
                                                      : fmt::format("{} ({})", e.region, e.region_code)},
      {std::string(ctx.tr("地址", "address")), e.address},
      {std::string(ctx.tr("法定代表人", "legal representative")), e.legal_rep},
      {std::string(ctx.tr("安全负责人", "safety contact")), e.safety_contact},
      {std::string(ctx.tr("联系电话", "phone")), e.phone},
      {std::string(ctx.tr("职工人数", "employees")), e.employees ? std::to_string(*e.employees) : ""},
      {std::string(ctx.tr("风险等级", "risk level")), risk_label(ctx, e.risk_level)},
      {std::string(ctx.tr("是否建会", "union")), yes_no(ctx, e.has_union)},
      {std::string(ctx.tr("未整改隐患", "open hazards")), std::to_string(counts.open)},
      {std::string(ctx.tr("超期隐患", "overdue hazards")), std::to_string(counts.overdue)},
      {std::string(ctx.tr("重大隐患", "major hazards")), std::to_string(counts.major)},
      {std::string(ctx.tr("创建时间", "created")), domain::china_time(e.created_at)},
      {std::string(ctx.tr("更新时间", "updated")), domain::china_time(e.updated_at)},
  };
  if (!e.archived_at.empty()) lines.emplace_back(std::string(ctx.tr("归档时间", "archived")), domain::china_time(e.archived_at));
  io::Table v;
  v.columns = {{"field", std::string(ctx.tr("项目", "field")), io::Align::left},
               {"value", std::string(ctx.tr("内容", "value")), io::Align::left}};
  for (auto& [label, value] : lines) v.rows.push_back(io::Row{io::Cell(label), io::Cell(value)});
  emit_table(ctx, output, v, false);
  return k_exit_ok;
}

// ---- import -----------------------------------------------------------------------------

struct ImportOptions : SheetImportOptions {
  std::string on_conflict = "update", blank = "keep";
};

int run_import(Context& ctx, const ImportOptions& o) {
  ops::EnterpriseImportOptions opt;
  static_cast<ops::ImportOptions&>(opt) = driver_options(ctx, o);
  opt.on_conflict = ops::parse_on_conflict(o.on_conflict);
  opt.blank_clear = o.blank == "clear";
  const auto started = std::chrono::steady_clock::now();
  bool progress_shown = false;
  if (ctx.stderr_is_terminal && !ctx.quiet) {
    opt.progress = [&](uint64_t rows, uint64_t bytes, uint64_t size) {
      const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      ctx.err << fmt::format("\r{} rows, {:.0f} rows/s, {}%", rows, secs > 0 ? static_cast<double>(rows) / secs : 0.0,
                             size ? bytes * 100 / size : 100)
              << std::flush;
      progress_shown = true;
    };
  }
  auto db = ctx.open_db();
  const auto r = ops::import_enterprises(db, o.file, opt);
  if (progress_shown) ctx.err << "\r\x1b[K" << std::flush;

  report_sheet_problems(ctx, o, r.encoding, r.notes, r.errors, r.rejected);

  std::string line =
      ctx.lang == domain::Lang::zh
          ? fmt::format("新增 {}，更新 {}，未变 {}，拒绝 {}", r.added, r.updated, r.unchanged, r.rejected)
          : fmt::format("added {}, updated {}, unchanged {}, rejected {}", r.added, r.updated, r.unchanged, r.rejected);
  if (opt.on_conflict == ops::OnConflict::skip)
    line += fmt::format("{}{} {}", ctx.tr("，", ", "), ctx.tr("跳过已有", "skipped existing"), r.skipped);
  if (o.dry_run) line += std::string(ctx.tr("（试运行，未写入）", " (dry run: nothing written)"));
  ctx.out << line << '\n';
  note_rejects_written(ctx, o, r.rejected);
  return r.rejected > 0 ? k_exit_findings : k_exit_ok;
}

}  // namespace

void add_enterprise_commands(CLI::App& group, Context& ctx) {
  group.require_subcommand(1);

  // add
  auto* add = group.add_subcommand("add", "Register an enterprise");
  auto& add_o = ctx.own<FieldOptions>();
  add_field_options(add, add_o, true);
  set_example(add,
              "ankang enterprise add --uscc 91632224MA6NDUU53L --name 刚察县澜峰煤炭开发有限公司 --sector 煤矿 "
              "--region 刚察县 --risk red --union yes");
  add->callback([&ctx, &add_o] {
    ctx.action = [&ctx, &add_o] {
      auto db = ctx.open_db();
      const auto e = as_option_values([&] { return ops::add_enterprise(db, field_text(add_o), ctx.now_utc); });
      ctx.out << fmt::format("{} {}\n", ctx.tr("已添加企业", "added enterprise"), summary(e));
      return k_exit_ok;
    };
  });

  // update
  auto* update = group.add_subcommand("update", "Change an enterprise's fields (an empty value clears one)");
  auto& upd_key = ctx.own<std::string>();
  auto& upd_o = ctx.own<FieldOptions>();
  update->add_option("ENTERPRISE", upd_key, "Credit code or id")->required();
  add_field_options(update, upd_o, false);
  set_example(update, "ankang enterprise update 91632224MA6NDUU53L --employees 320 --safety-contact 孙国庆");
  update->callback([&ctx, &upd_key, &upd_o] {
    ctx.action = [&ctx, &upd_key, &upd_o] {
      auto db = ctx.open_db();
      const auto [e, changed] =
          as_option_values([&] { return ops::update_enterprise(db, upd_key, field_text(upd_o), ctx.now_utc); });
      ctx.out << fmt::format(
          "{} {}\n",
          changed ? ctx.tr("已更新企业", "updated enterprise") : ctx.tr("未变更企业", "no change to enterprise"),
          summary(e));
      return k_exit_ok;
    };
  });

  // show
  auto* show = group.add_subcommand("show", "Show an enterprise with its open, overdue and major hazards");
  auto& show_key = ctx.own<std::string>();
  auto& show_out = ctx.own<OutputOptions>();
  show->add_option("ENTERPRISE", show_key, "Credit code or id")->required();
  add_output_options(show, show_out);
  set_example(show, "ankang enterprise show 91632224MA6NDUU53L");
  show->callback([&ctx, &show_key, &show_out] {
    ctx.action = [&ctx, &show_key, &show_out] { return run_show(ctx, show_key, show_out); };
  });

  // list
  auto* list = group.add_subcommand("list", "List enterprises, filtered and sorted");
  auto& list_o = ctx.own<ListOptions>();
  add_filter_options(list, list_o);
  std::string sort_keys;
  for (const auto& k : store::enterprise_sort_keys()) sort_keys += (sort_keys.empty() ? "" : ", ") + k;
  list->add_option("--sort", list_o.sort, "Order by: " + sort_keys)
      ->default_str("region")
      ->check(CLI::IsMember(store::enterprise_sort_keys()));
  list->add_option("--limit", list_o.limit, "Print at most N enterprises")->check(CLI::NonNegativeNumber);
  add_output_options(list, list_o.output);
  set_example(list, "ankang enterprise list --region 海北州 --sector coal --risk red --format csv");
  list->callback([&ctx, &list_o] { ctx.action = [&ctx, &list_o] { return run_list(ctx, list_o); }; });

  // archive
  auto* archive = group.add_subcommand("archive", "Archive an enterprise (kept with its history, hidden from lists)");
  auto& arc_key = ctx.own<std::string>();
  auto& arc_undo = ctx.own<bool>();
  archive->add_option("ENTERPRISE", arc_key, "Credit code or id")->required();
  archive->add_flag("--undo", arc_undo, "Make an archived enterprise active again");
  set_example(archive, "ankang enterprise archive 91632224MA6NDUU53L");
  archive->callback([&ctx, &arc_key, &arc_undo] {
    ctx.action = [&ctx, &arc_key, &arc_undo] {
      auto db = ctx.open_db();
      const bool was_archived = !ops::find_enterprise(db.sql(), arc_key).archived_at.empty();
      const auto e = ops::archive_enterprise(db, arc_key, arc_undo, ctx.now_utc);
      std::string_view what;
      if (arc_undo)
        what = was_archived ? ctx.tr("已恢复企业", "restored enterprise")
                            : ctx.tr("企业未归档", "not archived: enterprise");
      else
        what = was_archived ? ctx.tr("企业已归档", "already archived: enterprise")
                            : ctx.tr("已归档企业", "archived enterprise");
      ctx.out << fmt::format("{} {}\n", what, summary(e));
      return k_exit_ok;
    };
  });

  // import
  auto* import = group.add_subcommand("import", "Import enterprises from a CSV or .xlsx sheet (Chinese or English headers)");
  auto& imp = ctx.own<ImportOptions>();
  add_sheet_import_options(import, imp, "has_union:已成立=yes");
  import
      ->add_option("--on-conflict", imp.on_conflict,
                   "For a credit code already registered: update (default), skip or error")
      ->default_str("update")
      ->check(CLI::IsMember({"update", "skip", "error"}));
  import
      ->add_option("--blank", imp.blank,
                   "A blank cell of a registered enterprise: keep the stored value (default) or clear it")
      ->default_str("keep")
      ->check(CLI::IsMember({"keep", "clear"}));
  set_example(import, "ankang enterprise import enterprises.csv --skip-invalid --rejects rejects.csv");
  import->callback([&ctx, &imp] { ctx.action = [&ctx, &imp] { return run_import(ctx, imp);
};
}  // namespace ankang::cli
);

// export
auto* exp = group.add_subcommand("export", "Export enterprises as CSV in the form import reads");
auto& exp_out = ctx.own<OutputOptions>();
auto& exp_all = ctx.own<bool>();
add_output_options(exp, exp_out, "csv");
exp->add_flag("--all", exp_all, "Include archived enterprises");
set_example(exp, "ankang enterprise export -o enterprises.csv");
exp->callback([&ctx, &exp_out, &exp_all] {
  ctx.action = [&ctx, &exp_out, &exp_all] {
    auto db = ctx.open_db();
    store::EnterpriseFilter f;
    f.sort = "uscc";
    f.archived = exp_all ? store::ArchivedFilter::all : store::ArchivedFilter::active;
    emit_table(ctx, exp_out, ops::enterprise_machine_table(store::EnterpriseStore(db.sql()).list(f)), false);
    return k_exit_ok;
  };
});
}

}  // namespace ankang::cli

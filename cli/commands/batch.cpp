// ankang batch list|show|undo: the imports on record, what one did, and taking one back.
#include "cli/commands/hazard_common.hpp"
#include "cli/commands/registry.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "domain/china_time.hpp"
#include "domain/codes.hpp"
#include "error.hpp"
#include "ops/batch_ops.hpp"
#include "ops/record_ops.hpp"
#include "store/import_batch_store.hpp"

#include <fmt/format.h>

#include <charconv>

namespace ankang::cli {

namespace {

struct ListOptions {
  std::string kind;
  OutputOptions output;
};

struct ShowOptions {
  std::string id;
  OutputOptions output;
};

struct UndoOptions {
  std::string id, reason;
  bool dry_run = false;
};

// N, #N or id:N; anything else is a usage error (exit 2).
store::BatchId parse_batch_id(std::string_view text)
{
  std::string_view digits = text;
  if (digits.starts_with("#")) digits.remove_prefix(1);
  else if (digits.starts_with("id:")) digits.remove_prefix(3);
  int64_t n = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || n <= 0)
    throw Error(ErrorKind::usage, fmt::format("invalid import batch {}: expected its number, e.g. 3", quote_value(text)),
                "see 'ankang batch list'");
  return store::BatchId{n};
}

std::string_view kind_label(const Context& ctx, std::string_view kind)
{
  if (kind == "hazard") return ctx.tr("隐患", "hazards");
  if (kind == "enterprise") return ctx.tr("企业", "enterprises");
  if (kind == "calendar") return ctx.tr("放假安排", "calendar");
  if (kind == "violation") return ctx.tr("三违", "violations");
  if (kind == "training") return ctx.tr("专项培训", "trainings");
  return kind;
}

bool for_people(const OutputOptions& o) { return o.parsed() == io::Format::table || o.parsed() == io::Format::md; }

int run_list(Context& ctx, const ListOptions& o)
{
  if (!o.kind.empty() && o.kind != "hazard" && o.kind != "enterprise" && o.kind != "calendar" &&
      !ops::record_type_of_batch(o.kind))
    throw Error(ErrorKind::usage, fmt::format("invalid value for --kind: unknown import kind {}: expected hazard, "
                                              "enterprise, calendar, violation or training",
                                              quote_value(o.kind)));
  auto db = ctx.open_db();
  const bool people = for_people(o.output);
  io::Table t;
  t.columns = {{"id", "#", io::Align::right},
               {"kind", std::string(ctx.tr("类型", "kind")), io::Align::left},
               {"file", std::string(ctx.tr("文件", "file")), io::Align::left},
               {"sha256", "SHA-256", io::Align::left},
               {"at", std::string(ctx.tr("时间", "at")), io::Align::left},
               {"by", std::string(ctx.tr("操作人", "by")), io::Align::left},
               {"rows_read", std::string(ctx.tr("读取", "read")), io::Align::right},
               {"rows_imported", std::string(ctx.tr("新增", "new")), io::Align::right},
               {"rows_updated", std::string(ctx.tr("更新", "updated")), io::Align::right},
               {"rows_skipped", std::string(ctx.tr("跳过", "skipped")), io::Align::right},
               {"rows_rejected", std::string(ctx.tr("拒绝", "rejected")), io::Align::right},
               {"undone_at", std::string(ctx.tr("撤销时间", "undone")), io::Align::left}};
  for (const auto& b : store::list_batches(db, o.kind)) {
    t.rows.push_back(io::Row{io::Cell::number(b.id.value), io::Cell(people ? kind_label(ctx, b.kind) : b.kind),
                             io::Cell(b.file_name), io::Cell(people ? b.sha256.substr(0, 12) : b.sha256),
                             io::Cell(people ? domain::china_time(b.started_at) : b.started_at), io::Cell(b.actor), io::Cell::number(b.rows_read),
                             io::Cell::number(b.rows_imported), io::Cell::number(b.rows_updated),
                             io::Cell::number(b.rows_skipped), io::Cell::number(b.rows_rejected),
                             b.undone_at.empty() ? io::Cell::null() : io::Cell(people ? domain::china_time(b.undone_at) : b.undone_at)});
  }
  emit_table(ctx, o.output, t, false);
  return k_exit_ok;
}

int run_show(Context& ctx, const ShowOptions& o)
{
  const auto id = parse_batch_id(o.id);
  auto db = ctx.open_db();
  const auto d = ops::show_batch(db, id);
  const auto& b = d.batch;
  const bool people = for_people(o.output);

  // What the batch wrote, one row per record: the hazards, then the enterprises.
  io::Table t;
  t.columns = {{"record", std::string(ctx.tr("记录", "record")), io::Align::left},
               {"id", "#", io::Align::right},
               {"key", std::string(ctx.tr("编号", "number")), io::Align::left},
               {"action", std::string(ctx.tr("操作", "action")), io::Align::left},
               {"status", std::string(ctx.tr("现状", "now")), io::Align::left},
               {"events", std::string(ctx.tr("事件", "events")), io::Align::right},
               {"moved_on", std::string(ctx.tr("之后的变动", "since")), io::Align::left}};
  const auto join = [](const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : "; ") + s;
    return out;
  };
  for (const auto& h : d.hazards) {
    const auto status = domain::code(h.status);
    t.rows.push_back(io::Row{
        io::Cell(people ? ctx.tr("隐患", "hazard") : "hazard"), io::Cell::number(h.id.value), io::Cell(h.no),
        io::Cell(people ? (h.created ? ctx.tr("新增", "created") : ctx.tr("更新", "updated")) : h.created ? "created" : "updated"),
        io::Cell(people ? domain::hazard_statuses().label(status, ctx.lang) : status), io::Cell::number(h.events),
        h.later.empty() ? io::Cell::null() : io::Cell(join(h.later))});
  }
  for (const auto& e : d.enterprises) {
    const bool created = e.action == "created";
    const std::string_view state = e.archived ? (people ? ctx.tr("已归档", "archived") : "archived") : (people ? ctx.tr("在册", "active") : "active");
    t.rows.push_back(io::Row{io::Cell(people ? ctx.tr("企业", "enterprise") : "enterprise"), io::Cell::number(e.id.value),
                             io::Cell(e.uscc),
                             io::Cell(people ? (created ? ctx.tr("新增", "created") : ctx.tr("更新", "updated")) : e.action),
                             io::Cell(state), io::Cell::null(),
                             e.moved_on.empty() ? io::Cell::null() : io::Cell(join(e.moved_on))});
  }

  if (!people) {
    emit_table(ctx, o.output, t, false);
    return k_exit_ok;
  }
  auto& out = ctx.out;
  const auto line = [&](std::string_view zh, std::string_view en, std::string_view value) {
    if (!value.empty()) out << fmt::format("{}: {}\n", ctx.tr(zh, en), io::single_line(value));
  };
  out << fmt::format("{} {} ({})\n", ctx.tr("导入批次", "Import batch"), b.id.value, kind_label(ctx, b.kind));
  line("文件", "file", b.file_name);
  line("SHA-256", "SHA-256", b.sha256);
  line("编码", "encoding", b.encoding);
  line("时间", "at", domain::china_time(b.started_at));
  line("操作人", "by", b.actor);
  line("行数", "rows",
       fmt::format(fmt::runtime(ctx.tr("读取 {}，新增 {}，更新 {}，跳过 {}，拒绝 {}", "{} read, {} new, {} updated, {} skipped, {} rejected")),
                   b.rows_read, b.rows_imported, b.rows_updated, b.rows_skipped, b.rows_rejected));
  if (ops::record_type_of_batch(b.kind))
    line("在册记录", "records on file", std::to_string(d.records));
  if (!b.undone_at.empty())
    line("已撤销", "undone",
         fmt::format("{} {}{}", domain::china_time(b.undone_at), b.undone_by, b.undo_reason.empty() ? "" : fmt::format(" ({})", b.undo_reason)));
  else if (d.moved_on > 0)
    line("撤销", "undo",
         fmt::format(fmt::runtime(ctx.tr("不可撤销：{} 条记录之后有变动", "not possible: {} records have moved on since")), d.moved_on));
  else
    line("撤销", "undo", fmt::format("ankang batch undo {}", b.id.value));
  if (!t.rows.empty()) {
    out << '\n';
    emit_table(ctx, o.output, t, false);
  }
  return k_exit_ok;
}

int run_undo(Context& ctx, const UndoOptions& o)
{
  const auto id = parse_batch_id(o.id);
  auto db = ctx.open_db();
  const auto r = ops::undo_batch(db, id, o.reason, make_actor(ctx, ""), o.dry_run);
  const std::string_view head = o.dry_run ? ctx.tr("试撤销（未写入）", "dry run (nothing written)") : ctx.tr("已撤销", "undone");
  if (ops::record_type_of_batch(r.kind))
    ctx.out << (ctx.lang == domain::Lang::zh ? fmt::format("{} 导入批次 {}：删除记录 {} 条\n", head, id.value, r.records_deleted)
                                             : fmt::format("{} import batch {}: {} records deleted\n", head, id.value, r.records_deleted));
  else if (ctx.lang == domain::Lang::zh)
    ctx.out << fmt::format("{} 导入批次 {}：作废隐患 {} 条，恢复隐患 {} 条，归档企业 {} 家，恢复企业 {} 家，记录历史 {} 条\n", head,
                           id.value, r.voided.size(), r.restored.size(), r.enterprises_archived, r.enterprises_restored,
                           r.events_written);
  else
    ctx.out << fmt::format("{} import batch {}: {} hazards voided, {} hazards restored, {} enterprises archived, {} "
                           "enterprises restored, {} history events written\n",
                           head, id.value, r.voided.size(), r.restored.size(), r.enterprises_archived,
                           r.enterprises_restored, r.events_written);
  if (r.already_void > 0)
    ctx.note(fmt::format(fmt::runtime(ctx.tr("{} 条隐患导入时即为作废，无需处理", "{} hazards were imported voided: nothing to do")),
                         r.already_void));
  return k_exit_ok;
}

}  // namespace

void add_batch_commands(CLI::App& group, Context& ctx)
{
  group.require_subcommand(1);

  auto& lo = ctx.own<ListOptions>();
  auto* list = group.add_subcommand("list", "List every import: when, who, file, SHA-256 and row counts");
  list->add_option("--kind", lo.kind, "Only imports of hazard, enterprise, calendar, violation or training");
  add_output_options(list, lo.output);
  set_example(list, "ankang batch list\n  ankang batch list --kind hazard --format json");
  list->callback([&ctx, &lo] { ctx.action = [&ctx, &lo] { return run_list(ctx, lo); }; });

  auto& so = ctx.own<ShowOptions>();
  auto* show = group.add_subcommand("show", "Show an import and every record it created or changed");
  show->add_option("N", so.id, "The import's number (see 'ankang batch list')")->required();
  add_output_options(show, so.output);
  set_example(show, "ankang batch show 3");
  show->callback([&ctx, &so] { ctx.action = [&ctx, &so] { return run_show(ctx, so); }; });

  auto& uo = ctx.own<UndoOptions>();
  auto* undo = group.add_subcommand(
      "undo", "Take an import back: void the hazards it created, restore the fields it changed, archive the enterprises "
              "it created; history is kept, nothing is deleted");
  undo->add_option("N", uo.id, "The import's number (see 'ankang batch list')")->required();
  undo->add_flag("--dry-run", uo.dry_run, "Check and count everything, write nothing");
  undo->add_option("--reason", uo.reason, "Why, recorded on the events after 'import N undone'");
  set_example(undo, "ankang batch undo 3 --dry-run\n  ankang batch undo 3 --reason '导错了文件'");
  undo->callback([&ctx, &uo] { ctx.action = [&ctx, &uo] { return run_undo(ctx, uo); }; });
}

}  // namespace ankang::cli

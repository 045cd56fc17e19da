#include "cli/commands/registry.hpp"
#include "cli/exit_codes.hpp"
#include "cli/output.hpp"
#include "domain/codes.hpp"
#include "error.hpp"
#include "io/atomic_file.hpp"
#include "store/database.hpp"

#include <fmt/format.h>

namespace ankang::cli {

namespace {

int run_check(Context& ctx)
{
  auto db = ctx.open_db();
  const auto r = store::check(db);
  auto& out = ctx.out;
  out << fmt::format("{}: {}\n", ctx.tr("完整性检查", "integrity"), r.integrity_ok ? "ok" : ctx.tr("失败", "FAILED"));
  if (!r.integrity_ok)
    for (const auto& m : r.integrity_messages) out << "  " << m << '\n';
  out << fmt::format("{}: {}\n", ctx.tr("外键检查", "foreign keys"),
                     r.foreign_key_problems.empty() ? "ok" : ctx.tr("失败", "FAILED"));
  for (const auto& p : r.foreign_key_problems)
    out << "  "
        << fmt::format(fmt::runtime(ctx.tr("表 {} 第 {} 行引用的 {} 记录不存在", "{} row {} refers to a missing {}")), p.table,
                       p.row, p.parent)
        << '\n';
  out << fmt::format("{}: {} ({} {})\n", ctx.tr("结构版本", "schema version"), r.schema_version,
                     ctx.tr("应为", "expected"), r.expected_schema_version);
  out << fmt::format("{}: {}\n", ctx.tr("状态与历史一致", "status matches history"),
                     r.status_mismatches.empty() ? "ok" : ctx.tr("失败", "FAILED"));
  const auto& statuses = domain::hazard_statuses();
  for (const auto& m : r.status_mismatches) {
    if (ctx.lang == domain::Lang::zh)
      out << fmt::format("  隐患 {} 的状态为“{}”，但其历史记录止于“{}”\n", m.no, statuses.label(m.status, ctx.lang),
                         statuses.label(m.history_status, ctx.lang));
    else
      out << fmt::format("  hazard {} is '{}' but its history ends in '{}'\n", m.no, m.status, m.history_status);
  }
  return r.ok() ? k_exit_ok : k_exit_failure;
}

}  // namespace

void add_db_commands(CLI::App& group, Context& ctx)
{
  group.require_subcommand(1);

  auto* check = group.add_subcommand("check", "Check integrity, foreign keys, schema version and status history");
  set_example(check, "ankang db check");
  check->callback([&ctx] { ctx.action = [&ctx] { return run_check(ctx); }; });

  auto* backup = group.add_subcommand("backup", "Copy the database to FILE with SQLite's online backup (safe while others write)");
  auto& target = ctx.own<std::string>();
  backup->add_option("FILE", target, "The backup file to create")->required();
  set_example(backup, "ankang db backup /srv/backup/ankang-$(date +%F).db");
  backup->callback([&ctx, &target] {
    ctx.action = [&ctx, &target] {
      check_output_path(ctx, "FILE", target);
      auto db = ctx.open_db();
      store::backup(db, target, ctx.lang);
      ctx.note(fmt::format(fmt::runtime(ctx.tr("已把 {} 备份到 {}", "backed up {} to {}")), ctx.db_path, target));
      return 0;
    };
  });

  auto* restore = group.add_subcommand(
      "restore", "Replace the database with BACKUP once BACKUP passes 'db check'; the current file is kept");
  auto& source = ctx.own<std::string>();
  restore->add_option("BACKUP", source, "The backup file to restore (it is only read)")->required();
  restore->footer("The current database is kept as NAME.before-restore-<UTC time> (with its -wal); stale -wal and\n"
                  "-shm files are removed, and the checked copy is renamed into place. Run it while no other\n"
                  "ankang command uses the database.\n\nExample:\n  ankang --db union.db db restore backup-2021-09-06.db");
  restore->callback([&ctx, &source] {
    ctx.action = [&ctx, &source] {
      if (io::same_file(source, ctx.db_path))
        throw Error(ErrorKind::usage,
                    fmt::format(fmt::runtime(ctx.tr("{} 就是数据库本身", "{} is the database itself")), quote_value(source)),
                    std::string(ctx.tr("给出一个备份文件", "name a backup file")));
      // 2021-09-06T08:30:00Z → 20210906T083000Z: no colons in a file name.
      std::string stamp;
      for (const char c : ctx.now_utc)
        if (c != '-' && c != ':') stamp += c;
      const auto r = store::restore(ctx.db_path, source, stamp, ctx.lang);
      if (!r.kept.empty())
        ctx.note(fmt::format(fmt::runtime(ctx.tr("原数据库保存为 {}", "the database as it was is kept as {}")), r.kept));
      ctx.note(fmt::format(fmt::runtime(ctx.tr("已用 {} 恢复 {}", "restored {1} from {0}")), source, ctx.db_path));
      return 0;
    };
  });

  auto* version = group.add_subcommand("version", "Print the database's schema version and the binary's");
  set_example(version, "ankang db version");
  version->callback([&ctx] {
    ctx.action = [&ctx] {
      auto db = ctx.open_db();
      ctx.out << fmt::format("{}: {}\n{}: {}\n", ctx.tr("数据库结构版本", "database schema version"), db.schema_version(),
                             ctx.tr("本程序支持的结构版本", "schema version of this ankang"),
                             store::current_schema_version());
      return 0;
    };
  });
}

}  // namespace ankang::cli

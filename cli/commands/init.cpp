#include "cli/commands/registry.hpp"
#include "error.hpp"
#include "store/database.hpp"

#include <fmt/format.h>

namespace ankang::cli {

void add_init_command(CLI::App& group, Context& ctx)
{
  set_example(&group, "ankang --db union.db init");
  group.callback([&ctx] {
    ctx.action = [&ctx] {
      // SQLite reads these names as an in-memory database or a URI, not as a file: refused, so
      // that init never reports a database it did not write to disk.
      if (ctx.db_path == ":memory:" || ctx.db_path.starts_with("file:"))
        throw Error(ErrorKind::usage,
                    fmt::format(fmt::runtime(ctx.tr("--db {} 不是文件名：SQLite 会把它当作内存数据库或 URI",
                                                    "--db {} is not a file name: SQLite reads it as an in-memory database or a URI")),
                                quote_value(ctx.db_path)),
                    fmt::format(fmt::runtime(ctx.tr("给出文件路径，例如 --db ./{}", "give a file path, e.g. --db ./{}")),
                                ctx.db_path == ":memory:" ? "ankang.db" : ctx.db_path));
      auto db = store::Database::create(ctx.db_path);
      ctx.note(fmt::format("created {} (schema version {})", ctx.db_path, db.schema_version()));
      return 0;
    };
  });
}

}  // namespace ankang::cli

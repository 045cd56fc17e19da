#include "cli/commands/registry.hpp"
#include "store/database.hpp"

#include <fmt/format.h>

namespace ankang::cli {

void add_init_command(CLI::App& group, Context& ctx)
{
  set_example(&group, "ankang --db union.db init");
  group.callback([&ctx] {
    ctx.action = [&ctx] {
      auto db = store::Database::create(ctx.db_path);
      ctx.note(fmt::format("created {} (schema version {})", ctx.db_path, db.schema_version()));
      return 0;
    };
  });
}

}  // namespace ankang::cli

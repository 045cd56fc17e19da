// ankang hazard supervise|unsupervise: 挂牌督办 of a major hazard and its removal (摘牌).
#include "cli/commands/hazard_common.hpp"
#include "cli/commands/registry.hpp"
#include "cli/exit_codes.hpp"
#include "domain/letter.hpp"
#include "ops/union_ops.hpp"

#include <fmt/format.h>

namespace ankang::cli {

namespace {

struct SuperviseOptions {
  std::string id, by, level, on, deadline;
};

}  // namespace

void add_hazard_supervision_commands(CLI::App& group, Context& ctx)
{
  {
    auto& o = ctx.own<SuperviseOptions>();
    auto* cmd = group.add_subcommand("supervise", "Put a major hazard under supervision (挂牌督办) by a body and level");
    cmd->add_option("ID", o.id, "Row id or hazard number")->required();
    cmd->add_option("--by", o.by, "The supervising body, e.g. 青海省安委会办公室")->required();
    cmd->add_option("--level", o.level, "province (省级), prefecture (市（州）级) or county (县级)")->required();
    cmd->add_option("--on", o.on, "The day of the listing (default: today)");
    cmd->add_option("--deadline", o.deadline, "The day by which it must be fixed under supervision");
    set_example(cmd, "ankang hazard supervise GC-2021-0007 --by 青海省安委会办公室 --level province --on 2021-09-30 --deadline 2021-11-30");
    cmd->callback([&ctx, &o] {
      ctx.action = [&ctx, &o] {
        ops::SuperviseRequest r;
        r.by = o.by;
        r.level = o.level;
        if (!o.deadline.empty()) r.deadline = parse_date_option("--deadline", o.deadline);
        auto db = ctx.open_db();
        const auto actor = make_actor(ctx, o.on);
        const auto v = ops::supervise_hazard(db, o.id, r, actor);
        const auto h = store::get_hazard(db, v.hazard_id);
        ctx.out << fmt::format(fmt::runtime(ctx.tr("{} 挂牌督办：{}（{}）\n", "{} under supervision: {} ({})\n")), h ? h->no : o.id,
                               v.body, domain::supervision_levels().label(v.level, ctx.lang));
        return k_exit_ok;
      };
    });
  }
  {
    auto& o = ctx.own<SuperviseOptions>();
    auto* cmd = group.add_subcommand("unsupervise", "Remove a closed hazard's supervision (摘牌)");
    cmd->add_option("ID", o.id, "Row id or hazard number")->required();
    cmd->add_option("--on", o.on, "The day of the removal (default: today)");
    set_example(cmd, "ankang hazard unsupervise GC-2021-0007 --on 2021-11-20");
    cmd->callback([&ctx, &o] {
      ctx.action = [&ctx, &o] {
        auto db = ctx.open_db();
        const auto v = ops::unsupervise_hazard(db, o.id, make_actor(ctx, o.on));
        const auto h = store::get_hazard(db, v.hazard_id);
        ctx.out << fmt::format(fmt::runtime(ctx.tr("{} 摘牌：{}，督办{}天\n", "{} supervision removed: {}, {} days under supervision\n")),
                               h ? h->no : o.id, v.body, *v.removed_on - v.on);
        return k_exit_ok;
      };
    });
  }
}

}  // namespace ankang::cli

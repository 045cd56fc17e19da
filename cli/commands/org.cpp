// ankang org set|show: the organisation this database belongs to, named on letters and reports.
#include "cli/commands/registry.hpp"
#include "cli/exit_codes.hpp"
#include "domain/codes.hpp"
#include "domain/letter.hpp"
#include "error.hpp"
#include "io/table.hpp"
#include "ops/letter_ops.hpp"
#include "store/region_store.hpp"

#include <fmt/format.h>

namespace ankang::cli {

namespace {

struct SetOptions {
  std::string name, short_name, level, region, prefix;
};

void print_org(Context& ctx, store::Database& db, const store::Org& o)
{
  auto& out = ctx.out;
  const auto line = [&](std::string_view zh, std::string_view en, std::string_view value) {
    if (!value.empty()) out << io::single_line(fmt::format("{}: {}", ctx.tr(zh, en), value)) << '\n';
  };
  line("名称", "name", o.name);
  line("简称", "short name", o.short_name);
  line("级别", "level", domain::org_levels().label(o.level, ctx.lang));
  if (!o.region_code.empty()) {
    std::string region = o.region_code;
    try {
      region = fmt::format("{} {}", o.region_code, store::RegionStore(db.sql()).resolve(o.region_code).full_name);
    } catch (const Error&) {
      // A code outside the seeded regions is shown as it is.
    }
    line("所在地区", "region", region);
  }
  line("文号前缀", "letter prefix", o.letter_prefix);
  line("文号示例", "letter numbers", fmt::format("{}、{}、{}", domain::format_letter_no(o.letter_prefix, domain::LetterKind::opinion, ctx.today.year(), 1),
                                                   domain::format_letter_no(o.letter_prefix, domain::LetterKind::proposal, ctx.today.year(), 1),
                                                   domain::format_letter_no(o.letter_prefix, domain::LetterKind::report, ctx.today.year(), 1)));
}

}  // namespace

void add_org_commands(CLI::App& group, Context& ctx)
{
  group.require_subcommand(1);
  {
    auto& o = ctx.own<SetOptions>();
    auto* cmd = group.add_subcommand("set", "Set the organisation (name, short name, level, region, letter prefix)");
    cmd->add_option("--name", o.name, "Full name, e.g. 青海省总工会 (required the first time)");
    cmd->add_option("--short", o.short_name, "Short name, e.g. 青工 (required the first time)");
    cmd->add_option("--level", o.level, "province, prefecture, county, industry or enterprise (required the first time)");
    cmd->add_option("--region", o.region, "Its region: 630000, 青海省, 海北州 …");
    cmd->add_option("--letter-prefix", o.prefix, "Prefix of letter numbers, e.g. 青工劳保 (default: the short name)");
    set_example(cmd, "ankang org set --name 青海省总工会 --short 青工 --level province --region 630000 --letter-prefix 青工劳保");
    cmd->callback([&ctx, &o, cmd] {
      ctx.action = [&ctx, &o, cmd] {
        ops::OrgInput in;
        const auto given = [&](const char* name, const std::string& value, std::optional<std::string>& field) {
          if (cmd->count(name) > 0) field = value;
        };
        given("--name", o.name, in.name);
        given("--short", o.short_name, in.short_name);
        given("--level", o.level, in.level);
        given("--region", o.region, in.region);
        given("--letter-prefix", o.prefix, in.letter_prefix);
        auto db = ctx.open_db();
        if (in.level) parse_option_value("--level", [&] { return domain::org_levels().parse_or_throw(*in.level); });
        if (in.region && !in.region->empty())
          parse_option_value("--region", [&] { return store::RegionStore(db.sql()).resolve(*in.region); });
        const auto org = ops::set_org(db, in, ctx.now_utc);
        print_org(ctx, db, org);
        return k_exit_ok;
      };
    });
  }
  {
    auto* cmd = group.add_subcommand("show", "Show the organisation");
    set_example(cmd, "ankang org show");
    cmd->callback([&ctx] {
      ctx.action = [&ctx] {
        auto db = ctx.open_db();
        const auto org = store::get_org(db);
        if (!org)
          throw Error(ErrorKind::not_found, "no organisation is set",
                      "run 'ankang org set --name 青海省总工会 --short 青工 --level province'");
        print_org(ctx, db, *org);
        return k_exit_ok;
      };
    });
  }
}

}  // namespace ankang::cli

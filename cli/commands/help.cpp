#include "cli/commands/registry.hpp"
#include "cli/output.hpp"

namespace ankang::cli {

void add_help_commands(CLI::App& group, Context& ctx)
{
  group.require_subcommand(1);
  auto* codes = group.add_subcommand("exit-codes", "List ankang's exit codes");
  auto& output = ctx.own<OutputOptions>();
  add_output_options(codes, output);
  set_example(codes, "ankang help exit-codes");
  codes->callback([&ctx, &output] {
    ctx.action = [&ctx, &output] {
      io::Table t;
      t.columns = {{"code", std::string(ctx.tr("退出码", "code")), io::Align::right},
                   {"meaning", std::string(ctx.tr("含义", "meaning"))}};
      const auto row = [&](int code, std::string_view zh, std::string_view en) {
        t.rows.push_back({io::Cell::number(code), io::Cell(ctx.tr(zh, en))});
      };
      row(0, "成功（结果为空也是 0）", "ok (also for empty results)");
      row(1, "运行失败：文件读写或数据库错误", "runtime failure: I/O or database");
      row(2, "用法错误：命令行参数不对", "usage error: bad command line");
      row(3, "已完成但有发现：部分导入、--check 发现超期、calendar is-workday 遇到休息日",
          "done with findings: partial import, --check found overdue, calendar is-workday on a day off");
      row(4, "未找到：所指对象或数据库文件不存在", "not found: the named thing or the database file does not exist");
      row(5, "输入无效：未写入任何内容", "invalid input: nothing was written");
      emit_table(ctx, output, t, true);
      return 0;
    };
  });

  auto* man = group.add_subcommand("man", "Print the manual page (roff), e.g. for man -l -");
  set_example(man, "ankang --lang en help man > ankang.1 && man ./ankang.1");
  man->callback([&ctx] {
    ctx.action = [&ctx] {
      write_manual(ctx.out, ctx);
      return 0;
    };
  });
}

}  // namespace ankang::cli

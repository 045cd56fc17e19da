#pragma once
// The command groups of ankang, registered from one table that also drives --help.
#include "cli/context.hpp"

#include <CLI/CLI.hpp>
#include <span>

namespace ankang::cli {

struct CommandGroup {
  const char* name;
  const char* description;
  // Adds the group's subcommands (or its own options and callback) to `group`.
  void (*add)(CLI::App& group, Context& ctx);
};

std::span<const CommandGroup> command_groups();

// One function per file in cli/commands/.
void add_init_command(CLI::App& group, Context& ctx);
void add_db_commands(CLI::App& group, Context& ctx);
void add_enterprise_commands(CLI::App& group, Context& ctx);
void add_hazard_commands(CLI::App& group, Context& ctx);
void add_inspection_commands(CLI::App& group, Context& ctx);
void add_rectify_commands(CLI::App& group, Context& ctx);
void add_report_commands(CLI::App& group, Context& ctx);
void add_batch_commands(CLI::App& group, Context& ctx);
void add_calendar_commands(CLI::App& group, Context& ctx);
void add_duty_commands(CLI::App& group, Context& ctx);
void add_violation_commands(CLI::App& group, Context& ctx);
void add_training_commands(CLI::App& group, Context& ctx);
void add_org_commands(CLI::App& group, Context& ctx);
void add_letter_commands(CLI::App& group, Context& ctx);
void add_help_commands(CLI::App& group, Context& ctx);
void add_completion_command(CLI::App& group, Context& ctx);

// The manual page in roff, every command and option, in ctx.lang (cli/commands/manual.cpp).
void write_manual(std::ostream& os, Context& ctx);

// Sets an example (or several) shown at the end of a command's --help.
void set_example(CLI::App* cmd, const std::string& example);

}  // namespace ankang::cli

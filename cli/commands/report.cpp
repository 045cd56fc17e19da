#include "cli/commands/registry.hpp"

namespace ankang::cli {

void add_report_commands(CLI::App& group, Context& /*ctx*/) { group.require_subcommand(1); }

}  // namespace ankang::cli

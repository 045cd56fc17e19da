#pragma once
#include "cli/context.hpp"

#include <memory>
#include <ostream>

namespace CLI {
class App;
}

namespace ankang::cli {

// Parses argv, runs the chosen command, prints its output and errors, and returns the exit
// code. The only place that decides exit codes.
int run(int argc, char** argv, std::ostream& out, std::ostream& err);

// Every command with its options, as `run` parses them, in ctx.lang: for the completion scripts
// and the manual page, which describe the whole tree.
std::unique_ptr<CLI::App> full_command_tree(Context& ctx);

}  // namespace ankang::cli

#pragma once
#include <ostream>

namespace ankang::cli {

// Parses argv, runs the chosen command, prints its output and errors, and returns the exit
// code. The only place that decides exit codes.
int run(int argc, char** argv, std::ostream& out, std::ostream& err);

}  // namespace ankang::cli

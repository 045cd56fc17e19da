#pragma once
#include "error.hpp"

namespace ankang::cli {

enum ExitCode : int {
  k_exit_ok = 0,
  k_exit_failure = 1,    // runtime failure: I/O, database
  k_exit_usage = 2,      // bad command line
  k_exit_findings = 3,   // done, with findings (partial import, --check found overdue, a day off)
  k_exit_not_found = 4,  // a named thing or the database file does not exist
  k_exit_invalid = 5,    // invalid input; nothing was written
};

inline int exit_code_for(ErrorKind kind)
{
  switch (kind) {
  case ErrorKind::invalid_input: return k_exit_invalid;
  case ErrorKind::conflict: return k_exit_invalid;
  case ErrorKind::not_found: return k_exit_not_found;
  case ErrorKind::usage: return k_exit_usage;
  case ErrorKind::database: return k_exit_failure;
  case ErrorKind::io: return k_exit_failure;
  }
  return k_exit_failure;
}

}  // namespace ankang::cli

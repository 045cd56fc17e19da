#pragma once
// The one exception type of libankang. The CLI maps its kind to an exit code in one place.
#include <stdexcept>
#include <string>

namespace ankang {

enum class ErrorKind {
  invalid_input,  // bad value or file content; nothing was written (exit 5)
  not_found,      // a named thing does not exist (exit 4)
  conflict,       // the request contradicts what is stored, e.g. an illegal transition (exit 5)
  database,       // SQLite failed (exit 1)
  io,             // a file could not be read or written (exit 1)
  usage,          // a command-line value is malformed (exit 2)
};

class Error : public std::runtime_error {
public:
  Error(ErrorKind kind, std::string message, std::string hint = {})
      : std::runtime_error(std::move(message)), m_kind(kind), m_hint(std::move(hint))
  {
  }

  ErrorKind kind() const noexcept { return m_kind; }
  // A short suggestion of what to do next, or empty.
  const std::string& hint() const noexcept { return m_hint; }

private:
  ErrorKind m_kind;
  std::string m_hint;
};

}  // namespace ankang

#pragma once
// The one exception type of libankang. The CLI maps its kind to an exit code in one place.
#include <stdexcept>
#include <string>
#include <string_view>

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

// A value as an error message quotes it: 'value', on one line and readable whatever it holds.
// Control characters and bytes that are not UTF-8 are shown as \n, \t, \xNN; a value longer
// than 60 characters is cut to its first 40 and its size in bytes: 'xxxx…' (1048576 bytes).
// Every message that repeats a value from a file or the command line goes through here, so that a
// 1 MB cell gives a one-line error, not a 1 MB one.
std::string quote_value(std::string_view value);

}  // namespace ankang

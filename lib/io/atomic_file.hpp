#pragma once
// Output files (-o, rejects, reports) are written to a temporary file beside the target and
// renamed into place on commit, so a failed command never leaves half a file. They are created
// readable and writable by their owner only: they hold names and phone numbers.
#include <fstream>
#include <string>

namespace ankang::io {

class AtomicFile {
public:
  // Throws Error(io) naming the path when the folder is missing or unwritable, or the path is a
  // directory.
  explicit AtomicFile(std::string path);
  ~AtomicFile();  // removes the temporary file unless committed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream() { return m_stream; }
  const std::string& path() const { return m_path; }
  // Flushes, checks for write errors, and renames into place.
  void commit();

private:
  std::string m_path;
  std::string m_temp;
  std::ofstream m_stream;
  bool m_committed = false;
  bool m_direct = false;  // the target is a device or pipe (e.g. /dev/null): write to it in place
};

}  // namespace ankang::io

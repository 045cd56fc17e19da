#pragma once
// Output files (-o, rejects, reports, backups) are written to a temporary file beside the target
// and renamed into place on commit, so a failed or interrupted command never leaves half a file:
// the temporary file is removed on failure, and on SIGINT/SIGTERM/SIGHUP (io/temp_files.hpp).
// On commit the file is fsynced, renamed, and its folder fsynced, so that the new file survives
// a power cut once the command has said it is done. Files are created readable and writable by
// their owner only: they hold names and phone numbers.
#include "io/fd_output.hpp"

#include <memory>
#include <ostream>
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
  // Flushes, checks for write errors (naming their cause: "No space left on device"), fsyncs,
  // renames into place and fsyncs the folder.
  void commit();

private:
  std::string m_path;
  std::string m_temp;
  int m_fd = -1;
  std::unique_ptr<FdOutputBuffer> m_buffer;
  std::ostream m_stream{nullptr};
  bool m_committed = false;
  bool m_direct = false;  // the target is a device or pipe (e.g. /dev/null): write to it in place
};

// Creates an empty temporary file `base`.tmp.XXXXXX (mode 0600) beside `base`, tracked for
// removal on a signal; returns its name and its open descriptor. Throws Error(io) naming `base`.
struct TempFile {
  std::string path;
  int fd = -1;
};
TempFile make_temp_beside(const std::string& base);

// fsyncs the folder that holds `path`, so that a rename into it is durable. Errors are ignored
// (some file systems cannot sync a folder).
void sync_folder_of(const std::string& path);

// True when `a` and `b` name the same file: the same device and inode when both exist, else the
// same absolute path once the folder is resolved (symbolic links, "..", "./").
bool same_file(const std::string& a, const std::string& b);

}  // namespace ankang::io

#include "io/atomic_file.hpp"

#include "error.hpp"
#include "io/temp_files.hpp"

#include <pthread.h>
#include <csignal>

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace ankang::io {

namespace {

std::string folder_of(const std::string& path)
{
  const auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string base_of(const std::string& path)
{
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// The absolute form of `path` with its folder resolved; `path` itself unchanged when the folder
// does not exist.
std::string resolved(const std::string& path)
{
  char buf[PATH_MAX];
  if (::realpath(path.c_str(), buf)) return buf;
  if (::realpath(folder_of(path).c_str(), buf)) return std::string(buf) + "/" + base_of(path);
  return path;
}

}  // namespace

TempFile make_temp_beside(const std::string& base)
{
  std::string templ = base + ".tmp.XXXXXX";
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  // The signals that remove temporary files are held back from creating the file until it is
  // recorded: one arriving in between (a process preempted right after open(2), then signalled)
  // would otherwise leave the file behind.
  sigset_t held, previous;
  sigemptyset(&held);
  for (const int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&held, sig);
  ::pthread_sigmask(SIG_BLOCK, &held, &previous);
  const int fd = ::mkostemp(buf.data(), O_CLOEXEC);  // mode 0600
  const int error = errno;
  if (fd >= 0) track_temp_file(buf.data());
  ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  if (fd < 0)
    throw Error(ErrorKind::io, fmt::format("cannot write {}: {}", base, std::strerror(error)),
                "check that its folder exists and is writable");
  return TempFile{buf.data(), fd};
}

void sync_folder_of(const std::string& path)
{
  const int fd = ::open(folder_of(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

bool same_file(const std::string& a, const std::string& b)
{
  struct stat sa {}, sb {};
  const bool ea = ::stat(a.c_str(), &sa) == 0, eb = ::stat(b.c_str(), &sb) == 0;
  if (ea && eb) return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
  return resolved(a) == resolved(b);
}

AtomicFile::AtomicFile(std::string path) : m_path(std::move(path))
{
  if (m_path.empty()) throw Error(ErrorKind::usage, "the output file name is empty");
  struct stat st {};
  if (::stat(m_path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    throw Error(ErrorKind::io, fmt::format("cannot write {}: it is a directory", m_path), "name a file, not a folder");
  if (::stat(m_path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    // A device or pipe such as /dev/null or /dev/stdout is written in place, never replaced.
    m_direct = true;
    m_fd = ::open(m_path.c_str(), O_WRONLY | O_CLOEXEC);
    if (m_fd < 0) throw Error(ErrorKind::io, fmt::format("cannot write {}: {}", m_path, std::strerror(errno)));
  } else {
    auto temp = make_temp_beside(m_path);
    m_temp = std::move(temp.path);
    m_fd = temp.fd;
  }
  m_buffer = std::make_unique<FdOutputBuffer>(m_fd);
  m_stream.rdbuf(m_buffer.get());
}

AtomicFile::~AtomicFile()
{
  if (m_fd >= 0) ::close(m_fd);
  if (!m_committed && !m_direct) {
    ::unlink(m_temp.c_str());
    untrack_temp_file(m_temp);
  }
}

void AtomicFile::commit()
{
  m_stream.flush();
  const auto fail = [&](int err) {
    throw Error(ErrorKind::io, fmt::format("cannot write {}: {}", m_path, err ? std::strerror(err) : "write failed"),
                err == ENOSPC || err == EDQUOT ? "free some space on its disk and run the command again" : "");
  };
  if (m_buffer->error() != 0 || !m_stream) fail(m_buffer->error());
  if (m_direct) {
    m_committed = true;
    return;
  }
  if (::fsync(m_fd) != 0) fail(errno);
  const int fd = m_fd;
  m_fd = -1;
  if (::close(fd) != 0) fail(errno);
  if (::rename(m_temp.c_str(), m_path.c_str()) != 0) fail(errno);
  m_committed = true;
  untrack_temp_file(m_temp);
  sync_folder_of(m_path);
}

}  // namespace ankang::io

#include "io/atomic_file.hpp"

#include "error.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

namespace ankang::io {

AtomicFile::AtomicFile(std::string path) : m_path(std::move(path))
{
  if (m_path.empty()) throw Error(ErrorKind::usage, "the output file name is empty");
  struct stat st {};
  if (::stat(m_path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    throw Error(ErrorKind::io, fmt::format("cannot write {}: it is a directory", m_path), "name a file, not a folder");
  if (::stat(m_path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    // A device or pipe such as /dev/null or /dev/stdout is written in place, never replaced.
    m_direct = true;
    m_stream.open(m_path, std::ios::binary);
    if (!m_stream) throw Error(ErrorKind::io, fmt::format("cannot write {}", m_path));
    return;
  }
  std::string templ = m_path + ".tmp.XXXXXX";
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  const int fd = ::mkstemp(buf.data());  // mode 0600
  if (fd < 0)
    throw Error(ErrorKind::io, fmt::format("cannot write {}: {}", m_path, std::strerror(errno)),
                "check that its folder exists and is writable");
  ::close(fd);
  m_temp = buf.data();
  m_stream.open(m_temp, std::ios::binary | std::ios::trunc);
  if (!m_stream) {
    ::unlink(m_temp.c_str());
    throw Error(ErrorKind::io, fmt::format("cannot write {}", m_path));
  }
}

AtomicFile::~AtomicFile()
{
  if (!m_committed && !m_direct) {
    m_stream.close();
    ::unlink(m_temp.c_str());
  }
}

void AtomicFile::commit()
{
  m_stream.flush();
  const bool ok = static_cast<bool>(m_stream);
  m_stream.close();
  if (!ok || m_stream.fail()) throw Error(ErrorKind::io, fmt::format("cannot write {}: write failed (disk full?)", m_path));
  if (m_direct) {
    m_committed = true;
    return;
  }
  if (::rename(m_temp.c_str(), m_path.c_str()) != 0)
    throw Error(ErrorKind::io, fmt::format("cannot write {}: {}", m_path, std::strerror(errno)));
  m_committed = true;
}

}  // namespace ankang::io

#pragma once
// An output stream buffer on a file descriptor that remembers why a write failed (its errno),
// so that a full disk or a closed pipe is reported with its cause, never passed over. Used for
// standard output and for every file ankang writes (io::AtomicFile).
#include "domain/codes.hpp"

#include <streambuf>
#include <string>
#include <vector>

namespace ankang::io {

class FdOutputBuffer final : public std::streambuf {
public:
  // Does not own `fd`: the caller closes it (after a final pubsync()).
  explicit FdOutputBuffer(int fd, size_t capacity = 64 * 1024);
  // Writes nothing: what is still buffered is dropped unless flushed (pubsync, or the stream's
  // flush) and checked before.
  ~FdOutputBuffer() override = default;
  FdOutputBuffer(const FdOutputBuffer&) = delete;
  FdOutputBuffer& operator=(const FdOutputBuffer&) = delete;

  // 0, or the errno of the first write that failed; once set, nothing more is written.
  int error() const { return m_error; }

protected:
  int_type overflow(int_type ch) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

private:
  bool drain();
  bool write_all(const char* data, size_t size);
  int m_fd;
  std::vector<char> m_buffer;
  int m_error = 0;
};

// What an errno means, in the user's language: ENOSPC "No space left on device" / "磁盘空间不足".
std::string errno_text(int err, domain::Lang lang);

}  // namespace ankang::io

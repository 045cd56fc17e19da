#include "io/fd_output.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ankang::io {

FdOutputBuffer::FdOutputBuffer(int fd, size_t capacity) : m_fd(fd), m_buffer(capacity)
{
  setp(m_buffer.data(), m_buffer.data() + m_buffer.size());
}

bool FdOutputBuffer::write_all(const char* data, size_t size)
{
  if (m_error != 0) return false;
  while (size > 0) {
    const ssize_t n = ::write(m_fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      m_error = errno;
      return false;
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

bool FdOutputBuffer::drain()
{
  const auto pending = static_cast<size_t>(pptr() - pbase());
  const bool ok = write_all(pbase(), pending);
  setp(m_buffer.data(), m_buffer.data() + m_buffer.size());
  return ok;
}

FdOutputBuffer::int_type FdOutputBuffer::overflow(int_type ch)
{
  if (!drain()) return traits_type::eof();
  if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
  *pptr() = traits_type::to_char_type(ch);
  pbump(1);
  return ch;
}

std::streamsize FdOutputBuffer::xsputn(const char* s, std::streamsize n)
{
  if (n <= 0) return 0;  // an empty write may come with a null pointer: nothing to copy
  const auto room = static_cast<std::streamsize>(epptr() - pptr());
  if (n <= room) {
    std::memcpy(pptr(), s, static_cast<size_t>(n));
    pbump(static_cast<int>(n));
    return n;
  }
  if (!drain()) return 0;
  if (n < static_cast<std::streamsize>(m_buffer.size())) {
    std::memcpy(pptr(), s, static_cast<size_t>(n));
    pbump(static_cast<int>(n));
    return n;
  }
  return write_all(s, static_cast<size_t>(n)) ? n : 0;
}

int FdOutputBuffer::sync() { return drain() ? 0 : -1; }

std::string errno_text(int err, domain::Lang lang)
{
  if (lang == domain::Lang::zh) {
    switch (err) {
    case ENOSPC: return "磁盘空间不足";
    case EDQUOT: return "超出磁盘配额";
    case EIO: return "输入/输出错误";
    case EFBIG: return "文件过大";
    case EROFS: return "文件系统是只读的";
    case EACCES:
    case EPERM: return "权限不够";
    case EPIPE: return "管道已关闭";
    case EBADF: return "文件描述符无效（标准输出已关闭？）";
    default: break;
    }
  }
  return std::strerror(err);
}

}  // namespace ankang::io

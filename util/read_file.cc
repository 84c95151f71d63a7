#include "util/read_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace akhbar {
namespace {

Errc errc_for_errno(int err) {
  if (err == ENOENT || err == ENOTDIR) return Errc::kNotFound;
  if (err == EACCES || err == EPERM) return Errc::kPermissionDenied;
  return Errc::kInvalidInput;
}

tl::unexpected<Error> read_failure(const std::string& file, int err) {
  return fail(errc_for_errno(err), "cannot read: " + std::generic_category().message(err), file);
}

}  // namespace

Result<std::string> read_file(const std::string& file, std::size_t max_bytes) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return read_failure(file, errno);
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) return read_failure(file, errno);
  if (S_ISDIR(st.st_mode)) return read_failure(file, EISDIR);
  std::string text;
  if (S_ISREG(st.st_mode) && st.st_size > 0 && static_cast<std::size_t>(st.st_size) <= max_bytes) {
    text.reserve(static_cast<std::size_t>(st.st_size));
  }
  char buffer[16384];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return read_failure(file, errno);
    }
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
    if (text.size() > max_bytes) {
      return fail(Errc::kResourceExhausted, "cannot read: larger than " + std::to_string(max_bytes) + " bytes", file);
    }
  }
  return text;
}

}  // namespace akhbar

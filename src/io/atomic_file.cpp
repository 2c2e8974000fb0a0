#include "io/atomic_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>

#include "core/errors.h"

namespace minesim {

namespace {

namespace fs = std::filesystem;

const char* kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISFIFO(mode)) return "a fifo";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

std::string random_suffix() {
  static constexpr char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::random_device rd;
  std::uniform_int_distribution<int> pick(0, sizeof(kChars) - 2);
  std::string s(6, 'X');
  for (char& c : s) c = kChars[pick(rd)];
  return s;
}

bool same_file(const struct stat& a, const struct stat& b) {
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

std::size_t name_max_of(const std::string& dir) {
  const long n = ::pathconf(dir.c_str(), _PC_NAME_MAX);
  return n > 0 ? static_cast<std::size_t>(n) : 255;
}

}  // namespace

std::string temp_file_name(const std::string& base, const std::string& suffix,
                           std::size_t name_max) {
  const std::string tail = ".partial-" + suffix;
  std::size_t keep = base.size();
  if (keep + tail.size() > name_max) {
    keep = name_max > tail.size() ? name_max - tail.size() : 0;
    // Do not cut a UTF-8 character in two: back off over continuation bytes (10xxxxxx).
    while (keep > 0 && (static_cast<unsigned char>(base[keep]) & 0xC0) == 0x80) --keep;
  }
  return base.substr(0, keep) + tail;
}

void check_output_target(const std::string& path) {
  // Another process may create FILE between the two calls (two ranks writing one manifest, two
  // runs racing for one -o): a name that lstat finds and is not a link, or a link whose target
  // appeared, is looked at again rather than called dangling.
  for (int attempt = 0;; ++attempt) {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
      if (S_ISREG(st.st_mode)) return;
      throw CannotCreateError(
          fmt::format("cannot write {}: it exists and is {}; minesim only replaces regular files",
                      path, kind_of(st.st_mode)));
    }
    const int err = errno;
    if (err != ENOENT) throw_path_error(fmt::format("cannot write {}", path), err);
    if (::lstat(path.c_str(), &st) != 0) return;  // absent
    if (attempt < 3 && (!S_ISLNK(st.st_mode) || ::stat(path.c_str(), &st) == 0)) continue;
    throw CannotCreateError(
        fmt::format("cannot write {}: it is a symbolic link to nothing (a dangling link)", path));
  }
}

AtomicFile::AtomicFile(const std::string& path) : path_(path) {
  const fs::path p(path);
  const std::string base = p.filename().string();
  if (base.empty() || base == "." || base == "..")
    throw CannotCreateError(fmt::format("cannot write {}: it names a directory, not a file", path));
  check_output_target(path);
  const fs::path dir = p.parent_path();
  std::error_code ec;
  if (!dir.empty()) fs::create_directories(dir, ec);
  if (ec) throw_path_error(fmt::format("cannot create directory {}", dir.string()), ec.value());
  const std::size_t name_max = name_max_of(dir.empty() ? "." : dir.string());
  if (base.size() > name_max) throw_path_error(fmt::format("cannot create {}", path), ENAMETOOLONG);
  for (int attempt = 0; attempt < 100 && fd_ < 0; ++attempt) {
    temp_ = (dir / temp_file_name(base, random_suffix(), name_max)).string();
    // 0666 less the umask, as for any created file; O_EXCL: this run's own file, never a link.
    fd_ = ::open(temp_.c_str(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd_ < 0 && errno != EEXIST) throw_path_error(fmt::format("cannot create {}", temp_), errno);
  }
  if (fd_ < 0) throw CannotCreateError(fmt::format("cannot create a temporary for {}", path));
}

AtomicFile::AtomicFile(const std::string& path, const std::string& temp)
    : path_(path), temp_(temp) {
  check_output_target(path);
  fd_ = ::open(temp_.c_str(), O_RDWR | O_NOFOLLOW | O_CLOEXEC);
  if (fd_ < 0) throw_path_error(fmt::format("cannot open {}", temp_), errno);
  struct stat st {};
  if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd_);
    fd_ = -1;
    throw CannotCreateError(fmt::format("cannot continue {}: not a regular file", temp_));
  }
}

AtomicFile::~AtomicFile() {
  if (!done_) remove();
  if (fd_ >= 0) ::close(fd_);
}

std::string AtomicFile::open_name() const {
  const std::string proc = fmt::format("/proc/self/fd/{}", fd_);
  struct stat a {
  }, b{};
  if (::fstat(fd_, &a) == 0 && ::stat(proc.c_str(), &b) == 0 && same_file(a, b)) return proc;
  return temp_;
}

void AtomicFile::commit() {
  // fsync before rename: the renamed file must hold the data even after a power loss.
  if (::fsync(fd_) != 0) throw_path_error(fmt::format("cannot write {}", temp_), errno);
  check_output_target(path_);  // FILE may have been replaced while the run went on
  if (::rename(temp_.c_str(), path_.c_str()) != 0)
    throw_path_error(fmt::format("cannot rename {} to {}", temp_, path_), errno);
  done_ = true;
  ::close(fd_);
  fd_ = -1;
  sync_dir_best_effort(fs::path(path_).parent_path().string());  // the rename, durable
}

void AtomicFile::remove() {
  if (done_) return;
  done_ = true;
  // Only this run's file: the name could have been replaced by someone else's meanwhile.
  struct stat a {
  }, b{};
  if (::fstat(fd_, &a) == 0 && ::lstat(temp_.c_str(), &b) == 0 && same_file(a, b))
    ::unlink(temp_.c_str());
}

void AtomicFile::keep() { done_ = true; }

void throw_path_error(const std::string& what, int err) {
  const std::string msg = fmt::format("{}: {}", what, std::strerror(err));
  if (err == ENOSPC || err == EDQUOT || err == EIO) throw IoError(msg);
  throw CannotCreateError(msg);
}

void sync_dir_best_effort(const std::string& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace minesim

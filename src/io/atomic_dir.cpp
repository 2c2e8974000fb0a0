#include "io/atomic_dir.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

#include "core/errors.h"
#include "io/atomic_file.h"

namespace minesim {

namespace {

namespace fs = std::filesystem;

// What is at DIR now: nothing, an empty directory, or an earlier export (only with `replace`).
enum class Target { kAbsent, kEmpty, kExport };

Target inspect(const std::string& path, bool replace) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return Target::kAbsent;
    throw_path_error(fmt::format("cannot write {}", path), errno);
  }
  if (S_ISLNK(st.st_mode))
    throw CannotCreateError(
        fmt::format("cannot write {}: it is a symbolic link; name the directory itself", path));
  if (!S_ISDIR(st.st_mode))
    throw CannotCreateError(fmt::format("cannot write {}: it exists and is not a directory", path));
  std::error_code ec;
  bool empty = true;
  for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    empty = false;
    if (!replace)
      throw CannotCreateError(
          fmt::format("cannot write {}: the directory exists and is not empty (--force replaces "
                      "an earlier export, a directory of .csv files only)",
                      path));
    const fs::file_status s = it->symlink_status(ec);
    if (ec || !fs::is_regular_file(s) || it->path().extension() != ".csv")
      throw CannotCreateError(
          fmt::format("cannot replace {}: it holds '{}', which an export does not write (--force "
                      "replaces only a directory of .csv files)",
                      path, it->path().filename().string()));
  }
  if (ec) throw_path_error(fmt::format("cannot read the directory {}", path), ec.value());
  return empty ? Target::kEmpty : Target::kExport;
}

void sync_path(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) throw_path_error(fmt::format("cannot open {}", path), errno);
  const int rc = ::fsync(fd), err = errno;
  ::close(fd);
  if (rc != 0) throw_path_error(fmt::format("cannot write {}", path), err);
}

// "out/csv/" names the directory "out/csv".
std::string without_trailing_slashes(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

std::string make_temp_dir(const fs::path& dir, const std::string& base, const std::string& path) {
  const long n = ::pathconf(dir.empty() ? "." : dir.c_str(), _PC_NAME_MAX);
  const std::size_t name_max = n > 0 ? static_cast<std::size_t>(n) : 255;
  if (base.size() > name_max) throw_path_error(fmt::format("cannot create {}", path), ENAMETOOLONG);
  std::string name = (dir / temp_file_name(base, "XXXXXX", name_max)).string();
  std::vector<char> buf(name.begin(), name.end());
  buf.push_back('\0');
  if (!::mkdtemp(buf.data()))
    throw_path_error(fmt::format("cannot create a directory in {}", path), errno);
  name = buf.data();
  // mkdtemp makes it 0700; the export is an ordinary directory (0777 less the umask).
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::chmod(name.c_str(), 0777 & ~mask);
  return name;
}

}  // namespace

AtomicDir::AtomicDir(const std::string& path, bool replace)
    : path_(without_trailing_slashes(path)), replace_(replace) {
  const fs::path p(path_);
  const std::string base = p.filename().string();
  if (path_.empty() || base.empty() || base == "." || base == ".." || path_ == "/")
    throw CannotCreateError(
        fmt::format("cannot write '{}': name a directory to create (e.g. output/csv)", path));
  inspect(path_, replace_);
  std::error_code ec;
  if (!p.parent_path().empty()) fs::create_directories(p.parent_path(), ec);
  if (ec)
    throw_path_error(fmt::format("cannot create directory {}", p.parent_path().string()),
                     ec.value());
  temp_ = make_temp_dir(p.parent_path(), base, path_);
}

AtomicDir::~AtomicDir() {
  if (done_) return;
  std::error_code ec;
  fs::remove_all(temp_, ec);
}

void AtomicDir::commit() {
  std::error_code ec;
  for (fs::directory_iterator it(temp_, ec), end; !ec && it != end; it.increment(ec))
    sync_path(it->path().string(), O_RDONLY);
  if (ec) throw_path_error(fmt::format("cannot read the directory {}", temp_), ec.value());
  sync_path(temp_, O_RDONLY | O_DIRECTORY);
  std::string old;  // where the earlier export is once replaced (--force)
  if (inspect(path_, replace_) != Target::kExport) {
    // Absent or empty: rename replaces an empty directory in one step.
    if (::rename(temp_.c_str(), path_.c_str()) != 0)
      throw_path_error(fmt::format("cannot rename {} to {}", temp_, path_), errno);
  } else if (::renameat2(AT_FDCWD, temp_.c_str(), AT_FDCWD, path_.c_str(), RENAME_EXCHANGE) == 0) {
    old = temp_;  // the exchange put the earlier export at the temporary's name
  } else if (errno == EINVAL || errno == ENOSYS) {
    // A file system without the exchange: the earlier export aside, then the new one in its place.
    old = make_temp_dir(fs::path(path_).parent_path(), fs::path(path_).filename().string() + ".old",
                        path_);
    if (::rename(path_.c_str(), old.c_str()) != 0)
      throw_path_error(fmt::format("cannot rename {} to {}", path_, old), errno);
    if (::rename(temp_.c_str(), path_.c_str()) != 0)
      throw_path_error(fmt::format("cannot rename {} to {}", temp_, path_), errno);
  } else {
    throw_path_error(fmt::format("cannot exchange {} and {}", temp_, path_), errno);
  }
  done_ = true;
  if (!old.empty()) fs::remove_all(old, ec);
  sync_dir_best_effort(fs::path(path_).parent_path().string());
}

}  // namespace minesim

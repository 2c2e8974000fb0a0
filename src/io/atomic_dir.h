#pragma once
// A directory that appears at its path whole or not at all (`minesim export -o DIR`), as
// io/atomic_file.h does for one file. The files go into a temporary of this process's own,
// DIR.partial-XXXXXX beside DIR (mkdtemp); commit() fsyncs them and renames the temporary to DIR,
// so DIR never holds a half-written export, whatever fails or interrupts the work before.
//
// DIR must be absent or an empty directory. With `replace` (export --force) it may also be a
// directory holding only regular files named *.csv (an earlier export): it is then swapped with
// the temporary in one step (renameat2 RENAME_EXCHANGE) and the old files removed. Anything else
// (a file, a link, a directory with other entries) is refused with CannotCreateError (73), so that
// --force can never delete what an export did not write.
#include <string>

namespace minesim {

class AtomicDir {
 public:
  // Checks DIR, creates its parent directories when missing and the temporary (73 on failure).
  AtomicDir(const std::string& path, bool replace);
  ~AtomicDir();  // removes the temporary and everything in it unless committed
  AtomicDir(const AtomicDir&) = delete;
  AtomicDir& operator=(const AtomicDir&) = delete;

  const std::string& path() const { return path_; }
  const std::string& temp_path() const { return temp_; }
  std::string file(const std::string& name) const { return temp_ + "/" + name; }

  // fsyncs every file of the temporary and the temporary itself, checks DIR again and puts the
  // temporary at DIR (IoError 74 for a failed fsync or rename; 73 when DIR changed meanwhile).
  void commit();

 private:
  std::string path_, temp_;
  bool replace_ = false;
  bool done_ = false;
};

}  // namespace minesim

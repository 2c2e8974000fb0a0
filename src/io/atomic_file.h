#pragma once
// A file that appears at its path whole or not at all. The data go to a temporary of this run's
// own, FILE.partial-XXXXXX in FILE's directory, created with O_CREAT|O_EXCL|O_NOFOLLOW (so two
// runs with the same FILE never share one, and a link planted at the name is not followed);
// commit() fsyncs it and renames it to FILE, so a file at FILE is always one finished run and,
// when runs race, the last to finish wins. FILE itself must be absent, a regular file or a symlink
// to one (a device, fifo, directory or dangling link is refused: exit 73).
#include <string>

namespace minesim {

class AtomicFile {
 public:
  // Creates FILE's directory when missing and the temporary. CannotCreateError (73) with the
  // reason when FILE cannot be a regular file or the temporary cannot be created.
  explicit AtomicFile(const std::string& path);
  // Takes over `temp`, a temporary an earlier run kept for FILE (an interrupted ensemble that is
  // continued): it must be a regular file, not a link; CannotCreateError (73) otherwise.
  AtomicFile(const std::string& path, const std::string& temp);
  ~AtomicFile();  // removes the temporary unless committed or kept
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  const std::string& path() const { return path_; }
  const std::string& temp_path() const { return temp_; }
  // A name that opens this very file, for a library that wants a name (HDF5):
  // /proc/self/fd/N, so nothing put at the temporary's name meanwhile can be opened instead.
  std::string open_name() const;

  // fsyncs the temporary, checks FILE again and renames the temporary to FILE (IoError, 74).
  void commit();
  // Removes the temporary now (failed runs); keep() leaves it for inspection (interrupted runs).
  void remove();
  void keep();

 private:
  std::string path_, temp_;
  int fd_ = -1;
  bool done_ = false;  // committed, removed or kept
};

// The temporary's file name for FILE's file name `base`: base + ".partial-" + `suffix`, with base
// cut (at a UTF-8 character boundary) so that the whole fits in `name_max` bytes.
std::string temp_file_name(const std::string& base, const std::string& suffix,
                           std::size_t name_max);

// Throws CannotCreateError unless `path` is absent, a regular file or a symlink to one.
void check_output_target(const std::string& path);

// The error for a failed call on a path with errno `err`: a full or failing disk is an I/O error
// (IoError, 74), anything else "cannot create" (CannotCreateError, 73). `what` leads the message.
[[noreturn]] void throw_path_error(const std::string& what, int err);

// fsyncs directory `dir` ("" for the current one), so that a rename in it is durable; best
// effort: not every file system can fsync a directory, and what was renamed is already whole.
void sync_dir_best_effort(const std::string& dir);

}  // namespace minesim

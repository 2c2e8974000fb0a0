#pragma once
// The members of an ensemble run as child processes, each exactly the `minesim run` command of
// its arm, seed and point (so a member's data are a single run's by construction), at most `jobs`
// at a time. Each child writes its output to its own file and its messages to a log beside it;
// the pool polls for children that ended and forwards a stop request (core/stop.h) to those still
// running, so a signal sent to the ensemble alone (a scheduler's SIGTERM) stops them too.
#include <sys/types.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace minesim {

struct MemberJob {
  std::size_t member = 0;
  std::vector<std::string> argv;  // argv[0]: its name; the program run is this one's own
  std::string output, log;        // the child's -o file, and where its stdout and stderr go
};

struct MemberEnd {
  MemberJob job;
  int status = 0;  // the child's exit status; 128 + N when killed by signal N
};

class MemberPool {
 public:
  MemberPool() = default;
  ~MemberPool();  // kills and reaps children still running (an exception left the command)
  MemberPool(const MemberPool&) = delete;
  MemberPool& operator=(const MemberPool&) = delete;

  // Starts `job` (fork and exec). Error (exit 70) when the process cannot be started.
  void start(MemberJob job);
  std::size_t running() const { return children_.size(); }
  // Waits until a child ends; std::nullopt when none is running. Forwards a stop request to every
  // child once, and keeps waiting for them.
  std::optional<MemberEnd> wait_one();
  // Sends `sig` to every running child.
  void signal_all(int sig);

 private:
  struct Child {
    pid_t pid;
    MemberJob job;
  };
  std::vector<Child> children_;
  bool forwarded_ = false;
};

// The last `max_lines` lines of a text file ("" when unreadable), to show why a member failed.
std::string tail_of(const std::string& path, std::size_t max_lines);

}  // namespace minesim

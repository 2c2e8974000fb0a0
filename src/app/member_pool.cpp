#include "app/member_pool.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <deque>
#include <fstream>
#include <thread>

#include "core/errors.h"
#include "core/exit_codes.h"
#include "core/stop.h"

namespace minesim {

namespace {

// In the child, between fork and exec: only async-signal-safe calls.
[[noreturn]] void exec_child(const std::vector<char*>& argv, int log_fd) {
  // Its own process group: a Ctrl-C at the terminal reaches the ensemble, which forwards it
  // once, instead of every member twice. If the ensemble dies, its members are stopped too.
  ::setpgid(0, 0);
  ::prctl(PR_SET_PDEATHSIG, SIGTERM);
  ::dup2(log_fd, STDOUT_FILENO);
  ::dup2(log_fd, STDERR_FILENO);
  ::close(log_fd);
  // The parent's handlers do not survive exec; the child installs its own. Unblock everything.
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  // This very executable, even if its file was replaced (rebuilt) since the ensemble started.
  ::execv("/proc/self/exe", argv.data());
  ::_exit(127);
}

int exit_status_of(int wstatus) {
  if (WIFEXITED(wstatus)) return WEXITSTATUS(wstatus);
  if (WIFSIGNALED(wstatus)) return 128 + WTERMSIG(wstatus);
  return exit_code::kInternal;
}

}  // namespace

MemberPool::~MemberPool() {
  for (const Child& c : children_) ::kill(c.pid, SIGKILL);
  for (const Child& c : children_) {
    int st = 0;
    while (::waitpid(c.pid, &st, 0) < 0 && errno == EINTR) {
    }
  }
}

void MemberPool::start(MemberJob job) {
  const int log_fd = ::open(job.log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (log_fd < 0)
    throw Error(exit_code::kCannotCreate,
                fmt::format("cannot create {}: {}", job.log, std::strerror(errno)));
  std::vector<char*> argv;
  for (std::string& a : job.argv) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) exec_child(argv, log_fd);
  ::close(log_fd);
  if (pid < 0)
    throw Error(exit_code::kInternal,
                fmt::format("cannot start member {}: {}", job.argv[0], std::strerror(errno)));
  children_.push_back({pid, std::move(job)});
  if (forwarded_) ::kill(pid, stop::requested());
}

std::optional<MemberEnd> MemberPool::wait_one() {
  while (!children_.empty()) {
    if (const int sig = stop::requested(); sig && !forwarded_) {
      forwarded_ = true;
      signal_all(sig);
    }
    int st = 0;
    const pid_t pid = ::waitpid(-1, &st, WNOHANG);
    if (pid > 0) {
      for (std::size_t i = 0; i < children_.size(); ++i) {
        if (children_[i].pid != pid) continue;
        MemberEnd end{std::move(children_[i].job), exit_status_of(st)};
        children_.erase(children_.begin() + static_cast<std::ptrdiff_t>(i));
        return end;
      }
      continue;  // not one of ours
    }
    if (pid < 0 && errno != EINTR) throw Error(exit_code::kInternal, "waitpid failed");
    std::this_thread::sleep_for(std::chrono::milliseconds(5));  // a member ends at most 5 ms unseen
  }
  return std::nullopt;
}

void MemberPool::signal_all(int sig) {
  for (const Child& c : children_) ::kill(c.pid, sig);
}

std::string tail_of(const std::string& path, std::size_t max_lines) {
  std::ifstream in(path);
  std::deque<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
    if (lines.size() > max_lines) lines.pop_front();
  }
  std::string out;
  for (const auto& l : lines) out += "  | " + l + "\n";
  return out;
}

}  // namespace minesim

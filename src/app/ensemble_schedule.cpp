#include "app/ensemble_schedule.h"

#include <fmt/format.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <regex>

#include "app/progress.h"
#include "core/errors.h"
#include "core/exit_codes.h"
#include "core/stop.h"
#include "io/checkpoint.h"

namespace minesim::ensemble_detail {

namespace fs = std::filesystem;

Schedule::Schedule(const Study& s, const ForkSchedule& f, std::vector<bool> done,
                   std::vector<std::string> resume_from, std::string work)
    : s_(s),
      f_(f),
      done_(std::move(done)),
      started_(done_),
      resume_from_(std::move(resume_from)),
      work_(std::move(work)),
      straight_(s.members.size()),
      trunk_gone_(s.members.size()) {
  for (std::size_t m = 0; m < s.members.size(); ++m) {
    const std::size_t t = f.trunk[m];
    if (t == ForkSchedule::kStraight || done_[m]) continue;
    ++waiting_on_[t];
    std::error_code ec;
    trunk_gone_[m] = done_[t] && !fs::exists(checkpoint_path(output_of(t), f.at[m]), ec);
  }
}

std::string Schedule::output_of(std::size_t m) const { return fmt::format("{}/m{}.h5", work_, m); }

std::optional<std::size_t> Schedule::next() const {
  // A member resuming its own checkpoint waits for no one, so it counts as straight.
  for (int pass = 0; pass < 2; ++pass)
    for (std::size_t m = 0; m < s_.members.size(); ++m) {
      const bool waits = forks(m) && resume_from_[m].empty();
      if (!started_[m] && (pass == 1) == waits && (!waits || trunk_ended(m))) return m;
    }
  return std::nullopt;
}

// `minesim run` (scenario, seed, sets) with the checkpoints this member's forks need.
void Schedule::args_for_run(std::size_t m, const EnsembleOptions& o,
                            std::vector<std::string>& args) const {
  for (const Month& at : f_.checkpoints[m])
    args.insert(args.end(), {"--checkpoint-at", at.iso().substr(0, 7)});
  if (o.allow_large) args.push_back("--allow-large");
}

MemberJob Schedule::job(std::size_t m, const EnsembleOptions& o, const std::string& exe) {
  started_[m] = true;
  MemberJob job{m, {exe}, output_of(m), fmt::format("{}/m{}.log", work_, m)};
  std::vector<std::string> args;
  if (!resume_from_[m].empty()) {
    // resume CHECKPOINT: the checkpoint has the member's scenario and seed; the checkpoints its
    // forks need after it are written on the way.
    job.argv.insert(job.argv.end(), {"resume", resume_from_[m]});
    const std::string from = resume_from_[m].substr(resume_from_[m].size() - 10, 7);
    for (const Month& at : f_.checkpoints[m])
      if (at.iso().substr(0, 7) > from)
        args.insert(args.end(), {"--checkpoint-at", at.iso().substr(0, 7)});
  } else if (forks(m) && !trunk_gone_[m]) {  // its trunk has ended: next() waits for it
    // fork CHECKPOINT ARM --seed S ...: the run's own arguments with the checkpoint first
    job.argv.insert(job.argv.end(), {"fork", checkpoint_path(output_of(f_.trunk[m]), f_.at[m])});
    args = member_run_args(s_, s_.members[m]);
  } else {
    job.argv.push_back("run");
    args = member_run_args(s_, s_.members[m]);
    args_for_run(m, o, args);
  }
  if (o.checkpoint_every > 0)
    args.insert(args.end(), {"--checkpoint-every", std::to_string(o.checkpoint_every)});
  job.argv.insert(job.argv.end(), args.begin(), args.end());
  job.argv.insert(job.argv.end(),
                  {"--threads", std::to_string(o.threads), "--quiet", "-o", job.output});
  return job;
}

void Schedule::run_straight(std::size_t m) {
  straight_[m] = true;
  started_[m] = false;
  member_ended(m);
}

void Schedule::ended(std::size_t m) {
  done_[m] = true;
  std::error_code ec;
  const std::vector<Month>& kept = f_.checkpoints[m];
  for (const std::string& c : checkpoints_of(output_of(m)))
    if (std::none_of(kept.begin(), kept.end(),
                     [&](const Month& at) { return checkpoint_path(output_of(m), at) == c; }))
      fs::remove(c, ec);
  if (forks(m)) member_ended(m);
}

// Once every fork of a trunk has ended, its checkpoints go.
void Schedule::member_ended(std::size_t m) {
  const std::size_t t = f_.trunk[m];
  if (--waiting_on_[t] > 0) return;
  std::error_code ec;
  for (const Month& at : f_.checkpoints[t]) fs::remove(checkpoint_path(output_of(t), at), ec);
}

std::vector<std::string> files_named_after(const std::string& file, const std::string& suffix) {
  const fs::path p(file);
  const std::string prefix = p.filename().string() + suffix;
  std::vector<std::string> found;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(p.parent_path().empty() ? "." : p.parent_path(), ec))
    if (e.path().filename().string().rfind(prefix, 0) == 0 && e.is_regular_file(ec))
      found.push_back(e.path().string());
  std::sort(found.begin(), found.end());
  return found;
}

std::vector<std::string> checkpoints_of(const std::string& output) {
  static const std::regex month(R"(\d{4}-\d{2}\.h5)");
  const std::size_t at = fs::path(output).filename().string().size() + 6;  // past ".ckpt-"
  std::vector<std::string> found = files_named_after(output, ".ckpt-");
  std::erase_if(found, [&](const std::string& path) {
    return !std::regex_match(fs::path(path).filename().string().substr(at), month);
  });
  return found;
}

namespace {

// A member that failed: the others are stopped, and the error names it and its command.
[[noreturn]] void member_failed(const Study& s, MemberPool& pool, const MemberEnd& end) {
  const Member& m = s.members[end.job.member];
  const std::string log = tail_of(end.job.log, 12);
  pool.signal_all(SIGTERM);
  while (pool.wait_one()) {
  }
  // Its own status where it names a cause (2 input, 73 cannot create, 74 I/O), else 70.
  const int st = end.status;
  const bool named =
      st == exit_code::kUsage || st == exit_code::kCannotCreate || st == exit_code::kIoError;
  throw Error(named ? st : exit_code::kInternal,
              fmt::format("member {} failed with exit status {}:\n{}  its command: {}", m.name,
                          end.status, log, member_command(s, m)));
}

}  // namespace

int run_schedule(const Study& s, Schedule& plan, const EnsembleOptions& o, int jobs, Counts& n,
                 const std::function<void(std::size_t, const std::string&)>& member_done) {
  const std::string exe = fs::read_symlink("/proc/self/exe").string();
  Progress progress(static_cast<int>(n.total), o.quiet, "member");
  MemberPool pool;
  bool checkpointed = false;
  for (;;) {
    while (!stop::requested() && pool.running() < static_cast<std::size_t>(jobs))
      if (const std::optional<std::size_t> m = plan.next())
        pool.start(plan.job(*m, o, exe));
      else
        break;
    const std::optional<MemberEnd> end = pool.wait_one();
    if (!end) break;
    const Member& m = s.members[end->job.member];
    if (end->status != 0) {
      // Stopped by the forwarded signal: not a failure (75: it left a checkpoint to resume).
      if (stop::requested()) {
        checkpointed |= end->status == exit_code::kCheckpointed;
        continue;
      }
      if (end->status == exit_code::kUsage && plan.is_fork(end->job)) {
        if (!o.quiet)
          std::cerr << fmt::format(
              "minesim: member {}: its fork was refused, running it from the "
              "start:\n{}",
              m.name, tail_of(end->job.log, 2));
        plan.run_straight(end->job.member);
        continue;
      }
      member_failed(s, pool, *end);
    }
    member_done(end->job.member, end->job.output);
    std::error_code ec;
    fs::remove(end->job.log, ec);
    plan.ended(end->job.member);
    progress.update(static_cast<int>(++n.done), m.name);
  }
  progress.finish();
  if (!stop::requested()) return 0;
  return checkpointed ? exit_code::kCheckpointed : 128 + stop::requested();
}

}  // namespace minesim::ensemble_detail

#include "app/ensemble.h"

#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>

#include "app/ensemble_forks.h"
#include "app/ensemble_study.h"
#include "app/member_pool.h"
#include "app/progress.h"
#include "app/signals.h"
#include "core/errors.h"
#include "core/stop.h"
#include "io/atomic_file.h"
#include "io/checkpoint.h"
#include "io/ensemble_file.h"

namespace minesim {

namespace {

namespace fs = std::filesystem;
using namespace ensemble_detail;

std::vector<EnsembleMember> file_members(const Study& s) {
  std::vector<EnsembleMember> out;
  for (const Member& m : s.members)
    out.push_back({m.name, s.plan.arms[static_cast<std::size_t>(m.arm)].name,
                   static_cast<std::int32_t>(m.seed), m.point, m.params, member_command(s, m)});
  return out;
}

// The temporaries an interrupted ensemble kept for `out` (OUT.partial-XXXXXX), newest first.
std::vector<std::string> kept_temporaries(const std::string& out) {
  const fs::path p(out);
  const std::string prefix = p.filename().string() + ".partial-";
  std::vector<std::pair<fs::file_time_type, std::string>> found;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(p.parent_path().empty() ? "." : p.parent_path(), ec))
    if (e.is_regular_file(ec) && e.path().filename().string().rfind(prefix, 0) == 0)
      found.emplace_back(e.last_write_time(ec), e.path().string());
  std::sort(found.rbegin(), found.rend());
  std::vector<std::string> paths;
  for (auto& f : found) paths.push_back(std::move(f.second));
  return paths;
}

// The output's temporary and its writer: a new one, or with --continue the newest kept
// temporary of the same plan with its completed members.
struct Target {
  std::optional<AtomicFile> file;
  std::optional<EnsembleWriter> writer;
};

EnsemblePlan file_plan(const Study& s, const EnsembleOptions& o) {
  EnsemblePlan p{s.plan.text, s.plan.file, s.plan.arms[s.baseline].name, o.command_line,
                 s.plan.variables};
  if (s.plan.sensitivity) p.morris = morris_layout(s);
  return p;
}

void open_target(Target& t, const Study& s, const EnsembleOptions& o, const std::string& out) {
  if (o.resume) {
    for (const std::string& temp : kept_temporaries(out)) {
      try {
        t.writer.emplace(EnsembleWriter::reopen(temp, file_plan(s, o), file_members(s)));
        t.file.emplace(out, temp);
        return;
      } catch (const Error&) {
        t.writer.reset();  // another plan's, or damaged: not this ensemble's
      }
    }
    std::cerr << fmt::format(
        "minesim: --continue: no kept temporary of this plan for {}; "
        "starting from the first member\n",
        out);
  }
  t.file.emplace(out);
}

struct Counts {
  std::size_t done = 0, total = 0;
};

// Which member starts next and how: straight (`minesim run`), as the trunk of others (with the
// checkpoints they fork from) or as a fork of its trunk's checkpoint once the trunk has ended.
class Schedule {
 public:
  Schedule(const Study& s, const ForkSchedule& f, std::vector<bool> done, std::string work)
      : s_(s), f_(f), done_(std::move(done)), started_(done_), work_(std::move(work)) {
    for (std::size_t m = 0; m < s.members.size(); ++m)
      if (f.trunk[m] != ForkSchedule::kStraight && !done_[m]) ++waiting_on_[f.trunk[m]];
  }
  const std::vector<bool>& done() const { return done_; }
  // The next member that can start, trunks and straight members first; std::nullopt when none
  // can yet (every fork left waits for a trunk still running) or all have started.
  std::optional<std::size_t> next() const {
    for (int pass = 0; pass < 2; ++pass)
      for (std::size_t m = 0; m < s_.members.size(); ++m)
        if (!started_[m] && (pass == 1) == forks(m) && (!forks(m) || trunk_ended(m))) return m;
    return std::nullopt;
  }
  MemberJob job(std::size_t m, const EnsembleOptions& o, const std::string& exe) {
    started_[m] = true;
    MemberJob job{m, {exe}, output_of(m), fmt::format("{}/m{}.log", work_, m)};
    std::vector<std::string> args = member_run_args(s_, s_.members[m]);
    if (forks(m) && !trunk_done_before_[m]) {  // its trunk has ended: next() waits for it
      // fork CHECKPOINT ARM --seed S ...: the run's own arguments with the checkpoint first
      job.argv.insert(job.argv.end(), {"fork", checkpoint_path(output_of(f_.trunk[m]), f_.at[m])});
    } else {
      job.argv.push_back("run");
      for (const Month& at : f_.checkpoints[m])
        args.insert(args.end(), {"--checkpoint-at", at.iso().substr(0, 7)});
      if (o.allow_large) args.push_back("--allow-large");
    }
    job.argv.insert(job.argv.end(), args.begin(), args.end());
    job.argv.insert(job.argv.end(),
                    {"--threads", std::to_string(o.threads), "--quiet", "-o", job.output});
    return job;
  }
  bool is_fork(const MemberJob& j) const { return j.argv.size() > 1 && j.argv[1] == "fork"; }
  // A fork that its trunk's saved state refuses (check_fork_state) runs again from the start.
  void run_straight(std::size_t m) {
    straight_[m] = true;
    started_[m] = false;
    member_ended(m);
  }
  void ended(std::size_t m) {
    done_[m] = true;
    if (forks(m)) member_ended(m);
  }

 private:
  bool forks(std::size_t m) const {
    return f_.trunk[m] != ForkSchedule::kStraight && !straight_[m];
  }
  bool trunk_ended(std::size_t m) const { return done_[f_.trunk[m]]; }
  std::string output_of(std::size_t m) const { return fmt::format("{}/m{}.h5", work_, m); }
  // Once every fork of a trunk has ended, its checkpoints go.
  void member_ended(std::size_t m) {
    const std::size_t t = f_.trunk[m];
    if (--waiting_on_[t] > 0) return;
    std::error_code ec;
    for (const Month& at : f_.checkpoints[t]) fs::remove(checkpoint_path(output_of(t), at), ec);
  }

  const Study& s_;
  const ForkSchedule& f_;
  std::vector<bool> done_, started_;
  std::string work_;
  std::vector<bool> straight_ = std::vector<bool>(s_.members.size());
  // A trunk completed by an earlier, interrupted run left no checkpoints: its forks run straight.
  std::vector<bool> trunk_done_before_ = trunk_done_before();
  std::map<std::size_t, int> waiting_on_;

  std::vector<bool> trunk_done_before() const {
    std::vector<bool> out(s_.members.size());
    for (std::size_t m = 0; m < out.size(); ++m)
      out[m] = f_.trunk[m] != ForkSchedule::kStraight && done_[f_.trunk[m]];
    return out;
  }
};

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

// Runs every member not yet completed, at most `jobs` at a time, adding each to the file as it
// ends. Returns 0, or the exit status of a stop (128 + signal); a failed member is an Error.
int run_members(const Study& s, const ForkSchedule& forks, Target& t, const EnsembleOptions& o,
                int jobs, const std::string& work, Counts& n) {
  Schedule plan(s, forks, t.writer ? t.writer->completed() : std::vector<bool>(s.members.size()),
                work);
  const std::string exe = fs::read_symlink("/proc/self/exe").string();
  Progress progress(static_cast<int>(s.members.size()), o.quiet, "member");
  MemberPool pool;
  n.total = s.members.size();
  for (bool b : plan.done()) n.done += b;
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
      if (stop::requested()) continue;  // stopped by the forwarded signal: not a failure
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
    if (!t.writer)
      t.writer.emplace(EnsembleWriter::create(t.file->open_name(), file_plan(s, o), file_members(s),
                                              end->job.member, end->job.output));
    else
      t.writer->add_member(end->job.member, end->job.output);
    fs::remove(end->job.output);
    fs::remove(end->job.log);
    plan.ended(end->job.member);
    progress.update(static_cast<int>(++n.done), m.name);
  }
  progress.finish();
  return stop::requested() ? 128 + stop::requested() : 0;
}

// A scratch folder beside OUT for the members' own files, removed whatever happens.
struct WorkDir {
  std::string path;
  explicit WorkDir(const std::string& out) {
    std::string tmpl = out + ".members-XXXXXX";
    if (!::mkdtemp(tmpl.data()))
      throw CannotCreateError(fmt::format("cannot create {}: {}", tmpl, std::strerror(errno)));
    path = tmpl;
  }
  ~WorkDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

void print_start(const Study& s, const ForkSchedule& f, const EnsembleOptions& o, int jobs) {
  std::cerr << fmt::format("minesim: ensemble {}: {} members ({} arms), {} jobs x {} threads\n",
                           o.plan, s.members.size(), s.plan.arms.size(), jobs, o.threads);
  if (f.forks() > 0)
    std::cerr << fmt::format(
        "minesim: {} of {} members fork from a history they share with another member "
        "(--no-fork runs each from its first month): {} of {} member-months, {:.0f} %, are not "
        "run again\n",
        f.forks(), s.members.size(), f.saved_steps, f.steps,
        100.0 * static_cast<double>(f.saved_steps) / static_cast<double>(f.steps));
}

}  // namespace

namespace {
constexpr const char* kEnsembleFooter = R"(Examples:
  minesim ensemble plans/baseline_training.toml -o out/training.h5
  minesim ensemble plans/baseline_training.toml -o out/training.h5 --jobs 4 --continue)";
}  // namespace

CLI::App* add_ensemble_subcommand(CLI::App& app, EnsembleOptions& o) {
  auto* ensemble = app.add_subcommand(
      "ensemble", "run every member of a plan (arms x points x seeds) into one HDF5 file");
  ensemble->add_option("plan", o.plan, "plan file (TOML; docs/ensembles.md)")->required();
  ensemble->add_option("-o,--output", o.output, "output file (default: output/PLAN_STEM.h5)")
      ->check(CLI::Validator(
          [](const std::string& v) { return v.empty() ? std::string("empty file name") : ""; },
          "FILE"));
  ensemble
      ->add_option("--jobs", o.jobs,
                   "members run at once (default: cores / threads, fewer if memory is short)")
      ->check(CLI::Range(1, 4096));
  ensemble->add_option("-j,--threads", o.threads, "worker threads per member (default 1)")
      ->check(CLI::Range(1, 4096));
  ensemble->add_flag("--continue", o.resume,
                     "reuse the completed members an interrupted run of this plan kept");
  ensemble->add_flag("--no-fork", o.no_fork,
                     "run every member from its first month, even where arms share a history "
                     "(the data are the same)");
  ensemble->add_flag("-q,--quiet", o.quiet, "no progress and no summary");
  ensemble->add_flag("--allow-large", o.allow_large,
                     "run members whose size estimate exceeds this machine's physical memory");
  ensemble->footer(kEnsembleFooter);

  return ensemble;
}

int ensemble_command(const EnsembleOptions& o) {
  const Study s = load_study(o.plan, o.allow_large);
  const std::string out =
      o.output.empty() ? "output/" + fs::path(o.plan).stem().string() + ".h5" : o.output;
  const int jobs = o.jobs > 0 ? o.jobs : default_jobs(s, o.threads);
  const ForkSchedule forks = plan_forks(s, !o.no_fork);
  install_signal_handlers();
  const auto t0 = std::chrono::steady_clock::now();
  Target t;
  open_target(t, s, o, out);
  Counts n;
  int status = 0;
  {
    const WorkDir work(out);
    if (!o.quiet) print_start(s, forks, o, jobs);
    try {
      status = run_members(s, forks, t, o, jobs, work.path, n);
    } catch (...) {  // a failed member: what completed is kept for --continue
      if (t.writer) t.writer->close();
      if (t.writer && n.done > 0) {
        t.file->keep();
        std::cerr << fmt::format("minesim: {} of {} members completed are kept in {}\n", n.done,
                                 n.total, t.file->temp_path());
      }
      throw;
    }
  }
  if (t.writer) t.writer->close();
  if (status != 0) {
    if (n.done == 0) return status;  // nothing to keep: the temporary goes
    t.file->keep();
    std::cerr << fmt::format(
        "minesim: interrupted by signal {}: {} of {} members completed, kept in {}; {} was not "
        "written (the same command with --continue reuses them)\n",
        status - 128, n.done, n.total, t.file->temp_path(), out);
    return status;
  }
  std::string morris;
  if (s.plan.sensitivity) morris = morris_analysis(s, t.file->open_name());
  t.file->commit();
  if (!o.quiet && !morris.empty()) std::cout << morris << '\n';
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!o.quiet)
    std::cout << fmt::format("minesim: {} members in {:.1f} s; output: {}\n", n.total, secs, out);
  return exit_code::kSuccess;
}

}  // namespace minesim

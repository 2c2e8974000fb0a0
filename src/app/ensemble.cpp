#include "app/ensemble.h"

#include <fmt/format.h>
#include <unistd.h>

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
#include <optional>

#include "app/ensemble_study.h"
#include "app/member_pool.h"
#include "app/progress.h"
#include "app/signals.h"
#include "core/errors.h"
#include "core/stop.h"
#include "io/atomic_file.h"
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

// Runs every member not yet completed, at most `jobs` at a time, adding each to the file as it
// ends. Returns 0, or the exit status of a stop (128 + signal); a failed member is an Error.
int run_members(const Study& s, Target& t, const EnsembleOptions& o, int jobs,
                const std::string& work, Counts& n) {
  std::vector<bool> done = t.writer ? t.writer->completed() : std::vector<bool>(s.members.size());
  const std::string exe = fs::read_symlink("/proc/self/exe").string();
  Progress progress(static_cast<int>(s.members.size()), o.quiet, "member");
  MemberPool pool;
  std::size_t next = 0;
  n.total = s.members.size();
  for (bool b : done) n.done += b;
  for (;;) {
    while (!stop::requested() && pool.running() < static_cast<std::size_t>(jobs) &&
           next < s.members.size()) {
      const std::size_t m = next++;
      if (done[m]) continue;
      MemberJob job{
          m, {exe, "run"}, fmt::format("{}/m{}.h5", work, m), fmt::format("{}/m{}.log", work, m)};
      for (auto& a : member_run_args(s, s.members[m])) job.argv.push_back(std::move(a));
      job.argv.insert(job.argv.end(),
                      {"--threads", std::to_string(o.threads), "--quiet", "-o", job.output});
      if (o.allow_large) job.argv.push_back("--allow-large");
      pool.start(std::move(job));
    }
    const std::optional<MemberEnd> end = pool.wait_one();
    if (!end) break;
    const Member& m = s.members[end->job.member];
    if (end->status != 0) {
      if (stop::requested()) continue;  // stopped by the forwarded signal: not a failure
      const std::string log = tail_of(end->job.log, 12);
      pool.signal_all(SIGTERM);
      while (pool.wait_one()) {
      }
      // Its own status where it names a cause (2 input, 73 cannot create, 74 I/O), else 70.
      const int st = end->status;
      const bool named =
          st == exit_code::kUsage || st == exit_code::kCannotCreate || st == exit_code::kIoError;
      throw Error(named ? st : exit_code::kInternal,
                  fmt::format("member {} failed with exit status {}:\n{}  its command: {}", m.name,
                              end->status, log, member_command(s, m)));
    }
    if (!t.writer)
      t.writer.emplace(EnsembleWriter::create(t.file->open_name(), file_plan(s, o), file_members(s),
                                              end->job.member, end->job.output));
    else
      t.writer->add_member(end->job.member, end->job.output);
    fs::remove(end->job.output);
    fs::remove(end->job.log);
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
  install_signal_handlers();
  const auto t0 = std::chrono::steady_clock::now();
  Target t;
  open_target(t, s, o, out);
  Counts n;
  int status = 0;
  {
    const WorkDir work(out);
    if (!o.quiet)
      std::cerr << fmt::format("minesim: ensemble {}: {} members ({} arms), {} jobs x {} threads\n",
                               o.plan, s.members.size(), s.plan.arms.size(), jobs, o.threads);
    try {
      status = run_members(s, t, o, jobs, work.path, n);
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

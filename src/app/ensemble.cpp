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

#include "app/commands.h"
#include "app/ensemble_forks.h"
#include "app/ensemble_members.h"
#include "app/ensemble_mpi.h"
#include "app/ensemble_parts.h"
#include "app/ensemble_schedule.h"
#include "app/ensemble_study.h"
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

// The temporaries an interrupted ensemble kept for `out` (OUT.partial-XXXXXX), newest first.
std::vector<std::string> kept_temporaries(const std::string& out) {
  std::vector<std::pair<fs::file_time_type, std::string>> found;
  std::error_code ec;
  for (std::string& path : files_named_after(out, ".partial-"))
    found.emplace_back(fs::last_write_time(path, ec), std::move(path));
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

// Runs every member not yet completed, adding each to the file as it ends. Returns 0, or the exit
// status of a stop (128 + signal); a failed member is an Error.
int run_members(const Study& s, const ForkSchedule& forks, Target& t, const EnsembleOptions& o,
                int jobs, const std::string& work, Counts& n) {
  const std::vector<bool> done =
      t.writer ? t.writer->completed() : std::vector<bool>(s.members.size());
  Schedule plan(s, forks, done, std::vector<std::string>(s.members.size()), work);
  n.total = s.members.size();
  for (bool b : done) n.done += b;
  return run_schedule(s, plan, o, jobs, n, [&](std::size_t m, const std::string& file) {
    add_member_file(t.writer, t.file->open_name(), s, o, m, file);
    fs::remove(file);
  });
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
  minesim ensemble plans/baseline_training.toml -o out/training.h5 --jobs 4 --continue
  minesim ensemble plans/baseline_training.toml --estimate
  mpirun -n 4 minesim ensemble plans/baseline_training.toml -o out/training.h5
  minesim ensemble plans/baseline_training.toml -o out/training.h5 --part 1/2   # and 2/2
  minesim ensemble --combine out/training.h5.members -o out/training.h5)";
}  // namespace

namespace {
// Parts, checkpoints, combining and the estimate (docs/ensembles.md, "Many machines").
void add_many_machines_options(CLI::App* e, EnsembleOptions& o) {
  e->add_option("--part", o.part,
                "run only part K of N of the members (K/N, e.g. 2/8: a batch array task), into "
                "OUT.members; combine them later with --combine");
  e->add_option("--combine", o.combine,
                "combine a members folder (OUT.members) whose parts have all finished into -o OUT")
      ->check(CLI::ExistingDirectory);
  e->add_option("--checkpoint-every", o.checkpoint_every,
                "members write a checkpoint every MONTHS recorded months; on SIGTERM they stop at "
                "a month's end (exit 75) and the same command continues them")
      ->check(CLI::Range(1, 100000));
  e->add_flag("--estimate", o.estimate,
              "print the plan's members, person-months, memory per member and core-hours, and "
              "run nothing");
  e->add_option("--format", o.format, "--estimate's format: text (default) or sh")
      ->check(CLI::IsMember({"text", "sh"}));
}
}  // namespace

CLI::App* add_ensemble_subcommand(CLI::App& app, EnsembleOptions& o) {
  auto* ensemble = app.add_subcommand(
      "ensemble", "run every member of a plan (arms x points x seeds) into one HDF5 file");
  ensemble->add_option("plan", o.plan, "plan file (TOML; docs/ensembles.md)");
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
  add_many_machines_options(ensemble, o);
  ensemble->footer(kEnsembleFooter);

  return ensemble;
}

namespace {

// One process, the members added to OUT's temporary as they end (`--continue` reopens it).
int single_process(const Study& s, const ForkSchedule& forks, const EnsembleOptions& o,
                   const std::string& out, int jobs) {
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

}  // namespace

namespace {

// What an interrupted run in parts leaves, and how to go on.
void print_kept(const std::string& dir, const std::string& out) {
  std::cerr << fmt::format(
      "minesim: interrupted: the finished members and the checkpoints of the others are kept in "
      "{}; {} was not written (the same command continues them)\n",
      dir, out);
}

// The members folder run as one part, then combined (`--checkpoint-every` in one process).
int one_part(const Study& s, const ForkSchedule& f, const EnsembleOptions& o,
             const std::string& out, int jobs) {
  const std::string dir = members_dir_of(out);
  const int status = run_part(s, f, o, jobs, std::vector<int>(s.members.size(), 0), {0, 1}, dir);
  if (status != 0) {
    print_kept(dir, out);
    return status;
  }
  return combine_members(dir, out, o);
}

// `--part K/N`: this part's members into OUT.members; combining is a later step.
int one_of_parts(const Study& s, const ForkSchedule& f, const EnsembleOptions& o,
                 const std::string& out, int jobs) {
  const auto [k, n] = parse_part(o.part);
  const std::string dir = members_dir_of(out);
  const int status = run_part(s, f, o, jobs, assign_parts(s, f, n), {k - 1, n}, dir);
  if (status == 0 && !o.quiet)
    std::cerr << fmt::format(
        "minesim: part {} of {} finished; once every part has: minesim ensemble --combine {} "
        "-o {}\n",
        k, n, shell_quote(dir), shell_quote(out));
  return status;
}

// Under an MPI launcher: rank r runs part r + 1 of N, rank 0 combines once every rank is done.
int mpi_ranks(const Study& s, const ForkSchedule& f, const EnsembleOptions& o,
              const std::string& out) {
  const MpiWorld mpi;
  const int jobs = o.jobs > 0 ? o.jobs : std::max(1, default_jobs(s, o.threads) / mpi.local_size());
  if (mpi.size() == 1)
    return o.checkpoint_every > 0 ? one_part(s, f, o, out, jobs)
                                  : single_process(s, f, o, out, jobs);
  const std::string dir = members_dir_of(out);
  // A failure ends every rank: the others would otherwise wait for this one at the end.
  const auto or_abort = [&](const auto& work) -> int {
    try {
      return work();
    } catch (const Error& e) {
      std::cerr << fmt::format("minesim: error: rank {} of {}: {}\n", mpi.rank(), mpi.size(),
                               e.what());
      mpi.abort(e.exit_status());
    }
  };
  if (mpi.rank() == 0 && !o.quiet)
    std::cerr << fmt::format(
        "minesim: ensemble {}: {} members over {} MPI ranks, {} jobs x {} "
        "threads each\n",
        o.plan, s.members.size(), mpi.size(), jobs, o.threads);
  const std::vector<int> parts = assign_parts(s, f, mpi.size());
  int status = or_abort([&] {
    return run_part(s, f, o, jobs, parts, {mpi.rank(), mpi.size()}, dir);
  });
  status = mpi.max_all(status);
  if (status != 0) {
    if (mpi.rank() == 0) print_kept(dir, out);
    return status;
  }
  if (mpi.rank() == 0) status = or_abort([&] { return combine_members(dir, out, o); });
  return mpi.max_all(status);
}

}  // namespace

int ensemble_command(const EnsembleOptions& o) {
  if (!o.combine.empty()) {
    if (!o.plan.empty() || o.output.empty())
      throw UsageError("--combine DIR takes no plan and needs -o OUT (the ensemble file to write)");
    install_signal_handlers();
    return combine_members(o.combine, o.output, o);
  }
  if (o.plan.empty()) throw UsageError("ensemble: a PLAN file is required (or --combine DIR)");
  const Study s = load_study(o.plan, o.allow_large);
  const ForkSchedule forks = plan_forks(s, !o.no_fork);
  if (o.estimate) {
    std::cout << estimate_text(s, forks, o.format);
    return exit_code::kSuccess;
  }
  const std::string out =
      o.output.empty() ? "output/" + fs::path(o.plan).stem().string() + ".h5" : o.output;
  install_signal_handlers();
  if (launched_by_mpi()) {
    // A part under a launcher of one task (srun with PMIx as a cluster's default) is a part;
    // under several ranks each would run the same part.
    if (o.part.empty()) return mpi_ranks(s, forks, o, out);
    if (mpi_world_size_from_env() > 1)
      throw UsageError("--part K/N is for runs without mpirun (each rank is a part)");
  }
  const int jobs = o.jobs > 0 ? o.jobs : default_jobs(s, o.threads);
  if (!o.part.empty()) return one_of_parts(s, forks, o, out, jobs);
  if (o.checkpoint_every > 0) return one_part(s, forks, o, out, jobs);
  return single_process(s, forks, o, out, jobs);
}

}  // namespace minesim

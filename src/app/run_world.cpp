#include "app/run_world.h"

#include <fmt/format.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/info.h>

#include <chrono>
#include <csignal>
#include <iostream>
#include <optional>

#include "app/progress.h"
#include "app/signals.h"
#include "app/summary.h"
#include "core/errors.h"
#include "core/stop.h"
#include "io/output.h"
#include "model/profile.h"
#include "model/simulate.h"
#include "scenario/size.h"

namespace minesim {

namespace {

struct RunState {
  int done = 0;  // recorded months
  bool completed = false;
};

// The months: each recorded month goes to the file, the summary, the checkpoints and the progress
// line. A stop request ends the run between months or between the phases of a month (the month in
// progress is then not recorded; with checkpoints, SIGTERM lets the month finish).
RunState simulate_into(World& w, OutputFile& file, Summary& summary, Checkpointer& ck,
                       const Scenario& s, bool quiet, int done, PhaseProfile* profile) {
  Progress progress(s.simulation.months, quiet);
  RunState st{done, false};
  try {
    SimulationHooks hooks;
    hooks.on_month = [&](const World& world, const Indicators& ind) {
      file.record(world, ind);
      summary.observe(world, ind);
      ck.after_month(world, ind);
      progress.update(++st.done, world.month().iso().substr(0, 7));
    };
    hooks.should_stop = [] { return stop::requested() != 0; };
    hooks.profile = profile;
    // The time left from recorded months only: the spin-up before them is not a month to come.
    hooks.on_recording_start = [&] { progress.start_steps(); };
    if (w.recording()) progress.start_steps();
    st.completed = simulate(w, hooks);
  } catch (const stop::Interrupted&) {
    st.completed = false;
  } catch (...) {
    progress.finish();
    throw;
  }
  progress.finish();
  return st;
}

int report_interrupted(OutputFile& file, const std::string& out, const RunState& st,
                       const Scenario& s) {
  const int sig = stop::requested();
  remove_on_second_signal("");
  const std::string head =
      fmt::format("minesim: interrupted by signal {} after {} of {} months; {} was not written",
                  sig, st.done, s.simulation.months, out);
  if (file.abandon())
    std::cerr << fmt::format("{} (the months recorded so far are in {})\n", head,
                             file.partial_path());
  else
    std::cerr << head << " (the months recorded so far could not be closed whole; removed)\n";
  return 128 + sig;
}

// SIGTERM with checkpoints: the month is finished, so the state after it is saved, the temporary
// output kept, and the run ends with 75 (continue with `minesim resume`).
int report_checkpointed(OutputFile& file, Checkpointer& ck, const World& w, const RunState& st,
                        const Scenario& s) {
  remove_on_second_signal("");
  const std::string path = ck.write_now(w, w.step);
  file.abandon();
  std::cerr << fmt::format(
      "minesim: stopped by signal {} after {} of {} months; checkpoint {} written (continue "
      "with: minesim resume {})\n",
      stop::requested(), st.done, s.simulation.months, path, path);
  return exit_code::kCheckpointed;
}

// An I/O error (a full disk) names the output that was not written; an old FILE stays as it was.
[[noreturn]] void rethrow_not_written(const IoError& e, const std::string& out) {
  throw IoError(fmt::format("{}; {} was not written", e.what(), out));
}

// 410102 -> "410,102".
std::string grouped(std::int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (n < 0 ? "-" : "") + out;
}

// "1 mine", "2 mines".
std::string counted(std::size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// What is about to be built (a large world takes seconds to minutes, before the first month).
std::string building_line(const Scenario& s) {
  return fmt::format(
      "minesim: building the world: {} simulated persons in {}, {}, {}; {} months after a "
      "{}-month spin-up\n",
      grouped(initial_persons(s)), counted(s.communities.size(), "community", "communities"),
      counted(s.mines.size(), "mine", "mines"),
      counted(s.asm_sites.size(), "ASM site", "ASM sites"), s.simulation.months,
      s.simulation.spinup_months);
}

// The World and, for a continued run, the months before it: written to the output, the summary
// and the checkpoints' record as they were in the run that saved them.
World start_world(const Scenario& s, const RunSetup& o, OutputFile& file, Summary& summary,
                  Checkpointer& ck, int& done) {
  RecordedMonths prior;
  World w = o.build ? o.build(s, prior) : make_world(s);
  for (int m = 0; m < prior.months; ++m) {
    const Indicators ind = prior.month(m);
    file.record(s.simulation.start.plus(m), ind);
    summary.observe(s.simulation.start.plus(m), ind);
    ck.keep(ind);
  }
  done = prior.months;
  return w;
}

}  // namespace

int run_world(const Scenario& s, const RunSetup& o) {
  const std::string& out = o.output;
  const int threads = o.threads > 0 ? o.threads : tbb::info::default_concurrency();
  tbb::global_control gc(tbb::global_control::max_allowed_parallelism,
                         static_cast<std::size_t>(threads));
  install_signal_handlers();
  const auto t0 = std::chrono::steady_clock::now();
  CheckpointMeta base;
  base.scenario_text = s.resolved_toml;
  base.scenario_file = o.scenario_path;
  base.output = out;
  base.history = o.command_line;
  base.seed = s.simulation.seed;
  Checkpointer ck(o.checkpoints, s, base);
  ck.quiet = o.quiet;
  // The output first: a path that cannot be written fails before the world is built.
  std::optional<OutputFile> opened;
  try {
    opened.emplace(out, s, Provenance{o.scenario_path, o.command_line, threads});
  } catch (const IoError& e) {
    rethrow_not_written(e, out);
  }
  OutputFile& file = *opened;
  remove_on_second_signal(file.partial_path());
  try {
    if (!o.quiet && !o.build) std::cerr << building_line(s);
    Summary summary(s);
    int done = 0;
    World w = start_world(s, o, file, summary, ck, done);
    // With checkpoints, SIGTERM (a batch scheduler's time limit) lets the month finish.
    if (ck.active()) stop::g_finish_month_on.store(SIGTERM);
    std::optional<PhaseProfile> profile;
    if (o.profile) profile.emplace();
    const RunState st =
        simulate_into(w, file, summary, ck, s, o.quiet, done, profile ? &*profile : nullptr);
    if (!st.completed && ck.active() && stop::requested() == SIGTERM && w.step > 0)
      return report_checkpointed(file, ck, w, st, s);
    if (!st.completed) return report_interrupted(file, out, st, s);
    remove_on_second_signal("");
    file.commit();
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!o.quiet) summary.print(std::cout, out, w, threads, secs);
    if (profile)
      std::cerr << fmt::format("minesim: where a month's time went (--profile, {}):\n{}",
                               counted(static_cast<std::size_t>(threads), "thread", "threads"),
                               profile_table(*profile));
    return exit_code::kSuccess;
  } catch (const stop::Interrupted& e) {  // while the world was being built
    file.discard();
    std::cerr << fmt::format(
        "minesim: interrupted by signal {} while building the world; {} was "
        "not written\n",
        e.signal, out);
    return e.exit_status();
  } catch (const IoError& e) {  // a full disk: the temporary goes, an old FILE stays as it was
    file.discard();
    rethrow_not_written(e, out);
  }
}

}  // namespace minesim

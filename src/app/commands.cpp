#include "app/commands.h"

#include <fmt/format.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/info.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>

#include "app/progress.h"
#include "app/signals.h"
#include "app/summary.h"
#include "core/errors.h"
#include "core/stop.h"
#include "io/info.h"
#include "io/output.h"
#include "io/output_reader.h"
#include "model/load.h"
#include "model/simulate.h"
#include "scenario/diagnostics.h"
#include "scenario/load.h"
#include "scenario/size.h"

#ifndef MINESIM_SOURCE_DIR
#define MINESIM_SOURCE_DIR "."
#endif

namespace minesim {

namespace {

std::string exe_dir() {
  std::error_code ec;
  auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string(".") : p.parent_path().string();
}

}  // namespace

// One argument as a POSIX shell reads it back: as it is when it holds only characters no shell
// treats specially, otherwise in single quotes (a ' inside as '\'').
std::string shell_quote(const std::string& a) {
  static constexpr std::string_view kPlain =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_@%+=:,./-";
  if (!a.empty() && a.find_first_not_of(kPlain) == std::string::npos) return a;
  std::string q = "'";
  for (char c : a) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

std::string default_scenario_path() {
  namespace fs = std::filesystem;
  for (const fs::path& p :
       {fs::path("scenarios/baseline.toml"), fs::path(exe_dir()) / "../../scenarios/baseline.toml",
        fs::path(MINESIM_SOURCE_DIR) / "scenarios/baseline.toml"})
    if (fs::exists(p)) return p.lexically_normal().string();
  return "scenarios/baseline.toml";
}

namespace {

struct RunState {
  int done = 0;  // recorded months
  bool completed = false;
};

// The months: each recorded month goes to the file, the summary and the progress line. A stop
// request ends the run between months or between the phases of a month (the month in progress
// is then not recorded).
RunState simulate_into(World& w, OutputFile& file, Summary& summary, const Scenario& s,
                       bool quiet) {
  Progress progress(s.simulation.months, quiet);
  RunState st;
  try {
    SimulationHooks hooks;
    hooks.on_month = [&](const World& world, const Indicators& ind) {
      file.record(world, ind);
      summary.observe(world, ind);
      progress.update(++st.done, world.month().iso().substr(0, 7));
    };
    hooks.should_stop = [] { return stop::requested() != 0; };
    // The time left from recorded months only: the spin-up before them is not a month to come.
    hooks.on_recording_start = [&] { progress.start_steps(); };
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

int run_loaded(const Scenario& s, const std::string& path, const RunOptions& o) {
  const std::string out =
      o.output.empty() ? "output/" + std::filesystem::path(path).stem().string() + ".h5" : o.output;
  const int threads = o.threads > 0 ? o.threads : tbb::info::default_concurrency();
  tbb::global_control gc(tbb::global_control::max_allowed_parallelism,
                         static_cast<std::size_t>(threads));
  install_signal_handlers();
  const auto t0 = std::chrono::steady_clock::now();
  // The output first: a path that cannot be written fails before the world is built.
  std::optional<OutputFile> opened;
  try {
    opened.emplace(out, s, Provenance{path, o.command_line, threads});
  } catch (const IoError& e) {
    rethrow_not_written(e, out);
  }
  OutputFile& file = *opened;
  remove_on_second_signal(file.partial_path());
  try {
    if (!o.quiet) std::cerr << building_line(s);
    World w = make_world(s);
    Summary summary(s);
    const RunState st = simulate_into(w, file, summary, s, o.quiet);
    if (!st.completed) return report_interrupted(file, out, st, s);
    remove_on_second_signal("");
    file.commit();
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!o.quiet) summary.print(std::cout, out, w, threads, secs);
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

}  // namespace

namespace {

// The size estimate's refusal (scenario/size.h) as a message, "" when the run may start.
std::string size_refusal(const Scenario& s, const std::string& path, bool allow_large) {
  const SizeEstimate e = estimate_size(s);
  const std::string why = too_large(e, physical_memory_bytes());
  if (why.empty() || allow_large) return "";
  return fmt::format("{}: error: estimated size: {}: {} (--allow-large runs it anyway)\n", path,
                     e.text(), why);
}

// The scenario's warnings (scenario/load.h) on stderr, `FILE: warning: ...`; how many.
std::size_t print_warnings(const Scenario& s, const std::string& path) {
  const std::vector<std::string> w = scenario_warnings(s);
  for (const auto& line : w) std::cerr << fmt::format("{}: warning: {}\n", path, line);
  return w.size();
}

}  // namespace

namespace {

// The resolved scenario a run's output records (`run --from`), and the scenario file it named
// (relative paths in it, e.g. prices.*.path, resolve as in that run). Anything but a run's output
// is a usage error (exit 2).
struct Recorded {
  std::string text, scenario_file;
};
Recorded recorded_scenario(const std::string& from) {
  const auto refuse = [&](const std::string& why) {
    return UsageError(
        fmt::format("--from {}: {}; --from takes the output file of `minesim run`", from, why));
  };
  std::optional<OutputReader> r;
  try {
    r.emplace(from);
  } catch (const IoError& e) {
    throw refuse(e.what());
  }
  if (r->ensemble()) throw refuse("an ensemble file (each member records its own scenario)");
  Recorded out{r->attribute("scenario"), r->attribute("scenario_file")};
  if (out.text.empty()) throw refuse("no resolved scenario recorded (no 'scenario' attribute)");
  if (out.scenario_file.empty()) out.scenario_file = from;
  return out;
}

// Where `run --from FILE` writes when -o is not given: next to the usual outputs, never FILE.
std::string rerun_output(const RunOptions& o) {
  namespace fs = std::filesystem;
  const std::string out =
      o.output.empty() ? "output/" + fs::path(o.from).stem().string() + "_rerun.h5" : o.output;
  std::error_code ec;
  if (fs::equivalent(out, o.from, ec))
    throw UsageError(
        fmt::format("--from {}: the output would overwrite it; give another -o", o.from));
  return out;
}

}  // namespace

int run_command(const RunOptions& opts) {
  RunOptions o = opts;
  std::optional<Recorded> recorded;
  if (!o.from.empty()) {
    recorded = recorded_scenario(o.from);
    o.output = rerun_output(o);
  }
  const std::string path = recorded             ? recorded->scenario_file
                           : o.scenario.empty() ? default_scenario_path()
                                                : o.scenario;
  std::vector<std::string> sets = o.sets;
  if (o.seed) sets.push_back(fmt::format("simulation.seed={}", *o.seed));
  if (o.months) sets.push_back(fmt::format("simulation.months={}", *o.months));
  try {
    // The recorded scenario holds every key, the seed included: it is the run, not its file.
    const Scenario s = recorded ? load_scenario_string(recorded->text, path, sets)
                                : load_scenario_file(path, sets);
    if (const std::string why = size_refusal(s, path, o.allow_large); !why.empty()) {
      std::cerr << why << fmt::format("minesim: {} is too large; nothing was run\n", path);
      return exit_code::kUsage;
    }
    print_warnings(s, path);
    return run_loaded(s, path, o);
  } catch (const ScenarioError& e) {
    std::cerr << e.what();
    std::cerr << fmt::format("minesim: {} error(s) in {}; nothing was run\n",
                             e.diagnostics().size(), path);
    return e.exit_status();
  }
}

int validate_command(const std::vector<std::string>& scenarios,
                     const std::vector<std::string>& sets, bool allow_large, bool strict) {
  int status = exit_code::kSuccess;
  for (const auto& path : scenarios) {
    try {
      const Scenario s = load_scenario_file(path, sets);
      if (const std::string why = size_refusal(s, path, allow_large); !why.empty()) {
        std::cerr << why << fmt::format("{}: too large for this machine\n", path);
        status = exit_code::kUsage;
        continue;
      }
      if (const std::size_t n = print_warnings(s, path); n > 0 && strict) {
        std::cerr << fmt::format("{}: {} warning(s), errors with --strict\n", path, n);
        status = exit_code::kUsage;
        continue;
      }
      std::int64_t persons = 0;
      for (const auto& c : s.communities) persons += c.population;
      std::cout << fmt::format(
          "{}: ok ({} communities, {} mines, {} persons, {} months from {}; estimated {})\n", path,
          s.communities.size(), s.mines.size(), persons, s.simulation.months,
          s.simulation.start.iso(), estimate_size(s).text());
    } catch (const ScenarioError& e) {
      std::cerr << e.what();
      std::cerr << fmt::format("{}: {} error(s)\n", path, e.diagnostics().size());
      status = exit_code::kUsage;
    }
  }
  return status;
}

int info_command(const std::string& file, bool with_scenario) {
  print_info(file, std::cout, with_scenario);
  return exit_code::kSuccess;
}

int report_errors(const std::function<int()>& command) {
  try {
    return command();
  } catch (const Error& e) {
    std::cerr << "minesim: error: " << e.what() << "\n";
    return e.exit_status();
  } catch (const std::exception& e) {
    std::cerr << "minesim: internal error: " << e.what() << "\n";
    return exit_code::kInternal;
  }
}

}  // namespace minesim

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

#include "app/resume.h"
#include "app/run_world.h"
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
    RunSetup setup;
    setup.scenario_path = path;
    setup.output = o.output.empty()
                       ? "output/" + std::filesystem::path(path).stem().string() + ".h5"
                       : o.output;
    setup.command_line = o.command_line;
    setup.threads = o.threads;
    setup.quiet = o.quiet;
    setup.profile = o.profile;
    setup.checkpoints = o.checkpoints;
    return run_world(s, setup);
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
  if (!with_scenario && is_checkpoint(file)) {
    print_checkpoint_info(file, std::cout);
    return exit_code::kSuccess;
  }
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

#include "app/commands.h"

#include <fmt/format.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/info.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <iostream>

#include "app/progress.h"
#include "app/summary.h"
#include "core/errors.h"
#include "io/info.h"
#include "io/output.h"
#include "scenario/diagnostics.h"
#include "model/load.h"
#include "model/simulate.h"

#ifndef MINESIM_SOURCE_DIR
#define MINESIM_SOURCE_DIR "."
#endif

namespace minesim {

namespace {

std::atomic<int> g_signal{0};
extern "C" void on_signal(int sig) { g_signal.store(sig); }

std::string exe_dir() {
  std::error_code ec;
  auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string(".") : p.parent_path().string();
}

}  // namespace

std::string default_scenario_path() {
  namespace fs = std::filesystem;
  for (const fs::path& p :
       {fs::path("scenarios/baseline.toml"), fs::path(exe_dir()) / "../../scenarios/baseline.toml",
        fs::path(MINESIM_SOURCE_DIR) / "scenarios/baseline.toml"})
    if (fs::exists(p)) return p.lexically_normal().string();
  return "scenarios/baseline.toml";
}

int run_command(const RunOptions& o) {
  const std::string path = o.scenario.empty() ? default_scenario_path() : o.scenario;
  std::vector<std::string> sets = o.sets;
  if (o.seed) sets.push_back(fmt::format("simulation.seed={}", *o.seed));
  if (o.months) sets.push_back(fmt::format("simulation.months={}", *o.months));
  try {
    const Scenario s = load_scenario_file(path, sets);
    const std::string out = o.output.empty()
                                ? "output/" + std::filesystem::path(path).stem().string() + ".h5"
                                : o.output;
    const int threads = o.threads > 0 ? o.threads : tbb::info::default_concurrency();
    tbb::global_control gc(tbb::global_control::max_allowed_parallelism,
                           static_cast<std::size_t>(threads));

    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);

    const auto t0 = std::chrono::steady_clock::now();
    World w = make_world(s);
    OutputFile file(out, s, Provenance{path, o.command_line, threads});
    Progress progress(s.simulation.months, o.quiet);
    Summary summary(s);
    int done = 0;
    bool completed = false;
    try {
      completed = simulate(w, SimulationHooks{[&](const World& world, const Indicators& ind) {
                                                file.record(world, ind);
                                                summary.observe(world, ind);
                                                progress.update(++done, world.month().iso());
                                              },
                                              [] { return g_signal.load() != 0; }});
    } catch (...) {
      progress.finish();
      file.discard();
      throw;
    }
    progress.finish();
    if (!completed) {
      const int sig = g_signal.load();
      file.abandon();
      std::cerr << fmt::format(
          "minesim: interrupted by signal {} after {} of {} months; {} was not written (the "
          "months recorded so far are in {})\n",
          sig, done, s.simulation.months, out, file.partial_path());
      return 128 + sig;
    }
    file.commit();
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!o.quiet) summary.print(std::cout, out, w, threads, secs);
    return exit_code::kSuccess;
  } catch (const ScenarioError& e) {
    std::cerr << e.what();
    std::cerr << fmt::format("minesim: {} error(s) in {}; nothing was run\n",
                             e.diagnostics().size(), path);
    return e.exit_status();
  }
}

int validate_command(const std::vector<std::string>& scenarios,
                     const std::vector<std::string>& sets) {
  int status = exit_code::kSuccess;
  for (const auto& path : scenarios) {
    try {
      const Scenario s = load_scenario_file(path, sets);
      std::int64_t persons = 0;
      for (const auto& c : s.communities) persons += c.population;
      std::cout << fmt::format("{}: ok ({} communities, {} mines, {} persons, {} months from {})\n",
                               path, s.communities.size(), s.mines.size(), persons,
                               s.simulation.months, s.simulation.start.iso());
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

#include "app/resume.h"

#include <fmt/format.h>

#include <filesystem>

#include "app/fork_check.h"
#include "app/run_world.h"
#include "core/errors.h"
#include "io/h5.h"
#include "model/load.h"

namespace minesim {

namespace {

// The checkpoint's scenario, loaded from its resolved text (as `run --from` loads an output's):
// the seed is in it, and relative paths resolve from the scenario file the run named.
Scenario checkpoint_scenario(const CheckpointMeta& m, const std::string& path) {
  Scenario s =
      load_scenario_string(m.scenario_text, m.scenario_file.empty() ? path : m.scenario_file);
  if (s.simulation.seed != m.seed)
    throw IoError(
        fmt::format("{}: the seed attribute ({}) differs from the scenario's ({}); "
                    "not a usable checkpoint",
                    path, m.seed, s.simulation.seed));
  return s;
}

RunSetup setup_of(const ResumeOptions& o, const std::string& scenario_path,
                  const std::string& output, const std::string& history) {
  RunSetup r;
  r.scenario_path = scenario_path;
  r.output = output;
  r.command_line = history;
  r.threads = o.threads;
  r.quiet = o.quiet;
  r.checkpoints = o.checkpoints;
  return r;
}

// The output must not be the checkpoint itself.
void check_not_checkpoint(const std::string& out, const std::string& checkpoint) {
  std::error_code ec;
  if (std::filesystem::equivalent(out, checkpoint, ec))
    throw UsageError(
        fmt::format("{}: the output would overwrite the checkpoint; give another -o", out));
}

}  // namespace

int resume_command(const ResumeOptions& o) {
  const CheckpointMeta m = read_checkpoint_meta(o.checkpoint);
  const Scenario s = checkpoint_scenario(m, o.checkpoint);
  const std::string out = o.output.empty() ? m.output : o.output;
  check_not_checkpoint(out, o.checkpoint);
  // The history says how the file came about: the run that began it, then this command.
  RunSetup setup =
      setup_of(o, m.scenario_file, out,
               fmt::format("{}; resumed from {}: {}", m.history, o.checkpoint, o.command_line));
  setup.build = [&](const Scenario& sc, RecordedMonths& rec) {
    World w = make_world(sc);
    read_checkpoint_state(o.checkpoint, w, rec);
    return w;
  };
  return run_world(s, setup);
}

int fork_command(const ResumeOptions& o) {
  const CheckpointMeta m = read_checkpoint_meta(o.checkpoint);
  const Scenario base = checkpoint_scenario(m, o.checkpoint);
  std::vector<std::string> sets = o.sets;  // in the order `run` applies them
  if (o.seed) sets.push_back(fmt::format("simulation.seed={}", *o.seed));
  if (o.months) sets.push_back(fmt::format("simulation.months={}", *o.months));
  const Scenario arm = load_scenario_file(o.arm, sets);
  const ForkPoint at{o.arm, m.last_month, m.step, m.recorded_months};
  check_fork(base, arm, at);
  const std::string out = o.output.empty()
                              ? "output/" + std::filesystem::path(o.arm).stem().string() + ".h5"
                              : o.output;
  check_not_checkpoint(out, o.checkpoint);
  RunSetup setup =
      setup_of(o, o.arm, out,
               fmt::format("{}; forked from {}: {}", m.history, o.checkpoint, o.command_line));
  setup.build = [&](const Scenario& sc, RecordedMonths& rec) {
    World w = make_world(sc);
    read_checkpoint_state(o.checkpoint, w, rec);
    check_fork_state(base, sc, w, at);
    return w;
  };
  return run_world(arm, setup);
}

bool is_checkpoint(const std::string& path) {
  try {
    const h5::Handle f = h5::open_readonly(path);
    return H5Aexists(f, "format") > 0 &&
           h5::read_attr_text(f, "format", H5T_STRING) == "minesim checkpoint";
  } catch (const Error&) {
    return false;
  }
}

void print_checkpoint_info(const std::string& path, std::ostream& out) {
  const CheckpointMeta m = read_checkpoint_meta(path);
  out << fmt::format("{}: minesim checkpoint (format {})\n", path, m.version);
  out << fmt::format("  written by      minesim {}\n", m.minesim);
  out << fmt::format("  scenario        {} (hash {})\n", m.scenario_file, m.scenario_hash);
  out << fmt::format("  seed            {}\n", m.seed);
  out << fmt::format("  last month      {} ({} recorded months; continues at step {})\n",
                     m.last_month.iso().substr(0, 7), m.recorded_months, m.step);
  out << fmt::format("  persons         {} (simulated, alive or not)\n", m.persons);
  out << fmt::format("  output          {}\n", m.output);
  out << fmt::format("  history         {}\n", m.history);
}

}  // namespace minesim

#pragma once
// Shared helpers for the tests: tiny scenarios and running the minesim executable.
#include <string>
#include <vector>

#include "scenario/scenario.h"
#include "world/world.h"

namespace minesim::test {

// A small valid scenario: two communities, one gold mine adopting autonomous haulage from
// `adopt_start` (empty: no adoption).
std::string tiny_scenario(int population = 2000, int months = 24,
                          const std::string& adopt_start = "2026-01-01");

// A world with one intervention `body` (its TOML lines under [interventions.x], type included) in
// force from `start`, in a tiny scenario without adoption: the scenario and the world made from it.
struct InterventionWorld {
  Scenario s;
  World w;
  explicit InterventionWorld(const std::string& body, const std::string& start = "2020-01-01");
};

// The errors loading `text` (named t.toml) with `sets` reports; "" when it loads. A failure must
// be exit status 2.
std::string scenario_errors(const std::string& text, const std::vector<std::string>& sets = {});

struct CliResult {
  int status = -1;  // exit status, or 128 + signal when killed
  std::string out, err;
};

// Runs the minesim binary with `args` in `cwd`; waits for it.
CliResult run_cli(const std::vector<std::string>& args, const std::string& cwd = ".");

// Starts the minesim binary with `args` in `cwd`, stderr to `err_path`, stdout to /dev/null;
// returns its pid (0 when it could not start). wait_cli waits: the exit status, or 256 + the
// signal that killed it (told apart from a handled signal's exit status 128 + signal).
int spawn_cli(const std::vector<std::string>& args, const std::string& cwd,
              const std::string& err_path);
int wait_cli(int pid);

// A fresh empty directory under the build tree, named after the test.
std::string fresh_dir(const std::string& name);
std::string write_file(const std::string& path, const std::string& text);
std::string read_file(const std::string& path);
std::string source_path(const std::string& rel);  // path inside the source tree

}  // namespace minesim::test

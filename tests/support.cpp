#include "support.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "model/load.h"
#include "scenario/diagnostics.h"

extern char** environ;

namespace minesim::test {

InterventionWorld::InterventionWorld(const std::string& body, const std::string& start)
    : s(load_scenario_string(
          tiny_scenario(2000, 12, "") + "\n[interventions.x]\nstart = " + start + "\n" + body,
          "t.toml")),
      w(make_world(s)) {}

std::string scenario_errors(const std::string& text, const std::vector<std::string>& sets) {
  try {
    load_scenario_string(text, "t.toml", sets);
  } catch (const ScenarioError& e) {
    EXPECT_EQ(e.exit_status(), 2);
    return e.what();
  }
  return "";
}

std::string tiny_scenario(int population, int months, const std::string& adopt_start) {
  std::string s = fmt::format(R"([simulation]
start = 2025-01-01
months = {}
spinup_months = 6
seed = 11

[communities.host]
lat = 12.0
lon = -1.5
population = {}
suppliers = {{ catering_camp = 3, transport_logistics = 2, maintenance = 1 }}
supplier_capability = {{ catering_camp = 0.6, transport_logistics = 0.6, maintenance = 0.7 }}

[communities.village]
lat = 12.1
lon = -1.4
population = {}

[mines.alpha]
community = "host"
ore_tonnes_per_month = 100000
grade = 1.2
workforce = {}
incidents_per_million_hours = 3.0
)",
                              months, population, population / 2, population / 25);
  if (!adopt_start.empty())
    s += fmt::format(R"(
[[mines.alpha.adopt]]
technology = "autonomous_haulage"
start = {}
ramp_months = 6
)",
                     adopt_start);
  return s;
}

CliResult run_cli(const std::vector<std::string>& args, const std::string& cwd) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / fmt::format("minesim_cli_{}", getpid());
  fs::create_directories(dir);
  const std::string out_path = (dir / "out.txt").string(), err_path = (dir / "err.txt").string();
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&fa, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<std::string> full{MINESIM_BIN};
  full.insert(full.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : full) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_addchdir_np(&fa, cwd.c_str());
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, MINESIM_BIN, &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  CliResult r;
  if (rc != 0) return r;
  int status = 0;
  waitpid(pid, &status, 0);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(out_path);
  r.err = read_file(err_path);
  return r;
}

int spawn_cli(const std::vector<std::string>& args, const std::string& cwd,
              const std::string& err_path) {
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addchdir_np(&fa, cwd.c_str());
  std::vector<std::string> full{MINESIM_BIN};
  full.insert(full.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : full) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, MINESIM_BIN, &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  return rc == 0 ? pid : 0;
}

int wait_cli(int pid) {
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 256 + WTERMSIG(status);
}

std::string fresh_dir(const std::string& name) {
  namespace fs = std::filesystem;
  const fs::path p = fs::current_path() / "test_tmp" / name;
  fs::remove_all(p);
  fs::create_directories(p);
  return p.string();
}

std::string write_file(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string source_path(const std::string& rel) {
  return std::string(MINESIM_SOURCE_DIR) + "/" + rel;
}

}  // namespace minesim::test

// minesim: command-line entry point (CLI11). Parse errors exit with status 2.
#include <fmt/format.h>
#include <hdf5.h>

#include <CLI/CLI.hpp>
#include <cstdint>
#include <iostream>
#include <optional>
#include <string_view>
#include <utility>

#include "app/commands.h"
#include "app/compare.h"
#include "app/ensemble.h"
#include "app/export.h"
#include "app/resume.h"
#include "core/exit_codes.h"
#include "core/heap.h"
#include "minesim_version.h"

namespace {

// The command line as a shell reads it back, for the output's history attribute.
std::string command_line_of(int argc, char** argv) {
  std::string out;
  for (int i = 0; i < argc; ++i) out += (i ? " " : "") + minesim::shell_quote(argv[i]);
  return out;
}

// `run` once parsed: -o "" is refused (it would silently mean the default), and the command line
// is recorded for the file's history attribute.
int run_from_command_line(minesim::RunOptions& ro, bool output_given, int argc, char** argv) {
  using namespace minesim;
  if (output_given && ro.output.empty()) {
    std::cerr << "minesim: error: -o/--output: empty file name (leave the option out for "
                 "output/SCENARIO_STEM.h5)\n";
    return exit_code::kUsage;
  }
  ro.command_line = command_line_of(argc, argv);
  return report_errors([&] { return run_command(ro); });
}

// The examples of `minesim --help` and `minesim run --help` (tests/app/help_examples_test.cpp
// runs each of them).
constexpr const char* kMainFooter = R"(Examples:
  minesim run                                  # the shipped baseline -> output/baseline.h5
  minesim run scenarios/baseline.toml -o out/b.h5 --threads 4 --seed 7
  minesim run --months 24 --set mines.kora_gold.workforce=900
  minesim validate scenarios/baseline.toml     # every check, no simulation
  minesim info output/baseline.h5              # provenance, variables, dimensions, units
  minesim export output/baseline.h5 -o output/baseline_csv   # tidy CSV, one file per variable

Exit status: 0 success; 2 bad command line, invalid scenario or a run estimated too large for
this machine (run --allow-large); 70 internal error;
73 output cannot be created; 74 I/O error; 75 stopped by SIGTERM with a checkpoint written;
129, 130, 143 stopped by SIGHUP, SIGINT, SIGTERM.)";
constexpr const char* kRunFooter = R"(Examples:
  minesim run
  minesim run scenarios/baseline.toml --threads 8 --seed 3 -o runs/seed3.h5
  minesim run --months 36 --set economy.royalty_rate=0.05 --set labour.quit_rate=0.02
  minesim run --from output/baseline.h5 -o output/again.h5   # the same data, bit for bit)";

// --checkpoint-at and --checkpoint-every (run, resume, fork).
void add_checkpoint_options(CLI::App* c, minesim::CheckpointRequest& r) {
  c->add_option("--checkpoint-at", r.at,
                "write a checkpoint FILE.ckpt-YYYY-MM.h5 at the end of month DATE (YYYY-MM; "
                "repeatable)")
      ->allow_extra_args(false);
  c->add_option("--checkpoint-every", r.every,
                "write a checkpoint every MONTHS recorded months (and on SIGTERM: exit 75)")
      ->check(CLI::Range(1, 100000));
}

struct ValidateArgs {
  std::vector<std::string> files, sets;
  bool allow_large = false, strict = false;
};
CLI::App* add_validate_subcommand(CLI::App& app, ValidateArgs& va) {
  auto* validate = app.add_subcommand("validate", "check scenario files and report every error");
  validate->add_option("scenario", va.files, "scenario files")->required();
  validate->add_option("--set", va.sets, "override a scenario value: --set key.path=value")
      ->allow_extra_args(false);
  validate->add_flag("--allow-large", va.allow_large,
                     "accept a size estimate over this machine's physical memory");
  validate->add_flag("--strict", va.strict,
                     "treat warnings (an intervention that starts after the last month) as errors");
  return validate;
}

// `resume` or `fork` once parsed.
int continue_run(minesim::ResumeOptions& o, bool resume, int argc, char** argv) {
  return minesim::report_errors([&] {
    o.command_line = command_line_of(argc, argv);
    return resume ? minesim::resume_command(o) : minesim::fork_command(o);
  });
}

// The options `resume` and `fork` share.
void add_resume_options(CLI::App* c, minesim::ResumeOptions& o) {
  c->add_option("checkpoint", o.checkpoint, "checkpoint file (FILE.ckpt-YYYY-MM.h5)")
      ->required()
      ->check(CLI::ExistingFile);
  c->add_option("-o,--output", o.output, "output file (resume: the run's own FILE)");
  c->add_option("-j,--threads", o.threads, "worker threads (0 = all available)")
      ->check(CLI::Range(0, 4096));
  c->add_flag("-q,--quiet", o.quiet, "no progress and no summary");
  add_checkpoint_options(c, o.checkpoints);
}

// The `resume` and `fork` subcommands.
std::pair<CLI::App*, CLI::App*> add_resume_and_fork(CLI::App& app, minesim::ResumeOptions& rs,
                                                    minesim::ResumeOptions& fk) {
  auto* resume = app.add_subcommand("resume", "continue a run from its checkpoint to its end");
  add_resume_options(resume, rs);
  auto* fork = app.add_subcommand(
      "fork",
      "continue a run's checkpoint under another scenario (an arm) that differs only later");
  add_resume_options(fork, fk);  // the checkpoint first, then the arm
  fork->add_option("arm", fk.arm, "the arm's scenario file")->required();
  fork->add_option_function<std::uint64_t>(
          "--seed", [&fk](std::uint64_t v) { fk.seed = v; },
          "the arm's seed (overrides simulation.seed; must be the checkpoint's)")
      ->check(CLI::Range(std::uint64_t{0}, std::uint64_t{INT64_MAX}));
  fork->add_option_function<int>(
          "--months", [&fk](int v) { fk.months = v; },
          "months to simulate (overrides the arm's simulation.months)")
      ->check(CLI::Range(1, 2400));
  fork->add_option("--set", fk.sets, "override a value of the arm: --set key.path=value")
      ->allow_extra_args(false);
  return {resume, fork};
}

// Parses the command line; the exit status when it is all done (help, version, a parse error).
std::optional<int> parse(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);  // prints the message
    return minesim::exit_code::kUsage;
  }
  return std::nullopt;
}

struct InfoArgs {
  std::string file;
  bool scenario = false;
};

CLI::App* add_info_subcommand(CLI::App& app, InfoArgs& ia) {
  auto* info = app.add_subcommand("info", "show an output file's provenance and variables");
  info->add_option("file", ia.file, "output file (.h5)")->required();
  info->add_flag("--scenario", ia.scenario,
                 "print only the resolved scenario it records (a scenario file)");
  return info;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace minesim;
  H5dont_atexit();  // first: libhdf5 1.10 crashes at exit on a file whose close failed (full disk)
  return_freed_memory_promptly();
  CLI::App app{
      "minesim: agent-based simulator of mining communities living through new technology"};
  app.set_version_flag("--version", fmt::format("minesim {} ({}, {})", MINESIM_VERSION, MINESIM_GIT,
                                                MINESIM_BUILD_TYPE));
  app.require_subcommand(1);
  app.footer(kMainFooter);

  RunOptions ro;
  std::uint64_t seed = 0;
  int months = 0;
  auto* run = app.add_subcommand("run", "run one scenario and write its HDF5 output");
  run->add_option("scenario", ro.scenario, "scenario file (default: scenarios/baseline.toml)");
  run->add_option("--from", ro.from,
                  "run again the resolved scenario (and seed) recorded in a run's output FILE.h5")
      ->excludes(run->get_option("scenario"));
  auto* output_opt =
      run->add_option("-o,--output", ro.output, "output file (default: output/SCENARIO_STEM.h5)");
  run->add_option("-j,--threads", ro.threads, "worker threads (0 = all available)")
      ->check(CLI::Range(0, 4096));
  auto* seed_opt = run->add_option("--seed", seed, "run seed (overrides simulation.seed)")
                       ->check(CLI::Range(std::uint64_t{0}, std::uint64_t{INT64_MAX}));
  auto* months_opt =
      run->add_option("--months", months, "months to simulate (overrides simulation.months)")
          ->check(CLI::Range(1, 2400));
  run->add_option("--set", ro.sets, "override a scenario value: --set key.path=value (repeatable)")
      ->allow_extra_args(false);
  run->add_flag("-q,--quiet", ro.quiet, "no progress and no summary");
  run->add_flag("--profile", ro.profile,
                "print each phase's time per month and share of a month after the run (stderr)");
  run->add_flag("--allow-large", ro.allow_large,
                "run even when the size estimate exceeds this machine's physical memory");
  add_checkpoint_options(run, ro.checkpoints);
  run->footer(kRunFooter);

  ResumeOptions rs, fk;
  const std::pair<CLI::App*, CLI::App*> resume_fork = add_resume_and_fork(app, rs, fk);

  ValidateArgs va;
  auto* validate = add_validate_subcommand(app, va);

  InfoArgs ia;
  auto* info = add_info_subcommand(app, ia);

  EnsembleOptions eo;
  auto* ensemble = add_ensemble_subcommand(app, eo);

  CompareOptions compare_opts;
  auto* compare = add_compare_subcommand(app, compare_opts);
  ExportOptions export_opts;
  auto* export_cmd = add_export_subcommand(app, export_opts);

  if (const std::optional<int> status = parse(app, argc, argv)) return *status;

  if (*run) {
    if (*seed_opt) ro.seed = seed;
    if (*months_opt) ro.months = months;
    return run_from_command_line(ro, output_opt->count() > 0, argc, argv);
  }
  if (*validate)
    return report_errors(
        [&] { return validate_command(va.files, va.sets, va.allow_large, va.strict); });
  if (*info) return report_errors([&] { return info_command(ia.file, ia.scenario); });
  if (const bool resume = resume_fork.first->parsed(); resume || resume_fork.second->parsed())
    return continue_run(resume ? rs : fk, resume, argc, argv);
  if (*ensemble)
    return report_errors([&] {
      eo.command_line = command_line_of(argc, argv);
      return ensemble_command(eo);
    });
  if (*compare) return report_errors([&] { return compare_command(compare_opts); });
  if (*export_cmd) return report_errors([&] { return export_command(export_opts); });
  return exit_code::kUsage;
}

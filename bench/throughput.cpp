// Whole-schedule throughput: person-months per second, peak memory and bytes per person.
//
//   build/release/bench/minesim_bench --persons 1000000 --months 24 --threads 2 [--repeats 3]
//
// Builds a synthetic region (communities of equal size with local suppliers, one mine per two
// communities adopting autonomous haulage mid-run and reviewing the other technologies), runs the
// spin-up and the recorded months with the full monthly schedule and the monthly indicators (as a
// run does, without writing the file), writes the world's checkpoint (bench/checkpoint_bench.h),
// and reports.
#include <fmt/format.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/info.h>
#include <sys/resource.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <numeric>

#include "bench/checkpoint_bench.h"
#include "core/heap.h"
#include "model/load.h"
#include "model/profile.h"
#include "model/simulate.h"
#include "roof.h"

namespace {

// Communities on a diagonal 0.1 degree apart (every catchment overlaps); past 700 communities the
// diagonal repeats, shifted by 0.01 degree, to stay on the globe.
std::string region(long persons, int communities, int months) {
  std::string s = fmt::format(
      "[simulation]\nstart = 2025-01-01\nmonths = {}\nspinup_months = 6\nseed = 3\n\n", months);
  const long per = persons / communities;
  for (int c = 0; c < communities; ++c)
    s += fmt::format(
        "[communities.c{:03d}]\nlat = {}\nlon = {}\npopulation = {}\n"
        "suppliers = {{ catering_camp = 4, transport_logistics = 3, maintenance = 2 }}\n"
        "supplier_capability = {{ catering_camp = 0.5, transport_logistics = 0.5, maintenance = "
        "0.6 }}\n\n",
        c, 10.0 + 0.1 * (c % 700), -1.0 - 0.1 * (c % 700) - 0.01 * (c / 700), per);
  for (int m = 0; m < communities / 2; ++m)
    s += fmt::format(
        "[mines.m{:03d}]\ncommunity = \"c{:03d}\"\nore_tonnes_per_month = {}\ngrade = 1.4\n"
        "workforce = {}\nincidents_per_million_hours = 2\nadoption = \"endogenous\"\n"
        "[[mines.m{:03d}.adopt]]\ntechnology = \"autonomous_haulage\"\nstart = 2025-{:02d}-01\n"
        "ramp_months = 12\n\n",
        m, 2 * m, per / 25 * 250, per / 25, m, 1 + (m % 12));
  return s;
}

// Persons alive now (the rows of persons who died or left stay, agents/persons.h).
double alive_persons(const minesim::Persons& p) {
  return static_cast<double>(std::accumulate(p.alive.begin(), p.alive.end(), std::size_t{0}));
}

double peak_rss_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;  // ru_maxrss is KiB on Linux
}

// The roof kernel and the triad (bench/roof.h) on the run's own person columns, and minesim's
// throughput as a fraction of the roof.
void print_roof(minesim::World& w, double throughput) {
  const minesim::bench::Roof r = minesim::bench::measure_roof(w.persons);
  std::cout << fmt::format(
      "  roof kernel             {:.3e} person-months/s  (minesim at {:.1f} % of the roof)\n"
      "  triad bandwidth         {:.2f} GB/s  (the roof kernel moves {:.2f} GB/s, {:.0f} % of "
      "it)\n",
      r.person_months_per_s, 100.0 * throughput / r.person_months_per_s, r.triad_bytes_per_s / 1e9,
      r.kernel_bytes_per_s / 1e9, 100.0 * r.kernel_bytes_per_s / r.triad_bytes_per_s);
}

// The same run at `threads` threads, profiled: a new world, so the first run's figures above
// (peak memory included) are its own.
minesim::PhaseProfile profile_at(const minesim::Scenario& s, int threads) {
  using namespace minesim;
  tbb::global_control gc(tbb::global_control::max_allowed_parallelism,
                         static_cast<std::size_t>(threads));
  World w = make_world(s);
  PhaseProfile p;
  SimulationHooks hooks{[](const World&, const Indicators&) {}, {}};
  hooks.profile = &p;
  simulate(w, hooks);
  return p;
}

// Each phase's share of a month; with several threads, also its 1-thread time, speed-up and
// serial fraction (model/profile.h), from a second run at 1 thread. With repeats > 1, runs at 1
// and at N threads alternate `repeats` times and each phase keeps its least time at each (load
// from elsewhere only adds time; one pair of runs on a shared machine moves the serial fractions
// by a factor of two).
void print_phases(const minesim::Scenario& s, minesim::PhaseProfile many, int threads,
                  int repeats) {
  using namespace minesim;
  if (threads <= 1) {
    std::cout << "  phases (1 thread)\n" << profile_table(many);
    return;
  }
  PhaseProfile one = profile_at(s, 1);
  for (int r = 1; r < repeats; ++r) {
    many = fastest(many, profile_at(s, threads));
    one = fastest(one, profile_at(s, 1));
  }
  const std::string how = repeats > 1
                              ? fmt::format("each phase's least time in {} runs at each", repeats)
                              : std::string("a second run at 1 thread");
  std::cout << fmt::format("  phases, 1 thread against {} ({})\n", threads, how)
            << scaling_table(one, many, threads);
}

void print_checkpoint(const minesim::World& w, const minesim::RecordedMonths& rec,
                      const std::string& scenario_text, const std::string& dir) {
  // This process's own name: two benchmarks at once (bench/ab.sh, the suite) must not share it.
  const std::string name = fmt::format("minesim_bench_{}.ckpt.h5", ::getpid());
  const std::string path = (std::filesystem::path(dir) / name).string();
  const auto f = minesim::bench::measure_checkpoint(w, rec, scenario_text, path);
  const double n = static_cast<double>(w.persons.size());
  std::cout << fmt::format(
      "  checkpoint              {:.1f} MB ({:.1f} bytes per person), in {}\n"
      "    agent columns         {:.1f} MB (persons {:.1f} MB), all datasets {:.1f} MB\n"
      "    file / agent columns  {:.3f}x (target <= 1.2x)\n"
      "    write                 {:.3f} s, {:.0f} MB/s (target >= 1000; fsync and rename in)\n"
      "    read                  {:.3f} s, {:.0f} MB/s (checks and hash in)\n",
      f.file_bytes / 1e6, f.file_bytes / n, dir, f.agent_bytes / 1e6, f.person_bytes / 1e6,
      f.data_bytes / 1e6, f.file_bytes / f.agent_bytes, f.write_s, f.file_bytes / 1e6 / f.write_s,
      f.read_s, f.file_bytes / 1e6 / f.read_s);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace minesim;
  return_freed_memory_promptly();  // as minesim does
  CLI::App app{"minesim throughput benchmark"};
  long persons = 1'000'000;
  int months = 24, threads = 0, communities = 10;
  app.add_option("--persons", persons, "simulated persons")
      ->check(CLI::Range(1000L, 4'000'000'000L));
  app.add_option("--months", months, "recorded months")->check(CLI::Range(1, 1200));
  app.add_option("--threads", threads, "threads (0 = all)");
  app.add_option("--communities", communities, "communities")->check(CLI::Range(2, 60000));
  int repeats = 1;
  app.add_option("--repeats", repeats,
                 "runs at 1 and at N threads for the phase table, each phase's least time kept")
      ->check(CLI::Range(1, 20));
  std::string checkpoint_dir = std::filesystem::temp_directory_path().string();
  app.add_option("--checkpoint-dir", checkpoint_dir,
                 "where the checkpoint is written (and removed); '' for none");
  CLI11_PARSE(app, argc, argv);
  const int t = threads > 0 ? threads : tbb::info::default_concurrency();
  tbb::global_control gc(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(t));

  const std::string scenario_text = region(persons, communities, months);
  const Scenario s = load_scenario_string(scenario_text, "bench.toml");
  using Clock = std::chrono::steady_clock;
  const double before_world_mib = peak_rss_mib();
  const auto t0 = Clock::now();
  World w = make_world(s);
  const auto t1 = Clock::now();
  double indicator_s = 0;
  PhaseProfile profile;
  RecordedMonths rec;  // what a checkpoint holds of the months so far
  // Person-months: the persons alive at the start of each month, summed (counted between months,
  // and the counting's time taken off the run's).
  double person_months = 0, counting_s = 0;
  const auto count_month = [&] {
    const auto c0 = Clock::now();
    person_months += alive_persons(w.persons);
    counting_s += std::chrono::duration<double>(Clock::now() - c0).count();
    return false;
  };
  // Indicators alone, to report their share of a month: timed in the last month's hook, where
  // the world is as they see it (after the run its month is past the price paths' end).
  int recorded = 0;
  const auto record = [&](const World& now, const Indicators& ind) {
    rec.add(ind);
    if (++recorded != s.simulation.months) return;
    const auto t3 = Clock::now();
    for (int i = 0; i < 3; ++i) (void)compute_indicators(now);
    indicator_s = std::chrono::duration<double>(Clock::now() - t3).count() / 3;
  };
  SimulationHooks hooks{record, count_month};
  hooks.profile = &profile;
  simulate(w, hooks);
  const auto t2 = Clock::now();

  const double init_s = std::chrono::duration<double>(t1 - t0).count();
  const double run_s =
      std::chrono::duration<double>(t2 - t1).count() - counting_s - 3 * indicator_s;
  const double steps = s.simulation.spinup_months + s.simulation.months;
  const double n = static_cast<double>(w.persons.size());
  const double alive = alive_persons(w.persons);
  const double column_bytes =
      static_cast<double>(w.persons.size() * Persons::bytes_per_person() +
                          w.households.count() * Households::bytes_per_household());
  std::cout << fmt::format(
      "minesim_bench: {:.0f} persons alive at the end ({:.0f} rows), {} households, {} "
      "communities, {} mines, {} threads\n"
      "  months simulated        {:.0f} (spin-up {} + recorded {}), {:.4g} person-months\n"
      "  initialisation          {:.2f} s\n"
      "  simulation              {:.2f} s  ({:.3f} s per month, indicators {:.3f} s of it)\n"
      "  throughput              {:.3e} person-months/s\n"
      "  state bytes per person  {:.1f} per row (persons {} + households {:.1f})\n"
      "  peak memory             {:.1f} MiB  ({:.1f} bytes per person)\n"
      "    before the world      {:.1f} MiB  ({:.1f} bytes per person: shared libraries, the "
      "scenario)\n",
      alive, n, w.households.count(), s.communities.size(), s.mines.size(), t, steps,
      s.simulation.spinup_months, s.simulation.months, person_months, init_s, run_s, run_s / steps,
      indicator_s, person_months / run_s, column_bytes / n, Persons::bytes_per_person(),
      static_cast<double>(w.households.count() * Households::bytes_per_household()) / n,
      peak_rss_mib(), peak_rss_mib() * 1048576.0 / alive, before_world_mib,
      before_world_mib * 1048576.0 / alive);
  // After the peak memory line: the triad's arrays are large.
  print_roof(w, person_months / run_s);
  print_phases(s, profile, t, repeats);
  if (!checkpoint_dir.empty()) print_checkpoint(w, rec, scenario_text, checkpoint_dir);
  return 0;
}

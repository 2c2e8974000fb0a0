#include "scenario/size.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>

namespace minesim {

namespace {

// Births less deaths per person-year from a community's age shares (0 when deaths outweigh).
double natural_growth_per_year(const CommunityParams& c, const DemographyParams& d) {
  // Women of fertile age: 15-24 and 25-49 of 25-64 (uniform within the group).
  const double fertile_ages =
      static_cast<double>(std::max(0, std::min(d.fertile_age_max, 64) + 1 - 25)) / 40.0;
  const double women = c.female_share * (c.age_shares[1] + fertile_ages * c.age_shares[2]);
  double deaths = 0;
  for (int g = 0; g < kAgeGroups; ++g) deaths += d.mortality_per_year[g] * c.age_shares[g];
  return std::max(0.0, d.fertility_per_year * women - deaths);
}

std::string bytes_text(double b) {
  if (b >= 0x1p40) return fmt::format("{:.1f} TiB", b / 0x1p40);
  if (b >= 0x1p30) return fmt::format("{:.1f} GiB", b / 0x1p30);
  return fmt::format("{:.1f} MiB", b / 0x1p20);
}

}  // namespace

std::int64_t initial_persons(const Scenario& s) {
  std::int64_t n = 0;
  for (const auto& c : s.communities)
    n += static_cast<std::int64_t>(
        static_cast<double>(c.population) * s.simulation.population_scale + 0.5);
  return n;
}

SizeEstimate estimate_size(const Scenario& s) {
  SizeEstimate e;
  const double scale = s.simulation.population_scale;
  const int months = s.simulation.spinup_months + s.simulation.months;
  const double years = months / 12.0;
  e.initial_persons = initial_persons(s);
  double persons = 0;
  for (const auto& c : s.communities)
    persons += std::round(static_cast<double>(c.population) * scale) *
               std::pow(1.0 + natural_growth_per_year(c, s.demography), years);
  double posts = 0;
  for (const auto& m : s.mines) posts += static_cast<double>(m.workforce);
  const auto& lf = s.asm_params.labour_factor;
  const double most_per_site = *std::max_element(lf.begin(), lf.end());
  for (const auto& a : s.asm_sites) posts += static_cast<double>(a.max_workers) * most_per_site;
  e.peak_persons = std::min(persons + posts * scale, 1e18);
  e.peak_bytes = kFixedBytes + e.peak_persons * kPeakBytesPerPerson;
  e.state_bytes = e.peak_persons * kStateBytesPerPerson;
  e.person_months = e.peak_persons * months;
  e.mines = s.mines.size();
  return e;
}

std::string SizeEstimate::text() const {
  return fmt::format(
      "about {:.3g} simulated persons at the peak ({} at the start), {} of memory ({} of agent "
      "state), {:.3g} person-months",
      peak_persons, initial_persons, bytes_text(peak_bytes), bytes_text(state_bytes),
      person_months);
}

std::uint64_t physical_memory_bytes() {
  const long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page <= 0) return 0;
  return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page);
}

std::string too_large(const SizeEstimate& e, std::uint64_t memory_bytes) {
  if (e.peak_persons > kMaxPersons)
    return fmt::format("the estimate exceeds the {:.0e} persons a world can hold", kMaxPersons);
  if (memory_bytes > 0 && e.peak_bytes > static_cast<double>(memory_bytes))
    return fmt::format("the estimate exceeds this machine's physical memory ({})",
                       bytes_text(static_cast<double>(memory_bytes)));
  return "";
}

void check_counts(const Scenario& s, const toml::source_region& scale_at,
                  const toml::source_region& root, ReadContext& ctx) {
  const toml::source_region& where = scale_at.begin.line > 0 ? scale_at : root;
  const std::int64_t persons = initial_persons(s);
  // A community without a valid population has been reported already (and counts 0 here).
  const bool populations_read =
      std::all_of(s.communities.begin(), s.communities.end(),
                  [](const CommunityParams& c) { return c.population > 0; });
  if (persons == 0 && populations_read && !s.communities.empty())
    ctx.error(where, "simulation.population_scale",
              fmt::format("simulates no person: {} x the communities' populations rounds to 0 "
                          "(raise population_scale)",
                          s.simulation.population_scale));
  if (static_cast<double>(persons) > kMaxPersons)
    ctx.error(where, "simulation.population_scale",
              fmt::format("{} simulated persons exceed the limit of 4e9", persons));
  if (s.mines.size() > kMaxMines)
    ctx.error(root, "mines",
              fmt::format("{} mines: at most {} are supported (about the most that was "
                          "measured; docs/engineering.md)",
                          s.mines.size(), kMaxMines));
}

}  // namespace minesim

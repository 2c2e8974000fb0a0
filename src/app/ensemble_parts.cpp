#include "app/ensemble_parts.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>

#include "core/errors.h"
#include "scenario/size.h"

namespace minesim::ensemble_detail {

double member_cost(const Study& s, const ForkSchedule& f, std::size_t m) {
  const SizeEstimate& e = s.arm_sizes[static_cast<std::size_t>(s.members[m].arm)];
  return e.person_months * f.own_share[m];
}

namespace {

std::size_t group_of(const ForkSchedule& f, std::size_t m) {
  return f.trunk[m] == ForkSchedule::kStraight ? m : f.trunk[m];
}

// By group root (a member index): the group's cost; members that fork carry their trunk's index.
std::vector<double> group_costs(const Study& s, const ForkSchedule& f) {
  std::vector<double> cost(s.members.size(), 0.0);
  for (std::size_t m = 0; m < s.members.size(); ++m) cost[group_of(f, m)] += member_cost(s, f, m);
  return cost;
}

}  // namespace

std::vector<int> assign_parts(const Study& s, const ForkSchedule& f, int parts) {
  const std::vector<double> cost = group_costs(s, f);
  std::vector<std::size_t> roots;
  for (std::size_t m = 0; m < s.members.size(); ++m)
    if (group_of(f, m) == m) roots.push_back(m);
  std::stable_sort(roots.begin(), roots.end(),
                   [&](std::size_t a, std::size_t b) { return cost[a] > cost[b]; });
  std::vector<double> load(static_cast<std::size_t>(parts), 0.0);
  std::vector<int> part_of_root(s.members.size(), 0);
  for (std::size_t r : roots) {
    const auto least = std::min_element(load.begin(), load.end());  // the first of equals
    *least += cost[r];
    part_of_root[r] = static_cast<int>(least - load.begin());
  }
  std::vector<int> part(s.members.size());
  for (std::size_t m = 0; m < s.members.size(); ++m) part[m] = part_of_root[group_of(f, m)];
  return part;
}

std::pair<int, int> parse_part(const std::string& text) {
  const std::size_t slash = text.find('/');
  int k = 0, n = 0;
  const auto number = [](const std::string& t, int& v) {
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    return ec == std::errc() && end == t.data() + t.size();
  };
  if (slash == std::string::npos || !number(text.substr(0, slash), k) ||
      !number(text.substr(slash + 1), n) || n < 1 || n > 100000 || k < 1 || k > n)
    throw UsageError(fmt::format(
        "--part {}: expected K/N with 1 <= K <= N <= 100000 (part K of N, e.g. 2/8)", text));
  return {k, n};
}

std::string estimate_text(const Study& s, const ForkSchedule& f, const std::string& format) {
  double person_months = 0, longest = 0, peak = 0;
  for (std::size_t m = 0; m < s.members.size(); ++m) person_months += member_cost(s, f, m);
  for (double c : group_costs(s, f)) longest = std::max(longest, c);
  for (const SizeEstimate& e : s.arm_sizes) peak = std::max(peak, e.peak_bytes);
  const double core_s = person_months / kPersonMonthsPerCoreSecond;
  const double longest_s = longest / kPersonMonthsPerCoreSecond;
  const double mib = peak / (1024.0 * 1024.0);
  if (format == "sh")
    return fmt::format(
        "MINESIM_MEMBERS={}\nMINESIM_PERSON_MONTHS={:.0f}\nMINESIM_MEMBER_MIB={:.0f}\n"
        "MINESIM_CORE_HOURS={:.3f}\nMINESIM_LONGEST_MEMBER_S={:.0f}\n",
        s.members.size(), person_months, std::ceil(mib), core_s / 3600.0, std::ceil(longest_s));
  return fmt::format(
      "members              {} ({} fork from a shared history)\n"
      "person-months        {:.3g} (upper estimate: persons at the peak x months)\n"
      "memory per member    {:.0f} MiB at the peak (the largest arm; {:.0f} bytes per person)\n"
      "core-hours           {:.3g} (at {:.3g} person-months per core-second, the benchmark's "
      "1-thread figure)\n"
      "longest member       {:.0f} s on one core (with the members that fork from it)\n",
      s.members.size(), f.forks(), person_months, mib, kPeakBytesPerPerson, core_s / 3600.0,
      kPersonMonthsPerCoreSecond, longest_s);
}

}  // namespace minesim::ensemble_detail

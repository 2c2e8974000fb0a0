#pragma once
// Months are the model's time step. A Month is a calendar month (year, month); dates in scenario
// files must be month starts. Output time is CF "days since START" at month starts.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>

namespace minesim {

struct Month {
  int year = 2025;
  int month = 1;  // 1..12

  // Months since year 0, for ordering and differences.
  constexpr int index() const { return year * 12 + (month - 1); }
  static constexpr Month from_index(int i) { return Month{i / 12, i % 12 + 1}; }
  constexpr Month plus(int months) const { return from_index(index() + months); }
  friend constexpr bool operator==(Month a, Month b) { return a.index() == b.index(); }
  friend constexpr auto operator<=>(Month a, Month b) { return a.index() <=> b.index(); }

  std::chrono::sys_days first_day() const {
    return std::chrono::sys_days{std::chrono::year{year} / std::chrono::month{unsigned(month)} /
                                 std::chrono::day{1}};
  }
  // Whole days from the first day of `epoch` to the first day of this month.
  int days_since(Month epoch) const { return (first_day() - epoch.first_day()).count(); }
  std::string iso() const;  // "YYYY-MM-01"
};

inline int months_between(Month from, Month to) { return to.index() - from.index(); }

// The one linear ramp of the model (interventions, training capacity, technology rollouts): the
// share of full strength in month `now` of a ramp that starts at `start` and takes `ramp_months`:
// 0 before the start, (months since start + 1) / ramp_months while ramping, then 1; a ramp of 0
// months is at full strength from the start.
inline double linear_ramp(Month start, int ramp_months, Month now) {
  const int since = months_between(start, now);
  if (since < 0) return 0.0;
  if (ramp_months <= 0) return 1.0;
  return std::min(1.0, static_cast<double>(since + 1) / ramp_months);
}

}  // namespace minesim

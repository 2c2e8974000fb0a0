#pragma once
// Months are the model's time step. A Month is a calendar month (year, month); dates in scenario
// files must be month starts. Output time is CF "days since START" at month starts.
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

}  // namespace minesim

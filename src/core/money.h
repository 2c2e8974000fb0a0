#pragma once
// Money in the accounts is integer cents (int64): sums are exact and independent of order, so the
// stock-flow check is an exact equality. Convert to USD (double) only for output.
#include <cmath>
#include <cstdint>
#include <vector>

namespace minesim {

using Cents = std::int64_t;

// Rounds half away from zero; callers pass amounts well inside int64 range.
inline Cents to_cents(double usd) { return static_cast<Cents>(std::llround(usd * 100.0)); }
inline double to_usd(Cents c) { return static_cast<double>(c) / 100.0; }
// rate * amount, rounded to the cent (taxes, shares).
inline Cents scale_cents(Cents amount, double rate) {
  return static_cast<Cents>(std::llround(static_cast<double>(amount) * rate));
}

// Adds `amount` to `into` split by `shares` (one per entry), each part rounded to the cent and the
// last entry taking what rounding left, so the parts add up to `amount` exactly.
inline void add_split(std::vector<Cents>& into, Cents amount, const std::vector<double>& shares) {
  Cents given = 0;
  for (std::size_t j = 0; j < into.size(); ++j) {
    const Cents part = j + 1 < into.size() ? scale_cents(amount, shares[j]) : amount - given;
    into[j] += part;
    given += part;
  }
}

}  // namespace minesim

#pragma once
// Money in the accounts is integer cents (int64): sums are exact and independent of order, so the
// stock-flow check is an exact equality. Convert to USD (double) only for output.
//
// Every conversion to cents and every sum or product of cents in the accounts is checked: a value
// that is not finite or does not fit in int64 throws InvariantError (exit 70) naming the quantity,
// never wraps or rounds silently (signed overflow is undefined behaviour). The scenario's finite
// ranges keep real runs far inside int64 (docs/scenarios.md, "Finite ranges and the int64 bound");
// the checks stop what the ranges cannot bound alone. `what` names the quantity: a string, or,
// where the message needs run-time detail (a mine's name), a callable returning it, called only on
// failure, so the checks cost one compare and a predictable branch.
#include <cmath>
#include <concepts>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.h"

namespace minesim {

using Cents = std::int64_t;

namespace money_detail {
// 2^63, exactly representable: a double x converts to int64 cents iff -2^63 <= x < 2^63.
inline constexpr double kLimit = 9223372036854775808.0;

inline std::string number_text(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", x);
  return buf;
}

[[noreturn, gnu::cold, gnu::noinline]] inline void overflow(std::string_view what,
                                                            const std::string& detail) {
  std::string m("money overflow: ");
  m.append(what).append(" ").append(detail).append(
      " does not fit in int64 cents (about 9.2e16 USD); docs/scenarios.md, \"Finite ranges and "
      "the int64 bound\"");
  throw InvariantError(m);
}

template <class What>
[[noreturn, gnu::cold, gnu::noinline]] void fail(const What& what, const std::string& detail) {
  if constexpr (std::invocable<const What&>)
    overflow(std::string(what()), detail);
  else
    overflow(std::string_view(what), detail);
}
// The failure paths, out of line: the hot paths only compare and branch.
template <class What>
[[noreturn, gnu::cold, gnu::noinline]] void fail_usd(const What& what, double usd) {
  fail(what, std::string("of ").append(number_text(usd)).append(" USD"));
}
template <class What>
[[noreturn, gnu::cold, gnu::noinline]] void fail_scale(const What& what, Cents a, double rate) {
  fail(what, std::string("(")
                 .append(std::to_string(a))
                 .append(" cents x ")
                 .append(number_text(rate))
                 .append(")"));
}
template <class What>
[[noreturn, gnu::cold, gnu::noinline]] void fail_ints(const What& what, Cents a, const char* op,
                                                      std::int64_t b) {
  fail(what, std::string("(")
                 .append(std::to_string(a))
                 .append(op)
                 .append(std::to_string(b))
                 .append(" cents)"));
}
}  // namespace money_detail

// Rounds half away from zero. `usd` must be finite and usd * 100 inside int64.
template <class What>
inline Cents to_cents(double usd, const What& what) {
  const double c = usd * 100.0;
  if (!(c >= -money_detail::kLimit && c < money_detail::kLimit)) [[unlikely]]
    money_detail::fail_usd(what, usd);
  return static_cast<Cents>(std::llround(c));
}
inline double to_usd(Cents c) { return static_cast<double>(c) / 100.0; }
// rate * amount, rounded to the cent (taxes, shares).
template <class What>
inline Cents scale_cents(Cents amount, double rate, const What& what) {
  const double c = static_cast<double>(amount) * rate;
  if (!(c >= -money_detail::kLimit && c < money_detail::kLimit)) [[unlikely]]
    money_detail::fail_scale(what, amount, rate);
  return static_cast<Cents>(std::llround(c));
}
// a + b, a - b and a * n in cents, exact.
template <class What>
inline Cents add_cents(Cents a, Cents b, const What& what) {
  Cents r;
  if (__builtin_add_overflow(a, b, &r)) [[unlikely]]
    money_detail::fail_ints(what, a, " + ", b);
  return r;
}
template <class What>
inline Cents sub_cents(Cents a, Cents b, const What& what) {
  Cents r;
  if (__builtin_sub_overflow(a, b, &r)) [[unlikely]]
    money_detail::fail_ints(what, a, " - ", b);
  return r;
}
template <class What>
inline Cents mul_cents(Cents a, std::int64_t n, const What& what) {
  Cents r;
  if (__builtin_mul_overflow(a, n, &r)) [[unlikely]]
    money_detail::fail_ints(what, a, " x ", n);
  return r;
}
// into += amount, checked.
template <class What>
inline void accumulate(Cents& into, Cents amount, const What& what) {
  into = add_cents(into, amount, what);
}

// Adds `amount` to `into` split by `shares` (one per entry), each part rounded to the cent and the
// last entry taking what rounding left, so the parts add up to `amount` exactly.
template <class What>
inline void add_split(std::vector<Cents>& into, Cents amount, const std::vector<double>& shares,
                      const What& what) {
  Cents given = 0;
  for (std::size_t j = 0; j < into.size(); ++j) {
    const Cents part =
        j + 1 < into.size() ? scale_cents(amount, shares[j], what) : sub_cents(amount, given, what);
    accumulate(into[j], part, what);
    given = add_cents(given, part, what);
  }
}

}  // namespace minesim

// Integer-cent money (core/money.h): exact cents, rounding half away from zero; the checked
// helpers: exact values are unchanged, and a conversion or sum that does not fit in int64 cents
// throws InvariantError (exit 70) naming the quantity.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "core/errors.h"
#include "core/exit_codes.h"
#include "core/money.h"

namespace minesim {
namespace {

constexpr Cents kMax = std::numeric_limits<Cents>::max();
constexpr Cents kMin = std::numeric_limits<Cents>::min();

TEST(Money, CentsAreExactAndRounded) {
  EXPECT_EQ(to_cents(12.345, "t"), 1235);
  EXPECT_EQ(to_cents(-0.005, "t"), -1);
  EXPECT_EQ(scale_cents(1000, 0.275, "t"), 275);
  EXPECT_EQ(scale_cents(1001, 0.5, "t"), 501);  // half away from zero
  EXPECT_DOUBLE_EQ(to_usd(123456), 1234.56);
}

// The message of the InvariantError `f` throws ("" when it throws none).
template <class F>
std::string overflow_message(F f) {
  try {
    f();
  } catch (const InvariantError& e) {
    EXPECT_EQ(e.exit_status(), exit_code::kInternal);
    return e.what();
  }
  return "";
}

TEST(CheckedMoney, ExactValuesAreUnchanged) {
  EXPECT_EQ(to_cents(12.345, "x"), 1235);
  EXPECT_EQ(to_cents(-0.005, "x"), -1);
  EXPECT_EQ(to_cents(0.0, "x"), 0);
  EXPECT_EQ(to_cents(9.2e16, "x"), 9'200'000'000'000'000'000);  // the documented bound
  EXPECT_EQ(scale_cents(1001, 0.5, "x"), 501);
  EXPECT_EQ(scale_cents(-1001, 0.5, "x"), -501);
  EXPECT_EQ(add_cents(kMax - 1, 1, "x"), kMax);
  EXPECT_EQ(sub_cents(kMin + 1, 1, "x"), kMin);
  EXPECT_EQ(mul_cents(4'611'686'018'427'387'903, 2, "x"), kMax - 1);
  Cents acc = 5;
  accumulate(acc, -7, "x");
  EXPECT_EQ(acc, -2);
  std::vector<Cents> parts(3, 0);
  add_split(parts, 1001, {0.3333, 0.3333, 0.3334}, "x");
  EXPECT_EQ(parts[0] + parts[1] + parts[2], 1001);
  EXPECT_EQ(parts[0], 334);
}

TEST(CheckedMoney, ConversionOutOfRangeOrNotFiniteThrows) {
  const std::string m = overflow_message([] { return to_cents(1e308, "mine revenue"); });
  EXPECT_NE(m.find("money overflow: mine revenue of 1e+308 USD does not fit in int64 cents"),
            std::string::npos)
      << m;
  EXPECT_NE(overflow_message([] { return to_cents(-1e17, "a"); }), "");
  EXPECT_NE(overflow_message([] { return to_cents(9.3e16, "a"); }), "");
  EXPECT_NE(overflow_message([] { return to_cents(std::nan(""), "a"); }).find("of nan USD"),
            std::string::npos);
  EXPECT_NE(overflow_message([] {
              return to_cents(std::numeric_limits<double>::infinity(), "a");
            }).find("of inf USD"),
            std::string::npos);
  EXPECT_NE(overflow_message([] { return scale_cents(kMax, 2.0, "tax"); }).find("tax ("),
            std::string::npos);
}

TEST(CheckedMoney, SumsAndProductsThatOverflowThrowWithTheirName) {
  EXPECT_NE(overflow_message([] {
              return add_cents(kMax, 1, "household savings");
            }).find("household savings (9223372036854775807 + 1 cents)"),
            std::string::npos);
  EXPECT_NE(overflow_message([] { return sub_cents(kMin, 1, "balance"); }), "");
  EXPECT_NE(overflow_message([] { return mul_cents(kMax / 2 + 1, 2, "floor"); }), "");
  Cents acc = kMax;
  EXPECT_NE(overflow_message([&] { accumulate(acc, 1, "stock"); }), "");
  EXPECT_EQ(acc, kMax);  // unchanged when it throws
  // A callable names the quantity with run-time detail, and is called only on failure.
  int calls = 0;
  auto name = [&] {
    ++calls;
    return std::string("revenue of mines.kora_gold");
  };
  EXPECT_EQ(to_cents(1.0, name), 100);
  EXPECT_EQ(calls, 0);
  EXPECT_NE(overflow_message([&] { return to_cents(1e300, name); }).find("mines.kora_gold"),
            std::string::npos);
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace minesim

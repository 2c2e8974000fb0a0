#include <gtest/gtest.h>

#include "core/calendar.h"
#include "core/money.h"

namespace minesim {
namespace {

TEST(Month, ArithmeticAndCfDays) {
  const Month start{2025, 1};
  EXPECT_EQ(start.plus(11), (Month{2025, 12}));
  EXPECT_EQ(start.plus(12), (Month{2026, 1}));
  EXPECT_EQ(start.plus(-1), (Month{2024, 12}));
  EXPECT_EQ(months_between(Month{2024, 11}, Month{2026, 2}), 15);
  EXPECT_EQ((Month{2025, 2}).days_since(start), 31);
  EXPECT_EQ((Month{2025, 3}).days_since(start), 59);
  EXPECT_EQ((Month{2024, 3}).days_since(Month{2024, 1}), 60);  // leap year
  EXPECT_EQ((Month{2026, 1}).days_since(start), 365);
  EXPECT_EQ((Month{2025, 7}).iso(), "2025-07-01");
  EXPECT_LT((Month{2025, 12}), (Month{2026, 1}));
}

TEST(Month, LinearRampRisesFromTheStartMonthToFullStrength) {
  const Month start{2026, 3};
  EXPECT_EQ(linear_ramp(start, 4, Month{2026, 2}), 0.0);  // before the start
  EXPECT_EQ(linear_ramp(start, 4, start), 0.25);          // the first month counts
  EXPECT_EQ(linear_ramp(start, 4, Month{2026, 5}), 0.75);
  EXPECT_EQ(linear_ramp(start, 4, Month{2026, 6}), 1.0);
  EXPECT_EQ(linear_ramp(start, 4, Month{2030, 1}), 1.0);  // stays at full strength
  EXPECT_EQ(linear_ramp(start, 0, start), 1.0);           // no ramp: full from the start
  EXPECT_EQ(linear_ramp(start, 0, Month{2026, 2}), 0.0);
}

TEST(Money, CentsAreExactAndRounded) {
  EXPECT_EQ(to_cents(12.345, "t"), 1235);
  EXPECT_EQ(to_cents(-0.005, "t"), -1);
  EXPECT_EQ(scale_cents(1000, 0.275, "t"), 275);
  EXPECT_EQ(scale_cents(1001, 0.5, "t"), 501);  // half away from zero
  EXPECT_DOUBLE_EQ(to_usd(123456), 1234.56);
}

}  // namespace
}  // namespace minesim

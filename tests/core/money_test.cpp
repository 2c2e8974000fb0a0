// Integer-cent money: exact cents, rounding half away from zero.
#include "core/money.h"

#include <gtest/gtest.h>

namespace minesim {
namespace {

TEST(Money, CentsAreExactAndRounded) {
  EXPECT_EQ(to_cents(12.345), 1235);
  EXPECT_EQ(to_cents(-0.005), -1);
  EXPECT_EQ(scale_cents(1000, 0.275), 275);
  EXPECT_EQ(scale_cents(1001, 0.5), 501);  // half away from zero
  EXPECT_DOUBLE_EQ(to_usd(123456), 1234.56);
}

}  // namespace
}  // namespace minesim

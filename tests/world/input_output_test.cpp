// The regional input-output model: the Leontief inverse of a 2x2 table by hand, a 4-industry table
// that must reproduce its final demand, multipliers, jobs supported, and the validation messages
// that name the industry at fault.
#include "world/input_output.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace minesim {
namespace {

// Runs `f`, expects std::invalid_argument, and returns its message.
template <class F>
std::string invalid_argument_message(F f) {
  try {
    f();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  ADD_FAILURE() << "no std::invalid_argument thrown";
  return {};
}

IoTable two_industries() {
  IoTable t;
  t.industries = {"agriculture", "trade_services"};
  t.a.resize(2, 2);
  t.a << 0.2, 0.3,  //
      0.1, 0.4;
  t.jobs_per_musd.resize(2);
  t.jobs_per_musd << 20.0, 8.0;
  return t;
}

IoTable four_industries() {
  IoTable t;
  t.industries = {"agriculture", "trade_services", "construction", "manufacturing"};
  t.a.resize(4, 4);
  t.a << 0.10, 0.05, 0.02, 0.12,  //
      0.08, 0.15, 0.10, 0.09,     //
      0.01, 0.03, 0.05, 0.02,     //
      0.04, 0.06, 0.20, 0.11;
  t.jobs_per_musd.resize(4);
  t.jobs_per_musd << 45.0, 18.0, 12.0, 7.0;
  return t;
}

TEST(InputOutput, LeontiefInverseOfTwoByTwoByHand) {
  // I - A = [[0.8, -0.3], [-0.1, 0.6]]; det = 0.8 * 0.6 - 0.3 * 0.1 = 0.45;
  // (I - A)^{-1} = [[0.6, 0.3], [0.1, 0.8]] / 0.45.
  const IoTable t = two_industries();
  const Eigen::MatrixXd l = leontief_inverse(t.a);
  ASSERT_EQ(l.rows(), 2);
  ASSERT_EQ(l.cols(), 2);
  EXPECT_NEAR(l(0, 0), 0.6 / 0.45, 1e-12);
  EXPECT_NEAR(l(0, 1), 0.3 / 0.45, 1e-12);
  EXPECT_NEAR(l(1, 0), 0.1 / 0.45, 1e-12);
  EXPECT_NEAR(l(1, 1), 0.8 / 0.45, 1e-12);

  // f = (100, 50): x = (0.6 * 100 + 0.3 * 50, 0.1 * 100 + 0.8 * 50) / 0.45 = (75, 50) / 0.45.
  Eigen::VectorXd f(2);
  f << 100.0, 50.0;
  const Eigen::VectorXd x = total_output(t, f);
  EXPECT_NEAR(x(0), 75.0 / 0.45, 1e-12);
  EXPECT_NEAR(x(1), 50.0 / 0.45, 1e-12);

  // Multipliers: column sums (0.7, 1.1) / 0.45. Jobs: 20 and 8 per MUSD of that output.
  const Eigen::VectorXd m = output_multipliers(t.a);
  EXPECT_NEAR(m(0), 0.7 / 0.45, 1e-12);
  EXPECT_NEAR(m(1), 1.1 / 0.45, 1e-12);
  const Eigen::VectorXd jobs = jobs_supported(t, f);
  EXPECT_NEAR(jobs(0), 20.0 * (75.0 / 0.45) / 1e6, 1e-15);
  EXPECT_NEAR(jobs(1), 8.0 * (50.0 / 0.45) / 1e6, 1e-15);
}

TEST(InputOutput, FourIndustriesReproduceFinalDemand) {
  const IoTable t = four_industries();
  EXPECT_NO_THROW(validate_io_table(t));
  Eigen::VectorXd f(4);
  f << 2.5e6, 7.0e6, 1.2e6, 0.8e6;  // e.g. a mine's and its workers' local spending, USD
  const Eigen::VectorXd x = total_output(t, f);
  const Eigen::VectorXd back = (Eigen::MatrixXd::Identity(4, 4) - t.a) * x;
  for (int i = 0; i < 4; ++i) {
    EXPECT_NEAR(back(i), f(i), 1e-9) << t.industries[i];
    EXPECT_GE(x(i), f(i)) << t.industries[i];  // indirect purchases only add output
  }
  const Eigen::MatrixXd l = leontief_inverse(t.a);
  EXPECT_LT(((Eigen::MatrixXd::Identity(4, 4) - t.a) * l - Eigen::MatrixXd::Identity(4, 4))
                .cwiseAbs()
                .maxCoeff(),
            1e-12);
  EXPECT_GE(l.minCoeff(), 0.0);  // a productive table has a non-negative inverse

  const Eigen::VectorXd jobs = jobs_supported(t, f);
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(jobs(i), t.jobs_per_musd(i) * x(i) / 1e6, 1e-9);
  // Deterministic: the same table and demand give the same output bit for bit.
  EXPECT_EQ(total_output(t, f), x);
}

TEST(InputOutput, MultipliersAreAtLeastOne) {
  const IoTable t = four_industries();
  const Eigen::VectorXd m = output_multipliers(t.a);
  ASSERT_EQ(m.size(), 4);
  const Eigen::MatrixXd l = leontief_inverse(t.a);
  for (int j = 0; j < 4; ++j) {
    EXPECT_GE(m(j), 1.0) << t.industries[j];
    EXPECT_NEAR(m(j), l.col(j).sum(), 1e-15);
    // A unit of final demand for industry j produces exactly the multiplier in total output.
    EXPECT_NEAR(total_output(t, Eigen::VectorXd::Unit(4, j)).sum(), m(j), 1e-12);
  }
}

TEST(InputOutput, NoLocalPurchasesGiveMultipliersOfExactlyOne) {
  IoTable t = four_industries();
  t.a.setZero();
  const Eigen::VectorXd m = output_multipliers(t.a);
  for (int j = 0; j < 4; ++j) EXPECT_EQ(m(j), 1.0);
  EXPECT_EQ(leontief_inverse(t.a), Eigen::MatrixXd::Identity(4, 4));
  Eigen::VectorXd f(4);
  f << 1.0, 2.0, 3.0, 4.0;
  EXPECT_EQ(total_output(t, f), f);
}

TEST(InputOutput, ColumnSumOfOneIsRejectedNamingTheIndustry) {
  IoTable t = four_industries();
  t.a.col(2) << 0.5, 0.25, 0.25, 0.0;  // construction buys locally all it sells: not productive
  const std::string msg = invalid_argument_message([&] { validate_io_table(t); });
  EXPECT_NE(msg.find("'construction'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("sum"), std::string::npos) << msg;
  EXPECT_NE(msg.find("< 1"), std::string::npos) << msg;
  Eigen::VectorXd f = Eigen::VectorXd::Ones(4);
  EXPECT_THROW(total_output(t, f), std::invalid_argument);
  EXPECT_THROW(jobs_supported(t, f), std::invalid_argument);
}

TEST(InputOutput, NegativeCoefficientIsRejectedNamingBothIndustries) {
  IoTable t = four_industries();
  t.a(1, 3) = -0.01;  // manufacturing "buys" a negative amount from trade_services
  const std::string msg = invalid_argument_message([&] { validate_io_table(t); });
  EXPECT_NE(msg.find("'manufacturing'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("'trade_services'"), std::string::npos) << msg;
  EXPECT_NE(msg.find(">= 0"), std::string::npos) << msg;
}

TEST(InputOutput, SizeMismatchesAreRejected) {
  IoTable t = four_industries();
  t.a = t.a.topLeftCorner(3, 3).eval();
  std::string msg = invalid_argument_message([&] { validate_io_table(t); });
  EXPECT_NE(msg.find("3x3"), std::string::npos) << msg;
  EXPECT_NE(msg.find("4 industries"), std::string::npos) << msg;
  EXPECT_NE(msg.find("'manufacturing'"), std::string::npos) << msg;

  t = four_industries();
  t.jobs_per_musd = Eigen::VectorXd::Ones(3);
  msg = invalid_argument_message([&] { validate_io_table(t); });
  EXPECT_NE(msg.find("jobs_per_musd has 3 entries"), std::string::npos) << msg;

  t = four_industries();
  msg = invalid_argument_message([&] { total_output(t, Eigen::VectorXd::Ones(3)); });
  EXPECT_NE(msg.find("final demand has 3 entries"), std::string::npos) << msg;

  msg = invalid_argument_message([&] { leontief_inverse(Eigen::MatrixXd::Zero(2, 3)); });
  EXPECT_NE(msg.find("square"), std::string::npos) << msg;

  msg = invalid_argument_message([&] { validate_io_table(IoTable{}); });
  EXPECT_NE(msg.find("no industries"), std::string::npos) << msg;
}

TEST(InputOutput, NegativeJobsPerMillionIsRejected) {
  IoTable t = four_industries();
  t.jobs_per_musd(0) = -1.0;
  const std::string msg = invalid_argument_message([&] { validate_io_table(t); });
  EXPECT_NE(msg.find("'agriculture'"), std::string::npos) << msg;
}

}  // namespace
}  // namespace minesim

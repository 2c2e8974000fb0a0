#pragma once
// A regional input-output (Leontief) model: how local spending by a mine and its workers spreads
// through local industries, and how many jobs that supports. Owns the table's validation (a
// productive economy: non-negative coefficients, every column sum below one), the Leontief inverse,
// total output, jobs supported and Type-I output multipliers. Dense Eigen matrices; the tables are
// small (a handful of industries), and solves use PartialPivLU, which is deterministic.
#include <Eigen/Dense>
#include <string>
#include <vector>

namespace minesim {

struct IoTable {
  std::vector<std::string> industries;  // at least one; e.g. agriculture, trade_services, ...
  Eigen::MatrixXd a;              // technical coefficients: a(i,j) = local purchases from industry
                                  // i per USD of industry j's output
  Eigen::VectorXd jobs_per_musd;  // jobs per million USD of output, by industry
};

// Throws std::invalid_argument with a message naming the offending industry when the table is not
// productive or not well formed: no industries, sizes that disagree, a coefficient that is negative
// or not finite, a column sum >= 1, or a negative or non-finite jobs_per_musd.
void validate_io_table(const IoTable& t);

// (I - A)^{-1}, computed with Eigen's PartialPivLU (deterministic, single-threaded). Throws
// std::invalid_argument when `a` is not square. Validate the table first: for a non-productive A
// the result is meaningless.
Eigen::MatrixXd leontief_inverse(const Eigen::MatrixXd& a);

// Output by industry (USD) that satisfies local final demand (USD, by industry) directly and
// indirectly: x = (I - A)^{-1} f. Validates the table; throws std::invalid_argument when the size
// of `final_demand` differs from the number of industries.
Eigen::VectorXd total_output(const IoTable& t, const Eigen::VectorXd& final_demand);

// Jobs supported by the final demand, by industry: jobs_per_musd(i) * x(i) / 1e6, with x from
// total_output.
Eigen::VectorXd jobs_supported(const IoTable& t, const Eigen::VectorXd& final_demand);

// Type-I output multiplier of each industry: column sums of the Leontief inverse (total output of
// all local industries per USD of final demand for industry j).
Eigen::VectorXd output_multipliers(const Eigen::MatrixXd& a);

}  // namespace minesim

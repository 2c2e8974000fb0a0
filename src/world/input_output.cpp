// Leontief input-output arithmetic for the regional economy. Validation names the industry at
// fault so that a scenario author can fix the table; the solves factor (I - A) once with
// PartialPivLU (no threads, no randomness), so results are reproducible bit for bit.
#include "world/input_output.h"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace minesim {
namespace {

Eigen::PartialPivLU<Eigen::MatrixXd> factor(const Eigen::MatrixXd& a) {
  if (a.rows() != a.cols()) {
    throw std::invalid_argument(
        fmt::format("input-output: A must be square, but it is {}x{}", a.rows(), a.cols()));
  }
  const Eigen::MatrixXd i_minus_a = Eigen::MatrixXd::Identity(a.rows(), a.cols()) - a;
  return Eigen::PartialPivLU<Eigen::MatrixXd>(i_minus_a);
}

}  // namespace

void validate_io_table(const IoTable& t) {
  const Eigen::Index n = static_cast<Eigen::Index>(t.industries.size());
  if (n == 0) throw std::invalid_argument("input-output table: no industries");
  if (t.a.rows() != n || t.a.cols() != n) {
    throw std::invalid_argument(fmt::format(
        "input-output table: A is {}x{} but there are {} industries (first '{}', last '{}')",
        t.a.rows(), t.a.cols(), n, t.industries.front(), t.industries.back()));
  }
  if (t.jobs_per_musd.size() != n) {
    throw std::invalid_argument(fmt::format(
        "input-output table: jobs_per_musd has {} entries but there are {} industries (first "
        "'{}', last '{}')",
        t.jobs_per_musd.size(), n, t.industries.front(), t.industries.back()));
  }
  for (Eigen::Index j = 0; j < n; ++j) {
    const std::string& buyer = t.industries[static_cast<std::size_t>(j)];
    double column_sum = 0.0;
    for (Eigen::Index i = 0; i < n; ++i) {
      const double v = t.a(i, j);
      if (!std::isfinite(v) || v < 0.0) {
        throw std::invalid_argument(fmt::format(
            "input-output table: coefficient for purchases by '{}' from '{}' is {}; it must be "
            "finite and >= 0",
            buyer, t.industries[static_cast<std::size_t>(i)], v));
      }
      column_sum += v;
    }
    if (column_sum >= 1.0) {
      throw std::invalid_argument(fmt::format(
          "input-output table: local purchases by '{}' sum to {} per USD of output; the column "
          "sum must be < 1 for a productive economy",
          buyer, column_sum));
    }
    const double jobs = t.jobs_per_musd(j);
    if (!std::isfinite(jobs) || jobs < 0.0) {
      throw std::invalid_argument(
          fmt::format("input-output table: jobs_per_musd of '{}' is {}; it must be finite and >= 0",
                      buyer, jobs));
    }
  }
}

Eigen::MatrixXd leontief_inverse(const Eigen::MatrixXd& a) {
  return factor(a).solve(Eigen::MatrixXd::Identity(a.rows(), a.cols()));
}

Eigen::VectorXd total_output(const IoTable& t, const Eigen::VectorXd& final_demand) {
  validate_io_table(t);
  if (final_demand.size() != t.a.rows()) {
    throw std::invalid_argument(
        fmt::format("input-output: final demand has {} entries but there are {} industries",
                    final_demand.size(), t.a.rows()));
  }
  return factor(t.a).solve(final_demand);
}

Eigen::VectorXd jobs_supported(const IoTable& t, const Eigen::VectorXd& final_demand) {
  const Eigen::VectorXd x = total_output(t, final_demand);
  return t.jobs_per_musd.cwiseProduct(x) / 1e6;
}

Eigen::VectorXd output_multipliers(const Eigen::MatrixXd& a) {
  return leontief_inverse(a).colwise().sum().transpose();
}

}  // namespace minesim

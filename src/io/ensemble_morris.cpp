// The Morris variables of an ensemble file (io/ensemble_file.h, MorrisLayout).
#include <fmt/format.h>

#include <limits>

#include "io/ensemble_file.h"
#include "io/nc_writer.h"

namespace minesim {

namespace {

using h5::check;
using h5::check_status;

constexpr const char* kStats[] = {"morris_mu_star", "morris_mu", "morris_sigma", "morris_rank"};

}  // namespace

void write_morris_layout(NcWriter& w, const MorrisLayout& m) {
  w.label_axis("morris_indicator", m.indicators, "Morris: the indicator (an output variable)");
  w.label_axis("morris_parameter", m.parameters, "Morris: the parameter (a scenario key path)");
  std::vector<std::string> trajectories;
  for (int t = 1; t <= m.trajectories; ++t) trajectories.push_back(std::to_string(t));
  w.label_axis("morris_trajectory", trajectories, "Morris: the trajectory (its seed)");
  std::vector<std::string> units;
  for (const auto& u : m.units)
    for (const auto& p : m.parameters)
      units.push_back(fmt::format("{} per unit-cube step of {} (its range)", u, p));
  w.fixed_labels("morris_units", std::vector<std::string>{"morris_indicator", "morris_parameter"},
                 units, {Attr::str("long_name", "Morris: the unit of the effects of each pair")});
  const std::string unit = m.units.size() == 1
                               ? fmt::format("{} per unit-cube step (see morris_units)", m.units[0])
                               : std::string("see morris_units");
  const std::vector<std::string> dims{"morris_indicator", "morris_parameter"};
  const std::size_t n = m.indicators.size() * m.parameters.size();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const char* long_names[] = {
      "Morris mu*: the mean absolute elementary effect", "Morris mu: the mean elementary effect",
      "Morris sigma: the sample standard deviation (n - 1) of the elementary effects",
      "Morris rank of the parameter by mu* for the indicator (1: the largest)"};
  for (int i = 0; i < 4; ++i)
    w.fixed_variable(kStats[i], dims, std::vector<double>(n, nan),
                     {Attr::str("units", i == 3 ? std::string("1") : unit),
                      Attr::str("long_name", long_names[i])});
  w.fixed_variable(
      "morris_elementary_effect", {"morris_indicator", "morris_trajectory", "morris_parameter"},
      std::vector<double>(n * static_cast<std::size_t>(m.trajectories), nan),
      {Attr::str("units", unit),
       Attr::str("long_name",
                 "Morris elementary effect: the indicator's change over the trajectory's step of "
                 "the parameter, divided by the step on the unit cube (Delta), upwards")});
}

void write_morris_values(const std::string& path, const MorrisValues& v) {
  h5::Handle file(check(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "H5Fopen"));
  const std::vector<double>* values[] = {&v.mu_star, &v.mu, &v.sigma, &v.rank};
  const auto write = [&](const char* name, const std::vector<double>& x) {
    h5::Handle ds(check(H5Dopen2(file, name, H5P_DEFAULT), "H5Dopen2"));
    check_status(H5Dwrite(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, x.data()),
                 "H5Dwrite");
  };
  for (int i = 0; i < 4; ++i) write(kStats[i], *values[i]);
  write("morris_elementary_effect", v.ee);
  check_status(H5Fflush(file, H5F_SCOPE_GLOBAL), "H5Fflush");
}

}  // namespace minesim

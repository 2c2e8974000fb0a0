// Mines' catchments (world/init.cpp set_catchment) measure only communities within the hiring
// radius in latitude: the result must be exactly what measuring every community gives, near the
// poles and across the antimeridian too.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "model/load.h"
#include "world/world.h"

namespace minesim {
namespace {

// Communities spread over the globe (a golden-angle spiral, with a cluster at the north pole and
// one either side of the antimeridian), a mine in every seventh.
std::string spread_scenario(int communities, double radius_km) {
  std::string s = fmt::format(
      "[simulation]\nstart = 2025-01-01\nmonths = 1\nspinup_months = 0\nseed = 1\n"
      "[mining]\nhiring_radius_km = {}\n",
      radius_km);
  for (int c = 0; c < communities; ++c) {
    double lat = std::asin(-1.0 + 2.0 * (c + 0.5) / communities) * 180.0 / M_PI;
    double lon = std::fmod(c * 137.50776, 360.0) - 180.0;
    if (c % 11 == 0) lat = 89.5 - 0.01 * (c % 50), lon = (c * 37) % 360 - 180.0;
    if (c % 13 == 0) lat = 0.1 * (c % 20), lon = c % 2 ? 179.9 : -179.9;
    s += fmt::format("[communities.c{:04d}]\nlat = {}\nlon = {}\npopulation = 20\n", c, lat, lon);
  }
  for (int m = 0; m * 7 < communities; ++m)
    s += fmt::format(
        "[mines.m{:04d}]\ncommunity = \"c{:04d}\"\nore_tonnes_per_month = 1000\ngrade = 1\n"
        "workforce = 2\n",
        m, 7 * m);
  return s;
}

TEST(Catchment, EqualsMeasuringEveryCommunity) {
  for (const double radius : {50.0, 400.0, 3000.0}) {
    const Scenario s = load_scenario_string(spread_scenario(700, radius), "t.toml");
    const World w = make_world(s);
    std::size_t members = 0;
    for (std::size_t m = 0; m < s.mines.size(); ++m) {
      const auto& host = s.communities[s.mines[m].community];
      std::vector<std::pair<double, std::uint16_t>> all;
      for (std::size_t c = 0; c < s.communities.size(); ++c) {
        const double d =
            static_cast<int>(c) == s.mines[m].community
                ? 0.0
                : distance_km(host.lat, host.lon, s.communities[c].lat, s.communities[c].lon);
        if (d < radius) all.emplace_back(d, static_cast<std::uint16_t>(c));
      }
      std::sort(all.begin(), all.end());
      const auto& got = w.mines[m].catchment;
      ASSERT_EQ(got.size(), all.size()) << "mine " << m << " radius " << radius;
      for (std::size_t i = 0; i < all.size(); ++i) {
        EXPECT_EQ(got[i].first, all[i].second);
        EXPECT_EQ(got[i].second, 1.0 - all[i].first / radius);
      }
      members += all.size();
    }
    EXPECT_GT(members, s.mines.size()) << "radius " << radius << ": catchments beyond the host";
  }
}

}  // namespace
}  // namespace minesim

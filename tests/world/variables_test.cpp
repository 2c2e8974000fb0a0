// docs/output.md against the output registry (world/variables.h): every axis, variable without
// time and time series the registry declares is documented with its axes and units, in the
// registry's order, and the docs list no time series the registry lacks.
#include "world/variables.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace minesim {
namespace {

// The table rows "| `name` | cell | cell | ..." of one section of docs/output.md.
std::vector<std::vector<std::string>> rows_of(const std::string& section) {
  std::ifstream in(std::string(MINESIM_SOURCE_DIR) + "/docs/output.md");
  std::string line;
  bool inside = false;
  std::vector<std::vector<std::string>> out;
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0) inside = line == "## " + section;
    if (!inside || line.rfind("| `", 0) != 0) continue;
    std::vector<std::string> cells;
    std::stringstream ss(line.substr(1));
    std::string cell;
    while (std::getline(ss, cell, '|')) {
      const auto b = cell.find_first_not_of(' '), e = cell.find_last_not_of(' ');
      cells.push_back(b == std::string::npos ? "" : cell.substr(b, e - b + 1));
    }
    if (!cells.empty() && cells[0].size() > 2) cells[0] = cells[0].substr(1, cells[0].size() - 2);
    out.push_back(cells);
  }
  return out;
}

std::string dims_text(const std::vector<Dim>& dims) {
  std::string s;
  for (Dim d : dims) s += (s.empty() ? "" : ", ") + std::string(kDimLabels[idx(d)]);
  return s.empty() ? "–" : s;
}

TEST(Variables, TimeSeriesAreDocumentedInOrderWithAxesAndUnits) {
  const auto rows = rows_of("Time series");
  const auto& vars = series_vars();
  ASSERT_EQ(rows.size(), vars.size());
  for (std::size_t i = 0; i < vars.size(); ++i) {
    ASSERT_GE(rows[i].size(), 3u);
    EXPECT_EQ(rows[i][0], vars[i].name);
    EXPECT_EQ(rows[i][1], dims_text(vars[i].dims)) << vars[i].name;
    EXPECT_EQ(rows[i][2], vars[i].units) << vars[i].name;
  }
}

TEST(Variables, AxesAndFixedVariablesAreDocumented) {
  const auto dims = rows_of("Dimensions");
  for (auto name : kDimLabels) {
    bool found = false;
    for (const auto& r : dims) found = found || r[0] == name;
    EXPECT_TRUE(found) << name;
  }
  const auto fixed = rows_of("Variables without time");
  for (const FixedVar& f : fixed_vars()) {
    bool found = false;
    for (const auto& r : fixed)
      if (r[0] == f.name) {
        found = true;
        ASSERT_GE(r.size(), 4u);
        EXPECT_EQ(r[1], kDimLabels[idx(f.dim)]) << f.name;
        EXPECT_EQ(r[2], f.text ? "string" : "double") << f.name;
        EXPECT_EQ(r[3], f.units) << f.name;
      }
    EXPECT_TRUE(found) << f.name;
  }
}

TEST(Variables, ShapesFollowTheDeclaredAxes) {
  const Extents e{3, 2, 4, 1};
  const auto emp = shape_of<4>(&Indicators::employment, e);
  EXPECT_EQ(emp.size(), 3u * kSectors * kGenders * kSkills);
  EXPECT_EQ(emp(2, 1, 0, 2), ((2u * kSectors + 1) * kGenders + 0) * kSkills + 2);
  EXPECT_EQ(values_per_month(series_of(&Indicators::local_economy_output), e), 12u);
  EXPECT_THROW(shape_of<2>(&Indicators::employment, e), std::logic_error);
  for (const auto& v : series_vars()) EXPECT_EQ(find_series(v.name), &v);
}

}  // namespace
}  // namespace minesim

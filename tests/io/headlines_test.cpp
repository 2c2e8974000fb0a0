// The headline list (io/headlines.h): every entry names a variable and axes the output registry
// has, and each reduction gives the numbers worked out by hand on a small slab.
#include "io/headlines.h"

#include <gtest/gtest.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>

#include "world/variables.h"

namespace minesim {
namespace {

bool has_dim(const SeriesVar& v, std::string_view axis) {
  return std::any_of(v.dims.begin(), v.dims.end(),
                     [&](Dim d) { return kDimLabels[static_cast<std::size_t>(d)] == axis; });
}

std::span<const std::string_view> fixed_labels(std::string_view axis) {
  for (int d = 0; d < kDims; ++d)
    if (kDimLabels[static_cast<std::size_t>(d)] == axis)
      return dim_defs()[static_cast<std::size_t>(d)].labels;
  return {};
}

TEST(Headlines, EveryEntryNamesDeclaredVariablesAndAxes) {
  ASSERT_GE(headlines().size(), 15u);
  for (const Headline& h : headlines()) {
    SCOPED_TRACE(std::string(h.name));
    const SeriesVar* v = find_series(h.variable);
    ASSERT_NE(v, nullptr);
    EXPECT_FALSE(h.unit.empty());
    // A flow is cumulated over months (a total unit); a stock or a ratio is not.
    EXPECT_EQ(h.total_unit.empty(), v->nature != Nature::kFlow);
    if (!h.select_axis.empty()) {
      EXPECT_TRUE(has_dim(*v, h.select_axis));
      const auto labels = fixed_labels(h.select_axis);  // selected by a fixed label
      EXPECT_NE(std::find(labels.begin(), labels.end(), h.select_label), labels.end());
    }
    if (!h.split.empty()) {
      EXPECT_TRUE(has_dim(*v, h.split));
      EXPECT_FALSE(fixed_labels(h.split).empty());  // rows named by fixed labels
    }
    EXPECT_EQ(h.reduce == Reduce::kWeightedMean, !h.weight.empty());
    if (h.reduce == Reduce::kWeightedMean) {
      EXPECT_TRUE(has_dim(*v, h.across));
      ASSERT_NE(find_series(h.weight), nullptr);
      EXPECT_TRUE(has_dim(*find_series(h.weight), h.across));
    }
  }
}

TEST(Headlines, TomlListsEveryHeadlineWithItsFields) {
  const toml::table t = toml::parse(headlines_toml());
  const toml::array* list = t["headline"].as_array();
  ASSERT_NE(list, nullptr);
  ASSERT_EQ(list->size(), headlines().size());
  for (std::size_t k = 0; k < list->size(); ++k) {
    const toml::table& e = *list->at(k).as_table();
    const Headline& h = headlines()[k];
    EXPECT_EQ(e["name"].value_or(std::string()), h.name);
    EXPECT_EQ(e["variable"].value_or(std::string()), h.variable);
    EXPECT_EQ(e["reduce"].value_or(std::string()),
              kReduceLabels[static_cast<std::size_t>(h.reduce)]);
    EXPECT_EQ(e["split"].value_or(std::string()), h.split);
    EXPECT_EQ(e["weight"].value_or(std::string()), h.weight);
    EXPECT_EQ(e["brief"].value_or(false), h.brief);
  }
}

// 2 communities x 3 sectors: row-major, the last axis fastest.
Slab small() { return {{"community", "sector"}, {2, 3}, {1, 2, NAN, 4, NAN, NAN}}; }

TEST(Headlines, SumsSkipNaNAndAreNaNOnlyWhereEveryValueIs) {
  EXPECT_EQ(sum_onto(small(), ""), std::vector<double>{7});
  const auto by_sector = sum_onto(small(), "sector");
  EXPECT_EQ(by_sector[0], 5);
  EXPECT_EQ(by_sector[1], 2);
  EXPECT_TRUE(std::isnan(by_sector[2]));
  EXPECT_EQ(sum_onto(small(), "community"), (std::vector<double>{3, 4}));
  EXPECT_THROW(sum_onto(small(), "mine"), std::invalid_argument);
}

TEST(Headlines, SliceHoldsOneAxisAtOneIndex) {
  const Slab s = slice(small(), 1, 0);
  EXPECT_EQ(s.shape, (std::vector<std::size_t>{2, 1}));
  EXPECT_EQ(s.values, (std::vector<double>{1, 4}));
  EXPECT_THROW(slice(small(), 1, 3), std::invalid_argument);
}

TEST(Headlines, MeansAndWeightedMeans) {
  Headline mean{.name = "m", .variable = "x", .reduce = Reduce::kMean};
  EXPECT_DOUBLE_EQ(headline_values(mean, small(), nullptr)[0], 7.0 / 3);
  mean.split = "community";
  EXPECT_EQ(headline_values(mean, small(), nullptr), (std::vector<double>{1.5, 4}));
  // Shares 0.5 and NaN by community, weights 10 and 30 (the NaN community does not count), then
  // 0.5 and 0.1 with the same weights: (10 x 0.5 + 30 x 0.1) / 40 = 0.2.
  const Headline w{.name = "w",
                   .variable = "x",
                   .reduce = Reduce::kWeightedMean,
                   .across = "community",
                   .weight = "pop"};
  const Slab share{{"community"}, {2}, {0.5, NAN}};
  const Slab pop{{"community", "gender"}, {2, 2}, {4, 6, 10, 20}};
  EXPECT_DOUBLE_EQ(headline_values(w, share, &pop)[0], 0.5);
  const Slab share2{{"community"}, {2}, {0.5, 0.1}};
  EXPECT_DOUBLE_EQ(headline_values(w, share2, &pop)[0], 0.2);
  EXPECT_THROW(headline_values(w, share2, nullptr), std::invalid_argument);
  const Slab three{{"community"}, {3}, {1, 2, 3}};
  EXPECT_THROW(headline_values(w, three, &pop), std::invalid_argument);
}

TEST(Headlines, SplitRowsAreNamedByLabel) {
  const Headline h{.name = "jobs", .variable = "employment", .split = "sector"};
  EXPECT_EQ(headline_rows(h, {"mine", "asm"}),
            (std::vector<std::string>{"jobs: mine", "jobs: asm"}));
  EXPECT_EQ(headline_rows({.name = "x", .variable = "y"}, {"a"}), std::vector<std::string>{"x"});
}

}  // namespace
}  // namespace minesim

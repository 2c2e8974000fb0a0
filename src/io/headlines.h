#pragma once
// The headline indicators, declared once: each names an output variable and how one month of it
// reduces to the figures people quote (a total, a mean, a weighted mean; one axis held at one
// label; one row per label of another axis). `minesim compare` reduces files with it, the summary
// after a run reduces the in-memory indicators with it, and the output file carries the list as
// the root attribute `headlines` (TOML) that tools/report.py reads, so the three show the same rows
// with the same numbers.
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/categories.h"

namespace minesim {

enum class Reduce : std::uint8_t { kSum, kMean, kWeightedMean };
inline constexpr auto kReduceLabels = std::to_array<std::string_view>({"sum", "mean", "weighted"});
static_assert(labels_cover(Reduce::kWeightedMean, kReduceLabels));

// How a row's values are shown (decimals in text; percent in the report for shares).
enum class Style : std::uint8_t { kCount, kShare, kUsd, kUsdCents, kKg };
inline constexpr auto kStyleLabels =
    std::to_array<std::string_view>({"count", "share", "usd", "usd_cents", "kg"});
static_assert(labels_cover(Style::kKg, kStyleLabels));

struct Headline {
  std::string_view name = {};      // the row; with `split`, one row per label: "NAME: LABEL"
  std::string_view variable = {};  // an output variable of world/variables.h
  Reduce reduce = Reduce::kSum;
  // kSum: the NaN-aware total over every axis (per label of `split`); kMean: the NaN-aware mean
  // of every value; kWeightedMean: totals onto axis `across`, averaged with the totals of
  // variable `weight` onto the same axis as weights.
  std::string_view select_axis = {}, select_label = {};  // hold one axis at one label first
  std::string_view split = {};
  std::string_view across = {}, weight = {};
  std::string_view unit = {};        // of one month's value
  std::string_view total_unit = {};  // of the value summed over months; empty: a stock or a ratio
  Style style = Style::kCount;
  bool brief = false;  // also in the summary printed after a run
};
std::span<const Headline> headlines();

// The list as TOML (`[[headline]]` tables with the fields above), the output's `headlines`.
std::string headlines_toml();

// One month of one variable after time: values row-major over `shape`, the axes named by `dims`.
struct Slab {
  std::vector<std::string> dims;
  std::vector<std::size_t> shape;
  std::vector<double> values;
};
// `s` with axis `axis` held at `index` (that axis keeps extent 1).
Slab slice(const Slab& s, std::size_t axis, std::size_t index);
// Per index of axis `keep` (one value when empty): the NaN-aware sum over the other axes, NaN
// where every summed value is NaN. std::invalid_argument when `keep` is not an axis of `s`.
std::vector<double> sum_onto(const Slab& s, std::string_view keep);

// The headline's values in one month: one per label of `split`, else one. `v` has the select
// already applied; `weight` is the same month of the weight variable (kWeightedMean only).
std::vector<double> headline_values(const Headline& h, const Slab& v, const Slab* weight);
// Row names: NAME, or NAME: LABEL per label of the split axis.
std::vector<std::string> headline_rows(const Headline& h, const std::vector<std::string>& labels);

// Every headline row of one month of in-memory indicators (the summary after a run), in order.
struct Indicators;
struct Extents;
struct HeadlineValue {
  const Headline* headline;
  std::string row;
  double value;
};
std::vector<HeadlineValue> headline_table(const Indicators& ind, const Extents& e);

}  // namespace minesim

#pragma once
// A mine's corporate income tax base as assessed (docs/ODD.md §7.11): technology capital
// depreciated straight line by yearly vintage, development capital straight line from the start,
// tax losses carried forward. Plain values, one per mine (few rows).
#include <array>
#include <cstdint>

#include "core/constants.h"
#include "core/money.h"

namespace minesim {

using constants::kMaxAssetLifeYears;

struct MineTaxState {
  // Technology capex paid in each year, in a ring of life + 1 slots by year % (life + 1): the
  // vintages of the life years before this one are being depreciated, this year's is collecting.
  std::array<Cents, kMaxAssetLifeYears + 1> capex_of_year{};
  std::array<int, kMaxAssetLifeYears + 1> year_of_slot{};
  Cents development_left = 0;     // development capital not yet depreciated (simulated scale)
  Cents development_monthly = 0;  // its straight-line deduction per open month
  Cents losses = 0;               // tax losses carried forward (simulated scale)
};

}  // namespace minesim

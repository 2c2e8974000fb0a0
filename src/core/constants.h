#pragma once
// Structural constants: units and physical or accounting facts that no scenario should change.
// Behavioural numbers (ages, rates, shares, gains) are scenario keys instead (docs/scenarios.md).
namespace minesim::constants {

// Grams in a troy ounce (gold prices are per troy ounce); exact by definition.
inline constexpr double kGramsPerTroyOunce = 31.1034768;
// CO2 from burning a litre of diesel: the IPCC 2006 default emission factor for diesel
// (74,100 kg CO2/TJ) times its energy content, rounded as the IPCC tables give it.
inline constexpr double kKgCo2PerLitreDiesel = 2.68;
// The longest asset life for tax depreciation (economy.*_life_years): sizes each mine's ring of
// yearly capex vintages (agents/mine_tax.h).
inline constexpr int kMaxAssetLifeYears = 30;

}  // namespace minesim::constants

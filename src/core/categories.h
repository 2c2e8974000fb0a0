#pragma once
// Categorical axes of the model. Their labels are fixed by the output contract
// (../shared/design/output-contract.md); the enum order is the label order in the output.
//
// Each axis is one block: the enum, its labels (the count is the number of labels) and a
// static_assert that the labels cover the enum exactly (the last enumerator is the last label) and
// that none is empty or repeated. A forgotten label, an enumerator added without its label or a
// label given twice fails to compile.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace minesim {

template <class E>
constexpr int idx(E e) {
  return static_cast<int>(e);
}

// Labels of an axis without an enum (age groups, ...): non-empty and distinct.
template <std::size_t N>
constexpr bool labels_distinct(const std::array<std::string_view, N>& labels) {
  for (std::size_t i = 0; i < N; ++i) {
    if (labels[i].empty()) return false;
    for (std::size_t j = 0; j < i; ++j)
      if (labels[j] == labels[i]) return false;
  }
  return true;
}

// True when `labels` name the enumerators 0..last, each with its own non-empty label.
template <class E, std::size_t N>
constexpr bool labels_cover(E last, const std::array<std::string_view, N>& labels) {
  return static_cast<std::size_t>(last) + 1 == N && labels_distinct(labels);
}

template <std::size_t N>
constexpr int count_of(const std::array<std::string_view, N>&) {
  return static_cast<int>(N);
}

enum class Gender : std::uint8_t { kFemale = 0, kMale = 1 };
inline constexpr auto kGenderLabels = std::to_array<std::string_view>({"female", "male"});
inline constexpr int kGenders = count_of(kGenderLabels);
static_assert(labels_cover(Gender::kMale, kGenderLabels));

enum class Skill : std::uint8_t { kLow = 0, kSemi = 1, kHigh = 2 };
inline constexpr auto kSkillLabels = std::to_array<std::string_view>({"low", "semi", "high"});
inline constexpr int kSkills = count_of(kSkillLabels);
static_assert(labels_cover(Skill::kHigh, kSkillLabels));

enum class Sector : std::uint8_t {
  kMine = 0,
  kSupplier = 1,
  kAsm = 2,
  kLocalEconomy = 3,
  kFarmingInformal = 4,
};
inline constexpr auto kSectorLabels = std::to_array<std::string_view>(
    {"mine", "supplier", "asm", "local_economy", "farming_informal"});
inline constexpr int kSectors = count_of(kSectorLabels);
static_assert(labels_cover(Sector::kFarmingInformal, kSectorLabels));

inline constexpr auto kAgeGroupLabels =
    std::to_array<std::string_view>({"0-14", "15-24", "25-64", "65+"});
inline constexpr int kAgeGroups = count_of(kAgeGroupLabels);
static_assert(labels_distinct(kAgeGroupLabels));
constexpr int age_group_of_years(int years) {
  return years < 15 ? 0 : years < 25 ? 1 : years < 65 ? 2 : 3;
}
static_assert(age_group_of_years(200) == kAgeGroups - 1);

enum class Technology : std::uint8_t {
  kAutonomousHaulage = 0,
  kAutomatedDrilling,
  kRemoteOperationsCentre,
  kPredictiveMaintenanceAi,
  kBatteryElectricFleet,
  kProcessAutomation,
};
inline constexpr auto kTechnologyLabels = std::to_array<std::string_view>(
    {"autonomous_haulage", "automated_drilling", "remote_operations_centre",
     "predictive_maintenance_ai", "battery_electric_fleet", "process_automation"});
inline constexpr int kTechnologies = count_of(kTechnologyLabels);
static_assert(labels_cover(Technology::kProcessAutomation, kTechnologyLabels));

enum class Instrument : std::uint8_t { kRoyalty = 0, kCorporateIncomeTax, kPayrollTax, kOther };
inline constexpr auto kInstrumentLabels =
    std::to_array<std::string_view>({"royalty", "corporate_income_tax", "payroll_tax", "other"});
inline constexpr int kInstruments = count_of(kInstrumentLabels);
static_assert(labels_cover(Instrument::kOther, kInstrumentLabels));

enum class Location : std::uint8_t { kInCountry = 0, kAbroad = 1 };
inline constexpr auto kLocationLabels = std::to_array<std::string_view>({"in_country", "abroad"});
inline constexpr int kLocations = count_of(kLocationLabels);
static_assert(labels_cover(Location::kAbroad, kLocationLabels));

enum class Commodity : std::uint8_t { kGold = 0, kCopper, kCobalt };
inline constexpr auto kCommodityLabels =
    std::to_array<std::string_view>({"gold", "copper", "cobalt"});
inline constexpr int kCommodities = count_of(kCommodityLabels);
static_assert(labels_cover(Commodity::kCobalt, kCommodityLabels));

// Mine occupation groups: where technology removes and creates roles.
enum class Occupation : std::uint8_t {
  kHaulage = 0,  // haulage and mobile-equipment operation
  kDrillingBlasting,
  kProcessing,
  kMaintenance,
  kAdministration,
  kTechnical,  // technical and remote operations
};
inline constexpr auto kOccupationLabels = std::to_array<std::string_view>(
    {"haulage", "drilling_blasting", "processing", "maintenance", "administration", "technical"});
inline constexpr int kOccupations = count_of(kOccupationLabels);
static_assert(labels_cover(Occupation::kTechnical, kOccupationLabels));

// Procurement and supplier categories (output contract).
enum class Category : std::uint8_t {
  kCateringCamp = 0,
  kTransportLogistics,
  kConstruction,
  kMaintenance,
  kConsumablesFuel,
  kEnergy,
  kEquipmentDigital,
};
inline constexpr auto kCategoryLabels = std::to_array<std::string_view>(
    {"catering_camp", "transport_logistics", "construction", "maintenance", "consumables_fuel",
     "energy", "equipment_digital"});
inline constexpr int kCategories = count_of(kCategoryLabels);
static_assert(labels_cover(Category::kEquipmentDigital, kCategoryLabels));

// What a category's spend scales with (Mining a Mirage?, IISD/CCSI 2016).
enum class Linkage : std::uint8_t { kHeadcount = 0, kTonnage, kTechnology };
inline constexpr auto kLinkageLabels =
    std::to_array<std::string_view>({"headcount", "tonnage", "technology"});
inline constexpr int kLinkages = count_of(kLinkageLabels);
static_assert(labels_cover(Linkage::kTechnology, kLinkageLabels));

// Where a purchase goes.
enum class Origin : std::uint8_t { kLocal = 0, kNational, kForeign };
inline constexpr auto kOriginLabels =
    std::to_array<std::string_view>({"local", "national", "foreign"});
inline constexpr int kOrigins = count_of(kOriginLabels);
static_assert(labels_cover(Origin::kForeign, kOriginLabels));

// Where a person comes from (the output's `person_origin`; the enum is agents/persons.h's
// Origin8, whose values must be these labels' indices).
inline constexpr auto kPersonOriginLabels =
    std::to_array<std::string_view>({"local", "migrant", "expatriate"});
static_assert(labels_distinct(kPersonOriginLabels));

enum class MineType : std::uint8_t { kOpenPit = 0, kUnderground };
inline constexpr auto kMineTypeLabels =
    std::to_array<std::string_view>({"open_pit", "underground"});
static_assert(labels_cover(MineType::kUnderground, kMineTypeLabels));

}  // namespace minesim

#pragma once
// Categorical axes of the model. Their labels are fixed by the output contract
// (../shared/design/output-contract.md); the enum order is the label order in the output.
#include <array>
#include <cstdint>
#include <string_view>

namespace minesim {

enum class Gender : std::uint8_t { kFemale = 0, kMale = 1 };
inline constexpr int kGenders = 2;
inline constexpr std::array<std::string_view, kGenders> kGenderLabels{"female", "male"};

enum class Skill : std::uint8_t { kLow = 0, kSemi = 1, kHigh = 2 };
inline constexpr int kSkills = 3;
inline constexpr std::array<std::string_view, kSkills> kSkillLabels{"low", "semi", "high"};

enum class Sector : std::uint8_t {
  kMine = 0,
  kSupplier = 1,
  kAsm = 2,
  kLocalEconomy = 3,
  kFarmingInformal = 4,
};
inline constexpr int kSectors = 5;
inline constexpr std::array<std::string_view, kSectors> kSectorLabels{
    "mine", "supplier", "asm", "local_economy", "farming_informal"};

inline constexpr int kAgeGroups = 4;
inline constexpr std::array<std::string_view, kAgeGroups> kAgeGroupLabels{"0-14", "15-24", "25-64",
                                                                          "65+"};
constexpr int age_group_of_years(int years) {
  return years < 15 ? 0 : years < 25 ? 1 : years < 65 ? 2 : 3;
}

enum class Technology : std::uint8_t {
  kAutonomousHaulage = 0,
  kAutomatedDrilling,
  kRemoteOperationsCentre,
  kPredictiveMaintenanceAi,
  kBatteryElectricFleet,
  kProcessAutomation,
};
inline constexpr int kTechnologies = 6;
inline constexpr std::array<std::string_view, kTechnologies> kTechnologyLabels{
    "autonomous_haulage",        "automated_drilling",     "remote_operations_centre",
    "predictive_maintenance_ai", "battery_electric_fleet", "process_automation"};

enum class Instrument : std::uint8_t { kRoyalty = 0, kCorporateIncomeTax, kPayrollTax, kOther };
inline constexpr int kInstruments = 4;
inline constexpr std::array<std::string_view, kInstruments> kInstrumentLabels{
    "royalty", "corporate_income_tax", "payroll_tax", "other"};

enum class Location : std::uint8_t { kInCountry = 0, kAbroad = 1 };
inline constexpr int kLocations = 2;
inline constexpr std::array<std::string_view, kLocations> kLocationLabels{"in_country", "abroad"};

enum class Commodity : std::uint8_t { kGold = 0, kCopper, kCobalt };
inline constexpr int kCommodities = 3;
inline constexpr std::array<std::string_view, kCommodities> kCommodityLabels{"gold", "copper",
                                                                             "cobalt"};

// Mine occupation groups: where technology removes and creates roles.
enum class Occupation : std::uint8_t {
  kHaulage = 0,          // haulage and mobile-equipment operation
  kDrillingBlasting,
  kProcessing,
  kMaintenance,
  kAdministration,
  kTechnical,            // technical and remote operations
};
inline constexpr int kOccupations = 6;
inline constexpr std::array<std::string_view, kOccupations> kOccupationLabels{
    "haulage", "drilling_blasting", "processing", "maintenance", "administration", "technical"};

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
inline constexpr int kCategories = 7;
inline constexpr std::array<std::string_view, kCategories> kCategoryLabels{
    "catering_camp", "transport_logistics", "construction",    "maintenance",
    "consumables_fuel", "energy",           "equipment_digital"};

// What a category's spend scales with (Mining a Mirage?, IISD/CCSI 2016).
enum class Linkage : std::uint8_t { kHeadcount = 0, kTonnage, kTechnology };
inline constexpr int kLinkages = 3;
inline constexpr std::array<std::string_view, kLinkages> kLinkageLabels{"headcount", "tonnage",
                                                                        "technology"};

// Where a purchase goes.
enum class Origin : std::uint8_t { kLocal = 0, kNational, kForeign };
inline constexpr int kOrigins = 3;
inline constexpr std::array<std::string_view, kOrigins> kOriginLabels{"local", "national",
                                                                      "foreign"};

enum class MineType : std::uint8_t { kOpenPit = 0, kUnderground };
inline constexpr std::array<std::string_view, 2> kMineTypeLabels{"open_pit", "underground"};

template <class E>
constexpr int idx(E e) {
  return static_cast<int>(e);
}

}  // namespace minesim

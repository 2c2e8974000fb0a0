#pragma once
// The scenario: what the user wrote, with defaults filled in and every value checked. Plain data;
// it never changes during a run (policies change the World's levers, not the Scenario). Keys,
// units, defaults and ranges are documented in docs/scenarios.md; sources in docs/ODD.md.
#include <any>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/categories.h"

namespace minesim {

struct SimulationParams {
  Month start{2025, 1};
  int months = 120;
  int spinup_months = 12;  // months run before `start` and not recorded, to settle the economy
  std::uint64_t seed = 1;
  double population_scale = 1.0;  // simulated persons per real person
  int flush_months = 12;          // months buffered per HDF5 chunk write and flush
};

struct LabourParams {
  int working_age = 15;               // years
  int retirement_age = 65;            // years
  double participation_female = 0.6;  // share of working-age persons who seek work
  double participation_male = 0.75;
  double quit_rate = 0.01;  // monthly voluntary separation probability
  // Probability that a mine accepts an equal female candidate, by occupation (hiring bias).
  std::array<double, kOccupations> mine_female_acceptance{0.02, 0.01, 0.04, 0.02, 0.15, 0.06};
  // Occupation transition network: from a mine occupation (row) to the occupations a worker can
  // be hired into without training (besides their own). Technical roles need certification or
  // high skill.
  std::array<std::array<bool, kOccupations>, kOccupations> related{{
      {false, true, true, false, false, false},   // haulage: drilling, processing
      {true, false, true, false, false, false},   // drilling_blasting: haulage, processing
      {true, true, false, true, false, false},    // processing: haulage, drilling, maintenance
      {false, false, true, false, false, true},   // maintenance: processing, technical
      {false, false, false, false, false, true},  // administration: technical
      {false, false, false, true, true, false},   // technical: maintenance, administration
  }};
  // Occupations open to a person with no mine experience.
  std::array<bool, kOccupations> entry{true, true, true, true, true, false};
};

// Artisanal and small-scale mining ([asm] and [asm_sites.NAME]).
enum class AsmTech : std::uint8_t { kManual = 0, kMechanised, kMercuryFree };
inline constexpr int kAsmTechs = 3;
inline constexpr std::array<std::string_view, kAsmTechs> kAsmTechLabels{"manual", "mechanised",
                                                                        "mercury_free"};
struct AsmParams {
  double output_per_worker_g = 5.7;  // gold per worker-month at the reference crowding
  double crowding_exponent = 0.5;    // output = A * workers^exponent (diminishing returns)
  double worker_share = 0.3;         // of gold value reaching the workers
  // The rest of the gold's value at the local price: inputs bought out of the region (mercury,
  // fuel, equipment), then the pit owners' share, owner_local_share of which is paid to the
  // site's pit owners/managers; traders keep local_price_discount of the world value.
  double input_share = 0.15;             // of the local value: inputs paid out of the region
  double owner_local_share = 0.5;        // of the pit owners' share: owners living in the community
  double managing_share = 0.05;          // of a site's workers who are pit owners or managers
  double managing_share_female = 0.1;    // of pit owners and managers who are women
  double processing_pay_ratio = 0.7;     // a processor's pay over a digger's
  double local_price_discount = 0.1;     // local price below world price
  double risk_premium = 0.2;             // over farming income that draws workers in
  double processing_share_female = 0.9;  // of processing done by women
  double digging_share_female = 0.15;    // of digging done by women
  std::array<double, kAsmTechs> productivity{1.0, 1.6, 1.0};       // ore handled per worker
  std::array<double, kAsmTechs> recovery{0.3, 0.3, 0.42};          // gold recovered
  std::array<double, kAsmTechs> processing_share{0.4, 0.15, 0.3};  // of workers who process
  std::array<double, kAsmTechs> labour_factor{1.0, 0.6, 0.9};      // workers a site can hold
  std::array<double, kAsmTechs> mercury_per_gold{5.0, 1.0, 0.0};   // g Hg per g Au
  std::array<double, 2> official_share{0.2, 0.8};  // informal, formal: gold sold officially
  double royalty_rate = 0.03;                      // on official sales
  double incidents_per_million_hours = 13;         // recordable incidents
  double hours_per_month = 200;
  // Multiplies every site's reference_workers and max_workers: one knob for the size of the
  // sector where estimates differ widely (Burkina Faso: 140,196 to ~1,000,000 miners).
  double workers_scale = 1.0;
};

struct AsmSiteParams {
  std::string name;
  int community = 0;
  std::int64_t reference_workers = 0;  // real workers at which output per worker is the reference
  std::int64_t max_workers = 0;        // real workers the deposit can hold (manual)
  AsmTech technology = AsmTech::kManual;
  bool formal = false;
  // Gold, or another mineral (tin, coltan, cobalt, gems, building materials) valued in USD:
  // no mercury, no gold output, and a fixed value per worker-month at the reference crowding.
  bool gold = true;
  double value_per_worker_usd = 0;  // other minerals only: USD per worker-month at reference
  // Country or site values of [asm] keys (negative: the [asm] value). mercury_per_gold applies
  // while the site works with its own `technology`; an upgrade takes the technology's ratio.
  double output_per_worker_g = -1;
  double mercury_per_gold = -1;
  double processing_share_female = -1;
  double digging_share_female = -1;
  double managing_share_female = -1;
  // A scheduled change of technology or licence (e.g. mechanisation), if any.
  std::optional<Month> upgrade_start;
  AsmTech upgrade_to = AsmTech::kManual;
  bool upgrade_formal = false;
  int displaced_by_mine = -1;  // a mine whose industrial licence covers the site's ground
  std::string displaced_by_mine_name;
};

enum class Payer : std::uint8_t { kGovernment = 0, kDonors, kMines };
inline constexpr std::array<std::string_view, 3> kPayerLabels{"government", "donors", "mines"};

// A training programme for new-technology roles ([training.NAME]).
struct TrainingParams {
  std::string name;
  std::vector<int> communities;  // empty: every community
  Month start{2025, 1};
  Month end{2100, 1};         // first month without new enrolment
  std::int64_t capacity = 0;  // real persons in training at once
  int duration_months = 6;
  double cost_usd = 3300;  // per trainee, whole course
  Skill min_skill = Skill::kLow;
  double pass_rate = 0.8;
  double women_quota = 0.0;     // share of seats offered to women first
  double female_barrier = 0.4;  // chance a woman offered a seat cannot take it
  Payer payer = Payer::kGovernment;
  int ramp_months = 0;     // months for the capacity to reach full strength
  std::vector<int> mines;  // payer = mines: the mines that pay (empty: all)
  // A skills_training intervention's course: its seats are opened by the lever (world/levers.h
  // training_seats), not by start, end and ramp_months, which it does not use.
  bool opened_by_lever = false;
};

// A policy intervention ([interventions.NAME]); docs/policies.md describes each type.
enum class InterventionType : std::uint8_t {
  kSkillsTraining = 0,
  kLocalHiringRequirement,
  kLocalProcurementRequirement,
  kSupplierDevelopment,
  kEconomicDiversification,
  kTaxReform,
  kGenderInclusion,
  kAsmFormalisation,
  kStagedAutomation,
};
inline constexpr int kInterventionTypes = 9;
inline constexpr std::array<std::string_view, kInterventionTypes> kInterventionLabels{
    "skills_training",      "local_hiring_requirement", "local_procurement_requirement",
    "supplier_development", "economic_diversification", "tax_reform",
    "gender_inclusion",     "asm_formalisation",        "staged_automation"};

// The common keys of an intervention; the lever's own parameters are a struct of its own file in
// src/policies/ (one per lever), held here type-erased so that this layer does not depend on the
// levers (the policy layer's table hands the loader each lever's reader: scenario/lever_reader.h).
struct InterventionParams {
  std::string name;
  InterventionType type = InterventionType::kTaxReform;
  Month start{2025, 1};
  std::optional<Month> end;      // first month without the intervention
  int ramp_months = 0;           // months to full strength
  std::vector<int> communities;  // targets (empty: all)
  std::vector<int> mines;        // targets (empty: all)
  double budget_usd = 0;         // per month at full strength
  Payer payer = Payer::kGovernment;
  std::string text;  // the intervention's own TOML (recorded in the output)
  std::any params;   // the lever's own parameters (its struct in src/policies/TYPE.cpp)
};

struct WageParams {
  std::array<double, kSkills> mine_usd{250, 450, 1500};         // gross, per month
  std::array<double, kSkills> supplier_usd{120, 250, 700};      // per month
  std::array<double, kSkills> local_economy_usd{70, 120, 300};  // per month
  double farming_informal_usd = 45;                             // per worker-month
  double expatriate_premium = 2.0;  // x a mine post's wage for an expatriate holder
  // Share of a farming worker's produce that the household eats: valued at the producer price of
  // the part sold, so the value is farming_informal_usd x share / (1 - share) per worker-month.
  // Not cash: it counts in income for poverty only (world/households.cpp). 0: cash income only.
  double own_consumption_share = 0;
};

// The price basis of economy.poverty_line_usd: market prices (the model's USD, at market exchange
// rates) or PPP dollars, converted to market prices with economy.price_level_ratio.
enum class PriceBasis : std::uint8_t { kMarket, kPpp };
inline constexpr std::array<std::string_view, 2> kPriceBasisLabels{"market", "ppp"};

struct EconomyParams {
  double poverty_line_usd = 65;  // per person-month, in poverty_line_basis
  PriceBasis poverty_line_basis = PriceBasis::kMarket;
  double price_level_ratio = 1.0;  // market USD per PPP dollar (used when the line is in PPP)
  double consumption_share = 0.9;  // of household income
  double local_consumption_share = 0.6;
  double royalty_rate = 0.04;
  double corporate_income_tax_rate = 0.275;
  double payroll_tax_rate = 0.1;
  double profit_shifting_share = 0.1;   // share of mine profit moved abroad before CIT
  double other_levy_usd_per_tonne = 0;  // other levies on ore processed
  // Super-profits tax (DRC 2018 Mining Code): a rate on the revenue earned above
  // trigger x a mine's feasibility-study price (mines.*.feasibility_price_usd).
  double super_profits_tax_rate = 0;
  double super_profits_trigger = 1.25;
  // Corporate income tax as assessed (§7.11): straight-line lives of technology capital (0:
  // expensed as paid) and of development capital, and the share of a month's taxable profit that
  // losses carried forward may offset.
  int technology_life_years = 5;
  int development_life_years = 10;
  double loss_offset_cap = 1.0;
};

// A commodity's price: constant, a given path, or a seeded mean-reverting process.
enum class PriceMode : std::uint8_t { kConstant, kPath, kMeanReverting };
struct PricePoint {
  Month month;
  double usd;
};
struct PriceParams {
  PriceMode mode = PriceMode::kConstant;
  double base_usd = 0;           // price at the start and long-run level at the start
  std::vector<PricePoint> path;  // kPath: sorted; linear between points, flat outside
  // kMeanReverting only: observed prices (sorted, linear between points, flat before the first);
  // the seeded process starts from the last of them.
  std::vector<PricePoint> observed;
  double reversion = 0.05;      // share of the log gap to the long-run level closed per month
  double volatility = 0.05;     // standard deviation of the monthly log shock
  double trend_per_year = 0.0;  // growth of the long-run level (low-carbon transition demand)
};

// Births, deaths, household formation and migration ([demography]).
struct DemographyParams {
  std::array<double, kAgeGroups> mortality_per_year{0.012, 0.002, 0.006, 0.05};
  double fertility_per_year = 0.165;      // births per woman aged 15-49 per year
  double leave_home_per_year = 0.03;      // persons aged 18-35 who are not household heads
  double internal_migration_rate = 0.02;  // per month: an unemployed seeker moving for work
  double out_migration_rate = 0.003;      // per month: an unemployed seeker leaving the region
  double in_migration_share = 0.3;        // of unfilled vacancies filled by newcomers next month
  double migrant_female_share = 0.3;      // women among newcomers
  double expatriate_share_high = 0.3;     // of high-skill newcomers who come from abroad
  int fertile_age_min = 15;               // years: women give birth from this age
  int fertile_age_max = 49;               // years: to this age (included)
  int leave_home_age_min = 18;            // years: young adults leave home from this age
  int leave_home_age_max = 35;            // years: to this age (included)
  double prospects_gain = 10.0;           // migration: full rate at a gap of 1/gain in prospects
  int newcomer_age_min = 23;              // years: newcomers' ages are uniform in [min, max)
  int newcomer_age_max = 43;              // years
  double newborn_female_share = 0.5;      // girls among newborns
};

// Shared by all mines ([mining]).
struct MiningParams {
  static constexpr int kMineTypes = 2;  // MineType: open_pit, underground
  std::array<double, kOccupations> occupation_shares{0.20, 0.10, 0.15, 0.27, 0.15, 0.13};
  // Default shares by mine type (mining.occupation_shares_by_type.*), used when the scenario sets
  // neither the type's shares nor mining.occupation_shares. Underground: assumption (ODD §7.6).
  std::array<std::array<double, kOccupations>, kMineTypes> occupation_shares_by_type{
      {{0.20, 0.10, 0.15, 0.27, 0.15, 0.13}, {0.14, 0.20, 0.13, 0.27, 0.13, 0.13}}};
  // Whether the scenario set mining.occupation_shares / each type's shares (precedence, §7.6).
  bool occupation_shares_set = false;
  std::array<bool, kMineTypes> type_shares_set{};
  // Share of on-site roles held by contractors, by mine type (Glencore KCC and MUMI 2022).
  std::array<double, kMineTypes> contractor_share_by_type{0.47, 0.47};
  double contractor_margin = 0.10;  // contracting firms' margin on contract wages (assumption)
  std::array<std::array<double, kSkills>, kOccupations> skill_mix{{{0.7, 0.3, 0.0},
                                                                   {0.5, 0.45, 0.05},
                                                                   {0.5, 0.4, 0.1},
                                                                   {0.1, 0.6, 0.3},
                                                                   {0.3, 0.5, 0.2},
                                                                   {0.0, 0.1, 0.9}}};
  std::array<Linkage, kCategories> linkage{
      Linkage::kHeadcount, Linkage::kHeadcount, Linkage::kTonnage,   Linkage::kTonnage,
      Linkage::kTonnage,   Linkage::kTonnage,   Linkage::kTechnology};
  // USD per on-site employee-month (headcount), per tonne of ore (tonnage) or per tonne of the
  // mine's ore capacity (technology: charged on installed plant, not on this month's output).
  std::array<double, kCategories> spend_rate{150, 100, 2, 8, 14, 6, 3};
  // Technology-linked categories: yearly upkeep as a share of the installed technology capital.
  std::array<double, kCategories> technology_upkeep{0, 0, 0, 0, 0, 0, 0.10};
  std::array<double, kCategories> local_threshold{0.2, 0.3, 0.4, 0.6, 0.5, 0.8, 0.9};
  std::array<double, kCategories> national_share{0.8, 0.7, 0.6, 0.4, 0.5, 0.7, 0.1};
  double hiring_radius_km = 50;  // commuting and local effects fade to zero at this distance
  int review_months = 12;        // endogenous adoption: months between technology reviews
  double discount_rate = 0.10;   // per year
  int horizon_years = 10;        // appraisal horizon
  double social_licence_cost_per_role_usd = 0;  // one-off cost per role removed
  double automation_levy_usd_per_role = 0;      // per role removed per year (a policy lever)
  double diesel_litres_per_tonne = 1.2;
  double electricity_kwh_per_tonne = 25;
  double grid_kg_co2_per_kwh = 0.5;
  double underground_ventilation_share = 0.45;  // of an underground mine's electricity
  double retraining_cost_usd = 3300;            // per redeployed worker
  int cost_base_year = 2025;       // technology costs are this year's price levels (learning curve)
  double expatriate_share = 0.10;  // default of mines.*.expatriate_share
};

struct TechnologyParams {
  std::string name;
  Month available{2000, 1};
  std::array<double, kOccupations> roles_removed_share{};  // of on-site roles at full adoption
  double roles_created_per_removed = 0;  // new technical high-skill roles per removed role
  double remote_share = 0;               // of created roles held at a remote centre
  double remote_abroad_share = 0;        // of remote roles held abroad
  double remote_female_share = 0.5;      // women among remote roles
  double productivity_gain = 0;          // ore throughput gain at full adoption
  int learning_months = 0;               // months after start with under-performance
  double learning_dip = 0;               // throughput loss (share) during learning, no gain yet
  double incident_reduction = 0;         // fall in incident rate at full adoption
  double capex_usd_per_role_removed = 0;
  double capex_usd_per_mtpa = 0;      // per Mt/yr of ore throughput
  double capex_usd_fixed = 0;         // per mine (systems, network, integration)
  double capex_decline_per_year = 0;  // cost learning curve after 2025 (2025 price levels)
  int ramp_months = 36;               // endogenous adoption: months to full adoption
  std::array<double, kCategories> procurement_change{};  // change of the category's spend rate
  double diesel_change = 0;  // change of diesel use per tonne at full adoption
  double electricity_change = 0;
  double ventilation_reduction = 0;  // cut in underground ventilation energy at full adoption
};

struct AdoptionParams {
  Technology technology = Technology::kAutonomousHaulage;
  Month start{2028, 1};
  int ramp_months = 24;
  double target_share = 1.0;
};

struct CommunityParams {
  std::string name;
  double lat = 0, lon = 0;
  std::int64_t population = 0;  // real persons
  double household_size = 6.0;  // mean persons per household
  std::array<double, kAgeGroups> age_shares{0.453, 0.2, 0.313, 0.034};
  std::array<double, kSkills> skill_shares{0.7, 0.25, 0.05};  // among persons aged 15+
  double female_share = 0.5;
  double female_head_share = 0.16;      // of households (INSD RGPH 2019, Burkina Faso)
  double farming_capacity_share = 0.5;  // farming/informal jobs per working-age person
  std::array<std::int64_t, kCategories> suppliers{};      // initial local firms
  std::array<double, kCategories> supplier_capability{};  // their mean capability
};

struct SupplierParams {
  double labour_share = 0.35;      // wages as a share of revenue
  double local_input_share = 0.3;  // of revenue bought from the local economy
  double import_share = 0.25;      // of revenue bought from outside the region
  std::array<double, kSkills> skill_mix{0.5, 0.35, 0.15};  // of a firm's jobs
  double invest_share = 0.2;                               // of profit invested in upgrading
  double upgrade_cost_usd = 200000;    // investment that raises capability by 0.1
  double capacity_usd = 50000;         // initial monthly sales capacity of an initial firm
  double capital_per_capacity = 3;     // USD of capital per USD of monthly sales capacity
  double startup_capital_usd = 10000;  // capital an entrant needs (its initial capacity / ratio)
  Skill entry_owner_skill =
      Skill::kSemi;                  // least skill of the owner (household head) of an entrant
  double loan_limit_share = 0.5;     // debt at most this share of the firm's capital
  double loan_rate_per_year = 0.15;  // interest on supplier debt
  int loan_term_months = 36;         // debt repaid in equal parts over this many months
  int exit_idle_months = 12;         // months without sales before exit
  double exit_loss_usd = 100000;     // accumulated losses that force exit
  double entry_rate = 0.05;          // monthly entry probability when unmet demand is large
  double entry_unmet_usd = 50000;    // unmet local demand (USD/month) that invites entry
  double entrant_capability = 0.5;   // mean capability of an entrant
  double upgrade_capability = 0.1;   // capability an investment of upgrade_cost_usd adds
  double capability_spread = 0.25;   // firms' capability: mean x U(1 - spread, 1 + spread)
};

struct LocalEconomyParams {
  std::vector<std::string> industries{"agriculture", "trade_services", "construction",
                                      "manufacturing"};
  std::vector<std::vector<double>> coefficients{{0.10, 0.05, 0.02, 0.05},
                                                {0.05, 0.10, 0.08, 0.06},
                                                {0.01, 0.02, 0.05, 0.02},
                                                {0.04, 0.03, 0.10, 0.08}};
  std::vector<double> jobs_per_musd{250, 180, 120, 90};  // per million USD of annual output
  std::vector<double> household_shares{0.45, 0.40, 0.05, 0.10};
  std::vector<double> supplier_shares{0.10, 0.50, 0.20, 0.20};
};

struct MineParams {
  std::string name;
  int community = 0;  // index into Scenario::communities
  Commodity commodity = Commodity::kGold;
  MineType type = MineType::kOpenPit;
  Month open{2000, 1};
  Month close{2100, 1};  // first month closed
  double ore_tonnes_per_month = 0;
  double grade = 0;  // g/t for gold; percent for copper and cobalt
  double recovery = 0.9;
  std::int64_t workforce = 0;                            // on-site roles before technology
  std::array<double, kOccupations> occupation_shares{};  // default: mining.occupation_shares
  double wage_level = 1.0;   // multiplies the low- and semi-skill [wages] mine wages
  double royalty_rate = -1;  // the mine's own royalty (e.g. a strategic substance); -1: economy's
  double feasibility_price_usd = 0;  // price of its feasibility study (super-profits tax); 0: none
  double development_capital_usd = 0;  // development capital spent at `open` (tax depreciation)
  double incidents_per_million_hours = 0;
  double hours_per_month = 200;           // per on-site employee
  bool endogenous_adoption = false;       // adoption = "endogenous": reviews its own economics
  double redeploy_share = 0.3;            // of displaced workers retrained into new roles
  bool no_forced_redundancy = false;      // shrink only by attrition
  double expatriate_share = 0.10;         // of high-skill posts held by expatriates it brings
  double contractor_share = 0.47;         // of on-site roles held by contractors (by type)
  std::vector<AdoptionParams> adoptions;  // scheduled rollouts
};

struct Scenario {
  std::string file;           // path it was read from, or "<string>"
  std::string resolved_toml;  // every key with its resolved value (recorded in the output)
  SimulationParams simulation;
  LabourParams labour;
  DemographyParams demography;
  WageParams wages;
  EconomyParams economy;
  MiningParams mining;
  SupplierParams suppliers;
  LocalEconomyParams local_economy;
  std::array<PriceParams, kCommodities> prices;
  std::array<TechnologyParams, kTechnologies> technologies;
  std::vector<CommunityParams> communities;
  std::vector<MineParams> mines;
  std::vector<TrainingParams> training;
  AsmParams asm_params;
  std::vector<AsmSiteParams> asm_sites;
  std::vector<InterventionParams> interventions;
};

// The shipped technology catalogue (defaults before the scenario's [technology.*] overrides).
std::array<TechnologyParams, kTechnologies> default_technologies();
// Shipped default prices (before [prices.*]).
std::array<PriceParams, kCommodities> default_prices();

}  // namespace minesim

#pragma once
// What a checkpoint holds of a World: every field of every state struct, in one declaration that
// the writer and the reader walk (io/checkpoint_schema.h). A field is saved, or declared derived
// with the reason it need not be: rebuilt from the scenario by make_world (the input-output table,
// price paths, catchments), or cleared before anything reads it again (the ledger's month flows,
// the levers' month programmes). The static_asserts below compare each struct's field count with
// its entries, so a field added to World, an agent struct or the levers without an entry here
// fails to build; the resume tests then compare every dataset with an uninterrupted run.
#include "io/checkpoint_schema.h"
#include "world/world.h"

namespace minesim::ckpt {

#define CKPT_DERIVED(field, why) ::minesim::ckpt::derived(#field, why)

inline constexpr auto kPersons = group(
    "persons", [](auto& w) -> auto& { return w.persons; }, CKPT_VALUE(age_months),
    CKPT_VALUE(gender), CKPT_VALUE(skill), CKPT_VALUE(participates), CKPT_VALUE(alive),
    CKPT_VALUE(origin), CKPT_VALUE(community), CKPT_VALUE(household), CKPT_VALUE(job),
    CKPT_VALUE(occupation), CKPT_VALUE(certified), CKPT_VALUE(training), CKPT_VALUE(programme),
    CKPT_VALUE(education));

inline constexpr auto kHouseholds = group(
    "households", [](auto& w) -> auto& { return w.households; }, CKPT_VALUE(community),
    CKPT_VALUE(head), CKPT_VALUE(head_female), CKPT_VALUE(size), CKPT_VALUE(income),
    CKPT_VALUE(transfers), CKPT_VALUE(own_consumption), CKPT_VALUE(savings));

inline constexpr auto kPosts = group(
    "posts", [](auto& w) -> auto& { return w.posts; }, CKPT_VALUE(sector), CKPT_VALUE(community),
    CKPT_VALUE(owner), CKPT_VALUE(skill), CKPT_VALUE(occupation), CKPT_VALUE(wage),
    CKPT_VALUE(net_wage), CKPT_VALUE(demand), CKPT_VALUE(filled), CKPT_VALUE(may_shed),
    CKPT_VALUE(expatriate_extra), CKPT_VALUE(expatriate_extra_net), CKPT_VALUE(expatriates));

inline constexpr auto kSuppliers = group(
    "suppliers", [](auto& w) -> auto& { return w.suppliers; }, CKPT_VALUE(community),
    CKPT_VALUE(category), CKPT_VALUE(capability), CKPT_VALUE(alive), CKPT_VALUE(balance),
    CKPT_VALUE(sales), CKPT_VALUE(last_sales), CKPT_VALUE(idle_months), CKPT_VALUE(owner),
    CKPT_VALUE(first_post), CKPT_VALUE(capacity), CKPT_VALUE(debt));

inline constexpr auto kMineTax = group(
    "tax", [](auto& m) -> auto& { return m.tax; }, CKPT_VALUE(capex_of_year),
    CKPT_VALUE(year_of_slot), CKPT_VALUE(development_left), CKPT_VALUE(development_monthly),
    CKPT_VALUE(losses));

inline constexpr auto kMines = rows(
    "mines", [](auto& w) -> auto& { return w.mines; }, CKPT_VALUE(open), CKPT_VALUE(adoption),
    CKPT_VALUE(decided), CKPT_VALUE(roles), CKPT_VALUE(remote_roles), CKPT_VALUE(paid_share),
    CKPT_VALUE(roles_removed), CKPT_VALUE(remote_female), CKPT_VALUE(productivity),
    CKPT_VALUE(incident_factor), CKPT_VALUE(spend_factor), CKPT_VALUE(diesel_factor),
    CKPT_VALUE(electricity_factor), CKPT_VALUE(production_t), CKPT_VALUE(price_usd),
    CKPT_VALUE(co2_t), CKPT_VALUE(revenue), CKPT_VALUE(profit), CKPT_VALUE(capex),
    CKPT_VALUE(shifted), CKPT_VALUE(spend), CKPT_VALUE(balance), CKPT_VALUE(contract_margin),
    CKPT_VALUE(installed_technology_usd), kMineTax, CKPT_VALUE(incidents), CKPT_VALUE(layoffs),
    CKPT_VALUE(redeployed), CKPT_VALUE(first_post),
    CKPT_DERIVED(catchment, "from the scenario's places and mining.hiring_radius_km"));

inline constexpr auto kAsmSites = rows(
    "asm_sites", [](auto& w) -> auto& { return w.asm_sites; }, CKPT_VALUE(technology),
    CKPT_VALUE(formal), CKPT_VALUE(first_post), CKPT_VALUE(gold_g), CKPT_VALUE(mercury_g),
    CKPT_VALUE(worker_pay), CKPT_VALUE(owner_local), CKPT_VALUE(owner_external), CKPT_VALUE(inputs),
    CKPT_VALUE(trader_margin), CKPT_VALUE(royalty), CKPT_VALUE(incidents));

inline constexpr auto kCommunities = rows(
    "communities", [](auto& w) -> auto& { return w.communities; }, CKPT_VALUE(business_balance),
    CKPT_VALUE(final_demand), CKPT_VALUE(jobs), CKPT_VALUE(local_posts), CKPT_VALUE(farming_post),
    CKPT_VALUE(first_household), CKPT_VALUE(household_count), CKPT_VALUE(working_age),
    CKPT_VALUE(vacancies), CKPT_VALUE(births), CKPT_VALUE(deaths), CKPT_VALUE(moved_in),
    CKPT_VALUE(moved_out));

inline constexpr auto kLevers = group(
    "levers", [](auto& w) -> auto& { return w.levers; }, CKPT_VALUE(royalty_rate),
    CKPT_VALUE(cit_rate), CKPT_VALUE(payroll_rate), CKPT_VALUE(payroll_rate_changed),
    CKPT_VALUE(profit_shifting_share), CKPT_VALUE(automation_levy_usd_per_role),
    CKPT_VALUE(revenue_sharing), CKPT_VALUE(female_acceptance), CKPT_VALUE(training_barrier_factor),
    CKPT_VALUE(training_women_quota), CKPT_VALUE(training_seats), CKPT_VALUE(local_hiring_share),
    CKPT_VALUE(remote_in_country), CKPT_VALUE(localisation_target), CKPT_VALUE(localisation_rate),
    CKPT_VALUE(adoption_per_month), CKPT_VALUE(redeploy_share), CKPT_VALUE(diversification_share),
    CKPT_VALUE(threshold_relief), CKPT_VALUE(national_ownership),
    CKPT_DERIVED(supplier_programmes, "cleared by reset_levers in every month's policy phase"),
    CKPT_VALUE(asm_formal), CKPT_VALUE(asm_mercury_free),
    CKPT_DERIVED(budgets, "cleared by reset_levers in every month's policy phase"));

// The whole world, in the order the file holds it.
inline constexpr auto kWorld = group(
    "world", [](auto& w) -> auto& { return w; },
    CKPT_DERIVED(scenario, "saved as its resolved text (the scenario attribute)"), kPersons,
    kHouseholds, kPosts, kSuppliers, kMines, kAsmSites, kCommunities,
    CKPT_DERIVED(io, "from the scenario's [local_economy] table"),
    CKPT_DERIVED(leontief, "from the scenario's [local_economy] table"),
    CKPT_DERIVED(prices, "from the scenario's [prices] and the seed, for every step"), kLevers,
    CKPT_DERIVED(ledger, "the month's flows, cleared by begin_month before they are read again"),
    CKPT_VALUE(government_balance), CKPT_VALUE(rest_of_world_balance), CKPT_VALUE(stocks_before),
    CKPT_VALUE(stock_flow_residual), CKPT_VALUE(sorted_rows), CKPT_VALUE(sorted_households),
    CKPT_DERIVED(step, "the 'step' attribute: the step to continue from"));

#undef CKPT_DERIVED

// Every field of every struct has its entry (saved or derived), in the struct's own order.
static_assert(field_count<World>() == entries(kWorld));
static_assert(field_count<Persons>() == entries(kPersons));
static_assert(field_count<Households>() == entries(kHouseholds));
static_assert(field_count<Posts>() == entries(kPosts));
static_assert(field_count<Suppliers>() == entries(kSuppliers));
static_assert(field_count<MineState>() == entries(kMines));
static_assert(field_count<MineTaxState>() == entries(kMineTax));
static_assert(field_count<AsmSiteState>() == entries(kAsmSites));
static_assert(field_count<CommunityState>() == entries(kCommunities));
static_assert(field_count<Levers>() == entries(kLevers));

}  // namespace minesim::ckpt

#pragma once
// The one ledger every payment goes through. A transfer has a payer and a payee account and a
// kind; amounts are integer cents, so every sum is exact. The stocks themselves live in the agents'
// columns and are updated by the phases; stock_flow_residual compares each account's change of
// stock with the net of its booked flows, so a payment that skips the ledger (or a flow without a
// counterpart) shows as a non-zero residual.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/categories.h"
#include "core/money.h"

namespace minesim {

enum class Account : std::uint8_t {
  kHouseholds,
  kMines,
  kSuppliers,
  kLocalBusiness,
  kGovernment,
  kRestOfWorld,
};
inline constexpr auto kAccountLabels = std::to_array<std::string_view>(
    {"households", "mines", "suppliers", "local_business", "government", "rest_of_world"});
inline constexpr int kAccounts = count_of(kAccountLabels);
static_assert(labels_cover(Account::kRestOfWorld, kAccountLabels));

enum class Flow : std::uint8_t {
  kMineSales,            // rest of world -> mines
  kMineWages,            // mines -> households (net of payroll tax)
  kRemoteWages,          // mines -> rest of world (remote roles, outside the modelled region)
  kPayrollTax,           // mines, suppliers -> government
  kRoyalty,              // mines -> government
  kCorporateIncomeTax,   // mines -> government
  kOtherLevies,          // mines -> government (per-tonne levies, automation levy)
  kProfitShifting,       // mines -> rest of world (fees, interest, transfer mispricing)
  kProcurementLocal,     // mines -> suppliers
  kProcurementExternal,  // mines -> rest of world (national and foreign suppliers)
  kTechnologyCapex,      // mines -> rest of world
  kRetraining,           // mines -> rest of world (courses for redeployed workers)
  kDividends,            // mines -> rest of world (foreign owners)
  kSupplierWages,        // suppliers -> households (net of payroll tax)
  kSupplierLocalInputs,  // suppliers -> local business
  kSupplierImports,      // suppliers -> rest of world (inputs and upgrading investment)
  kSupplierDividends,    // suppliers -> households (owners)
  kFarmSales,            // rest of world -> households
  kLocalWages,           // local business -> households
  kLocalConsumption,     // households -> local business
  kImportedConsumption,  // households -> rest of world
  kLocalNetImports,      // local business -> rest of world (sales less local wages)
  kTraining,             // government -> rest of world (training providers)
  kDonorGrants,          // rest of world -> government (donor-funded programmes)
  kAsmIncome,            // rest of world -> households (ASM workers' share of gold sales)
  kAsmRoyalty,           // rest of world -> government (royalty on official ASM gold sales)
  kPolicyBudgets,        // government, mines -> rest of world (programme costs of interventions)
  kSupplierGrants,       // government, mines, rest of world -> suppliers (supplier development)
  kRevenueSharing,       // government -> households (royalty shared with host communities)
  kDiversification,      // mines -> local business (revenue invested in local activity)
  kSupplierStartup,      // households -> suppliers (owners' start-up capital)
  kSupplierLoans,        // rest of world -> suppliers (lenders outside the region)
  kSupplierDebtService,  // suppliers -> rest of world (interest and repayment)
  // The rest of an artisanal site's gold value. The buyers pay owners living in the community;
  // the other parts never enter the region, so they are booked with the rest of world as payer
  // and payee: counted, and netting to nothing in every account.
  kAsmOwnerIncome,     // rest of world -> households (pit owners and managers at the site)
  kAsmOwnersExternal,  // rest of world -> rest of world (pit owners and financiers outside)
  kAsmInputs,          // rest of world -> rest of world (mercury, fuel, equipment from outside)
  kAsmTraderMargin,    // rest of world -> rest of world (traders: world less local price)
  kContractorMargin,   // mines -> rest of world (contracting firms' margin on contract labour)
};
// One label per flow, in enum order: the flow arrays are sized by it, and a flow added without its
// label (or a label without its flow) fails to compile instead of indexing past an array.
inline constexpr auto kFlowLabels = std::to_array<std::string_view>({
    "mine_sales",
    "mine_wages",
    "remote_wages",
    "payroll_tax",
    "royalty",
    "corporate_income_tax",
    "other_levies",
    "profit_shifting",
    "procurement_local",
    "procurement_external",
    "technology_capex",
    "retraining",
    "dividends",
    "supplier_wages",
    "supplier_local_inputs",
    "supplier_imports",
    "supplier_dividends",
    "farm_sales",
    "local_wages",
    "local_consumption",
    "imported_consumption",
    "local_net_imports",
    "training",
    "donor_grants",
    "asm_income",
    "asm_royalty",
    "policy_budgets",
    "supplier_grants",
    "revenue_sharing",
    "diversification",
    "supplier_startup",
    "supplier_loans",
    "supplier_debt_service",
    "asm_owner_income",
    "asm_owners_external",
    "asm_inputs",
    "asm_trader_margin",
    "contractor_margin",
});
inline constexpr int kFlows = count_of(kFlowLabels);
static_assert(labels_cover(Flow::kContractorMargin, kFlowLabels));

class Ledger {
 public:
  void transfer(Account from, Account to, Flow kind, Cents amount) {
    // Checked: an overflow names the flow (exit 70), never wraps.
    auto what = [kind] { return "ledger flow " + std::string(kFlowLabels[idx(kind)]); };
    month_net_[idx(from)] = sub_cents(month_net_[idx(from)], amount, what);
    accumulate(month_net_[idx(to)], amount, what);
    accumulate(month_flow_[idx(kind)], amount, what);
  }
  // Starts a month: clears the monthly flow totals.
  void begin_month() {
    month_net_.fill(0);
    month_flow_.fill(0);
  }
  Cents net(Account a) const { return month_net_[idx(a)]; }
  Cents flow(Flow f) const { return month_flow_[idx(f)]; }

 private:
  std::array<Cents, kAccounts> month_net_{};
  std::array<Cents, kFlows> month_flow_{};
};

}  // namespace minesim

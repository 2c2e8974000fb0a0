#include "world/payers.h"

#include "world/mines.h"

namespace minesim {

Account payer_account(Payer payer, const World& w) {
  switch (payer) {
    case Payer::kGovernment: return Account::kGovernment;
    case Payer::kDonors: return Account::kRestOfWorld;
    case Payer::kMines: return w.mines.empty() ? Account::kGovernment : Account::kMines;
  }
  return Account::kGovernment;
}

void pay_from(World& w, Payer payer, const std::vector<int>& mines, Account to, Flow flow,
              Cents amount) {
  if (amount == 0) return;
  const Account from = payer_account(payer, w);
  w.ledger.transfer(from, to, flow, amount);
  switch (from) {
    case Account::kGovernment:
      w.government_balance = sub_cents(w.government_balance, amount, "government balance");
      break;
    case Account::kRestOfWorld:
      w.rest_of_world_balance = sub_cents(w.rest_of_world_balance, amount, "rest of world balance");
      break;
    case Account::kMines: {
      const auto share = split_among_mines(w, mines, amount);
      for (std::size_t m = 0; m < share.size(); ++m)
        w.mines[m].balance = sub_cents(w.mines[m].balance, share[m], "mine balance");
      break;
    }
    default: break;  // no other account pays
  }
}

}  // namespace minesim

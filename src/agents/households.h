#pragma once
// Households as columns. Members are found through persons.household (members need not be
// contiguous: births and movers join or found households anywhere). Income, own-consumption and
// savings are integer cents at simulated scale.
#include <cstdint>
#include <vector>

#include "core/money.h"

namespace minesim {

// The head of a household whose founding member is no longer alive (set when the persons are
// compacted, world/compaction.h; before that, the dead head's row).
inline constexpr std::uint32_t kNoHead = 0xFFFFFFFFu;

struct Households {
  std::vector<std::uint16_t> community;
  std::vector<std::uint32_t> head;  // founding member (person row), or kNoHead
  std::vector<std::uint8_t> head_female;
  std::vector<std::uint16_t> size;  // living members at the last count
  std::vector<Cents> income;        // this month's income (net wages, farm sales, transfers)
  std::vector<Cents> transfers;     // this month's non-wage income so far (dividends, ...)
  // This month's value of own farm produce eaten at home: income in kind, never cash, so it is
  // kept apart from `income` (which the ledger sees) and counted only for poverty.
  std::vector<Cents> own_consumption;
  std::vector<Cents> savings;  // stock at month end

  std::size_t count() const { return community.size(); }
  std::uint32_t push(std::uint16_t c, std::uint32_t head_id, bool female, std::uint16_t n) {
    community.push_back(c);
    head.push_back(head_id);
    head_female.push_back(female ? 1 : 0);
    size.push_back(n);
    income.push_back(0);
    transfers.push_back(0);
    own_consumption.push_back(0);
    savings.push_back(0);
    return static_cast<std::uint32_t>(community.size() - 1);
  }
  static constexpr std::size_t bytes_per_household() {
    return sizeof(std::uint16_t) * 2 + sizeof(std::uint32_t) + 1 + sizeof(Cents) * 4;
  }
};

}  // namespace minesim

#pragma once
// Households as columns. Income and savings are integer cents at simulated scale.
#include <cstdint>
#include <vector>

#include "core/money.h"

namespace minesim {

struct Households {
  std::vector<std::uint16_t> community;
  std::vector<std::uint32_t> first_member;
  std::vector<std::uint16_t> size;
  std::vector<Cents> income;     // this month's income (net wages, farm sales, transfers)
  std::vector<Cents> transfers;  // this month's non-wage income so far (dividends, ...)
  std::vector<Cents> savings;  // stock at month end

  std::size_t count() const { return community.size(); }
  void push(std::uint16_t c, std::uint32_t first, std::uint16_t n) {
    community.push_back(c);
    first_member.push_back(first);
    size.push_back(n);
    income.push_back(0);
    transfers.push_back(0);
    savings.push_back(0);
  }
  static constexpr std::size_t bytes_per_household() {
    return sizeof(std::uint16_t) * 2 + sizeof(std::uint32_t) + sizeof(Cents) * 3;
  }
};

}  // namespace minesim

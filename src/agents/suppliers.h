#pragma once
// Local supplier firms as columns, one row per firm ever created (exited firms keep their row so
// that indices and posts stay stable). Money is integer cents at simulated scale.
#include <array>
#include <cstdint>
#include <vector>

#include "core/categories.h"
#include "core/money.h"

namespace minesim {

struct Suppliers {
  std::vector<std::uint16_t> community;
  std::vector<std::uint8_t> category;  // the category it was founded in (where it invests)
  std::vector<std::array<double, kCategories>> capability;  // 0..1 per category
  std::vector<std::uint8_t> alive;
  std::vector<Cents> balance;     // cash stock
  std::vector<Cents> sales;       // this month
  std::vector<Cents> last_sales;  // previous month (sets labour demand)
  std::vector<std::uint16_t> idle_months;
  std::vector<std::uint32_t> owner;       // owner household (receives dividends)
  std::vector<std::uint32_t> first_post;  // kSkills posts
  // Monthly sales it can serve; grows only by investment (capital = capacity x
  // suppliers.capital_per_capacity).
  std::vector<Cents> capacity;
  std::vector<Cents> debt;  // owed to lenders outside the region (a memo: not an account's stock)

  std::size_t count() const { return community.size(); }
  std::uint32_t add(std::uint16_t c, std::uint8_t cat, double cap, std::uint32_t owner_household,
                    std::uint32_t post, Cents sales_capacity) {
    community.push_back(c);
    category.push_back(cat);
    std::array<double, kCategories> caps{};
    caps[cat] = cap;
    capability.push_back(caps);
    alive.push_back(1);
    balance.push_back(0);
    sales.push_back(0);
    last_sales.push_back(0);
    idle_months.push_back(0);
    owner.push_back(owner_household);
    first_post.push_back(post);
    capacity.push_back(sales_capacity);
    debt.push_back(0);
    return static_cast<std::uint32_t>(community.size() - 1);
  }
};

}  // namespace minesim

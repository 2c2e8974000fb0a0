// Compaction of the person columns: the living keep every attribute, the dead go, members end up
// in household order, heads follow their person, and no stock changes.
#include "world/compaction.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "model/load.h"
#include "model/step.h"
#include "support.h"

namespace minesim {
namespace {

// Every column of person i, and whether i heads their household.
using Row = std::tuple<int, int, int, int, int, int, std::uint32_t, std::uint32_t, int, int, int,
                       int, int, bool>;
Row row_of(const World& w, std::uint32_t i) {
  const Persons& p = w.persons;
  return {p.age_months[i], p.gender[i],
          p.skill[i],      p.participates[i],
          p.origin[i],     p.community[i],
          p.household[i],  p.job[i],
          p.occupation[i], p.certified[i],
          p.training[i],   p.programme[i],
          p.education[i],  w.households.head[p.household[i]] == i};
}

std::vector<Row> living_rows(const World& w) {
  std::vector<Row> rows;
  for (std::uint32_t i = 0; i < w.persons.size(); ++i)
    if (w.persons.alive[i]) rows.push_back(row_of(w, i));
  std::sort(rows.begin(), rows.end());
  return rows;
}

// A world after 14 months, with deaths, births, movers and newcomers since its start.
World world_with_dead() {
  static const Scenario s = load_scenario_string(test::tiny_scenario(20000, 24), "t.toml");
  World w = make_world(s);
  for (int m = 0; m < 14; ++m, ++w.step) step_month(w);
  return w;
}

TEST(Compaction, KeepsEveryLivingPersonAndDropsTheDead) {
  World w = world_with_dead();
  const std::vector<Row> before = living_rows(w);
  const std::size_t rows = w.persons.size();
  ASSERT_LT(before.size(), rows);  // someone died or left: there is something to drop
  ASSERT_LT(w.sorted_rows, rows);  // someone was born or arrived: there is something to merge
  std::size_t dead_heads = 0;
  for (std::size_t h = 0; h < w.households.count(); ++h)
    dead_heads += w.households.head[h] == kNoHead || !w.persons.alive[w.households.head[h]];
  ASSERT_GT(dead_heads, 0u);
  const AccountStocks stocks = account_stocks(w);

  compact_persons_now(w);
  EXPECT_EQ(w.persons.size(), before.size());
  EXPECT_TRUE(
      std::all_of(w.persons.alive.begin(), w.persons.alive.end(), [](auto a) { return a; }));
  w.persons.for_each_column([&](auto& c) { EXPECT_EQ(c.size(), before.size()); });
  // The same persons, heads included: row_of reads the head through the moved head column.
  EXPECT_EQ(living_rows(w), before);
  std::size_t no_head = 0;
  for (std::size_t h = 0; h < w.households.count(); ++h) {
    const std::uint32_t head = w.households.head[h];
    if (head == kNoHead) {
      ++no_head;
      continue;
    }
    ASSERT_LT(head, w.persons.size());
    EXPECT_EQ(w.persons.household[head], h);
  }
  EXPECT_EQ(no_head, dead_heads);
  EXPECT_EQ(account_stocks(w), stocks);
  EXPECT_EQ(w.sorted_rows, w.persons.size());
  EXPECT_EQ(w.sorted_households, w.households.count());
}

// Marks that claim rows are in order when they are not (a hostile checkpoint within the bounds
// its reader checks) give an order that is not sorted, never a lost or repeated person.
TEST(Compaction, WrongMarksStillKeepEveryLivingPerson) {
  World w = world_with_dead();
  const std::vector<Row> before = living_rows(w);
  w.sorted_rows = static_cast<std::uint32_t>(w.persons.size());
  w.sorted_households = static_cast<std::uint32_t>(w.households.count());
  compact_persons_now(w);
  EXPECT_EQ(living_rows(w), before);
}

TEST(Compaction, PutsMembersInHouseholdOrderByCommunity) {
  World w = world_with_dead();
  compact_persons_now(w);
  const Persons& p = w.persons;
  const auto key = [&](std::size_t i) {
    return std::pair(w.households.community[p.household[i]], p.household[i]);
  };
  for (std::size_t i = 1; i < p.size(); ++i) ASSERT_LE(key(i - 1), key(i)) << "row " << i;
}

TEST(Compaction, RunsInJanuaryOnly) {
  World w = world_with_dead();
  std::map<int, bool> compacts;
  for (int m = 0; m < 12; ++m, ++w.step) compacts[w.month().month] = compacts_this_month(w);
  for (const auto& [month, yes] : compacts) EXPECT_EQ(yes, month == 1) << month;
  // The phase runs in the schedule, before anything reads the persons in the month.
  const auto& phases = schedule();
  const auto at = [&](const char* name) {
    return std::find_if(phases.begin(), phases.end(),
                        [&](const Phase& ph) { return std::string(ph.name) == name; }) -
           phases.begin();
  };
  EXPECT_LT(at("compact_persons"), at("age_persons"));
  EXPECT_LT(at("compact_persons"), static_cast<std::ptrdiff_t>(phases.size()));
}

}  // namespace
}  // namespace minesim

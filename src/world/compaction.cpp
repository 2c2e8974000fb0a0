// Compaction of the person columns (world/compaction.h).
//
// Without it, every person who ever lived keeps a row to the end of the run: at 1:1 the world's
// artisanal miners start as 168 M persons and gain a row for every birth and arrival for 30
// years. Newborns are appended far from their household, so the household accounts, which add
// each member into the household's row, read and write households in random order once the
// households no longer fit in cache.
//
// Most living persons are already in household order: those on the rows of the last compaction
// (or of make_world) who still belong to a household that existed then (world.h, sorted_rows).
// They stay in place, shifted down over the dead; only the others (the year's newborns, newcomers
// and persons who founded a household) are copied out, sorted and merged back in. So the
// compaction needs a few bytes per person beside the columns, not a second copy of a column: a
// full copy would be the month's peak of memory.
#include "world/compaction.h"

#include <oneapi/tbb/parallel_sort.h>

#include <algorithm>
#include <atomic>
#include <functional>

#include "core/parallel.h"
#include "world/community_index.h"

namespace minesim {

namespace {

// One bit per row, in 64-bit words, so that the column passes copy runs of 64 rows that all go
// the same way in one step. A block of par::kBlock rows is whole words: blocks set bits in
// parallel without sharing a word.
struct Bits {
  std::vector<std::uint64_t> words;
  void assign(std::size_t n) { words.assign((n + 63) / 64, 0); }
  void set(std::size_t i) { words[i / 64] |= std::uint64_t{1} << (i % 64); }
  bool operator[](std::size_t i) const { return (words[i / 64] >> (i % 64)) & 1; }
};
static_assert(par::kBlock % 64 == 0);

// Where every living person goes. Old rows are kept (in order, to be shifted down) or moved (copied
// out and merged back); new rows are taken from the kept or from the moved, in order.
struct Plan {
  Bits kept;                         // by old row
  std::vector<std::uint32_t> moved;  // old rows of the moved, in household order
  std::size_t kept_count = 0;
  std::size_t rows = 0;             // after the compaction
  Bits takes_moved;                 // by new row
  std::vector<std::uint32_t> head;  // by household: the head's new row, or kNoHead
};

// The place of a person in household order: the household's community, then the household.
std::uint64_t order_key(const World& w, std::uint32_t row) {
  const std::uint32_t h = w.persons.household[row];
  return (std::uint64_t{w.households.community[h]} << 32) | h;
}

// Which living rows are kept and which are moved (then sorted by order_key, then old row: every
// key is distinct, so the parallel sort's order is fixed).
void split(const World& w, Plan& plan) {
  const Persons& p = w.persons;
  const std::size_t sorted_rows = std::min<std::size_t>(w.sorted_rows, p.size());
  plan.kept.assign(p.size());
  struct Part {
    std::vector<std::uint32_t> moved;
    std::size_t kept = 0;
  };
  Part all = par::reduce_blocks<Part>(
      p.size(), [] { return Part{}; },
      [&](Part& part, std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) {
          if (!p.alive[i]) continue;
          if (i < sorted_rows && p.household[i] < w.sorted_households) {
            plan.kept.set(i);
            ++part.kept;
          } else {
            part.moved.push_back(static_cast<std::uint32_t>(i));
          }
        }
      },
      [](Part& a, const Part& x) {
        a.moved.insert(a.moved.end(), x.moved.begin(), x.moved.end());
        a.kept += x.kept;
      });
  std::vector<std::pair<std::uint64_t, std::uint32_t>> keyed(all.moved.size());
  for (std::size_t k = 0; k < keyed.size(); ++k)
    keyed[k] = {order_key(w, all.moved[k]), all.moved[k]};
  tbb::parallel_sort(keyed.begin(), keyed.end());
  for (std::size_t k = 0; k < keyed.size(); ++k) all.moved[k] = keyed[k].second;
  plan.moved = std::move(all.moved);
  plan.kept_count = all.kept;
  plan.rows = plan.kept_count + plan.moved.size();
}

// Each moved person's new row: their place among the moved plus the kept members of the
// households up to and including theirs. On a tie the kept come first: a moved person who joins a
// household that was in order (a newborn) has a later old row than its members. The rows rise
// strictly with the place among the moved, whether or not the kept are truly in order.
std::vector<std::uint32_t> moved_rows(const World& w, const Plan& plan) {
  const Persons& p = w.persons;
  std::vector<std::uint32_t> upto(w.households.count(), 0);
  par::for_blocks(p.size(), [&](std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i)
      if (plan.kept[i])
        std::atomic_ref<std::uint32_t>(upto[p.household[i]])
            .fetch_add(1, std::memory_order_relaxed);
  });
  std::uint32_t kept = 0;
  // Households in the order of the new rows: by community, then by id.
  for (const std::uint32_t h :
       index_by_community(w.households.community, w.communities.size()).rows)
    upto[h] = kept += upto[h];
  std::vector<std::uint32_t> rows(plan.moved.size());
  par::for_blocks(rows.size(), [&](std::size_t b, std::size_t e) {
    for (std::size_t j = b; j < e; ++j)
      rows[j] = static_cast<std::uint32_t>(j) + upto[p.household[plan.moved[j]]];
  });
  return rows;
}

// The old rows that fill new rows [b, e), in order: the moved at their rows, the kept (in old
// row order) in between. Starts anywhere from the counts of kept bits before each word.
class Sources {
 public:
  Sources(const Plan& plan, const std::vector<std::uint32_t>& rows,
          const std::vector<std::uint32_t>& kept_before, std::size_t b)
      : plan_(plan), rows_(rows) {
    j_ = static_cast<std::size_t>(std::lower_bound(rows.begin(), rows.end(), b) - rows.begin());
    const std::size_t rank = b - j_;  // kept rows placed before b
    if (rank >= plan.kept_count) return;
    word_ = static_cast<std::size_t>(
        std::upper_bound(kept_before.begin(), kept_before.end(), rank) - kept_before.begin() - 1);
    bits_ = plan.kept.words[word_];
    for (std::size_t skip = rank - kept_before[word_]; skip > 0; --skip) bits_ &= bits_ - 1;
  }
  // The source of new row t (called for consecutive t); whether it is a moved person.
  std::uint32_t next(std::size_t t, bool& moved) {
    moved = j_ < rows_.size() && rows_[j_] == t;
    if (moved) return plan_.moved[j_++];
    while (bits_ == 0) bits_ = plan_.kept.words[++word_];
    const auto row = static_cast<std::uint32_t>(word_ * 64 + __builtin_ctzll(bits_));
    bits_ &= bits_ - 1;
    return row;
  }

 private:
  const Plan& plan_;
  const std::vector<std::uint32_t>& rows_;
  std::size_t j_ = 0, word_ = 0;
  std::uint64_t bits_ = 0;
};

// Which new rows take a moved person, and each living head's new row, in parallel over blocks of
// new rows (one writer per household: a household has one head).
void merge_order(const World& w, Plan& plan) {
  const Households& hh = w.households;
  const std::vector<std::uint32_t> rows = moved_rows(w, plan);
  std::vector<std::uint32_t> kept_before(plan.kept.words.size() + 1, 0);
  for (std::size_t k = 0; k < plan.kept.words.size(); ++k)
    kept_before[k + 1] =
        kept_before[k] + static_cast<std::uint32_t>(__builtin_popcountll(plan.kept.words[k]));
  plan.takes_moved.assign(plan.rows);
  plan.head.assign(hh.count(), kNoHead);
  par::for_blocks(plan.rows, [&](std::size_t b, std::size_t e) {
    Sources from(plan, rows, kept_before, b);
    for (std::size_t t = b; t < e; ++t) {
      bool moved = false;
      const std::uint32_t i = from.next(t, moved);
      if (moved) plan.takes_moved.set(t);  // blocks are whole words: no word is shared
      const std::uint32_t h = w.persons.household[i];
      if (hh.head[h] == i) plan.head[h] = static_cast<std::uint32_t>(t);
    }
  });
}

// The kept of one column shifted down over the dead and the moved, in order; returns their count.
template <class Column>
std::size_t shift_kept(const Bits& kept, Column& column) {
  const std::size_t n = column.size();
  std::size_t to = 0;
  for (std::size_t w = 0; w < kept.words.size(); ++w) {
    std::uint64_t bits = kept.words[w];
    const std::size_t base = w * 64;
    if (bits == ~std::uint64_t{0} && base + 64 <= n) {  // most words: 64 kept rows
      std::copy(column.begin() + base, column.begin() + base + 64, column.begin() + to);
      to += 64;
      continue;
    }
    for (; bits != 0; bits &= bits - 1)
      column[to++] = column[base + static_cast<std::size_t>(__builtin_ctzll(bits))];
  }
  return to;
}

// One column: the moved copied out, the kept shifted down, then both merged from the last row
// down (a kept value only moves to a later row, so none is overwritten unread).
template <class Column>
void apply_to_column(const Plan& plan, Column& column) {
  Column moved(plan.moved.size());
  for (std::size_t k = 0; k < moved.size(); ++k) moved[k] = column[plan.moved[k]];
  std::size_t kept = shift_kept(plan.kept, column);
  std::size_t j = moved.size();
  for (std::size_t w = plan.takes_moved.words.size(); w-- > 0;) {
    const std::uint64_t bits = plan.takes_moved.words[w];
    const std::size_t base = w * 64, end = std::min(base + 64, plan.rows);
    if (bits == 0) {  // most words: every row from the kept
      std::copy_backward(column.begin() + (kept - (end - base)), column.begin() + kept,
                         column.begin() + end);
      kept -= end - base;
      continue;
    }
    for (std::size_t t = end; t-- > base;)
      column[t] = (bits >> (t - base)) & 1 ? moved[--j] : column[--kept];
  }
  // The rows past the end stay allocated (and resident) for the year's births: no copy.
  column.resize(plan.rows);
}

}  // namespace

bool compacts_this_month(const World& w) { return w.month().month == 1; }

void compact_persons(World& w) {
  if (compacts_this_month(w)) compact_persons_now(w);
}

void compact_persons_now(World& w) {
  Plan plan;
  split(w, plan);
  merge_order(w, plan);
  // Columns are independent: one task each.
  std::vector<std::function<void()>> columns;
  w.persons.for_each_column(
      [&](auto& column) { columns.push_back([&] { apply_to_column(plan, column); }); });
  par::for_blocks(
      columns.size(),
      [&](std::size_t b, std::size_t e) {
        for (std::size_t c = b; c < e; ++c) columns[c]();
      },
      1);
  w.households.head = std::move(plan.head);
  w.sorted_rows = static_cast<std::uint32_t>(w.persons.size());
  w.sorted_households = static_cast<std::uint32_t>(w.households.count());
}

}  // namespace minesim

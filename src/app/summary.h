#pragma once
// The short table of headline indicators printed after a run: first and last recorded month.
#include <optional>
#include <ostream>
#include <string>

#include "world/indicators.h"

namespace minesim {

class Summary {
 public:
  explicit Summary(const Scenario& s) : s_(s) {}
  void observe(const World& w, const Indicators& ind) { observe(w.month(), ind); }
  void observe(Month m, const Indicators& ind);
  void print(std::ostream& out, const std::string& file, const World& w, int threads,
             double seconds) const;

 private:
  const Scenario& s_;
  std::optional<Indicators> first_, last_;
  Month first_month_, last_month_;
  double revenue_total_ = 0;
};

}  // namespace minesim

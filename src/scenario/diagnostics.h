#pragma once
// Scenario errors in compiler format, `file:line:col: error: dotted.key: message`, collected so
// that `minesim validate` reports all of them at once, sorted by position.
#include <string>
#include <vector>

#include "core/errors.h"

namespace minesim {

struct Diagnostic {
  std::string file;
  int line = 0, column = 0;
  std::string key;  // dotted path; empty for syntax errors
  std::string message;
  std::string format() const;
};

class Diagnostics {
 public:
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  // Sorted by file, line and column; one diagnostic per line.
  std::string format() const;
  const std::vector<Diagnostic>& items() const { return items_; }

 private:
  std::vector<Diagnostic> items_;
};

class ScenarioError : public Error {
 public:
  explicit ScenarioError(Diagnostics d)
      : Error(exit_code::kUsage, d.format()), diagnostics_(std::move(d)) {}
  const Diagnostics& diagnostics() const { return diagnostics_; }

 private:
  Diagnostics diagnostics_;
};

// Levenshtein distance, for did-you-mean suggestions.
int edit_distance(const std::string& a, const std::string& b);

}  // namespace minesim

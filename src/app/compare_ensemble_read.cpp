// `minesim compare` on an ensemble file, reading: the member coordinates, then each completed
// member's headline indicators through the reduction compare applies to a run file
// (read_indicators, compare_read.cpp), for the nation or for each community.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

#include "app/compare_ensemble.h"
#include "io/output_reader.h"

namespace minesim::compare_detail {

namespace {

const VarInfo& member_var(const OutputReader& file, const char* name) {
  const VarInfo* v = file.find(name);
  if (!v) throw IoError(fmt::format("an ensemble file without '{}'", name));
  return *v;
}

// A member-indexed integer coordinate, each value checked to be a whole number in range.
std::vector<long> integers(const OutputReader& file, const char* name, long lo, long hi) {
  std::vector<long> out;
  for (double x : file.doubles(member_var(file, name))) {
    if (!std::isfinite(x) || x != std::floor(x) || x < static_cast<double>(lo) ||
        x > static_cast<double>(hi))
      throw IoError(fmt::format("'{}' holds {}, not a value it can hold", name, x));
    out.push_back(static_cast<long>(x));
  }
  return out;
}

void read_members(const OutputReader& file, Ensemble& e) {
  const auto names = file.strings(member_var(file, "member"));
  const auto arms = file.strings(member_var(file, "arm"));
  const auto seeds = integers(file, "seed", -(1L << 31), (1L << 31) - 1);
  const auto points = integers(file, "point", 0, (1L << 31) - 1);
  const auto completed = integers(file, "completed", 0, 1);
  for (std::size_t m = 0; m < file.members(); ++m) {
    if (arms[m].empty()) throw IoError(fmt::format("member '{}' has no arm", names[m]));
    e.members.push_back({names[m], arms[m], seeds[m], points[m], completed[m] == 1});
    if (std::find(e.arms.begin(), e.arms.end(), arms[m]) == e.arms.end()) e.arms.push_back(arms[m]);
    e.sweep = e.sweep || points[m] != 0;
  }
  for (const VarInfo* p : file.parameters()) e.parameters.push_back(p->key);
  e.sweep = e.sweep || !e.parameters.empty();
}

Scope read_scope(const OutputReader& file, const Ensemble& e, std::optional<std::size_t> c) {
  Scope s;
  if (c) s.community = file.labels("community")[*c];
  s.runs.resize(e.members.size());
  bool first = true;
  for (std::size_t m = 0; m < e.members.size(); ++m) {
    if (!e.members[m].completed) continue;
    Run& run = s.runs[m];
    std::vector<std::string> skipped;
    read_indicators(file, run, m, c, &skipped);
    for (auto& [name, v] : run.values)
      if (v.size() != e.time.months.size())
        throw IoError(fmt::format("'{}' does not cover the time axis", name));
    if (first) {
      s.rows = run.rows;
      s.skipped = std::move(skipped);
      first = false;
    }
  }
  return s;
}

}  // namespace

Ensemble load_ensemble(const std::string& path, bool by_community) {
  const OutputReader file(path);
  if (!file.ensemble())
    throw UsageError(
        fmt::format("{} is a run file: compare two or more run files, or one ensemble file", path));
  Ensemble e;
  e.path = path;
  try {
    e.title = file.attribute("title");
    e.baseline = file.attribute("baseline");
    e.population_scale = file.attribute("population_scale");
    read_time(file, e.time);
    read_members(file, e);
    if (by_community) {
      const std::size_t n = file.labels("community").size();
      if (n == 0) throw UsageError(fmt::format("--by community: {} has no community axis", path));
      for (std::size_t c = 0; c < n; ++c) e.scopes.push_back(read_scope(file, e, c));
    } else {
      e.scopes.push_back(read_scope(file, e, std::nullopt));
    }
  } catch (const IoError& err) {
    throw IoError(fmt::format("{}: {}", path, err.what()));
  }
  return e;
}

}  // namespace minesim::compare_detail

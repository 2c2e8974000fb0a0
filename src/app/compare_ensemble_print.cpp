// `minesim compare` on an ensemble file, output: an aligned text table or GitHub Markdown table
// per date (and community), or tidy CSV, one row per indicator, arm (and point) and date. Text and
// Markdown mark with `~` an effect whose 95 % interval includes zero.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iostream>

#include "app/compare_ensemble.h"

namespace minesim::compare_detail {

namespace {

constexpr const char* kFooter =
    "~ marks an effect whose 95 % interval includes zero: at this number of seeds it is not "
    "distinguishable from seed-to-seed variation";

int decimals(const EnsLine& l) {
  const int d = style_decimals(l.row.style);
  return d >= 0 ? d : 1;  // counts: means over members are rarely whole
}

bool includes_zero(const stats::Effect& e) { return e.n >= 2 && e.lo <= 0 && 0 <= e.hi; }

std::vector<std::string> titles(const EnsComparison& c) {
  std::vector<std::string> t{"indicator", "unit", "arm"};
  if (c.sweep) t.emplace_back("point");
  for (const char* s : {"n", "mean", "p05", "p95", "pairs", "effect", "95 % interval"})
    t.emplace_back(s);
  return t;
}

std::vector<std::string> cells(const EnsComparison& c, const EnsLine& l) {
  const int dec = decimals(l);
  std::vector<std::string> out{l.row.name, l.unit, l.arm};
  if (c.sweep) out.push_back(std::to_string(l.point));
  out.push_back(std::to_string(l.summary.n));
  for (double x : {l.summary.mean, l.summary.p05, l.summary.p95})
    out.push_back(number(x, dec, false));
  if (!l.effect) {
    out.insert(out.end(), {"", "(baseline)", ""});
    return out;
  }
  const stats::Effect& e = *l.effect;
  out.push_back(std::to_string(e.n));
  out.push_back(number(e.mean, dec, true));
  out.push_back(e.n < 2 ? ""
                        : fmt::format("[{}, {}]{}", number(e.lo, dec, true),
                                      number(e.hi, dec, true), includes_zero(e) ? " ~" : ""));
  return out;
}

}  // namespace

void print_ensemble_text(const EnsComparison& c, std::ostream& out) {
  for (const auto& h : c.header) out << h << "\n";
  for (const auto& n : c.notes) out << "note: " << n << "\n";
  for (const auto& b : c.blocks) {
    std::vector<std::vector<std::string>> table{titles(c)};
    for (const auto& l : b.lines) table.push_back(cells(c, l));
    std::vector<std::size_t> width(table[0].size(), 0);
    for (const auto& row : table)
      for (std::size_t k = 0; k < row.size(); ++k) width[k] = std::max(width[k], row[k].size());
    out << "\n" << b.title << "\n";
    const std::size_t left = c.sweep ? 4 : 3;  // text columns, left-aligned
    for (const auto& row : table) {
      std::string line;
      for (std::size_t k = 0; k < row.size(); ++k)
        line += k < left ? fmt::format("{}{:<{}}", k ? "  " : "", row[k], width[k])
                         : fmt::format("  {:>{}}", row[k], width[k]);
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out << line << "\n";
    }
  }
  out << "\n" << kFooter << "\n";
}

void print_ensemble_markdown(const EnsComparison& c, std::ostream& out) {
  out << "## minesim compare (ensemble)\n\n";
  for (const auto& h : c.header) out << "- " << md_cell(h) << "\n";
  for (const auto& n : c.notes) out << "\n**Note:** " << md_cell(n) << "\n";
  const auto head = titles(c);
  const std::size_t left = c.sweep ? 4 : 3;
  for (const auto& b : c.blocks) {
    out << "\n### " << md_cell(b.title) << "\n\n|";
    std::string sep = "|";
    for (std::size_t k = 0; k < head.size(); ++k) {
      out << " " << md_cell(head[k]) << " |";
      sep += k < left ? "---|" : "---:|";
    }
    out << "\n" << sep << "\n";
    for (const auto& l : b.lines) {
      out << "|";
      for (const auto& cell : cells(c, l)) out << " " << md_cell(cell) << " |";
      out << "\n";
    }
  }
  out << "\n" << kFooter << "\n";
}

void print_ensemble_csv(const EnsComparison& c, std::ostream& out) {
  for (const auto& h : c.header) std::cerr << "minesim: " << h << "\n";
  for (const auto& n : c.notes) std::cerr << "minesim: note: " << n << "\n";
  out << "indicator,unit,arm,date,n,mean,p05,p95,effect,effect_lo,effect_hi"
      << (c.sweep ? ",point" : "") << (c.by_community ? ",community" : "") << "\n";
  for (const auto& b : c.blocks)
    for (const auto& l : b.lines) {
      out << csv_field(l.row.name) << ',' << csv_field(l.unit) << ',' << csv_field(l.arm) << ','
          << csv_field(b.when) << ',' << l.summary.n << ',' << csv_number(l.summary.mean) << ','
          << csv_number(l.summary.p05) << ',' << csv_number(l.summary.p95) << ',';
      if (l.effect)
        out << csv_number(l.effect->mean) << ',' << csv_number(l.effect->lo) << ','
            << csv_number(l.effect->hi);
      else
        out << ",,";
      if (c.sweep) out << ',' << l.point;
      if (c.by_community) out << ',' << csv_field(l.community);
      out << "\n";
    }
}

}  // namespace minesim::compare_detail

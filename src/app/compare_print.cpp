// `minesim compare`, output: the comparison as an aligned text table, GitHub Markdown tables or
// CSV (one row per indicator, month and run).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iostream>

#include "app/compare_detail.h"

namespace minesim::compare_detail {

bool integral(double x) { return std::isnan(x) || std::fabs(x - std::round(x)) < 1e-6; }

int style_decimals(Style style) {
  switch (style) {
    case Style::kShare: return 4;
    case Style::kUsd: return 0;
    case Style::kUsdCents: return 2;
    case Style::kKg: return 2;
    case Style::kCount: break;
  }
  return -1;
}

int decimals(const Line& l) {
  if (const int d = style_decimals(l.row.style); d >= 0) return d;
  for (double x : l.values)
    if (!integral(x) || !integral(x - l.values[0])) return 2;
  return 0;
}

// Fixed decimals with thousands separators; "+" on non-zero values when `sign`; "n/a" for NaN.
std::string number(double x, int dec, bool sign) {
  if (std::isnan(x)) return "n/a";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  const std::string s = fmt::format("{:.{}f}", std::fabs(x), dec);
  const std::size_t int_len = std::min(s.find('.'), s.size());
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i > 0 && i < int_len && (int_len - i) % 3 == 0) out += ',';
    out += s[i];
  }
  const bool zero = s.find_first_not_of("0.") == std::string::npos;
  if (zero) return out;
  return (x < 0 ? "-" : sign ? "+" : "") + out;
}

// The cells of one line: indicator, unit, each run's value, each later run's difference.
std::vector<std::string> cells(const Line& l) {
  const int dec = decimals(l);
  std::vector<std::string> out{l.row.name, l.unit};
  for (double x : l.values) out.push_back(number(x, dec, false));
  for (std::size_t r = 1; r < l.values.size(); ++r)
    out.push_back(number(l.values[r] - l.values[0], dec, true));
  return out;
}

std::vector<std::string> column_titles(const std::vector<Run>& runs) {
  std::vector<std::string> out{"indicator", "unit"};
  for (const auto& r : runs) out.push_back(r.label);
  for (std::size_t r = 1; r < runs.size(); ++r)
    out.push_back(fmt::format("{} - {}", runs[r].label, runs[0].label));
  return out;
}

void print_text(const Comparison& c, const std::vector<Run>& runs, std::ostream& out) {
  out << "runs (differences are against " << runs[0].label << "):\n";
  for (const auto& h : c.header) out << "  " << h << "\n";
  for (const auto& n : c.notes) out << "note: " << n << "\n";
  for (const auto& b : c.blocks) {
    std::vector<std::vector<std::string>> table{column_titles(runs)};
    for (const auto& l : b.lines) table.push_back(cells(l));
    std::vector<std::size_t> width(table[0].size(), 0);
    for (const auto& row : table)
      for (std::size_t k = 0; k < row.size(); ++k) width[k] = std::max(width[k], row[k].size());
    out << "\n" << b.title << "\n";
    for (const auto& row : table) {
      std::string line = fmt::format("{:<{}}  {:<{}}", row[0], width[0], row[1], width[1]);
      for (std::size_t k = 2; k < row.size(); ++k)
        line += fmt::format("  {:>{}}", row[k], width[k]);
      out << line << "\n";
    }
  }
}

std::string md_cell(const std::string& s) {
  std::string out;
  for (char ch : s) out += ch == '|' ? std::string("\\|") : std::string(1, ch);
  return out;
}

void print_markdown(const Comparison& c, const std::vector<Run>& runs, std::ostream& out) {
  out << "## minesim compare\n\n";
  for (const auto& h : c.header) out << "- " << md_cell(h) << "\n";
  out << "\nDifferences are against " << md_cell(runs[0].label) << ".\n";
  for (const auto& n : c.notes) out << "\n**Note:** " << md_cell(n) << "\n";
  for (const auto& b : c.blocks) {
    out << "\n### " << md_cell(b.title) << "\n\n";
    const auto titles = column_titles(runs);
    std::string head = "|", sep = "|";
    for (std::size_t k = 0; k < titles.size(); ++k) {
      head += fmt::format(" {} |", md_cell(titles[k]));
      sep += k < 2 ? "---|" : "---:|";
    }
    out << head << "\n" << sep << "\n";
    for (const auto& l : b.lines) {
      std::string row = "|";
      for (const auto& cell : cells(l)) row += fmt::format(" {} |", md_cell(cell));
      out << row << "\n";
    }
  }
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

std::string csv_number(double x) { return std::isnan(x) ? "" : fmt::format("{}", x); }

void print_csv(const Comparison& c, const std::vector<Run>& runs, std::ostream& out) {
  for (const auto& h : c.header) std::cerr << "minesim: " << h << "\n";
  for (const auto& n : c.notes) std::cerr << "minesim: note: " << n << "\n";
  for (const auto& b : c.blocks)
    if (b.when == "cumulated") std::cerr << "minesim: " << b.title << "\n";
  out << "indicator,unit,when,run,value,difference\n";
  for (const auto& b : c.blocks)
    for (const auto& l : b.lines)
      for (std::size_t r = 0; r < runs.size(); ++r)
        out << csv_field(l.row.name) << ',' << csv_field(l.unit) << ',' << csv_field(b.when) << ','
            << csv_field(runs[r].label) << ',' << csv_number(l.values[r]) << ','
            << (r ? csv_number(l.values[r] - l.values[0]) : "") << "\n";
}

}  // namespace minesim::compare_detail

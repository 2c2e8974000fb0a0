// `minesim compare` through the command line: the headline rows and the sign of a difference in
// text, CSV and Markdown, --at against values read straight from the file and from a shorter run,
// notes for different labels, intervention names, and the exit statuses for bad input.
#include <gtest/gtest.h>
#include <hdf5.h>

#include <filesystem>
#include <map>
#include <sstream>
#include <tuple>

#include "support.h"

namespace minesim {
namespace {

namespace fs = std::filesystem;
using test::run_cli;

// Runs tiny_scenario (24 months from 2025-01) in a fresh directory per test, so tests can run in
// parallel; `sets` are passed as --set overrides. Returns the output path.
std::string make_run(const std::string& dir, const std::string& name,
                     const std::vector<std::string>& extra = {},
                     const std::string& scenario = test::tiny_scenario(2000, 24)) {
  test::write_file(dir + "/" + name + ".toml", scenario);
  std::vector<std::string> args{"run", name + ".toml", "-o", name + ".h5", "--quiet"};
  args.insert(args.end(), extra.begin(), extra.end());
  const auto r = run_cli(args, dir);
  EXPECT_EQ(r.status, 0) << r.err;
  return dir + "/" + name + ".h5";
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

// RFC 4180 records (quoted fields may hold commas, quotes and line breaks).
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = any = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(field);
      rows.push_back(row);
      row.clear();
      field.clear();
      any = false;
    } else {
      field += c;
      any = true;
    }
  }
  if (any) {
    row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

// The CSV rows keyed by indicator, when and run.
using CsvKey = std::tuple<std::string, std::string, std::string>;
std::map<CsvKey, std::vector<std::string>> csv_by_key(const std::string& text) {
  std::map<CsvKey, std::vector<std::string>> out;
  const auto rows = parse_csv(text);
  for (std::size_t i = 1; i < rows.size(); ++i)
    if (rows[i].size() == 6) out[{rows[i][0], rows[i][2], rows[i][3]}] = rows[i];
  return out;
}

// government_revenue[month][instrument "royalty"], read with the HDF5 C API.
double royalty_in_file(const std::string& path, std::size_t month) {
  hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  EXPECT_GE(f, 0);
  hid_t labels = H5Dopen2(f, "instrument", H5P_DEFAULT);
  hid_t str = H5Tcopy(H5T_C_S1);
  H5Tset_size(str, H5T_VARIABLE);
  H5Tset_cset(str, H5T_CSET_UTF8);
  std::vector<char*> names(4, nullptr);
  H5Dread(labels, str, H5S_ALL, H5S_ALL, H5P_DEFAULT, names.data());
  std::size_t royalty = 99;
  for (std::size_t k = 0; k < names.size(); ++k)
    if (names[k] && std::string(names[k]) == "royalty") royalty = k;
  hid_t space = H5Dget_space(labels);
  H5Dvlen_reclaim(str, space, H5P_DEFAULT, names.data());
  H5Sclose(space);
  H5Tclose(str);
  H5Dclose(labels);
  EXPECT_LT(royalty, 4u);
  hid_t ds = H5Dopen2(f, "government_revenue", H5P_DEFAULT);
  std::vector<double> v(24 * 4);
  H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
  H5Dclose(ds);
  H5Fclose(f);
  return v[month * 4 + royalty];
}

TEST(CompareCli, TextShowsHeadlineRowsAndRoyaltyDifferenceSign) {
  const std::string dir = test::fresh_dir("compare_text");
  const std::string a = make_run(dir, "base");
  const std::string b = make_run(dir, "high_royalty", {"--set", "economy.royalty_rate=0.08"});
  const auto r = run_cli({"compare", a, b});
  ASSERT_EQ(r.status, 0) << r.err;
  for (const char* row :
       {"persons employed: mine", "persons employed: farming_informal", "mine jobs: female",
        "mine jobs: high", "remote mine roles", "women's share of mine workforce", "unemployed",
        "mean household income", "poverty rate", "mean local procurement share",
        "government revenue: royalty", "government revenue: payroll_tax", "incidents",
        "scenario_file base.toml", "scenario_file high_royalty.toml", "at 2026-12",
        "cumulated over the horizon: 2025-01 to 2026-12", "high_royalty - base"})
    EXPECT_NE(r.out.find(row), std::string::npos) << row << "\n" << r.out;
  // Royalty rows (at 2026-12, then cumulated): the difference is the last column and positive.
  int royalty_rows = 0;
  for (const auto& l : lines_of(r.out)) {
    if (l.rfind("government revenue: royalty", 0) != 0) continue;
    ++royalty_rows;
    const std::string last = l.substr(l.find_last_of(' ') + 1);
    EXPECT_EQ(last[0], '+') << l;
    EXPECT_NE(l.find("USD"), std::string::npos) << l;
  }
  EXPECT_EQ(royalty_rows, 2);
}

TEST(CompareCli, CsvHasSixFieldsPerRowAndPositiveRoyaltyDifference) {
  const std::string dir = test::fresh_dir("compare_csv");
  const std::string a = make_run(dir, "base");
  // A label with a comma and quotes must be quoted in the CSV.
  const std::string b = dir + "/royalty \"8%\", high.h5";
  fs::rename(make_run(dir, "high_royalty", {"--set", "economy.royalty_rate=0.08"}), b);
  const std::string label = "royalty \"8%\", high";
  const auto r = run_cli({"compare", a, b, "--format", "csv"});
  ASSERT_EQ(r.status, 0) << r.err;
  const auto rows = parse_csv(r.out);
  ASSERT_GT(rows.size(), 40u);
  EXPECT_EQ(rows[0],
            (std::vector<std::string>{"indicator", "unit", "when", "run", "value", "difference"}));
  std::map<std::string, int> per_when;
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 6u) << r.out;
    if (&row != &rows[0]) ++per_when[row[2]];
  }
  // One block at the last month, one cumulated; every row appears once per run.
  ASSERT_EQ(per_when.size(), 2u);
  EXPECT_EQ(per_when["2026-12"] % 2, 0);
  // revenue, 4 instruments, ASM mercury, incidents, mine purchases by 3 supplier origins
  EXPECT_EQ(per_when["cumulated"], 2 * 10);
  const auto by_key = csv_by_key(r.out);
  for (const char* when : {"2026-12", "cumulated"}) {
    const auto first = by_key.find({"government revenue: royalty", when, "base"});
    const auto second = by_key.find({"government revenue: royalty", when, label});
    ASSERT_NE(first, by_key.end()) << when;
    ASSERT_NE(second, by_key.end()) << when;
    EXPECT_EQ(first->second[5], "");  // no difference for the reference run
    EXPECT_GT(std::stod(second->second[5]), 0.0) << when;
    EXPECT_DOUBLE_EQ(std::stod(second->second[5]),
                     std::stod(second->second[4]) - std::stod(first->second[4]));
    EXPECT_EQ(second->second[1], std::string(when) == "cumulated" ? "USD" : "USD/month");
  }
  EXPECT_NE(r.out.find("\"royalty \"\"8%\"\", high\""), std::string::npos) << r.out;
  // stdout is plain CSV; the header lines (runs, cumulated months) go to stderr.
  EXPECT_NE(r.err.find("cumulated over the horizon"), std::string::npos) << r.err;
}

TEST(CompareCli, MarkdownHasATablePerBlock) {
  const std::string dir = test::fresh_dir("compare_markdown");
  const std::string a = make_run(dir, "base");
  const std::string b = make_run(dir, "high_royalty", {"--set", "economy.royalty_rate=0.08"});
  const auto r = run_cli({"compare", a, b, "--format", "markdown", "--at", "2025-06"});
  ASSERT_EQ(r.status, 0) << r.err;
  int separators = 0, headers = 0;
  for (const auto& l : lines_of(r.out)) {
    if (l == "|---|---|---:|---:|---:|") ++separators;
    if (l == "| indicator | unit | base | high_royalty | high_royalty - base |") ++headers;
  }
  EXPECT_EQ(separators, 2) << r.out;  // at 2025-06 and cumulated
  EXPECT_EQ(headers, 2) << r.out;
  EXPECT_NE(r.out.find("### at 2025-06"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("| government revenue: royalty | USD/month |"), std::string::npos);
}

TEST(CompareCli, AtSelectsTheRecordedMonthHoldingTheDate) {
  const std::string dir = test::fresh_dir("compare_at");
  const std::string a = make_run(dir, "base");
  const std::string b = make_run(dir, "high_royalty", {"--set", "economy.royalty_rate=0.08"});
  // 2026-03 is month index 14; the royalty changes from month to month around it.
  const double before = royalty_in_file(a, 13), at = royalty_in_file(a, 14),
               after = royalty_in_file(a, 15);
  ASSERT_NE(before, at);
  ASSERT_NE(after, at);
  const auto r =
      run_cli({"compare", a, b, "--at", "2026-03-17", "--at", "2025-06", "--format", "csv"});
  ASSERT_EQ(r.status, 0) << r.err;
  const auto by_key = csv_by_key(r.out);
  const auto it = by_key.find({"government revenue: royalty", "2026-03", "base"});
  ASSERT_NE(it, by_key.end()) << r.out;
  EXPECT_DOUBLE_EQ(std::stod(it->second[4]), at);
  const auto june = by_key.find({"government revenue: royalty", "2025-06", "base"});
  ASSERT_NE(june, by_key.end()) << r.out;
  EXPECT_DOUBLE_EQ(std::stod(june->second[4]), royalty_in_file(a, 5));
  const auto later = by_key.find({"government revenue: royalty", "2026-03", "high_royalty"});
  ASSERT_NE(later, by_key.end());
  EXPECT_DOUBLE_EQ(std::stod(later->second[4]), royalty_in_file(b, 14));

  // The same scenario run for 12 months ends in 2025-12: without --at, the comparison is at the
  // last month both recorded, and there every indicator equals the long run's.
  const std::string s = make_run(dir, "short", {"--months", "12"});
  const auto d = run_cli({"compare", a, s, "--format", "csv"});
  ASSERT_EQ(d.status, 0) << d.err;
  EXPECT_NE(d.err.find("end in different months"), std::string::npos) << d.err;
  const auto rows = parse_csv(d.out);
  int compared = 0;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), 6u);
    EXPECT_TRUE(rows[i][2] == "2025-12" || rows[i][2] == "cumulated") << rows[i][2];
    if (rows[i][3] != "short" || rows[i][5].empty()) continue;
    EXPECT_EQ(std::stod(rows[i][5]), 0.0) << rows[i][0] << " " << rows[i][2];
    ++compared;
  }
  EXPECT_GT(compared, 20);
  const auto text = run_cli({"compare", a, s, "--at", "2025-12-31"});
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_NE(text.out.find("at 2025-12"), std::string::npos);
  EXPECT_NE(text.out.find("2025-01 to 2025-12, 12 months common to all runs"), std::string::npos)
      << text.out;
}

TEST(CompareCli, BadDateExitsTwo) {
  const std::string dir = test::fresh_dir("compare_bad_date");
  const std::string a = make_run(dir, "base");
  const std::string s = make_run(dir, "short", {"--months", "12"});
  for (const char* bad : {"2025-13", "2025-02-30", "yesterday", "2025/06", "25-06"}) {
    const auto r = run_cli({"compare", a, s, "--at", bad});
    EXPECT_EQ(r.status, 2) << bad;
    EXPECT_NE(r.err.find(bad), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
  }
  // Valid dates outside a file's recorded months.
  for (const char* outside : {"2024-12-31", "2026-01", "2031-01-01"}) {
    const auto r = run_cli({"compare", a, s, "--at", outside});
    EXPECT_EQ(r.status, 2) << outside;
    EXPECT_NE(r.err.find("outside the months recorded in"), std::string::npos) << r.err;
  }
}

TEST(CompareCli, UnreadableFileExitsSeventyFour) {
  const std::string dir = test::fresh_dir("compare_unreadable");
  const std::string a = make_run(dir, "base");
  const auto missing = run_cli({"compare", a, dir + "/missing.h5"});
  EXPECT_EQ(missing.status, 74);
  EXPECT_NE(missing.err.find("missing.h5"), std::string::npos) << missing.err;
  test::write_file(dir + "/text.h5", "not an HDF5 file\n");
  const auto text = run_cli({"compare", dir + "/text.h5", a});
  EXPECT_EQ(text.status, 74);
  EXPECT_NE(text.err.find("text.h5: not an HDF5 file"), std::string::npos) << text.err;
  // HDF5, but not a minesim output file.
  hid_t f = H5Fcreate((dir + "/empty.h5").c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  ASSERT_GE(f, 0);
  H5Fclose(f);
  const auto empty = run_cli({"compare", a, dir + "/empty.h5"});
  EXPECT_EQ(empty.status, 74);
  EXPECT_NE(empty.err.find("empty.h5"), std::string::npos) << empty.err;
}

TEST(CompareCli, FewerThanTwoFilesExitsTwo) {
  const std::string dir = test::fresh_dir("compare_one_file");
  const std::string a = make_run(dir, "base");
  EXPECT_EQ(run_cli({"compare", a}).status, 2);
  EXPECT_EQ(run_cli({"compare"}).status, 2);
  EXPECT_EQ(run_cli({"compare", a, a, "--format", "xml"}).status, 2);
}

TEST(CompareCli, DifferentCommunityLabelsCompareWithANote) {
  const std::string dir = test::fresh_dir("compare_labels");
  const std::string a = make_run(dir, "base");
  std::string renamed = test::tiny_scenario(2000, 24);
  for (std::size_t p; (p = renamed.find("village")) != std::string::npos;)
    renamed.replace(p, 7, "town");
  const std::string b = make_run(dir, "renamed", {}, renamed);
  const std::string c = make_run(dir, "high_royalty", {"--set", "economy.royalty_rate=0.08"});
  const auto r = run_cli({"compare", a, b, c});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("note: the runs have different community labels"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("renamed [host, town]"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("different mine labels"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("renamed - base"), std::string::npos);
  EXPECT_NE(r.out.find("high_royalty - base"), std::string::npos);
  // The same file twice: labels are made unique.
  const auto twice = run_cli({"compare", a, a});
  ASSERT_EQ(twice.status, 0) << twice.err;
  EXPECT_NE(twice.out.find(" #2"), std::string::npos) << twice.out;
  EXPECT_EQ(twice.out.find("note:"), std::string::npos) << twice.out;
}

TEST(CompareCli, ShowsInterventionNames) {
  const std::string dir = test::fresh_dir("compare_interventions");
  const std::string a = make_run(dir, "base");
  const std::string iv = make_run(dir, "policy", {}, test::tiny_scenario(2000, 24) + R"(
[interventions.fiscal_reform]
type = "tax_reform"
start = 2025-07-01
ramp_months = 6
royalty_rate = 0.07
)");
  // An older file without the intervention axis: no interventions are shown for it.
  const std::string old = dir + "/old.h5";
  fs::copy_file(a, old);
  hid_t f = H5Fopen(old.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  ASSERT_GE(f, 0);
  for (const char* name : {"intervention_type", "intervention_start", "intervention_end",
                           "intervention_parameters", "intervention"}) {
    if (H5Lexists(f, name, H5P_DEFAULT) > 0) {
      EXPECT_GE(H5Ldelete(f, name, H5P_DEFAULT), 0) << name;
    }
  }
  H5Fclose(f);
  const auto r = run_cli({"compare", a, iv, old});
  ASSERT_EQ(r.status, 0) << r.err;
  const auto lines = lines_of(r.out);
  ASSERT_GE(lines.size(), 4u);
  EXPECT_NE(lines[1].find("base: "), std::string::npos) << r.out;
  EXPECT_NE(lines[1].find("interventions: none"), std::string::npos) << r.out;
  EXPECT_NE(lines[2].find("policy: "), std::string::npos) << r.out;
  EXPECT_NE(lines[2].find("interventions: fiscal_reform (tax_reform, from 2025-07-01)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(lines[3].find("old: "), std::string::npos) << r.out;
  EXPECT_EQ(lines[3].find(", interventions:"), std::string::npos) << r.out;
  // The royalty rises from 4% to 7%: a positive cumulated difference.
  const auto csv = run_cli({"compare", a, iv, "--format", "csv"});
  ASSERT_EQ(csv.status, 0) << csv.err;
  const auto by_key = csv_by_key(csv.out);
  const auto it = by_key.find({"government revenue: royalty", "cumulated", "policy"});
  ASSERT_NE(it, by_key.end()) << csv.out;
  EXPECT_GT(std::stod(it->second[5]), 0.0);
}

}  // namespace
}  // namespace minesim

// The ensemble file writer (io/ensemble_file.h) on three tiny member runs made by the minesim
// binary: each member's slice equals its run file bit for bit, member coordinates and order,
// completed flags, reopening a kept file, and members whose axes differ refused with exit 2.
#include "io/ensemble_file.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <hdf5.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>

#include "io/atomic_file.h"
#include "io/output_reader.h"
#include "support.h"
#include "world/variables.h"

namespace minesim {
namespace {

const char* kTraining = R"(
[interventions.train]
type = "skills_training"
start = 2025-04-01
capacity = 50
duration_months = 2
)";

// Runs `scenario` with `seed` in `dir`; returns the output file.
std::string member_run(const std::string& dir, const std::string& name, const std::string& scenario,
                       int seed) {
  test::write_file(dir + "/" + name + ".toml", scenario);
  const auto r = test::run_cli(
      {"run", name + ".toml", "-o", name + ".h5", "--quiet", "--seed", std::to_string(seed)}, dir);
  EXPECT_EQ(r.status, 0) << r.err;
  return dir + "/" + name + ".h5";
}

struct Fixture {
  std::string dir;
  std::vector<std::string> files;  // a/s1, a/s2, b/s1
  std::vector<EnsembleMember> members;
  EnsemblePlan plan;
  explicit Fixture(const std::string& name) : dir(test::fresh_dir(name)) {
    const std::string base = test::tiny_scenario(2000, 10, "");
    files = {member_run(dir, "a1", base, 1), member_run(dir, "a2", base, 2),
             member_run(dir, "b1", base + kTraining, 1)};
    const std::vector<std::string> arms{"a", "a", "b"};
    const std::vector<int> seeds{1, 2, 1};
    for (std::size_t i = 0; i < 3; ++i)
      members.push_back({arms[i] + "/s" + std::to_string(seeds[i]) + "/p0",
                         arms[i],
                         seeds[i],
                         0,
                         {{"labour.quit_rate", 0.01 * static_cast<double>(i + 1)}},
                         "minesim run " + arms[i] + ".toml --seed " + std::to_string(seeds[i])});
    plan = {
        "replicates = 2\n[arms.a]\n[arms.b]\n", dir + "/study.toml", "a", "minesim ensemble", {}};
  }
};

hid_t open_file(const std::string& path) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  EXPECT_GE(f, 0) << path;
  return f;
}

std::vector<hsize_t> dims(hid_t ds) {
  const hid_t s = H5Dget_space(ds);
  std::vector<hsize_t> d(static_cast<std::size_t>(H5Sget_simple_extent_ndims(s)));
  H5Sget_simple_extent_dims(s, d.data(), nullptr);
  H5Sclose(s);
  return d;
}

std::vector<std::string> strings(hid_t f, const char* name) {
  const hid_t ds = H5Dopen2(f, name, H5P_DEFAULT), type = H5Dget_type(ds);
  std::size_t n = 1;
  for (hsize_t d : dims(ds)) n *= d;
  std::vector<char*> buf(n, nullptr);
  if (n) H5Dread(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data());
  std::vector<std::string> out;
  for (char* s : buf) {
    out.emplace_back(s ? s : "<null>");
    H5free_memory(s);
  }
  H5Tclose(type);
  H5Dclose(ds);
  return out;
}

std::vector<double> numbers(hid_t f, const char* name) {
  const hid_t ds = H5Dopen2(f, name, H5P_DEFAULT);
  std::size_t n = 1;
  for (hsize_t d : dims(ds)) n *= d;
  std::vector<double> out(n);
  if (n) H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data());
  H5Dclose(ds);
  return out;
}

// Member m, month t of a (member, time, ...) series.
std::vector<double> slice(hid_t f, const std::string& name, std::size_t m, std::size_t t) {
  const hid_t ds = H5Dopen2(f, name.c_str(), H5P_DEFAULT), space = H5Dget_space(ds);
  std::vector<hsize_t> start(dims(ds).size(), 0), count = dims(ds);
  start[0] = m;
  start[1] = t;
  count[0] = count[1] = 1;
  hsize_t n = 1;
  for (hsize_t c : count) n *= c;
  std::vector<double> out(n);
  H5Sselect_hyperslab(space, H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr);
  const hid_t mem = H5Screate_simple(1, &n, nullptr);
  if (n) {
    EXPECT_GE(H5Dread(ds, H5T_NATIVE_DOUBLE, mem, space, H5P_DEFAULT, out.data()), 0);
  }
  H5Sclose(mem);
  H5Sclose(space);
  H5Dclose(ds);
  return out;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

// Every dataset of the file: text as text, numbers as their bytes (as doubles).
std::map<std::string, std::string> contents(const std::string& path) {
  const hid_t f = open_file(path);
  std::vector<std::string> names;
  H5Literate(
      f, H5_INDEX_NAME, H5_ITER_INC, nullptr,
      [](hid_t, const char* n, const H5L_info_t*, void* out) {
        static_cast<std::vector<std::string>*>(out)->emplace_back(n);
        return herr_t{0};
      },
      &names);
  std::map<std::string, std::string> out;
  for (const auto& n : names) {
    const hid_t ds = H5Dopen2(f, n.c_str(), H5P_DEFAULT), type = H5Dget_type(ds);
    std::string text = "shape";
    for (hsize_t d : dims(ds)) text += fmt::format(" {}", d);
    if (H5Tget_class(type) == H5T_STRING)
      for (const auto& s : strings(f, n.c_str())) text += fmt::format("|{}", s);
    else
      for (double x : numbers(f, n.c_str())) text.append(reinterpret_cast<char*>(&x), sizeof x);
    out[n] = text;
    H5Tclose(type);
    H5Dclose(ds);
  }
  H5Fclose(f);
  return out;
}

TEST(EnsembleFile, EachMemberEqualsItsRunFileBitForBit) {
  const Fixture fx("ensemble_bits");
  const std::string path = fx.dir + "/e.h5";
  EnsembleWriter w = EnsembleWriter::create(path, fx.plan, fx.members, 0, fx.files[0]);
  EXPECT_EQ(w.completed(), (std::vector<bool>{true, false, false}));
  w.add_member(2, fx.files[2]);
  EXPECT_EQ(w.completed(), (std::vector<bool>{true, false, true}));
  {  // Member 1 not in yet: NaN and completed = 0, readable while the writer holds the file.
    const hid_t f = open_file(path);
    EXPECT_EQ(numbers(f, "completed"), (std::vector<double>{1, 0, 1}));
    for (double x : slice(f, "employment", 1, 3)) EXPECT_TRUE(std::isnan(x));
    H5Fclose(f);
  }
  w.add_member(1, fx.files[1]);
  w.close();
  const hid_t f = open_file(path);
  EXPECT_EQ(numbers(f, "completed"), (std::vector<double>{1, 1, 1}));
  EXPECT_EQ(strings(f, "member"), (std::vector<std::string>{"a/s1/p0", "a/s2/p0", "b/s1/p0"}));
  EXPECT_EQ(strings(f, "arm"), (std::vector<std::string>{"a", "a", "b"}));
  EXPECT_EQ(numbers(f, "seed"), (std::vector<double>{1, 2, 1}));
  EXPECT_EQ(numbers(f, "point"), (std::vector<double>{0, 0, 0}));
  EXPECT_EQ(numbers(f, "labour__quit_rate"), (std::vector<double>{0.01, 0.02, 0.03}));
  EXPECT_EQ(strings(f, "member_command")[1], "minesim run a.toml --seed 2");
  EXPECT_EQ(strings(f, "intervention"), (std::vector<std::string>{"1"}));
  EXPECT_EQ(strings(f, "intervention_name"), (std::vector<std::string>{"", "", "train"}));
  EXPECT_EQ(strings(f, "intervention_type"), (std::vector<std::string>{"", "", "skills_training"}));
  EXPECT_EQ(strings(f, "intervention_start")[2], "2025-04-01");
  std::size_t compared = 0;
  for (std::size_t m = 0; m < 3; ++m) {
    const OutputReader r(fx.files[m]);
    EXPECT_EQ(strings(f, "scenario")[m], r.attribute("scenario"));
    EXPECT_EQ(strings(f, "community"), r.labels("community"));
    EXPECT_TRUE(same_bits(numbers(f, "time_bnds"), r.doubles(*r.find("time_bnds"))));
    for (const SeriesVar& s : series_vars()) {
      const VarInfo* v = r.find(s.name);
      ASSERT_NE(v, nullptr) << s.name;
      for (std::size_t t = 0; t < r.months(); ++t, ++compared)
        ASSERT_TRUE(same_bits(slice(f, v->name, m, t), r.month(*v, t, {})))
            << v->name << " member " << m << " month " << t;
    }
  }
  EXPECT_EQ(compared, 3 * 10 * series_vars().size());
  // Run-file provenance that is per member is not at the root; the plan's is.
  EXPECT_LE(H5Aexists(f, "seed"), 0);
  EXPECT_LE(H5Aexists(f, "scenario"), 0);
  EXPECT_EQ(h5::read_attr_text(f, "plan"), fx.plan.text);
  EXPECT_EQ(h5::read_attr_text(f, "baseline"), "a");
  EXPECT_EQ(h5::read_attr_text(f, "title"), "minesim ensemble: study");
  EXPECT_EQ(h5::read_attr_text(f, "start_date"), "2025-01-01");
  // One member per chunk, at most 4 MiB.
  const hid_t ds = H5Dopen2(f, "employment", H5P_DEFAULT), dcpl = H5Dget_create_plist(ds);
  std::vector<hsize_t> chunk(dims(ds).size());
  ASSERT_EQ(H5Pget_chunk(dcpl, static_cast<int>(chunk.size()), chunk.data()),
            static_cast<int>(chunk.size()));
  EXPECT_EQ(chunk[0], 1u);
  EXPECT_EQ(chunk[1], 10u);  // all the months fit
  EXPECT_EQ(h5::read_attr_text(ds, "units"), OutputReader(fx.files[0]).find("employment")->units);
  H5Pclose(dcpl);
  H5Dclose(ds);
  H5Fclose(f);
}

TEST(EnsembleFile, ReopenedAfterTwoMembersEqualsOneGo) {
  const Fixture fx("ensemble_reopen");
  const std::string one = fx.dir + "/one.h5", two = fx.dir + "/two.h5";
  {
    EnsembleWriter w = EnsembleWriter::create(one, fx.plan, fx.members, 0, fx.files[0]);
    w.add_member(1, fx.files[1]);
    w.add_member(2, fx.files[2]);
    w.close();
  }
  {
    EnsembleWriter w = EnsembleWriter::create(two, fx.plan, fx.members, 0, fx.files[0]);
    w.add_member(1, fx.files[1]);
  }  // dropped without close(), as a killed command would leave it
  {
    EnsembleWriter w = EnsembleWriter::reopen(two, fx.plan, fx.members);
    EXPECT_EQ(w.completed(), (std::vector<bool>{true, true, false}));
    w.add_member(2, fx.files[2]);
    w.close();
  }
  const auto a = contents(one), b = contents(two);
  EXPECT_GT(a.size(), 40u);
  EXPECT_EQ(a.size(), b.size());
  for (const auto& [name, text] : a) EXPECT_TRUE(b.count(name) && b.at(name) == text) << name;
  // Another plan text or other members: refused, exit 2.
  EnsemblePlan other = fx.plan;
  other.text += "# changed\n";
  try {
    EnsembleWriter::reopen(two, other, fx.members);
    ADD_FAILURE() << "another plan reopened";
  } catch (const UsageError& e) {
    EXPECT_EQ(e.exit_status(), 2);
    EXPECT_NE(std::string(e.what()).find("another plan"), std::string::npos) << e.what();
  }
  auto members = fx.members;
  members[1].seed = 7;
  EXPECT_THROW(EnsembleWriter::reopen(two, fx.plan, members), UsageError);
}

// The command's way: a temporary of its own (AtomicFile), kept at an interruption, taken over and
// committed by --continue; OUT appears only then, whole.
TEST(EnsembleFile, KeptTemporaryIsContinuedAndCommitted) {
  const Fixture fx("ensemble_continue");
  const std::string out = fx.dir + "/out.h5";
  std::string kept;
  {
    AtomicFile file(out);
    EnsembleWriter w =
        EnsembleWriter::create(file.open_name(), fx.plan, fx.members, 2, fx.files[2]);
    w.close();
    file.keep();
    kept = file.temp_path();
  }
  EXPECT_FALSE(std::filesystem::exists(out));
  AtomicFile file(out, kept);
  EnsembleWriter w = EnsembleWriter::reopen(file.open_name(), fx.plan, fx.members);
  EXPECT_EQ(w.completed(), (std::vector<bool>{false, false, true}));
  for (std::size_t m = 0; m < 2; ++m) w.add_member(m, fx.files[m]);
  w.close();
  file.commit();
  EXPECT_FALSE(std::filesystem::exists(kept));
  const hid_t f = open_file(out);
  EXPECT_EQ(numbers(f, "completed"), (std::vector<double>{1, 1, 1}));
  EXPECT_TRUE(same_bits(
      slice(f, "employment", 0, 4),
      OutputReader(fx.files[0]).month(*OutputReader(fx.files[0]).find("employment"), 4, {})));
  H5Fclose(f);
  EXPECT_THROW(AtomicFile(out, fx.dir + "/no_such.partial-XXXXXX"), CannotCreateError);
}

TEST(EnsembleFile, MembersWithOtherAxesAreRefused) {
  const Fixture fx("ensemble_axes");
  std::string renamed = test::tiny_scenario(2000, 10, "");
  const std::size_t at = renamed.find("[communities.village]");
  renamed = renamed.substr(0, at) + "[communities.hamlet]" + renamed.substr(at + 21);
  const std::string x = member_run(fx.dir, "x", renamed, 1);
  const std::string shorter = member_run(fx.dir, "s", test::tiny_scenario(2000, 8, ""), 1);
  auto members = fx.members;
  members[1].arm = "x";
  members[2].arm = "s";
  EnsembleWriter w = EnsembleWriter::create(fx.dir + "/e.h5", fx.plan, members, 0, fx.files[0]);
  auto error_of = [&](std::size_t m, const std::string& file) -> std::string {
    try {
      w.add_member(m, file);
    } catch (const UsageError& e) {
      EXPECT_EQ(e.exit_status(), 2);
      return e.what();
    }
    return "";
  };
  EXPECT_EQ(error_of(1, x), "arm 'x': axis 'community' differs from arm 'a'");
  EXPECT_EQ(error_of(2, shorter), "arm 's': axis 'time' differs from arm 'a'");
  EXPECT_EQ(w.completed(), (std::vector<bool>{true, false, false}));
}

TEST(EnsembleFile, KeepsOnlyTheVariablesAsked) {
  const Fixture fx("ensemble_variables");
  EnsemblePlan plan = fx.plan;
  plan.variables = {"employment", "poverty_rate"};
  const std::string path = fx.dir + "/e.h5";
  EnsembleWriter::create(path, plan, fx.members, 0, fx.files[0]).close();
  const auto c = contents(path);
  for (const SeriesVar& s : series_vars())
    EXPECT_EQ(c.count(std::string(s.name)), s.name == "employment" || s.name == "poverty_rate")
        << s.name;
  EXPECT_EQ(c.count("community_lat") + c.count("mine_community") + c.count("time_bnds"), 3u);
  plan.variables = {"employment", "no_such_thing"};
  try {
    EnsembleWriter::create(fx.dir + "/f.h5", plan, fx.members, 0, fx.files[0]);
    ADD_FAILURE() << "an unknown variable was accepted";
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(), "variables: 'no_such_thing' is not a time series of the run file");
  }
}

}  // namespace
}  // namespace minesim

#include "app/ensemble_members.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <toml++/toml.h>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "app/ensemble_schedule.h"
#include "app/progress.h"
#include "core/errors.h"
#include "core/exit_codes.h"
#include "io/atomic_file.h"
#include "io/checkpoint.h"
#include "io/checkpoint_store.h"

namespace minesim::ensemble_detail {

namespace fs = std::filesystem;

std::vector<EnsembleMember> file_members(const Study& s) {
  std::vector<EnsembleMember> out;
  for (const Member& m : s.members)
    out.push_back({m.name, s.plan.arms[static_cast<std::size_t>(m.arm)].name,
                   static_cast<std::int32_t>(m.seed), m.point, m.params, member_command(s, m)});
  return out;
}

EnsemblePlan file_plan(const Study& s, const EnsembleOptions& o) {
  EnsemblePlan p{s.plan.text, s.plan.file, s.plan.arms[s.baseline].name, o.command_line,
                 s.plan.variables};
  if (s.plan.sensitivity) p.morris = morris_layout(s);
  return p;
}

void add_member_file(std::optional<EnsembleWriter>& w, const std::string& path, const Study& s,
                     const EnsembleOptions& o, std::size_t m, const std::string& file) {
  if (!w)
    w.emplace(EnsembleWriter::create(path, file_plan(s, o), file_members(s), m, file));
  else
    w->add_member(m, file);
}

std::string members_dir_of(const std::string& out) { return out + ".members"; }

namespace {

std::string member_file(const std::string& dir, std::size_t m) {
  return fmt::format("{}/m{}.h5", dir, m);
}

// What the manifest (DIR/manifest.toml) records: the plan whose members the folder holds.
struct Manifest {
  std::string plan, plan_hash, minesim;
  std::int64_t members = 0;
};

Manifest manifest_of(const Study& s) {
  std::error_code ec;
  const fs::path abs = fs::absolute(s.plan.file, ec);
  return {ec ? s.plan.file : abs.lexically_normal().string(), ckpt::hash_hex(s.plan.text),
          this_minesim(), static_cast<std::int64_t>(s.members.size())};
}

std::string manifest_path(const std::string& dir) { return dir + "/manifest.toml"; }

// Reads DIR/manifest.toml; UsageError (exit 2) naming the file and the key when it is not one.
Manifest read_manifest(const std::string& dir) {
  const std::string path = manifest_path(dir);
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    std::error_code ec;
    if (!fs::exists(path, ec))
      throw UsageError(fmt::format(
          "{}: not a members folder of minesim ensemble (no manifest.toml in it)", dir));
    throw UsageError(fmt::format("{}:{}: {}", path, e.source().begin.line, e.description()));
  }
  Manifest m;
  const auto text = [&](const char* key, std::string& v) {
    const std::optional<std::string> x = t[key].value<std::string>();
    if (!x) throw UsageError(fmt::format("{}: key '{}': expected a string", path, key));
    v = *x;
  };
  text("plan", m.plan);
  text("plan_hash", m.plan_hash);
  text("minesim", m.minesim);
  const std::optional<std::int64_t> n = t["members"].value<std::int64_t>();
  if (!n || *n < 1) throw UsageError(fmt::format("{}: key 'members': expected a count >= 1", path));
  m.members = *n;
  return m;
}

// UsageError unless the folder's manifest `got` is the one this plan and this minesim make.
void check_manifest(const Manifest& want, const Manifest& got, const std::string& dir) {
  const std::string why =
      got.plan_hash != want.plan_hash ? fmt::format("plan {} has changed since", got.plan)
      : got.minesim != want.minesim   ? fmt::format("it was made by minesim {}", got.minesim)
      : got.members != want.members   ? fmt::format("it records {} members", got.members)
                                      : "";
  if (!why.empty())
    throw UsageError(fmt::format(
        "{} holds the members of another ensemble ({}; this is {} with {} members, minesim {}): "
        "remove it, or write to another output",
        dir, why, want.plan, want.members, want.minesim));
}

// Creates the folder (or finds it, made by another part) and its manifest, atomically.
void open_members_dir(const Study& s, const std::string& dir) {
  std::error_code made;
  if (const fs::path parent = fs::path(dir).parent_path(); !parent.empty())
    fs::create_directories(parent, made);  // as for OUT itself; a failure shows in mkdir below
  if (::mkdir(dir.c_str(), 0777) != 0 && errno != EEXIST)
    throw_path_error(fmt::format("cannot create {}", dir), errno);
  const Manifest want = manifest_of(s);
  std::error_code ec;
  if (fs::exists(manifest_path(dir), ec)) return check_manifest(want, read_manifest(dir), dir);
  toml::table t{{"plan", want.plan},
                {"plan_hash", want.plan_hash},
                {"minesim", want.minesim},
                {"members", want.members}};
  AtomicFile file(manifest_path(dir));
  {
    std::ofstream os(file.open_name());
    os << "# The members folder of `minesim ensemble` (docs/ensembles.md, \"Many machines\")\n"
       << t << '\n';
    if (!os.flush()) throw IoError(fmt::format("cannot write {}", manifest_path(dir)));
  }
  file.commit();
}

// Removes the temporaries an interrupted member run left: its output's (FILE.partial-XXXXXX; its
// checkpoints hold its state) and a checkpoint's that a kill cut short
// (FILE.ckpt-YYYY-MM.h5.partial-XXXXXX). Only this member's: other parts may be running.
void remove_kept_outputs(const std::string& file) {
  std::error_code ec;
  for (const std::string& path : files_named_after(file, ".partial-")) fs::remove(path, ec);
  for (const std::string& path : files_named_after(file, ".ckpt-"))
    if (path.find(".h5.partial-") != std::string::npos) fs::remove(path, ec);
}

}  // namespace

int run_part(const Study& s, const ForkSchedule& f, const EnsembleOptions& o, int jobs,
             const std::vector<int>& parts, std::pair<int, int> part, const std::string& dir) {
  open_members_dir(s, dir);
  const std::size_t n = s.members.size();
  std::vector<bool> done(n, true);
  std::vector<std::string> resume(n);
  Counts c;
  std::size_t resumed = 0;
  std::error_code ec;
  for (std::size_t m = 0; m < n; ++m) {
    if (parts[m] != part.first) continue;
    ++c.total;
    const std::string file = member_file(dir, m);
    if (fs::exists(file, ec)) {
      ++c.done;
      continue;
    }
    done[m] = false;
    remove_kept_outputs(file);
    const std::vector<std::string> ckpts = checkpoints_of(file);
    if (!ckpts.empty()) resume[m] = ckpts.back(), ++resumed;
  }
  if (!o.quiet)
    std::cerr << fmt::format(
        "minesim: part {} of {}: {} members ({} finished earlier, {} resume from their "
        "checkpoints) in {}\n",
        part.first + 1, part.second, c.total, c.done, resumed, dir);
  Schedule plan(s, f, std::move(done), std::move(resume), dir);
  return run_schedule(s, plan, o, jobs, c, [](std::size_t, const std::string&) {});
}

int combine_members(const std::string& dir, const std::string& out, const EnsembleOptions& o) {
  const Manifest got = read_manifest(dir);
  const Study s = load_study(got.plan, o.allow_large);
  check_manifest(manifest_of(s), got, dir);
  std::vector<std::string> missing;
  std::error_code ec;
  for (std::size_t m = 0; m < s.members.size(); ++m)
    if (!fs::exists(member_file(dir, m), ec)) missing.push_back(s.members[m].name);
  if (!missing.empty())
    throw UsageError(fmt::format(
        "{}: {} of {} members have not finished: {}{}; run their parts again (the same command "
        "continues them), then combine",
        dir, missing.size(), s.members.size(),
        fmt::join(missing.begin(), missing.begin() + std::min<std::size_t>(missing.size(), 8),
                  ", "),
        missing.size() > 8 ? ", ..." : ""));
  AtomicFile file(out);
  std::optional<EnsembleWriter> w;
  Progress progress(static_cast<int>(s.members.size()), o.quiet, "member");
  for (std::size_t m = 0; m < s.members.size(); ++m) {
    add_member_file(w, file.open_name(), s, o, m, member_file(dir, m));
    progress.update(static_cast<int>(m + 1), s.members[m].name);
  }
  progress.finish();
  w->close();
  std::string morris;
  if (s.plan.sensitivity) morris = morris_analysis(s, file.open_name());
  file.commit();
  fs::remove_all(dir, ec);
  if (!o.quiet && !morris.empty()) std::cout << morris << '\n';
  if (!o.quiet)
    std::cout << fmt::format("minesim: {} members combined; output: {}\n", s.members.size(), out);
  return exit_code::kSuccess;
}

}  // namespace minesim::ensemble_detail

#include "io/checkpoint.h"

#include <fmt/format.h>

#include <charconv>
#include <optional>

#include "io/atomic_file.h"
#include "io/checkpoint_fields.h"
#include "io/checkpoint_walk.h"
#include "minesim_version.h"
#include "world/variables.h"

namespace minesim {

namespace {

constexpr const char* kFormat = "minesim checkpoint";

// The outputs' datasets: outputs/NAME, (months, values a month).
void save_outputs(ckpt::StoreWriter& out, const RecordedMonths& rec) {
  const auto& vars = series_vars();
  for (std::size_t v = 0; v < vars.size(); ++v) {
    const std::size_t months = static_cast<std::size_t>(rec.months);
    const std::vector<double>& values = rec.series[v];
    out.put("outputs/" + std::string(vars[v].name), ckpt::Kind::kF64, months,
            months ? values.size() / months : 0, values.data());
  }
}

void load_outputs(ckpt::StoreReader& in, RecordedMonths& rec, int months) {
  const auto& vars = series_vars();
  rec.series.assign(vars.size(), {});
  rec.months = months;
  for (std::size_t v = 0; v < vars.size(); ++v) {
    const std::string path = "outputs/" + std::string(vars[v].name);
    const auto [rows, n] = in.shape(path, ckpt::Kind::kF64);
    if (rows != static_cast<std::size_t>(months))
      in.fail(path, fmt::format("{} months, the checkpoint records {}", rows, months));
    rec.series[v].resize(rows * n);
    in.get(path, ckpt::Kind::kF64, rec.series[v].data());
  }
}

void write_meta(hid_t file, const CheckpointMeta& m, const std::string& state_hash) {
  const std::pair<const char*, std::string> attrs[] = {
      {"format", kFormat},
      {"checkpoint_version", std::to_string(kCheckpointVersion)},
      {"minesim", this_minesim()},
      {"last_month", m.last_month.iso().substr(0, 7)},
      {"step", std::to_string(m.step)},
      {"seed", std::to_string(m.seed)},
      {"persons", std::to_string(m.persons)},
      {"recorded_months", std::to_string(m.recorded_months)},
      {"output", m.output},
      {"history", m.history},
      {"scenario_file", m.scenario_file},
      {"scenario", m.scenario_text},
      {"scenario_hash", ckpt::hash_hex(m.scenario_text)},
      {"state_hash", state_hash},
  };
  for (const auto& [name, value] : attrs) h5::write_text_attr(file, name, value);
}

[[noreturn]] void refuse(const std::string& path, const std::string& why) {
  throw IoError(fmt::format("{}: {}; not a usable checkpoint", path, why));
}

template <class T>
T number_attr(hid_t file, const std::string& path, const char* name) {
  const std::string text = h5::read_attr_text(file, name, H5T_STRING);
  T v{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size())
    refuse(path, fmt::format("attribute '{}' is '{}', not a number", name, text));
  return v;
}

Month month_attr(hid_t file, const std::string& path) {
  const std::string t = h5::read_attr_text(file, "last_month", H5T_STRING);
  int y = 0, mo = 0;
  if (t.size() != 7 || t[4] != '-' ||
      std::from_chars(t.data(), t.data() + 4, y).ptr != t.data() + 4 ||
      std::from_chars(t.data() + 5, t.data() + 7, mo).ptr != t.data() + 7 || mo < 1 || mo > 12)
    refuse(path, fmt::format("attribute 'last_month' is '{}', not YYYY-MM", t));
  return Month{y, mo};
}

// The checks a checkpoint's state must pass before a World uses it: the agents' columns of one
// length each, and the references between them in range (a run would index past them).
void check_state(const World& w, const std::string& path) {
  const auto lengths = [&](const char* what, std::size_t n, std::initializer_list<std::size_t> l) {
    for (std::size_t k : l)
      if (k != n) refuse(path, fmt::format("{} columns of different lengths", what));
  };
  const Persons& p = w.persons;
  p.for_each_column([&](const auto& column) { lengths("persons", p.size(), {column.size()}); });
  const Households& h = w.households;
  lengths("households", h.count(),
          {h.head.size(), h.head_female.size(), h.size.size(), h.income.size(), h.transfers.size(),
           h.own_consumption.size(), h.savings.size()});
  const Posts& q = w.posts;
  lengths("posts", q.count(),
          {q.community.size(), q.owner.size(), q.skill.size(), q.occupation.size(), q.wage.size(),
           q.net_wage.size(), q.demand.size(), q.filled.size(), q.may_shed.size(),
           q.expatriate_extra.size(), q.expatriate_extra_net.size(), q.expatriates.size()});
  const Suppliers& f = w.suppliers;
  lengths("suppliers", f.count(),
          {f.category.size(), f.capability.size(), f.alive.size(), f.balance.size(), f.sales.size(),
           f.last_sales.size(), f.idle_months.size(), f.owner.size(), f.first_post.size(),
           f.capacity.size(), f.debt.size()});
  const std::size_t nc = w.communities.size();
  for (std::size_t i = 0; i < p.size(); ++i)
    if (p.community[i] >= nc || p.household[i] >= h.count() ||
        (p.job[i] != kNoJob && p.job[i] >= q.count()))
      refuse(path, fmt::format("person {} refers to a community, household or post that does "
                               "not exist",
                               i));
  for (std::size_t i = 0; i < h.count(); ++i) {
    if (h.community[i] >= nc) refuse(path, fmt::format("household {}: no such community", i));
    if (h.head[i] != kNoHead && h.head[i] >= p.size())
      refuse(path, fmt::format("household {}: its head is no person", i));
  }
  if (w.sorted_rows > p.size() || w.sorted_households > h.count())
    refuse(path, "its sorted rows or households exceed the rows or households it holds");
  for (std::size_t i = 0; i < f.count(); ++i)
    if (f.community[i] >= nc || f.owner[i] >= h.count() || f.first_post[i] + kSkills > q.count())
      refuse(path, fmt::format("supplier {} refers to what does not exist", i));
}

}  // namespace

void RecordedMonths::add(const Indicators& ind) {
  const auto& vars = series_vars();
  series.resize(vars.size());
  for (std::size_t v = 0; v < vars.size(); ++v) {
    const std::vector<double>& row = ind.*(vars[v].values);
    series[v].insert(series[v].end(), row.begin(), row.end());
  }
  ++months;
}

Indicators RecordedMonths::month(int m) const {
  Indicators ind;
  const auto& vars = series_vars();
  for (std::size_t v = 0; v < vars.size(); ++v) {
    const std::size_t n = series[v].size() / static_cast<std::size_t>(months);
    const auto first = series[v].begin() + static_cast<std::ptrdiff_t>(n * m);
    ind.*(vars[v].values) = std::vector<double>(first, first + static_cast<std::ptrdiff_t>(n));
  }
  return ind;
}

std::string checkpoint_path(const std::string& output, Month last) {
  return fmt::format("{}.ckpt-{}.h5", output, last.iso().substr(0, 7));
}

std::string this_minesim() {
  return fmt::format("{} ({}, {})", MINESIM_VERSION, MINESIM_GIT, MINESIM_BUILD_TYPE);
}

void write_checkpoint(const std::string& path, const World& w, const RecordedMonths& rec,
                      const CheckpointMeta& meta) {
  AtomicFile file(path);
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  std::optional<h5::Handle> h5file;
  try {
    h5::Handle fapl(h5::check(H5Pcreate(H5P_FILE_ACCESS), "H5Pcreate"));
    h5::check_status(H5Pset_libver_bounds(fapl, H5F_LIBVER_V18, H5F_LIBVER_LATEST),
                     "H5Pset_libver_bounds");
    h5file.emplace(h5::check(H5Fcreate(file.open_name().c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl),
                             "H5Fcreate"));
    ckpt::StoreWriter out(*h5file);
    ckpt::save(out, "", w, ckpt::kWorld);
    save_outputs(out, rec);
    write_meta(*h5file, meta, out.hash().hex());
    // Closed once, here: a failed close (a full disk) is not retried (docs/engineering.md).
    const hid_t id = h5file->release();
    h5::check_status(H5Fclose(id), "H5Fclose");
  } catch (const IoError& e) {
    throw IoError(fmt::format("checkpoint {} not written: {}", path, e.what()));
  }
  file.commit();
}

CheckpointMeta read_checkpoint_meta(const std::string& path) {
  const h5::Handle f = h5::open_readonly(path);
  try {
    if (h5::read_attr_text(f, "format", H5T_STRING) != kFormat)
      refuse(path, "no 'format' attribute of a minesim checkpoint");
    CheckpointMeta m;
    m.version = number_attr<int>(f, path, "checkpoint_version");
    m.minesim = h5::read_attr_text(f, "minesim", H5T_STRING);
    if (m.version != kCheckpointVersion || m.minesim != this_minesim())
      throw UsageError(fmt::format(
          "{}: a checkpoint of minesim {} (checkpoint format {}); this is minesim {} (format "
          "{}): a run continues only with the minesim that began it",
          path, m.minesim, m.version, this_minesim(), kCheckpointVersion));
    m.scenario_text = h5::read_attr_text(f, "scenario", H5T_STRING);
    m.scenario_hash = h5::read_attr_text(f, "scenario_hash", H5T_STRING);
    if (m.scenario_text.empty() || ckpt::hash_hex(m.scenario_text) != m.scenario_hash)
      refuse(path, "the recorded scenario does not match its hash (scenario_hash)");
    m.scenario_file = h5::read_attr_text(f, "scenario_file", H5T_STRING);
    m.output = h5::read_attr_text(f, "output", H5T_STRING);
    m.history = h5::read_attr_text(f, "history", H5T_STRING);
    m.seed = number_attr<std::uint64_t>(f, path, "seed");
    m.last_month = month_attr(f, path);
    m.step = number_attr<int>(f, path, "step");
    m.persons = number_attr<std::int64_t>(f, path, "persons");
    m.recorded_months = number_attr<int>(f, path, "recorded_months");
    return m;
  } catch (const UsageError&) {
    throw;
  } catch (const IoError& e) {
    if (std::string(e.what()).find("not a usable checkpoint") != std::string::npos) throw;
    refuse(path, e.what());
  }
}

void read_checkpoint_state(const std::string& path, World& w, RecordedMonths& rec) {
  const CheckpointMeta m = read_checkpoint_meta(path);
  const h5::Handle f = h5::open_readonly(path);
  ckpt::StoreReader in(f, path);
  ckpt::load(in, "", w, ckpt::kWorld);
  load_outputs(in, rec, m.recorded_months);
  if (in.hash().hex() != h5::read_attr_text(f, "state_hash", H5T_STRING))
    refuse(path, "its data do not match their hash (state_hash): damaged");
  const int total = w.scenario->simulation.spinup_months + w.scenario->simulation.months;
  if (m.step < 1 || m.step > total)
    refuse(path, fmt::format("step {} outside 1..{}", m.step, total));
  w.step = m.step;
  check_state(w, path);
}

}  // namespace minesim

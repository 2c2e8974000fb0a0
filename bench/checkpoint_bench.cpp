#include "bench/checkpoint_bench.h"

#include <chrono>
#include <filesystem>
#include <string_view>

#include "io/h5.h"
#include "model/load.h"

namespace minesim::bench {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Adds each dataset's stored bytes to the figures' sums, by the group it lies in.
herr_t add_dataset(hid_t obj, const char* name, const H5O_info_t* info, void* out) {
  if (info->type != H5O_TYPE_DATASET) return 0;
  h5::Handle ds(H5Dopen2(obj, name, H5P_DEFAULT));
  if (ds.get() < 0) return -1;
  const double bytes = static_cast<double>(H5Dget_storage_size(ds));
  auto& f = *static_cast<CheckpointFigures*>(out);
  const std::string_view n(name);
  f.data_bytes += bytes;
  for (std::string_view group :
       {"world/persons/", "world/households/", "world/posts/", "world/suppliers/"})
    if (n.substr(0, group.size()) == group) f.agent_bytes += bytes;
  if (n.substr(0, 14) == "world/persons/") f.person_bytes += bytes;
  return 0;
}

void sum_datasets(const std::string& path, CheckpointFigures& f) {
  const h5::Handle file = h5::open_readonly(path);
  h5::check_status(H5Ovisit(file, H5_INDEX_NAME, H5_ITER_NATIVE, add_dataset, &f), "H5Ovisit");
}

}  // namespace

CheckpointFigures measure_checkpoint(const World& w, const RecordedMonths& rec,
                                     const std::string& scenario_text, const std::string& path) {
  CheckpointMeta meta;
  meta.scenario_text = scenario_text;
  meta.scenario_file = "bench.toml";
  meta.output = path;
  meta.history = "minesim_bench";
  meta.seed = w.scenario->simulation.seed;
  meta.step = w.step;  // after simulate(): the step after the last month
  meta.last_month =
      w.scenario->simulation.start.plus(w.step - 1 - w.scenario->simulation.spinup_months);
  meta.persons = static_cast<std::int64_t>(w.persons.size());
  meta.recorded_months = rec.months;

  CheckpointFigures f;
  auto t0 = Clock::now();
  write_checkpoint(path, w, rec, meta);
  f.write_s = seconds_since(t0);
  f.file_bytes = static_cast<double>(std::filesystem::file_size(path));
  sum_datasets(path, f);

  World back = make_world(*w.scenario);
  RecordedMonths rec_back;
  t0 = Clock::now();
  read_checkpoint_state(path, back, rec_back);
  f.read_s = seconds_since(t0);
  std::filesystem::remove(path);
  return f;
}

}  // namespace minesim::bench

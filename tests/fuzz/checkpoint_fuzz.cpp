// libFuzzer target: the reading of checkpoints by `minesim info`, `resume` and `fork`
// (docs/checkpoints.md). The input bytes are written to a temporary file, which is read the way
// resume reads it (app/resume.cpp): read_checkpoint_meta(), the recorded scenario loaded from its
// text (the seed attribute checked against it), a world made from it by make_world(), and
// read_checkpoint_state() into that world. Accepted outcomes: success, or a minesim::Error with
// exit status 74 (a damaged or foreign file) or 2 (another minesim version, a scenario that does
// not load). Anything else (another exception, exit status 70, a sanitizer report) is a finding.
// Seeds: checkpoints of tiny runs, written by this build's minesim (make_seeds.sh), since a
// checkpoint is read only by the minesim that wrote it.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "core/errors.h"
#include "core/exit_codes.h"
#include "io/checkpoint.h"
#include "model/load.h"

namespace {

[[noreturn]] void finding(const char* kind, const char* what) {
  std::fprintf(stderr, "checkpoint_fuzz: %s: %s\n", kind, what);
  std::abort();
}

// What resume does with a checkpoint before its first new month (app/resume.cpp: the
// checkpoint's scenario, then the build step of its RunSetup).
void read_as_resume_does(const std::string& path) {
  const minesim::CheckpointMeta m = minesim::read_checkpoint_meta(path);
  const minesim::Scenario s = minesim::load_scenario_string(
      m.scenario_text, m.scenario_file.empty() ? path : m.scenario_file);
  if (s.simulation.seed != m.seed) return;  // resume refuses it (IoError, 74)
  minesim::World w = minesim::make_world(s);
  minesim::RecordedMonths rec;
  minesim::read_checkpoint_state(path, w, rec);
  // What the resumed run then relies on: one row of every output a recorded month.
  for (int month = 0; month < rec.months; ++month) (void)rec.month(month);
}

void read_checkpoint(const std::string& path) {
  try {
    read_as_resume_does(path);
  } catch (const minesim::Error& e) {
    if (e.exit_status() != minesim::exit_code::kIoError &&
        e.exit_status() != minesim::exit_code::kUsage)
      finding("resume", e.what());
  } catch (const std::exception& e) {
    finding("resume", e.what());
  }
}

// A fresh name per input: HDF5 keeps its own table of open files, keyed by the file.
std::string temp_path() {
  static unsigned long n = 0;
  const char* dir = std::getenv("TMPDIR");
  return std::string(dir && *dir ? dir : "/tmp") + "/minesim_checkpoint_fuzz_" +
         std::to_string(getpid()) + "_" + std::to_string(n++) + ".h5";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = temp_path();
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) finding("setup", "cannot create the temporary file");
  const bool written = std::fwrite(data, 1, size, f) == size;
  if (std::fclose(f) != 0 || !written) finding("setup", "cannot write the temporary file");
  read_checkpoint(path);
  std::remove(path.c_str());
  return 0;
}

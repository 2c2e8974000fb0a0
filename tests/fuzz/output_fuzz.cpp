// libFuzzer target: the reading of output files by `minesim info` and `minesim compare`.
// The input bytes are written to a temporary file, which read_output() then reads the way the two
// commands do (compare reads through io's OutputReader, as read_output_summary does). Accepted
// outcomes: success, or a minesim::Error with exit status 74 (a file that cannot be read).
// Anything else (another exception, exit status 70, a sanitizer report) is a finding.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <sstream>
#include <string>

#include "core/errors.h"
#include "core/exit_codes.h"
#include "io/info.h"
#include "io/output_reader.h"

namespace {

[[noreturn]] void finding(const char* kind, const char* what) {
  std::fprintf(stderr, "output_fuzz: %s: %s\n", kind, what);
  std::abort();
}

// Runs one reader; returns normally for an accepted outcome.
template <class F>
void expect_clean(const char* reader, int other_ok_status, F&& f) {
  try {
    f();
  } catch (const minesim::Error& e) {
    if (e.exit_status() != minesim::exit_code::kIoError && e.exit_status() != other_ok_status)
      finding(reader, e.what());
  } catch (const std::exception& e) {
    finding(reader, e.what());
  }
}

// The reading code under test: what `minesim info FILE` and `info --scenario FILE` print, and
// everything `minesim compare` reads (io's validating reader, read_output_summary).
void read_output(const std::string& path) {
  expect_clean("info", minesim::exit_code::kIoError, [&] {
    std::ostringstream out;
    minesim::print_info(path, out, false);
  });
  // --scenario on an ensemble file is a usage error (exit 2): it has one scenario per member.
  expect_clean("info --scenario", minesim::exit_code::kUsage, [&] {
    std::ostringstream out;
    minesim::print_info(path, out, true);
  });
  expect_clean("reader", minesim::exit_code::kIoError, [&] { minesim::read_output_summary(path); });
}

// A fresh name per input: HDF5 keeps its own table of open files, keyed by the file.
std::string temp_path() {
  static unsigned long n = 0;
  const char* dir = std::getenv("TMPDIR");
  return std::string(dir && *dir ? dir : "/tmp") + "/minesim_output_fuzz_" +
         std::to_string(getpid()) + "_" + std::to_string(n++) + ".h5";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // In-process reading: the reader's crash probe (a child per file) would hide libhdf5's crashes
  // from libFuzzer and cost a fork per input.
  minesim::OutputReader::probe_by_default() = false;
  const std::string path = temp_path();
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) finding("setup", "cannot create the temporary file");
  const bool written = std::fwrite(data, 1, size, f) == size;
  if (std::fclose(f) != 0 || !written) finding("setup", "cannot write the temporary file");
  read_output(path);
  std::remove(path.c_str());
  return 0;
}

// libFuzzer target: the scenario loader (TOML text and `--set` overrides).
// Input layout: the scenario text up to the first NUL byte, then one `--set` string per
// NUL-separated field (so an override can itself hold a newline). The text is named as a file in
// scenarios/policies/, so `extends = "../baseline.toml"` resolves as it does for shipped files.
// Accepted outcomes: a Scenario, or a ScenarioError (exit status 2). Anything else (another
// exception type, another exit status, a sanitizer report) is a finding.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.h"
#include "core/exit_codes.h"
#include "model/load.h"
#include "scenario/diagnostics.h"

namespace {

struct Split {
  std::string text;
  std::vector<std::string> overrides;
};

Split split_input(std::string_view in) {
  Split s;
  std::size_t pos = in.find('\0');
  s.text = std::string(in.substr(0, pos));
  while (pos != std::string_view::npos) {
    const std::size_t next = in.find('\0', pos + 1);
    s.overrides.emplace_back(in.substr(pos + 1, next == in.npos ? in.npos : next - pos - 1));
    pos = next;
  }
  return s;
}

[[noreturn]] void finding(const char* kind, const char* what) {
  std::fprintf(stderr, "scenario_fuzz: %s: %s\n", kind, what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Split in = split_input({reinterpret_cast<const char*>(data), size});
  try {
    (void)minesim::load_scenario_string(in.text, MINESIM_SOURCE_DIR "/scenarios/policies/fuzz.toml",
                                        in.overrides);
  } catch (const minesim::ScenarioError&) {
    // the documented outcome for a bad scenario (exit status 2)
  } catch (const minesim::Error& e) {
    if (e.exit_status() != minesim::exit_code::kUsage)
      finding("non-usage minesim::Error", e.what());
  } catch (const std::exception& e) {
    finding("unexpected exception (would exit 70)", e.what());
  }
  return 0;
}

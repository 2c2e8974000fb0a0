#pragma once
// Reading a scenario: TOML text + `--set` overrides -> a validated Scenario, or a ScenarioError
// holding every problem found (never only the first).
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/lever_reader.h"
#include "scenario/reader.h"
#include "scenario/scenario.h"

namespace minesim {

// Throws ScenarioError (exit status 2) listing all errors; throws Error for an unreadable file.
// `levers` reads each lever's own keys; callers use model/load.h, which passes the policy layer's.
// `key_ranges`, if set, receives the documented range of every numeric key read (reader.h).
Scenario load_scenario_file(const LeverReaders& levers, const std::string& path,
                            const std::vector<std::string>& overrides = {},
                            KeyRanges* key_ranges = nullptr);
Scenario load_scenario_string(const LeverReaders& levers, const std::string& text,
                              const std::string& name,
                              const std::vector<std::string>& overrides = {},
                              std::set<std::string>* schema_keys = nullptr,
                              KeyRanges* key_ranges = nullptr);

// Reads an input file (a scenario, a base named by `extends`, an ensemble plan) into `text`: a
// regular file (or a symlink to one) of at most 16 MiB. Anything else (a directory, /dev/zero, a
// FIFO, /dev/stdin on a terminal or pipe) is refused before a byte is read, so nothing blocks or
// fills memory. Returns why it failed ("... over the limit of 16 MiB for a KIND"), "" on success.
std::string read_scenario_text(const std::string& path, std::string& text, std::string_view kind);

// What a valid scenario holds that does nothing, as `dotted.key: message` lines for
// `FILE: warning: ...`: an intervention that starts after the run's last recorded month.
// `validate --strict` makes them errors.
std::vector<std::string> scenario_warnings(const Scenario& s);

// Whether `key` can be a --set key: a dotted path of bare names (letters, digits, '_', '-'), the
// names a table may have (reader_tables.cpp) that TOML writes without quotes. No quotes, no [i]
// element index.
bool bare_key_path(const std::string& key);

}  // namespace minesim

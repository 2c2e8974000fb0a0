#pragma once
// Reading a scenario: TOML text + `--set` overrides -> a validated Scenario, or a ScenarioError
// holding every problem found (never only the first).
#include <set>
#include <string>
#include <vector>

#include "scenario/lever_reader.h"
#include "scenario/scenario.h"

namespace minesim {

// Throws ScenarioError (exit status 2) listing all errors; throws Error for an unreadable file.
// `levers` reads each lever's own keys; callers use model/load.h, which passes the policy layer's.
Scenario load_scenario_file(const LeverReaders& levers, const std::string& path,
                            const std::vector<std::string>& overrides = {});
Scenario load_scenario_string(const LeverReaders& levers, const std::string& text,
                              const std::string& name,
                              const std::vector<std::string>& overrides = {},
                              std::set<std::string>* schema_keys = nullptr);

}  // namespace minesim

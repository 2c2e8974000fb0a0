#pragma once
// Reading a scenario with the shipped levers: the function every caller uses (app, tests, bench,
// tools). It passes the policy layer's lever table (policies/registry.cpp) to the scenario loader
// (scenario/load.h), which cannot include the policy layer.
#include <set>
#include <string>
#include <vector>

#include "scenario/reader.h"
#include "scenario/scenario.h"

namespace minesim {

// Throws ScenarioError (exit status 2) listing all errors; throws Error for an unreadable file.
// `key_ranges`, if set, receives the documented range of every numeric key read
// (scenario/reader.h; how a plan's swept keys are checked: scenario/plan.h check_swept_keys).
Scenario load_scenario_file(const std::string& path, const std::vector<std::string>& overrides = {},
                            KeyRanges* key_ranges = nullptr);
Scenario load_scenario_string(const std::string& text, const std::string& name,
                              const std::vector<std::string>& overrides = {},
                              std::set<std::string>* schema_keys = nullptr,
                              KeyRanges* key_ranges = nullptr);

}  // namespace minesim

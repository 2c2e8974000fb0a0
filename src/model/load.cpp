#include "model/load.h"

#include "policies/policy.h"
#include "scenario/load.h"

namespace minesim {

Scenario load_scenario_file(const std::string& path, const std::vector<std::string>& overrides,
                            KeyRanges* key_ranges) {
  return load_scenario_file(lever_readers(), path, overrides, key_ranges);
}

Scenario load_scenario_string(const std::string& text, const std::string& name,
                              const std::vector<std::string>& overrides,
                              std::set<std::string>* schema_keys, KeyRanges* key_ranges) {
  return load_scenario_string(lever_readers(), text, name, overrides, schema_keys, key_ranges);
}

}  // namespace minesim

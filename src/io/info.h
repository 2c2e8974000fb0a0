#pragma once
#include <ostream>
#include <string>

namespace minesim {
// Prints a file's provenance attributes and every variable with its dimensions and units; with
// `with_scenario`, only the resolved scenario it records, exactly as stored (a scenario file).
// Throws IoError if the file cannot be read as HDF5.
void print_info(const std::string& path, std::ostream& out, bool with_scenario);
}  // namespace minesim

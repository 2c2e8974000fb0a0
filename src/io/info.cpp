#include "io/info.h"

#include <fmt/format.h>

#include <string_view>

#include "core/errors.h"
#include "io/output_reader.h"

namespace minesim {

// Everything is read through OutputReader, which validates the file's structure first: a foreign
// or damaged file is an IoError before anything is printed.
void print_info(const std::string& path, std::ostream& out, bool with_scenario) {
  const OutputReader r(path);
  // --scenario prints the resolved scenario alone, byte for byte, so that `info --scenario FILE >
  // s.toml` is a scenario file that reproduces the run (an ensemble has one per member instead).
  if (with_scenario) {
    if (r.ensemble())
      throw UsageError(fmt::format(
          "{}: an ensemble file records one scenario per member (its 'scenario' variable), not "
          "one for the file",
          path));
    out << r.attribute("scenario");
    return;
  }
  std::string text = fmt::format("file: {}\n", path);
  for (const char* a : {"title", "source", "schema_version", "scenario_file", "seed", "threads",
                        "start_date", "population_scale", "history", "Conventions"}) {
    const std::string_view name(a);
    // An ensemble has no single scenario file, seed or thread count: they are per member.
    if (r.ensemble() && (name == "scenario_file" || name == "seed" || name == "threads")) continue;
    text += fmt::format("  {:<17} {}\n", a, r.attribute(a));
  }
  if (r.ensemble())
    text += fmt::format("  {:<17} {}\n  {:<17} {}\n", "members", r.members(), "baseline",
                        r.attribute("baseline"));
  text += "variables:\n";
  for (const VarInfo& v : r.variables()) {
    std::string shape = v.per_member ? fmt::format("member={}", r.members()) : "";
    for (std::size_t d = 0; d < v.dims.size(); ++d)
      shape += fmt::format("{}{}={}", shape.empty() ? "" : ", ", v.dims[d], v.shape[d]);
    text += fmt::format("  {:<28} ({})  [{}]  {}\n", v.name, shape, v.units.empty() ? "-" : v.units,
                        v.long_name);
  }
  out << text;
}

}  // namespace minesim

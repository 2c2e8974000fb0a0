// A test-only front end of io/ensemble_file.h, for check_ensemble_file.py: builds an ensemble file
// from finished member run files, in the order given.
//   make_ensemble OUT.h5 PLAN.toml BASELINE NAME,ARM,SEED,POINT,RUNFILE...
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "core/errors.h"
#include "io/ensemble_file.h"

int main(int argc, char** argv) {
  using namespace minesim;
  if (argc < 5) {
    std::cerr << "usage: make_ensemble OUT.h5 PLAN.toml BASELINE NAME,ARM,SEED,POINT,RUNFILE...\n";
    return exit_code::kUsage;
  }
  try {
    std::ifstream in(argv[2]);
    std::stringstream text;
    text << in.rdbuf();
    const EnsemblePlan plan{text.str(), argv[2], argv[3], "make_ensemble", {}};
    std::vector<EnsembleMember> members;
    std::vector<std::string> files;
    for (int i = 4; i < argc; ++i) {
      std::vector<std::string> f;
      std::stringstream spec(argv[i]);
      for (std::string part; std::getline(spec, part, ',');) f.push_back(part);
      if (f.size() != 5) throw UsageError(fmt::format("bad member '{}'", argv[i]));
      members.push_back({f[0],
                         f[1],
                         std::stoi(f[2]),
                         std::stoi(f[3]),
                         {},
                         fmt::format("minesim run --seed {} {}", f[2], f[4])});
      files.push_back(f[4]);
    }
    EnsembleWriter w = EnsembleWriter::create(argv[1], plan, members, 0, files[0]);
    for (std::size_t m = 1; m < files.size(); ++m) w.add_member(m, files[m]);
    w.close();
  } catch (const Error& e) {
    std::cerr << "make_ensemble: error: " << e.what() << "\n";
    return e.exit_status();
  }
  return 0;
}

#pragma once
// The run's output file per the output contract (../shared/design/output-contract.md and
// docs/output.md): axes, fixed variables, provenance attributes and monthly series. Written under
// PATH.partial and renamed to PATH by commit(), so PATH never holds a half-written file.
#include <memory>
#include <string>

#include "io/nc_writer.h"
#include "world/indicators.h"

namespace minesim {

struct Provenance {
  std::string scenario_file;
  std::string history;  // the command line
  int threads = 0;
};

inline constexpr int kSchemaVersion = 1;

class OutputFile {
 public:
  OutputFile(const std::string& path, const Scenario& s, const Provenance& prov);
  void record(const World& w, const Indicators& ind);  // one recorded month
  void flush() { writer_->flush(); }
  std::size_t months_written() const { return writer_->months_written(); }
  // Closes, fsyncs and renames PATH.partial to PATH.
  void commit();
  // Closes and removes PATH.partial (failed runs).
  void discard();
  // Closes and leaves PATH.partial for inspection (interrupted runs).
  void abandon();
  const std::string& partial_path() const { return partial_; }

 private:
  std::string path_, partial_;
  const Scenario& scenario_;
  std::unique_ptr<NcWriter> writer_;
};

}  // namespace minesim

#pragma once
// The run's output file per the output contract (../shared/design/output-contract.md and
// docs/output.md): axes, fixed variables, provenance attributes and monthly series. Written to a
// temporary of its own and renamed to PATH by commit() (io/atomic_file.h), so PATH never holds a
// half-written file. Every way out closes the HDF5 file once and removes the temporary once:
// commit, discard, abandon (which keeps it), or the destructor after an exception.
#include <memory>
#include <string>

#include "io/atomic_file.h"
#include "io/nc_writer.h"
#include "world/indicators.h"

namespace minesim {

struct Provenance {
  std::string scenario_file;
  std::string history;  // the command line
  int threads = 0;
};

// 2: poverty_rate counts own-consumption of farm produce in income and compares with the line in
// market prices (economy.poverty_line_basis, economy.price_level_ratio). 4: schema_version and
// threads are 32-bit integers and seed is decimal text (each read exactly and silently by R).
inline constexpr int kSchemaVersion = 4;

class OutputFile {
 public:
  OutputFile(const std::string& path, const Scenario& s, const Provenance& prov);
  void record(const World& w, const Indicators& ind);  // one recorded month
  void record(Month m, const Indicators& ind);         // the same, by month (resumed runs)
  void flush() { writer_->flush(); }
  std::size_t months_written() const { return writer_->months_written(); }
  // Closes, fsyncs and renames the temporary to PATH.
  void commit();
  // Closes and removes the temporary (failed runs).
  void discard();
  // Closes and leaves the temporary for inspection (interrupted runs); when it cannot be closed
  // whole, removes it and returns false.
  bool abandon();
  const std::string& partial_path() const { return file_.temp_path(); }

 private:
  AtomicFile file_;  // declared before writer_: the HDF5 file closes before its temporary goes
  const Scenario& scenario_;
  std::unique_ptr<NcWriter> writer_;
};

}  // namespace minesim

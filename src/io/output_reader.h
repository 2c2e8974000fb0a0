#pragma once
// The one reader of minesim output files, used by `info`, `compare` and `export` (and fuzzed).
// Opening a file validates its structure against the output registry (world/variables.h) before any
// value is read: every known variable present has the type, rank and size its declaration and the
// file's own axes say, every attribute read is a single value, and sizes stay within limits. A file
// that is not a minesim output or is damaged gives IoError (exit status 74) naming the file and
// what is wrong; values are read one month (and one slice) at a time, never a whole large variable.
//
// An ensemble file (`minesim ensemble`, docs/ensembles.md) has a `member` axis: its time series
// and intervention descriptions gain a leading member axis, and member-indexed coordinates (arm,
// seed, point, completed, scenario, member_command, one per swept parameter) describe each member.
// The reader validates that layout with the same rigour and describes such a variable as in a run
// file (dims and shape without the member axis) with `per_member` set; `month` and `strings` then
// read one member's slice, so the code that reduces a run file reduces each member unchanged.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io/h5.h"

namespace minesim {

struct VarInfo {
  std::string name;
  std::vector<std::string> dims;  // axis names; time first for a time series
  std::vector<std::size_t> shape;
  std::string units, long_name;
  bool text = false;        // labels rather than doubles
  bool per_member = false;  // an ensemble's: the dataset has a leading member axis not in dims
  std::string key;          // a swept parameter's key path (attribute `key`); else empty
};

class OutputReader {
 public:
  // Opens and validates `path`. With `probe` (the default), the validation first runs in a child
  // process: libhdf5 1.10 itself crashes on some damaged files (a corrupt global heap of label
  // strings), and a crash of the child becomes an IoError (exit 74) instead of a crash here.
  explicit OutputReader(const std::string& path, bool probe = probe_by_default());
  // The default of `probe` for this process (true). The output fuzz target turns it off, so that
  // libFuzzer sees libhdf5's own crashes (and triage.py sorts them) instead of one fork per input.
  static bool& probe_by_default();
  const std::string& path() const { return path_; }
  // A global attribute as text ("" when absent); IoError when it is not a single value.
  std::string attribute(const char* name) const;
  const std::vector<VarInfo>& variables() const { return vars_; }  // present, in file order
  const VarInfo* find(std::string_view name) const;
  const std::vector<std::string>& labels(std::string_view axis) const;  // empty when absent
  bool has_axis(std::string_view axis) const;
  // A 1-d text variable; of a per-member one, member `member`'s entries (else `member` is 0).
  std::vector<std::string> strings(const VarInfo& v, std::size_t member = 0) const;
  std::size_t months() const { return months_; }
  std::vector<double> doubles(const VarInfo& v) const;  // a small variable, whole (time axes)
  // Month t of a time series (of member `member` in an ensemble; 0 in a run file); an axis in
  // `fixed` (axis position in dims, index) is held at one index, so only that slice is read;
  // with `months` > 1, that many consecutive months from t, month after month.
  std::vector<double> month(const VarInfo& v, std::size_t t,
                            const std::vector<std::pair<std::size_t, std::size_t>>& fixed,
                            std::size_t member = 0, std::size_t months = 1) const;
  // An ensemble file: one with a `member` axis; members() is its length (0 for a run file).
  bool ensemble() const { return ensemble_; }
  std::size_t members() const { return members_; }
  // The swept parameters' member-indexed variables (empty for a run file or without a sweep).
  std::vector<const VarInfo*> parameters() const;

 private:
  void validate();
  void add_var(const std::string& name, std::vector<std::string> dims, bool text,
               bool per_member = false);
  void validate_members();     // output_reader_members.cpp
  void validate_parameters();  // the swept parameters, found by their `key` attribute
  std::string path_;
  h5::Handle file_;
  std::size_t months_ = 0;
  bool ensemble_ = false;
  std::size_t members_ = 0;
  std::vector<VarInfo> vars_;
  std::vector<std::pair<std::string, std::vector<std::string>>> axes_;
};

// Per month, per index of axis `keep` (one column when empty): the NaN-aware sum over the other
// axes, each axis in `fixed` held at one index; NaN where every summed value is NaN. Reads month
// by month. IoError when the variable lacks an axis named.
using Table = std::vector<std::vector<double>>;
// `member` as in OutputReader::month.
Table collapse(const OutputReader& r, const VarInfo& v, const std::string& keep,
               const std::vector<std::pair<std::string, std::size_t>>& fixed = {},
               std::size_t member = 0);

// Opens and validates `path` and reads everything `info` and `compare` read (attributes, labels,
// time and every time series month by month; of an ensemble, the member coordinates and the first
// and last members' series); IoError on a bad file. For the fuzzer and tests.
void read_output_summary(const std::string& path);

}  // namespace minesim

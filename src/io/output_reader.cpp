#include "io/output_reader.h"

#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <limits>

#include "io/output_reader_detail.h"
#include "world/variables.h"

namespace minesim {

using namespace reader_detail;  // NOLINT: this file and output_reader_members.cpp share them

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t kMaxMonths = 1 << 20;
constexpr std::size_t kMaxTextBytes = std::size_t{1} << 28;
constexpr int kMaxRank = 8;
// The global attributes io/output.cpp writes, each with the HDF5 class it is written as.
struct ProvenanceAttr {
  const char* name;
  H5T_class_t cls;
};
constexpr ProvenanceAttr kProvenance[] = {
    {"title", H5T_STRING},    {"source", H5T_STRING},        {"schema_version", H5T_INTEGER},
    {"scenario", H5T_STRING}, {"scenario_file", H5T_STRING}, {"seed", H5T_NO_CLASS},
    {"threads", H5T_INTEGER}, {"start_date", H5T_STRING},    {"population_scale", H5T_FLOAT},
    {"history", H5T_STRING},  {"Conventions", H5T_STRING},   {"headlines", H5T_STRING},
    {"plan", H5T_STRING},     {"baseline", H5T_STRING}};

H5T_class_t expected_class(const char* name) {
  for (const ProvenanceAttr& a : kProvenance)
    if (std::string_view(a.name) == name) return a.cls;
  return H5T_NO_CLASS;
}

}  // namespace

namespace reader_detail {

std::vector<std::size_t> dataspace_shape(hid_t ds, const std::string& name) {
  Handle space(check(H5Dget_space(ds), "H5Dget_space"));
  // As an int: a damaged file can give a value outside the enum (a load UBSan reports).
  const int cls = static_cast<int>(H5Sget_simple_extent_type(space));
  if (cls == H5S_SCALAR) return {};
  const int rank = H5Sget_simple_extent_ndims(space);
  if (cls != H5S_SIMPLE || rank < 0 || rank > kMaxRank)
    throw IoError(fmt::format("'{}' has an unreadable or unexpected dataspace", name));
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  if (H5Sget_simple_extent_dims(space, dims.data(), nullptr) != rank)
    throw IoError(fmt::format("'{}': cannot read its dimensions", name));
  return {dims.begin(), dims.end()};
}

std::string dims_text(const std::vector<std::size_t>& shape) {
  std::string s;
  for (std::size_t d : shape) s += (s.empty() ? "" : ", ") + std::to_string(d);
  return "(" + s + ")";
}

Handle open_dataset(hid_t file, const std::string& name) {
  Handle ds(H5Dopen2(file, name.c_str(), H5P_DEFAULT));
  if (ds.get() < 0) throw IoError(fmt::format("'{}' is not a readable dataset", name));
  return ds;
}

bool exists(hid_t file, const std::string& name) {
  const htri_t e = H5Lexists(file, name.c_str(), H5P_DEFAULT);
  if (e < 0) throw IoError(fmt::format("cannot look up '{}'", name));
  return e > 0;
}

std::vector<std::string> read_text(hid_t ds, std::size_t n, const std::string& name,
                                   std::optional<std::size_t> member) {
  std::vector<std::string> out;
  if (n == 0) return out;  // an empty label variable is written as doubles (io/nc_writer.cpp)
  Handle ftype(check(H5Dget_type(ds), "H5Dget_type"));
  if (H5Tget_class(ftype) != H5T_STRING)
    throw IoError(fmt::format("variable '{}' does not hold text", name));
  out.reserve(n);
  // The whole 1-d dataset, or row `member` of a (member, n) one.
  Handle file_space(check(H5Dget_space(ds), "H5Dget_space"));
  const hsize_t count_n = n;
  Handle mem_space(check(H5Screate_simple(1, &count_n, nullptr), "H5Screate_simple"));
  if (member) {
    const hsize_t start[2] = {*member, 0}, count[2] = {1, count_n};
    check_status(H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start, nullptr, count, nullptr),
                 "H5Sselect_hyperslab");
  }
  if (H5Tis_variable_str(ftype) > 0) {
    Handle mem(check(H5Tcopy(H5T_C_S1), "H5Tcopy"));
    check_status(H5Tset_size(mem, H5T_VARIABLE), "H5Tset_size");
    check_status(H5Tset_cset(mem, H5Tget_cset(ftype)), "H5Tset_cset");
    std::vector<char*> buf(n, nullptr);
    check_status(H5Dread(ds, mem, mem_space, file_space, H5P_DEFAULT, buf.data()), "H5Dread");
    for (char* s : buf) out.emplace_back(s ? s : "");
    H5Dvlen_reclaim(mem, mem_space, H5P_DEFAULT, buf.data());
    return out;
  }
  const std::size_t len = H5Tget_size(ftype);
  if (len == 0 || len > kMaxTextBytes / n)
    throw IoError(fmt::format("variable '{}' has an unexpected string size", name));
  std::vector<char> buf(n * len, '\0');
  check_status(H5Dread(ds, ftype, mem_space, file_space, H5P_DEFAULT, buf.data()), "H5Dread");
  for (std::size_t i = 0; i < n; ++i) {
    const char* s = buf.data() + i * len;
    out.emplace_back(s, std::find(s, s + len, '\0'));
  }
  return out;
}

}  // namespace reader_detail

namespace {
// Validates `path` in a child process; throws IoError when libhdf5 crashed there. Any other
// outcome (valid, or an error the parent will meet and report itself) returns.
void probe_in_child(const std::string& path) {
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid < 0) return;  // no child: read in this process, as without the probe
  if (pid == 0) {
    int status = 0;
    try {
      const OutputReader r(path, false);
    } catch (...) {
      status = 1;
    }
    _exit(status);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return;
  if (WIFSIGNALED(status))
    throw IoError(fmt::format(
        "{}: damaged file: the HDF5 library crashed reading it (signal {}); not a usable output",
        path, WTERMSIG(status)));
}

h5::Handle open_probed(const std::string& path, bool probe) {
  if (probe) probe_in_child(path);
  return h5::open_readonly(path);
}
}  // namespace

bool& OutputReader::probe_by_default() {
  static bool probe = true;
  return probe;
}

OutputReader::OutputReader(const std::string& path, bool probe)
    : path_(path), file_(open_probed(path, probe)) {
  try {
    validate();
  } catch (const IoError& e) {
    throw IoError(fmt::format("{}: {}", path, e.what()));
  }
}

std::string OutputReader::attribute(const char* name) const {
  const H5T_class_t cls = expected_class(name);
  std::string value = h5::read_attr_text(file_, name, cls);
  // The seed: decimal text since schema 4, an integer before; nothing else (a float, "seven").
  if (std::string_view(name) == "seed" && !value.empty() &&
      value.find_first_not_of("0123456789") != std::string::npos)
    throw IoError("attribute 'seed' is not an integer");
  return value;
}

const VarInfo* OutputReader::find(std::string_view name) const {
  for (const auto& v : vars_)
    if (v.name == name) return &v;
  return nullptr;
}

bool OutputReader::has_axis(std::string_view axis) const {
  return std::any_of(axes_.begin(), axes_.end(), [&](const auto& a) { return a.first == axis; });
}

const std::vector<std::string>& OutputReader::labels(std::string_view axis) const {
  static const std::vector<std::string> none;
  for (const auto& [name, l] : axes_)
    if (name == axis) return l;
  return none;
}

void OutputReader::add_var(const std::string& name, std::vector<std::string> dims, bool text,
                           bool per_member) {
  const Handle ds = open_dataset(file_, name);
  std::vector<std::size_t> shape = dataspace_shape(ds, name);
  std::vector<std::size_t> want;
  if (per_member) want.push_back(members_);
  for (const auto& d : dims) {
    if (d == "time")
      want.push_back(months_);
    else if (d == "nv")
      want.push_back(2);
    else if (d == name)
      want.push_back(shape.empty() ? 0 : shape[0]);  // an axis: its own size
    else if (has_axis(d))
      want.push_back(labels(d).size());
    else
      throw IoError(fmt::format("'{}' is over the axis '{}', which the file lacks", name, d));
  }
  if (shape != want)
    throw IoError(fmt::format("'{}' has shape {}, expected {} from its axes ({}{})", name,
                              dims_text(shape), dims_text(want), per_member ? "member, " : "",
                              fmt::join(dims, ", ")));
  if (per_member) shape.erase(shape.begin());  // described as in a run file (see VarInfo)
  std::size_t per_month = 1;
  for (std::size_t d = 1; d < shape.size(); ++d) per_month *= std::max<std::size_t>(shape[d], 1);
  if (per_month > kMaxMonthValues || (!shape.empty() && shape[0] > kMaxLabels && !text))
    throw IoError(fmt::format("'{}' is too large {}", name, dims_text(shape)));
  Handle type(check(H5Dget_type(ds), "H5Dget_type"));
  std::size_t values = 1;
  for (std::size_t d : shape) values *= d;
  // An empty label variable is written as doubles (io/nc_writer.cpp label_type).
  const bool empty_text = text && values == 0 && H5Tget_class(type) == H5T_FLOAT;
  if ((H5Tget_class(type) == H5T_STRING) != text && !empty_text)
    throw IoError(fmt::format("'{}' does not hold {}", name, text ? "text" : "numbers"));
  vars_.push_back({name, std::move(dims), shape, h5::read_attr_text(ds, "units", H5T_STRING),
                   h5::read_attr_text(ds, "long_name", H5T_STRING), text, per_member, ""});
}

void OutputReader::validate() {
  if (attribute("schema_version").empty() || !exists(file_, "time"))
    throw IoError("not a minesim output file (no schema_version attribute or no 'time' axis)");
  {
    const Handle t = open_dataset(file_, "time");
    const auto shape = dataspace_shape(t, "time");
    if (shape.size() != 1 || shape[0] > kMaxMonths)
      throw IoError(fmt::format("'time' has shape {}, expected one axis", dims_text(shape)));
    months_ = shape[0];
  }
  // Every provenance attribute must be a single value of its kind (a 4,000-element `seed` once
  // overwrote the stack); reading each now refuses a file that has another.
  for (const ProvenanceAttr& a : kProvenance) attribute(a.name);
  add_var("time", {"time"}, false);
  if (exists(file_, "time_bnds")) add_var("time_bnds", {"time", "nv"}, false);
  if (exists(file_, "member")) validate_members();
  for (auto axis : kDimLabels) {
    const std::string name(axis);
    if (!exists(file_, name)) continue;
    const Handle ds = open_dataset(file_, name);
    const auto shape = dataspace_shape(ds, name);
    if (shape.size() != 1 || shape[0] > kMaxLabels)
      throw IoError(fmt::format("axis '{}' has shape {}", name, dims_text(shape)));
    axes_.emplace_back(name, read_text(ds, shape[0], name));
    add_var(name, {name}, true);
  }
  // In an ensemble the intervention descriptions differ by member, and the names join them.
  for (const FixedVar& f : fixed_vars())
    if (exists(file_, std::string(f.name)))
      add_var(std::string(f.name), {std::string(kDimLabels[idx(f.dim)])}, f.text,
              ensemble_ && f.dim == Dim::kIntervention);
  if (ensemble_ && exists(file_, "intervention_name"))
    add_var("intervention_name", {"intervention"}, true, true);
  for (const SeriesVar& s : series_vars()) {
    if (!exists(file_, std::string(s.name))) continue;
    std::vector<std::string> dims{"time"};
    for (Dim d : s.dims) dims.emplace_back(kDimLabels[idx(d)]);
    add_var(std::string(s.name), std::move(dims), false, ensemble_);
  }
  if (ensemble_) validate_parameters();
}

std::vector<std::string> OutputReader::strings(const VarInfo& v, std::size_t member) const {
  if (!v.text || v.shape.size() != 1) throw IoError(fmt::format("'{}' is not text", v.name));
  if (member >= (v.per_member ? members_ : 1))
    throw IoError(fmt::format("'{}' has no member {}", v.name, member));
  const Handle ds = open_dataset(file_, v.name);
  return read_text(ds, v.shape[0], v.name,
                   v.per_member ? std::optional<std::size_t>(member) : std::nullopt);
}

std::vector<double> OutputReader::doubles(const VarInfo& v) const {
  std::size_t n = 1;
  for (std::size_t d : v.shape) n *= d;
  if (v.text || v.per_member || n > kMaxMonthValues)
    throw IoError(fmt::format("'{}' cannot be read whole", v.name));
  std::vector<double> out(n);
  const Handle ds = open_dataset(file_, v.name);
  if (n)
    check_status(H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()),
                 "H5Dread");
  return out;
}

std::vector<double> OutputReader::month(
    const VarInfo& v, std::size_t t, const std::vector<std::pair<std::size_t, std::size_t>>& fixed,
    std::size_t member, std::size_t months) const {
  if (v.text || v.dims.empty() || v.dims[0] != "time" || t >= v.shape[0] || months == 0 ||
      months > v.shape[0] - t)
    throw IoError(fmt::format("'{}' has no month {}", v.name, t));
  if (member >= (v.per_member ? members_ : 1))
    throw IoError(fmt::format("'{}' has no member {}", v.name, member));
  // The dataset's axes: the member axis first for an ensemble's series, then dims.
  const std::size_t lead = v.per_member ? 1 : 0;
  std::vector<hsize_t> start(lead + v.shape.size(), 0), count(lead, 1);
  count.insert(count.end(), v.shape.begin(), v.shape.end());
  if (lead) start[0] = member;
  start[lead] = t;
  count[lead] = months;
  for (const auto& [axis, index] : fixed) {
    if (axis == 0 || axis >= v.shape.size() || index >= v.shape[axis])
      throw IoError(fmt::format("'{}': index {} outside axis {}", v.name, index, axis));
    start[lead + axis] = index;
    count[lead + axis] = 1;
  }
  hsize_t n = 1;
  for (hsize_t c : count) n *= c;
  std::vector<double> out(static_cast<std::size_t>(n));
  if (n == 0) return out;
  const Handle ds = open_dataset(file_, v.name);
  Handle space(check(H5Dget_space(ds), "H5Dget_space"));
  check_status(
      H5Sselect_hyperslab(space, H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr),
      "H5Sselect_hyperslab");
  Handle mem(check(H5Screate_simple(1, &n, nullptr), "H5Screate_simple"));
  check_status(H5Dread(ds, H5T_NATIVE_DOUBLE, mem, space, H5P_DEFAULT, out.data()), "H5Dread");
  return out;
}

Table collapse(const OutputReader& r, const VarInfo& v, const std::string& keep,
               const std::vector<std::pair<std::string, std::size_t>>& fixed, std::size_t member) {
  const std::size_t rank = v.dims.size();
  std::vector<std::pair<std::size_t, std::size_t>> at;  // axis position, index
  std::vector<std::size_t> shape = v.shape;             // of the slice read each month
  for (const auto& [dim, index] : fixed) {
    const auto it = std::find(v.dims.begin() + 1, v.dims.end(), dim);
    if (it == v.dims.end()) throw IoError(fmt::format("a variable has no axis '{}'", dim));
    const auto axis = static_cast<std::size_t>(it - v.dims.begin());
    at.emplace_back(axis, index);
    shape[axis] = 1;
  }
  std::size_t keep_axis = 0;  // 0: none (time is never kept)
  if (!keep.empty()) {
    const auto it = std::find(v.dims.begin() + 1, v.dims.end(), keep);
    if (it == v.dims.end()) throw IoError(fmt::format("a variable has no axis '{}'", keep));
    keep_axis = static_cast<std::size_t>(it - v.dims.begin());
  }
  const std::size_t columns = keep_axis ? shape[keep_axis] : 1;
  Table out(v.shape[0], std::vector<double>(columns, kNaN));
  for (std::size_t t = 0; t < v.shape[0]; ++t) {
    const std::vector<double> data = r.month(v, t, at, member);
    std::vector<std::size_t> index(rank, 0);
    for (const double x : data) {
      if (!std::isnan(x)) {
        double& cell = out[t][keep_axis ? index[keep_axis] : 0];
        cell = std::isnan(cell) ? x : cell + x;
      }
      for (std::size_t d = rank; d-- > 1;) {  // row-major: the last axis moves fastest
        if (++index[d] < shape[d]) break;
        index[d] = 0;
      }
    }
  }
  return out;
}

void read_output_summary(const std::string& path) {
  const OutputReader r(path);
  for (const ProvenanceAttr& a : kProvenance) r.attribute(a.name);
  // Of an ensemble, the first and the last member (compare reads each the same way).
  std::vector<std::size_t> members{0};
  if (r.members() > 1) members.push_back(r.members() - 1);
  for (const VarInfo& v : r.variables()) {
    for (std::size_t m : members) {
      if (m && !v.per_member) continue;
      if (v.per_member && m >= r.members()) continue;  // an ensemble without members
      if (v.text)
        r.strings(v, m);
      else if (v.dims[0] != "time" || v.name == "time" || v.name == "time_bnds")
        r.doubles(v);
      else
        collapse(r, v, v.dims.size() > 1 ? v.dims[1] : "", {}, m);
    }
  }
}

}  // namespace minesim

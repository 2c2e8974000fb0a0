#include "io/ensemble_file.h"

#include <fmt/format.h>

#include <algorithm>

#include "io/output_reader.h"
#include "world/variables.h"

namespace minesim {

namespace {

using h5::check;
using h5::check_status;
using h5::Handle;

Handle open_ds(hid_t file, const std::string& name) {
  const hid_t id = H5Dopen2(file, name.c_str(), H5P_DEFAULT);
  if (id < 0) throw IoError(fmt::format("not an ensemble file: no variable '{}'", name));
  return Handle(id);
}

std::vector<hsize_t> dims_of(hid_t ds) {
  Handle space(check(H5Dget_space(ds), "H5Dget_space"));
  const int rank = H5Sget_simple_extent_ndims(space);
  std::vector<hsize_t> d(static_cast<std::size_t>(std::max(rank, 0)));
  if (rank > 0) H5Sget_simple_extent_dims(space, d.data(), nullptr);
  return d;
}

std::size_t count_of(const std::vector<hsize_t>& dims) {
  std::size_t n = 1;
  for (hsize_t d : dims) n *= static_cast<std::size_t>(d);
  return n;
}

std::vector<std::string> read_labels(hid_t file, const std::string& name) {
  Handle ds = open_ds(file, name);
  const std::size_t n = count_of(dims_of(ds));
  std::vector<char*> buf(n, nullptr);
  Handle type = h5::vlen_utf8();
  if (n) check_status(H5Dread(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data()), "H5Dread");
  std::vector<std::string> out;
  for (char* s : buf) out.emplace_back(s ? s : "");
  Handle space(check(H5Dget_space(ds), "H5Dget_space"));
  if (n) H5Dvlen_reclaim(type, space, H5P_DEFAULT, buf.data());
  return out;
}

template <class T>
std::vector<T> read_numbers(hid_t file, const std::string& name, hid_t mem_type) {
  Handle ds = open_ds(file, name);
  std::vector<T> out(count_of(dims_of(ds)));
  if (!out.empty())
    check_status(H5Dread(ds, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()), "H5Dread");
  return out;
}

// Writes `values` (padded with "" to `n`) at row `m` of a (member, n) or (member) text variable.
void write_text_row(hid_t file, const std::string& name, std::size_t m,
                    const std::vector<std::string>& values, std::size_t n, bool two_d) {
  Handle ds = open_ds(file, name);
  std::vector<const char*> ptrs(n, "");
  for (std::size_t i = 0; i < values.size() && i < n; ++i) ptrs[i] = values[i].c_str();
  Handle type = h5::vlen_utf8();
  if (two_d)
    h5::write_block(ds, type, {m, 0}, {1, n}, ptrs.data());
  else
    h5::write_block(ds, type, {m}, {1}, ptrs.data());
}

// Why `members` are not the ones `file` was made for ("" when they are).
std::string members_differ(hid_t file, const std::vector<EnsembleMember>& members) {
  const auto names = read_labels(file, "member"), arms = read_labels(file, "arm");
  const auto commands = read_labels(file, "member_command");
  const auto seeds = read_numbers<std::int32_t>(file, "seed", H5T_NATIVE_INT32);
  const auto points = read_numbers<std::int32_t>(file, "point", H5T_NATIVE_INT32);
  if (names.size() != members.size())
    return fmt::format("it has {} members, the plan {}", names.size(), members.size());
  for (std::size_t i = 0; i < members.size(); ++i) {
    const EnsembleMember& e = members[i];
    if (names[i] != e.name || arms[i] != e.arm || seeds.at(i) != e.seed ||
        points.at(i) != e.point || commands.at(i) != e.command)
      return fmt::format("member {} is '{}' there, '{}' in the plan", i + 1, names[i], e.name);
    for (const auto& [key, value] : e.params) {
      const auto v = H5Lexists(file, param_variable(key).c_str(), H5P_DEFAULT) > 0
                         ? read_numbers<double>(file, param_variable(key), H5T_NATIVE_DOUBLE)
                         : std::vector<double>{};
      if (v.size() != members.size() || v[i] != value)
        return fmt::format("member '{}' has another value of '{}'", e.name, key);
    }
  }
  return "";
}

}  // namespace

EnsembleWriter::EnsembleWriter(const std::string& path, const std::vector<EnsembleMember>& members)
    : path_(path), members_(members) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  const hid_t id = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  if (id < 0) throw IoError(fmt::format("{}: cannot be opened as an ensemble file", path));
  file_ = Handle(id);
  try {
    const auto done = read_numbers<std::int8_t>(file_, "completed", H5T_NATIVE_INT8);
    for (const std::int8_t c : done) completed_.push_back(c != 0);
    for (const SeriesVar& s : series_vars())
      if (H5Lexists(file_, std::string(s.name).c_str(), H5P_DEFAULT) > 0)
        series_.emplace_back(s.name);
    for (std::size_t d = 0; d < kDimLabels.size(); ++d) {
      const std::string name(kDimLabels[d]);
      if (static_cast<Dim>(d) != Dim::kIntervention &&
          H5Lexists(file_, name.c_str(), H5P_DEFAULT) > 0)
        axes_.emplace_back(name, read_labels(file_, name));
    }
    time_ = read_numbers<double>(file_, "time", H5T_NATIVE_DOUBLE);
    bnds_ = read_numbers<double>(file_, "time_bnds", H5T_NATIVE_DOUBLE);
    time_units_ = h5::read_attr_text(open_ds(file_, "time"), "units");
    interventions_ = count_of(dims_of(open_ds(file_, "intervention")));
  } catch (const IoError& e) {
    throw IoError(fmt::format("{}: {}", path, e.what()));
  }
}

EnsembleWriter::~EnsembleWriter() = default;

EnsembleWriter EnsembleWriter::create(const std::string& path, const EnsemblePlan& plan,
                                      const std::vector<EnsembleMember>& members, std::size_t first,
                                      const std::string& first_file) {
  if (first >= members.size()) throw Error(exit_code::kInternal, "create: no such member");
  write_ensemble_layout(path, plan, members, first_file);
  EnsembleWriter w(path, members);
  w.add_member(first, first_file);
  return w;
}

EnsembleWriter EnsembleWriter::reopen(const std::string& path, const EnsemblePlan& plan,
                                      const std::vector<EnsembleMember>& members) {
  EnsembleWriter w(path, members);
  if (h5::read_attr_text(w.file_, "plan") != plan.text)
    throw UsageError(fmt::format("{}: it was made from another plan (the text differs)", path));
  if (const std::string why = members_differ(w.file_, members); !why.empty())
    throw UsageError(fmt::format("{}: not this plan's members: {}", path, why));
  return w;
}

void EnsembleWriter::check_axes(std::size_t m, const OutputReader& r) const {
  std::string ref = "the ensemble file's first member";
  for (std::size_t i = 0; i < completed_.size(); ++i)
    if (completed_[i]) {
      ref = fmt::format("arm '{}'", members_[i].arm);
      break;
    }
  auto differs = [&](std::string_view axis) {
    return UsageError(
        fmt::format("arm '{}': axis '{}' differs from {}", members_[m].arm, axis, ref));
  };
  const VarInfo* t = r.find("time");
  const VarInfo* b = r.find("time_bnds");
  if (!t || !b || t->units != time_units_ || r.doubles(*t) != time_ || r.doubles(*b) != bnds_)
    throw differs("time");
  for (std::size_t d = 0; d < kDimLabels.size(); ++d) {
    const std::string_view name = kDimLabels[d];
    if (static_cast<Dim>(d) == Dim::kIntervention) continue;
    const auto it =
        std::find_if(axes_.begin(), axes_.end(), [&](const auto& a) { return a.first == name; });
    if (r.has_axis(name) != (it != axes_.end()) ||
        (r.has_axis(name) && r.labels(name) != it->second))
      throw differs(name);
  }
}

void EnsembleWriter::copy_series(std::size_t m, const OutputReader& r) const {
  for (const std::string& name : series_) {
    const VarInfo* v = r.find(name);
    if (!v) throw IoError(fmt::format("{}: lacks the time series '{}'", r.path(), name));
    Handle ds = open_ds(file_, name);
    const std::vector<hsize_t> dims = dims_of(ds);
    if (!std::equal(dims.begin() + 1, dims.end(), v->shape.begin(), v->shape.end()))
      throw IoError(fmt::format("{}: '{}' has another shape than in the ensemble", r.path(), name));
    Handle dcpl(check(H5Dget_create_plist(ds), "H5Dget_create_plist"));
    std::vector<hsize_t> chunk(dims.size());
    check(H5Pget_chunk(dcpl, static_cast<int>(chunk.size()), chunk.data()), "H5Pget_chunk");
    const std::size_t months = v->shape[0], block = std::max<std::size_t>(1, chunk[1]);
    std::vector<double> buf;
    for (std::size_t t0 = 0; t0 < months; t0 += block) {
      const std::size_t n = std::min(block, months - t0);
      buf = r.month(*v, t0, {}, 0, n);  // a chunk's months at once: each chunk inflated once
      std::vector<hsize_t> start(dims.size(), 0), count(dims);
      start[0] = m;
      start[1] = t0;
      count[0] = 1;
      count[1] = n;
      h5::write_block(ds, H5T_NATIVE_DOUBLE, start, count, buf.data());
    }
  }
}

void EnsembleWriter::grow_interventions(std::size_t k) {
  const std::size_t old = interventions_;
  const hsize_t size = k;
  Handle axis = open_ds(file_, "intervention");
  check_status(H5Dset_extent(axis, &size), "H5Dset_extent");
  std::vector<std::string> labels;
  for (std::size_t i = old; i < k; ++i) labels.push_back(std::to_string(i + 1));
  std::vector<const char*> ptrs;
  for (const auto& l : labels) ptrs.push_back(l.c_str());
  const Handle type = h5::vlen_utf8();
  h5::write_block(axis, type, {old}, {k - old}, ptrs.data());
  // Every member's new cells are "" (members added later overwrite their own).
  const std::size_t n = members_.size();
  const std::vector<const char*> empty(n * (k - old), "");
  for (const std::string& name : ensemble_intervention_variables()) {
    Handle ds = open_ds(file_, name);
    const hsize_t ext[2] = {n, k};
    check_status(H5Dset_extent(ds, ext), "H5Dset_extent");
    h5::write_block(ds, type, {0, old}, {n, k - old}, empty.data());
  }
  interventions_ = k;
}

void EnsembleWriter::copy_interventions(std::size_t m, const OutputReader& r) {
  const std::vector<std::string>& names = r.labels("intervention");
  if (names.size() > interventions_) grow_interventions(names.size());
  for (const std::string& name : ensemble_intervention_variables()) {
    if (name == "intervention_name") {
      write_text_row(file_, name, m, names, interventions_, true);
      continue;
    }
    const VarInfo* v = r.find(name);
    if (!v) throw IoError(fmt::format("{}: lacks the variable '{}'", r.path(), name));
    write_text_row(file_, name, m, r.strings(*v), interventions_, true);
  }
}

void EnsembleWriter::add_member(std::size_t m, const std::string& member_file) {
  if (m >= members_.size()) throw Error(exit_code::kInternal, "add_member: no such member");
  if (!file_.get() || file_.get() < 0) throw Error(exit_code::kInternal, "add_member: closed");
  // Validated in this process only: a member file is this ensemble's own child's output, and the
  // probe's extra process per member costs more than the member's copy.
  const OutputReader r(member_file, false);
  check_axes(m, r);
  copy_series(m, r);
  copy_interventions(m, r);
  write_text_row(file_, "scenario", m, {r.attribute("scenario")}, 1, false);
  // The flag last, then a flush: a member is complete in the file once add_member returns.
  const std::int8_t one = 1;
  h5::write_block(open_ds(file_, "completed"), H5T_NATIVE_INT8, {m}, {1}, &one);
  check_status(H5Fflush(file_, H5F_SCOPE_GLOBAL), "H5Fflush");
  completed_[m] = true;
}

void EnsembleWriter::close() {
  if (file_.get() < 0) return;
  check_status(H5Fclose(file_.release()), "H5Fclose");
}

}  // namespace minesim

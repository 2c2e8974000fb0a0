#include "io/nc_writer.h"

#include <hdf5_hl.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

namespace minesim {

namespace {

using h5::check;
using h5::check_status;
using h5::Handle;
using h5::vlen_utf8;
using h5::write_text_attr;

constexpr double kFill = std::numeric_limits<double>::quiet_NaN();

void text_attr(hid_t obj, const std::string& name, const std::string& value) {
  write_text_attr(obj, name, value);
}

template <class T>
void number_attr(hid_t obj, const std::string& name, hid_t file_type, hid_t mem_type, T value) {
  Handle space(check(H5Screate(H5S_SCALAR), "H5Screate"));
  Handle a(check(H5Acreate2(obj, name.c_str(), file_type, space, H5P_DEFAULT, H5P_DEFAULT),
                 "H5Acreate2"));
  check_status(H5Awrite(a, mem_type, &value), "H5Awrite");
}

// The file type of a label variable with `n` values. An empty one (no interventions) is stored
// as doubles: xarray (2023.01, Debian 12) writes an empty string variable back as doubles into a
// variable-length string variable and fails (`to_netcdf`: "only numpy string, unicode or object
// arrays can be assigned to VLEN str var slices"); with no values the type carries nothing.
// An extendable axis stays text, since it is to grow.
Handle label_type(hsize_t n, bool extendable) {
  if (n == 0 && !extendable) return Handle(check(H5Tcopy(H5T_IEEE_F64LE), "H5Tcopy"));
  return vlen_utf8();
}

}  // namespace

NcWriter::NcWriter(const std::string& path, int chunk_months)
    : path_(path), chunk_months_(std::max(1, chunk_months)) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // errors become exceptions with our own message
  Handle fapl(check(H5Pcreate(H5P_FILE_ACCESS), "H5Pcreate"));
  check_status(H5Pset_libver_bounds(fapl, H5F_LIBVER_V18, H5F_LIBVER_LATEST),
               "H5Pset_libver_bounds");
  Handle fcpl(check(H5Pcreate(H5P_FILE_CREATE), "H5Pcreate"));
  check_status(H5Pset_link_creation_order(fcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
               "H5Pset_link_creation_order");
  check_status(H5Pset_attr_creation_order(fcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
               "H5Pset_attr_creation_order");
  try {
    file_ = Handle(check(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, fcpl, fapl), "H5Fcreate"));
  } catch (const IoError& e) {  // the message ends with the reason ("No such file or directory")
    throw CannotCreateError(fmt::format("cannot create {}: {}", path, e.what()));
  }
}

NcWriter::~NcWriter() {
  // Handles close themselves; an explicit close() is needed for data to be complete.
}

void NcWriter::global_text(const std::string& name, const std::string& value) {
  text_attr(file_, name, value);
}
// 32-bit: R (ncdf4) reads a netCDF int64 attribute as a double and warns that it may lose
// precision; a 32-bit integer it reads exactly and silently.
void NcWriter::global_int(const std::string& name, std::int32_t value) {
  number_attr(file_, name, H5T_STD_I32LE, H5T_NATIVE_INT32, value);
}
void NcWriter::global_double(const std::string& name, double value) {
  number_attr(file_, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, value);
}

Handle NcWriter::make_dcpl(const std::vector<hsize_t>* chunk) {
  Handle dcpl(check(H5Pcreate(H5P_DATASET_CREATE), "H5Pcreate"));
  check_status(H5Pset_attr_creation_order(dcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
               "H5Pset_attr_creation_order");
  check_status(H5Pset_obj_track_times(dcpl, 0), "H5Pset_obj_track_times");
  if (chunk) {
    check_status(H5Pset_chunk(dcpl, static_cast<int>(chunk->size()), chunk->data()),
                 "H5Pset_chunk");
    check_status(H5Pset_shuffle(dcpl), "H5Pset_shuffle");
    check_status(H5Pset_deflate(dcpl, 4), "H5Pset_deflate");
  }
  return dcpl;
}

void NcWriter::set_attrs(hid_t obj, const std::vector<Attr>& attrs) {
  for (const auto& a : attrs) {
    if (a.is_text)
      text_attr(obj, a.name, a.text);
    else
      number_attr(obj, a.name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, a.number);
  }
}

void NcWriter::attach(hid_t ds, const std::vector<std::string>& dims, bool with_time) {
  unsigned axis = 0;
  if (with_time) check_status(H5DSattach_scale(ds, scales_.at("time"), axis++), "H5DSattach_scale");
  for (const auto& d : dims) {
    auto it = scales_.find(d);
    if (it == scales_.end()) throw Error(exit_code::kInternal, "unknown dimension " + d);
    check_status(H5DSattach_scale(ds, it->second, axis++), "H5DSattach_scale");
  }
}

void NcWriter::time_axis(const std::string& units) {
  // time(time), unlimited, with CF attributes.
  const hsize_t zero = 0, unlim = H5S_UNLIMITED, chunk = static_cast<hsize_t>(chunk_months_);
  Handle space(check(H5Screate_simple(1, &zero, &unlim), "H5Screate_simple"));
  std::vector<hsize_t> ch{chunk};
  Handle dcpl = make_dcpl(&ch);
  time_ =
      Handle(check(H5Dcreate2(file_, "time", H5T_IEEE_F64LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
                   "H5Dcreate2(time)"));
  check_status(H5DSset_scale(time_, "time"), "H5DSset_scale");
  number_attr(time_.get(), "_Netcdf4Dimid", H5T_STD_I32LE, H5T_NATIVE_INT, next_dimid_++);
  set_attrs(time_, {Attr::str("units", units), Attr::str("calendar", "standard"),
                    Attr::str("long_name", "time (start of the month)"),
                    Attr::str("standard_name", "time"), Attr::str("axis", "T"),
                    Attr::str("bounds", "time_bnds")});
  scales_.emplace("time", Handle(H5Dopen2(file_, "time", H5P_DEFAULT)));
  dim_size_["time"] = 0;

  // nv: a netCDF dimension without a variable (netcdf.h DIM_WITHOUT_VARIABLE).
  const hsize_t two = 2;
  Handle nv_space(check(H5Screate_simple(1, &two, nullptr), "H5Screate_simple"));
  Handle nv_dcpl = make_dcpl(nullptr);
  Handle nv(
      check(H5Dcreate2(file_, "nv", H5T_IEEE_F32LE, nv_space, H5P_DEFAULT, nv_dcpl, H5P_DEFAULT),
            "H5Dcreate2(nv)"));
  check_status(H5DSset_scale(nv, fmt::format("This is a netCDF dimension but not a netCDF "
                                             "variable.{:10d}",
                                             2)
                                     .c_str()),
               "H5DSset_scale");
  number_attr(nv.get(), "_Netcdf4Dimid", H5T_STD_I32LE, H5T_NATIVE_INT, next_dimid_++);
  scales_.emplace("nv", std::move(nv));
  dim_size_["nv"] = 2;

  const hsize_t bdims[2] = {0, 2}, bmax[2] = {H5S_UNLIMITED, 2};
  Handle bspace(check(H5Screate_simple(2, bdims, bmax), "H5Screate_simple"));
  std::vector<hsize_t> bch{chunk, 2};
  Handle bdcpl = make_dcpl(&bch);
  bnds_ = Handle(
      check(H5Dcreate2(file_, "time_bnds", H5T_IEEE_F64LE, bspace, H5P_DEFAULT, bdcpl, H5P_DEFAULT),
            "H5Dcreate2(time_bnds)"));
  attach(bnds_, {"nv"}, true);
  set_attrs(bnds_, {Attr::str("units", units), Attr::str("calendar", "standard"),
                    Attr::str("long_name", "time bounds (month start, next month start)")});
}

void NcWriter::label_axis(const std::string& name, const std::vector<std::string>& labels,
                          const std::string& long_name, bool extendable) {
  const hsize_t n = labels.size(), unlim = H5S_UNLIMITED, chunk = std::max<hsize_t>(n, 8);
  Handle space(check(H5Screate_simple(1, &n, extendable ? &unlim : nullptr), "H5Screate_simple"));
  Handle type = label_type(n, extendable);
  std::vector<hsize_t> ch{chunk};
  Handle dcpl = make_dcpl(extendable ? &ch : nullptr);
  Handle ds(check(H5Dcreate2(file_, name.c_str(), type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
                  "H5Dcreate2(label axis)"));
  std::vector<const char*> ptrs;
  for (const auto& l : labels) ptrs.push_back(l.c_str());
  if (n > 0)
    check_status(H5Dwrite(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()), "H5Dwrite");
  check_status(H5DSset_scale(ds, name.c_str()), "H5DSset_scale");
  number_attr(ds.get(), "_Netcdf4Dimid", H5T_STD_I32LE, H5T_NATIVE_INT, next_dimid_++);
  set_attrs(ds, {Attr::str("units", "1"), Attr::str("long_name", long_name)});
  scales_.emplace(name, std::move(ds));
  dim_size_[name] = n;
  dim_extendable_[name] = extendable;
}

bool NcWriter::extendable(const std::string& dim) const {
  const auto it = dim_extendable_.find(dim);
  return it != dim_extendable_.end() && it->second;
}

void NcWriter::fixed_variable(const std::string& name, const std::vector<std::string>& dims,
                              const std::vector<double>& values, const std::vector<Attr>& attrs) {
  std::vector<hsize_t> shape;
  for (const auto& d : dims) shape.push_back(dim_size_.at(d));
  Handle space(check(H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr),
                     "H5Screate_simple"));
  Handle dcpl = make_dcpl(nullptr);
  Handle ds(
      check(H5Dcreate2(file_, name.c_str(), H5T_IEEE_F64LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
            "H5Dcreate2"));
  if (!values.empty())
    check_status(H5Dwrite(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
                 "H5Dwrite");
  attach(ds, dims, false);
  set_attrs(ds, attrs);
}

void NcWriter::fixed_labels(const std::string& name, const std::string& dim,
                            const std::vector<std::string>& values,
                            const std::vector<Attr>& attrs) {
  fixed_labels(name, std::vector<std::string>{dim}, values, attrs);
}

void NcWriter::fixed_labels(const std::string& name, const std::vector<std::string>& dims,
                            const std::vector<std::string>& values,
                            const std::vector<Attr>& attrs) {
  std::vector<hsize_t> shape, max, chunk;
  hsize_t n = 1;
  for (const auto& d : dims) {
    shape.push_back(dim_size_.at(d));
    max.push_back(extendable(d) ? H5S_UNLIMITED : shape.back());
    chunk.push_back(extendable(d) ? 8 : std::max<hsize_t>(1, shape.back()));
    n *= shape.back();
  }
  const bool chunked = !dims.empty() && extendable(dims.back());
  if (chunked && dims.size() > 1) chunk[0] = 1;  // one row (member) per chunk
  // No maximum unless extendable: the run file's labels are written as they always were.
  Handle space(check(H5Screate_simple(static_cast<int>(shape.size()), shape.data(),
                                      chunked ? max.data() : nullptr),
                     "H5Screate_simple"));
  Handle type = label_type(n, chunked);
  Handle dcpl = make_dcpl(chunked ? &chunk : nullptr);
  Handle ds(check(H5Dcreate2(file_, name.c_str(), type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
                  "H5Dcreate2"));
  std::vector<const char*> ptrs(n, "");
  for (std::size_t i = 0; i < values.size() && i < n; ++i) ptrs[i] = values[i].c_str();
  if (n > 0)
    check_status(H5Dwrite(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()), "H5Dwrite");
  attach(ds, dims, false);
  set_attrs(ds, attrs);
}

void NcWriter::fixed_integers(const std::string& name, const std::string& dim,
                              const std::vector<std::int64_t>& values, hid_t file_type,
                              const std::vector<Attr>& attrs) {
  const hsize_t n = dim_size_.at(dim);
  if (values.size() != n) throw Error(exit_code::kInternal, "fixed_integers: wrong size " + name);
  Handle space(check(H5Screate_simple(1, &n, nullptr), "H5Screate_simple"));
  Handle dcpl = make_dcpl(nullptr);
  Handle ds(check(H5Dcreate2(file_, name.c_str(), file_type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
                  "H5Dcreate2"));
  if (n > 0)
    check_status(H5Dwrite(ds, H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
                 "H5Dwrite");
  attach(ds, {dim}, false);
  set_attrs(ds, attrs);
}

int NcWriter::series(const std::string& name, const std::vector<std::string>& dims,
                     const std::vector<Attr>& attrs) {
  Series s;
  s.name = name;
  std::vector<hsize_t> cur{0}, max{H5S_UNLIMITED}, chunk{static_cast<hsize_t>(chunk_months_)};
  for (const auto& d : dims) {
    const hsize_t n = dim_size_.at(d);
    s.shape.push_back(n);
    s.row *= n;
    cur.push_back(n);
    max.push_back(n);
    chunk.push_back(std::max<hsize_t>(1, n));
  }
  Handle space(check(H5Screate_simple(static_cast<int>(cur.size()), cur.data(), max.data()),
                     "H5Screate_simple"));
  Handle dcpl = make_dcpl(&chunk);
  check_status(H5Pset_fill_value(dcpl, H5T_NATIVE_DOUBLE, &kFill), "H5Pset_fill_value");
  s.ds = Handle(
      check(H5Dcreate2(file_, name.c_str(), H5T_IEEE_F64LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
            "H5Dcreate2(series)"));
  attach(s.ds, dims, true);
  number_attr(s.ds.get(), "_FillValue", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, kFill);
  set_attrs(s.ds, attrs);
  s.buffer.reserve(s.row * static_cast<std::size_t>(chunk_months_));
  series_.push_back(std::move(s));
  return static_cast<int>(series_.size() - 1);
}

void NcWriter::lead_series(const std::string& name, const std::string& lead,
                           const std::vector<std::string>& dims, const std::vector<Attr>& attrs,
                           std::size_t max_chunk_bytes) {
  const hsize_t months = written_;
  std::vector<hsize_t> cur{dim_size_.at(lead), months}, max{cur[0], H5S_UNLIMITED};
  hsize_t row = 1;
  for (const auto& d : dims) {
    cur.push_back(dim_size_.at(d));
    max.push_back(cur.back());
    row *= std::max<hsize_t>(1, cur.back());
  }
  // One lead index per chunk; as many months as fit, then halve the other axes until it fits.
  const hsize_t fit = std::max<hsize_t>(1, max_chunk_bytes / (sizeof(double) * row));
  std::vector<hsize_t> chunk{1, std::clamp<hsize_t>(months, 1, fit)};
  for (std::size_t i = 2; i < cur.size(); ++i) chunk.push_back(std::max<hsize_t>(1, cur[i]));
  auto bytes = [&] {
    hsize_t b = sizeof(double);
    for (hsize_t c : chunk) b *= c;
    return b;
  };
  for (std::size_t i = 2; i < chunk.size(); ++i)
    while (bytes() > max_chunk_bytes && chunk[i] > 1) chunk[i] = (chunk[i] + 1) / 2;
  Handle space(check(H5Screate_simple(static_cast<int>(cur.size()), cur.data(), max.data()),
                     "H5Screate_simple"));
  Handle dcpl = make_dcpl(&chunk);
  check_status(H5Pset_fill_value(dcpl, H5T_NATIVE_DOUBLE, &kFill), "H5Pset_fill_value");
  Handle ds(
      check(H5Dcreate2(file_, name.c_str(), H5T_IEEE_F64LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
            "H5Dcreate2(series)"));
  std::vector<std::string> all{lead, "time"};
  all.insert(all.end(), dims.begin(), dims.end());
  attach(ds, all, false);
  number_attr(ds.get(), "_FillValue", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, kFill);
  set_attrs(ds, attrs);
}

void NcWriter::append_month(double day_start, double day_end,
                            const std::vector<std::vector<double>>& rows) {
  if (rows.size() != series_.size())
    throw Error(exit_code::kInternal, "append_month: one row per series expected");
  time_buf_.push_back(day_start);
  bnds_buf_.push_back(day_start);
  bnds_buf_.push_back(day_end);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].size() != series_[i].row)
      throw Error(exit_code::kInternal, "append_month: wrong row size for " + series_[i].name);
    series_[i].buffer.insert(series_[i].buffer.end(), rows[i].begin(), rows[i].end());
  }
  if (++buffered_ == static_cast<std::size_t>(chunk_months_)) flush();
}

namespace {
// Extends `ds` along time to `total` rows and writes `k` rows starting at `start`.
void append_rows(hid_t ds, std::size_t start, std::size_t k, const std::vector<hsize_t>& shape,
                 const double* data) {
  std::vector<hsize_t> dims{start + k}, offset{start}, count{k};
  for (hsize_t n : shape) {
    dims.push_back(n);
    offset.push_back(0);
    count.push_back(n);
  }
  check_status(H5Dset_extent(ds, dims.data()), "H5Dset_extent");
  h5::write_block(ds, H5T_NATIVE_DOUBLE, offset, count, data);
}
}  // namespace

void NcWriter::write_buffered() {
  if (buffered_ == 0) return;
  append_rows(time_, written_, buffered_, {}, time_buf_.data());
  append_rows(bnds_, written_, buffered_, {2}, bnds_buf_.data());
  for (auto& s : series_) {
    append_rows(s.ds, written_, buffered_, s.shape, s.buffer.data());
    s.buffer.clear();
  }
  time_buf_.clear();
  bnds_buf_.clear();
  written_ += buffered_;
  buffered_ = 0;
}

void NcWriter::flush() {
  write_buffered();
  check_status(H5Fflush(file_, H5F_SCOPE_GLOBAL), "H5Fflush");
}

void NcWriter::close() {
  // Once only, whatever fails: libhdf5 1.10 crashes on a second H5Fclose of a file whose first
  // close failed (a full disk). When flush() throws, the destructor closes the handles.
  if (closed_) return;
  closed_ = true;
  flush();
  for (auto& s : series_) s.ds.reset();
  time_.reset();
  bnds_.reset();
  scales_.clear();
  check_status(H5Fclose(file_.release()), "H5Fclose");
}

}  // namespace minesim

#include "io/h5.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <vector>

namespace minesim::h5 {

void Handle::reset() {
  if (id_ < 0) return;
  switch (H5Iget_type(id_)) {
    case H5I_FILE: H5Fclose(id_); break;
    case H5I_GROUP: H5Gclose(id_); break;
    case H5I_DATASET: H5Dclose(id_); break;
    case H5I_DATASPACE: H5Sclose(id_); break;
    case H5I_DATATYPE: H5Tclose(id_); break;
    case H5I_ATTR: H5Aclose(id_); break;
    case H5I_GENPROP_LST: H5Pclose(id_); break;
    default: break;
  }
  id_ = H5I_INVALID_HID;
}

namespace {
constexpr std::size_t kMaxAttrBytes = std::size_t{1} << 28;  // the resolved scenario is far below
struct Messages {
  std::string top, system;  // the API call's message; the file driver's errno text
};
herr_t collect(unsigned n, const H5E_error2_t* e, void* out) {
  auto& m = *static_cast<Messages*>(out);
  if (!e->desc) return 0;
  if (n == 0) m.top = e->desc;
  // The sec2 driver writes "..., errno = 28, error message = 'No space left on device', ...".
  const std::string d = e->desc, key = "error message = '";
  if (const auto k = d.find(key); k != std::string::npos && m.system.empty())
    m.system = d.substr(k + key.size(), d.find('\'', k + key.size()) - k - key.size());
  return 0;
}
std::string hdf5_message() {
  Messages m;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, collect, &m);
  return m.system.empty() ? m.top : fmt::format("{} ({})", m.top, m.system);
}
}  // namespace

hid_t check(hid_t id, const char* what) {
  if (id < 0) throw IoError(fmt::format("HDF5: {} failed: {}", what, hdf5_message()));
  return id;
}

void check_status(herr_t status, const char* what) {
  if (status < 0) throw IoError(fmt::format("HDF5: {} failed: {}", what, hdf5_message()));
}

std::string read_attr_text(hid_t obj, const char* name, H5T_class_t expect) {
  if (H5Aexists(obj, name) <= 0) return {};
  Handle a(check(H5Aopen(obj, name, H5P_DEFAULT), "H5Aopen"));
  // One value only: reading an attribute of another shape into one value would write past it.
  Handle space(check(H5Aget_space(a), "H5Aget_space"));
  // As an int: a damaged file can give a value outside the enum (a load UBSan reports).
  const int shape = static_cast<int>(H5Sget_simple_extent_type(space));
  const hssize_t points = H5Sget_simple_extent_npoints(space);
  if (!(shape == H5S_SCALAR || (shape == H5S_SIMPLE && points == 1)))
    throw IoError(fmt::format("attribute '{}' is not a single value ({} elements)", name,
                              std::max<hssize_t>(points, 0)));
  Handle type(check(H5Aget_type(a), "H5Aget_type"));
  const H5T_class_t cls = H5Tget_class(type);
  if (expect != H5T_NO_CLASS && cls != expect)
    throw IoError(fmt::format("attribute '{}' is not {}", name,
                              expect == H5T_STRING    ? "text"
                              : expect == H5T_INTEGER ? "an integer"
                                                      : "a number"));
  if (cls == H5T_STRING && H5Tis_variable_str(type) <= 0 && H5Tget_size(type) > kMaxAttrBytes)
    throw IoError(fmt::format("attribute '{}' is too long", name));
  if (cls == H5T_STRING) {
    if (H5Tis_variable_str(type) > 0) {
      char* s = nullptr;
      Handle mem(check(H5Tget_native_type(type, H5T_DIR_ASCEND), "H5Tget_native_type"));
      if (H5Aread(a, mem, &s) < 0 || !s) return {};
      std::string out(s);
      H5free_memory(s);
      return out;
    }
    std::vector<char> buf(H5Tget_size(type) + 1, '\0');
    check_status(H5Aread(a, type, buf.data()), "H5Aread");
    return std::string(buf.data());
  }
  if (cls == H5T_INTEGER) {
    if (H5Tget_sign(type) == H5T_SGN_NONE) {
      unsigned long long v = 0;
      check_status(H5Aread(a, H5T_NATIVE_ULLONG, &v), "H5Aread");
      return fmt::format("{}", v);
    }
    long long v = 0;
    check_status(H5Aread(a, H5T_NATIVE_LLONG, &v), "H5Aread");
    return fmt::format("{}", v);
  }
  if (cls == H5T_FLOAT) {
    double v = 0;
    check_status(H5Aread(a, H5T_NATIVE_DOUBLE, &v), "H5Aread");
    return fmt::format("{:g}", v);
  }
  return "?";
}

void write_block(hid_t ds, hid_t mem_type, const std::vector<hsize_t>& start,
                 const std::vector<hsize_t>& count, const void* data) {
  hsize_t n = 1;
  for (hsize_t c : count) n *= c;
  if (n == 0) return;
  Handle fs(check(H5Dget_space(ds), "H5Dget_space"));
  check_status(
      H5Sselect_hyperslab(fs, H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr),
      "H5Sselect_hyperslab");
  Handle ms(check(H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr),
                  "H5Screate_simple"));
  check_status(H5Dwrite(ds, mem_type, ms, fs, H5P_DEFAULT, data), "H5Dwrite");
}

void write_text_attr(hid_t obj, const std::string& name, const std::string& value) {
  Handle type(check(H5Tcopy(H5T_C_S1), "H5Tcopy"));
  check_status(H5Tset_size(type, std::max<std::size_t>(1, value.size())), "H5Tset_size");
  check_status(H5Tset_strpad(type, H5T_STR_NULLTERM), "H5Tset_strpad");
  check_status(H5Tset_cset(type, H5T_CSET_UTF8), "H5Tset_cset");
  Handle space(check(H5Screate(H5S_SCALAR), "H5Screate"));
  Handle a(
      check(H5Acreate2(obj, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT), "H5Acreate2"));
  const std::string padded = value.empty() ? std::string(1, '\0') : value;
  check_status(H5Awrite(a, type, padded.data()), "H5Awrite");
}

Handle vlen_utf8() {
  Handle t(check(H5Tcopy(H5T_C_S1), "H5Tcopy"));
  check_status(H5Tset_size(t, H5T_VARIABLE), "H5Tset_size");
  check_status(H5Tset_cset(t, H5T_CSET_UTF8), "H5Tset_cset");
  return t;
}

Handle open_readonly(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(path, ec)) throw IoError(fmt::format("{}: no such file", path));
  if (fs::is_directory(path, ec)) throw IoError(fmt::format("{}: is a directory", path));
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  const htri_t is_h5 = H5Fis_hdf5(path.c_str());
  if (is_h5 == 0) throw IoError(fmt::format("{}: not an HDF5 file", path));
  if (is_h5 < 0) throw IoError(fmt::format("{}: cannot be read as HDF5", path));
  const hid_t id = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (id < 0) throw IoError(fmt::format("{}: cannot be opened: {}", path, hdf5_message()));
  return Handle(id);
}

}  // namespace minesim::h5

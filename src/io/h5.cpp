#include "io/h5.h"

#include <fmt/format.h>

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
herr_t innermost(unsigned n, const H5E_error2_t* e, void* out) {
  if (n == 0 && e->desc) *static_cast<std::string*>(out) = e->desc;
  return 0;
}
std::string hdf5_message() {
  std::string msg;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, innermost, &msg);
  return msg;
}
}  // namespace

hid_t check(hid_t id, const char* what) {
  if (id < 0) throw IoError(fmt::format("HDF5: {} failed: {}", what, hdf5_message()));
  return id;
}

void check_status(herr_t status, const char* what) {
  if (status < 0) throw IoError(fmt::format("HDF5: {} failed: {}", what, hdf5_message()));
}

}  // namespace minesim::h5

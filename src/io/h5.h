#pragma once
// Move-only owner of an HDF5 identifier; closes it with the right H5?close on destruction.
#include <hdf5.h>

#include <string>
#include <utility>
#include <vector>

#include "core/errors.h"

namespace minesim::h5 {

class Handle {
 public:
  Handle() = default;
  explicit Handle(hid_t id) : id_(id) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& o) noexcept : id_(std::exchange(o.id_, H5I_INVALID_HID)) {}
  Handle& operator=(Handle&& o) noexcept {
    if (this != &o) {
      reset();
      id_ = std::exchange(o.id_, H5I_INVALID_HID);
    }
    return *this;
  }
  ~Handle() { reset(); }
  hid_t get() const { return id_; }
  operator hid_t() const { return id_; }  // NOLINT: handles pass straight to the C API
  void reset();
  hid_t release() { return std::exchange(id_, H5I_INVALID_HID); }  // the caller closes it

 private:
  hid_t id_ = H5I_INVALID_HID;
};

// A text or numeric attribute as text ("" when absent). With `expect` other than H5T_NO_CLASS,
// an attribute of another class (a number where text belongs) is an IoError.
std::string read_attr_text(hid_t obj, const char* name, H5T_class_t expect = H5T_NO_CLASS);

// Opens an existing HDF5 file read-only; IoError says plainly when the path does not exist, is a
// directory or is not HDF5 (the commands that read output files share these messages).
Handle open_readonly(const std::string& path);

// Throws IoError naming the failed call and the HDF5 error message when id < 0, with the system's
// reason when a file operation failed ("No space left on device").
hid_t check(hid_t id, const char* what);
void check_status(herr_t status, const char* what);

// Writes `data` (of `mem_type`, row-major) to the block of `ds` at `start` of size `count`.
void write_block(hid_t ds, hid_t mem_type, const std::vector<hsize_t>& start,
                 const std::vector<hsize_t>& count, const void* data);
// A fixed-length UTF-8 text attribute (what netCDF-C writes for NC_CHAR text).
void write_text_attr(hid_t obj, const std::string& name, const std::string& value);
// A variable-length UTF-8 string type (labels).
Handle vlen_utf8();

}  // namespace minesim::h5

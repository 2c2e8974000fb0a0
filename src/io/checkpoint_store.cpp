#include "io/checkpoint_store.h"

#include <fmt/format.h>

#include <array>
#include <cstring>
#include <vector>

namespace minesim::ckpt {

namespace {

struct KindInfo {
  hid_t native, file;
  std::size_t size;
  const char* name;
};
// The HDF5 types of a kind (bools are stored as unsigned bytes, read back checked to be 0 or 1).
KindInfo info(Kind k) {
  switch (k) {
    case Kind::kI8: return {H5T_NATIVE_INT8, H5T_STD_I8LE, 1, "int8"};
    case Kind::kU8: return {H5T_NATIVE_UINT8, H5T_STD_U8LE, 1, "uint8"};
    case Kind::kI16: return {H5T_NATIVE_INT16, H5T_STD_I16LE, 2, "int16"};
    case Kind::kU16: return {H5T_NATIVE_UINT16, H5T_STD_U16LE, 2, "uint16"};
    case Kind::kI32: return {H5T_NATIVE_INT32, H5T_STD_I32LE, 4, "int32"};
    case Kind::kU32: return {H5T_NATIVE_UINT32, H5T_STD_U32LE, 4, "uint32"};
    case Kind::kI64: return {H5T_NATIVE_INT64, H5T_STD_I64LE, 8, "int64"};
    case Kind::kU64: return {H5T_NATIVE_UINT64, H5T_STD_U64LE, 8, "uint64"};
    case Kind::kF64: return {H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE, 8, "float64"};
    case Kind::kBool: return {H5T_NATIVE_UINT8, H5T_STD_U8LE, 1, "uint8 (bool)"};
  }
  return {H5T_NATIVE_UINT8, H5T_STD_U8LE, 1, "?"};
}

constexpr std::uint64_t kMul1 = 0x9E3779B97F4A7C15ull, kMul2 = 0xC2B2AE3D27D4EB4Full;
std::uint64_t rotl(std::uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

void hash_header(Hash& h, const std::string& path, Kind kind, std::size_t rows, std::size_t n) {
  h.add(path);
  const std::array<std::uint64_t, 3> head{static_cast<std::uint64_t>(kind), rows, n};
  h.add(head.data(), sizeof head);
}

}  // namespace

void Hash::add(const void* data, std::size_t bytes) {
  const auto* p = static_cast<const unsigned char*>(data);
  std::size_t i = 0;
  for (; i + 8 <= bytes; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    h_ = rotl(h_ ^ (w * kMul2), 31) * kMul1;
  }
  std::uint64_t tail = 0;
  if (bytes > i) std::memcpy(&tail, p + i, bytes - i);  // an empty column's data() may be null
  h_ = rotl(h_ ^ ((tail ^ (bytes - i)) * kMul2), 31) * kMul1;
  bytes_ += bytes;
}

std::uint64_t Hash::value() const {
  std::uint64_t x = h_ ^ bytes_;
  x ^= x >> 33;
  x *= kMul2;
  x ^= x >> 29;
  return x;
}

std::string Hash::hex() const { return fmt::format("{:016x}", value()); }

std::string hash_hex(const std::string& text) {
  Hash h;
  h.add(text);
  return h.hex();
}

void StoreWriter::put(const std::string& path, Kind kind, std::size_t rows, std::size_t n,
                      const void* data) {
  const KindInfo k = info(kind);
  hash_header(hash_, path, kind, rows, n);
  hash_.add(data, rows * n * k.size);
  const std::array<hsize_t, 2> dims{rows, n};
  h5::Handle space(h5::check(H5Screate_simple(2, dims.data(), nullptr), "H5Screate_simple"));
  h5::Handle lcpl(h5::check(H5Pcreate(H5P_LINK_CREATE), "H5Pcreate"));
  h5::check_status(H5Pset_create_intermediate_group(lcpl, 1), "H5Pset_create_intermediate_group");
  h5::Handle dcpl(h5::check(H5Pcreate(H5P_DATASET_CREATE), "H5Pcreate"));
  h5::check_status(H5Pset_obj_track_times(dcpl, 0), "H5Pset_obj_track_times");
  h5::Handle ds(h5::check(H5Dcreate2(file_, path.c_str(), k.file, space, lcpl, dcpl, H5P_DEFAULT),
                          "H5Dcreate2"));
  if (rows * n > 0)
    h5::check_status(H5Dwrite(ds, k.native, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "H5Dwrite");
}

void StoreReader::fail(const std::string& path, const std::string& why) const {
  throw IoError(
      fmt::format("{}: dataset {}: {} (not a whole checkpoint of this minesim)", name_, path, why));
}

std::pair<std::size_t, std::size_t> StoreReader::shape(const std::string& path, Kind kind) {
  if (H5Lexists(file_, path.c_str(), H5P_DEFAULT) <= 0 ||
      H5Oexists_by_name(file_, path.c_str(), H5P_DEFAULT) <= 0)
    fail(path, "missing");
  h5::Handle ds(H5Dopen2(file_, path.c_str(), H5P_DEFAULT));
  if (ds.get() < 0) fail(path, "not a dataset");
  h5::Handle type(H5Dget_type(ds)), space(H5Dget_space(ds));
  const KindInfo k = info(kind);
  if (type.get() < 0 || H5Tequal(type, k.file) <= 0) fail(path, fmt::format("not {}", k.name));
  std::array<hsize_t, 2> dims{};
  if (space.get() < 0 || H5Sget_simple_extent_ndims(space) != 2 ||
      H5Sget_simple_extent_dims(space, dims.data(), nullptr) != 2)
    fail(path, "not a 2-D dataset");
  // Uncompressed data cannot be larger than the file: a damaged or forged shape is refused here,
  // before a reader allocates for it.
  hsize_t file_bytes = 0;
  if (H5Fget_filesize(file_, &file_bytes) < 0 ||
      (dims[1] > 0 && dims[0] > file_bytes / k.size / dims[1]))
    fail(path, fmt::format("its shape ({}, {}) holds more than the file's {} bytes", dims[0],
                           dims[1], file_bytes));
  return {dims[0], dims[1]};
}

void StoreReader::get(const std::string& path, Kind kind, void* data) {
  const auto [rows, n] = shape(path, kind);
  const KindInfo k = info(kind);
  h5::Handle ds(h5::check(H5Dopen2(file_, path.c_str(), H5P_DEFAULT), "H5Dopen2"));
  if (rows * n > 0 && H5Dread(ds, k.native, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0)
    fail(path, "cannot be read (truncated or damaged)");
  if (kind == Kind::kBool)
    for (std::size_t i = 0; i < rows * n; ++i)
      if (static_cast<const unsigned char*>(data)[i] > 1) fail(path, "a bool other than 0 or 1");
  hash_header(hash_, path, kind, rows, n);
  hash_.add(data, rows * n * k.size);
}

}  // namespace minesim::ckpt

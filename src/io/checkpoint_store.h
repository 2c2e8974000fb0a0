#pragma once
// The datasets of a checkpoint file: plain HDF5, one contiguous (rows, n) dataset per saved field
// (io/checkpoint_fields.h), little-endian, uncompressed (a checkpoint is written at disk speed and
// read back once). Every dataset's path, type, shape and bytes go into one 64-bit hash as they are
// written and again as they are read, so a damaged or truncated file is refused (HDF5 keeps no
// checksum of contiguous data).
#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>

#include "io/h5.h"

namespace minesim::ckpt {

enum class Kind : std::uint8_t { kI8, kU8, kI16, kU16, kI32, kU32, kI64, kU64, kF64, kBool };

template <class S>
constexpr Kind kind_of() {
  using T = std::conditional_t<std::is_enum_v<S>, std::underlying_type<S>, std::type_identity<S>>;
  using U = typename T::type;
  if constexpr (std::is_same_v<U, bool>)
    return Kind::kBool;
  else if constexpr (std::is_same_v<U, double>)
    return Kind::kF64;
  else {
    static_assert(std::is_integral_v<U>, "a checkpoint saves integers, bools and doubles");
    constexpr bool s = std::is_signed_v<U>;
    if constexpr (sizeof(U) == 1)
      return s ? Kind::kI8 : Kind::kU8;
    else if constexpr (sizeof(U) == 2)
      return s ? Kind::kI16 : Kind::kU16;
    else if constexpr (sizeof(U) == 4)
      return s ? Kind::kI32 : Kind::kU32;
    else
      return s ? Kind::kI64 : Kind::kU64;
  }
}

// A running 64-bit hash (a multiply-rotate mix over 8-byte words): fast enough to hash a
// checkpoint at the speed it is written. Not cryptographic: it finds damage, not forgery.
class Hash {
 public:
  void add(const void* data, std::size_t bytes);
  void add(const std::string& s) { add(s.data(), s.size()); }
  std::uint64_t value() const;
  std::string hex() const;

 private:
  std::uint64_t h_ = 0x6d696e6573696d31ull, bytes_ = 0;
};
std::string hash_hex(const std::string& text);

class StoreWriter {
 public:
  explicit StoreWriter(hid_t file) : file_(file) {}
  // Writes rows x n scalars of `kind` at `path` (groups created as needed).
  void put(const std::string& path, Kind kind, std::size_t rows, std::size_t n, const void* data);
  const Hash& hash() const { return hash_; }

 private:
  hid_t file_;
  Hash hash_;
};

class StoreReader {
 public:
  StoreReader(hid_t file, std::string file_name) : file_(file), name_(std::move(file_name)) {}
  // The dataset's (rows, n), after checking that it exists, is 2-D and holds `kind`; IoError
  // naming the file and the dataset otherwise.
  std::pair<std::size_t, std::size_t> shape(const std::string& path, Kind kind);
  // Reads the whole dataset (rows x n scalars, its shape() as checked) into `data`.
  void get(const std::string& path, Kind kind, void* data);
  const Hash& hash() const { return hash_; }
  [[noreturn]] void fail(const std::string& path, const std::string& why) const;

 private:
  hid_t file_;
  std::string name_;
  Hash hash_;
};

}  // namespace minesim::ckpt

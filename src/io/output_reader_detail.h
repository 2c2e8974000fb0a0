#pragma once
// Internal to io/output_reader*.cpp: the limits and the HDF5 helpers the reader's files share.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "io/h5.h"

namespace minesim::reader_detail {

using h5::check;
using h5::check_status;
using h5::Handle;

// Far above any real run, far below what would exhaust memory: a file beyond them is refused.
inline constexpr std::size_t kMaxLabels = 1 << 22;
inline constexpr std::size_t kMaxMonthValues = 1 << 26;

// The dataspace's extents ({} for a scalar); IoError for another kind or a rank above 8.
std::vector<std::size_t> dataspace_shape(hid_t ds, const std::string& name);
std::string dims_text(const std::vector<std::size_t>& shape);
Handle open_dataset(hid_t file, const std::string& name);
bool exists(hid_t file, const std::string& name);
// `n` strings: the whole 1-d dataset, or row `member` of a (member, n) one.
std::vector<std::string> read_text(hid_t ds, std::size_t n, const std::string& name,
                                   std::optional<std::size_t> member = std::nullopt);

}  // namespace minesim::reader_detail

// The ensemble part of io's OutputReader: the member axis and the member-indexed coordinates
// (arm, seed, point, completed, scenario, member_command, and one per swept parameter, found by
// its `key` attribute), validated as strictly as a run file's variables.
#include <fmt/format.h>

#include <array>

#include "io/output_reader.h"
#include "io/output_reader_detail.h"

namespace minesim {

using namespace reader_detail;  // NOLINT: shared with output_reader.cpp

namespace {
struct MemberVar {
  const char* name;
  bool text, required;
};
// The member-indexed coordinates of docs/ensembles.md; the numbers are integers.
constexpr std::array<MemberVar, 6> kMemberVars{{{"arm", true, true},
                                                {"seed", false, true},
                                                {"point", false, true},
                                                {"completed", false, true},
                                                {"scenario", true, false},
                                                {"member_command", true, false}}};
// Far above the variables a file has (about 200): a file with more links is refused.
constexpr hsize_t kMaxLinks = 1 << 14;
constexpr std::size_t kMaxNameBytes = 1024;
}  // namespace

void OutputReader::validate_members() {
  ensemble_ = true;
  {
    const Handle ds = open_dataset(file_, "member");
    const auto shape = dataspace_shape(ds, "member");
    if (shape.size() != 1 || shape[0] > kMaxLabels)
      throw IoError(fmt::format("axis 'member' has shape {}", dims_text(shape)));
    axes_.emplace_back("member", read_text(ds, shape[0], "member"));
    members_ = shape[0];
  }
  add_var("member", {"member"}, true);
  for (const MemberVar& m : kMemberVars) {
    if (!exists(file_, m.name)) {
      if (!m.required) continue;
      throw IoError(fmt::format(
          "an ensemble file (it has a 'member' axis) without the variable '{}'", m.name));
    }
    add_var(m.name, {"member"}, m.text);
    if (m.text) continue;
    const Handle ds = open_dataset(file_, m.name);
    Handle type(check(H5Dget_type(ds), "H5Dget_type"));
    if (H5Tget_class(type) != H5T_INTEGER)
      throw IoError(fmt::format("'{}' does not hold integers", m.name));
  }
}

void OutputReader::validate_parameters() {
  H5G_info_t info;
  check_status(H5Gget_info(file_, &info), "H5Gget_info");
  if (info.nlinks > kMaxLinks)
    throw IoError(fmt::format("the file has {} variables, too many", info.nlinks));
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    const ssize_t len =
        H5Lget_name_by_idx(file_, ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    if (len <= 0 || static_cast<std::size_t>(len) > kMaxNameBytes)
      throw IoError(fmt::format("cannot read the name of variable {}", i));
    std::string name(static_cast<std::size_t>(len) + 1, '\0');
    if (H5Lget_name_by_idx(file_, ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), name.size(),
                           H5P_DEFAULT) != len)
      throw IoError(fmt::format("cannot read the name of variable {}", i));
    name.resize(static_cast<std::size_t>(len));
    if (find(name) || has_axis(name)) continue;
    const htri_t keyed = H5Aexists_by_name(file_, name.c_str(), "key", H5P_DEFAULT);
    if (keyed < 0) throw IoError(fmt::format("cannot look up '{}'", name));
    if (keyed == 0) continue;
    // A swept parameter: doubles over the members, its key path in `key`.
    add_var(name, {"member"}, false);
    const Handle ds = open_dataset(file_, name);
    vars_.back().key = h5::read_attr_text(ds, "key", H5T_STRING);
    if (vars_.back().key.empty())
      throw IoError(fmt::format("swept parameter '{}' has an empty key", name));
  }
}

std::vector<const VarInfo*> OutputReader::parameters() const {
  std::vector<const VarInfo*> out;
  for (const VarInfo& v : vars_)
    if (!v.key.empty()) out.push_back(&v);
  return out;
}

}  // namespace minesim

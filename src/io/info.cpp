#include "io/info.h"

#include <fmt/format.h>
#include <hdf5.h>
#include <hdf5_hl.h>

#include <vector>

#include "io/h5.h"

namespace minesim {

namespace {

using h5::check;
using h5::Handle;
using h5::read_attr_text;

herr_t scale_name(hid_t, unsigned, hid_t scale, void* out) {
  char buf[256] = {0};
  H5DSget_scale_name(scale, buf, sizeof buf);
  std::string n(buf);
  if (n.rfind("This is a netCDF dimension", 0) == 0) {
    char obj[256] = {0};
    H5Iget_name(scale, obj, sizeof obj);
    n = std::string(obj).substr(1);
  }
  *static_cast<std::string*>(out) = n;
  return 1;  // stop after the first scale of this axis
}

struct Var {
  std::string name;
};

herr_t collect(hid_t, const char* name, const H5L_info_t*, void* out) {
  static_cast<std::vector<Var>*>(out)->push_back({name});
  return 0;
}

}  // namespace

void print_info(const std::string& path, std::ostream& out, bool with_scenario) {
  const Handle file = h5::open_readonly(path);

  out << fmt::format("file: {}\n", path);
  for (const char* a : {"title", "source", "schema_version", "scenario_file", "seed", "threads",
                        "start_date", "population_scale", "history", "Conventions"})
    out << fmt::format("  {:<17} {}\n", a, read_attr_text(file, a));
  if (with_scenario) out << "scenario (resolved):\n" << read_attr_text(file, "scenario") << "\n";

  std::vector<Var> vars;
  H5Literate(file, H5_INDEX_CRT_ORDER, H5_ITER_INC, nullptr, collect, &vars);
  out << "variables:\n";
  for (const auto& v : vars) {
    Handle ds(H5Dopen2(file, v.name.c_str(), H5P_DEFAULT));
    if (ds.get() < 0) continue;
    const std::string cls = read_attr_text(ds, "CLASS");
    const std::string nm = read_attr_text(ds, "NAME");
    if (nm.rfind("This is a netCDF dimension", 0) == 0) continue;  // bare dimension (nv)
    Handle space(check(H5Dget_space(ds), "H5Dget_space"));
    const int rank = H5Sget_simple_extent_ndims(space);
    std::vector<hsize_t> dims(static_cast<std::size_t>(std::max(rank, 0)));
    H5Sget_simple_extent_dims(space, dims.data(), nullptr);
    std::string shape;
    for (int d = 0; d < rank; ++d) {
      std::string dn = v.name;
      if (cls != "DIMENSION_SCALE")
        H5DSiterate_scales(ds, static_cast<unsigned>(d), nullptr, scale_name, &dn);
      shape += fmt::format("{}{}={}", d ? ", " : "", dn, dims[static_cast<std::size_t>(d)]);
    }
    const std::string units = read_attr_text(ds, "units");
    out << fmt::format("  {:<28} ({})  [{}]  {}\n", v.name, shape, units.empty() ? "-" : units,
                       read_attr_text(ds, "long_name"));
  }
}

}  // namespace minesim

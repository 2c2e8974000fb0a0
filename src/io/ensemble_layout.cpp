// The layout of an ensemble file (io/ensemble_file.h), written with NcWriter from the first
// finished member's run file: what a run file holds once (time, axes, coordinates), the member
// variables, and every kept time series with a leading member axis, NaN until a member is added.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "io/ensemble_file.h"
#include "io/nc_writer.h"
#include "io/output.h"
#include "io/output_reader.h"
#include "minesim_version.h"
#include "world/variables.h"

namespace minesim {

namespace {

using h5::check;
using h5::check_status;
using h5::Handle;

// The attributes HDF5 dimension scales and netCDF-4 keep for themselves.
bool internal_attr(std::string_view name) {
  static const std::set<std::string_view> kInternal{
      "CLASS",      "NAME",          "REFERENCE_LIST",      "DIMENSION_LIST",
      "_FillValue", "_Netcdf4Dimid", "_Netcdf4Coordinates", "_nc3_strict"};
  return kInternal.count(name) > 0;
}

herr_t collect_name(hid_t, const char* name, const H5A_info_t*, void* out) {
  static_cast<std::vector<std::string>*>(out)->emplace_back(name);
  return 0;
}

// The attributes of `name` in `file` a reader sees (units, long_name, price_base_year, ...).
std::vector<Attr> attrs_of(hid_t file, const std::string& name) {
  Handle ds(check(H5Dopen2(file, name.c_str(), H5P_DEFAULT), "H5Dopen2"));
  std::vector<std::string> names;
  hsize_t at = 0;
  check_status(H5Aiterate2(ds, H5_INDEX_CRT_ORDER, H5_ITER_INC, &at, collect_name, &names),
               "H5Aiterate2");
  std::vector<Attr> out;
  for (const auto& n : names) {
    if (internal_attr(n)) continue;
    Handle a(check(H5Aopen(ds, n.c_str(), H5P_DEFAULT), "H5Aopen"));
    Handle type(check(H5Aget_type(a), "H5Aget_type"));
    if (H5Tget_class(type) == H5T_STRING) {
      out.push_back(Attr::str(n, h5::read_attr_text(ds, n.c_str())));
      continue;
    }
    Handle space(check(H5Aget_space(a), "H5Aget_space"));
    if (H5Sget_simple_extent_npoints(space) != 1) continue;
    double v = 0;
    check_status(H5Aread(a, H5T_NATIVE_DOUBLE, &v), "H5Aread");
    out.push_back(Attr::num(n, v));
  }
  return out;
}

double double_attr(hid_t file, const char* name) {
  Handle a(check(H5Aopen(file, name, H5P_DEFAULT), "H5Aopen"));
  double v = 0;
  check_status(H5Aread(a, H5T_NATIVE_DOUBLE, &v), "H5Aread");
  return v;
}

void write_globals(NcWriter& w, const EnsemblePlan& plan, const OutputReader& r, hid_t first) {
  w.global_text("Conventions", "CF-1.8");
  w.global_text("title", "minesim ensemble: " + std::filesystem::path(plan.file).stem().string());
  w.global_text("source", fmt::format("minesim {} ({}, {})", MINESIM_VERSION, MINESIM_GIT,
                                      MINESIM_BUILD_TYPE));
  w.global_int("schema_version", kSchemaVersion);
  w.global_text("start_date", r.attribute("start_date"));
  w.global_double("population_scale", double_attr(first, "population_scale"));
  w.global_text("history", plan.history);
  w.global_text("headlines", r.attribute("headlines"));
  w.global_text("plan", plan.text);
  w.global_text("baseline", plan.baseline);
}

void write_members(NcWriter& w, const std::vector<EnsembleMember>& members) {
  std::vector<std::string> names, arms, commands;
  std::vector<std::int64_t> seeds, points;
  for (const auto& m : members) {
    names.push_back(m.name);
    arms.push_back(m.arm);
    commands.push_back(m.command);
    seeds.push_back(m.seed);
    points.push_back(m.point);
  }
  w.label_axis("member", names, "ensemble member (ARM/sSEED/pPOINT)");
  const std::string member = "member";
  w.fixed_labels("arm", member, arms, {Attr::str("long_name", "arm of the plan")});
  w.fixed_integers("seed", member, seeds, H5T_STD_I32LE,
                   {Attr::str("units", "1"), Attr::str("long_name", "random seed")});
  w.fixed_integers("point", member, points, H5T_STD_I32LE,
                   {Attr::str("units", "1"), Attr::str("long_name", "parameter point")});
  const auto& keys = members.front().params;
  for (std::size_t k = 0; k < keys.size(); ++k) {
    std::vector<double> values;
    for (const auto& m : members) {
      if (m.params.size() != keys.size() || m.params[k].first != keys[k].first)
        throw Error(exit_code::kInternal, "ensemble members sweep different keys");
      values.push_back(m.params[k].second);
    }
    w.fixed_variable(param_variable(keys[k].first), {member}, values,
                     {Attr::str("key", keys[k].first),
                      Attr::str("long_name", "swept parameter " + keys[k].first)});
  }
  w.fixed_labels("scenario", member, std::vector<std::string>(members.size()),
                 {Attr::str("long_name", "the member's resolved scenario (TOML)")});
  w.fixed_labels("member_command", member, commands,
                 {Attr::str("long_name", "the equivalent minesim run command line")});
  w.fixed_integers("completed", member, std::vector<std::int64_t>(members.size(), 0), H5T_STD_I8LE,
                   {Attr::str("units", "1"),
                    Attr::str("long_name", "1 once the member's data are in, 0 before")});
}

// Time, its bounds, the categorical axes and the variables without time, as in the run file; the
// intervention axis holds positions and grows with the members' interventions.
void write_axes(NcWriter& w, const OutputReader& r, hid_t first) {
  w.time_axis(
      h5::read_attr_text(Handle(check(H5Dopen2(first, "time", H5P_DEFAULT), "H5Dopen2")), "units"));
  const std::vector<double> t = r.doubles(*r.find("time")), b = r.doubles(*r.find("time_bnds"));
  for (std::size_t i = 0; i < t.size(); ++i) w.append_month(b[2 * i], b[2 * i + 1], {});
  w.flush();
  for (int d = 0; d < kDims; ++d) {
    const std::string name(kDimLabels[static_cast<std::size_t>(d)]);
    const std::string long_name(dim_defs()[static_cast<std::size_t>(d)].long_name);
    if (static_cast<Dim>(d) == Dim::kIntervention)
      w.label_axis(name, {}, "intervention (position in the member's list)", true);
    else if (r.has_axis(name))
      w.label_axis(name, r.labels(name), r.find(name)->long_name);
  }
  for (const FixedVar& f : fixed_vars()) {
    const std::string name(f.name);
    if (f.dim == Dim::kIntervention || !r.find(name)) continue;
    const std::string dim(kDimLabels[idx(f.dim)]);
    if (f.text)
      w.fixed_labels(name, dim, r.strings(*r.find(name)), attrs_of(first, name));
    else
      w.fixed_variable(name, {dim}, r.doubles(*r.find(name)), attrs_of(first, name));
  }
  for (const std::string& name : ensemble_intervention_variables()) {
    std::vector<Attr> attrs = r.find(name) ? attrs_of(first, name) : std::vector<Attr>{};
    if (name == "intervention_name")
      attrs = {Attr::str("units", "1"), Attr::str("long_name", "intervention name")};
    w.fixed_labels(name, std::vector<std::string>{"member", "intervention"}, {}, attrs);
  }
}

void write_series(NcWriter& w, const EnsemblePlan& plan, const OutputReader& r, hid_t first) {
  for (const std::string& keep : plan.variables) {
    const SeriesVar* s = find_series(keep);
    if (!s || !r.find(keep))
      throw UsageError(fmt::format("variables: '{}' is not a time series of the run file", keep));
  }
  for (const SeriesVar& s : series_vars()) {
    const std::string name(s.name);
    const VarInfo* v = r.find(name);
    if (!v) continue;
    if (!plan.variables.empty() &&
        std::find(plan.variables.begin(), plan.variables.end(), name) == plan.variables.end())
      continue;
    const std::vector<std::string> rest(v->dims.begin() + 1, v->dims.end());
    w.lead_series(name, "member", rest, attrs_of(first, name), kEnsembleChunkBytes);
  }
}

}  // namespace

std::string param_variable(const std::string& key) {
  std::string out;
  for (char c : key) out += c == '.' ? std::string("__") : std::string(1, c);
  return out;
}

const std::vector<std::string>& ensemble_intervention_variables() {
  static const std::vector<std::string> kNames{"intervention_name", "intervention_type",
                                               "intervention_start", "intervention_end",
                                               "intervention_parameters"};
  return kNames;
}

void write_ensemble_layout(const std::string& path, const EnsemblePlan& plan,
                           const std::vector<EnsembleMember>& members,
                           const std::string& first_file) {
  if (members.empty()) throw UsageError("an ensemble needs at least one member");
  const OutputReader r(first_file);
  const Handle first = h5::open_readonly(first_file);
  NcWriter w(path, static_cast<int>(std::max<std::size_t>(1, r.months())));
  write_globals(w, plan, r, first);
  write_members(w, members);
  write_axes(w, r, first);
  write_series(w, plan, r, first);
  if (plan.morris) write_morris_layout(w, *plan.morris);
  w.close();
}

}  // namespace minesim

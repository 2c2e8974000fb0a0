// The netCDF-4 writer read back through the HDF5 C API: dimension scales attached on every axis,
// labels as variable-length UTF-8 strings, attributes, chunked appends across buffer boundaries.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <hdf5_hl.h>

#include <cmath>

#include "io/nc_writer.h"
#include "support.h"

namespace minesim {
namespace {

TEST(NcWriter, WritesScalesLabelsAttributesAndBufferedRows) {
  const std::string path = test::fresh_dir("nc_writer") + "/t.h5";
  {
    NcWriter w(path, 2);  // chunk of two months: the third month is a partial chunk
    w.global_text("title", "test");
    w.time_axis("days since 2025-01-01 00:00:00");
    w.label_axis("place", {"Potosí", "Oruro"}, "place");
    const int v = w.series("x", {"place"}, {Attr::str("units", "1"), Attr::str("long_name", "x")});
    EXPECT_EQ(v, 0);
    w.append_month(0, 31, {{1.0, 2.0}});
    w.append_month(31, 59, {{3.0, 4.0}});
    w.append_month(59, 90, {{5.0, NAN}});
    w.close();
  }
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(f, 0);
  const hid_t x = H5Dopen2(f, "x", H5P_DEFAULT), place = H5Dopen2(f, "place", H5P_DEFAULT),
              time = H5Dopen2(f, "time", H5P_DEFAULT);
  EXPECT_GT(H5DSis_scale(place), 0);
  EXPECT_GT(H5DSis_attached(x, time, 0), 0);
  EXPECT_GT(H5DSis_attached(x, place, 1), 0);
  double data[6] = {0};
  ASSERT_GE(H5Dread(x, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), 0);
  EXPECT_EQ(data[0], 1.0);
  EXPECT_EQ(data[3], 4.0);
  EXPECT_EQ(data[4], 5.0);
  EXPECT_TRUE(std::isnan(data[5]));
  double t[3] = {0};
  H5Dread(time, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, t);
  EXPECT_EQ(t[2], 59.0);
  // Labels: variable-length UTF-8.
  const hid_t type = H5Dget_type(place);
  EXPECT_GT(H5Tis_variable_str(type), 0);
  EXPECT_EQ(H5Tget_cset(type), H5T_CSET_UTF8);
  char* labels[2] = {nullptr, nullptr};
  H5Dread(place, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, labels);
  EXPECT_STREQ(labels[0], "Potosí");
  EXPECT_STREQ(labels[1], "Oruro");
  H5free_memory(labels[0]);
  H5free_memory(labels[1]);
  EXPECT_GT(H5Aexists(x, "units"), 0);
  EXPECT_GT(H5Aexists(x, "_FillValue"), 0);
  EXPECT_GT(H5Aexists(f, "title"), 0);
  H5Tclose(type);
  H5Dclose(x);
  H5Dclose(place);
  H5Dclose(time);
  H5Fclose(f);
}

TEST(NcWriter, CannotCreateIsItsOwnError) {
  try {
    NcWriter w("/nonexistent_dir_for_minesim/x.h5", 1);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_status(), 73);
  }
}

// A series over (lead, time, ...): one lead index per chunk, months up to the byte limit, then the
// other axes halved; NaN until written.
TEST(NcWriter, LeadSeriesChunksOneLeadIndexWithinTheLimit) {
  const std::string path = test::fresh_dir("nc_writer_lead") + "/t.h5";
  {
    NcWriter w(path, 12);
    w.time_axis("days since 2025-01-01 00:00:00");
    for (int t = 0; t < 10; ++t) w.append_month(t, t + 1, {});
    w.flush();
    w.label_axis("member", {"a", "b"}, "member");
    w.label_axis("place", {"p", "q", "r", "s"}, "place");
    w.lead_series("x", "member", {"place"}, {}, 8 * 4 * 3);  // three months of four places
    w.lead_series("y", "member", {"place"}, {}, 8 * 2);      // half a month
    w.close();
  }
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(f, 0);
  auto chunk_of = [&](const char* name) {
    const hid_t ds = H5Dopen2(f, name, H5P_DEFAULT), dcpl = H5Dget_create_plist(ds);
    std::vector<hsize_t> c(3);
    EXPECT_EQ(H5Pget_chunk(dcpl, 3, c.data()), 3);
    double v[80];
    EXPECT_GE(H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v), 0);
    EXPECT_TRUE(std::isnan(v[0]) && std::isnan(v[79]));
    H5Pclose(dcpl);
    H5Dclose(ds);
    return c;
  };
  EXPECT_EQ(chunk_of("x"), (std::vector<hsize_t>{1, 3, 4}));
  EXPECT_EQ(chunk_of("y"), (std::vector<hsize_t>{1, 1, 2}));
  H5Fclose(f);
}

}  // namespace
}  // namespace minesim

#pragma once
// A writer of HDF5 files that are also valid netCDF-4 (engineering-notes §2): every axis is a
// dimension scale attached to every variable, creation order is tracked, labels are
// variable-length UTF-8 strings, text attributes are fixed-length strings, object times are off
// (so identical data give identical bytes). Time series are buffered in memory and written a whole
// chunk at a time; flush() writes the buffer and calls H5Fflush. All calls from one thread.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "io/h5.h"

namespace minesim {

struct Attr {
  std::string name;
  std::string text;  // used when is_text
  double number = 0;
  bool is_text = true;
  static Attr str(std::string n, std::string v) { return {std::move(n), std::move(v), 0, true}; }
  static Attr num(std::string n, double v) { return {std::move(n), {}, v, false}; }
};

class NcWriter {
 public:
  // Creates (truncates) `path`. `chunk_months` is the time-chunk length and the buffer size.
  NcWriter(const std::string& path, int chunk_months);
  ~NcWriter();
  NcWriter(const NcWriter&) = delete;
  NcWriter& operator=(const NcWriter&) = delete;

  void global_text(const std::string& name, const std::string& value);
  void global_int(const std::string& name, std::int32_t value);
  void global_double(const std::string& name, double value);

  // The unlimited time axis, with time_bnds(time, nv). `units` like "days since 2025-01-01".
  void time_axis(const std::string& units);
  // A categorical axis: a dimension scale holding variable-length UTF-8 labels. An `extendable`
  // axis is chunked with no maximum size (netCDF: unlimited), so that it can grow later.
  void label_axis(const std::string& name, const std::vector<std::string>& labels,
                  const std::string& long_name, bool extendable = false);
  // A variable without time: doubles or labels over fixed axes.
  void fixed_variable(const std::string& name, const std::vector<std::string>& dims,
                      const std::vector<double>& values, const std::vector<Attr>& attrs);
  void fixed_labels(const std::string& name, const std::string& dim,
                    const std::vector<std::string>& values, const std::vector<Attr>& attrs);
  // Labels over several fixed axes (row-major `values`, "" where short); with an extendable last
  // axis (see label_axis), chunked so that it can grow with it.
  void fixed_labels(const std::string& name, const std::vector<std::string>& dims,
                    const std::vector<std::string>& values, const std::vector<Attr>& attrs);
  // Integers over one axis, stored as `file_type` (H5T_STD_I32LE, H5T_STD_I8LE, ...).
  void fixed_integers(const std::string& name, const std::string& dim,
                      const std::vector<std::int64_t>& values, hid_t file_type,
                      const std::vector<Attr>& attrs);
  // A time series variable (time, dims...) of doubles; returns its id for append().
  int series(const std::string& name, const std::vector<std::string>& dims,
             const std::vector<Attr>& attrs);

  // A series over (lead, time, dims...) with the months written so far and NaN everywhere (the
  // fill value), to be written one `lead` index at a time with h5::write_block: one lead index
  // per chunk, chunks of at most `max_chunk_bytes` (split along time, then along dims).
  void lead_series(const std::string& name, const std::string& lead,
                   const std::vector<std::string>& dims, const std::vector<Attr>& attrs,
                   std::size_t max_chunk_bytes);

  // Adds one month: its time bounds (days since start) and one row per series, in id order.
  void append_month(double day_start, double day_end, const std::vector<std::vector<double>>& rows);
  void flush();  // writes buffered months and flushes the file
  void close();  // flush, then close every handle
  std::size_t months_written() const { return written_; }
  std::size_t series_size(int id) const { return series_[id].row; }

 private:
  struct Series {
    std::string name;
    h5::Handle ds;
    std::size_t row = 1;         // values per month
    std::vector<hsize_t> shape;  // without time
    std::vector<double> buffer;
  };
  h5::Handle make_dcpl(const std::vector<hsize_t>* chunk);
  bool extendable(const std::string& dim) const;
  void attach(hid_t ds, const std::vector<std::string>& dims, bool with_time);
  void set_attrs(hid_t obj, const std::vector<Attr>& attrs);
  void write_buffered();

  std::string path_;
  int chunk_months_;
  h5::Handle file_;
  std::map<std::string, h5::Handle> scales_;
  std::map<std::string, hsize_t> dim_size_;
  std::map<std::string, bool> dim_extendable_;
  int next_dimid_ = 0;
  h5::Handle time_, bnds_;
  std::vector<double> time_buf_, bnds_buf_;
  std::vector<Series> series_;
  std::size_t written_ = 0, buffered_ = 0;
  bool closed_ = false;
};

}  // namespace minesim

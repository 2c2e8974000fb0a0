#pragma once
// Internal to the TableReader's files (reader.cpp: scalars, reader_lists.cpp: arrays,
// reader_tables.cpp: sub-tables and names) and the plan reader (plan.cpp): how types, numbers and
// ranges read in messages.
#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <string>

#include "core/calendar.h"
#include "scenario/reader.h"

namespace minesim::reader_detail {

std::string type_name(const toml::node& n);
// Integral values print without exponent ("2000000000", not "2e+09").
std::string fmt_num(double v);
std::string range_text(Range r, const char* unit);
std::string int_range_text(std::int64_t min, std::int64_t max, const char* unit);
std::optional<double> as_number(const toml::node& n);
// A month start (YYYY-MM-01, year in [1900, 2300]); reports anything else under `key`.
std::optional<Month> read_month(ReadContext& ctx, const toml::node& n, const std::string& key);

}  // namespace minesim::reader_detail

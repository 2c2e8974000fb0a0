#include "core/calendar.h"

#include <fmt/format.h>

namespace minesim {
std::string Month::iso() const { return fmt::format("{:04d}-{:02d}-01", year, month); }
}  // namespace minesim

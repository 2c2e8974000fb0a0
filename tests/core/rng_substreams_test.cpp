// Sub-streams are named once, in core/rng.h: no code outside it writes a raw sub-stream bit into a
// month counter or an entity id (a second spelling of a bit can drift from the first).
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "support.h"

namespace minesim {
namespace {

TEST(RngSubstreams, NoRawSubStreamBitsOutsideRngH) {
  namespace fs = std::filesystem;
  // A high bit (0x10000000 and up) XORed or ORed into a counter, or held in a constant.
  const std::regex raw(R"((\^|\|)\s*0x[1-9a-fA-F]0000000u|=\s*0x[1-9a-fA-F]0000000u)");
  int files = 0;
  for (const char* dir : {"src/agents", "src/world", "src/policies", "src/model"}) {
    for (const auto& e : fs::recursive_directory_iterator(test::source_path(dir))) {
      if (!e.is_regular_file()) continue;
      ++files;
      const std::string text = test::read_file(e.path().string());
      EXPECT_FALSE(std::regex_search(text, raw)) << e.path() << ": use rng::sub with a named bit";
    }
  }
  EXPECT_GT(files, 20);
}

}  // namespace
}  // namespace minesim

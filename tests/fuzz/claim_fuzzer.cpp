// libFuzzer target: any byte string read as a claim line keeps the reader's properties
// (tests/support/reader_properties.hpp): no crash, hang, leak or undefined behaviour; a claim
// exactly when no problem; the same reading with whitespace added between tokens, and into a
// result reused; the writer's echo of the claim's texts read back as they were. Under the default
// limits, then under limits tight enough for short inputs to reach them.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "evaluate/claim_json.hpp"
#include "support/reader_properties.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  cotation::ClaimReadLimits tight;
  tight.max_line_bytes = 200;
  tight.max_depth = 3;
  tight.max_claim_lines = 2;
  tight.max_history_sessions = 1;
  tight.max_problems = 3;
  for (const cotation::ClaimReadLimits& limits : {cotation::ClaimReadLimits{}, tight}) {
    const std::string broken = cotation::testing::broken_property(line, limits);
    if (!broken.empty()) {
      std::fprintf(stderr, "property broken: %s\n", broken.c_str());
      std::abort();
    }
  }
  return 0;
}

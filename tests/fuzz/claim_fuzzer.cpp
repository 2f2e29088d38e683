// libFuzzer target: any byte string read as a claim line yields a claim or its problems, never
// a crash, a hang, a leak or undefined behaviour; and a line the schema-driven fast path accepts
// is read exactly as the general reader reads it (src/evaluate/claim_read/).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "evaluate/claim_json.hpp"
#include "support/claim_text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  const cotation::ClaimReadLimits limits;
  cotation::ClaimReadResult fast;
  const bool taken = cotation::read_claim_by_schema(line, limits, fast);
  const cotation::ClaimReadResult general = cotation::read_claim_in_general(line, limits);
  if (taken && cotation::testing::text_of(fast) != cotation::testing::text_of(general)) std::abort();
  return 0;
}

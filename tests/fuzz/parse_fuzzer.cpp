// libFuzzer target: any byte string given to the parser yields diagnostics or a syntax
// tree, never a crash, a hang, a leak or undefined behaviour (built with ASan + UBSan).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "parse/parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const cotation::SourceFile source("fuzz.cot", std::string(reinterpret_cast<const char*>(data), size));
  std::vector<cotation::Diagnostic> diagnostics;
  const auto file = cotation::parse_source(source, 0, cotation::ParseOptions{}, diagnostics);
  for (const auto& diagnostic : diagnostics) {
    // Rendering walks the offending line: it must hold for any input too.
    (void)cotation::render(diagnostic, cotation::Language::french);
  }
  return 0;
}

// Shared by the golden tests: files read whole, diagnostics rendered as `cotation check`
// prints them, with files named without their directory so the goldens do not depend on
// where the repository is.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cotation/diagnostic.hpp"

namespace cotation::testing {

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream stream(path, std::ios::binary);
  std::ostringstream contents;
  contents << stream.rdbuf();
  return contents.str();
}

inline std::string rendered(const std::vector<Diagnostic>& diagnostics, Language language) {
  std::string out;
  for (Diagnostic diagnostic : diagnostics) {
    diagnostic.position.file = std::filesystem::path(diagnostic.position.file).filename().string();
    out += render(diagnostic, language);
  }
  return out;
}

}  // namespace cotation::testing

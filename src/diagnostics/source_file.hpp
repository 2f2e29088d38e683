// A source file held in memory, with what diagnostics need: line and column of an offset.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cotation/diagnostic.hpp"

namespace cotation {

class SourceFile {
 public:
  SourceFile(std::string path, std::string text);

  [[nodiscard]] const std::string& path() const noexcept { return path_; }
  [[nodiscard]] std::string_view text() const noexcept { return text_; }

  // 1-based line and character column of a byte offset, and that line's text.
  [[nodiscard]] SourcePosition position_of(std::size_t offset) const;
  [[nodiscard]] std::string_view line_containing(std::size_t offset) const;

  // A diagnostic at `offset` of this file.
  [[nodiscard]] Diagnostic diagnostic_at(std::size_t offset, std::string message_id,
                                         std::vector<std::string> arguments = {},
                                         Severity severity = Severity::error) const;
  // The fix that replaces the bytes [begin, end) of this file by `replacement`.
  [[nodiscard]] Fix fix(std::size_t begin, std::size_t end, std::string replacement) const;

 private:
  std::string path_;
  std::string text_;
  std::vector<std::size_t> line_starts_;
};

}  // namespace cotation

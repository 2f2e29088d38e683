#include "diagnostics/source_file.hpp"

#include <algorithm>

#include "parse/utf8.hpp"

namespace cotation {

SourceFile::SourceFile(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

std::string_view SourceFile::line_containing(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  const auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const std::size_t start = *(next - 1);
  std::size_t end = next == line_starts_.end() ? text_.size() : *next - 1;
  if (end > start && text_[end - 1] == '\r') --end;
  return std::string_view(text_).substr(start, end - start);
}

SourcePosition SourceFile::position_of(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  const auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line_index = static_cast<std::size_t>(next - line_starts_.begin());
  const std::size_t start = *(next - 1);
  return SourcePosition{path_, line_index, utf8::column_of(line_containing(offset), offset - start)};
}

Diagnostic SourceFile::diagnostic_at(std::size_t offset, std::string message_id, std::vector<std::string> arguments,
                                     Severity severity) const {
  return Diagnostic{severity,
                    std::move(message_id),
                    std::move(arguments),
                    position_of(offset),
                    std::string(line_containing(offset)),
                    std::nullopt};
}

Fix SourceFile::fix(std::size_t begin, std::size_t end, std::string replacement) const {
  return Fix{position_of(begin), position_of(end), std::move(replacement)};
}

}  // namespace cotation

// The editor's side of the files: the texts of the open documents (which may differ from the
// disk), their URIs, and positions as the protocol counts them (0-based lines, UTF-16 code
// units in the line) against byte offsets as the parser counts them.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>

#include "parse/parser.hpp"

namespace cotation::lsp {

struct TextPosition {
  std::size_t line = 0;
  std::size_t character = 0;  // UTF-16 code units
};

[[nodiscard]] TextPosition position_at(std::string_view text, std::size_t offset);
// The byte offset of `position`, clamped to its line's end and to the text's.
[[nodiscard]] std::size_t offset_at(std::string_view text, const TextPosition& position);
// The offset of the start of 1-based `line` and of its 1-based character `column` as
// diagnostics count them (tabs to the next multiple of 8).
[[nodiscard]] std::size_t offset_of_column(std::string_view text, std::size_t line, std::size_t column);

// {"line":..,"character":..} and {"start":..,"end":..} of the protocol.
[[nodiscard]] nlohmann::json position_json(std::string_view text, std::size_t offset);
[[nodiscard]] nlohmann::json range_json(std::string_view text, std::size_t begin, std::size_t end);
[[nodiscard]] TextPosition position_from_json(const nlohmann::json& position);

// "file:///a/r%C3%A8gles/x.cot" <-> "/a/règles/x.cot" (absolute, lexically normal).
[[nodiscard]] std::string path_of_uri(std::string_view uri);
[[nodiscard]] std::string uri_of_path(std::string_view path);

// The open documents' texts by path: what the parser reads instead of the disk.
class DocumentStore {
 public:
  void set(const std::string& path, std::string text) { texts_[path] = std::move(text); }
  void close(const std::string& path) { texts_.erase(path); }
  [[nodiscard]] const std::string* find(const std::string& path) const;
  [[nodiscard]] const UnsavedTexts& texts() const noexcept { return texts_; }

 private:
  UnsavedTexts texts_;
};

}  // namespace cotation::lsp

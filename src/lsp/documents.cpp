#include "lsp/documents.hpp"

#include <algorithm>
#include <filesystem>

#include "parse/utf8.hpp"

namespace cotation::lsp {
namespace {

// UTF-16 code units of the code point starting at `text`, and its length in bytes; a
// malformed byte counts as one unit, as the editor shows it as U+FFFD.
std::pair<std::size_t, std::size_t> units_and_bytes(std::string_view text) {
  const auto decoded = utf8::decode(text);
  if (!decoded) return {1, 1};
  return {decoded->value >= 0x10000 ? 2 : 1, decoded->length};
}

std::size_t line_start(std::string_view text, std::size_t line) {
  std::size_t offset = 0;
  for (std::size_t i = 0; i < line; ++i) {
    const std::size_t newline = text.find('\n', offset);
    if (newline == std::string_view::npos) return text.size();
    offset = newline + 1;
  }
  return offset;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

TextPosition position_at(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const std::size_t previous_newline = text.rfind('\n', offset == 0 ? std::string_view::npos : offset - 1);
  const std::size_t start = previous_newline == std::string_view::npos ? 0 : previous_newline + 1;
  TextPosition position{
      static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(start), '\n')), 0};
  for (std::size_t i = start; i < offset;) {
    const auto [units, bytes] = units_and_bytes(text.substr(i));
    position.character += units;
    i += bytes;
  }
  return position;
}

std::size_t offset_at(std::string_view text, const TextPosition& position) {
  std::size_t offset = line_start(text, position.line);
  for (std::size_t units = 0; units < position.character && offset < text.size() && text[offset] != '\n';) {
    const auto [count, bytes] = units_and_bytes(text.substr(offset));
    units += count;
    offset += bytes;
  }
  return offset;
}

std::size_t offset_of_column(std::string_view text, std::size_t line, std::size_t column) {
  const std::size_t start = line_start(text, line == 0 ? 0 : line - 1);
  std::size_t end = text.find('\n', start);
  if (end == std::string_view::npos) end = text.size();
  const std::string_view line_text = text.substr(start, end - start);
  std::size_t byte = 0;
  const auto inside_code_point = [&](std::size_t at) {
    return (static_cast<unsigned char>(line_text[at]) & 0xC0U) == 0x80U;
  };
  while (byte < line_text.size() && (utf8::column_of(line_text, byte) < column || inside_code_point(byte))) ++byte;
  return start + byte;
}

nlohmann::json position_json(std::string_view text, std::size_t offset) {
  const TextPosition position = position_at(text, offset);
  return {{"line", position.line}, {"character", position.character}};
}

nlohmann::json range_json(std::string_view text, std::size_t begin, std::size_t end) {
  return {{"start", position_json(text, begin)}, {"end", position_json(text, end)}};
}

TextPosition position_from_json(const nlohmann::json& position) {
  return {position.value("line", std::size_t{0}), position.value("character", std::size_t{0})};
}

std::string path_of_uri(std::string_view uri) {
  constexpr std::string_view scheme = "file://";
  if (uri.substr(0, scheme.size()) == scheme) uri.remove_prefix(scheme.size());
  std::string path;
  for (std::size_t i = 0; i < uri.size(); ++i) {
    if (uri[i] == '%' && i + 2 < uri.size() && hex_digit(uri[i + 1]) >= 0 && hex_digit(uri[i + 2]) >= 0) {
      path += static_cast<char>(hex_digit(uri[i + 1]) * 16 + hex_digit(uri[i + 2]));
      i += 2;
    } else {
      path += uri[i];
    }
  }
  return std::filesystem::path(path).lexically_normal().generic_string();
}

std::string uri_of_path(std::string_view path) {
  static constexpr std::string_view kept = "/-_.~";
  std::string uri = "file://";
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 && byte < 0x80) {
      uri += c;
    } else if (kept.find(c) != std::string_view::npos) {
      uri += c;
    } else {
      static constexpr std::string_view digits = "0123456789ABCDEF";
      uri += '%';
      uri += digits[byte >> 4U];
      uri += digits[byte & 15U];
    }
  }
  return uri;
}

const std::string* DocumentStore::find(const std::string& path) const {
  const auto found = texts_.find(path);
  return found == texts_.end() ? nullptr : &found->second;
}

}  // namespace cotation::lsp

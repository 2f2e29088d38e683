#include "lsp/protocol.hpp"

#include <charconv>
#include <string>
#include <string_view>

namespace cotation::lsp {

std::optional<nlohmann::json> read_message(std::istream& in) {
  std::optional<std::size_t> length;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (length) break;
      continue;  // blank lines between messages
    }
    constexpr std::string_view key = "Content-Length:";
    if (line.size() <= key.size() || line.compare(0, key.size(), key) != 0) continue;  // Content-Type
    const std::size_t first = line.find_first_not_of(' ', key.size());
    if (first == std::string::npos) return std::nullopt;
    const std::string_view digits = std::string_view(line).substr(first);
    std::size_t value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error != std::errc{} || end != digits.data() + digits.size() || value > max_message_bytes) return std::nullopt;
    length = value;
  }
  if (!length) return std::nullopt;
  std::string body(*length, '\0');
  in.read(body.data(), static_cast<std::streamsize>(body.size()));
  if (static_cast<std::size_t>(in.gcount()) != body.size()) return std::nullopt;
  return nlohmann::json::parse(body, nullptr, false);
}

void write_message(std::ostream& out, const nlohmann::json& message) {
  // Rule files are UTF-8, but an editor may hold anything: invalid bytes become U+FFFD.
  const std::string body = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  out << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  out.flush();
}

}  // namespace cotation::lsp

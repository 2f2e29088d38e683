// JSON-RPC over a byte stream, as the Language Server Protocol frames it: a `Content-Length`
// header, a blank line, then that many bytes of JSON. Messages in, messages out; what they
// mean is the server's business (server.cpp).
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <istream>
#include <optional>
#include <ostream>

namespace cotation::lsp {

// A message is a few kilobytes; a whole rule file sent by the editor stays well under this.
inline constexpr std::size_t max_message_bytes = 64U << 20U;

// The next message, a discarded json value (is_discarded()) when its body is not JSON, or
// nothing at the end of the stream or on a header that cannot be honoured.
[[nodiscard]] std::optional<nlohmann::json> read_message(std::istream& in);

// Writes `message` framed, and flushes: the client waits for it.
void write_message(std::ostream& out, const nlohmann::json& message);

}  // namespace cotation::lsp

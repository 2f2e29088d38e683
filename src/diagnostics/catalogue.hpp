// Internal access to the message catalogue, for checks that every id used exists.
#pragma once

#include <string_view>

namespace cotation {

[[nodiscard]] bool is_known_message(std::string_view id);

}  // namespace cotation

// The pieces of reasons' messages shared by deciding and writing. In: a cotation, a day, a
// reason; out: "RAM 8.09", "2024-02-22", the pieces of its message.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "compile/model.hpp"
#include "cotation/engine.hpp"

namespace cotation::evaluation {

// "RAM 8.09": a cotation as it is billed.
void append_code(std::string& out, const RuleSet::Model& model, const model::Cotation& cotation);

// "2024-02-22", as date_text writes it, without going through fmt.
void append_date(std::string& out, model::Day day);

// A message as the pieces of text it is made of, held by the rule set, the reason or a scratch
// string: the writer escapes them into the record without copying them first.
struct MessagePieces {
  std::array<std::string_view, 4> pieces;
  std::size_t count = 0;
};

// The message of `reason` in `language`: the texts the rule set and the reason hold for the
// common reasons, else the message written into `scratch`.
MessagePieces message_pieces(const Reason& reason, Language language, std::string& scratch);

// The size of that message, or for the rarer reasons written into the scratch, about it: what
// the writer makes room for at once.
std::size_t message_size(const Reason& reason, Language language);

}  // namespace cotation::evaluation

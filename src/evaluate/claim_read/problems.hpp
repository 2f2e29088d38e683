// The problems of a claim line (docs/claim-format.md section 4): why the JSON scanner stopped,
// and a problem in a wording of the catalogue (evaluate/wordings.hpp). In: nothing; out: fault
// reasons and problems, for the readers, which give every problem its code, the JSON path it is about and the format
// document as source.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "cotation/decision.hpp"
#include "evaluate/wordings.hpp"

namespace cotation::claim_read {

inline constexpr std::string_view format_source = "docs/claim-format.md";

// Why the JSON scanner stopped.
enum class JsonFault : std::uint8_t {
  syntax,        // a well-formed token where it does not belong, or a broken byte order mark
  end_of_input,  // the line ends inside the record
  trailing,      // something after the record's closing brace
  control,       // an unescaped control character inside a string
  utf8,          // a byte that is not valid UTF-8 inside a string
  bad_string,    // a bad escape sequence, a lone surrogate
  bad_number,
  bad_literal,          // a word that is not true, false or null, or a byte that starts no token
  overflow,             // a number beyond what JSON readers hold (section 6 of RFC 8259)
  unterminated_string,  // the line ends inside a string (an escape included)
};

// The words of each fault, in the catalogue (evaluate/wordings.hpp).
inline evaluation::Wording reason_of(JsonFault fault) noexcept {
  return static_cast<evaluation::Wording>(static_cast<std::size_t>(evaluation::Wording::fault_syntax) +
                                          static_cast<std::size_t>(fault));
}

// A problem about `field` (a JSON path; empty: the record as a whole), in the catalogue's
// `wording` with these arguments.
template <typename... Args>
[[gnu::cold]] Reason format_problem(ReasonCode code, std::string field, evaluation::Wording wording, Args&&... args) {
  Reason problem;
  problem.code = code;
  problem.field = std::move(field);
  problem.source = format_source;
  evaluation::set_wording(problem, wording, std::forward<Args>(args)...);
  return problem;
}

// The JSON path of a value as a message's argument: the record as a whole is a word.
inline MessageArgument path_argument(std::string path) {
  return path == "(enregistrement)" ? evaluation::argument(evaluation::Wording::the_record)
                                    : evaluation::argument(std::move(path));
}

}  // namespace cotation::claim_read

// The properties of the claim reader (src/evaluate/claim_read/) that hold for any input, checked
// by the unit tests on generated lines and by the fuzzer (tests/fuzz/claim_fuzzer.cpp) on any
// bytes: a claim exactly when no problem; the same reading with whitespace added between tokens;
// the writer's echo of a claim's texts (append_json_string, and `meta` as it is) read back as they
// were. In: a line and limits; out: the first property broken, or nothing.
#pragma once

#include <string>
#include <string_view>

#include "evaluate/claim_json.hpp"
#include "support/claim_text.hpp"

namespace cotation::testing {

// `line` with whitespace after each { [ : , and before each } ] outside strings: between tokens,
// wherever the line is JSON.
inline std::string spaced_out(std::string_view line) {
  std::string out;
  bool in_string = false;
  bool escaped = false;
  for (const char c : line) {
    if (in_string) {
      out += c;
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '}' || c == ']') out += " \t";
    out += c;
    in_string = c == '"';
    if (c == '{' || c == '[' || c == ':' || c == ',') out += "\r\n ";
  }
  return out;
}

// A line holding the texts of `claim` as the decision writer echoes texts: its id, its patient's,
// its lines' codes and acts through append_json_string, its meta as it is.
inline std::string echo_of(const Claim& claim) {
  std::string out = R"({"id":)";
  append_json_string(out, claim.id);
  out += R"(,"patient":{"id":)";
  append_json_string(out, claim.patient.id);
  out += R"(},"lines":[)";
  for (const ClaimLine& line : claim.lines) {
    if (out.back() == '}') out += ',';
    out += R"({"code":)";
    append_json_string(out, line.code);
    out += R"(,"act":)";
    append_json_string(out, line.act);
    out += '}';
  }
  out += ']';
  if (!claim.meta.empty()) out += R"(,"meta":)" + claim.meta;
  out += '}';
  return out;
}

inline bool same_texts(const Claim& a, const Claim& b) {
  if (a.id != b.id || a.patient.id != b.patient.id || a.meta != b.meta || a.lines.size() != b.lines.size())
    return false;
  for (std::size_t i = 0; i < a.lines.size(); ++i) {
    if (a.lines[i].code != b.lines[i].code || a.lines[i].act != b.lines[i].act) return false;
  }
  return true;
}

// The first property the reading of `line` under `limits` breaks, or an empty text.
inline std::string broken_property(std::string_view line, const ClaimReadLimits& limits) {
  ClaimReadResult read = read_claim(line, limits);
  if (read.claim.has_value() == !read.problems.empty()) return "a claim exactly when no problem";
  ClaimReadResult reused = read_claim("{}", limits);  // a result that held another reading
  read_claim(line, limits, reused);
  if (text_of(reused) != text_of(read)) return "the same reading into a result reused";
  if (read.claim) {
    const ClaimReadResult echoed = read_claim(echo_of(*read.claim));
    if (!echoed.claim || !same_texts(*echoed.claim, *read.claim)) return "the writer's echo read back as it was";
  }
  bool syntax_error = false;
  for (const Reason& problem : read.problems) syntax_error = syntax_error || problem.code == ReasonCode::not_json;
  const std::string spaced = spaced_out(line);
  // The offset of a syntax error moves with the whitespace, and a line may grow beyond the limit.
  if (!syntax_error && spaced.size() <= limits.max_line_bytes) {
    if (read.claim) read.claim->meta = spaced_out(read.claim->meta);  // kept as written
    if (text_of(read_claim(spaced, limits)) != text_of(read)) return "the same reading with whitespace between tokens";
  }
  return {};
}

}  // namespace cotation::testing

// Decisions out, as JSON Lines (docs/claim-format.md): one std::string per record, appended to,
// with a small escaper that copies runs of plain bytes. In: a ClaimDecision; out: its JSON line
// (see claim_json.hpp for the record's shape).
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <exception>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "evaluate/claim_json.hpp"
#include "evaluate/claim_read/json_text.hpp"
#include "evaluate/reason_text.hpp"
#include "evaluate/wordings.hpp"

namespace cotation {

using claim_read::replacement_character;
using claim_read::skip_plain_bytes;

std::string_view to_string(Decision decision) noexcept {
  switch (decision) {
    case Decision::accepted:
      return "accepted";
    case Decision::refused:
      return "refused";
    case Decision::prior_approval:
      return "prior_approval";
    case Decision::invalid:
      return "invalid";
  }
  return "invalid";  // not an enumerator: the record cannot be trusted
}

namespace {

// Writes JSON into a string from `start` on, through a moving pointer, without a capacity check
// per piece: the string first holds at least the size of the output with every text plain
// (counted by the caller, fixed parts included: plain_size), and only an escape, which writes
// more than the byte it stands for, makes room for its extra bytes. A piece of fixed text is a
// move or two. A string reused from record to record is zero-filled only where it grows.
class JsonWriter {
 public:
  JsonWriter(std::string& out, std::size_t start, std::size_t plain_size) : out_(out) {
    if (out.size() < start + plain_size) out.resize(start + plain_size);
    at_ = out.data() + start;
    slack_ = out.size() - start - plain_size;
  }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;
  // Cuts the string after what was written.
  ~JsonWriter() { out_.resize(static_cast<std::size_t>(at_ - out_.data())); }

  // The bytes string() writes for `text` when no byte of it is escaped.
  static constexpr std::size_t plain_size(std::string_view text) noexcept { return text.size() + 2; }
  static constexpr std::size_t amount_size = Decimal::max_chars + 2;

  template <std::size_t N>
  void literal(const char (&text)[N]) noexcept {
    std::memcpy(at_, text, N - 1);
    at_ += N - 1;
  }
  void raw(std::string_view text) noexcept {
    std::memcpy(at_, text.data(), text.size());
    at_ += text.size();
  }
  void byte(char c) noexcept { *at_++ = c; }
  // The pieces of a message as one JSON string, `counted` bytes of it counted in the plain size.
  void string(const evaluation::MessagePieces& message, std::size_t counted) {
    std::size_t size = 2;
    for (std::size_t i = 0; i < message.count; ++i) size += message.pieces[i].size();
    if (size > counted) widen(size - counted);
    *at_++ = '"';
    for (std::size_t i = 0; i < message.count; ++i) escaped(message.pieces[i]);
    *at_++ = '"';
  }
  // `text` as a JSON string, quotes included: see append_json_string.
  void string(std::string_view text);
  // `text` as a JSON string, or null when it is empty.
  void string_or_null(std::string_view text) {
    if (text.empty()) {
      literal("null");
    } else {
      string(text);
    }
  }
  // A two-decimal amount as a JSON string ("17.88").
  void amount(const Decimal& amount) {
    *at_++ = '"';
    at_ = amount.to_chars(at_, 2);
    *at_++ = '"';
  }

 private:
  // `text` escaped, without quotes.
  void escaped(std::string_view text);
  // Room for `extra` bytes beyond the plain size counted.
  void widen(std::size_t extra) {
    if (slack_ < extra) {
      const auto offset = static_cast<std::size_t>(at_ - out_.data());
      const std::size_t more = std::max<std::size_t>(64, out_.size());
      out_.resize(out_.size() + more);
      at_ = out_.data() + offset;
      slack_ += more;
    }
    slack_ -= extra;
  }

  std::string& out_;
  char* at_ = nullptr;
  std::size_t slack_ = 0;  // bytes of the string beyond the plain size, not used yet
};

void JsonWriter::string(std::string_view text) {
  *at_++ = '"';
  escaped(text);
  *at_++ = '"';
}

void JsonWriter::escaped(std::string_view text) {
  static constexpr std::string_view hex = "0123456789abcdef";
  static constexpr std::size_t escape_size = 6;  // \u00XX
  std::size_t run = 0;                           // start of the bytes not yet copied, which need no escaping
  for (std::size_t i = skip_plain_bytes(text, 0); i < text.size(); i = skip_plain_bytes(text, i)) {
    raw({text.data() + run, i - run});
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '"' || c == '\\') {
      widen(1);
      *at_++ = '\\';
      *at_++ = static_cast<char>(c);
    } else if (c < 0x20U) {
      widen(escape_size - 1);
      literal("\\u00");
      *at_++ = hex[c >> 4U];
      *at_++ = hex[c & 0xFU];
    } else {
      widen(replacement_character.size() - 1);
      raw(replacement_character);  // a byte that is not valid UTF-8
    }
    run = ++i;
  }
  raw({text.data() + run, text.size() - run});
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  JsonWriter(out, out.size(), JsonWriter::plain_size(text)).string(text);
}

namespace {

void write_reasons(JsonWriter& out, const std::vector<Reason>& reasons, Language language) {
  thread_local std::string rendered;  // a message written from references, reused
  out.byte('[');
  bool first = true;
  for (const Reason& reason : reasons) {
    if (!first) out.byte(',');
    first = false;
    out.literal("{\"code\":\"");
    out.raw(to_string(reason.code));
    out.literal("\",\"rule\":");
    out.string_or_null(reason.rule);
    out.literal(",\"field\":");
    out.string_or_null(reason.field);
    out.literal(",\"message\":");
    out.string(evaluation::message_pieces(reason, language, rendered), 2 + evaluation::message_size(reason, language));
    out.literal(",\"source\":");
    out.string(reason_source(reason));
    out.byte('}');
  }
  out.byte(']');
}

std::size_t reasons_size(const std::vector<Reason>& reasons, Language language) {
  std::size_t size = 2;
  for (const Reason& reason : reasons) {
    size += 96 + JsonWriter::plain_size(reason.rule) + JsonWriter::plain_size(reason.field) + 2 +
            evaluation::message_size(reason, language) + JsonWriter::plain_size(reason_source(reason));
  }
  return size;
}

}  // namespace

void set_unreadable(ClaimDecision& decision, ClaimReadResult& read, const std::string& rule_set_hash) {
  decision.id = read.id;
  decision.decision = Decision::invalid;
  decision.total = Decimal();
  decision.lines.clear();
  decision.reasons = std::move(read.problems);
  decision.meta.clear();
  decision.rule_set = rule_set_hash;
}

ClaimDecision engine_failure(std::string id, const std::exception& error, const std::string& rule_set_hash) {
  ClaimDecision failed;
  failed.id = std::move(id);
  failed.decision = Decision::invalid;
  Reason& failure = failed.reasons.emplace_back();
  failure.code = ReasonCode::engine_failure;
  evaluation::set_wording(failure, evaluation::Wording::engine_failure, std::string_view(error.what()));
  failed.rule_set = rule_set_hash;
  return failed;
}

std::string write_decision(const ClaimDecision& decision, Language language) {
  std::string out;
  write_decision(decision, out, language);
  return out;
}

namespace {

// The record written into `out` from `start` on, what follows it cut.
void write_decision_at(const ClaimDecision& decision, std::string& out, std::size_t start, Language language) {
  // The fixed parts of the record and of a line are under 160 and 80 bytes.
  std::size_t size = 160 + decision_format.size() + JsonWriter::amount_size + JsonWriter::plain_size(decision.id) +
                     JsonWriter::plain_size(decision.rule_set) + decision.meta.size() +
                     reasons_size(decision.reasons, language);
  for (const LineDecision& line : decision.lines) {
    size += 80 + JsonWriter::amount_size + JsonWriter::plain_size(line.code) + reasons_size(line.reasons, language);
  }
  JsonWriter writer(out, start, size);

  writer.literal("{\"format\":\"");
  writer.raw(decision_format);
  writer.literal("\",\"id\":");
  writer.string(decision.id);
  writer.literal(",\"decision\":\"");
  writer.raw(to_string(decision.decision));
  writer.literal("\",\"total\":");
  writer.amount(decision.total);
  writer.literal(",\"lines\":[");
  bool first = true;
  for (const LineDecision& line : decision.lines) {
    if (!first) writer.byte(',');
    first = false;
    writer.literal("{\"code\":");
    writer.string(line.code);
    writer.literal(",\"decision\":\"");
    writer.raw(to_string(line.decision));
    writer.literal("\",\"amount\":");
    if (line.amount) {
      writer.amount(*line.amount);
    } else {
      writer.literal("null");
    }
    writer.literal(",\"reasons\":");
    write_reasons(writer, line.reasons, language);
    writer.byte('}');
  }
  writer.literal("],\"reasons\":");
  write_reasons(writer, decision.reasons, language);
  writer.literal(",\"rule_set\":");
  writer.string(decision.rule_set);
  if (!decision.meta.empty()) {
    writer.literal(",\"meta\":");
    writer.raw(decision.meta);  // a JSON object the reader checked, or the caller's
  }
  writer.byte('}');
}

}  // namespace

void write_decision(const ClaimDecision& decision, std::string& out, Language language) {
  write_decision_at(decision, out, 0, language);
}

void append_decision(const ClaimDecision& decision, std::string& out, Language language) {
  write_decision_at(decision, out, out.size(), language);
}

}  // namespace cotation

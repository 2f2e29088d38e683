// The C ABI's decisions: one claim (JSON in, decision JSON out into the caller's buffer), one
// claim with its explanation, and a batch of JSON Lines through the batch driver.
#include <algorithm>
#include <cstdlib>
#include <istream>
#include <ostream>
#include <streambuf>

#include "capi/capi.hpp"
#include "cotation/batch.hpp"
#include "evaluate/explanation_json.hpp"

namespace cotation::capi {
namespace {

// Reads the caller's bytes in place.
class InputBuffer : public std::streambuf {
 public:
  InputBuffer(const char* data, std::size_t size) {
    char* begin = const_cast<char*>(data);  // NOLINT: only ever read, as the streambuf interface is not const
    setg(begin, begin, begin + size);
  }
};

// Writes into one malloc'd block handed to the caller as is: no copy of a batch's output.
class OutputBuffer : public std::streambuf {
 public:
  OutputBuffer(const OutputBuffer&) = delete;
  OutputBuffer& operator=(const OutputBuffer&) = delete;
  // Room for `expected` bytes from the start: a batch's decisions take about as many bytes as its
  // claims, and growing a block of hundreds of megabytes by doubling copies it again each time.
  explicit OutputBuffer(std::size_t expected) { (void)reserve(expected); }
  ~OutputBuffer() override { std::free(data_); }

  // The text with a final '\0', now the caller's; null when out of memory.
  char* release(std::size_t& length) {
    length = size_;
    if (!reserve(size_ + 1)) return nullptr;
    data_[size_] = '\0';
    char* text = data_;
    data_ = nullptr;
    return text;
  }

 protected:
  std::streamsize xsputn(const char* text, std::streamsize count) override {
    const auto n = static_cast<std::size_t>(count);
    if (!reserve(size_ + n)) return 0;
    std::memcpy(data_ + size_, text, n);
    size_ += n;
    return count;
  }
  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    const char byte = traits_type::to_char_type(c);
    return xsputn(&byte, 1) == 1 ? c : traits_type::eof();
  }

 private:
  bool reserve(std::size_t size) {
    if (size <= capacity_) return true;
    const std::size_t capacity = std::max(size, capacity_ * 2);
    auto* grown = static_cast<char*>(std::realloc(data_, capacity));
    if (grown == nullptr) return false;
    data_ = grown;
    capacity_ = capacity;
    return true;
  }

  char* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

// Decides the claim into evaluator.text, as the batch does a record: an engine failure on the
// claim becomes an `invalid` decision that says so.
void decide(cotation_evaluator& evaluator, std::string_view claim, bool explain) {
  const RuleSet& rule_set = *evaluator.rule_set;
  evaluator.steps.clear();
  read_claim(claim, ClaimReadLimits{}, evaluator.read);
  try {
    if (!evaluator.read.claim) {
      set_unreadable(evaluator.decision, evaluator.read, rule_set.hash());
    } else {
      rule_set.evaluate(*evaluator.read.claim, evaluator.scratch, evaluator.decision,
                        explain ? &evaluator.steps : nullptr);
    }
    write_decision(evaluator.decision, evaluator.text, evaluator.language);
    if (explain) append_explanation(evaluator.steps, evaluator.text);
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& error) {
    const ClaimReadResult& read = evaluator.read;
    write_decision(engine_failure(read.claim ? read.claim->id : read.id, error, rule_set.hash()), evaluator.text,
                   evaluator.language);
  }
}

cotation_status check_claim(const cotation_evaluator* evaluator, const char* claim, const size_t* length) {
  if (evaluator == nullptr) return fail(COTATION_INVALID_ARGUMENT, "evaluator is null");
  if (claim == nullptr) return fail(COTATION_INVALID_ARGUMENT, "claim is null");
  if (length == nullptr) return fail(COTATION_INVALID_ARGUMENT, "length is null");
  return COTATION_OK;
}

}  // namespace
}  // namespace cotation::capi

using namespace cotation;
using namespace cotation::capi;

extern "C" {

cotation_status cotation_evaluator_new(const cotation_rules* rules, cotation_evaluator** evaluator) {
  return guarded([&] {
    if (evaluator == nullptr) return fail(COTATION_INVALID_ARGUMENT, "evaluator is null");
    *evaluator = nullptr;
    if (rules == nullptr) return fail(COTATION_INVALID_ARGUMENT, "rules is null");
    *evaluator = new cotation_evaluator{rules->rule_set, {}, {}, {}, {}, {}, rules->language};
    return COTATION_OK;
  });
}

void cotation_evaluator_free(cotation_evaluator* evaluator) {
  delete evaluator;
}

cotation_status cotation_evaluate(cotation_evaluator* evaluator, const char* claim, size_t claim_length, char* out,
                                  size_t capacity, size_t* length) {
  return guarded([&] {
    if (const auto status = check_claim(evaluator, claim, length); status != COTATION_OK) return status;
    if (out == nullptr && capacity > 0) return fail(COTATION_INVALID_ARGUMENT, "out is null");
    decide(*evaluator, {claim, claim_length}, false);
    const std::string& text = evaluator->text;
    *length = text.size();
    if (capacity <= text.size()) {
      return fail(COTATION_BUFFER_TOO_SMALL, "the decision needs " + std::to_string(text.size() + 1) + " bytes");
    }
    std::memcpy(out, text.data(), text.size());
    out[text.size()] = '\0';
    return COTATION_OK;
  });
}

cotation_status cotation_explain(cotation_evaluator* evaluator, const char* claim, size_t claim_length, char** decision,
                                 size_t* length) {
  return guarded([&] {
    if (decision == nullptr) return fail(COTATION_INVALID_ARGUMENT, "decision is null");
    *decision = nullptr;
    if (const auto status = check_claim(evaluator, claim, length); status != COTATION_OK) return status;
    decide(*evaluator, {claim, claim_length}, true);
    *decision = new_string(evaluator->text);
    if (*decision == nullptr) return fail(COTATION_OUT_OF_MEMORY, "out of memory");
    *length = evaluator->text.size();
    return COTATION_OK;
  });
}

cotation_status cotation_evaluate_jsonl(const cotation_rules* rules, const char* input, size_t input_length,
                                        unsigned jobs, unsigned flags, char** output, size_t* output_length) {
  return guarded([&] {
    if (output == nullptr || output_length == nullptr) return fail(COTATION_INVALID_ARGUMENT, "output is null");
    *output = nullptr;
    *output_length = 0;
    if (rules == nullptr) return fail(COTATION_INVALID_ARGUMENT, "rules is null");
    if (input == nullptr && input_length > 0) return fail(COTATION_INVALID_ARGUMENT, "input is null");
    if ((flags & ~(COTATION_EXPLAIN | COTATION_ENGLISH)) != 0U) return fail(COTATION_INVALID_ARGUMENT, "unknown flag");
    InputBuffer in_buffer(input == nullptr ? "" : input, input_length);
    OutputBuffer out_buffer(input_length + input_length / 4 + 4096);
    std::istream in(&in_buffer);
    std::ostream out(&out_buffer);
    BatchOptions options;
    options.jobs = jobs == 0 ? 1 : jobs;
    options.explain = (flags & COTATION_EXPLAIN) != 0U;
    options.language =
        (flags & COTATION_ENGLISH) != 0U || rules->language == Language::english ? Language::english : Language::french;
    evaluate_json_lines(*rules->rule_set, in, out, options);
    if (!out) return fail(COTATION_OUT_OF_MEMORY, "out of memory");
    *output = out_buffer.release(*output_length);
    if (*output == nullptr) return fail(COTATION_OUT_OF_MEMORY, "out of memory");
    return COTATION_OK;
  });
}

}  // extern "C"

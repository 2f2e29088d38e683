// What the C ABI's entry points share: the handles behind its opaque types, the thread's last
// error, strings handed to the caller, and the guard that keeps every C++ exception inside.
#pragma once

#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "cotation/cotation.h"
#include "cotation/engine.hpp"
#include "evaluate/claim_json.hpp"

struct cotation_rules {
  std::shared_ptr<const cotation::RuleSet> rule_set;
  cotation::Language language = cotation::Language::french;  // of diagnostics and decisions
};

struct cotation_evaluator {
  std::shared_ptr<const cotation::RuleSet> rule_set;  // the rules outlive their handle while used here
  cotation::EvaluationScratch scratch;
  cotation::ClaimReadResult read;
  cotation::ClaimDecision decision;
  std::vector<cotation::ExplanationStep> steps;
  std::string text;                                          // the last decision written
  cotation::Language language = cotation::Language::french;  // of the decisions' messages
};

namespace cotation::capi {

// Sets this thread's last error and returns `status`.
cotation_status fail(cotation_status status, std::string message);
// Clears this thread's last error.
void succeed();
// This thread's last error, "" when none.
const char* last_error_text();

// A copy of `text` with a final '\0', allocated as cotation_free_string frees it; null when out of memory.
char* new_string(std::string_view text);

// Runs `body` (which returns a cotation_status) with the last error cleared first; any exception
// becomes a status and a message: nothing unwinds into C.
template <typename Body>
cotation_status guarded(Body&& body) noexcept {
  try {
    succeed();
    return body();
  } catch (const std::bad_alloc&) {
    return fail(COTATION_OUT_OF_MEMORY, "out of memory");
  } catch (const std::exception& error) {
    return fail(COTATION_INTERNAL_ERROR, error.what());
  } catch (...) {
    return fail(COTATION_INTERNAL_ERROR, "unknown exception");
  }
}

}  // namespace cotation::capi

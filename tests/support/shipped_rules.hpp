// The shipped rule set (rules/ at the source root), compiled once for the test program: for
// tests that decide claims as the product does.
#pragma once

#include <filesystem>
#include <memory>
#include <stdexcept>

#include "cotation/engine.hpp"

namespace cotation::testing {

inline const RuleSet& shipped_rules() {
  static const std::shared_ptr<const RuleSet> rules = [] {
    CompileResult compiled = compile_rule_set(std::filesystem::path(COTATION_SOURCE_DIR) / "rules");
    if (!compiled.ok()) throw std::runtime_error("the shipped rules do not compile");
    return compiled.rule_set;
  }();
  return *rules;
}

}  // namespace cotation::testing

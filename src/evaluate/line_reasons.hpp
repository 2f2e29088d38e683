// The reasons of the line being decided. In: the line's vector of reasons, left by the decision
// an earlier claim reused. Out: the same vector holding this line's reasons, written over the
// old ones so that their strings keep their capacity; most hold references, not text.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

#include "cotation/decision.hpp"
#include "evaluate/wordings.hpp"

namespace cotation::evaluation {

class LineReasons {
 public:
  void start(std::vector<Reason>& reasons) {
    reasons_ = &reasons;
    used_ = 0;
  }
  // A new reason about `rule` (empty: none) citing `cited`, written from `about` (an object of
  // the rule set, by `code`); its other members empty, for the caller to set.
  Reason& add(ReasonCode code, std::string_view rule, std::string_view cited, const void* about = nullptr) {
    if (used_ == reasons_->size()) reasons_->emplace_back();
    Reason& added = (*reasons_)[used_++];
    added.code = code;
    added.rule = rule;
    added.field.clear();
    added.source.clear();
    added.wording = 0;
    if (!added.arguments.empty()) added.arguments.clear();
    added.cited = cited;
    added.quoted.clear();
    added.about = about;
    added.rules = nullptr;
    added.day = 0;
    added.variant = 0;
    return added;
  }
  // A copy of `reason`.
  void add(const Reason& reason) {
    if (used_ == reasons_->size()) reasons_->emplace_back();
    (*reasons_)[used_++] = reason;
  }
  // A reason written from a wording of the catalogue and its arguments (the rarer ones).
  template <typename... Args>
  Reason& add_worded(ReasonCode code, std::string_view rule, std::string_view cited, Wording wording, Args&&... args) {
    Reason& added = add(code, rule, cited);
    set_wording(added, wording, std::forward<Args>(args)...);
    return added;
  }
  template <typename Predicate>
  void remove_if(Predicate predicate) {
    const auto begin = reasons_->begin();
    used_ =
        static_cast<std::size_t>(std::remove_if(begin, begin + static_cast<std::ptrdiff_t>(used_), predicate) - begin);
  }
  // The reason added last.
  Reason& last() { return (*reasons_)[used_ - 1]; }
  // The source of the reason added last.
  void set_source(std::string_view source) { (*reasons_)[used_ - 1].cited = source; }
  void drop_last() { --used_; }
  // The reasons left over from the earlier claim go.
  void finish() {
    if (used_ != reasons_->size()) reasons_->resize(used_);  // most lines keep their count: no call
  }

 private:
  std::vector<Reason>* reasons_ = nullptr;
  std::size_t used_ = 0;
};

}  // namespace cotation::evaluation

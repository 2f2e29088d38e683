// The code index: for each key letter, the acts its coefficients designate and when
// (model::RuleSet::Model::codes_by_letter), and the two acts answering one code on one date
// reported (comparing only the entries of one coefficient). In: the model acts and letters,
// revalued; out: model codes_by_letter.
#include <algorithm>
#include <span>
#include <tuple>

#include "compile/compilation.hpp"

namespace cotation::compiler {

using namespace model;

namespace {

// Two acts answering one code on one date, among the entries of one letter with one
// coefficient, in the order they were indexed.
void report_same_code(Compilation& c, const std::string& letter, std::span<const CodeEntry> same_coefficient) {
  for (std::size_t j = 1; j < same_coefficient.size(); ++j) {
    const CodeEntry& entry = same_coefficient[j];
    for (std::size_t i = 0; i < j; ++i) {
      const CodeEntry& other = same_coefficient[i];
      // Two cotations both declared `partagée` may share the code: the claim line names its act.
      if (entry.replaced || other.replaced || other.act == entry.act || !other.period.overlaps(entry.period) ||
          (entry.shared && other.shared)) {
        continue;
      }
      // Shown where the second of the two cotations is written, in file order.
      const Origin later =
          std::tie(entry.origin.file, entry.origin.offset) > std::tie(other.origin.file, other.origin.offset)
              ? entry.origin
              : other.origin;
      c.report(syntax::Position{later.file, later.offset}, "compile.same_code_same_date",
               {letter + " " + entry.coefficient.to_string(), c.model->acts[entry.act].name,
                c.model->acts[other.act].name, date_text(std::max(other.period.since, entry.period.since))});
    }
  }
}

}  // namespace

// Builds the lookup of billed codes, and reports two acts answering one code on one date. The
// entries are compared only with those of the same coefficient (after the sort).
void index_codes(Compilation& c) {
  for (std::uint32_t a = 0; a < c.model->acts.size(); ++a) {
    const Act& act = c.model->acts[a];
    for (const bool replaced : {false, true}) {
      for (const Cotation& cotation : replaced ? act.replaced : act.cotations) {
        Period p = cotation.period;
        if (act.removed_since) p.until = std::min(p.until, *act.removed_since - 1);
        // "TMK 7.49" designates the act coted 7.49 done in telecare: no act is coted TMK.
        if (c.model->letters[cotation.letter].telecare) {
          c.report(syntax::Position{cotation.origin.file, cotation.origin.offset},
                   "compile.telecare_letter_in_cotation", {c.model->letters[cotation.letter].code, act.name});
        }
        c.model->codes_by_letter[c.model->letters[cotation.letter].code].push_back(
            CodeEntry{a, cotation.coefficient, p, replaced, cotation.origin, cotation.shared});
      }
    }
  }
  for (auto& [letter, entries] : c.model->codes_by_letter) {
    std::stable_sort(entries.begin(), entries.end(), CoefficientOrder{});
    for (auto first = entries.begin(); first != entries.end();) {
      const auto last = std::upper_bound(first, entries.end(), *first, CoefficientOrder{});
      report_same_code(c, letter, {first, last});
      first = last;
    }
  }
}

}  // namespace cotation::compiler

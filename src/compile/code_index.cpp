// The code index: for each key letter, the acts its coefficients designate and when
// (model::RuleSet::Model::codes_by_letter), and the two acts answering one code on one date
// reported. In: the model acts and letters, revalued; out: model codes_by_letter.
#include <algorithm>
#include <tuple>

#include "compile/compilation.hpp"

namespace cotation::compiler {

using namespace model;

// Builds the lookup of billed codes, and reports two acts answering one code on one date.
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
        auto& entries = c.model->codes_by_letter[c.model->letters[cotation.letter].code];
        for (const CodeEntry& other : entries) {
          // Two cotations both declared `partagée` may share the code: the claim line names its act.
          if (!replaced && !other.replaced && other.act != a && other.coefficient == cotation.coefficient &&
              other.period.overlaps(p) && !(cotation.shared && other.shared)) {
            // Shown where the second of the two cotations is written, in file order.
            const Origin later = std::tie(cotation.origin.file, cotation.origin.offset) >
                                         std::tie(other.origin.file, other.origin.offset)
                                     ? cotation.origin
                                     : other.origin;
            c.report(syntax::Position{later.file, later.offset}, "compile.same_code_same_date",
                     {c.model->letters[cotation.letter].code + " " + cotation.coefficient.to_string(), act.name,
                      c.model->acts[other.act].name, date_text(std::max(other.period.since, p.since))});
          }
        }
        entries.push_back(CodeEntry{a, cotation.coefficient, p, replaced, cotation.origin, cotation.shared});
      }
    }
  }
  for (auto& [letter, entries] : c.model->codes_by_letter) {
    std::stable_sort(entries.begin(), entries.end(), CoefficientOrder{});
  }
}

}  // namespace cotation::compiler

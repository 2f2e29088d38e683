// The code index: for each key letter, the acts its coefficients designate and when
// (model::RuleSet::Model::codes_by_letter), and the two acts answering one code on one date
// reported (comparing only the entries of one coefficient in force on a common day). In: the
// model acts and letters, revalued; out: model codes_by_letter.
#include <algorithm>
#include <span>
#include <tuple>
#include <utility>
#include <vector>

#include "compile/compilation.hpp"
#include "compile/overlaps.hpp"

namespace cotation::compiler {

using namespace model;

namespace {

// Two acts answering one code on one date, among the entries of one letter with one
// coefficient, in the order they were indexed. Only the entries in force on a common day are
// compared (overlapping_pairs): many acts on one code over disjoint periods cost n log n.
void report_same_code(Compilation& c, const std::string& letter, std::span<const CodeEntry> same_coefficient) {
  // An old cotation, accepted during a transition, may share its code.
  std::vector<std::size_t> written;
  std::vector<Period> periods;
  std::vector<std::uint8_t> shared;
  for (std::size_t i = 0; i < same_coefficient.size(); ++i) {
    if (same_coefficient[i].replaced) continue;
    written.push_back(i);
    periods.push_back(same_coefficient[i].period);
    shared.push_back(same_coefficient[i].shared ? 1 : 0);
  }
  std::vector<std::pair<std::size_t, std::size_t>> same_code;  // (later entry, earlier entry)
  // Two cotations both declared `partagée` may share the code: the claim line names its act.
  const auto may_pair = [](std::uint8_t a, std::uint8_t b) { return a == 0 || b == 0; };
  overlapping_pairs(periods, shared, 2, may_pair, [&](std::size_t x, std::size_t y) {
    const auto [i, j] = std::minmax(written[x], written[y]);
    if (same_coefficient[i].act != same_coefficient[j].act) same_code.emplace_back(j, i);
  });
  std::sort(same_code.begin(), same_code.end());
  for (const auto& [j, i] : same_code) {
    const CodeEntry& entry = same_coefficient[j];
    const CodeEntry& other = same_coefficient[i];
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

// `cotation timeline`: the history of one act, key letter or flat-rate item, with the dates,
// regions and sources of every cotation, value and tariff, and what revaluations and
// amendments did to them. Text, JSON, or a standalone HTML page with an SVG chart.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "compile/model.hpp"
#include "cotation/diagnostic.hpp"

namespace cotation::tools {

struct Subject {
  enum class Kind { act, letter, item } kind = Kind::act;
  std::uint32_t index = 0;
};

// What CODE names, case aside: an act by its name (`lombalgie_commune`) or billed code
// (`ram 7.49`), a key letter (`AMK`), an item (`IFD`), or an act by words of its name or label
// (`lombalgie`, `déviation rachis`). `candidates` lists the acts when several answer (`AMS 7.5`,
// `lombalgie`); `suggestions` the names closest to a CODE that names nothing (`lombalgie_comune`).
struct SubjectLookup {
  std::optional<Subject> subject;
  std::vector<std::string> candidates;
  std::vector<std::string> suggestions;
};
[[nodiscard]] SubjectLookup find_subject(const RuleSet::Model& model, std::string_view code);

enum class TimelineFormat { text, json, html };

void write_timeline(const RuleSet::Model& model, const Subject& subject, TimelineFormat format, Language language,
                    std::ostream& out);

}  // namespace cotation::tools

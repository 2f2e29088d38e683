// libFuzzer target: a rule file, as bytes, is compiled as `cotation check` would; what compiles
// is then rendered as `table` and `timeline` render it. One table and one timeline per input,
// chosen from the input (a hash of its bytes): the table on a date where the model's values or
// cotations change (a period's first or last day, or the day around it), in one region and one
// format; the timeline of one act, key letter or item, in one format. Across inputs every date
// kind, region, format and subject kind is taken; per input the cost stays that of one
// rendering. Never a crash, a hang, a leak or undefined behaviour (built with ASan + UBSan).
// Seeded with the test rule sets and the declarations of the shipped rules one by one
// (tools/fuzz.sh), where the crashes of issue 21 were: deep expressions, amounts out of range.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cotation/engine.hpp"
#include "tools/table.hpp"
#include "tools/timeline.hpp"

namespace {

using namespace cotation;

// Draws choices one after the other from the input's hash.
class Choices {
 public:
  explicit Choices(std::size_t seed) : state_(seed) {}
  std::size_t below(std::size_t count) {
    const std::size_t choice = state_ % count;
    state_ = state_ / count ^ (state_ * 0x9e3779b97f4a7c15ULL);
    return choice;
  }

 private:
  std::size_t state_;
};

// The days where the rendered tables change: the bounds of every dated value and cotation.
std::vector<model::Day> bounds_of(const RuleSet::Model& model) {
  std::vector<model::Day> days{*tools::parse_day("2024-02-22")};
  const auto add = [&](const model::Period& period) {
    if (period.since != model::first_day) days.push_back(period.since);
    if (period.until != model::last_day) days.push_back(period.until);
  };
  for (const auto& letter : model.letters)
    for (const auto& value : letter.values) add(value.period);
  for (const auto& item : model.items)
    for (const auto& value : item.values) add(value.period);
  for (const auto& act : model.acts)
    for (const auto& cotation : act.cotations) add(cotation.period);
  return days;
}

void render_one(const RuleSet::Model& model, Choices& choose) {
  std::ostringstream sink;
  const std::vector<model::Day> days = bounds_of(model);
  model::Day day = days[choose.below(days.size())];
  // The day itself, the day before or the day after (kept inside the representable days).
  const std::size_t shift = choose.below(3);
  if (shift == 1 && day > model::first_day) --day;
  if (shift == 2 && day < model::last_day) ++day;
  const auto region = choose.below(2) == 0 ? model::RegionIndex::metropole : model::RegionIndex::outre_mer;
  constexpr tools::TableFormat table_formats[] = {tools::TableFormat::markdown, tools::TableFormat::csv,
                                                  tools::TableFormat::html, tools::TableFormat::json};
  const tools::Table table = tools::build_table(model, day, region, Language::french);
  tools::write_table(table, table_formats[choose.below(4)], Language::french, sink);

  const std::pair<tools::Subject::Kind, std::size_t> kinds[] = {{tools::Subject::Kind::act, model.acts.size()},
                                                                {tools::Subject::Kind::letter, model.letters.size()},
                                                                {tools::Subject::Kind::item, model.items.size()}};
  const auto [kind, count] = kinds[choose.below(3)];
  if (count == 0) return;
  constexpr tools::TimelineFormat timeline_formats[] = {tools::TimelineFormat::text, tools::TimelineFormat::json,
                                                        tools::TimelineFormat::html};
  const tools::Subject subject{kind, static_cast<std::uint32_t>(choose.below(count))};
  tools::write_timeline(model, subject, timeline_formats[choose.below(3)], Language::french, sink);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Compiled from memory, as a program embedding the engine hands its rules over.
  std::string text(reinterpret_cast<const char*>(data), size);
  Choices choose(std::hash<std::string_view>{}(text));
  std::vector<RuleText> files{{"fuzz.cot", std::move(text)}};
  const CompileResult compiled = compile_rule_set(std::move(files));
  for (const auto& diagnostic : compiled.diagnostics) (void)render(diagnostic, Language::french);
  if (compiled.rule_set) render_one(compiled.rule_set->model(), choose);
  return 0;
}

// libFuzzer target: a rule file, as bytes, is compiled as `cotation check` would; what compiles
// is then rendered as `table` and `timeline` render it: the tariff table on three dates in both
// regions, in every format, and the timeline of every act, key letter and item. Never a crash,
// a hang, a leak or undefined behaviour (built with ASan + UBSan). Seeded with the shipped rules
// (tools/fuzz.sh), where the crashes of issue 21 were: deep expressions, amounts out of range.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "cotation/engine.hpp"
#include "tools/table.hpp"
#include "tools/timeline.hpp"

namespace {

using namespace cotation;

void render_all(const RuleSet::Model& model) {
  std::ostringstream sink;
  for (const char* date : {"2019-12-31", "2024-02-22", "2026-01-01"}) {
    for (const auto region : {model::RegionIndex::metropole, model::RegionIndex::outre_mer}) {
      const tools::Table table = tools::build_table(model, *tools::parse_day(date), region, Language::french);
      for (const auto format : {tools::TableFormat::markdown, tools::TableFormat::csv, tools::TableFormat::html,
                                tools::TableFormat::json}) {
        tools::write_table(table, format, Language::french, sink);
      }
    }
  }
  const auto timelines = [&](tools::Subject::Kind kind, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
      for (const auto format :
           {tools::TimelineFormat::text, tools::TimelineFormat::json, tools::TimelineFormat::html}) {
        tools::write_timeline(model, {kind, static_cast<std::uint32_t>(i)}, format, Language::french, sink);
      }
    }
  };
  timelines(tools::Subject::Kind::act, model.acts.size());
  timelines(tools::Subject::Kind::letter, model.letters.size());
  timelines(tools::Subject::Kind::item, model.items.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Compiled from memory, as a program embedding the engine hands its rules over.
  std::vector<RuleText> files{{"fuzz.cot", std::string(reinterpret_cast<const char*>(data), size)}};
  const CompileResult compiled = compile_rule_set(std::move(files));
  for (const auto& diagnostic : compiled.diagnostics) (void)render(diagnostic, Language::french);
  if (compiled.rule_set) render_all(compiled.rule_set->model());
  return 0;
}

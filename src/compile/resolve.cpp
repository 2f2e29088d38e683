// Names: every declaration of the parsed files, by kind and name (a second one of a name is
// reported, the first kept); the sources as the model lists them; the indices of letters,
// items, parameters and acts that later stages resolve names to. In: the parsed files; out:
// Compilation::declarations and order, model sources and letter/item indices.
#include <fmt/format.h>

#include <filesystem>

#include "compile/compilation.hpp"
#include "parse/utf8.hpp"

namespace cotation::compiler {

using namespace model;

void collect(Compilation& c) {
  for (const auto& file : c.parsed.files) {
    for (const auto& declaration : file.declarations) {
      const std::string key = declaration_key(declaration.kind, declaration.name.text);
      const auto [it, inserted] = c.declarations.try_emplace(key, &declaration);
      if (!inserted) {
        const auto first = c.parsed.sources.at(it->second->position.file)->position_of(it->second->position.offset);
        c.report(declaration.name.position, "compile.duplicate_declaration",
                 {std::string(kind_word(it->second->kind)), declaration.name.text,
                  fmt::format("{}:{}", std::filesystem::path(first.file).filename().string(), first.line)});
        continue;
      }
      c.order.push_back(&it->second);
    }
  }
}

void check_sources(Compilation& c) {
  for (const auto* source : c.of_kind(DeclarationKind::source)) {
    const auto& attributes = source->source;
    if (attributes.signed_on && attributes.in_force_on &&
        day_of(*attributes.in_force_on) < day_of(*attributes.signed_on)) {
      c.report(attributes.in_force_on->position, "compile.source_in_force_before_signed", {source->name.text});
    }
    if (attributes.signed_on && attributes.published_on &&
        day_of(*attributes.published_on) < day_of(*attributes.signed_on)) {
      c.report(attributes.published_on->position, "compile.source_published_before_signed", {source->name.text});
    }
    const auto day = [](const std::optional<syntax::CalendarDate>& date) {
      return date ? std::optional<Day>(day_of(*date)) : std::nullopt;
    };
    c.model->sources.push_back(
        Source{source->name.text, source->label, attributes.rank ? attributes.rank->text : std::string(),
               day(attributes.signed_on), day(attributes.published_on), day(attributes.in_force_on)});
  }
}

void declare_indices(Compilation& c) {
  for (const auto* d : c.of_kind(DeclarationKind::letter)) {
    c.model->letter_index.emplace(d->name.text, static_cast<std::uint32_t>(c.model->letter_index.size()));
  }
  for (const auto* d : c.of_kind(DeclarationKind::item)) {
    c.model->item_index.emplace(d->name.text, static_cast<std::uint32_t>(c.model->item_index.size()));
  }
  for (const auto* d : c.of_kind(DeclarationKind::parameter)) {
    c.parameter_index.emplace(utf8::fold(d->name.text), static_cast<std::uint32_t>(c.parameter_index.size()));
  }
  std::uint32_t act = 0;
  for (const auto* d : c.of_kind(DeclarationKind::act)) c.act_index.emplace(d->name.text, act++);
}

}  // namespace cotation::compiler

// The C ABI's rule sets: versions, compiling from a directory or from texts in memory (the
// diagnostics out as JSON), the last error, and the strings handed to the caller.
#include <nlohmann/json.hpp>

#include <cstdlib>

#include "capi/capi.hpp"
#include "diagnostics/diagnostic_json.hpp"

namespace cotation::capi {
namespace {

thread_local std::string last_error;

std::string diagnostics_json(const std::vector<Diagnostic>& diagnostics, Language language) {
  nlohmann::json array = nlohmann::json::array();
  for (const auto& d : diagnostics) array.push_back(diagnostic_json(d, language));
  return array.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Compiles what `compile` reads; the rule set or the first error, the diagnostics as asked.
template <typename Compile>
cotation_status compile_with(unsigned flags, cotation_rules** rules, char** diagnostics, Compile&& compile) {
  if (rules == nullptr) return fail(COTATION_INVALID_ARGUMENT, "rules is null");
  *rules = nullptr;
  if (diagnostics != nullptr) *diagnostics = nullptr;
  if ((flags & ~(COTATION_AS_SIGNED | COTATION_ENGLISH)) != 0U) return fail(COTATION_INVALID_ARGUMENT, "unknown flag");
  CompileOptions options;
  options.apply_amendments = (flags & COTATION_AS_SIGNED) == 0U;
  const Language language = (flags & COTATION_ENGLISH) != 0U ? Language::english : Language::french;
  CompileResult compiled = compile(options);
  if (diagnostics != nullptr) {
    *diagnostics = new_string(diagnostics_json(compiled.diagnostics, language));
    if (*diagnostics == nullptr) return fail(COTATION_OUT_OF_MEMORY, "out of memory");
  }
  if (!compiled.ok()) {
    std::size_t errors = 0;
    const Diagnostic* first = nullptr;
    for (const auto& d : compiled.diagnostics) {
      if (d.severity != Severity::error) continue;
      if (first == nullptr) first = &d;
      ++errors;
    }
    std::string message = "the rule set does not compile (" + std::to_string(errors) + " errors)";
    if (first != nullptr) message += ": " + render(*first, Language::english);
    return fail(COTATION_RULES_INVALID, std::move(message));
  }
  *rules = new cotation_rules{std::move(compiled.rule_set), language};
  return COTATION_OK;
}

}  // namespace

cotation_status fail(cotation_status status, std::string message) {
  last_error = std::move(message);
  return status;
}

void succeed() {
  last_error.clear();
}

const char* last_error_text() {
  return last_error.c_str();
}

char* new_string(std::string_view text) {
  auto* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy == nullptr) return nullptr;
  std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  return copy;
}

}  // namespace cotation::capi

using namespace cotation;
using namespace cotation::capi;

extern "C" {

const char* cotation_version(void) {
  return COTATION_VERSION_STRING;
}
int cotation_abi_version(void) {
  return COTATION_ABI_VERSION;
}
int cotation_format_version(void) {
  return COTATION_FORMAT_VERSION;
}
const char* cotation_last_error(void) {
  return capi::last_error_text();
}

void cotation_free_string(char* text) {
  std::free(text);
}

cotation_status cotation_compile_directory(const char* path, unsigned flags, cotation_rules** rules,
                                           char** diagnostics) {
  return guarded([&] {
    if (path == nullptr) {
      if (rules != nullptr) *rules = nullptr;
      if (diagnostics != nullptr) *diagnostics = nullptr;
      return fail(COTATION_INVALID_ARGUMENT, "path is null");
    }
    return compile_with(flags, rules, diagnostics,
                        [&](const CompileOptions& options) { return compile_rule_set(path, options); });
  });
}

cotation_status cotation_compile_texts(const cotation_rule_text* files, size_t count, unsigned flags,
                                       cotation_rules** rules, char** diagnostics) {
  return guarded([&] {
    std::vector<RuleText> texts;
    for (size_t i = 0; files != nullptr && i < count; ++i) {
      if (files[i].name == nullptr || (files[i].text == nullptr && files[i].text_length > 0)) {
        texts.clear();
        break;
      }
      texts.push_back(
          {files[i].name, std::string(files[i].text == nullptr ? "" : files[i].text, files[i].text_length)});
    }
    if (texts.size() != count) {
      if (rules != nullptr) *rules = nullptr;
      if (diagnostics != nullptr) *diagnostics = nullptr;
      return fail(COTATION_INVALID_ARGUMENT, "files is null, or a file's name or text is null");
    }
    return compile_with(flags, rules, diagnostics,
                        [&](const CompileOptions& options) { return compile_rule_set(std::move(texts), options); });
  });
}

void cotation_rules_free(cotation_rules* rules) {
  delete rules;
}

const char* cotation_rules_hash(const cotation_rules* rules) {
  return rules == nullptr ? "" : rules->rule_set->hash().c_str();
}

}  // extern "C"

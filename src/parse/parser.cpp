#include "parse/parser.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

#include "parse/grammar.hpp"
#include "parse/likely_intent.hpp"
#include "parse/syntax_errors.hpp"
#include "parse/tree_builder.hpp"
#include "parse/utf8.hpp"

namespace cotation {
namespace {

namespace g = grammar;
namespace pegtl = tao::pegtl;

// The rules that become nodes of the parse tree: what tree_builder.cpp reads. The
// others attach their kept descendants to the nearest kept ancestor.
template <typename Rule>
using kept_in_tree = pegtl::parse_tree::selector<
    Rule,
    pegtl::parse_tree::store_content::on<
        g::source_declaration, g::schedule_declaration, g::schedule_use, g::schedule_name, g::letter_declaration,
        g::item_declaration, g::parameter_declaration, g::act_declaration, g::group_declaration, g::rule_declaration,
        g::revaluation_declaration, g::amendment_declaration, g::scheme_declaration, g::example_declaration,
        g::declaration_name, g::label, g::signature_date, g::publication_date, g::effect_date, g::source_rank,
        g::refined_rule, g::citation, g::mandatory_citation, g::citation_source, g::citation_detail,
        g::article_reference, g::period, g::since_date, g::until_date, g::required_since, g::note_statement,
        g::note_text, g::message_statement, g::message_text, g::selector_list, g::selector_kind, g::selector_name,
        g::every_kind, g::value_statement, g::priced_value, g::money, g::per_unit, g::region_name,
        g::computation_statement, g::rounding_statement, g::rounding, g::rounding_unit, g::rounding_mode,
        g::condition_statement, g::telecare_statement, g::parameter_value, g::parameter_literal, g::article_statement,
        g::classification_statement, g::classification_pair, g::classification_key, g::classification_value,
        g::cotation_statement, g::shared_code, g::replaces_statement, g::key_letter, g::coefficient,
        g::referential_statement, g::referential_name, g::threshold, g::session_count, g::threshold_scope,
        g::threshold_window, g::duration_unit, g::pending_statement, g::pending_reason, g::removed_statement,
        g::scope_statement, g::period_statement, g::when_statement, g::outcome_statement, g::outcome, g::rate,
        g::limit_statement, g::limit_count, g::counted_unit, g::limit_scope, g::cumulation_statement,
        g::requirement_statement, g::step_statement, g::step_amount, g::postponement, g::repeal, g::addition,
        g::amended_target, g::amended_kind, g::moved_date, g::new_date, g::amount_statement, g::amount_name,
        g::amount_value, g::fact_statement, g::fact_name, g::fact_type, g::amount_condition, g::outside_prerequisites,
        g::instalment_statement, g::year_offset, g::at_signature, g::decision_statement, g::decision_label,
        g::total_statement, g::expression, g::disjunction, g::conjunction, g::conjunction_operand, g::negation,
        g::negation_operand, g::comparison, g::comparison_operator, g::sum, g::sum_operator, g::sum_operand,
        g::day_rounding, g::day_rounding_direction, g::product, g::product_operator, g::product_operand, g::unary,
        g::unary_operand, g::literal, g::call, g::path, g::value_set, g::identifier, g::field_name, g::date,
        g::percentage, g::distance, g::duration, g::decimal, g::string, g::boolean, g::example_field, g::claim_field,
        g::field_value, g::example_line, g::billed_code, g::expected_outcome, g::expected_amount, g::expected_reason>>;

// Where parsing starts again after a broken declaration: the next line that begins, in
// its first column, with a declaration keyword. Statements are indented, so a word such
// as `acte` inside a block does not count.
std::size_t resume_point(std::string_view text, std::size_t from) {
  static constexpr std::array<std::string_view, 12> starters = {
      "source", "bareme", "lettre",         "forfait",    "parametre",  "acte",
      "groupe", "regle",  "revalorisation", "amendement", "dispositif", "exemple"};
  std::size_t line = text.find('\n', from);
  while (line != std::string_view::npos) {
    const std::size_t start = line + 1;
    std::size_t end = start;
    while (end < text.size() && text[end] != ' ' && text[end] != '\t' && text[end] != '\r' && text[end] != '\n') {
      ++end;
    }
    const std::string word = utf8::fold(text.substr(start, end - start));
    if (std::find(starters.begin(), starters.end(), word) != starters.end()) return start;
    line = text.find('\n', start);
  }
  return text.size();
}

// The code of a line without its comment: a '#' outside a string starts the comment.
std::string_view without_comment(std::string_view line) {
  bool in_string = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (in_string && line[i] == '\\') {
      ++i;
    } else if (line[i] == '"') {
      in_string = !in_string;
    } else if (line[i] == '#' && !in_string) {
      return line.substr(0, i);
    }
  }
  return line;
}

// Where to point at a missing piece. When the parser only noticed it on a later line,
// the caret goes right after the last token before it: a missing `selon` is shown at the
// end of its statement, not on the next one. An unexpected word inside a block is itself
// the culprit and keeps the caret, unless it is the next declaration at column 1 (a
// forgotten `}`); so does anything unexpected at the top level.
std::size_t error_anchor(std::string_view text, std::size_t offset, std::string_view message_id) {
  if (message_id == "syntax.expected_declaration") return offset;
  const bool at_column_one = offset == text.size() || offset == 0 || text[offset - 1] == '\n';
  if (message_id.ends_with("_statement_or_end") && !at_column_one) return offset;
  std::size_t line_start = offset;
  while (line_start > 0 && text[line_start - 1] != '\n') --line_start;
  if (text.substr(line_start, offset - line_start).find_first_not_of(" \t") != std::string_view::npos) {
    return offset;  // the error is after a token on its own line
  }
  std::size_t line_end = line_start;
  while (line_end > 0) {
    const std::size_t previous_newline = text.rfind('\n', line_end - 1);
    const std::size_t previous_start = previous_newline == std::string_view::npos ? 0 : previous_newline + 1;
    std::string_view code = without_comment(text.substr(previous_start, line_end - previous_start));
    while (!code.empty() && (code.back() == ' ' || code.back() == '\t' || code.back() == '\r' || code.back() == '\n')) {
      code.remove_suffix(1);
    }
    if (!code.empty()) return previous_start + code.size();
    if (previous_start == 0) break;
    line_end = previous_start - 1;
  }
  return offset;
}

std::string hex_byte(char byte) {
  return fmt::format("{:02X}", static_cast<unsigned char>(byte));
}

}  // namespace

syntax::File parse_source(const SourceFile& source, std::uint32_t index, const ParseOptions& options,
                          std::vector<Diagnostic>& diagnostics) {
  syntax::File file;
  file.index = index;
  const std::string_view text = source.text();
  if (const auto invalid = utf8::find_invalid(text)) {
    diagnostics.push_back(source.diagnostic_at(*invalid, "syntax.invalid_utf8", {hex_byte(text[*invalid])}));
    return file;
  }
  std::size_t errors = 0;
  // A byte order mark, as some Windows editors write, is not part of the text.
  std::size_t offset = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  while (true) {
    pegtl::memory_input<pegtl::tracking_mode::lazy> spacing(text.substr(offset), source.path());
    (void)pegtl::parse<g::_>(spacing);
    offset = static_cast<std::size_t>(spacing.current() - text.data());
    if (offset >= text.size()) break;

    pegtl::memory_input<pegtl::tracking_mode::lazy> in(text.substr(offset), source.path());
    g::ParseState state{0, options.max_expression_depth, {}, nullptr, {}, nullptr, {}};
    const char* failed_at = nullptr;
    Diagnostic problem;
    try {
      const auto root =
          pegtl::parse_tree::parse<pegtl::must<g::declaration>, kept_in_tree, pegtl::nothing, g::control>(in, state);
      file.declarations.push_back(build_declaration(*root->children.at(0), source, index, diagnostics));
      offset = static_cast<std::size_t>(in.current() - text.data());
      continue;
    } catch (const g::SyntaxError& error) {
      failed_at = error.at;
      const auto failed_offset = static_cast<std::size_t>(failed_at - text.data());
      if (auto intent = likely_intent(text, failed_offset, error.keywords)) {
        problem = source.diagnostic_at(intent->offset, std::move(intent->message_id), std::move(intent->arguments));
        problem.fix = source.fix(intent->offset, intent->replaced_end, std::move(intent->replacement));
      } else {
        std::vector<std::string> arguments;
        if (!error.message.argument.empty()) arguments.emplace_back(error.message.argument);
        problem = source.diagnostic_at(error_anchor(text, failed_offset, error.message.id),
                                       std::string(error.message.id), std::move(arguments));
      }
    } catch (const g::NestingTooDeep& error) {
      failed_at = error.at;
      problem = source.diagnostic_at(static_cast<std::size_t>(failed_at - text.data()), "syntax.nesting_too_deep",
                                     {std::to_string(options.max_expression_depth)});
    }
    if (++errors > options.max_errors_per_file) {
      diagnostics.push_back(
          source.diagnostic_at(static_cast<std::size_t>(failed_at - text.data()), "syntax.too_many_errors"));
      return file;
    }
    diagnostics.push_back(std::move(problem));
    // Resume at the next declaration keyword at column 1, which may be on the very line where
    // the error was noticed (a forgotten `}` is seen at the next declaration).
    const auto failed_offset = static_cast<std::size_t>(failed_at - text.data());
    const std::size_t failed_line = text.rfind('\n', failed_offset == 0 ? 0 : failed_offset - 1);
    const std::size_t search_from =
        failed_line == std::string_view::npos || failed_line < offset ? offset : failed_line;
    offset = resume_point(text, search_from);
  }
  if (file.declarations.empty() && errors == 0) {
    diagnostics.push_back(source.diagnostic_at(0, "syntax.empty_file"));
  }
  return file;
}

namespace {

namespace fs = std::filesystem;

Diagnostic file_diagnostic(const fs::path& path, std::string id, std::vector<std::string> arguments) {
  Diagnostic diagnostic;
  diagnostic.message_id = std::move(id);
  diagnostic.arguments = std::move(arguments);
  diagnostic.position.file = path.generic_string();
  return diagnostic;
}

}  // namespace

namespace {

bool is_rule_file(const fs::path& path) {
  return path.extension() == ".cot";
}

// The .cot files of `directory` and of its subdirectories, walked with a list rather than
// recursion. Directory links are not followed (a loop of them would never end); a .cot link
// that leads nowhere, or to itself, and a subdirectory that cannot be read get a warning.
void collect_rule_files(const fs::path& directory, std::vector<fs::path>& files, std::vector<Diagnostic>& diagnostics) {
  std::vector<fs::path> waiting{directory};
  while (!waiting.empty()) {
    const fs::path current = std::move(waiting.back());
    waiting.pop_back();
    std::error_code error;
    fs::directory_iterator it(current, error);
    for (; !error && it != fs::directory_iterator(); it.increment(error)) {
      const fs::directory_entry& entry = *it;
      std::error_code status_error;
      const fs::file_status target = entry.status(status_error);
      if (entry.is_symlink(status_error) && !fs::exists(target)) {
        if (is_rule_file(entry.path())) {
          Diagnostic warning = file_diagnostic(entry.path(), "io.skipped_link", {entry.path().generic_string()});
          warning.severity = Severity::warning;
          diagnostics.push_back(std::move(warning));
        }
      } else if (fs::is_directory(target) && !entry.is_symlink(status_error)) {
        waiting.push_back(entry.path());
      } else if (fs::is_regular_file(target) && is_rule_file(entry.path())) {
        files.push_back(entry.path());
      }
    }
    if (error) {
      Diagnostic problem = file_diagnostic(current, "io.cannot_read", {current.generic_string(), error.message()});
      // The directory named on the command line is the input; one below it is skipped.
      if (current != directory) problem.severity = Severity::warning;
      diagnostics.push_back(std::move(problem));
    }
  }
}

// A rule file's text, at most `limit` bytes: a device or a pipe has no size to check first.
// False, with the diagnostic, when it cannot be read or is over the limit.
bool read_rule_file(const fs::path& path, std::size_t limit, std::string& text, std::vector<Diagnostic>& diagnostics) {
  std::ifstream stream(path, std::ios::binary);
  if (stream) {
    constexpr std::size_t block = std::size_t{64} << 10U;
    while (text.size() <= limit) {
      const std::size_t at = text.size();
      text.resize(at + block);
      stream.read(text.data() + at, static_cast<std::streamsize>(block));
      text.resize(at + static_cast<std::size_t>(stream.gcount()));
      if (!stream) break;
    }
  }
  if (!stream.is_open() || stream.bad()) {
    diagnostics.push_back(
        file_diagnostic(path, "io.cannot_read", {path.generic_string(), std::string(std::strerror(errno))}));
    return false;
  }
  if (text.size() > limit) {
    diagnostics.push_back(file_diagnostic(path, "io.input_too_large", {std::to_string(limit)}));
    return false;
  }
  return true;
}

}  // namespace

std::vector<fs::path> rule_files(const fs::path& root, const ParseOptions& options,
                                 std::vector<Diagnostic>& diagnostics) {
  std::vector<fs::path> files;
  std::error_code error;
  if (!fs::exists(root, error)) {
    diagnostics.push_back(file_diagnostic(root, "io.not_found", {root.generic_string()}));
    return files;
  }
  if (!fs::is_directory(root, error)) return {root};
  const std::size_t problems = diagnostics.size();
  collect_rule_files(root, files, diagnostics);
  std::sort(files.begin(), files.end());
  if (files.size() > options.max_files) {
    diagnostics.push_back(file_diagnostic(root, "io.too_many_files", {std::to_string(options.max_files)}));
    files.resize(options.max_files);
  }
  const bool unreadable = std::any_of(diagnostics.begin() + static_cast<std::ptrdiff_t>(problems), diagnostics.end(),
                                      [](const Diagnostic& d) { return d.severity == Severity::error; });
  if (files.empty() && !unreadable) {
    diagnostics.push_back(file_diagnostic(root, "io.no_rule_files", {root.generic_string()}));
  }
  return files;
}

ParsedRuleSet parse_rule_texts(std::vector<RuleText> files, const ParseOptions& options,
                               std::vector<Diagnostic> diagnostics) {
  ParsedRuleSet result;
  result.diagnostics = std::move(diagnostics);
  std::stable_sort(files.begin(), files.end(), [](const RuleText& a, const RuleText& b) { return a.name < b.name; });
  if (files.size() > options.max_files) {
    result.diagnostics.push_back(file_diagnostic("", "io.too_many_files", {std::to_string(options.max_files)}));
    files.resize(options.max_files);
  }
  if (files.empty() && result.diagnostics.empty()) {
    result.diagnostics.push_back(file_diagnostic("", "io.no_rule_texts", {}));
  }
  for (RuleText& file : files) {
    if (file.text.size() > options.max_file_bytes) {
      result.diagnostics.push_back(file_diagnostic(
          file.name, "io.file_too_large", {std::to_string(file.text.size()), std::to_string(options.max_file_bytes)}));
      continue;
    }
    const auto index = static_cast<std::uint32_t>(result.sources.size());
    result.sources.push_back(std::make_unique<SourceFile>(std::move(file.name), std::move(file.text)));
    result.files.push_back(parse_source(*result.sources.back(), index, options, result.diagnostics));
  }
  sort_diagnostics(result.diagnostics);
  return result;
}

ParsedRuleSet parse_rule_set(const fs::path& path, const ParseOptions& options, const UnsavedTexts& unsaved) {
  std::vector<Diagnostic> diagnostics;
  std::vector<RuleText> texts;
  for (const fs::path& file_path : rule_files(path, options, diagnostics)) {
    if (const auto held = unsaved.find(file_path.generic_string()); held != unsaved.end()) {
      texts.push_back({held->first, held->second});
      continue;
    }
    std::error_code error;
    const auto size = fs::file_size(file_path, error);
    if (!error && size > options.max_file_bytes) {  // not even read
      diagnostics.push_back(file_diagnostic(file_path, "io.file_too_large",
                                            {std::to_string(size), std::to_string(options.max_file_bytes)}));
      continue;
    }
    std::string text;
    if (!read_rule_file(file_path, options.max_file_bytes, text, diagnostics)) continue;
    texts.push_back({file_path.generic_string(), std::move(text)});
  }
  return parse_rule_texts(std::move(texts), options, std::move(diagnostics));
}

}  // namespace cotation

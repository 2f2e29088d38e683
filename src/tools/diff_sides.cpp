#include "tools/diff_sides.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "tools/command.hpp"

namespace cotation::tools {
namespace {

// The argument between single quotes for /bin/sh, its own quotes escaped.
std::string shell_quoted(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

std::string first_line_of(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  return line;
}

}  // namespace

void report_usage(const std::string& command, std::string message_id, std::vector<std::string> arguments,
                  Language language, std::ostream& errors) {
  Diagnostic diagnostic;
  diagnostic.message_id = std::move(message_id);
  diagnostic.arguments = std::move(arguments);
  diagnostic.position.file = "cotation " + command;
  errors << render(diagnostic, language);
}

void RuleSetSide::RemoveAll::operator()(std::filesystem::path* path) const {
  std::error_code ignored;
  std::filesystem::remove_all(*path, ignored);
  delete path;
}

std::optional<RuleSetSide> RuleSetSide::open(const std::string& argument, const std::string& command, Language language,
                                             std::ostream& errors) {
  if (std::filesystem::exists(argument) || argument.find(':') == std::string::npos)
    return RuleSetSide(argument, argument);
  if (std::system("git --version >/dev/null 2>&1") != 0) {
    report_usage(command, "tools.git_missing", {argument}, language, errors);
    return std::nullopt;
  }
  std::string pattern = (std::filesystem::temp_directory_path() / "cotation-diff-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    report_usage(command, "io.cannot_read", {pattern, "mkdtemp"}, language, errors);
    return std::nullopt;
  }
  const std::filesystem::path root = pattern;
  RuleSetSide side(argument, root / "rules");
  side.temporary_.reset(new std::filesystem::path(root));
  std::filesystem::create_directory(side.directory_);
  const std::string extraction = fmt::format(
      "git archive --format=tar -o {} {} 2>{} && tar -xf {} -C {} 2>>{}", shell_quoted((root / "rules.tar").string()),
      shell_quoted(argument), shell_quoted((root / "git.err").string()), shell_quoted((root / "rules.tar").string()),
      shell_quoted(side.directory_.string()), shell_quoted((root / "git.err").string()));
  if (std::system(extraction.c_str()) != 0) {
    report_usage(command, "tools.git_revision", {argument, first_line_of(root / "git.err")}, language, errors);
    return std::nullopt;
  }
  return side;
}

std::shared_ptr<const RuleSet> RuleSetSide::compile(Language language, std::ostream& errors,
                                                    const CompileOptions& options) const {
  const CompileResult compiled = compile_rule_set(directory_, options);
  const std::string extracted = directory_.string();
  for (Diagnostic diagnostic : compiled.diagnostics) {
    // A file extracted from git is named as the reader named the revision: v1.2:rules/x.cot.
    std::string& file = diagnostic.position.file;
    if (temporary_ && file.starts_with(extracted)) file = name_ + file.substr(extracted.size());
    errors << render(diagnostic, language) << '\n';
  }
  stop_if_unreadable(compiled.diagnostics);
  return compiled.rule_set;
}

}  // namespace cotation::tools

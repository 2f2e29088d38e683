// The rule sets that `diff` and `impact` compare, as named on the command line: a directory
// of .cot files, or a git revision of one ("v1.2:rules", "HEAD~3:rules"), extracted with
// `git archive` into a temporary directory that lives as long as the RuleSetSide.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "cotation/diagnostic.hpp"
#include "cotation/engine.hpp"

namespace cotation::tools {

class RuleSetSide {
 public:
  // An existing path is a directory (or one file); otherwise REVISION:PATH is read from git,
  // the path taken from the repository's root. Null, with the reason written to `errors`, when
  // git or the revision is missing.
  static std::optional<RuleSetSide> open(const std::string& argument, const std::string& command, Language language,
                                         std::ostream& errors);

  // The rule set compiled, its diagnostics rendered to `errors`; null when it does not compile.
  [[nodiscard]] std::shared_ptr<const RuleSet> compile(Language language, std::ostream& errors,
                                                       const CompileOptions& options) const;

  [[nodiscard]] const std::string& name() const noexcept { return name_; }

 private:
  struct RemoveAll {
    void operator()(std::filesystem::path* path) const;
  };

  RuleSetSide(std::string name, std::filesystem::path directory)
      : name_(std::move(name)), directory_(std::move(directory)) {}

  std::string name_;  // as given: "v1.2:rules"
  std::filesystem::path directory_;
  std::unique_ptr<std::filesystem::path, RemoveAll> temporary_;  // extracted from git: removed with the side
};

// Reports a command-line problem through the message catalogue, as "cotation CMD: error: ...".
void report_usage(const std::string& command, std::string message_id, std::vector<std::string> arguments,
                  Language language, std::ostream& errors);

}  // namespace cotation::tools

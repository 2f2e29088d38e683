// What every subcommand of the `cotation` program shares: exit codes, global options, and how
// a subcommand is declared (its options) and then run. Each subcommand lives in its own file
// of src/tools/ and is listed once in main.cpp.
#pragma once

#include <CLI/CLI.hpp>

#include <fstream>
#include <functional>
#include <istream>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "cotation/diagnostic.hpp"
#include "cotation/engine.hpp"

namespace cotation::tools {

// Exit codes, documented in the README.
constexpr int exit_ok = 0;
constexpr int exit_findings = 1;   // the command ran and found something: errors, invalid records, differences
constexpr int exit_usage = 2;      // the command line is wrong, or an input cannot be read
constexpr int exit_bad_rules = 3;  // the rule set does not compile, or a command failed unexpectedly on it

// Options given before or after the subcommand's name.
struct GlobalOptions {
  Language language = Language::french;
};

// The language of the help being declared: main() sets it from the arguments before the
// commands declare their options, each description given in both languages.
void set_help_language(Language language);
[[nodiscard]] std::string help_text(std::string_view french, std::string_view english);

struct Command {
  CLI::App* app = nullptr;                       // parsed() says whether it was asked for
  std::function<int(const GlobalOptions&)> run;  // runs it with the parsed options
};

Command add_check_command(CLI::App& app);
Command add_eval_command(CLI::App& app);
Command add_explain_command(CLI::App& app);
Command add_table_command(CLI::App& app);
Command add_timeline_command(CLI::App& app);
Command add_fmt_command(CLI::App& app);
Command add_diff_command(CLI::App& app);
Command add_impact_command(CLI::App& app);
Command add_test_command(CLI::App& app);
Command add_scheme_command(CLI::App& app);
Command add_lsp_command(CLI::App& app);
Command add_serve_command(CLI::App& app);

// An input that cannot be read, or the output that cannot be written: the command stops and
// main() ends with exit_usage, writing what() (already in the reader's language) when it is
// not empty. Thrown from anywhere in a command, so that no command checks it its own way.
class InputOutputFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// How a command reads the rules it compiles: consolidated, the later texts' amendments applied
// (the default), or as the texts were signed (`--as-signed`). The same flag on every command.
struct Reading {
  bool as_signed = false;
  [[nodiscard]] CompileOptions compile_options() const;
};

// Declares `--as-signed` on `command`, parsed into `reading`.
void add_reading_option(CLI::App& command, Reading& reading);

// The rules a command reads when --rules is not given, the first that exists of: ./rules (a
// checkout of the repository), <prefix>/share/cotation/rules where <prefix> is the directory
// above the program's own (an installed tree, moved or not), and the rules of the prefix it was
// built for (COTATION_INSTALLED_RULES). "rules" when none exists, for the error to name it.
std::string default_rules_path();

// Compiles the rule set a command works on in the given reading (`rules_path`, or
// default_rules_path() when empty), rendering its diagnostics to `errors`; null when it does not
// compile. Throws InputOutputFailure when a rule file cannot be read.
std::shared_ptr<const RuleSet> compile_or_report(const std::string& rules_path, const Reading& reading,
                                                 Language language, std::ostream& errors);

// Throws InputOutputFailure when one of `diagnostics` says that an input cannot be read (missing,
// unreadable): the rules are not wrong, they are not there.
void stop_if_unreadable(const std::vector<Diagnostic>& diagnostics);

// Throws InputOutputFailure, naming `path`, when `input` stopped on a read error (a directory,
// a device gone) rather than at its end.
void check_read_to_the_end(const std::istream& input, const std::string& path, Language language);

// Standard output, which every command writes to through std::cout, buffered so that a write
// that fails is remembered (main() sets it up before any command runs). Then flushes it: when a
// write failed (a full device, a closed pipe), throws InputOutputFailure naming where it goes.
// main() calls it once the command is done.
void write_output_to_standard_output();
void check_output_written(Language language);

// The claims a command reads: standard input for "-", else `path` opened into `file`; null,
// with the message on `errors`, when it cannot be opened.
std::istream* open_claims(const std::string& path, std::ifstream& file, Language language, std::ostream& errors);

// Standard input read as it comes (read(2), 64 KiB at a time), not through C's stdin: its
// rdbuf()->in_avail() says how much of what a pipe held is still to read, which tells a line
// that waits for more input from lines already there (BatchOptions::line_at_a_time).
std::istream& standard_input_as_read();

// The lines a command answers one record each (claims, situations): `path` opened as
// open_claims opens it, and `as_they_come` set when it is a pipe or a terminal, answered line
// by line as the lines come (standard input then read by standard_input_as_read) rather than
// read in large blocks.
std::istream* open_lines(const std::string& path, std::ifstream& file, bool& as_they_come, Language language,
                         std::ostream& errors);

// Whether the claims at `path` ("-": standard input) are a regular file, read in large blocks,
// rather than a pipe or a terminal, answered line by line.
bool is_regular_file(const std::string& path);

// "fichier illisible" / "cannot read file", for a command's input that cannot be opened.
std::string unreadable_file_message(const std::string& path, Language language);

}  // namespace cotation::tools

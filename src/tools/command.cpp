#include "tools/command.hpp"

#include <fmt/format.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <streambuf>
#include <system_error>
#include <vector>

namespace cotation::tools {

namespace {
Language help_language = Language::french;
}  // namespace

void set_help_language(Language language) {
  help_language = language;
}

std::string help_text(std::string_view french, std::string_view english) {
  return std::string(help_language == Language::french ? french : english);
}

CompileOptions Reading::compile_options() const {
  CompileOptions options;
  options.apply_amendments = !as_signed;
  return options;
}

void add_reading_option(CLI::App& command, Reading& reading) {
  command.add_flag("--as-signed", reading.as_signed,
                   help_text("lit les règles telles que signées, sans appliquer les amendements (reports, abrogations)",
                             "reads the rules as signed, without applying the amendments (postponements, repeals)"));
}

std::string default_rules_path() {
  namespace fs = std::filesystem;
  std::error_code error;
  std::vector<fs::path> candidates = {"rules"};
  const fs::path program = fs::read_symlink("/proc/self/exe", error);
  if (!error) candidates.push_back(program.parent_path().parent_path() / "share" / "cotation" / "rules");
  candidates.emplace_back(COTATION_INSTALLED_RULES);
  for (const fs::path& candidate : candidates) {
    if (fs::is_directory(candidate, error)) return candidate.string();
  }
  return "rules";
}

std::shared_ptr<const RuleSet> compile_or_report(const std::string& rules_path, const Reading& reading,
                                                 Language language, std::ostream& errors) {
  const CompileResult compiled =
      compile_rule_set(rules_path.empty() ? default_rules_path() : rules_path, reading.compile_options());
  for (const auto& diagnostic : compiled.diagnostics) errors << render(diagnostic, language) << '\n';
  stop_if_unreadable(compiled.diagnostics);
  return compiled.rule_set;
}

void stop_if_unreadable(const std::vector<Diagnostic>& diagnostics) {
  // A path missing or unreadable; a file over the limit, or a directory without rule files, is
  // read and found wrong, like a syntax error.
  const auto unreadable = [](const Diagnostic& d) {
    return d.severity == Severity::error && (d.message_id == "io.not_found" || d.message_id == "io.cannot_read");
  };
  if (std::any_of(diagnostics.begin(), diagnostics.end(), unreadable)) throw InputOutputFailure("");
}

namespace {
int standard_input_error();
}  // namespace

void check_read_to_the_end(const std::istream& input, const std::string& path, Language language) {
  // Standard input reads through C's stdin, which keeps a read error to itself.
  const bool failed = input.bad() || (&input == &std::cin && std::ferror(stdin) != 0);
  if (!failed) return;
  // errno now may be a later call's (a worker's barrier, EAGAIN): standard_input_as_read keeps
  // its read's own.
  const int error = &input == &standard_input_as_read() && standard_input_error() != 0 ? standard_input_error() : errno;
  Diagnostic problem;
  problem.message_id = "io.cannot_read";
  problem.arguments = {
      path == "-" ? std::string(language == Language::french ? "l'entrée standard" : "standard input") : path,
      std::strerror(error)};
  problem.position.file = path;
  throw InputOutputFailure(render(problem, language));
}

namespace {

// Standard output as every command writes it: a buffer over file descriptor 1 that keeps the
// error of the first write that failed, which errno does not (a number read later resets it).
// After a failure it writes nothing more.
class OutputBuffer final : public std::streambuf {
 public:
  OutputBuffer() { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
  [[nodiscard]] int error() const noexcept { return error_; }

 protected:
  int_type overflow(int_type c) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* data, std::streamsize size) override {
    if (size > epptr() - pptr()) {
      if (!drain()) return 0;
      // A large write (a chunk of decisions) goes out at once, without a copy.
      if (size >= epptr() - pptr()) return write_all(data, static_cast<std::size_t>(size)) ? size : 0;
    }
    std::memcpy(pptr(), data, static_cast<std::size_t>(size));
    pbump(static_cast<int>(size));
    return size;
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  bool drain() {
    const bool written = write_all(pbase(), static_cast<std::size_t>(pptr() - pbase()));
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return written;
  }
  bool write_all(const char* data, std::size_t size) {
    while (error_ == 0 && size > 0) {
      const ssize_t written = ::write(STDOUT_FILENO, data, size);
      if (written < 0 && errno != EINTR) error_ = errno;
      if (written > 0) {
        data += written;
        size -= static_cast<std::size_t>(written);
      }
    }
    return error_ == 0;
  }

  std::array<char, std::size_t{64} << 10U> buffer_{};
  int error_ = 0;
};

// Standard input through read(2) into a buffer of its own: a read returns what a pipe holds
// without waiting for more, and in_avail() tells what is left of it. A read error throws, which
// the istream turns into badbit (check_read_to_the_end reports it).
class InputBuffer final : public std::streambuf {
 public:
  [[nodiscard]] int error() const noexcept { return error_; }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    ssize_t got = -1;
    do {
      got = ::read(STDIN_FILENO, buffer_.data(), buffer_.size());
    } while (got < 0 && errno == EINTR);
    if (got < 0) {
      error_ = errno;
      throw std::system_error(error_, std::generic_category(), "read");
    }
    setg(buffer_.data(), buffer_.data(), buffer_.data() + got);
    return got == 0 ? traits_type::eof() : traits_type::to_int_type(*gptr());
  }

 private:
  std::array<char, std::size_t{64} << 10U> buffer_{};  // a pipe's capacity
  int error_ = 0;                                      // of the read that failed, or 0
};

InputBuffer& input_buffer() {
  static auto* buffer = new InputBuffer;
  return *buffer;
}

int standard_input_error() {
  return input_buffer().error();
}

// Never destroyed: std::cout may be flushed at exit, after the destructors of statics.
OutputBuffer& output_buffer() {
  static auto* buffer = new OutputBuffer;
  return *buffer;
}

}  // namespace

std::istream& standard_input_as_read() {
  static auto* input = new std::istream(&input_buffer());
  return *input;
}

void write_output_to_standard_output() {
  std::cout.rdbuf(&output_buffer());
}

void check_output_written(Language language) {
  std::cout.flush();
  const int error = output_buffer().error();
  if (error == 0) return;
  // Where the output goes, as the system names it: /dev/full, pipe:[1234]...
  std::error_code unknown;
  const std::filesystem::path target = std::filesystem::read_symlink("/proc/self/fd/1", unknown);
  Diagnostic problem;
  problem.message_id = "io.cannot_write_output";
  problem.arguments = {unknown ? std::string("stdout") : target.generic_string(), std::strerror(error)};
  problem.position.file = "cotation";
  throw InputOutputFailure(render(problem, language));
}

std::istream* open_claims(const std::string& path, std::ifstream& file, Language language, std::ostream& errors) {
  if (path == "-") return &std::cin;
  file.open(path, std::ios::binary);
  if (file) return &file;
  errors << unreadable_file_message(path, language) << '\n';
  return nullptr;
}

std::istream* open_lines(const std::string& path, std::ifstream& file, bool& as_they_come, Language language,
                         std::ostream& errors) {
  as_they_come = !is_regular_file(path);
  if (as_they_come && path == "-") return &standard_input_as_read();
  return open_claims(path, file, language, errors);
}

bool is_regular_file(const std::string& path) {
  struct stat status {};
  const int found = path == "-" ? ::fstat(STDIN_FILENO, &status) : ::stat(path.c_str(), &status);
  return found == 0 && S_ISREG(status.st_mode);
}

std::string unreadable_file_message(const std::string& path, Language language) {
  return fmt::format("{} : {}", path, language == Language::french ? "fichier illisible" : "cannot read file");
}

}  // namespace cotation::tools

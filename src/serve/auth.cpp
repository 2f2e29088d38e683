#include "serve/auth.hpp"

#include <fstream>

namespace cotation::serve {
namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

// Every byte of both is looked at: the time depends on the lengths only.
bool equal_in_constant_time(std::string_view given, std::string_view expected) noexcept {
  unsigned char difference = given.size() == expected.size() ? 0 : 1;
  for (std::size_t i = 0; i < given.size(); ++i) {
    const auto other = expected.empty() ? '\0' : expected[i % expected.size()];
    difference = static_cast<unsigned char>(difference | (given[i] ^ other));
  }
  return difference == 0;
}

}  // namespace

std::optional<Auth> Auth::from_file(const std::string& path) {
  std::ifstream file(path);
  std::string line;
  if (!file || !std::getline(file, line)) return std::nullopt;
  std::size_t begin = 0;
  std::size_t end = line.size();
  while (begin < end && is_blank(line[begin])) ++begin;
  while (end > begin && is_blank(line[end - 1])) --end;
  if (begin == end) return std::nullopt;
  Auth auth;
  auth.token_ = line.substr(begin, end - begin);
  return auth;
}

bool Auth::allows(std::string_view authorization) const noexcept {
  if (!required()) return true;
  constexpr std::string_view scheme = "Bearer ";
  if (!authorization.starts_with(scheme)) return false;
  return equal_in_constant_time(authorization.substr(scheme.size()), token_);
}

}  // namespace cotation::serve

// Who may ask: the Bearer token of `--token-file`, required when the server listens beyond the
// loopback. In: the token file, then each request's Authorization header; out: allowed or not.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cotation::serve {

class Auth {
 public:
  Auth() = default;  // no token: every request is allowed (loopback only)
  // The token is the file's first line, without surrounding blanks; nullopt when the file
  // cannot be read or the token is empty.
  static std::optional<Auth> from_file(const std::string& path);

  [[nodiscard]] bool required() const noexcept { return !token_.empty(); }
  // Whether `authorization` is "Bearer <token>", compared in a time that does not depend on
  // where the first difference is.
  [[nodiscard]] bool allows(std::string_view authorization) const noexcept;

 private:
  std::string token_;
};

}  // namespace cotation::serve

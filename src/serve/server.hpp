// `cotation serve`: the engine as an HTTP service. In: the options; out: the server listening
// until SIGTERM (or SIGINT), reloading its rules on SIGHUP. Its parts, one file each: options
// and limits (options.hpp), routes, a JSON Lines body decided as it arrives (decide_lines,
// line_pipe, body_budget), problems, metrics, reload, access log, auth, the page.
#pragma once

#include "cotation/diagnostic.hpp"
#include "serve/access_log.hpp"
#include "serve/auth.hpp"
#include "serve/history.hpp"
#include "serve/metrics.hpp"
#include "serve/options.hpp"
#include "serve/reload.hpp"

namespace cotation::serve {

// What the routes share, alive as long as the server.
struct Context {
  const ServeOptions& options;
  ServedRules& rules;
  Metrics& metrics;
  AccessLog& log;
  const Auth& auth;
  Language language;
  KeptHistory* history = nullptr;  // with --history: claims decided against it, in sequence
};

// Runs the server: the exit code of the command (tools/command.hpp). Prints the address it
// listens on as the first line of standard output ("http://127.0.0.1:8080").
int run_server(const ServeOptions& options, Language language);

}  // namespace cotation::serve

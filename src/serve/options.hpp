// `cotation serve`'s options: where it listens, which rules it serves, and every limit it puts on
// a client, each with its reason. Filled from the command line (src/tools/serve_command.cpp),
// read by the server (server.cpp) and the routes (routes.cpp).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "cotation/diagnostic.hpp"
#include "tools/command.hpp"

namespace cotation::serve {

struct Limits {
  // A claim is well under 10 KB; a JSON Lines batch of 32 MiB holds about 60,000 claims and is
  // decided in well under a second. Counted as the body arrives: a JSON Lines batch is decided
  // while it arrives and holds only what is not decided yet (all of it at worst, for a client
  // sending faster than the claims are decided), so this times max_connections bounds what
  // clients can make the server hold. Larger corpora: `cotation eval`.
  std::size_t max_body_bytes = std::size_t{32} << 20U;
  // The claim reader's own limit (ClaimReadLimits::max_line_bytes): a JSON Lines batch ends at a
  // longer line, with a problem as its last record.
  std::size_t max_line_bytes = std::size_t{1} << 20U;
  // A client sends a dozen headers; hundreds only cost parsing and memory.
  std::size_t max_headers = 100;
  // The longest a request's body may take to arrive, counted from its headers, and the longest
  // wait for any one read or write (a slow or stalled client holds a thread): a body trickled
  // in is cut when it is over, a stalled one after one wait more at most.
  std::chrono::seconds request_timeout{10};
  // How long a keep-alive connection may wait for its next request before it is closed.
  std::chrono::seconds idle_timeout{5};
  // Each open connection holds one thread until it closes: a connection beyond this many is
  // answered 429 (Retry-After: 1) and closed. Eight more threads answer those, so that they never wait.
  std::size_t max_connections = 64;
  // Requests on one keep-alive connection before it is closed (cpp-httplib's default is 5, which
  // costs a new connection every 5 requests); bounded so that connections get renewed.
  std::size_t max_requests_per_connection = 100000;
};

struct ServeOptions {
  std::string rules_path;  // empty: default_rules_path()
  tools::Reading reading;
  std::string listen = "127.0.0.1:8080";  // host:port; port 0: any free port, printed
  std::string token_file;                 // required to listen on a non-loopback address
  std::size_t jobs = 1;                   // threads deciding one JSON Lines batch
  std::string history_file;               // empty: each request is its claims' only history
  Limits limits;
};

// "127.0.0.1:8080" -> host and port; "[::1]:8080" too. False when it is not host:port.
bool split_listen(const std::string& listen, std::string& host, int& port);

// 127.0.0.0/8, ::1 and "localhost": the addresses only this machine can reach.
bool is_loopback(const std::string& host);

}  // namespace cotation::serve

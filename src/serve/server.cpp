#include "serve/server.hpp"

#include <httplib.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>

#include <atomic>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "serve/problem.hpp"
#include "serve/routes.hpp"

namespace cotation::serve {
namespace {

// The connection served on this thread came when max_connections were already open: its
// requests are answered 429 with Retry-After (RFC 6585: the client, not the server, is to slow
// down; docs/serve.md, "Problems") and it is closed.
thread_local bool connection_over_limit = false;

// cpp-httplib's thread pool, one task per connection, counting the connections open or waiting.
class ConnectionQueue : public httplib::TaskQueue {
 public:
  explicit ConnectionQueue(std::size_t max_connections)
      : pool_(max_connections + spare_threads), max_connections_(max_connections) {}

  void enqueue(std::function<void()> connection) override {
    const bool over = open_.fetch_add(1) >= max_connections_;
    pool_.enqueue([this, over, connection = std::move(connection)] {
      connection_over_limit = over;
      connection();
      open_.fetch_sub(1);
    });
  }
  void shutdown() override { pool_.shutdown(); }

 private:
  static constexpr std::size_t spare_threads = 8;  // Limits::max_connections says why
  httplib::ThreadPool pool_;
  std::size_t max_connections_;
  std::atomic<std::size_t> open_{0};
};

// cpp-httplib 0.11 listens with a backlog of 5: 32 clients connecting at once overflowed it
// (connections reset under valgrind's slowness). Listening again on the bound socket raises it.
class Server : public httplib::Server {
 public:
  void raise_backlog() { ::listen(svr_sock_, SOMAXCONN); }
};

void configure(httplib::Server& server, const Context& context) {
  const Limits& limits = context.options.limits;
  server.new_task_queue = [&limits] { return new ConnectionQueue(limits.max_connections); };
  server.set_payload_max_length(limits.max_body_bytes);
  server.set_read_timeout(limits.request_timeout);
  server.set_write_timeout(limits.request_timeout);
  server.set_keep_alive_timeout(limits.idle_timeout.count());
  server.set_keep_alive_max_count(limits.max_requests_per_connection);
  // Without it, a small answer waits for the client's delayed ACK: 40 ms per request (708 req/s).
  server.set_tcp_nodelay(true);
  const Language language = context.language;
  server.set_pre_routing_handler([&context, language](const httplib::Request& request, httplib::Response& response) {
    RequestOnThread& timing = request_on_this_thread();
    timing = {std::chrono::steady_clock::now(), true, 0};
    if (connection_over_limit) {
      response.set_header("Connection", "close");
      response.set_header("Retry-After", "1");
      set_problem(response, ProblemKind::too_many_connections,
                  fmt::format("max {}", context.options.limits.max_connections), language);
    } else if (request.headers.size() > context.options.limits.max_headers) {
      set_problem(response, ProblemKind::too_many_headers, fmt::format("max {}", context.options.limits.max_headers),
                  language);
    } else if (request.path != "/healthz" && !context.auth.allows(request.get_header_value("Authorization"))) {
      response.set_header("WWW-Authenticate", "Bearer");
      set_problem(response, ProblemKind::unauthorized, "Authorization: Bearer <jeton>", language);
    } else {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    return httplib::Server::HandlerResponse::Handled;
  });
  // A refusal the library made by itself (an unknown path, a body over the limit) gets its problem.
  server.set_error_handler(
      httplib::Server::HandlerWithResponse([language](const httplib::Request&, httplib::Response& response) {
        if (!response.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        set_problem_for_status(response, language);
        return httplib::Server::HandlerResponse::Handled;
      }));
  server.set_exception_handler(
      [&context, language](const httplib::Request&, httplib::Response& response, std::exception_ptr failure) {
        std::string what = "?";
        try {
          if (failure) std::rethrow_exception(failure);
        } catch (const std::exception& error) {
          what = error.what();
        } catch (...) {
        }
        context.log.event("exception", what);
        set_problem(response, ProblemKind::internal, "", language);
      });
  server.set_logger([&context](const httplib::Request& request, const httplib::Response& response) {
    RequestOnThread& timing = request_on_this_thread();
    const auto duration =
        timing.started ? std::chrono::steady_clock::now() - timing.start : std::chrono::steady_clock::duration{};
    context.metrics.count_request(response.status, duration);
    context.log.request(request.method, request.path, response.status, response.body.size() + timing.streamed_bytes,
                        duration);
    timing = {};
  });
}

// SIGHUP, SIGTERM and SIGINT go to this thread only (blocked in all others, which inherit the
// mask): a reload or a stop runs here, never inside a signal handler.
sigset_t handled_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGHUP);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  return signals;
}

void wait_for_signals(httplib::Server& server, const Context& context) {
  const sigset_t signals = handled_signals();
  for (;;) {
    int signal = 0;
    if (sigwait(&signals, &signal) != 0) continue;
    if (signal == SIGHUP) {
      const bool ok = context.rules.reload();
      context.metrics.count_reload(ok);
      context.log.event(ok ? "reload" : "reload_failed",
                        ok ? context.rules.current()->hash() : context.rules.last_reload().errors);
      continue;
    }
    // SIGTERM: no new connection; the requests in flight end, then listen_after_bind returns.
    context.log.event("stop", signal == SIGTERM ? "SIGTERM" : "SIGINT");
    server.stop();
    return;
  }
}

}  // namespace

int run_server(const ServeOptions& options, Language language) {
  const bool french = language == Language::french;
  std::string host;
  int port = 0;
  if (!split_listen(options.listen, host, port)) {
    std::cerr << fmt::format(
        fmt::runtime(french ? "--listen : attendu hôte:port, pas {}\n" : "--listen: expected host:port, not {}\n"),
        options.listen);
    return tools::exit_usage;
  }
  Auth auth;
  if (!options.token_file.empty()) {
    const auto from_file = Auth::from_file(options.token_file);
    if (!from_file) {
      std::cerr << fmt::format(
          fmt::runtime(french ? "{} : jeton illisible ou vide\n" : "{}: token unreadable or empty\n"),
          options.token_file);
      return tools::exit_usage;
    }
    auth = *from_file;
  } else if (!is_loopback(host)) {
    std::cerr << fmt::format(fmt::runtime(french ? "écouter sur {} (hors boucle locale) demande --token-file\n"
                                                 : "listening on {} (beyond the loopback) requires --token-file\n"),
                             host);
    return tools::exit_usage;
  }
  ServedRules rules(options.rules_path, options.reading, language);
  if (!rules.reload()) {
    std::cerr << rules.last_reload().errors;
    return tools::exit_bad_rules;
  }
  std::optional<KeptHistory> history;
  try {
    if (!options.history_file.empty()) history.emplace(options.history_file, rules.current());
  } catch (const std::runtime_error& error) {
    std::cerr << error.what() << '\n';
    return tools::exit_usage;
  }
  // Before any thread starts, so that every thread inherits the mask.
  const sigset_t signals = handled_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  Metrics metrics;
  AccessLog log(std::cerr);
  const Context context{options, rules, metrics, log, auth, language, history ? &*history : nullptr};
  Server server;
  configure(server, context);
  add_routes(server, context);
  const int bound = port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, port) ? port : -1);
  if (bound < 0) {
    std::cerr << fmt::format(fmt::runtime(french ? "impossible d'écouter sur {}\n" : "cannot listen on {}\n"),
                             options.listen);
    return tools::exit_usage;
  }
  server.raise_backlog();
  const std::string address =
      fmt::format(fmt::runtime(host.find(':') == std::string::npos ? "http://{}:{}" : "http://[{}]:{}"), host, bound);
  std::cout << address << std::endl;
  log.event("listening", address);
  std::thread signals_thread([&] { wait_for_signals(server, context); });
  const bool listened = server.listen_after_bind();
  if (!listened) pthread_kill(signals_thread.native_handle(), SIGTERM);  // the loop ends on its own otherwise
  signals_thread.join();
  log.event("stopped", "");
  return listened ? tools::exit_ok : tools::exit_usage;
}

}  // namespace cotation::serve

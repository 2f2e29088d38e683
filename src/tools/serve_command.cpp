// `cotation serve`: the engine as an HTTP service (src/serve/, docs/serve.md). Declares the
// command's options into serve::ServeOptions and runs the server.
#include <algorithm>
#include <thread>

#include "serve/server.hpp"
#include "tools/command.hpp"

namespace cotation::tools {

Command add_serve_command(CLI::App& app) {
  auto options = std::make_shared<serve::ServeOptions>();
  options->jobs = std::max(1U, std::thread::hardware_concurrency());
  CLI::App* command = app.add_subcommand(
      "serve",
      help_text("Sert le moteur en HTTP : POST /v1/decisions (une facture JSON, ou JSON Lines), GET /v1/rule-set,\n"
                "GET /v1/tariffs?date=AAAA-MM-JJ&region=metropole, GET /healthz, GET /metrics, et la page à /.\n"
                "Recharge les règles sur SIGHUP (les anciennes restent servies si les nouvelles sont en erreur),\n"
                "s'arrête sur SIGTERM après les requêtes en cours. Écrit l'adresse écoutée sur la 1re ligne de la\n"
                "sortie standard, le journal des accès (JSON Lines) sur l'erreur standard. Détails : docs/serve.md.\n"
                "Exemple : cotation serve --rules rules/ --listen 127.0.0.1:8080\n"
                "          curl -d @facture.json http://127.0.0.1:8080/v1/decisions\n"
                "Codes de sortie : 0 arrêté par un signal, 2 commande mal écrite ou adresse indisponible,\n"
                "3 règles en erreur au démarrage.",
                "Serves the engine over HTTP: POST /v1/decisions (one JSON claim, or JSON Lines), GET /v1/rule-set,\n"
                "GET /v1/tariffs?date=YYYY-MM-DD&region=metropole, GET /healthz, GET /metrics, and the page at /.\n"
                "Reloads the rules on SIGHUP (the old ones keep serving if the new ones have errors),\n"
                "stops on SIGTERM after the requests in flight. Writes the address it listens on as the first line\n"
                "of standard output, the access log (JSON Lines) on standard error. Details: docs/serve.md.\n"
                "Example: cotation serve --rules rules/ --listen 127.0.0.1:8080\n"
                "         curl -d @claim.json http://127.0.0.1:8080/v1/decisions\n"
                "Exit codes: 0 stopped by a signal, 2 badly written command or address unavailable,\n"
                "3 rules in error at start."));
  command->add_option("--rules", options->rules_path,
                      help_text("répertoire des règles (défaut : ./rules, sinon les règles installées)",
                                "rules directory (default: ./rules, else the installed rules)"));
  command->add_option(
      "--listen", options->listen,
      help_text("adresse hôte:port (défaut 127.0.0.1:8080 ; port 0 : un port libre, écrit au démarrage)",
                "host:port address (default 127.0.0.1:8080; port 0: a free port, written at start)"));
  command->add_option("--token-file", options->token_file,
                      help_text("fichier du jeton exigé (Authorization: Bearer) ; obligatoire hors boucle locale",
                                "file of the required token (Authorization: Bearer); mandatory beyond loopback"));
  command
      ->add_option("--jobs", options->jobs,
                   help_text("fils d'exécution par lot JSON Lines", "threads per JSON Lines batch"))
      ->check(CLI::Range(1, 256));
  command->add_option("--history", options->history_file,
                      help_text("base SQLite de l'historique des patients (celle de eval --history) : chaque "
                                "facture décidée y est lue puis ajoutée ; une facture ou un bloc de lignes à la fois",
                                "SQLite store of the patients' history (eval --history's): each claim decided "
                                "reads it and joins it; one claim or one chunk of lines at a time"));
  serve::Limits& limits = options->limits;
  command->add_option("--max-body-bytes", limits.max_body_bytes,
                      help_text("taille maximale d'un corps de requête (32 Mio)", "largest request body (32 MiB)"));
  command
      ->add_option("--max-connections", limits.max_connections,
                   help_text("connexions ouvertes à la fois (64)", "connections open at once (64)"))
      ->check(CLI::Range(1, 4096));
  command->add_option("--request-timeout", limits.request_timeout,
                      help_text("secondes au plus pour recevoir le corps d'une requête, et pour chaque lecture (10)",
                                "most seconds for a request's body to arrive, and for any one read (10)"));
  command->add_option("--idle-timeout", limits.idle_timeout,
                      help_text("secondes d'attente au plus de la requête suivante sur une connexion (5)",
                                "longest wait in seconds for the next request on a connection (5)"));
  add_reading_option(*command, options->reading);
  return {command, [options](const GlobalOptions& global) { return serve::run_server(*options, global.language); }};
}

}  // namespace cotation::tools

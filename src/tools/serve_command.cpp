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
      "Sert le moteur en HTTP : POST /v1/decisions (une facture JSON, ou JSON Lines), GET /v1/rule-set,\n"
      "GET /v1/tariffs?date=AAAA-MM-JJ&region=metropole, GET /healthz, GET /metrics, et la page à /.\n"
      "Recharge les règles sur SIGHUP (les anciennes restent servies si les nouvelles sont en erreur),\n"
      "s'arrête sur SIGTERM après les requêtes en cours. Écrit l'adresse écoutée sur la 1re ligne de la\n"
      "sortie standard, le journal des accès (JSON Lines) sur l'erreur standard. Détails : docs/serve.md.\n"
      "Exemple : cotation serve --rules rules/ --listen 127.0.0.1:8080\n"
      "          curl -d @facture.json http://127.0.0.1:8080/v1/decisions\n"
      "Codes de sortie : 0 arrêté par un signal, 2 commande mal écrite ou adresse indisponible,\n"
      "3 règles en erreur au démarrage.");
  command->add_option("--rules", options->rules_path,
                      "répertoire des règles (défaut : ./rules, sinon les règles installées)");
  command->add_option("--listen", options->listen,
                      "adresse hôte:port (défaut 127.0.0.1:8080 ; port 0 : un port libre, écrit au démarrage)");
  command->add_option("--token-file", options->token_file,
                      "fichier du jeton exigé (Authorization: Bearer) ; obligatoire hors boucle locale");
  command->add_option("--jobs", options->jobs, "fils d'exécution par lot JSON Lines")->check(CLI::Range(1, 256));
  serve::Limits& limits = options->limits;
  command->add_option("--max-body-bytes", limits.max_body_bytes, "taille maximale d'un corps de requête (32 Mio)");
  command->add_option("--max-connections", limits.max_connections, "connexions ouvertes à la fois (64)")
      ->check(CLI::Range(1, 4096));
  command->add_option("--request-timeout", limits.request_timeout,
                      "secondes d'attente au plus des octets suivants d'une requête (10)");
  command->add_option("--idle-timeout", limits.idle_timeout,
                      "secondes d'attente au plus de la requête suivante sur une connexion (5)");
  add_reading_option(*command, options->reading);
  return {command, [options](const GlobalOptions& global) { return serve::run_server(*options, global.language); }};
}

}  // namespace cotation::tools

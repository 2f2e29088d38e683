#!/usr/bin/env bash
# `cotation check`: exit codes, summary line, languages and JSON output, as the README
# documents them. Usage: check_command_test.sh COTATION_BINARY SOURCE_DIR
set -uo pipefail
cotation="$1"
source_dir="$2"
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

expect_exit 0 "the shipped rules are clean" "$cotation" check "$source_dir/rules"
expect_output "summary of a clean rule set" "0 erreur"

printf 'lettre RAM "Rachis" {\n  valeur 2.21 € depuis 2024-02-22\n}\n' >"$scratch/broken.cot"
expect_exit 1 "a rule set with an error" "$cotation" check "$scratch/broken.cot"
expect_output "French message with position" "broken.cot:2:34: erreur: on attend \`selon\` suivi du nom d'une source"
expect_output "caret line" "  |                                  ^"
expect_output "French summary" "1 fichier, 0 déclaration, 1 erreur, 0 avertissement"

expect_exit 1 "English on request" "$cotation" --lang en check "$scratch/broken.cot"
expect_output "English message" "error: expected \`selon\` followed by the name of a source"
expect_output "English summary" "1 file, 0 declarations, 1 error, 0 warnings"

expect_exit 1 "--lang after the subcommand" "$cotation" check "$scratch/broken.cot" --lang en
expect_output "English after the subcommand" "error: expected"

expect_exit 1 "JSON output" "$cotation" check --format json "$scratch/broken.cot"
expect_output "JSON diagnostic id" '"id": "syntax.expected_citation"'
expect_output "JSON line" '"line": 2'

expect_exit 2 "a missing directory" "$cotation" check "$scratch/nowhere"
expect_output "missing path named, without a line" "nowhere: erreur: $scratch/nowhere n'existe pas"
mkdir "$scratch/empty"
expect_exit 1 "a directory without rule files" "$cotation" check "$scratch/empty"

expect_exit 2 "no subcommand" "$cotation"
expect_exit 2 "check without a directory" "$cotation" check
expect_exit 2 "an unknown option" "$cotation" check --bogus "$source_dir/rules"
expect_exit 2 "an unknown language" "$cotation" --lang de check "$source_dir/rules"
expect_exit 0 "help" "$cotation" check --help
expect_output "help shows an example" "Exemple : cotation check rules/"

summary

#!/usr/bin/env bash
# One language at a time: with --lang fr (the default) every word the analyst reads is French,
# CLI11's help and parse errors included; with --lang en every word is English (help, diff,
# explain). The overseas region is `drom` everywhere; `outre-mer` and `outre_mer` are read as
# `drom` with a note.
# Usage: language_test.sh COTATION_BINARY SOURCE_DIR
set -uo pipefail
cotation="$1"
source_dir="$2"
rules="$source_dir/tests/tools/table_rules"
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

no_english() {  # description file: none of CLI11's English words
  if grep -qE "Print this help|A subcommand is required|Usage:|SUBCOMMAND|REQUIRED|Positionals|Run with|is required|not expected| TEXT([^E]|$)| UINT" "$2"; then
    fail "$1: English left: $(grep -E "Print this help|Usage:|SUBCOMMAND|REQUIRED|Positionals|Run with|is required| TEXT([^E]|$)| UINT" "$2" | head -3)"
  else
    pass
  fi
}

# Parse errors.
expect_exit 2 "no subcommand" "$cotation"
expect_error "in French" "erreur : une sous-commande est requise"
expect_error "the help is named in French" "Lancez avec --help pour en savoir plus."
no_english "no subcommand" "$scratch/err"
expect_exit 2 "no subcommand, English" "$cotation" --lang en
expect_error "in English" "A subcommand is required"
expect_exit 2 "a missing option" "$cotation" table --rules "$rules"
expect_error "a missing option, in French" "--date est requis"
expect_exit 2 "an unknown value" "$cotation" table --rules "$rules" --date 2024-02-22 --region guadeloupe
expect_error "an unknown value, in French" "--region : valeur inconnue « guadeloupe » ; valeurs admises :"
expect_exit 2 "an unexpected argument" "$cotation" check "$rules" surplus
expect_error "an unexpected argument, in French" "argument inattendu : surplus"
expect_exit 2 "an unexpected argument, English" "$cotation" --lang en check "$rules" surplus
expect_error "an unexpected argument, in English" "The following argument was not expected: surplus"

# Help.
expect_exit 0 "help" "$cotation" --help
expect_output "the help flag in French" "Affiche cette aide et s'arrête"
expect_output "usage in French" "Utilisation : cotation"
no_english "help" "$scratch/out"
for command in check eval explain table timeline fmt diff impact test scheme lsp; do
  expect_exit 0 "$command --help" "$cotation" "$command" --help
  no_english "$command --help" "$scratch/out"
  expect_exit 0 "$command --help, English" "$cotation" --lang en "$command" --help
  if grep -qE "répertoire|défaut|fichier|règles|Exemple|Codes de sortie|Affiche" "$scratch/out"; then
    fail "$command --help --lang en: French left: $(grep -E "répertoire|défaut|fichier|règles|Exemple|Codes de sortie|Affiche" "$scratch/out" | head -2)"
  else
    pass
  fi
done
expect_exit 0 "table --help, English" "$cotation" table --help --lang en
expect_output "English help" "The tariffs in force on a date"
expect_output "English help flag" "Print this help message and exit"

# The region: drom, the others with a note.
expect_exit 1 "--region drom" "$cotation" table --rules "$rules" --date 2024-02-22 --region drom --format csv
cp "$scratch/out" "$scratch/drom.csv"
if [ -s "$scratch/err" ]; then fail "--region drom: a note: $(head -c 300 "$scratch/err")"; else pass; fi
for alias in outre-mer outre_mer; do
  expect_exit 1 "--region $alias" "$cotation" table --rules "$rules" --date 2024-02-22 --region "$alias" --format csv
  expect_error "--region $alias: a note" "note : « $alias » se lit « drom »"
  expect_same_file "--region $alias is drom" "$scratch/drom.csv" "$scratch/out"
done

# explain: the fields by their names in the rules (French), the engine's words in English.
claims="$source_dir/tests/cli/explain/claims.jsonl"
expect_exit 1 "explain (a malformed record among the claims)" "$cotation" explain --rules "$source_dir/tests/evaluate/rules" "$claims"
expect_output "a field named as the rules name it" "serie.rang : 3 (selon facture)"
expect_no_output "no JSON path in French" "series.session_number"
expect_exit 1 "explain, English" "$cotation" --lang en explain --rules "$source_dir/tests/evaluate/rules" "$claims"
expect_output "English steps" "value of RAM on 2025-03-01: 2.21"
expect_output "English values" "rule deuxieme_acte, if: false"
expect_output "English source" "series.session_number: 3 (source claim)"
expect_no_output "no French step" "valeur de RAM"

# diff in English: the properties' names too.
fixtures="$source_dir/tests/tools/diff"
expect_exit 1 "diff, English" "$cotation" --lang en diff "$fixtures/avant-avenant-7" "$fixtures/avenant-7"
expect_output "English property" "- value metropole"
expect_no_output "no French property" "- valeur metropole"
expect_no_output "no French colon" "- value metropole, from 2024-02-22 : "

summary

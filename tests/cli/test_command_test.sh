#!/usr/bin/env bash
# `cotation test`: the examples of a fixture rule set (tests/cli/test/regles, amounts computed
# by hand in its comments: 4 examples pass, 3 fail on purpose), the golden report in text,
# English and JSON, coverage, exit codes; then the shipped rules' examples all pass.
# Usage: test_command_test.sh COTATION_BINARY SOURCE_DIR
set -uo pipefail
cotation="$1"
source_dir="$2"
golden="$source_dir/tests/cli/test"
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

# Locations in the report are the paths as given: run from the fixture's directory.
cd "$golden" || exit 1
expect_exit 1 "failing examples" "$cotation" test regles
expect_golden "French report" "$golden/attendu.txt"
expect_exit 1 "English report" "$cotation" --lang en test regles
expect_golden "English report" "$golden/attendu.en.txt"
expect_exit 1 "JSON report with coverage" "$cotation" test regles --format json --coverage
expect_golden "JSON report" "$golden/attendu.json"
expect_exit 1 "coverage" "$cotation" test regles --coverage
tail -n 4 "$scratch/out" >"$scratch/coverage"
mv "$scratch/coverage" "$scratch/out"
expect_golden "what no example exercises" "$golden/couverture.txt"

# A failure shows the steps of its failing lines; those of the lines that pass on request. Two
# lines, a 3rd session of a 12-year-old: RAM 7.49 = 7.49 x 2.21 = 16.5529 -> 16.55 passes; RAM 7.5
# (déviation du rachis, under 18) = 16.575 -> 16.58, expected 16.57, fails.
mkdir -p "$scratch/deux"
cp regles/*.cot "$scratch/deux/"
cat >"$scratch/deux/deux_lignes.cot" <<'COT'
exemple deux_lignes "Deux lignes, la seconde en échec" {
  date 2024-03-04
  région métropole
  série.rang 3
  patient.âge 12
  ligne "RAM 7.49" : acceptée 16,55 €
  ligne "RAM 7.5" : acceptée 16,57 €
}
COT
expect_exit 1 "a failure with a line that passes" "$cotation" test "$scratch/deux"
sed -n '/deux_lignes/,/^[^ ]/p' "$scratch/out" >"$scratch/deux.txt"
expect_contains "the failing line's steps" "$scratch/deux.txt" "7.5 × 2.21 : 16.58"
if grep -qF "7.49 × 2.21" "$scratch/deux.txt"; then fail "the passing line's steps are shown"; else pass; fi
expect_contains "the steps left out are counted" "$scratch/deux.txt" "étape(s) des lignes réussies omise(s) : --all-steps les montre)"
expect_exit 1 "--all-steps" "$cotation" test "$scratch/deux" --all-steps
sed -n '/deux_lignes/,/^[^ ]/p' "$scratch/out" >"$scratch/deux.txt"
expect_contains "every step with --all-steps" "$scratch/deux.txt" "7.49 × 2.21 : 16.55"

expect_exit 0 "one file whose examples pass" "$cotation" test regles/sources.cot
expect_exit 3 "rules that do not compile" "$cotation" test "$source_dir/tests/compile/errors/exemple_champ_inconnu"
if grep -q "champ de facture inconnu : patient.age_ans" "$scratch/err"; then pass; else fail "compile errors on stderr"; fi
expect_exit 2 "test without a directory" "$cotation" test
expect_exit 2 "unknown format" "$cotation" test regles --format xml

expect_exit 0 "the shipped rules' examples pass" "$cotation" test "$source_dir/rules"
if grep -q " 0 en échec" "$scratch/out"; then pass; else fail "shipped rules: summary"; cat "$scratch/out"; fi

summary

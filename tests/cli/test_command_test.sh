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

expect_exit 0 "one file whose examples pass" "$cotation" test regles/sources.cot
expect_exit 3 "rules that do not compile" "$cotation" test "$source_dir/tests/compile/errors/exemple_champ_inconnu"
if grep -q "champ de facture inconnu : patient.age_ans" "$scratch/err"; then pass; else fail "compile errors on stderr"; fi
expect_exit 2 "test without a directory" "$cotation" test
expect_exit 2 "unknown format" "$cotation" test regles --format xml

expect_exit 0 "the shipped rules' examples pass" "$cotation" test "$source_dir/rules"
if grep -q " 0 en échec" "$scratch/out"; then pass; else fail "shipped rules: summary"; cat "$scratch/out"; fi

summary

#!/usr/bin/env bash
# `--as-signed` on every command that compiles rules (eval, explain, table, timeline, impact, test,
# scheme; diff has its own test): the same input read as consolidated (the default) and as
# signed, on the fixture tests/tools/table_rules, whose amendment report_2025 moves the +0.6 step
# of reval_ams (lombalgie, RAM 7.49) from 2025-07-01 to 2026-01-01. Worked out by hand:
#   on 2025-07-01, consolidated: RAM 7.49 in force, 7.49 x 2.21 = 16.5529 -> 16.55; RAM 8.09 not yet
#   on 2025-07-01, as signed:    RAM 8.09 in force, 8.09 x 2.21 = 17.8789 -> 17.88; RAM 7.49 no more
# Usage: as_signed_test.sh COTATION_BINARY SOURCE_DIR
set -uo pipefail
cotation="$1"
source_dir="$2"
rules="$source_dir/tests/tools/table_rules"
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

claim() {  # date code
  printf '{"id":"c","date":"%s","region":"metropole","place":"cabinet","patient":{"id":"p"},"lines":[{"code":"%s"}]}\n' "$1" "$2"
}
claim 2025-07-01 "RAM 8.09" >"$scratch/ram-8.09.jsonl"
claim 2025-07-01 "RAM 7.49" >"$scratch/ram-7.49.jsonl"

# eval: RAM 8.09 on 2025-07-01 is refused as consolidated, accepted at 17.88 as signed.
expect_exit 0 "eval, consolidated" "$cotation" eval --rules "$rules" "$scratch/ram-8.09.jsonl"
expect_output "eval, consolidated: RAM 8.09 not in force" '"decision":"refused"'
expect_output "eval, consolidated: the cotation in force is named" "la cotation en vigueur est RAM 7.49"
expect_exit 0 "eval --as-signed" "$cotation" eval --rules "$rules" --as-signed "$scratch/ram-8.09.jsonl"
expect_output "eval --as-signed: RAM 8.09 = 17.88" '"code":"RAM 8.09","decision":"accepted","amount":"17.88"'

# explain: the same claim, RAM 7.49: 16.55 as consolidated, not in force as signed.
expect_exit 0 "explain, consolidated" "$cotation" explain --rules "$rules" "$scratch/ram-7.49.jsonl"
expect_output "explain, consolidated: RAM 7.49 = 16.55" "ligne 1 « RAM 7.49 » : acceptée, 16.55 €"
expect_exit 0 "explain --as-signed" "$cotation" explain --rules "$rules" --as-signed "$scratch/ram-7.49.jsonl"
expect_output "explain --as-signed: RAM 7.49 replaced by RAM 8.09" "la cotation en vigueur est RAM 8.09"
expect_no_output "explain --as-signed: no 16.55" "16.55 €"

# table on 2025-07-01: lombalgie RAM 7.49 16.55 as consolidated, RAM 8.09 17.88 as signed.
expect_exit 0 "table, consolidated" "$cotation" table --rules "$rules" --date 2025-07-01
expect_output "table, consolidated" "| Rééducation d'une lombalgie commune | lombalgie | AMS 7.5 (plus admise depuis le 2024-06-01) | RAM 7.49 | 16,55 € |  |"
expect_exit 0 "table --as-signed" "$cotation" table --rules "$rules" --date 2025-07-01 --as-signed
expect_output "table --as-signed" "| Rééducation d'une lombalgie commune | lombalgie | AMS 7.5 (plus admise depuis le 2024-06-01) | RAM 8.09 | 17,88 € |  |"

# timeline: RAM 8.09 from 2026-01-01, the step moved by report_2025, or from 2025-07-01 as signed.
expect_exit 0 "timeline, consolidated" "$cotation" timeline --rules "$rules" lombalgie
expect_output "timeline, consolidated: RAM 8.09 from 2026-01-01" "2026-01-01 → 2027-06-30 : RAM 8.09, revalorisation reval_ams (+0.6)"
expect_output "timeline, consolidated: the move is told" "date reportée du 2025-07-01 au 2026-01-01 par l'amendement report_2025"
expect_exit 0 "timeline --as-signed" "$cotation" timeline --rules "$rules" lombalgie --as-signed
expect_output "timeline --as-signed: RAM 8.09 from 2025-07-01" "2025-07-01 → 2027-06-30 : RAM 8.09, revalorisation reval_ams (+0.6)"
expect_no_output "timeline --as-signed: no move" "date reportée"

# test: an example written for the consolidated reading passes as such and fails as signed.
mkdir "$scratch/with-example"
cp "$rules"/*.cot "$scratch/with-example/"
cat >"$scratch/with-example/exemples.cot" <<'EOF'
# RAM 7.49 x 2,21 = 16,5529 -> 16,55 : l'étape du 2025-07-01 est reportée au 2026-01-01.
exemple lombalgie_juillet_2025 "Lombalgie le 1er juillet 2025" {
  date 2025-07-01
  région métropole
  ligne "RAM 7.49" : acceptée 16,55 €
}
EOF
expect_exit 0 "test, consolidated" "$cotation" test "$scratch/with-example"
expect_exit 1 "test --as-signed: the example fails" "$cotation" test "$scratch/with-example" --as-signed
expect_output "test --as-signed names the example" "lombalgie_juillet_2025"

# impact: the fixture against a copy without the amendment. Consolidated, the copy (which reads
# as signed) refuses RAM 7.49 on 2025-07-01 that the fixture accepts: one claim changes. As
# signed, both sides read alike: nothing changes.
mkdir "$scratch/without-amendment"
cp "$rules"/*.cot "$scratch/without-amendment/"
python3 - "$scratch/without-amendment/actes.cot" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
open(path, "w", encoding="utf-8").write(re.sub(r"amendement report_2025 .*?\n}\n", "", text, flags=re.S))
PY
expect_exit 1 "impact, consolidated: one claim changes" \
  "$cotation" impact --format json "$scratch/without-amendment" "$rules" "$scratch/ram-7.49.jsonl"
expect_output "impact, consolidated: 0.00 -> 16.55" '"16.55"'
expect_exit 0 "impact --as-signed: nothing changes" \
  "$cotation" impact --format json --as-signed "$scratch/without-amendment" "$rules" "$scratch/ram-7.49.jsonl"

# scheme: no amendment of the shipped rules touches a `dispositif`; the option is accepted and
# the results are the same in both readings (exit 1: the situations hold malformed lines on purpose),
# but for the rule_set hash, which names the reading: never the same for both.
expect_exit 1 "scheme, consolidated" "$cotation" scheme --rules "$source_dir/rules" "$source_dir/tests/cli/scheme/situations.jsonl"
cp "$scratch/out" "$scratch/scheme.jsonl"
expect_exit 1 "scheme --as-signed" "$cotation" scheme --rules "$source_dir/rules" --as-signed "$source_dir/tests/cli/scheme/situations.jsonl"
without_hash() { sed 's/"rule_set":"[^"]*"/"rule_set":"HASH"/' "$1"; }
expect_same_file "scheme: the same results in both readings" <(without_hash "$scratch/scheme.jsonl") <(without_hash "$scratch/out")
consolidated_hash=$(grep -o '"rule_set":"[^"]*"' "$scratch/scheme.jsonl" | sort -u)
signed_hash=$(grep -o '"rule_set":"[^"]*"' "$scratch/out" | sort -u)
if [ -n "$consolidated_hash" ] && [ "$consolidated_hash" != "$signed_hash" ]; then
  pass
else
  fail "scheme: the two readings share the rule_set hash $consolidated_hash"
fi

# The help of each command lists the option.
for command in eval explain table timeline impact test scheme diff; do
  expect_exit 0 "$command --help" "$cotation" "$command" --help
  expect_output "$command --help lists --as-signed" "--as-signed"
done

summary

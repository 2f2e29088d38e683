#!/usr/bin/env bash
# `cotation explain`: golden trees (text, French and English) and data (json) on the fixture
# rule set tests/evaluate/rules, stdin, and exit codes.
# Usage: explain_command_test.sh COTATION_BINARY SOURCE_DIR
#
# The claims of tests/cli/explain/claims.jsonl, decided from the fixture by hand (letter values
# in lettres.cot, items in forfaits.cot, rules in regles.cot):
#   e1  at home, 7.3 km outside the agglomeration: RAM 7.49 = 7.49 x 2.21 = 16.5529 -> 16.55;
#       IFD 2.50; IK (2 x 7.3 - 2 x 2) x 0.38 = 10.6 x 0.38 = 4.028 -> 4.03;
#       total 16.55 + 2.50 + 4.03 = 23.08, accepted
#   e2  telehealth: RAM 16.55 accepted, IFD refused by telesoin_deplacement; the claim is
#       refused, its total the accepted line's, 16.55
#   e3  16th session of the series (lombalgie referential: prior approval beyond 15): the line
#       keeps its amount 16.55 and needs prior approval; total 0.00 (no accepted line)
#   e4  negative distance: invalid record, with the field and why
# Every step sits under the line that needed it: the cotation, the letter's value and the
# product under line 1; the place, the IFD condition and value under line 2; the IK
# parameters, the distance and the computation under line 3.
set -uo pipefail
cotation="$1"
source_dir="$2"
rules="$source_dir/tests/evaluate/rules"
golden="$source_dir/tests/cli/explain"
claims="$golden/claims.jsonl"
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

expect_same_file() {  # description expected actual
  if diff -u "$2" "$3" >"$scratch/diff"; then pass; else fail "$1"; head -c 3000 "$scratch/diff"; fi
}

expect_exit 1 "an invalid record exits 1" "$cotation" explain --rules "$rules" "$claims"
expect_same_file "the French tree" "$golden/expected.txt" "$scratch/out"
# The amounts of the comment above, where the tree must show them.
for part in "facture e1 — 2025-03-01, métropole : acceptée, total 23.08 €" "├─ ligne 1 « RAM 7.49 » : acceptée, 16.55 €" \
  "├─ ligne 2 « IFD » : acceptée, 2.50 €" "└─ ligne 3 « IK » : acceptée, 4.03 €" "calcul de IK : 4.03" \
  "facture e2 — 2025-03-01, métropole : refusée, total 16.55 €" "└─ ligne 2 « IFD » : refusée" \
  "facture e3 — 2025-03-01, métropole : soumise à accord préalable, total 0.00 €" \
  "└─ ligne 1 « RAM 7.49 » : soumise à accord préalable, 16.55 €" "facture e4 : invalide" \
  "└─ motif : travel.distance_km : une distance ne peut pas être négative (-3)"; do
  if grep -qF -- "$part" "$scratch/out"; then pass; else fail "the tree lacks: $part"; fi
done

expect_exit 1 "--lang en" "$cotation" --lang en explain --rules "$rules" "$claims"
expect_same_file "the English tree" "$golden/expected_en.txt" "$scratch/out"

# The json records carry the rule set's hash: checked apart (one, non-empty), then replaced.
expect_exit 1 "--format json" "$cotation" explain --rules "$rules" --format json "$claims"
hashes=$(grep -o '"rule_set":"[^"]*"' "$scratch/out" | sort -u)
if [ "$(printf '%s\n' "$hashes" | grep -c '"rule_set":"fnv1a64:[0-9a-f]*"')" -eq 1 ]; then
  pass
else
  fail "one rule_set hash on every record: $hashes"
fi
sed 's/"rule_set":"[^"]*"/"rule_set":"HASH"/' "$scratch/out" >"$scratch/json"
expect_same_file "the json records" "$golden/expected.jsonl" "$scratch/json"

"$cotation" explain --rules "$rules" - <"$claims" >"$scratch/stdin.out" 2>/dev/null
expect_same_file "- reads stdin" "$golden/expected.txt" "$scratch/stdin.out"

head -n 3 "$claims" >"$scratch/valid.jsonl"
expect_exit 0 "refusals and prior approvals are not failures" "$cotation" explain --rules "$rules" "$scratch/valid.jsonl"
expect_exit 2 "an unknown format" "$cotation" explain --rules "$rules" --format xml "$claims"
expect_exit 2 "a claims file that does not exist" "$cotation" explain --rules "$rules" "$scratch/nowhere.jsonl"
broken_rules "$rules" "$scratch/broken"
expect_exit 3 "a rule set with an error" "$cotation" explain --rules "$scratch/broken" "$claims"
if [ ! -s "$scratch/out" ]; then pass; else fail "no explanation from a broken rule set"; fi

summary

#!/usr/bin/env bash
# `cotation impact`: the small corpus tests/tools/diff/impact/claims.jsonl under the rules before
# avenant 7 (tests/tools/diff/avant-avenant-7) and under avenant 7 (tests/tools/diff/avenant-7),
# every figure worked out by hand from the documents before running the command:
#   c1 2024-01-15 AMS 7.5 metropole: before 7.5 x 2.15 = 16.125 -> 16.13 accepted; after, AMS 7.5
#      is accepted only 2024-02-22..2024-05-31 and RAM has no value yet: refused (accepted -> refused)
#   c2 2024-03-01 AMS 7.5 metropole: before 16.13; after, in the transition at the new value
#      7.5 x 2.21 = 16.575 -> 16.58 (same decision, another total)
#   c3 2024-03-01 AMS 7.5 drom: before 7.5 x 2.36 = 17.70; after 7.5 x 2.43 = 18.225 -> 18.23 (total)
#   c4 2024-07-01 RAM 7.49: before unknown, refused; after 7.49 x 2.21 = 16.5529 -> 16.55 (refused -> accepted)
#   c5 2024-07-01 AMS 7.5: before 16.13; after the transition: refused (accepted -> refused)
#   c6 2024-07-01 AMS 9.5: before 9.5 x 2.15 = 20.425 -> 20.43; after unknown: refused (accepted -> refused)
#   c7 XYZ 1: refused under both, unchanged; c8: broken JSON, invalid under both
#   c9 2026-01-02 RAM 8.09 (7.49 + 0.6 from 2026-01-01): before unknown; after 8.09 x 2.21 = 17.8789
#      -> 17.88 (refused -> accepted)
#   total before 16.13 + 16.13 + 17.70 + 16.13 + 20.43 = 86.52
#   total after  16.58 + 18.23 + 16.55 + 17.88 = 69.24
#   by act (named by the old rules, else the new): ams_7_5 c1 c2 c3 c5: 66.09 -> 16.58 + 18.23 = 34.81;
#   ams_9_5 c6: 20.43 -> 0.00; lombalgie_commune c4 c9: 0.00 -> 16.55 + 17.88 = 34.43; XYZ 1 unknown.
# Usage: impact_command_test.sh COTATION_BINARY SOURCE_DIR
set -uo pipefail
cotation="$1"
source_dir="$2"
fixtures="$source_dir/tests/tools/diff"
claims="$fixtures/impact/claims.jsonl"
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

expect_exit 1 "avant -> avenant 7" "$cotation" impact --format json --examples 2 "$fixtures/avant-avenant-7" "$fixtures/avenant-7" "$claims"
cp "$scratch/out" "$scratch/report.json"
if python3 - "$scratch/report.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
expected = {
    "claims": 9, "invalid": 1, "changed_claims": 7,
    "changed": {"decision accepted -> refused": 3, "decision refused -> accepted": 2, "total": 2},
    "total_before": "86.52", "total_after": "69.24",
}
problems = [f"{k}: {report.get(k)!r}, expected {v!r}" for k, v in expected.items() if report.get(k) != v]
by_act = {row["act"]: (row["lines"], row["changed_lines"], row["before"], row["after"]) for row in report["by_act"]}
wanted = {"acte ams_7_5": (4, 4, "66.09", "34.81"), "acte ams_9_5": (1, 1, "20.43", "0.00"),
          "acte lombalgie_commune": (2, 2, "0.00", "34.43"), "code inconnu": (1, 0, "0.00", "0.00")}
if by_act != wanted:
    problems.append(f"by act: {by_act}")
articles = {row["article"].rsplit(", ", 1)[-1]: (row["before"], row["after"]) for row in report["by_article"]}
if articles.get("article 1er") != ("86.52", "34.81") or articles.get("article 1er A") != ("0.00", "34.43"):
    problems.append(f"by article: {articles}")
examples = report["examples"]
ids = {kind: [e["before"]["id"] for e in examples[kind]] for kind in examples}
if ids != {"decision accepted -> refused": ["c1", "c5"], "decision refused -> accepted": ["c4", "c9"], "total": ["c2", "c3"]}:
    problems.append(f"examples: {ids}")
c2 = examples["total"][0]
if c2["line"] != 2 or c2["before"]["total"] != "16.13" or c2["after"]["total"] != "16.58" or not c2["after_explanation"]:
    problems.append(f"example c2: {c2}")
print("\n".join(problems))
sys.exit(1 if problems else 0)
PY
then pass; else fail "the figures worked out by hand"; fi

# The same report whatever the number of threads.
"$cotation" impact --format json --jobs 1 "$fixtures/avant-avenant-7" "$fixtures/avenant-7" "$claims" >"$scratch/one"
"$cotation" impact --format json --jobs 3 "$fixtures/avant-avenant-7" "$fixtures/avenant-7" "$claims" >"$scratch/three"
if cmp -s "$scratch/one" "$scratch/three"; then pass; else fail "--jobs 1 and --jobs 3 differ"; fi

expect_exit 1 "markdown" "$cotation" impact --examples 1 "$fixtures/avant-avenant-7" "$fixtures/avenant-7" "$claims"
expect_output "totals" "| montant total | 86.52 | 69.24 |"
expect_output "changed claims" "Factures qui changent : 7 (écart du total -17.28)."
expect_output "by act" "| acte ams_7_5 | 4 | 4 | 66.09 | 34.81 | -31.28 |"
expect_output "an example with its explanation" "- facture c2 (ligne 2)"
expect_output "the explanation's steps" "7.5 × 2.21 : 16.58"
# An example shows the steps that differ before and after; the others on request. Avenant 7 with
# RAM at 2.25 € instead of 2.21 € in metropolitan France: c4 (RAM 7.49 on 2024-07-01) is
# 7.49 x 2.21 = 16.5529 -> 16.55 before, 7.49 x 2.25 = 16.8525 -> 16.85 after; its cotation, its
# session number and count (claim), its line rank are the same steps on both sides.
mkdir -p "$scratch/ram"
cp -r "$fixtures/avenant-7/." "$scratch/ram/"
sed -i '/^lettre RAM/,/^}/s/valeur 2.21 € en metropole/valeur 2.25 € en metropole/' "$scratch/ram/lettres-cles.cot"
expect_exit 1 "differing steps" "$cotation" impact "$fixtures/avenant-7" "$scratch/ram" "$claims"
sed -n '/facture c4/,/^- facture\|^###/p' "$scratch/out" >"$scratch/c4"
expect_contains "the value before" "$scratch/c4" "7.49 × 2.21 : 16.55"
expect_contains "the value after" "$scratch/c4" "7.49 × 2.25 : 16.85"
if grep -qF "cotation de « " "$scratch/c4"; then fail "the cotation, the same on both sides, is shown"; else pass; fi
expect_contains "the shared steps are counted" "$scratch/c4" \
  "étape(s) identique(s) avant et après, omise(s) (--all-steps les montre)"
expect_exit 1 "--all-steps" "$cotation" impact --all-steps "$fixtures/avenant-7" "$scratch/ram" "$claims"
sed -n '/facture c4/,/^- facture\|^###/p' "$scratch/out" >"$scratch/c4"
expect_contains "--all-steps shows the shared steps" "$scratch/c4" "cotation de « "
if grep -qF "omise(s)" "$scratch/out"; then fail "--all-steps leaves steps out"; else pass; fi
# Decisions in French in a French report.
expect_exit 1 "markdown, decisions" "$cotation" impact "$fixtures/avant-avenant-7" "$fixtures/avenant-7" "$claims"
expect_output "decisions in French" "### décision acceptée → refusée"
if grep -qE "décision (accepted|refused)|: accepted|: refused" "$scratch/out"; then fail "English decisions in French"; else pass; fi
expect_exit 1 "English" "$cotation" --lang en impact "$fixtures/avant-avenant-7" "$fixtures/avenant-7" "$claims"
expect_output "English totals" "| total amount | 86.52 | 69.24 |"

expect_exit 0 "the same rules: nothing changes" "$cotation" impact "$fixtures/avenant-7" "$fixtures/avenant-7-reformate" "$claims"
expect_output "no change" "Factures qui changent : 0"
expect_exit 2 "a claims file that cannot be read" "$cotation" impact "$fixtures/avenant-7" "$fixtures/avenant-7" "$scratch/none.jsonl"
expect_exit 2 "a missing argument" "$cotation" impact "$fixtures/avenant-7" "$fixtures/avenant-7"
mkdir -p "$scratch/broken"
printf 'acte x "x" {\n  cotation ZZZ 1 selon s "x"\n}\n' >"$scratch/broken/x.cot"
expect_exit 3 "rules that do not compile" "$cotation" impact "$scratch/broken" "$fixtures/avenant-7" "$claims"
expect_exit 0 "help" "$cotation" impact --help
expect_output "help shows an example" "Exemple : cotation impact v1.2:rules rules factures.jsonl"

summary

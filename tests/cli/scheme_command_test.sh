#!/usr/bin/env bash
# `cotation scheme`: the shipped convention mechanisms (rules/convention/) evaluated for the
# situations of tests/cli/scheme/situations.jsonl, one record per line, malformed ones too.
# Usage: scheme_command_test.sh COTATION_BINARY SOURCE_DIR
#
# tests/cli/scheme/expected.jsonl was written by hand; each of its objects gives the fields
# (a subset) the record of the same line must have:
#   m-tout: every indicator, 70 % is enough (>= 70 %): 490 + 100 + 350 + 175 = 1 115
#   m-sans-scor: indicator 3 missing: 0 (490 and 100 need the prerequisites; no equipment)
#   caccmk signed 2024-03-01: 30 000 at the signature, 9 000 in 2026, 5 000 in 2027 and 2028:
#     30 000 + 9 000 + 5 000 + 5 000 = 49 000
#   stagiaire-mi-temps: 300 x 2 months x 50 % = 300
#   cpd-non: ceding MK with 900 < 1 200 acts, CPD against: not granted
#   flottant: a decimal written as a JSON number, read from its text: 300 x 2.5 months x 50 %
#     = 375 (shown "375.00": the product's third decimal is a zero)
#   casse: truncated JSON; exposant: 2.5e0 (a decimal is written without exponent); tableau:
#   a fact that is an array; fait-manquant: the evaluation needs engagements_socles;
#   date-fausse: 30 February
set -uo pipefail
cotation="$1"
source_dir="$2"
golden="$source_dir/tests/cli/scheme"
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

expect_exit 1 "invalid records give exit 1" "$cotation" scheme --rules "$source_dir/rules" "$golden/situations.jsonl"
if python3 - "$golden/expected.jsonl" "$scratch/out" <<'PY'; then pass; else fail "records differ from expected.jsonl"; fi
import json, sys
expected = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
actual = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8")]
def subset(e, a, where):
    if isinstance(e, dict):
        if not isinstance(a, dict):
            return [f"{where}: {a!r} is not an object"]
        return [p for k, v in e.items() for p in (subset(v, a[k], f"{where}.{k}") if k in a else [f"{where}.{k} missing"])]
    if isinstance(e, list):
        if not isinstance(a, list) or len(a) != len(e):
            return [f"{where}: {a!r} has not {len(e)} items"]
        return [p for i, (x, y) in enumerate(zip(e, a)) for p in subset(x, y, f"{where}[{i}]")]
    return [] if e == a else [f"{where}: {a!r}, expected {e!r}"]
problems = [] if len(expected) == len(actual) else [f"{len(actual)} records, expected {len(expected)}"]
for i, (e, a) in enumerate(zip(expected, actual)):
    problems += subset(e, a, f"line {i + 1}")
    if "rule_set" not in a:
        problems.append(f"line {i + 1}: no rule_set")
print("\n".join(problems))
sys.exit(1 if problems else 0)
PY

head -n 5 "$golden/situations.jsonl" >"$scratch/valid.jsonl"
expect_exit 0 "every situation evaluated: exit 0" "$cotation" scheme --rules "$source_dir/rules" - <"$scratch/valid.jsonl"
expect_exit 2 "a situation file that does not exist" "$cotation" scheme --rules "$source_dir/rules" "$scratch/none.jsonl"
expect_exit 2 "a rule directory that does not exist" "$cotation" scheme --rules "$scratch/none" "$golden/situations.jsonl"
expect_exit 0 "--help" "$cotation" scheme --help
expect_contains "the help gives an example" "$scratch/out" "Exemple : cotation scheme"

summary

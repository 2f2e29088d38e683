#!/usr/bin/env bash
# `cotation diff`: whole goldens on the fixture pairs of tests/tools/diff, meaningful lines on the
# shipped rules (which other work extends), the --at mode, git revisions and exit codes.
# Usage: diff_command_test.sh COTATION_BINARY SOURCE_DIR
#
# The goldens tests/cli/diff/*.md were read line by line against the fixtures and the documents:
#   avant-avenant-7 -> avenant-7: AMK, AMC, AMS 2.15 € -> 2.21 € (metropole) and 2.36 € -> 2.43 €
#     (drom) from 2024-02-22 (seeds 003, 001 -> 002); the 20 letters of avenant 7 and TMK
#     added; AMS 7.5 (old act ams_7_5) recoded RAM 7.49, RAM 7.48, RAM 7.51, RAO 7.49 with the old
#     code accepted 2024-02-22..2024-05-31 (seeds 000, 002); the old acts AMS 9.5 and AMK 6 gone;
#     the group anciens_ams_7_5 added with its four acts (avenant-7/titre-xiv/article-1.cot).
#   seuils/avant -> seuils/apres: each change written in seuils/apres/regles.cot, one line each.
#   groupes/avant -> groupes/apres: a3 joins the group g, which two rules read: the group shows
#     "+ acte a3" once, neither rule changes; a4 joins the list of the rule `liste`: "+ acte a4",
#     not the whole list before and after. Two elements changed.
set -uo pipefail
cotation="$1"
source_dir="$2"
fixtures="$source_dir/tests/tools/diff"
golden="$source_dir/tests/cli/diff"
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

# ---------------------------------------------------------------- no difference
expect_exit 0 "the shipped rules against themselves" "$cotation" diff "$source_dir/rules" "$source_dir/rules"
expect_output "empty diff" "Aucune différence de sens."
expect_exit 0 "a fixture against its reordered, reformatted copy" "$cotation" diff "$fixtures/avenant-7" "$fixtures/avenant-7-reformate"
expect_output "empty diff" "Aucune différence de sens."
# The shipped rules in one file, declarations in reverse file order, comment lines dropped.
mkdir -p "$scratch/one"
find "$source_dir/rules" -name '*.cot' | sort -r | while read -r file; do grep -v '^[[:space:]]*#' "$file"; echo; done >"$scratch/one/tout.cot"
expect_exit 0 "the shipped rules against a one-file copy without comments" "$cotation" diff "$source_dir/rules" "$scratch/one"
expect_exit 0 "English" "$cotation" --lang en diff "$source_dir/rules" "$source_dir/rules"
expect_output "empty diff in English" "No difference in meaning."

# ---------------------------------------------------------------- fixture pairs, whole goldens
expect_exit 1 "before avenant 7 against avenant 7" "$cotation" diff "$fixtures/avant-avenant-7" "$fixtures/avenant-7"
sed -i "s|$fixtures/||g" "$scratch/out"
expect_golden "avant-avenant-7 -> avenant-7" "$golden/avant-avenant-7.md"
expect_exit 1 "thresholds, conditions, computations, rules" "$cotation" diff "$fixtures/seuils/avant" "$fixtures/seuils/apres"
sed -i "s|$fixtures/||g" "$scratch/out"
expect_golden "seuils/avant -> seuils/apres" "$golden/seuils.md"
expect_exit 1 "JSON" "$cotation" diff --format json "$fixtures/seuils/avant" "$fixtures/seuils/apres"
sed -i "s|$fixtures/||g" "$scratch/out"
expect_golden "seuils as JSON" "$golden/seuils.json"

expect_exit 1 "a member added to a group and to a list" "$cotation" diff "$fixtures/groupes/avant" "$fixtures/groupes/apres"
sed -i "s|$fixtures/||g" "$scratch/out"
expect_golden "groupes/avant -> groupes/apres" "$golden/groupes.md"
expect_exit 1 "members as JSON" "$cotation" diff --format json "$fixtures/groupes/avant" "$fixtures/groupes/apres"
if python3 - "$scratch/out" <<'PY'; then pass; else fail "the members added, in JSON"; fi
import json, sys
diff = json.load(open(sys.argv[1]))
members = {(e["kind"], e["name"]): [(p["property"], c.get("added_members"), c.get("removed_members"))
                                    for p in e["properties"] for c in p["changes"]] for e in diff["elements"]}
expected = {("group", "g"): [("membres", ["acte a3"], [])], ("rule", "liste"): [("pour", ["acte a4"], [])]}
if members != expected:
    print(members)
    sys.exit(1)
PY

# ---------------------------------------------------------------- the shipped rules
# Before avenant 7 against rules/: the lines that must be there whatever acts are added.
expect_exit 1 "before avenant 7 against the shipped rules" "$cotation" diff --format json "$fixtures/avant-avenant-7" "$source_dir/rules"
cp "$scratch/out" "$scratch/shipped.json"
if python3 - "$scratch/shipped.json" "$source_dir/rules" <<'PY'
import json, pathlib, re, sys
diff = json.load(open(sys.argv[1]))
elements = {(e["kind"], e["name"]): e for e in diff["elements"]}
problems = []
# The 20 key letters of avenant 7 (seeds 000 and 002), added.
for letter in "APM ARL DRA NMI PLL RAB RAM RAO RAV RIC RIM RPB RPE RSC RSM TER VIC VIM VSC VSM".split():
    if elements.get(("letter", letter), {}).get("status") != "added":
        problems.append(f"letter {letter} not added")
# AMS, AMK, AMC revalued on 2024-02-22: 2.15 -> 2.21 metropole, 2.36 -> 2.43 overseas (seeds 003, 001, 002).
for letter in ["AMK", "AMC", "AMS"]:
    properties = {p["property"]: p["changes"] for p in elements.get(("letter", letter), {}).get("properties", [])}
    for region, old, new in [("metropole", "2.15 €", "2.21 €"), ("drom", "2.36 €", "2.43 €")]:
        wanted = {"since": "2024-02-22", "until": None, "kind": "revalued", "before": old, "after": new}
        if not any(all(c[k] == v for k, v in wanted.items()) for c in properties.get(f"valeur {region}", [])):
            problems.append(f"{letter} {region}: no revaluation {old} -> {new} from 2024-02-22")
# Every act of rules/ that replaces AMS 7.5, AMS 9.5 or AMK 6 is a recoding of the old act.
old_acts = {"AMS 7.5": "ams_7_5", "AMS 9.5": "ams_9_5", "AMK 6": "reeducation_marche"}
recoded = {(r["old_code"], r["act"]) for r in diff["recodings"]}
for file in pathlib.Path(sys.argv[2]).rglob("*.cot"):
    act = None
    for line in file.read_text().splitlines():
        if m := re.match(r"acte (\w+) ", line):
            act = m.group(1)
        m = re.match(r"\s*remplace (\w+) ([\d.,]+)", line)
        if act and m:
            code = f"{m.group(1)} {float(m.group(2).replace(',', '.')):g}"
            if code in old_acts and (code, act) not in recoded:
                problems.append(f"no recoding {code} -> {act}")
if ("AMS 7.5", "lombalgie_commune") not in recoded:
    problems.append("no recoding AMS 7.5 -> lombalgie_commune")
print("\n".join(problems))
sys.exit(1 if problems else 0)
PY
then pass; else fail "the shipped rules: expected lines"; fi

# --at: what changes in force. As signed, the +0.6 of the acts formerly AMS 7.5 falls on 2025-07-01
# (seed 002: RAM 7.49 -> 8.09, 7.48 -> 8.08, 7.51 -> 8.11, RAO 7.49 -> 8.09) and IFO, IFR, IFN,
# IFP end on 2025-06-30; consolidated, the alert committee's amendment moves both to 2026-01-01.
check_revalued() {  # description: every act listed changes in force that day, and the four of article 1 are there
  if python3 - "$scratch/out" <<'PY'
import json, sys
diff = json.load(open(sys.argv[1]))
problems = []
acts = {e["name"]: e for e in diff["elements"] if e["kind"] == "act"}
for name, old, new in [("lombalgie_commune", "RAM 7.49", "RAM 8.09"), ("traumatisme_rachis_cervical", "RAM 7.48", "RAM 8.08"),
                       ("rachis_lombo_sacre_sans_chirurgie", "RAM 7.51", "RAM 8.11"),
                       ("rachis_lombo_sacre_avec_chirurgie", "RAO 7.49", "RAO 8.09")]:
    changes = [c for p in acts.get(name, {}).get("properties", []) if p["property"] == "cotation" for c in p["changes"]]
    if not any(c["before"] == old and c["after"] == new and c["kind"] == "revalued" for c in changes):
        problems.append(f"{name}: no {old} -> {new}")
for name, element in acts.items():
    kinds = {c["kind"] for p in element["properties"] for c in p["changes"]}
    # An act listed changes on that date: revalued, removed, or created that day.
    if element["status"] == "changed" and not kinds <= {"revalued", "removed", "added", "source"}:
        problems.append(f"{name}: changes other than a revaluation, a removal or a creation: {kinds}")
items = {e["name"]: e for e in diff["elements"] if e["kind"] == "item"}
for code in ["IFO", "IFR", "IFN", "IFP"]:
    changes = [c for p in items.get(code, {}).get("properties", []) for c in p["changes"]]
    if not changes or any(c["kind"] != "removed" or c["before"] != "4.00 €" for c in changes):
        problems.append(f"{code}: not removed")
print("\n".join(problems))
sys.exit(1 if problems else 0)
PY
  then pass; else fail "$1"; fi
}
expect_exit 1 "as signed, 2025-06-30 -> 2025-07-01" "$cotation" diff --as-signed --at 2025-06-30 --at 2025-07-01 --format json "$source_dir/rules"
check_revalued "as signed, 2025-07-01"
expect_exit 1 "consolidated, 2025-12-31 -> 2026-01-01" "$cotation" diff --at 2025-12-31 --at 2026-01-01 --format json "$source_dir/rules"
check_revalued "consolidated, 2026-01-01"
"$cotation" diff --at 2025-06-30 --at 2025-07-01 "$source_dir/rules" >"$scratch/out" 2>"$scratch/err"
expect_no_output "consolidated, nothing of article 1 moves on 2025-07-01" "### lombalgie_commune"
expect_exit 1 "markdown of a date" "$cotation" diff --at 2025-12-31 --at 2026-01-01 "$source_dir/rules"
expect_output "the revaluation, as rule text" "- cotation : RAM 7.49 → RAM 8.09 (revalorisation)"
expect_output "the titles" "# Différences de sens : $source_dir/rules le 2025-12-31 → $source_dir/rules le 2026-01-01"

# 2024-02-22, the key-letter revaluation of avenant 7 (seed 002): 2.15 -> 2.21 and 2.36 -> 2.43.
expect_exit 1 "the revaluation of 2024-02-22" "$cotation" diff --at 2024-02-21 --at 2024-02-22 "$source_dir/rules"
sed -n '/^### AMS /,/^###/p' "$scratch/out" >"$scratch/ams"
if grep -qF -- "- valeur metropole : 2.15 € → 2.21 € (revalorisation)" "$scratch/ams" &&
   grep -qF -- "- valeur drom : 2.36 € → 2.43 € (revalorisation)" "$scratch/ams"; then pass; else fail "AMS on 2024-02-22"; fi
expect_output "RAM gets its value" "- valeur metropole : — → 2.21 € (ajout)"

# ---------------------------------------------------------------- git revisions
# A repository of its own: its first commit holds the fixture before avenant 7, its second a
# rule set that does not compile.
if command -v git >/dev/null; then
  repository="$scratch/repository"
  mkdir -p "$repository/rules"
  cp "$fixtures/avant-avenant-7/"*.cot "$repository/rules/"
  git_quiet() { git -C "$repository" -c user.name=test -c user.email=test@example.org "$@" >/dev/null 2>&1; }
  git_quiet init && git_quiet add rules && git_quiet commit -m avant && git_quiet tag v1
  printf 'lettre AMS "x" {\n  valeur 2.15 € selon inconnue "x"\n}\n' >"$repository/rules/casse.cot"
  git_quiet add rules && git_quiet commit -m casse
  (cd "$repository" && "$cotation" diff v1:rules "$fixtures/avant-avenant-7" >"$scratch/out" 2>"$scratch/err")
  if [ $? -eq 0 ]; then pass; else fail "a tagged revision against the same files"; cat "$scratch/err"; fi
  (cd "$repository" && "$cotation" diff --format json v1:rules "$fixtures/avenant-7" >"$scratch/out" 2>"$scratch/err")
  if [ $? -eq 1 ] && grep -qF '"before": "v1:rules"' "$scratch/out"; then pass; else fail "a revision named in the report"; fi
  (cd "$repository" && "$cotation" diff HEAD:rules v1:rules >"$scratch/out" 2>"$scratch/err")
  if [ $? -eq 3 ]; then pass; else fail "a revision that does not compile: exit 3 expected"; fi
  expect_error "its diagnostics name the revision" "HEAD:rules/casse.cot:2:"
  (cd "$repository" && "$cotation" diff no-such-revision-xyz:rules v1:rules >"$scratch/out" 2>"$scratch/err")
  if [ $? -eq 2 ]; then pass; else fail "an unknown revision: exit 2 expected"; fi
  expect_error "an unknown revision" "git ne peut pas extraire no-such-revision-xyz:rules"
fi
expect_exit 2 "git missing" env PATH=/nonexistent "$cotation" diff HEAD:rules "$source_dir/rules"
expect_error "git missing" "git est introuvable"

# ---------------------------------------------------------------- usage and rule errors
expect_exit 2 "one rule set without --at" "$cotation" diff "$source_dir/rules"
expect_error "one rule set" "on attend deux ensembles de règles"
expect_exit 2 "one --at" "$cotation" diff --at 2025-06-30 "$source_dir/rules"
expect_error "one --at" "--at s'écrit deux fois"
expect_exit 2 "a date that does not exist" "$cotation" diff --at 2025-02-30 --at 2025-07-01 "$source_dir/rules"
expect_error "a date that does not exist" "2025-02-30 n'est pas une date"
expect_exit 2 "an unknown format" "$cotation" diff --format xml "$source_dir/rules" "$source_dir/rules"
mkdir -p "$scratch/broken"
printf 'lettre AMS "x" {\n  valeur 2.15 € selon inconnue "x"\n}\n' >"$scratch/broken/x.cot"
expect_exit 3 "a side that does not compile" "$cotation" diff "$scratch/broken" "$source_dir/rules"
expect_error "its diagnostics" "x.cot:2:"
expect_exit 0 "help" "$cotation" diff --help
expect_output "help shows an example" "Exemples : cotation diff v1.2:rules rules"

summary

#!/usr/bin/env bash
# `cotation eval`: golden output on the fixture rule set tests/evaluate/rules, one output record
# per input line whatever the line holds, --jobs, --explain, stdin and exit codes.
# Usage: eval_command_test.sh COTATION_BINARY SOURCE_DIR
#
# tests/cli/eval/expected.jsonl was written by hand, each decision and amount decided from the
# fixture before running the engine ("rule_set" is replaced by HASH, checked apart):
#   c1  RAM 7.49 = 7.49 x 2.21 = 16.5529 -> 16.55; IFD 2.50; IK (2 x 7.3 - 2 x 2) x 0.38
#       = 10.6 x 0.38 = 4.028 -> 4.03; total 16.55 + 2.50 + 4.03 = 23.08
#   c2  overseas: 7.49 x 2.43 = 18.2007 -> 18.20; IFD 2.50; 10.6 x 0.43 = 4.558 -> 4.56;
#       total 18.20 + 2.50 + 4.56 = 25.26
#   c3  telehealth: IFD refused by telesoin_deplacement; total = RAM 16.55
#   c4  16th session of the series: prior approval (lombalgie referential), amount kept
#       16.55, total 0.00 (no accepted line)
#   c5  bad JSON, c6 no lines, c7 no id, c8 a line without code, c10 2023-02-29, c11 negative
#       distance, line 12 empty, c21 misspelt field: invalid, the problems of
#       docs/claim-format.md section 4
#   c9  unknown code: refused, total 0.00
#   c13 TER 16 pending (avis de la HAS): refused; c14 AMK 6 removed from 2025-07-01: refused
#   c15a, c15b RQD 10.00 each; c15c third RQD of p-rqd in 2025: refused (au plus 2 par an)
#   c18 no date: invalid
#   c19 at home and in telehealth: fragilite_domicile (accord préalable) and
#       fragilite_telesoin (refus) both apply: refused with both reasons
#   c20 AMS 9.5 = 9.5 x 2.21 = 20.995 -> 21.00; DRA 7.49 second act at 50 %:
#       3.745 x 2.21 = 8.27645 -> 8.28 (16.55 x 0.5 = 8.275 -> 8.28 too); total 29.28
#   c22 AMS 9.5 21.00; ARL 8 = 8 x 2.21 = 17.68 at full rate (exception urgence_plein_tarif
#       of deuxieme_acte); total 38.68
#   c23 IFD 2.50 accepted, IFS refused (not cumulable with IFD); total 2.50
#   c24 no series fields: derived from p24's history (first session): accepted 16.55
#   c25 distance as a JSON number 7.30: (14.60 - 4) x 0.38 = 4.028 -> 4.03
#   c26 born 2008-02-29, session 2026-03-01: 18 years old (1 March in a common year): refused
#   c27 IFD without place, which the IFD condition needs: reported on the line, not accepted
#   c28 c1 with travel.nearest_practitioner_km, orthopaedic_discharge_date and
#       return_home_programme: read, and unread by the fixture's rules: as c1, 23.08
set -uo pipefail
cotation="$1"
source_dir="$2"
rules="$source_dir/tests/evaluate/rules"
golden="$source_dir/tests/cli/eval"
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

records() {  # the number of records of a file: its lines, the last one counted even without \n
  awk 'END { print NR }' "$1"
}

expect_same_count() {  # description input output
  local in out
  in=$(records "$2")
  out=$(records "$3")
  if [ "$in" -eq "$out" ]; then pass; else fail "$1: $in input lines, $out output lines"; fi
}

# The output with its rule-set hash checked (one hash, the same on every line) and replaced by HASH.
normalize() {  # output-file normalized-file
  local hashes
  hashes=$(grep -o '"rule_set":"[^"]*"' "$1" | sort -u)
  if [ "$(printf '%s\n' "$hashes" | grep -c .)" -eq 1 ] && printf '%s' "$hashes" | grep -q '"rule_set":"[^"][^"]*"'; then
    pass
  else
    fail "every record carries the same, non-empty rule_set: $(printf '%s' "$hashes" | head -c 300)"
  fi
  sed 's/"rule_set":"[^"]*"/"rule_set":"HASH"/' "$1" >"$2"
}

# ------------------------------------------------------------------ the golden file

claims="$golden/claims.jsonl"
expect_exit 1 "claims with invalid records exit 1" "$cotation" eval --rules "$rules" "$claims"
cp "$scratch/out" "$scratch/golden.out"
expect_same_count "one record per input line" "$claims" "$scratch/golden.out"
normalize "$scratch/golden.out" "$scratch/golden.norm"
expect_same_file "output differs from tests/cli/eval/expected.jsonl (< expected, > actual)" \
  "$golden/expected.jsonl" "$scratch/golden.norm"
if [ -s "$scratch/err" ]; then fail "nothing on stderr for a clean rule set: $(head -c 300 "$scratch/err")"; else pass; fi

# ------------------------------------------------------------------ English messages

# --lang en on the golden claims and on claims-en.jsonl (an old cotation in its transition, the
# same after it, a cotation not yet in force, a coefficient that is no number and one no act has,
# a limit counted without history, four problems of one record, JSON that stops, then a line of
# each of the reader's problems: wrong types, bad values, an array, an empty line, broken JSON,
# nesting too deep): every message
# the engine writes in English, the rules' own texts (message "...") as written, and nothing
# but the messages differs from the French records. tests/cli/eval/expected-en.jsonl was read
# message by message against the French records.
cat "$claims" "$golden/claims-en.jsonl" >"$scratch/en.jsonl"
expect_exit 1 "--lang en" "$cotation" --lang en eval --rules "$rules" "$scratch/en.jsonl"
normalize "$scratch/out" "$scratch/en.norm"
expect_same_file "output differs from tests/cli/eval/expected-en.jsonl (< expected, > actual)" \
  "$golden/expected-en.jsonl" "$scratch/en.norm"
expect_exit 1 "the same in French" "$cotation" eval --rules "$rules" "$scratch/en.jsonl"
if python3 - "$scratch/out" "$scratch/en.norm" <<'PY'; then pass; else fail "--lang en changes only the messages"; fi
import json, sys
def without_messages(line):
    record = json.loads(line)
    record["rule_set"] = "HASH"
    for reasons in [record["reasons"]] + [l["reasons"] for l in record["lines"]]:
        for reason in reasons:
            reason.pop("message")
    return record
french, english = (open(name, encoding="utf-8").read().splitlines() for name in sys.argv[1:])
same = [without_messages(f) == without_messages(e) for f, e in zip(french, english)]
sys.exit(0 if len(french) == len(english) and all(same) else 1)
PY

# The shipped rules: RAM 7.49 (an act of art. 9) in a telehealth session on 2025-09-01 is refused
# naming the telecare cotation, TMK at the act's coefficient, in English too.
tmk_claim='{"id":"t1","date":"2025-09-01","region":"metropole","place":"cabinet","telehealth":true,"patient":{"id":"p1","age":70},"lines":[{"code":"RAM 7.49"}],"prescription":{"kind":"medical"}}'
expect_exit 0 "telehealth in English" bash -c 'printf "%s\n" "$1" | "$2" --lang en eval --rules "$3"' _ \
  "$tmk_claim" "$cotation" "$source_dir/rules"
expect_output "in-person letter in telehealth, English" \
  "in telehealth, bill TMK 7.49: RAM 7.49 is the cotation of a session with the patient present"

# AMK 10 on 2026-09-01 designates two acts, which decide differently (reperage_fragilite needs
# the patient's age): the ambiguous act's reason and the candidate's own, nested in it, in English.
amb_claim='{"id":"a1","date":"2026-09-01","region":"metropole","place":"cabinet","patient":{"id":"pa"},"lines":[{"code":"AMK 10"}],"prescription":{"kind":"medical"}}'
expect_exit 0 "an ambiguous act in English" bash -c 'printf "%s\n" "$1" | "$2" --lang en eval --rules "$3"' _ \
  "$amb_claim" "$cotation" "$source_dir/rules"
expect_output "the candidates' reasons in English" \
  "these acts do not decide alike (bilan_isole_amk_10: accepted, reperage_fragilite: refused (the claim does not give patient.age, which the decision needs)): the line must name the act (field act)"
expect_no_output "no French in the ambiguous act's reason" "la facture ne donne pas"

# A telecare line whose coefficient no act has: the reason cites the telecare letter's source.
tmk99_claim='{"id":"t99","date":"2024-01-09","region":"metropole","place":"cabinet","telehealth":true,"patient":{"id":"p99","age":45},"lines":[{"code":"TMK 99"}],"prescription":{"kind":"medical"}}'
expect_exit 0 "a telecare coefficient no act has" bash -c 'printf "%s\n" "$1" | "$2" eval --rules "$3"' _ \
  "$tmk99_claim" "$cotation" "$source_dir/rules"
expect_output "its source, the telecare letter's" \
  "la ligne de télésoin porte le coefficient de l'acte réalisé à distance\",\"source\":\"Assurance Maladie : synthèse"

# ------------------------------------------------------------------ hostile lines

# A 10 MiB line (its id still read from its head), a line ending in \r\n, and a last line
# without its line break, appended to the golden claims.
huge="$scratch/huge.jsonl"
cp "$claims" "$huge"
{
  printf '{"id":"huge","lines":[{"code":"'
  head -c 10485760 /dev/zero | tr '\0' 'x'
  printf '"}]}\n'
} >>"$huge"
huge_bytes=$((31 + 10485760 + 4))  # {"id":"huge","lines":[{"code":" is 31 bytes, "}]} 4
printf '{"id":"crlf","date":"2025-03-01","region":"metropole","lines":[{"code":"AMK 6"}]}\r\n' >>"$huge"
printf '{"id":"last","date":"2025-03-01","region":"metropole","lines":[{"code":"AMK 6"}]}' >>"$huge"
expect_exit 1 "a 10 MiB line" "$cotation" eval --rules "$rules" "$huge"
cp "$scratch/out" "$scratch/huge.out"
expect_same_count "one record per input line, huge line and unterminated last line included" "$huge" "$scratch/huge.out"
normalize "$scratch/huge.out" "$scratch/huge.norm"
head -n "$(records "$claims")" "$scratch/huge.out" >"$scratch/huge.head"
expect_same_file "the appended lines do not change the records before them" "$scratch/golden.out" "$scratch/huge.head"
{
  printf '{"format":"cotation.decision/2","id":"huge","decision":"invalid","total":"0.00","lines":[],"reasons":[{"code":"line_too_long","rule":null,"field":null,"message":"enregistrement trop long : %s octets, au plus 1048576 acceptés","source":"docs/claim-format.md"}],"rule_set":"HASH"}\n' "$huge_bytes"
  # AMK 6 = 6 x 2.21 = 13.26
  printf '{"format":"cotation.decision/2","id":"crlf","decision":"accepted","total":"13.26","lines":[{"code":"AMK 6","decision":"accepted","amount":"13.26","reasons":[]}],"reasons":[],"rule_set":"HASH"}\n'
  printf '{"format":"cotation.decision/2","id":"last","decision":"accepted","total":"13.26","lines":[{"code":"AMK 6","decision":"accepted","amount":"13.26","reasons":[]}],"reasons":[],"rule_set":"HASH"}\n'
} >"$scratch/huge.expected"
tail -n 3 "$scratch/huge.norm" >"$scratch/huge.tail"
expect_same_file "huge, CRLF and unterminated lines (< expected, > actual)" "$scratch/huge.expected" "$scratch/huge.tail"

# Blank lines only: each one is a record.
printf '\n\n\n' >"$scratch/blank.jsonl"
expect_exit 1 "blank lines are invalid records" "$cotation" eval --rules "$rules" "$scratch/blank.jsonl"
expect_same_count "three blank lines, three records" "$scratch/blank.jsonl" "$scratch/out"
if [ "$(grep -c '"decision":"invalid"' "$scratch/out")" -eq 3 ]; then pass; else fail "three invalid records for three blank lines"; fi

# An empty file: no record, nothing invalid.
: >"$scratch/empty.jsonl"
expect_exit 0 "an empty file" "$cotation" eval --rules "$rules" "$scratch/empty.jsonl"
if [ ! -s "$scratch/out" ]; then pass; else fail "an empty file gives no output"; fi

# ------------------------------------------------------------------ jobs, stdin, explanation

# Many claims of a few patients, so that threads interleave: the history of each patient
# (RQD per year, series rank) must not depend on --jobs.
many="$scratch/many.jsonl"
for round in $(seq 1 60); do
  cat "$claims"
  for patient in a b c d e; do
    printf '{"id":"m%s%s","date":"2025-%02d-%02d","region":"metropole","patient":{"id":"%s","age":45},"lines":[{"code":"RQD"},{"code":"RAM 7.49"}],"series":{"prior_approval":false}}\n' \
      "$round" "$patient" $(((round - 1) / 28 + 1)) $(((round - 1) % 28 + 1)) "$patient"
  done
done >"$many"
"$cotation" eval --rules "$rules" --jobs 1 "$many" >"$scratch/jobs1" 2>/dev/null
"$cotation" eval --rules "$rules" --jobs 2 "$many" >"$scratch/jobs2" 2>/dev/null
"$cotation" eval --rules "$rules" --jobs 4 "$many" >"$scratch/jobs4" 2>/dev/null
expect_same_count "--jobs 1: one record per line" "$many" "$scratch/jobs1"
expect_same_file "--jobs 1 and --jobs 2 give the same output" "$scratch/jobs1" "$scratch/jobs2"
expect_same_file "--jobs 1 and --jobs 4 give the same output" "$scratch/jobs1" "$scratch/jobs4"
# Patient a's 16th session (round 16): its series rank, derived from history, is beyond 15.
if grep '"id":"m16a"' "$scratch/jobs1" | grep -qF '"code":"RAM 7.49","decision":"prior_approval"'; then
  pass
else
  fail "16th session of patient a needs prior approval: $(grep '"id":"m16a"' "$scratch/jobs1" | head -c 400)"
fi
# Its third RQD of the year is refused, the second accepted.
if grep '"id":"m2a"' "$scratch/jobs1" | grep -qF '"code":"RQD","decision":"accepted"' &&
  grep '"id":"m3a"' "$scratch/jobs1" | grep -qF '"code":"RQD","decision":"refused"'; then
  pass
else
  fail "au plus 2 RQD par an for patient a over --jobs"
fi

"$cotation" eval --rules "$rules" --jobs 2 - <"$claims" >"$scratch/stdin.out" 2>/dev/null
expect_same_file "reading stdin with - gives the file's output" "$scratch/golden.out" "$scratch/stdin.out"
"$cotation" eval --rules "$rules" <"$claims" >"$scratch/default.out" 2>/dev/null
expect_same_file "stdin is the default input" "$scratch/golden.out" "$scratch/default.out"

expect_exit 1 "--explain" "$cotation" eval --rules "$rules" --explain "$claims"
cp "$scratch/out" "$scratch/explain.out"
expect_same_count "--explain: one record per line" "$claims" "$scratch/explain.out"
if [ "$(grep -c ',"explanation":\[.*\]}$' "$scratch/explain.out")" -eq "$(records "$claims")" ]; then
  pass
else
  fail "--explain adds an explanation array to every record"
fi
# c1's explanation shows the cotation, the value of RAM with its source and the product.
c1_explained=$(grep '^{"format":"cotation.decision\/2","id":"c1",' "$scratch/explain.out")
for part in '"value":"RAM 7.49"' '"what":"valeur de RAM le 2025-03-01","value":"2.21","source":"Avenant de test créant les nouvelles lettres clés, art. 2.1"' '"what":"7.49 × 2.21","value":"16.55"' '"what":"calcul de IK","value":"4.03"'; do
  if printf '%s' "$c1_explained" | grep -qF -- "$part"; then pass; else fail "c1's explanation lacks $part"; fi
done
# Without the explanation, the records are the same.
sed 's/,"explanation":\[.*\]}$/}/' "$scratch/explain.out" >"$scratch/explain.stripped"
expect_same_file "--explain changes nothing but the explanation" "$scratch/golden.out" "$scratch/explain.stripped"
if grep -q '"explanation"' "$scratch/golden.out"; then fail "no explanation without --explain"; else pass; fi

# ------------------------------------------------------------------ exit codes

head -n 4 "$claims" >"$scratch/decided.jsonl"  # accepted, accepted, refused, prior approval
expect_exit 0 "every record decided (refusals included)" "$cotation" eval --rules "$rules" "$scratch/decided.jsonl"
expect_same_count "four claims, four records" "$scratch/decided.jsonl" "$scratch/out"
sed -n 5p "$claims" >"$scratch/one_invalid.jsonl"
expect_exit 1 "one invalid record" "$cotation" eval --rules "$rules" "$scratch/one_invalid.jsonl"

expect_exit 2 "an unknown option" "$cotation" eval --rules "$rules" --bogus "$claims"
expect_exit 2 "--jobs 0" "$cotation" eval --rules "$rules" --jobs 0 "$claims"
expect_exit 2 "--jobs without a number" "$cotation" eval --rules "$rules" --jobs "$claims"
expect_exit 2 "a claims file that does not exist" "$cotation" eval --rules "$rules" "$scratch/nowhere.jsonl"

broken_rules "$rules" "$scratch/broken"
expect_exit 3 "a rule set with a syntax error" "$cotation" eval --rules "$scratch/broken" "$claims"
if [ ! -s "$scratch/out" ]; then pass; else fail "no decision from a broken rule set"; fi
if grep -qF "broken.cot:2:" "$scratch/err"; then pass; else fail "the rule set's error is shown with its place: $(head -c 300 "$scratch/err")"; fi

mkdir "$scratch/unresolved"
cp "$rules"/*.cot "$scratch/unresolved/"
printf 'acte inconnu "Acte à la lettre inconnue" {\n  cotation QQQ 7 selon ngap_test "art. 1"\n}\n' >"$scratch/unresolved/unresolved.cot"
expect_exit 3 "a rule set that parses but does not compile" "$cotation" eval --rules "$scratch/unresolved" "$claims"
expect_exit 2 "a rule directory that does not exist" "$cotation" eval --rules "$scratch/no-rules" "$claims"

# ------------------------------------------------------------------ same day, episodes (shipped rules)

# Two claims of p1 on 2024-03-04 (seed 002: a second session only with distinct prescriptions,
# articles and regions): RAM 7.49 = 7.49 x 2.21 = 16.5529 -> 16.55; then NMI 8.5 (article 4) on
# another prescription: 8.5 x 2.21 = 18.785 -> 18.79, accepted; a third session: refused. p2's
# second session on the same prescription: refused naming it. FRD 100.00 once per episode:
# p3's second FRD of episode e1 refused, FRD of e2 accepted. Other patients' claims in between
# and --jobs 2 change nothing.
same_day="$scratch/same_day.jsonl"
{
  printf '{"id":"s1","date":"2024-03-04","region":"metropole","place":"cabinet","patient":{"id":"p1","age":45},"lines":[{"code":"RAM 7.49"}],"prescription":{"kind":"medical","id":"o1"},"series":{"session_number":3,"sessions_12_months_before":2,"prior_approval":false},"telehealth":false}\n'
  printf '{"id":"s2","date":"2024-03-04","region":"metropole","place":"cabinet","patient":{"id":"p2","age":45},"lines":[{"code":"RAM 7.49"}],"prescription":{"kind":"medical","id":"o1"},"series":{"session_number":3,"sessions_12_months_before":2,"prior_approval":false},"telehealth":false}\n'
  printf '{"id":"s3","date":"2024-03-04","region":"metropole","place":"cabinet","patient":{"id":"p1","age":45},"lines":[{"code":"NMI 8.5"}],"prescription":{"kind":"medical","id":"o2"},"series":{"session_number":3,"sessions_12_months_before":2,"prior_approval":false},"telehealth":false}\n'
  printf '{"id":"s4","date":"2024-03-04","region":"metropole","place":"cabinet","patient":{"id":"p2","age":45},"lines":[{"code":"NMI 8.5"}],"prescription":{"kind":"medical","id":"o1"},"series":{"session_number":3,"sessions_12_months_before":2,"prior_approval":false},"telehealth":false}\n'
  printf '{"id":"s5","date":"2024-03-04","region":"metropole","place":"cabinet","patient":{"id":"p1","age":45},"lines":[{"code":"NMI 8.5"}],"prescription":{"kind":"medical","id":"o3"},"series":{"session_number":3,"sessions_12_months_before":2,"prior_approval":false},"telehealth":false}\n'
  printf '{"id":"e1","date":"2025-09-01","region":"metropole","patient":{"id":"p3"},"episode":{"id":"e1"},"lines":[{"code":"FRD"}]}\n'
  printf '{"id":"e2","date":"2025-09-02","region":"metropole","patient":{"id":"p3"},"episode":{"id":"e1"},"lines":[{"code":"FRD"}]}\n'
  printf '{"id":"e3","date":"2025-09-03","region":"metropole","patient":{"id":"p3"},"episode":{"id":"e2"},"lines":[{"code":"FRD"}]}\n'
} >"$same_day"
expect_exit 0 "same-day and episode claims" "$cotation" eval --rules "$source_dir/rules" "$same_day"
cp "$scratch/out" "$scratch/same_day.out"
expect_output "s1 accepted" '"id":"s1","decision":"accepted","total":"16.55"'
expect_output "s2 accepted" '"id":"s2","decision":"accepted","total":"16.55"'
expect_output "s3: second session, every condition met" '"id":"s3","decision":"accepted","total":"18.79"'
expect_output "s4: same prescription" '"id":"s4","decision":"refused","total":"0.00"'
expect_output "s4 names the condition" 'les deux séances doivent relever de prescriptions distinctes'
expect_output "s5: third session" 'une troisième séance ne se facture pas'
expect_output "e1 accepted" '"id":"e1","decision":"accepted","total":"100.00"'
expect_output "e2 refused" 'Le forfait FRD ne se facture qu'"'"'une fois par épisode de soins.'
expect_output "e3 accepted" '"id":"e3","decision":"accepted","total":"100.00"'
expect_exit 0 "same-day claims on two threads" "$cotation" eval --jobs 2 --rules "$source_dir/rules" "$same_day"
expect_same_file "--jobs 2 gives the same output" "$scratch/same_day.out" "$scratch/out"

summary

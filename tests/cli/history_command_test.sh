#!/usr/bin/env bash
# `cotation eval --history FILE`: the patients' history kept in SQLite across runs
# (docs/claim-format.md §7). A third RQD of 2025 is refused when the first two came in an earlier
# run; a corpus decided in two halves gives the decisions of one run; a run killed (SIGKILL)
# keeps its committed chunks, and the rest run again gives the decisions of one run.
# Usage: history_command_test.sh COTATION_BINARY SOURCE_DIR
set -uo pipefail
cotation="$1"
source_dir="$2"
rules="$source_dir/tests/evaluate/rules"
rules_shipped="$source_dir/rules"
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
expect_equal() {  # description expected actual
  if [ "$2" = "$3" ]; then pass; else fail "$1: expected $2, got $3"; fi
}

rqd() {  # id date: an RQD claim of patient p1 (the fixture's rqd_deux_par_an: at most 2 a year)
  printf '{"id":"%s","date":"%s","region":"metropole","place":"cabinet","patient":{"id":"p1","age":45},' "$1" "$2"
  printf '"lines":[{"code":"RQD"}],"series":{"session_number":1,"sessions_12_months_before":0,"prior_approval":false}}\n'
}

# ------------------------------------------------------------------ RQD over two runs

db="$scratch/rqd.sqlite"
{ rqd r1 2025-02-01; rqd r2 2025-05-01; } >"$scratch/first.jsonl"
rqd r3 2025-09-01 >"$scratch/second.jsonl"
expect_exit 0 "first run: two RQD" "$cotation" eval --rules "$rules" --history "$db" "$scratch/first.jsonl"
expect_no_output "the first two RQD of 2025 are accepted (10 € each)" '"decision":"refused"'
expect_exit 0 "second run: the third RQD" "$cotation" eval --rules "$rules" --history "$db" "$scratch/second.jsonl"
expect_output "the third RQD of 2025 is refused: the first two come from the store" '"rule":"rqd_deux_par_an"'
expect_output "... and the claim is refused" '"id":"r3","decision":"refused"'
expect_exit 0 "the same claim without --history" "$cotation" eval --rules "$rules" "$scratch/second.jsonl"
expect_output "without --history, the input is the whole history: accepted" '"id":"r3","decision":"accepted"'
# The same through the history carried by the claim (tests/cli/history/carried.jsonl, also a
# seed of the claim reader's fuzzer): r3 carries the first two RQD of 2025; r4 one of 2024, one
# refused and a session without lines; r5 malformed sessions, each reported.
expect_exit 1 "claims carrying their history" "$cotation" eval --rules "$rules" "$source_dir/tests/cli/history/carried.jsonl"
expect_output "carried history: the third RQD is refused" '"id":"r3","decision":"refused"'
expect_output "carried history: only accepted lines of the year count" '"id":"r4","decision":"accepted"'
expect_output "a session without date is reported" 'history[0].date'
expect_output "a date that does not exist is reported" 'history[1].date'
expect_output "a line that is no object is reported" 'history[1].lines[0]'
expect_output "an accepted that is no boolean is reported" 'history[2].lines[0].accepted'
expect_output "a session that is no object is reported" 'history[3]'

# ------------------------------------------------------------------ a long series, folded

# One patient, a session every Monday from 2024-03-04 for 96 weeks (RAM 7.49, no series counts:
# the batch derives the rank), a BDK (AMK 10.7) at the 90th and 91st sessions, an RQD on three
# Wednesdays of 2025; decided in two runs (before 2025-02-01, then the rest). The store keeps the
# sessions of the window (366 days, plus 62 for late claims, plus a fold step of 31: at most 66
# Mondays) and folds the older ones into counts, and the ranks stay right: the BDK of the 90th
# session (rank in {1, 30, 50, 70, 90, ...}) is accepted, that of the 91st refused; the third RQD
# of 2025 is refused (at most 2 a calendar year), the first in the first run.
long="$scratch/long.sqlite"
python3 - "$scratch" <<'PY'
import datetime, json, sys
def claim(cid, day, codes):
    return json.dumps({"id": cid, "date": day.isoformat(), "region": "metropole", "place": "cabinet",
                       "patient": {"id": "pl", "age": 50}, "lines": [{"code": c} for c in codes],
                       "prescription": {"kind": "medical"}})
claims = []
for week in range(96):
    day = datetime.date(2024, 3, 4) + datetime.timedelta(days=7 * week)
    rank = week + 1
    claims.append((day, claim(f"s{rank}", day, ["RAM 7.49"] + (["AMK 10.7"] if rank in (90, 91) else []))))
for n, day in enumerate([datetime.date(2025, 1, 8), datetime.date(2025, 6, 4), datetime.date(2025, 10, 8)], 1):
    claims.append((day, claim(f"q{n}", day, ["RQD"])))
claims.sort(key=lambda c: c[0])
cut = datetime.date(2025, 2, 1)
with open(sys.argv[1] + "/long1.jsonl", "w") as first, open(sys.argv[1] + "/long2.jsonl", "w") as second:
    for day, text in claims:
        (first if day < cut else second).write(text + "\n")
PY
"$cotation" eval --rules "$rules_shipped" --history "$long" "$scratch/long1.jsonl" >"$scratch/long.out"
"$cotation" eval --rules "$rules_shipped" --history "$long" "$scratch/long2.jsonl" >>"$scratch/long.out"
line_decision() {  # claim line: the decision of that line of that claim
  python3 -c 'import json, sys
for text in open(sys.argv[1]):
    record = json.loads(text)
    if record["id"] == sys.argv[2]: print(record["lines"][int(sys.argv[3])]["decision"])' "$scratch/long.out" "$1" "$2"
}
expect_equal "the BDK of the 90th session, its rank counted from folded sessions" accepted "$(line_decision s90 1)"
expect_equal "the BDK of the 91st session is refused" refused "$(line_decision s91 1)"
expect_equal "the third RQD of 2025, the first from the first run" refused "$(line_decision q3 0)"
expect_equal "the second RQD of 2025" accepted "$(line_decision q2 0)"
store_count() {
  python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$long" "$1"
}
rows=$(store_count "select count(*) from session")
if [ "$rows" -le 68 ]; then pass; else fail "the store keeps $rows sessions, expected the window's (at most 66 Mondays and 2 RQD)"; fi
expect_equal "every session kept or folded" 99 "$((rows + $(store_count "select sum(sessions) from folded")))"
expect_equal "the store's schema version" 1 "$(store_count "pragma user_version")"

# ------------------------------------------------------------------ a corpus in two halves

python3 "$source_dir/tools/generate_claims.py" 20000 --output "$scratch/corpus.jsonl"
"$cotation" eval --rules "$rules_shipped" --jobs 2 "$scratch/corpus.jsonl" >"$scratch/whole.out"
head -n 10000 "$scratch/corpus.jsonl" >"$scratch/half1.jsonl"
tail -n +10001 "$scratch/corpus.jsonl" >"$scratch/half2.jsonl"
halves="$scratch/halves.sqlite"
"$cotation" eval --rules "$rules_shipped" --jobs 2 --history "$halves" "$scratch/half1.jsonl" >"$scratch/halves.out"
"$cotation" eval --rules "$rules_shipped" --jobs 1 --history "$halves" "$scratch/half2.jsonl" >>"$scratch/halves.out"
expect_same_file "two halves with --history decide as one run" "$scratch/whole.out" "$scratch/halves.out"

# ------------------------------------------------------------------ killed mid-run

# The first 5,000 lines through a pipe held open: the chunks of 1,024 lines the reader gets are
# decided and committed, the next waits for its lines; the run is killed once one is committed.
killed="$scratch/killed.sqlite"
mkfifo "$scratch/pipe"
"$cotation" eval --rules "$rules_shipped" --jobs 1 --history "$killed" <"$scratch/pipe" >"$scratch/killed.out" &
eval_pid=$!
exec 3>"$scratch/pipe"
head -n 5000 "$scratch/corpus.jsonl" >&3
committed() {
  python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from session").fetchone()[0])' "$killed" 2>/dev/null || echo 0
}
for _ in $(seq 600); do
  [ "$(committed)" -ge 1000 ] && break
  sleep 0.1
done
kill -KILL "$eval_pid"
wait "$eval_pid" 2>/dev/null
exec 3>&-
last=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("select claim from session order by id desc limit 1").fetchone()[0])' "$killed")
line=$(grep -n "\"id\":\"$last\"" "$scratch/corpus.jsonl" | cut -d: -f1)
if [ "${line:-0}" -ge 1000 ]; then pass; else fail "killed run: the store ends at line ${line:-none}, expected a chunk of 1,024 lines"; fi
head -n "$line" "$scratch/killed.out" >"$scratch/resumed.out"
tail -n +"$((line + 1))" "$scratch/corpus.jsonl" |
  "$cotation" eval --rules "$rules_shipped" --jobs 2 --history "$killed" >>"$scratch/resumed.out"
expect_same_file "killed, then the rest run again: the decisions of one run" "$scratch/whole.out" "$scratch/resumed.out"

summary

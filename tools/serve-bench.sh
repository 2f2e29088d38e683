#!/usr/bin/env bash
# Load figures of `cotation serve` (docs/performance.md, "cotation serve"), in one run: single
# claims per second on keep-alive connections with their latency percentiles (wrk and
# bench/serve_claims.lua), then a JSON Lines batch through the server against `cotation eval` on
# the same file, alternating, 5 times each, their medians (wall seconds; CPU seconds of `eval`
# and of the server for the batch) and their outputs compared. Needs wrk (Debian's `wrk`; not in CI).
#   tools/serve-bench.sh [CLAIMS.jsonl] [BATCH_LINES] [CONNECTIONS]
# CLAIMS defaults to a corpus of 100,000 generated claims; BATCH_LINES to 80,000 (under the
# server's 32 MiB body limit); CONNECTIONS to 32. SERVE_OPTIONS: more options of the server
# (`--history FILE`, `--jobs 2`); EVAL_OPTIONS: of `eval` (`--jobs 1`); DURATION: seconds of the
# single-claim run (20; 0 skips it).
set -euo pipefail
cd "$(dirname "$0")/.."
program=${COTATION:-build/release/cotation}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
claims=${1:-}
if [ -z "$claims" ]; then
  claims=$work/claims.jsonl
  python3 tools/generate_claims.py 100000 --output "$claims"
fi
head -n "${2:-80000}" "$claims" > "$work/batch.jsonl"

"$program" serve --rules rules --listen 127.0.0.1:0 ${SERVE_OPTIONS:-} > "$work/address" 2> /dev/null &
server=$!
for _ in $(seq 100); do [ -s "$work/address" ] && break; sleep 0.1; done
url=$(head -1 "$work/address")
echo "serving at $url (pid $server); $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "${DURATION:-20}" != 0 ]; then
  echo "== single claims, keep-alive, ${3:-32} connections, ${DURATION:-20} s"
  CLAIMS=$claims wrk -t2 -c"${3:-32}" -d"${DURATION:-20}"s --latency -s bench/serve_claims.lua "$url"
fi

# CPU seconds (user + system) a process has used so far.
cpu_of() { awk -v tick="$(getconf CLK_TCK)" '{ printf "%.3f", ($14 + $15) / tick }' "/proc/$1/stat"; }
now() { date +%s.%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "== JSON Lines batch of $(wc -l < "$work/batch.jsonl") lines: eval, then the server, 5 times"
for rep in 1 2 3 4 5; do
  start=$(now)
  /usr/bin/time -f "%U %S" -o "$work/eval.time" "$program" eval --rules rules ${EVAL_OPTIONS:-} "$work/batch.jsonl" \
    > "$work/eval.jsonl" || true  # status 1: some claims are not accepted
  eval_wall=$(echo "$(now) - $start" | bc)
  eval_cpu=$(tail -1 "$work/eval.time" | awk '{ print $1 + $2 }')  # after "Command exited with non-zero status 1"
  before=$(cpu_of "$server")
  start=$(now)
  curl -sS -H 'Content-Type: application/x-ndjson' --data-binary @"$work/batch.jsonl" "$url/v1/decisions" \
    > "$work/serve.jsonl"
  serve_wall=$(echo "$(now) - $start" | bc)
  serve_cpu=$(echo "$(cpu_of "$server") - $before" | bc)
  printf 'run %d: eval %.3f s (CPU %.2f s), serve %.3f s (server CPU %.2f s)\n' "$rep" "$eval_wall" "$eval_cpu" \
    "$serve_wall" "$serve_cpu"
  echo "$eval_wall $eval_cpu $serve_wall $serve_cpu" >> "$work/runs"
done
for column in 1 2 3 4; do cut -d' ' -f"$column" "$work/runs" | median > "$work/median.$column"; done
printf 'medians: eval %.3f s (CPU %.2f s), serve %.3f s (server CPU %.2f s): serve/eval %.2f\n' \
  "$(cat "$work/median.1")" "$(cat "$work/median.2")" "$(cat "$work/median.3")" "$(cat "$work/median.4")" \
  "$(echo "$(cat "$work/median.3") / $(cat "$work/median.1")" | bc -l)"
cmp "$work/eval.jsonl" "$work/serve.jsonl" && echo "same records"
kill -TERM "$server"
wait "$server"

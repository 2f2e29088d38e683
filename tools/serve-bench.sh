#!/usr/bin/env bash
# Load figures of `cotation serve` (docs/performance.md, "cotation serve"), in one run: single
# claims per second on keep-alive connections with their latency percentiles (wrk and
# bench/serve_claims.lua), then a JSON Lines batch through the server against `cotation eval` on
# the same file, alternating, their outputs compared. Needs wrk (Debian's `wrk`; not in CI).
#   tools/serve-bench.sh [CLAIMS.jsonl] [BATCH_LINES] [CONNECTIONS]
# CLAIMS defaults to a corpus of 100,000 generated claims; BATCH_LINES to 80,000 (under the
# server's 32 MiB body limit); CONNECTIONS to 32. SERVE_OPTIONS: more options of the server
# (`--history FILE`); DURATION: seconds of the single-claim run (20).
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

echo "== single claims, keep-alive, ${3:-32} connections, ${DURATION:-20} s"
CLAIMS=$claims wrk -t2 -c"${3:-32}" -d"${DURATION:-20}"s --latency -s bench/serve_claims.lua "$url"

echo "== JSON Lines batch of $(wc -l < "$work/batch.jsonl") lines: eval, then the server, 3 times"
for rep in 1 2 3; do
  /usr/bin/time -f "eval  $rep: %e s" "$program" eval --rules rules "$work/batch.jsonl" > "$work/eval.jsonl" || true
  /usr/bin/time -f "serve $rep: %e s" curl -sS -H 'Content-Type: application/x-ndjson' \
    --data-binary @"$work/batch.jsonl" "$url/v1/decisions" > "$work/serve.jsonl"
done
cmp "$work/eval.jsonl" "$work/serve.jsonl" && echo "same records"
kill -TERM "$server"
wait "$server"

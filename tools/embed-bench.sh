#!/usr/bin/env bash
# Embedding, measured side by side in one run (docs/embedding.md): one claim through the C ABI
# and through Python (µs per call, JSON in and out; the corpus mix decided claim by claim, and one
# claim repeated), and the whole corpus as a batch through each, against `cotation eval` on the
# same file, one thread each. Every batch output is compared with `cotation eval`'s.
# Usage: tools/embed-bench.sh [CLAIMS.jsonl] [SINGLE_CALLS]  (after the release build)
set -euo pipefail
cd "$(dirname "$0")/.."
build="$PWD/build/release"
corpus="${1:-/work/baseline/claims-1M.jsonl}"
calls="${2:-200000}"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

cc -O2 -std=c99 -Iinclude -I"$build/include" bench/capi_bench.c -L"$build" -lcotation -Wl,-rpath,"$build" \
  -o "$scratch/capi_bench"
export COTATION_LIBRARY="$build/libcotation.so"
export PYTHONPATH="$PWD/python"

# CPU seconds (user + system) throughout: the machine is shared, wall time says little.
/usr/bin/time -f "cotation_eval.batch_cpu_seconds %U + %S (wall %e)" "$build/cotation" eval --rules rules --jobs 1 "$corpus" \
  >"$scratch/eval.jsonl" || true

# The program built from main before this branch (position-dependent static library): the same.
if [ -x /work/baseline/cotation ]; then
  /usr/bin/time -f "baseline_eval.batch_cpu_seconds %U + %S (wall %e)" /work/baseline/cotation eval --rules rules --jobs 1 \
    "$corpus" >"$scratch/baseline.jsonl" || true
  cmp "$scratch/eval.jsonl" "$scratch/baseline.jsonl" && echo "cotation eval identical to the baseline's"
fi

"$scratch/capi_bench" rules "$corpus" "$calls" 2>"$scratch/capi.jsonl"
cmp "$scratch/eval.jsonl" "$scratch/capi.jsonl" && echo "capi.batch identical to cotation eval"

/usr/bin/python3 - "$corpus" "$calls" "$scratch/eval.jsonl" <<'PY'
import json, sys, time
import cotation
corpus, calls, expected = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rules = cotation.RuleSet("rules")
data = open(corpus, "rb").read()
lines = data.split(b"\n", calls)[:calls]
start = time.process_time()
for line in lines:
    rules.evaluate_json(line)
print(f"python.mix_us_per_call_json {(time.process_time() - start) * 1e6 / len(lines):.3f} ({len(lines)} claims)")
def parsed(line):
    try:
        return json.loads(line)
    except ValueError:  # the corpus's malformed lines
        return None
claims = [claim for claim in map(parsed, lines) if isinstance(claim, dict)]
start = time.process_time()
for claim in claims:
    rules.evaluate(claim)
print(f"python.mix_us_per_call_dict {(time.process_time() - start) * 1e6 / len(claims):.3f} ({len(claims)} claims)")
start = time.process_time()
for _ in range(calls):
    rules.evaluate_json(lines[0])
print(f"python.one_claim_us_per_call_json {(time.process_time() - start) * 1e6 / calls:.3f} ({calls} calls)")
start = time.process_time()
data = open(corpus, "rb").read()
out = rules.evaluate_jsonl(data)
print(f"python.batch_cpu_seconds {time.process_time() - start:.3f} (read, decide, bytes back)")
print("python.batch identical to cotation eval" if out == open(expected, "rb").read() else "python.batch DIFFERS")
PY

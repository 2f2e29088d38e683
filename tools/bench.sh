#!/usr/bin/env bash
# Measures the engine (docs/performance.md reports one run of this script):
#   1. builds the "bench" preset (release + bench/);
#   2. generates a corpus of claims (tools/generate_claims.py, seed 2024) in a temporary directory;
#   3. runs the benchmarks of bench/: engine vs hand-written baseline per claim kind, the share of
#      JSON, and the same over the corpus's first 100,000 claims, after checking that the engine
#      and the baseline agree on every claim of the corpus;
#   4. times `cotation eval --jobs 1` and `--jobs 2` on the corpus, checks that each gives one
#      output line per input line and that both outputs are identical, and prints claims and
#      claim lines (billed lines) per second.
#
# Usage: tools/bench.sh [N]        N claims in the corpus (default 1000000)
# Environment: BENCH_ARGS          flags for cotation_bench (default: 3 repetitions, aggregates
#                                  only); BENCH_CMAKE_ARGS: extra flags for `cmake --preset bench`
#                                  (e.g. -DCOTATION_WARNINGS_AS_ERRORS=OFF); KEEP_CORPUS=1 keeps
#                                  the temporary directory with the corpus and the decisions.
set -euo pipefail

cd "$(dirname "$0")/.."
claims=${1:-1000000}
bench_args=${BENCH_ARGS:---benchmark_repetitions=3 --benchmark_report_aggregates_only=true}

work=$(mktemp -d)
if [[ "${KEEP_CORPUS:-0}" == 1 ]]; then
  echo "corpus and outputs kept in $work"
else
  trap 'rm -rf "$work"' EXIT
fi

echo "== machine"
echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "$(g++ --version | head -1); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (with local changes)')"

echo "== build (preset bench)"
# shellcheck disable=SC2086  # a list of flags
cmake --preset bench ${BENCH_CMAKE_ARGS:-} >/dev/null
cmake --build --preset bench -j"$(nproc)"

echo "== corpus: $claims claims, seed 2024"
start=$(date +%s%N)
python3 tools/generate_claims.py "$claims" --seed 2024 --output "$work/claims.jsonl"
awk -v t="$(($(date +%s%N) - start))" -v b="$(stat -c %s "$work/claims.jsonl")" \
  'BEGIN { printf "generated in %.1f s, %d bytes\n", t / 1e9, b }'
input_lines=$(wc -l <"$work/claims.jsonl")

echo "== benchmarks"
# shellcheck disable=SC2086  # bench_args is a list of flags
build/bench/bench/cotation_bench --corpus "$work/claims.jsonl" $bench_args

echo "== batch: cotation eval"
status=0
for jobs in 1 2; do
  out="$work/decisions-$jobs.jsonl"
  set +e
  /usr/bin/time -f '%e %U %S %M' -o "$work/time-$jobs" \
    build/bench/cotation eval --rules rules --jobs "$jobs" "$work/claims.jsonl" >"$out" 2>"$work/stderr-$jobs"
  code=$?
  set -e
  # exit code 1: some records are invalid, which the corpus has on purpose
  if [[ $code -gt 1 ]]; then
    echo "cotation eval --jobs $jobs failed with exit code $code:" >&2
    tail -5 "$work/stderr-$jobs" >&2
    status=1
    continue
  fi
  # the last line: /usr/bin/time writes "Command exited with non-zero status 1" before it
  read -r wall user sys rss_kb < <(tail -1 "$work/time-$jobs")
  output_lines=$(wc -l <"$out")
  # every billed line of a decided claim comes back as {"code":...} in its record
  claim_lines=$(grep -o '{"code":' "$out" | wc -l)
  invalid=$(grep -c '"decision":"invalid"' "$out" || true)
  check="ok"
  if [[ "$output_lines" != "$input_lines" ]]; then
    check="MISMATCH: $input_lines input lines, $output_lines output lines"
    status=1
  fi
  awk -v j="$jobs" -v n="$output_lines" -v l="$claim_lines" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss_kb" \
    -v inv="$invalid" -v c="$check" 'BEGIN {
      printf "--jobs %d: %.2f s wall (%.2f s user, %.2f s sys, %d MiB max RSS)\n", j, w, u, s, m / 1024
      printf "  %d records (%d invalid), %d claim lines; output line count: %s\n", n, inv, l, c
      printf "  %.0f claims/s, %.0f claim lines/s (wall); %.0f claim lines/s per CPU second\n", n / w, l / w, l / (u + s)
    }'
done
if [[ -f "$work/decisions-1.jsonl" && -f "$work/decisions-2.jsonl" ]]; then
  if cmp -s "$work/decisions-1.jsonl" "$work/decisions-2.jsonl"; then
    echo "--jobs 1 and --jobs 2 give identical outputs"
  else
    echo "--jobs 1 and --jobs 2 outputs DIFFER: $(cmp "$work/decisions-1.jsonl" "$work/decisions-2.jsonl" | head -1)"
    status=1
  fi
fi
exit "$status"

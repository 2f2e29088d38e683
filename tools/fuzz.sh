#!/usr/bin/env bash
# Fuzzes for SECONDS (default 60) each: the rules parser, then the whole way of a rule file
# (parsed, compiled, one table and one timeline rendered), then the claim reader (its
# properties: tests/support/reader_properties.hpp). A crash, a leak, undefined behaviour, a slow
# input (over 10 s) or a property broken fails the run. With RUNS set (FUZZ_RUNS=10000000 tools/fuzz.sh 0), each
# fuzzer stops after that many executions instead of after SECONDS; FUZZ_ONLY=rules_fuzzer runs
# one of them, FUZZ_CORPUS=dir keeps the corpora (and what they grow) in dir.
#
# Seeds, kept small so that an execution costs what one declaration costs (docs/fuzzing.md):
# - parse_fuzzer: every declaration of every rule file, one seed each (at most 3.5 KB);
# - rules_fuzzer: each test rule set whole (what compiles, to be rendered; at most 31 KB), then
#   the declarations above (the shipped rules' constructs, which mutations splice into them);
# - claim_fuzzer: every claim line of the tests, one seed each.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
runs="${FUZZ_RUNS:--1}"
only="${FUZZ_ONLY:-}"

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"$(nproc)" --target parse_fuzzer rules_fuzzer claim_fuzzer

if [[ -n "${FUZZ_CORPUS:-}" ]]; then
  work="$FUZZ_CORPUS"
  mkdir -p "$work"
else
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
fi

# Cuts FILE into its top-level declarations (a line starting with a letter opens one; comments
# and blank lines before the first one make a seed of their own) written as PREFIX-N.
split_declarations() {
  awk -v prefix="$2" 'BEGIN { n = 0; out = prefix "-0" } /^[[:alpha:]]/ { out = prefix "-" ++n } { print > out }' "$1"
}

if [[ ! -d "$work/rules" ]]; then
  mkdir -p "$work/rules" "$work/rule-sets" "$work/claims"
  find rules tests -name '*.cot' | sort | while read -r file; do
    split_declarations "$file" "$work/rules/$(echo "$file" | tr / -)"
  done
  # One seed per test rule set, its directory's .cot files end to end.
  find tests -name '*.cot' -printf '%h\n' | sort -u | while read -r dir; do
    find "$dir" -maxdepth 1 -name '*.cot' | sort | xargs cat >"$work/rule-sets/$(echo "$dir" | tr / -).cot"
  done
  # One seed file per claim line.
  find tests -name '*.jsonl' -print0 | xargs -0 cat | split -l 1 -a 5 - "$work/claims/line-"
fi

for target in parse_fuzzer:rules:4096 rules_fuzzer:rule-sets,rules:32768 claim_fuzzer:claims:65536; do
  IFS=: read -r fuzzer seeds max_len <<<"$target"
  IFS=, read -r -a corpora <<<"$seeds"
  [[ -z "$only" || "$only" == "$fuzzer" ]] || continue
  echo "== $fuzzer"
  limit=(-max_total_time="$seconds")
  [[ "$runs" == -1 ]] || limit=(-runs="$runs")
  build/fuzz/"$fuzzer" "${limit[@]}" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
    -print_final_stats=1 "${corpora[@]/#/$work/}" 2>&1 | tail -n 12
done

#!/usr/bin/env bash
# Fuzzes for SECONDS (default 60) each: the rules parser, then the whole way of a rule file
# (parsed, compiled, its table and timelines rendered), both seeded with every rule file of the
# project, then the claim reader (its properties: tests/support/reader_properties.hpp), seeded
# with claim lines of the tests. A crash, a leak, undefined behaviour, a slow input (over 10 s)
# or a property broken fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"$(nproc)" --target parse_fuzzer rules_fuzzer claim_fuzzer

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/rules" "$work/claims"
find rules tests/parse -name '*.cot' -exec cp {} "$work/rules/" \;
# One seed per rule set, its directory's .cot files end to end: what compiles, to be rendered.
mkdir "$work/rule-sets"
find rules tests -name '*.cot' -printf '%h\n' | sort -u | while read -r dir; do
  find "$dir" -maxdepth 1 -name '*.cot' | sort | xargs cat >"$work/rule-sets/$(echo "$dir" | tr / -).cot"
done
# One seed file per claim line.
find tests -name '*.jsonl' -print0 | xargs -0 cat | split -l 1 -a 5 - "$work/claims/line-"

# The shipped rules end to end are 230 KB: the rule sets' fuzzer takes inputs that long.
for target in parse_fuzzer:rules:65536 rules_fuzzer:rule-sets:262144 claim_fuzzer:claims:65536; do
  IFS=: read -r fuzzer seeds max_len <<<"$target"
  echo "== $fuzzer"
  build/fuzz/"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
    -print_final_stats=1 "$work/$seeds" 2>&1 | tail -n 12
done

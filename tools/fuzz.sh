#!/usr/bin/env bash
# Fuzzes for SECONDS (default 60) each: the rules parser, seeded with every rule file of the
# project, then the claim reader (both its readers compared), seeded with claim lines of the
# tests. A crash, a leak, undefined behaviour, a slow input (over 10 s) or two readers that
# disagree fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"$(nproc)" --target parse_fuzzer claim_fuzzer

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/rules" "$work/claims"
find rules tests/parse -name '*.cot' -exec cp {} "$work/rules/" \;
# One seed file per claim line.
find tests -name '*.jsonl' -print0 | xargs -0 cat | split -l 1 -a 5 - "$work/claims/line-"

for target in parse_fuzzer:rules claim_fuzzer:claims; do
  echo "== ${target%%:*}"
  build/fuzz/"${target%%:*}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 "$work/${target##*:}" 2>&1 | tail -n 12
done

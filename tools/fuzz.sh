#!/usr/bin/env bash
# Fuzzes the parser for SECONDS (default 60), seeded with every rule file of the project.
# A crash, a leak, undefined behaviour or a slow input (over 10 s) fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"$(nproc)" --target parse_fuzzer

corpus="$(mktemp -d)"
trap 'rm -rf "$corpus"' EXIT
find rules tests/parse -name '*.cot' -exec cp {} "$corpus/" \;
build/fuzz/parse_fuzzer -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -print_final_stats=1 "$corpus" 2>&1 | tail -n 12

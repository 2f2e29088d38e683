#!/usr/bin/env bash
# One command on a fresh machine: install the dependencies, build cotation in release
# mode, check the shipped rules, and decide the example claims with them.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)"

build/release/cotation check rules/
# One decision per claim line, in input order; the last example line is malformed on
# purpose (a date that does not exist), so the exit code 1 is expected here.
build/release/cotation eval --rules rules/ examples/claims.jsonl || [ $? -eq 1 ]

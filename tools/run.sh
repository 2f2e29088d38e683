#!/usr/bin/env bash
# One command on a fresh machine: install the dependencies, build cotation in release
# mode, and run the main job on the shipped rules.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)"

build/release/cotation check rules/

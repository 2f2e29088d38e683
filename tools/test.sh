#!/usr/bin/env bash
# One command on a fresh machine: install the dependencies, then build and run every
# test twice: under AddressSanitizer + UndefinedBehaviorSanitizer, and in release mode.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh
jobs="$(nproc)"

for preset in sanitize release; do
  echo "== ${preset}"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j"$jobs"
  ctest --preset "$preset" -j"$jobs"
done

# The shipped rules pass the checker, and their examples pass.
build/release/cotation check rules/
build/release/cotation test rules/

# The Debian package, installed with apt-get, runs the README's example (tools/deb-test.sh).
tools/deb-test.sh

# A minute of fuzzing each for the rules parser, the rule sets compiled and rendered, and the claim
# reader (clang, libFuzzer, ASan + UBSan).
tools/fuzz.sh 60

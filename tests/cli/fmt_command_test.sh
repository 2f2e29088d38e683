#!/usr/bin/env bash
# `cotation fmt`: rewriting in place, --check for CI, files with syntax errors left alone,
# exit codes as the README documents them; the shipped rules are in canonical layout, and once
# formatted they still give the same `check` result and the same decisions on
# examples/claims.jsonl.
# Usage: fmt_command_test.sh COTATION_BINARY SOURCE_DIR
set -uo pipefail
cotation="$1"
source_dir="$2"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
failures=0
passed=0

expect_exit() {  # expected-code description command...
  local expected="$1" description="$2"
  shift 2
  "$@" >"$scratch/out" 2>"$scratch/err"
  local actual=$?
  if [ "$actual" -eq "$expected" ]; then
    passed=$((passed + 1))
  else
    echo "FAIL: $description: exit $actual, expected $expected"; cat "$scratch/out" "$scratch/err"
    failures=$((failures + 1))
  fi
}

expect_in() {  # description file pattern
  if grep -qF -- "$3" "$2"; then
    passed=$((passed + 1))
  else
    echo "FAIL: $1: $(basename "$2") lacks '$3'"; cat "$2"
    failures=$((failures + 1))
  fi
}

expect_same() {  # description file-a file-b
  if cmp -s "$2" "$3"; then
    passed=$((passed + 1))
  else
    echo "FAIL: $1"; diff "$2" "$3" | head -20
    failures=$((failures + 1))
  fi
}

fixtures="$source_dir/tests/tools/fmt"
mkdir -p "$scratch/work/sub"
cp "$fixtures/messy.cot" "$scratch/work/sub/messy.cot"
cp "$fixtures/messy.expected.cot" "$scratch/work/tidy.cot"

# --check writes nothing, lists the file to reformat, exits 1.
expect_exit 1 "--check on a messy file" "$cotation" fmt --check "$scratch/work"
expect_in "--check lists the file" "$scratch/out" "sub/messy.cot"
expect_same "--check writes nothing" "$fixtures/messy.cot" "$scratch/work/sub/messy.cot"
if grep -qF "tidy.cot" "$scratch/out"; then echo "FAIL: a tidy file is listed"; failures=$((failures + 1)); fi

# Without --check the file is rewritten, and nothing is left beside it.
expect_exit 0 "fmt rewrites" "$cotation" fmt "$scratch/work"
expect_same "the rewritten file is the canonical layout" "$fixtures/messy.expected.cot" "$scratch/work/sub/messy.cot"
expect_exit 0 "--check after fmt" "$cotation" fmt --check "$scratch/work"
expect_same "no temporary file left" <(ls -A "$scratch/work/sub") <(echo messy.cot)

# A file that does not parse is not touched; its diagnostics are those of `check`.
printf 'lettre RAM "Rachis" {\n    valeur 2.21 € depuis 2024-02-22\n}\n' >"$scratch/broken.cot"
cp "$scratch/broken.cot" "$scratch/broken.orig"
expect_exit 3 "a file with a syntax error" "$cotation" fmt "$scratch/broken.cot"
expect_in "its diagnostic" "$scratch/err" "broken.cot:2:36: erreur: on attend \`selon\` suivi du nom d'une source"
expect_same "the broken file is untouched" "$scratch/broken.orig" "$scratch/broken.cot"
expect_exit 3 "--check on a file with a syntax error" "$cotation" fmt --check "$scratch/broken.cot"
expect_exit 3 "in English" "$cotation" --lang en fmt "$scratch/broken.cot"
expect_in "English diagnostic" "$scratch/err" "error: expected \`selon\`"

expect_exit 2 "a missing path" "$cotation" fmt "$scratch/nowhere"
expect_exit 2 "no path" "$cotation" fmt

# The shipped rules are kept in canonical layout: whoever edits them runs `cotation fmt rules/`.
expect_exit 0 "rules/ is formatted (run: cotation fmt rules/)" "$cotation" fmt --check "$source_dir/rules"

# The shipped rules, formatted, mean the same: same check result, same decisions (the rule
# set's hash is of its text, so it is left out).
cp -r "$source_dir/rules" "$scratch/rules"
expect_exit 0 "fmt on the shipped rules" "$cotation" fmt "$scratch/rules"
"$cotation" check "$source_dir/rules" | tail -1 | sed 's/^[^:]*:/rules:/' >"$scratch/check.before"
"$cotation" check "$scratch/rules" | tail -1 | sed 's/^[^:]*:/rules:/' >"$scratch/check.after"
expect_same "same check result" "$scratch/check.before" "$scratch/check.after"
"$cotation" eval --rules "$source_dir/rules" "$source_dir/examples/claims.jsonl" | sed 's/fnv1a64:[0-9a-f]*//' >"$scratch/eval.before"
"$cotation" eval --rules "$scratch/rules" "$source_dir/examples/claims.jsonl" | sed 's/fnv1a64:[0-9a-f]*//' >"$scratch/eval.after"
expect_same "same decisions" "$scratch/eval.before" "$scratch/eval.after"
expect_in "decisions were made" "$scratch/eval.after" '"decision":"accepted"'

echo "fmt_command: $passed passed, $failures failed"
[ "$failures" -eq 0 ]

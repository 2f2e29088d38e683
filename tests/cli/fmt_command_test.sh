#!/usr/bin/env bash
# `cotation fmt`: rewriting in place, --check for CI, files with syntax errors left alone,
# exit codes as the README documents them; the shipped rules are in canonical layout, and once
# formatted they still give the same `check` result and the same decisions on
# examples/claims.jsonl.
# Usage: fmt_command_test.sh COTATION_BINARY SOURCE_DIR
set -uo pipefail
cotation="$1"
source_dir="$2"
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

fixtures="$source_dir/tests/tools/fmt"
mkdir -p "$scratch/work/sub"
cp "$fixtures/messy.cot" "$scratch/work/sub/messy.cot"
cp "$fixtures/messy.expected.cot" "$scratch/work/tidy.cot"

# --check writes nothing, lists the file to reformat, exits 1.
expect_exit 1 "--check on a messy file" "$cotation" fmt --check "$scratch/work"
expect_contains "--check lists the file" "$scratch/out" "sub/messy.cot"
expect_same_file "--check writes nothing" "$fixtures/messy.cot" "$scratch/work/sub/messy.cot"
expect_no_output "a tidy file is not listed" "tidy.cot"

# Without --check the file is rewritten, and nothing is left beside it.
expect_exit 0 "fmt rewrites" "$cotation" fmt "$scratch/work"
expect_same_file "the rewritten file is the canonical layout" "$fixtures/messy.expected.cot" "$scratch/work/sub/messy.cot"
expect_exit 0 "--check after fmt" "$cotation" fmt --check "$scratch/work"
expect_same_file "no temporary file left" <(ls -A "$scratch/work/sub") <(echo messy.cot)

# A file that does not parse is not touched; its diagnostics are those of `check`.
printf 'lettre RAM "Rachis" {\n    valeur 2.21 € depuis 2024-02-22\n}\n' >"$scratch/broken.cot"
cp "$scratch/broken.cot" "$scratch/broken.orig"
expect_exit 3 "a file with a syntax error" "$cotation" fmt "$scratch/broken.cot"
expect_contains "its diagnostic" "$scratch/err" "broken.cot:2:36: erreur: on attend \`selon\` suivi du nom d'une source"
expect_same_file "the broken file is untouched" "$scratch/broken.orig" "$scratch/broken.cot"
expect_exit 3 "--check on a file with a syntax error" "$cotation" fmt --check "$scratch/broken.cot"
expect_exit 3 "in English" "$cotation" --lang en fmt "$scratch/broken.cot"
expect_contains "English diagnostic" "$scratch/err" "error: expected \`selon\`"

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
expect_same_file "same check result" "$scratch/check.before" "$scratch/check.after"
"$cotation" eval --rules "$source_dir/rules" "$source_dir/examples/claims.jsonl" | sed 's/fnv1a64:[0-9a-f]*//' >"$scratch/eval.before"
"$cotation" eval --rules "$scratch/rules" "$source_dir/examples/claims.jsonl" | sed 's/fnv1a64:[0-9a-f]*//' >"$scratch/eval.after"
expect_same_file "same decisions" "$scratch/eval.before" "$scratch/eval.after"
expect_contains "decisions were made" "$scratch/eval.after" '"decision":"accepted"'

summary

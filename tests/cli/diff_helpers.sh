# Shared by tests/cli/diff_command_test.sh and impact_command_test.sh (sourced): a scratch
# directory, counters, and checks on the last command's exit code, stdout and stderr.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
failures=0
passed=0

pass() { passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

expect_exit() {  # expected-code description command... (stdout in $scratch/out, stderr in $scratch/err)
  local expected="$1" description="$2"
  shift 2
  "$@" >"$scratch/out" 2>"$scratch/err"
  local actual=$?
  if [ "$actual" -eq "$expected" ]; then pass; else
    fail "$description: exit $actual, expected $expected"
    head -c 2000 "$scratch/err"
  fi
}

expect_output() {  # description fixed-string: a line of the last stdout
  if grep -qF -- "$2" "$scratch/out"; then pass; else fail "$1: no line with: $2"; fi
}

finish() {
  echo "$passed passed, $failures failed"
  [ "$failures" -eq 0 ]
}

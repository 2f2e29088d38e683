# Shared by the CLI golden tests (sourced): a scratch directory removed on exit, pass/fail
# counters and a summary, and a check of a command's exit code with its output kept.
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
  if [ "$actual" -eq "$expected" ]; then
    pass
  else
    fail "$description: exit $actual, expected $expected"
    head -c 2000 "$scratch/err"
  fi
}

summary() {  # prints the counts; fails when a check failed
  echo "$passed passed, $failures failed"
  [ "$failures" -eq 0 ]
}

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

broken_rules() {  # rules-dir target-dir: a copy of the rules plus a file with an error at its line 2
  mkdir "$2"
  cp "$1"/*.cot "$2/"
  printf 'lettre ZZZ "Lettre sans citation" {\n  valeur 2.21 € depuis 2024-02-22\n}\n' >"$2/broken.cot"
}

# Shared by the CLI golden tests (sourced, never run): a scratch directory removed on exit,
# pass/fail counters and a summary, and checks on the last command's exit code, its standard
# output ($scratch/out) and error ($scratch/err), on files and on HTML pages.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
failures=0
passed=0

pass() { passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

expect_exit() {  # expected-code description command...
  local expected="$1" description="$2"
  shift 2
  "$@" >"$scratch/out" 2>"$scratch/err"
  local actual=$?
  if [ "$actual" -eq "$expected" ]; then
    pass
  else
    fail "$description: exit $actual, expected $expected"
    head -c 2000 "$scratch/out" "$scratch/err"
  fi
}

expect_output() {  # description fixed-string: a line of the last standard output holds it
  if grep -qF -- "$2" "$scratch/out"; then pass; else fail "$1: output lacks: $2"; head -c 2000 "$scratch/out"; fi
}

expect_no_output() {  # description fixed-string: no line of the last standard output holds it
  if grep -qF -- "$2" "$scratch/out"; then fail "$1: unexpected line with: $2"; else pass; fi
}

expect_error() {  # description fixed-string: the last standard error holds it
  if grep -qF -- "$2" "$scratch/err"; then pass; else fail "$1: stderr lacks: $2"; head -c 1000 "$scratch/err"; fi
}

expect_contains() {  # description file fixed-string
  if grep -qF -- "$3" "$2"; then pass; else fail "$1: $(basename "$2") lacks: $3"; fi
}

expect_same_file() {  # description expected actual
  if cmp -s "$2" "$3"; then
    pass
  else
    fail "$1"
    diff <(cut -c1-400 "$2") <(cut -c1-400 "$3") | head -40
  fi
}

expect_golden() {  # description golden-file: the last standard output, line for line
  if diff -u "$2" "$scratch/out" >"$scratch/golden.diff"; then
    pass
  else
    fail "$1: differs from $2"
    head -n 60 "$scratch/golden.diff"
  fi
}

# The page parses as XML (so every tag is closed and every & < > in text is escaped).
expect_well_formed() {  # description file
  if python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' "$2" 2>"$scratch/xml.err"; then
    pass
  else
    fail "$1: $(head -c 300 "$scratch/xml.err")"
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

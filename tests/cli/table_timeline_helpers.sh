# Shared by table_command_test.sh and timeline_command_test.sh: counters, exit-code and
# golden-file checks, and the well-formedness of HTML output. Sourced, never run.
# The caller sets $scratch (a temporary directory) before using them.
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

expect_same_file() {  # description expected actual
  if cmp -s "$2" "$3"; then
    pass
  else
    fail "$1"
    diff "$2" "$3" | head -40
  fi
}

expect_contains() {  # description file text
  if grep -qF -- "$3" "$2"; then pass; else fail "$1: $(basename "$2") lacks $3"; fi
}

# The page parses as XML (so every tag is closed and every & < > in text is escaped).
expect_well_formed() {  # description file
  if python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' "$2" 2>"$scratch/xml.err"; then
    pass
  else
    fail "$1: $(head -c 300 "$scratch/xml.err")"
  fi
}

finish() {
  echo "$passed passed, $failures failed"
  [ "$failures" -eq 0 ]
}

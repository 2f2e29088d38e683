#!/usr/bin/env bash
# The Debian package: builds it from the release build (CPack: program, shared and static
# libraries, headers, CMake and pkg-config files, rules), installs it with apt-get, runs the
# README's example with the installed `cotation` (which reads /usr/share/cotation/rules by
# itself) and the Python package over the installed library, then removes the package.
# Usage: tools/deb-test.sh (as root or with sudo, after the release build)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
build="$root/build/release"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

rm -f "$build"/cotation_*.deb
(cd "$build" && cpack -G DEB >"$scratch/cpack.log") || { cat "$scratch/cpack.log"; exit 1; }
deb=$(ls "$build"/cotation_*.deb)
echo "built $(basename "$deb"): $(dpkg-deb -c "$deb" | wc -l) entries, depends: $(dpkg-deb -f "$deb" Depends)"
cp "$deb" "$scratch/"
(cd "$scratch" && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "./$(basename "$deb")" >/dev/null)
trap '$sudo apt-get remove -y -qq cotation >/dev/null; rm -rf "$scratch"' EXIT

# The README's example, from a directory without ./rules: the installed rules are found.
cd "$scratch"
/usr/bin/cotation check /usr/share/cotation/rules
status=0
/usr/bin/cotation eval "$root/examples/claims.jsonl" >installed.jsonl || status=$?
[ "$status" -eq 1 ]  # the last example line is malformed on purpose
"$build/cotation" eval --rules "$root/rules" "$root/examples/claims.jsonl" >expected.jsonl || true
cmp installed.jsonl expected.jsonl
echo "installed cotation: the README's example gives the build's decisions"

# The Python package over the installed library, found by its SONAME.
cp -r "$root/python" package  # pip builds in place: not in the source tree
/usr/bin/python3 -m pip install --quiet --root-user-action=ignore --no-index --no-build-isolation --no-cache-dir \
  --target site ./package
PYTHONPATH=site /usr/bin/python3 -c '
import cotation, json, sys
rules = cotation.RuleSet("/usr/share/cotation/rules")
line = open(sys.argv[1], "rb").readline()
print("python over the installed library:", cotation.version(), rules.evaluate(json.loads(line))["total"])
' "$root/examples/claims.jsonl"

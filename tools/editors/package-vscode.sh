#!/usr/bin/env bash
# Packages the VS Code extension as a .vsix: a copy of vscode/ with its links followed (a .vsix
# holds no symlinks), its one runtime dependency (vscode-languageclient) installed from npm, then
# @vscode/vsce, installed beside the copy so that it is not packaged with it.
# usage: tools/editors/package-vscode.sh [OUTPUT.vsix]   (default: build/cotation-rules.vsix)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
output="$(realpath -m "${1:-$here/../../build/cotation-rules.vsix}")"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

cp -rL "$here/vscode" "$scratch/extension"
(cd "$scratch/extension" && npm install --omit=dev --no-audit --no-fund --loglevel=error)
mkdir -p "$scratch/tool" && (cd "$scratch/tool" && npm install --no-audit --no-fund --loglevel=error @vscode/vsce >/dev/null)
mkdir -p "$(dirname "$output")"
(cd "$scratch/extension" && "$scratch/tool/node_modules/.bin/vsce" package --allow-missing-repository --skip-license \
  -o "$output")
# A .vsix is a zip: no entry may be a symbolic link.
if python3 -c 'import sys, zipfile, stat
links = [i.filename for i in zipfile.ZipFile(sys.argv[1]).infolist() if stat.S_ISLNK(i.external_attr >> 16)]
sys.exit(1 if links else 0)' "$output"; then
  echo "$output"
else
  echo "symbolic links in $output" >&2
  exit 1
fi

#!/usr/bin/env bash
# Installs the package with pip from this directory, as on a machine without PyPI (Debian's
# python3-pip, python3-setuptools and python3-wheel; no build isolation, no index), into a
# temporary directory, then runs its tests against that installed copy and the given library.
# Usage: run.sh PYTHON LIBCOTATION_SO SOURCE_DIR COTATION_PROGRAM
set -euo pipefail
python="$1"
export COTATION_LIBRARY="$2"
export COTATION_SOURCE_DIR="$3"
export COTATION_PROGRAM="$4"  # test_scale.py compares with `cotation eval`
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp -r "$COTATION_SOURCE_DIR/python" "$scratch/package"  # pip builds in place: not in the source tree
"$python" -m pip install --quiet --root-user-action=ignore --no-index --no-build-isolation --no-cache-dir --target "$scratch/site" \
  "$scratch/package" 2>"$scratch/pip.log" || { cat "$scratch/pip.log"; exit 1; }
cd "$scratch"  # not the source tree: the installed package is the one imported
export PYTHONPATH="$scratch/site"  # Dask worker processes import it too
"$python" -m pytest -q -p no:cacheprovider "$COTATION_SOURCE_DIR/python/tests"

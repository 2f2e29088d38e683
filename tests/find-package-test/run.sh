#!/usr/bin/env bash
# Installs the build into a temporary prefix, then builds the consumer project beside this
# script against it, with fmt hidden from find_package (the shared library needs only Boost's
# headers; the config file never asks for PEGTL or nlohmann_json), and runs it: the C++ example prices its session, the C
# test passes through find_package and through pkg-config, and the installed `cotation` finds the
# installed rules by itself.
# Usage: run.sh BUILD_DIR SOURCE_DIR [CMAKE_ARGUMENT...] (for the consumer's configuration)
set -euo pipefail
build="$1"
source_dir="$2"
shift 2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
prefix="$scratch/prefix"

cmake --install "$build" --prefix "$prefix" >/dev/null
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
cmake -S "$source_dir/tests/find-package-test" -B "$scratch/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$prefix" -DCOTATION_SOURCE_DIR="$source_dir" -DCMAKE_CXX_COMPILER_LAUNCHER=ccache \
  -DCMAKE_DISABLE_FIND_PACKAGE_fmt=ON "$@" >"$scratch/configure.log" 2>&1 || { cat "$scratch/configure.log"; exit 1; }
cmake --build "$scratch/build" >"$scratch/build.log" || { cat "$scratch/build.log"; exit 1; }

# RAM 7.49 x 2.21 = 16.5529 -> 16.55; IFD 2.50; IK (2 x 7.5 - 4) x 0.38 = 4.18; total 23.23.
"$scratch/build/embed_cpp" "$prefix/share/cotation/rules" >"$scratch/embed.out"
grep -q "exemple-1: accepted, total 23.23 EUR" "$scratch/embed.out"
echo "C++ consumer (find_package): ok"
"$scratch/build/capi_c" "$source_dir"
LD_LIBRARY_PATH="$prefix/lib" "$scratch/build/capi_c_pkgconfig" "$source_dir"
linked=$(ldd "$scratch/build/capi_c")
grep -q "libcotation.so.0.1 => $prefix/lib/libcotation.so.0.1" <<<"$linked"

# Run from a directory without ./rules: the installed program reads the installed rules (exit 1:
# the examples' last line is malformed on purpose).
status=0
(cd "$scratch" && "$prefix/bin/cotation" eval "$source_dir/examples/claims.jsonl" >"$scratch/installed.jsonl") ||
  status=$?
[ "$status" -eq 1 ]
"$build/cotation" eval --rules "$source_dir/rules" "$source_dir/examples/claims.jsonl" >"$scratch/expected.jsonl" ||
  true
cmp "$scratch/installed.jsonl" "$scratch/expected.jsonl"
echo "installed cotation finds share/cotation/rules: ok"

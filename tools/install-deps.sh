#!/usr/bin/env bash
# Installs what cotation needs to build and test, from Debian packages. Idempotent: a
# package already present is not fetched again.
set -euo pipefail

packages=(
  cmake ninja-build g++ git
  clang libclang-rt-14-dev   # libFuzzer, for tools/fuzz.sh
  tao-pegtl-dev        # PEG parser of the rules language
  libfmt-dev           # formatting of messages and outputs
  libboost-dev         # Boost.Multiprecision, exact decimal amounts
  nlohmann-json3-dev   # JSON input and output
  libcli11-dev         # command-line parsing
  libcpp-httplib-dev   # cotation serve: HTTP/1.1 server (keep-alive, chunked streams, timeouts)
  libsqlite3-dev       # `cotation eval --history`: the patients' history kept across runs
  libgtest-dev libgmock-dev   # tests
  libbenchmark-dev     # benchmarks
  python3              # tests: JSON goldens, HTML well-formedness, the editor grammar
  python3-pip python3-setuptools python3-wheel python3-pytest   # the Python package: pip install, pytest
  python3-dask python3-distributed   # the Python package's test over a Dask LocalCluster
  python3-jsonschema   # tests: the JSON Schemas of docs/schemas/ (draft 2020-12) against the docs' examples
  pkg-config           # tests: the consumer project built against the installed tree
  dpkg-dev file        # the Debian package: CPack's dpkg-shlibdeps
  neovim               # tests: a real LSP client (headless) against `cotation lsp`
  chromium-headless-shell fonts-dejavu-core   # tests: the page of `cotation serve`, screenshots of the HTML table and timeline (no display needed)
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

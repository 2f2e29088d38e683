#!/usr/bin/env bash
# `cotation timeline`: golden histories on the fixture tests/tools/table_rules (a key letter, an
# act with a revaluation whose first step an amendment moved), lookups by name and by billed
# code, the HTML page and its chart, and exit codes.
# Usage: timeline_command_test.sh COTATION_BINARY SOURCE_DIR
#
# The goldens in tests/cli/timeline/ were checked line by line against the fixture:
#   AMK.txt: 2.15 / 2.36 EUR until 2024-02-21, 2.21 / 2.43 EUR from 2024-02-22, with their sources;
#     the one act priced with AMK, deambulation (AMK 6, undated).
#   lombalgie.txt, lombalgie.json: RAM 7.49 from 2024-02-22; reval_ams +0.6 signed for 2025-07-01,
#     moved by report_2025 to 2026-01-01: RAM 8.09 from 2026-01-01; +0.3 on 2027-07-01: RAM 8.39.
#     Tariffs: 7.49 x 2.21 = 16.5529 -> 16.55, 7.49 x 2.43 = 18.2007 -> 18.20;
#     8.09 x 2.21 = 17.8789 -> 17.88, 8.09 x 2.43 = 19.6587 -> 19.66;
#     8.39 x 2.21 = 18.5419 -> 18.54, 8.39 x 2.43 = 20.3877 -> 20.39;
#     old AMS 7.5 from 2024-02-22 to 2024-05-31: 7.5 x 2.21 = 16.575 -> 16.58, 7.5 x 2.43 = 18.225 -> 18.23.
set -uo pipefail
cotation="$1"
source_dir="$2"
rules="$source_dir/tests/tools/table_rules"
golden="$source_dir/tests/cli/timeline"
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

expect_exit 0 "a key letter" "$cotation" timeline --rules "$rules" AMK
expect_same_file "AMK differs from AMK.txt (< expected, > actual)" "$golden/AMK.txt" "$scratch/out"

expect_exit 0 "an act by its name" "$cotation" timeline --rules "$rules" lombalgie
expect_same_file "lombalgie differs from lombalgie.txt (< expected, > actual)" "$golden/lombalgie.txt" "$scratch/out"
expect_exit 0 "an act by a billed code of its history" "$cotation" timeline --rules "$rules" "RAM 8.09"
expect_same_file "RAM 8.09 is lombalgie" "$golden/lombalgie.txt" "$scratch/out"

expect_exit 0 "json" "$cotation" timeline --rules "$rules" lombalgie --format json
expect_same_file "lombalgie json differs from lombalgie.json (< expected, > actual)" "$golden/lombalgie.json" "$scratch/out"

expect_exit 0 "an item" "$cotation" timeline --rules "$rules" IK
expect_contains "a value per km" "$scratch/out" "sans limite de date : 0,38 € par km en métropole, 0,43 € par km en outre-mer (drom)"
expect_exit 0 "a removed act" "$cotation" timeline --rules "$rules" deambulation
expect_contains "its removal" "$scratch/out" "supprimé depuis le 2025-07-01 (Synthèse du fonds (fixture des tableaux), pertinence des interventions en EHPAD)"
expect_contains "its last tariff ends the day before" "$scratch/out" "2024-02-22 → 2025-06-30, AMK 6"

# HTML: well-formed, escaped, a chart drawn by the tool, nothing loaded from elsewhere.
expect_exit 0 "html" "$cotation" timeline --rules "$rules" echappement --format html
expect_well_formed "the HTML timeline is well-formed" "$scratch/out"
expect_contains "the label is escaped" "$scratch/out" "Rééducation &lt;&amp;&gt; &quot;test&quot;, bilan | suivi"
expect_exit 0 "html" "$cotation" timeline --rules "$rules" lombalgie --format html
expect_well_formed "the HTML timeline is well-formed" "$scratch/out"
expect_contains "an inline SVG chart" "$scratch/out" '<svg xmlns="http://www.w3.org/2000/svg"'
# Three steps in each region, joined where one period follows the other.
expect_contains "the metropolitan step line" "$scratch/out" 'stroke="#1f5fa8" stroke-width="2"/>'
if [ "$(grep -c '<path d="M [0-9]* [0-9]* H [0-9]* V [0-9]* H [0-9]* V [0-9]* H [0-9]*"' "$scratch/out")" -eq 2 ]; then
  pass
else
  fail "one step line of three steps per region: $(grep '<path' "$scratch/out")"
fi
expect_contains "the moved date is shown" "$scratch/out" "date reportée du 2025-07-01 au 2026-01-01 par l&#39;amendement report_2025"
if grep -qiE '<script|https?://[^"]*"[^>]*(src|href)=' "$scratch/out"; then fail "the page loads nothing"; else pass; fi

# Exit codes and messages.
expect_exit 2 "an unknown code" "$cotation" timeline --rules "$rules" XYZ
expect_contains "the unknown code is named" "$scratch/err" "XYZ : aucun acte, lettre clé ni forfait"
expect_exit 2 "a billed code of several acts" "$cotation" timeline --rules "$rules" "AMS 7.5"
expect_contains "the acts are listed" "$scratch/err" "lombalgie, echappement"
expect_exit 2 "no code" "$cotation" timeline --rules "$rules"
expect_exit 2 "an unknown format" "$cotation" timeline --rules "$rules" AMK --format pdf
expect_exit 2 "a rule directory that does not exist" "$cotation" timeline --rules "$scratch/none" AMK
expect_exit 0 "--lang en" "$cotation" --lang en timeline --rules "$rules" AMK
expect_contains "English" "$scratch/out" "since 2024-02-22: 2.21 € in metropolitan France, 2.43 € in overseas France"

summary

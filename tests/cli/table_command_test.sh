#!/usr/bin/env bash
# `cotation table`: golden outputs on the fixture tests/tools/table_rules in each format, the
# note on acts without a tariff, escaping, and exit codes.
# Usage: table_command_test.sh COTATION_BINARY SOURCE_DIR
#
# The goldens in tests/cli/table/ were written by hand before the command ran:
#   2024-02-22, metropolitan France (metropole-2024-02-22.md):
#     lombalgie RAM 7.49 x 2.21 = 16.5529 -> 16.55; echappement RAM 7.51 x 2.21 = 16.5971 -> 16.60
#     rhumatisme NMI 8 x 2.21 = 17.68, replacing AMK 8 and AMC 8: "AMK ou AMC 8"
#     paralysie TER 16 x 2.21 = 35.36, pending (avis de la HAS); deambulation AMK 6 x 2.21 = 13.26,
#     removed from 2025-07-01; test_pair XPA 8.5 x 2.21 = 18.785 -> 18.78 (half even, as XPA says)
#     articles in natural order: art. 1er, art. 2, art. 10, then acts without an article
#   2024-02-22, overseas (drom-2024-02-22.csv, RFC 4180, CRLF):
#     RAM 7.49 x 2.43 = 18.2007 -> 18.20; RAM 7.51 x 2.43 = 18.2493 -> 18.25; NMI 8 x 2.43 = 19.44;
#     TER 16 x 2.43 = 38.88; AMK 6 x 2.43 = 14.58; XPA has no overseas value: no_value, exit 1
#   2024-01-01, metropolitan France (metropole-2024-01-01.json): before the avenant, the new
#     acts are not yet in force (from 2024-02-22), the old cotations not yet replaced;
#     deambulation AMK 6 x 2.15 = 12.90; XPA has no value before 2024-02-22: listed, exit 1
#   2026-06-01, metropolitan France: the first revaluation step, moved by report_2025 from
#     2025-07-01 to 2026-01-01: lombalgie RAM 8.09 x 2.21 = 17.8789 -> 17.88, echappement
#     RAM 8.11 x 2.21 = 17.9231 -> 17.92; AMS 7.5 no longer accepted since 2024-06-01;
#     deambulation removed since 2025-07-01; IFO has no value since 2025-07-01
set -uo pipefail
cotation="$1"
source_dir="$2"
rules="$source_dir/tests/tools/table_rules"
golden="$source_dir/tests/cli/table"
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

expect_exit 0 "markdown, 2024-02-22, metropole" "$cotation" table --rules "$rules" --date 2024-02-22
expect_same_file "markdown differs from metropole-2024-02-22.md (< expected, > actual)" \
  "$golden/metropole-2024-02-22.md" "$scratch/out"
expect_exit 0 "--format md is the default" "$cotation" table --rules "$rules" --date 2024-02-22 --format md --region metropole
expect_same_file "--format md --region metropole is the default" "$golden/metropole-2024-02-22.md" "$scratch/out"

expect_exit 1 "csv, overseas: one act has no value" \
  "$cotation" table --rules "$rules" --date 2024-02-22 --region drom --format csv
expect_same_file "csv differs from drom-2024-02-22.csv (< expected, > actual)" \
  "$golden/drom-2024-02-22.csv" "$scratch/out"

expect_exit 1 "json, 2024-01-01: an act in force has no value" \
  "$cotation" table --rules "$rules" --date 2024-01-01 --format json
if python3 - "$golden/metropole-2024-01-01.json" "$scratch/out" <<'PY'; then pass; else fail "json differs from metropole-2024-01-01.json"; fi
import json, sys
expected, actual = (json.load(open(path, encoding="utf-8")) for path in sys.argv[1:3])
if expected != actual:
    print(json.dumps(actual, ensure_ascii=False, indent=1)[:3000])
    sys.exit(1)
PY
expect_exit 1 "markdown, 2024-01-01" "$cotation" table --rules "$rules" --date 2024-01-01
expect_contains "the acts without a tariff are listed first" "$scratch/out" \
  "- test_pair (XPA 8.5) : aucune valeur de la lettre clé ne couvre le 2024-01-01 en métropole"
expect_contains "an act not yet in force stays in the table" "$scratch/out" \
  "| Rééducation d'une lombalgie commune | lombalgie |  |  |  | en vigueur à partir du 2024-02-22 |"

expect_exit 0 "markdown, 2026-06-01" "$cotation" table --rules "$rules" --date 2026-06-01
for row in \
  "| Rééducation d'une lombalgie commune | lombalgie | AMS 7.5 (plus admise depuis le 2024-06-01) | RAM 8.09 | 17,88 € |  |" \
  "| echappement | AMS 7.5 (plus admise depuis le 2024-06-01) | RAM 8.11 | 17,92 € |  |" \
  "| Rééducation de la déambulation (vingt minutes) | deambulation |  |  |  | supprimé depuis le 2025-07-01 |" \
  "| IFO | Indemnité forfaitaire orthopédique | plus de valeur depuis le 2025-07-01 |  |"; do
  expect_contains "2026-06-01" "$scratch/out" "$row"
done

expect_exit 0 "--lang en" "$cotation" --lang en table --rules "$rules" --date 2024-02-22
expect_contains "English headings" "$scratch/out" "# Tariffs on 2024-02-22, metropolitan France"
expect_contains "English amounts" "$scratch/out" "| RAM 7.49 | 16.55 € |"

# HTML: a standalone page, well-formed, the label <&> escaped.
expect_exit 0 "html" "$cotation" table --rules "$rules" --date 2024-02-22 --format html
expect_well_formed "the HTML table is well-formed" "$scratch/out"
expect_contains "the label is escaped" "$scratch/out" "<td>Rééducation &lt;&amp;&gt; &quot;test&quot;, bilan | suivi</td>"
expect_contains "amounts" "$scratch/out" "<td class=\"amount\">16,60 €</td>"
if grep -qiE '<script|https?://' "$scratch/out"; then fail "the page loads nothing"; else pass; fi

# csv-fr, for a French spreadsheet: the same records as drom-2024-02-22.csv, with a UTF-8
# byte order mark, `;` between fields (a field with `;` quoted, one with `,` no longer) and a
# decimal comma in the amounts (18,20 for 18.20).
expect_exit 1 "csv-fr, overseas" "$cotation" table --rules "$rules" --date 2024-02-22 --region drom --format csv-fr
expect_same_file "csv-fr differs from drom-2024-02-22-fr.csv (< expected, > actual)" \
  "$golden/drom-2024-02-22-fr.csv" "$scratch/out"
if head -c 3 "$scratch/out" | od -An -tx1 | grep -q "ef bb bf"; then pass; else fail "csv-fr: no UTF-8 byte order mark"; fi

# HTML: what the page is made from, and a table of contents that leads to each table.
export SOURCE_DATE_EPOCH=1765065600
expect_exit 0 "html with its sources" "$cotation" table --rules "$rules" --date 2024-02-22 --format html
unset SOURCE_DATE_EPOCH
expect_contains "the date generated (SOURCE_DATE_EPOCH 1765065600 = 2025-12-07)" "$scratch/out" "généré le 2025-12-07"
expect_contains "the rule-set hash" "$scratch/out" "Jeu de règles : <code>"
expect_contains "a table of contents" "$scratch/out" '<li><a href="#section-0">'
expect_contains "its target" "$scratch/out" '<h2 id="section-0">'
expect_contains "the sources" "$scratch/out" '<h2 id="sources">Sources</h2>'
expect_contains "a source with its dates" "$scratch/out" "<li><strong>av_test</strong> : "

# Two `remplace` periods of one code are one old cotation: in the shipped rules (article 3),
# reeducation_abdominale_peri_operatoire replaces AMK 8 and AMC 8, each until 2024-02-21 and
# again 2024-02-22..2024-05-31: "AMK ou AMC 8", never "AMK ou AMK ou AMC ou AMC 8".
"$cotation" table --rules "$source_dir/rules" --date 2024-03-01 >"$scratch/shipped.md" 2>/dev/null
expect_contains "one old cotation per code" "$scratch/shipped.md" \
  "| reeducation_abdominale_peri_operatoire | AMK ou AMC 8 (admise jusqu'au 2024-05-31) | RAB 8.01 |"
if grep -qE "(AM[SKC]) ou \1 " "$scratch/shipped.md"; then
  fail "a code repeated: $(grep -oE "(AM[SKC]) ou \1 [^|]*" "$scratch/shipped.md" | head -2)"
else
  pass
fi

# Exit codes and messages.
expect_exit 2 "a date that does not exist" "$cotation" table --rules "$rules" --date 2024-02-30
expect_contains "the bad date is named" "$scratch/err" "date invalide : 2024-02-30"
expect_exit 2 "a date in another format" "$cotation" table --rules "$rules" --date 22/02/2024
expect_exit 2 "no date" "$cotation" table --rules "$rules"
expect_exit 2 "an unknown region" "$cotation" table --rules "$rules" --date 2024-02-22 --region guadeloupe
expect_exit 2 "an unknown format" "$cotation" table --rules "$rules" --date 2024-02-22 --format pdf
expect_exit 2 "a rule directory that does not exist" "$cotation" table --rules "$scratch/none" --date 2024-02-22
expect_exit 0 "--help" "$cotation" table --help
expect_contains "the help gives an example" "$scratch/out" "Exemple : cotation table"

summary

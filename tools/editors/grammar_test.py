#!/usr/bin/env python3
"""Checks tools/editors/cotation.tmLanguage.json against grammar/cotation.peg.

Loads the grammar, compiles every regular expression with Python's `re` (the grammar uses only
constructs that Oniguruma and Python share), checks that every keyword of the normative grammar
is recognised accented, unaccented and upper-case, and tokenizes sample lines. The tokenizer
below approximates TextMate's: at each position the leftmost match wins, ties going to the
first pattern; begin/end rules are followed to their end on the same line.
Usage: grammar_test.py [REPOSITORY_ROOT]
"""
import json
import pathlib
import re
import sys
import unicodedata

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[2])
grammar = json.loads((root / "tools/editors/cotation.tmLanguage.json").read_text(encoding="utf-8"))
manifest = json.loads((root / "tools/editors/vscode/package.json").read_text(encoding="utf-8"))
failures = []


def fail(message):
    failures.append(message)


# ------------------------------------------------------------------ the regexes compile

compiled = {}


def compile_all(node, where):
    if isinstance(node, dict):
        for key in ("match", "begin", "end"):
            if key in node:
                try:
                    compiled[node[key]] = re.compile(node[key])
                except re.error as error:
                    fail(f"{where}.{key}: {error}: {node[key]}")
        for key, value in node.items():
            compile_all(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            compile_all(value, f"{where}[{i}]")


compile_all(grammar, "grammar")

# ------------------------------------------------------------------ the tokenizer


def expand(patterns):
    """The patterns of a list, includes resolved, nested lists flattened, in order."""
    result = []
    for pattern in patterns:
        if "include" in pattern:
            result.extend(expand([grammar["repository"][pattern["include"][1:]]]))
        elif "patterns" in pattern and "match" not in pattern and "begin" not in pattern:
            result.extend(expand(pattern["patterns"]))
        else:
            result.append(pattern)
    return result


top = expand(grammar["patterns"])


def follow(pattern, line, position):
    """Where a begin/end rule ends: its inner patterns (escapes) are consumed before `end` is sought."""
    inner = expand(pattern.get("patterns", []))
    while True:
        end = compiled[pattern["end"]].search(line, position)
        skip = None
        for candidate in inner:
            found = compiled[candidate["match"]].search(line, position)
            if found and (skip is None or found.start() < skip.start()):
                skip = found
        if skip is not None and (end is None or skip.start() < end.start()):
            position = skip.end()
            continue
        return end.end() if end else len(line)


def tokenize(line):
    """[(text, scope)] of the scoped parts of a line, in order."""
    tokens = []
    position = 0
    while position < len(line):
        best = None
        for pattern in top:
            match = compiled[pattern.get("match") or pattern["begin"]].search(line, position)
            if match and match.end() > match.start() and (best is None or match.start() < best[1].start()):
                best = (pattern, match)
        if best is None:
            break
        pattern, match = best
        if "begin" in pattern:
            stop = follow(pattern, line, match.end())
            tokens.append((line[match.start():stop], pattern["name"]))
            position = stop
            continue
        if "captures" in pattern:
            for group, capture in sorted(pattern["captures"].items()):
                tokens.append((match.group(int(group)), capture["name"]))
        else:
            tokens.append((match.group(0), pattern["name"]))
        position = match.end()
    return tokens


# ------------------------------------------------------------------ every keyword is covered


def unaccented(word):
    return "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")


peg = (root / "grammar/cotation.peg").read_text(encoding="utf-8")
keywords = set()
reserved_block = False
for line in peg.splitlines():
    if line.startswith("#"):
        continue
    if line.startswith("reserved_word"):
        reserved_block = True
    if reserved_block:
        keywords.update(w for w in re.findall(r"[^\W\d_]+", line.split(":", 1)[-1] if "<a word" in line else line)
                        if w not in ("reserved_word", "a", "word", "equal", "once", "accents", "and", "case",
                                     "are", "removed", "to", "one", "of"))
        if line.rstrip().endswith(">"):
            reserved_block = False
        continue
    keywords.update(re.findall(r'"([^"]+)"', line))
# Keywords the PEG writes in two pieces around an apostrophe or a hyphen.
keywords -= {"jusqu", "delà"}
phrases = {"jusqu'au", "jusqu’au", "au-delà"}
if len(keywords) < 60:
    fail(f"only {len(keywords)} keywords read from grammar/cotation.peg: the reader is out of step")

for word in sorted(keywords | phrases):
    for form in {word, unaccented(word), word.upper(), unaccented(word).upper()}:
        tokens = tokenize(form)
        if len(tokens) != 1 or tokens[0][0] != form or not tokens[0][1].startswith(("keyword", "constant.language")):
            fail(f"keyword {form!r} is not highlighted as one keyword: {tokens}")

# ------------------------------------------------------------------ sample lines

samples = [
    ('lettre RAM "Rééducation du rachis" {',
     [("lettre", "keyword.declaration"), ("RAM", "entity.name"), ('"Rééducation du rachis"', "string")]),
    ("  valeur 2,21 € en métropole, 2.43 EUR en drom depuis 2024-02-22 selon av7 \"art. 2.1\"",
     [("valeur", "keyword"), ("2,21 €", "constant.numeric.money"), ("2.43 EUR", "constant.numeric.money"),
      ("depuis", "keyword"), ("2024-02-22", "constant.numeric.date"), ('"art. 2.1"', "string")]),
    ("# un commentaire : depuis 2024-02-22, 2,21 €", [("# un commentaire : depuis 2024-02-22, 2,21 €", "comment")]),
    ("  REFERENTIEL \"lombalgie\" : accord préalable au-delà de 15 séances sur 12 mois",
     [("REFERENTIEL", "keyword"), ("accord préalable", "keyword"), ("au-delà", "keyword"), ("15", "constant.numeric"),
      ("séances", "keyword"), ("12 mois", "constant.numeric.duration")]),
    ("  alors taux 50 %", [("alors", "keyword"), ("taux", "keyword"), ("50 %", "constant.numeric.percentage")]),
    ("  condition trajet.distance > 2 km et non vrai",
     [("condition", "keyword"), ("trajet.distance", "variable"), (">", "keyword.operator"),
      ("2 km", "constant.numeric.distance"), ("et", "keyword.operator"), ("vrai", "constant.language")]),
    ("  coefficient +0.6 depuis 2025-07-01 jusqu’au 2027-06-30",
     [("+0.6", "constant.numeric.decimal"), ("jusqu’au", "keyword")]),
    ('  message "un \\"guillemet\\" échappé"', [('"un \\"guillemet\\" échappé"', "string")]),
    ("acte lombalgie_commune \"x\" {", [("acte", "keyword.declaration"), ("lombalgie_commune", "entity.name")]),
    ("Paramètre distance_minimale \"x\" {", [("Paramètre", "keyword.declaration"), ("distance_minimale", "entity.name")]),
]
for line, expected in samples:
    tokens = tokenize(line)
    for text, scope in expected:
        if not any(t == text and s.startswith(scope) for t, s in tokens):
            fail(f"in {line!r}: expected {text!r} as {scope}, got {tokens}")

# ------------------------------------------------------------------ the VS Code manifest

contributed = manifest["contributes"]["grammars"][0]
if contributed["scopeName"] != grammar["scopeName"]:
    fail("package.json and the grammar disagree on the scope name")
grammar_path = root / "tools/editors/vscode" / contributed["path"]
if not grammar_path.exists() or json.loads(grammar_path.read_text(encoding="utf-8")) != grammar:
    fail(f"package.json does not point at the grammar: {contributed['path']}")
if ".cot" not in manifest["contributes"]["languages"][0]["extensions"]:
    fail("package.json does not claim the .cot files")

for message in failures:
    print("FAIL:", message)
print(f"{len(keywords)} keywords, {len(compiled)} regexes, {len(samples)} sample lines: {len(failures)} failures")
sys.exit(1 if failures else 0)

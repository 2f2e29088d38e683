#!/usr/bin/env python3
"""The real-client test of `cotation lsp`: Neovim's built-in LSP client, headless, runs
neovim_client.lua on the shipped rules; this checks what it wrote (hover, definition,
diagnostics, and the quick fix of a misspelt keyword applied to the buffer).

usage: neovim_test.py COTATION SOURCE_DIR

Hover prices on 2024-03-01: RAM 7.49 x 2.21 = 16.5529 -> 16,55 € (metropolitan France),
7.49 x 2.43 = 18.2007 -> 18,20 € overseas (rules/lettres-cles.cot, rounded to the cent)."""
import json
import os
import pathlib
import subprocess
import sys
import tempfile


def main():
    program, source_dir = os.path.abspath(sys.argv[1]), pathlib.Path(sys.argv[2]).resolve()
    article = source_dir / "rules" / "titre-xiv" / "article-1.cot"
    letters = source_dir / "rules" / "lettres-cles.cot"
    before = article.read_bytes()
    with tempfile.TemporaryDirectory() as scratch:
        output = pathlib.Path(scratch) / "results.json"
        environment = dict(os.environ, LSP_TEST_PROGRAM=program, LSP_TEST_FILE=str(article),
                           LSP_TEST_OUTPUT=str(output), HOME=scratch, XDG_STATE_HOME=scratch, XDG_DATA_HOME=scratch)
        script = pathlib.Path(__file__).with_name("neovim_client.lua")
        subprocess.run(["nvim", "--headless", "--clean", "-n", "-c", "luafile " + str(script)], env=environment,
                       stdin=subprocess.DEVNULL, timeout=90, check=False)
        results = json.loads(output.read_text()) if output.exists() else {"error": "no results written"}
    failures = []

    def check(condition, what):
        if not condition:
            failures.append(what)
            print("FAIL:", what, file=sys.stderr)

    check("error" not in results, "the client script ran: %s" % results.get("error"))
    check(results.get("initialized"), "the server initialised")
    hover = results.get("hover") or ""
    for expected in ("acte lombalgie_commune", "Rééducation dans le cadre de la prise en charge d'une lombalgie commune",
                     "RAM 7.49", "16,55 € en métropole", "18,20 € en outre-mer (drom)"):
        check(expected in hover, "the hover on the act shows %r: %r" % (expected, hover))
    ram_line = next(i for i, line in enumerate(letters.read_text().split("\n")) if line.startswith("lettre RAM "))
    definition = results.get("definition") or {}
    check(definition.get("uri") == letters.as_uri() and definition.get("line") == ram_line
          and definition.get("character") == len("lettre "), "definition of RAM: %s" % definition)
    diagnostics = results.get("diagnostics") or []
    check(len(diagnostics) == 1, "one diagnostic for the broken date: %s" % diagnostics)
    if diagnostics:
        check(diagnostics[0]["line"] == results.get("broken_line") and diagnostics[0]["severity"] == 1
              and "2024-02-30" in diagnostics[0]["message"], "an error at the broken line: %s" % diagnostics)
    check(results.get("code_actions") == 1, "one code action offered for `depui`: %s" % results.get("code_actions"))
    check(results.get("original_line") and results.get("fixed_line") == results.get("original_line"),
          "the quick fix writes `depuis` back: %r" % results.get("fixed_line"))
    check(article.read_bytes() == before, "the shipped file is left unchanged")
    if failures:
        return 1
    print("lsp with neovim: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

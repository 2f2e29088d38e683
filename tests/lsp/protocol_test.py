#!/usr/bin/env python3
"""Protocol-level test of `cotation lsp`: speaks JSON-RPC over the server's stdio on the shipped
rules, the editor's texts held in memory (nothing is written to rules/).

usage: protocol_test.py COTATION SOURCE_DIR

Hover prices on 2024-03-01 (initializationOptions.date): RAM 7.49 x 2.21 = 16.5529 -> 16,55 €
in metropolitan France, 7.49 x 2.43 = 18.2007 -> 18,20 € overseas (rules/lettres-cles.cot:
RAM 2.21 / 2.43 since 2024-02-22, rounded to the cent half away from zero)."""
import json
import pathlib
import queue
import subprocess
import sys
import threading
import time

TIMEOUT = 20  # seconds for any one answer
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


class Client:
    def __init__(self, program):
        self.process = subprocess.Popen([program, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.messages = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self.read, daemon=True).start()

    def read(self):
        out = self.process.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                key, _, value = line.decode().partition(":")
                headers[key.strip().lower()] = value.strip()
            body = out.read(int(headers["content-length"]))
            self.messages.put(json.loads(body))

    def send_raw(self, body):
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def send(self, message):
        message["jsonrpc"] = "2.0"
        self.send_raw(json.dumps(message).encode())

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def wait_for(self, accept):
        deadline = time.time() + TIMEOUT
        while True:
            message = self.messages.get(timeout=max(0.1, deadline - time.time()))
            if message is None:
                raise RuntimeError("the server closed its output")
            if accept(message):
                return message

    def request(self, method, params):
        self.next_id += 1
        request_id = self.next_id
        self.send({"id": request_id, "method": method, "params": params})
        return self.wait_for(lambda m: m.get("id") == request_id)

    def diagnostics_of(self, uri):
        return self.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                             and m["params"]["uri"] == uri)["params"]["diagnostics"]


def uri(path):
    return path.resolve().as_uri()


def position_of(text, needle, shift=0):
    offset = text.index(needle) + shift
    line = text.count("\n", 0, offset)
    return {"line": line, "character": offset - (text.rfind("\n", 0, offset) + 1)}


def offset_of(text, position):
    """The index in `text` of a protocol position (the rules' characters are all in the BMP:
    one UTF-16 unit each)."""
    lines = text.split("\n")
    return sum(len(line) + 1 for line in lines[:position["line"]]) + position["character"]


def apply_edits(text, edits):
    for edit in sorted(edits, key=lambda e: offset_of(text, e["range"]["start"]), reverse=True):
        text = text[:offset_of(text, edit["range"]["start"])] + edit["newText"] + text[offset_of(text, edit["range"]["end"]):]
    return text


def main():
    program, source_dir = sys.argv[1], pathlib.Path(sys.argv[2])
    article = source_dir / "rules" / "titre-xiv" / "article-1.cot"
    letters = source_dir / "rules" / "lettres-cles.cot"
    text = article.read_text()
    doc = {"uri": uri(article)}
    client = Client(program)

    answer = client.request("textDocument/hover", {"textDocument": doc, "position": {"line": 0, "character": 0}})
    check(answer.get("error", {}).get("code") == -32002, "a request before initialize is refused")

    answer = client.request("initialize", {"processId": None, "rootUri": uri(source_dir),
                                           "capabilities": {}, "initializationOptions": {"date": "2024-03-01"}})
    capabilities = answer["result"]["capabilities"]
    for capability in ("hoverProvider", "definitionProvider", "referencesProvider", "documentSymbolProvider",
                       "documentFormattingProvider", "completionProvider", "codeActionProvider"):
        check(capability in capabilities, "capability " + capability)
    client.notify("initialized", {})

    # The shipped rules check clean: the opened document gets an empty list.
    client.notify("textDocument/didOpen", {"textDocument": dict(doc, languageId="cotation", version=1, text=text)})
    check(client.diagnostics_of(doc["uri"]) == [], "the shipped rules have no diagnostic")

    def hover(needle, shift=0):
        result = client.request("textDocument/hover", {"textDocument": doc, "position": position_of(text, needle, shift)})
        return (result["result"] or {}).get("contents", {}).get("value", "")

    act = hover("acte lombalgie_commune", len("acte "))
    for expected in ("**acte lombalgie_commune** — Rééducation dans le cadre de la prise en charge d'une lombalgie commune",
                     "titre XIV, chapitre II, article 1er A", "Cotation le 2024-03-01 : RAM 7.49",
                     "16,55 € en métropole", "18,20 € en outre-mer (drom)", "Source de la cotation : Doctolib Kiné"):
        check(expected in act, "act hover shows " + expected + " in:\n" + act)
    letter = hover("cotation RAM 7.49", len("cotation "))
    check("**lettre RAM**" in letter and "2,21 € en métropole, 2,43 € en outre-mer (drom)" in letter,
          "letter hover gives today's values:\n" + letter)
    source = hover("selon av8", len("selon "))
    check("Avenant 8 à la convention nationale" in source and "Publié le 2025-12-19" in source
          and "Rang : texte" in source,
          "source hover gives title, rank and dates:\n" + source)

    # Names read in an expression (deplacements.cot, not opened: read from disk): a parameter
    # and an item's value.
    travel = source_dir / "rules" / "deplacements.cot"
    travel_text = travel.read_text()
    travel_doc = {"uri": uri(travel)}
    formula = "- 2 × abattement_ik_plaine) × IK.valeur"  # the end of IK's calcul

    def travel_request(method, shift):
        return client.request(method, {"textDocument": travel_doc, "position": position_of(travel_text, formula, shift)})

    parameter = travel_request("textDocument/hover", formula.index("abattement"))["result"]["contents"]["value"]
    check("**paramètre abattement_ik_plaine**" in parameter and "Valeur le 2024-03-01 : 2 km" in parameter,
          "parameter hover: " + parameter)
    item = travel_request("textDocument/hover", formula.index("IK.valeur"))["result"]["contents"]["value"]
    check("**forfait IK**" in item and "0,38 € par km en métropole, 0,43 € par km en outre-mer (drom)" in item,
          "item hover: " + item)
    item_definition = travel_request("textDocument/definition", formula.index("IK.valeur"))["result"]
    check(item_definition["range"]["start"] == position_of(travel_text, "forfait IK ", len("forfait ")),
          "definition of IK from IK.valeur: %s" % item_definition)

    definition = client.request("textDocument/definition",
                                {"textDocument": doc, "position": position_of(text, "cotation RAM 7.49", 10)})["result"]
    ram_line = letters.read_text().split("\n").index(next(l for l in letters.read_text().split("\n")
                                                          if l.startswith("lettre RAM ")))
    check(definition and definition["uri"] == uri(letters) and definition["range"]["start"] ==
          {"line": ram_line, "character": len("lettre ")}, "definition of RAM: %s" % definition)

    references = client.request("textDocument/references", {
        "textDocument": doc, "position": position_of(text, "acte lombalgie_commune", 6),
        "context": {"includeDeclaration": True}})["result"]
    group_use = position_of(text, "  acte lombalgie_commune, rachis", len("  acte "))
    check(any(r["range"]["start"] == group_use for r in references), "references include the group's member")
    check(len(references) >= 2, "the declaration and its uses")

    symbols = client.request("textDocument/documentSymbol", {"textDocument": doc})["result"]
    check(any(s["name"] == "lombalgie_commune" and s["kind"] == 5 for s in symbols), "act in document symbols")
    check(any(s["name"] == "anciens_ams_7_5" and s["kind"] == 3 for s in symbols), "group in document symbols")

    completion = client.request("textDocument/completion", {"textDocument": doc, "position": {"line": 0, "character": 0}})
    labels = {item["label"] for item in completion["result"]}
    check({"acte", "cotation", "selon", "RAM", "AMK", "lombalgie_commune", "cnam_av7"} <= labels, "completion items")

    check(client.request("textDocument/formatting", {"textDocument": doc, "options": {}})["result"] == [],
          "the shipped file is already canonical")

    # An unsaved edit: a date that is not in the calendar, on the act's cotation line.
    broken = text.replace("cotation RAM 7.49 depuis 2024-02-22", "cotation RAM 7.49 depuis 2024-02-30", 1)
    client.notify("textDocument/didChange", {"textDocument": dict(doc, version=2), "contentChanges": [{"text": broken}]})
    diagnostics = client.diagnostics_of(doc["uri"])
    check(len(diagnostics) == 1, "one diagnostic for one mistake: %s" % diagnostics)
    if diagnostics:
        check(diagnostics[0]["severity"] == 1 and diagnostics[0]["range"]["start"]["line"] ==
              position_of(broken, "2024-02-30")["line"], "an error on the broken line: %s" % diagnostics[0])
        check("2024-02-30" in diagnostics[0]["message"], "the message names the date: %s" % diagnostics[0])

    # Suggested corrections: the diagnostic carries its fix in `data`, the code action applies it.
    # `depui` is one letter short of the keyword `depuis`; the no-break space (U+00A0) pasted
    # from a PDF becomes an ordinary space. Either way the edit gives back the shipped text.
    for slip, correct, title in (("7.49 depui 2024-02-22", "7.49 depuis 2024-02-22", "Remplacer par « depuis »"),
                                 ("cotation RAM\u00a07.49", "cotation RAM 7.49", "Remplacer par une espace ordinaire")):
        mistaken = text.replace(correct, slip, 1)
        client.notify("textDocument/didChange", {"textDocument": dict(doc, version=2),
                                                  "contentChanges": [{"text": mistaken}]})
        diagnostics = client.diagnostics_of(doc["uri"])
        check(len(diagnostics) == 1 and "fix" in diagnostics[0].get("data", {}),
              "one diagnostic with a fix for %r: %s" % (slip, diagnostics))
        actions = client.request("textDocument/codeAction", {
            "textDocument": doc, "range": diagnostics[0]["range"] if diagnostics else {},
            "context": {"diagnostics": diagnostics}})["result"]
        check(len(actions) == 1, "one code action for %r: %s" % (slip, actions))
        if actions:
            action = actions[0]
            check(action["kind"] == "quickfix" and action["isPreferred"] and action["title"] == title,
                  "a preferred quick fix: %s" % action)
            edits = action["edit"]["changes"].get(doc["uri"], [])
            check(apply_edits(mistaken, edits) == text, "the quick fix for %r gives back the shipped text: %s"
                  % (slip, edits))
    check(client.request("textDocument/codeAction", {"textDocument": doc, "range": {"start": {"line": 0, "character": 0},
                         "end": {"line": 0, "character": 0}}, "context": {"diagnostics": []}})["result"] == [],
          "no diagnostic, no code action")

    # Canonical layout: an indented declaration line comes back to column 1.
    unformatted = broken.replace("cotation RAM 7.49 depuis 2024-02-30", "cotation RAM 7.49 depuis 2024-02-22", 1)
    unformatted = unformatted.replace("\n  article ngap", "\n        article ngap", 1)
    client.notify("textDocument/didChange", {"textDocument": dict(doc, version=3), "contentChanges": [{"text": unformatted}]})
    check(client.diagnostics_of(doc["uri"]) == [], "fixed: the diagnostics are cleared")
    edits = client.request("textDocument/formatting", {"textDocument": doc, "options": {}})["result"]
    check(len(edits) == 1 and edits[0]["newText"] == text, "formatting gives back the canonical text")

    # Across files: the letter renamed in an unsaved lettres-cles.cot breaks the acts that use it.
    letters_doc = {"uri": uri(letters)}
    renamed = letters.read_text().replace("lettre RAM ", "lettre RAMX ", 1)
    client.notify("textDocument/didOpen", {"textDocument": dict(letters_doc, languageId="cotation", version=1,
                                                                text=renamed)})
    elsewhere = client.diagnostics_of(doc["uri"])
    check(any("RAM" in d["message"] for d in elsewhere), "a use of the renamed letter is reported: %s" % elsewhere[:2])
    client.notify("textDocument/didClose", {"textDocument": letters_doc})
    check(client.diagnostics_of(doc["uri"]) == [], "closed unsaved: the file on disk stands again")

    answer = client.request("textDocument/unknown", {"textDocument": doc})
    check(answer.get("error", {}).get("code") == -32601, "unknown method")
    client.send_raw(b"{not json")
    answer = client.wait_for(lambda m: "error" in m and m.get("id") is None)
    check(answer["error"]["code"] == -32700, "a body that is not JSON")

    check(client.request("shutdown", None).get("result", "missing") is None, "shutdown answers null")
    client.notify("exit", None)
    check(client.process.wait(timeout=TIMEOUT) == 0, "exit after shutdown: status 0")

    if failures:
        print("%d failure(s)" % len(failures), file=sys.stderr)
        return 1
    print("lsp protocol: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

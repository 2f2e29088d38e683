#!/usr/bin/env python3
"""The page of `cotation serve` in a real browser: headless Chromium (Debian) loads it against a
running server, lets its script submit the example claim or ask for a tariff table, and the test
reads the rendered DOM. In: the cotation program, the source tree, the folder for the artefacts.
Out: exit 0 when every check holds; the screenshots of the two views and the server's log in the
artefact folder.

Usage: page_browser_test.py COTATION SOURCE_DIR ARTEFACT_DIR
"""
import html.parser
import os
import shutil
import select
import subprocess
import sys
import tempfile

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag, attributes, parent):
        self.tag, self.attributes, self.parent, self.children = tag, dict(attributes), parent, []

    def text(self):
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def find_all(self, tag, **attributes):
        """Descendants with this tag whose attributes contain these values (class: one of its words)."""
        found = []
        for child in self.children:
            if isinstance(child, str):
                continue
            if child.tag == tag and all(
                    value in child.attributes.get("class", "").split() if name == "class_"
                    else child.attributes.get(name) == value for name, value in attributes.items()):
                found.append(child)
            found.extend(child.find_all(tag, **attributes))
        return found


class TreeBuilder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.root = self.current = Node("#document", {}, None)

    def handle_starttag(self, tag, attributes):
        node = Node(tag, [(name, value or "") for name, value in attributes], self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def serving_address(server, log, seconds=30):
    """The address `cotation serve` writes as the first line of its output once it listens."""
    ready, _, _ = select.select([server.stdout], [], [], seconds)
    line = server.stdout.readline().strip() if ready else ""
    if not line.startswith("http://127.0.0.1:"):
        server.kill()
        sys.exit(f"FAIL cotation serve did not say where it listens within {seconds} s: {line!r}\n"
                 + open(log, encoding="utf-8", errors="replace").read()[-2000:])
    return line


def chromium():
    for name in ("chromium-headless-shell", "chromium"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("FAIL no chromium-headless-shell nor chromium (tools/install-deps.sh installs it)")


def browse(browser, profile, url, *action):
    """Runs the browser on `url` until its script is done (virtual time), for a DOM dump or a
    screenshot; the DOM dump's tree, or None."""
    command = [browser, "--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars",
               f"--user-data-dir={profile}", "--virtual-time-budget=10000", *action, url]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        sys.exit(f"FAIL {browser} exited with {done.returncode}:\n{done.stderr[-2000:]}")
    if "--dump-dom" not in action:
        return None
    builder = TreeBuilder()
    builder.feed(done.stdout)
    return builder.root


def data_values(node, class_):
    return [d.attributes.get("value") for d in node.find_all("data", class_=class_)]


def png_size(path):
    with open(path, "rb") as image:
        header = image.read(24)
    if header[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")


def screenshot(browser, profile, url, path):
    if os.path.exists(path):
        os.remove(path)
    browse(browser, profile, url, "--window-size=1280,1600", f"--screenshot={path}")
    check(os.path.exists(path) and png_size(path) == (1280, 1600), f"screenshot {path} is a 1280x1600 PNG")


def check_decision_view(dom):
    """The example claim: RAM 7.49 on 2024-03-04 in metropolitan France, in the practice. RAM is
    worth 2.21 EUR that day (avenant 7): 7.49 x 2.21 = 16.5529, rounded to the cent: 16.55."""
    (heading,) = dom.find_all("h3", id="titre-decision") or [None]
    check(heading is not None, "the decision is shown")
    if heading is None:
        return
    check(data_values(heading, "decision") == ["accepted"], "the claim is accepted")
    check(data_values(heading, "montant") == ["16.55"], "its total is 16.55")
    check("acceptée" in heading.text() and "16,55 €" in heading.text(), "in French: acceptée, 16,55 €")
    rows = dom.find_all("tr", class_="ligne")
    check(len(rows) == 1, "one line decided")
    if rows:
        check("RAM 7.49" in rows[0].text(), "the line is RAM 7.49")
        check(data_values(rows[0], "decision") == ["accepted"], "the line is accepted")
        check(data_values(rows[0], "montant") == ["16.55"], "the line's amount is 16.55")
    steps = {}
    for group in dom.find_all("details"):
        for step in group.find_all("li"):
            what = "".join(n.text() for n in step.find_all("span", class_="quoi"))
            value = "".join(n.text() for n in step.find_all("strong", class_="valeur"))
            source = "".join(n.text() for n in step.find_all("cite", class_="source"))
            steps[what] = (value, source)
    value, source = steps.get("valeur de RAM le 2024-03-04", (None, ""))
    check(value == "2.21", "the explanation gives RAM's value on the date: 2.21")
    check("Revalorisation des tarifs en vigueur au 22 février 2024" in source, "with its source, avenant 7")
    value, source = steps.get("7.49 × 2.21", (None, ""))
    check(value == "16.55", "the explanation computes 7.49 × 2.21 = 16.55")
    check("arrondi au centime" in source, "with the rounding's source")
    summaries = [s.text() for s in dom.find_all("summary")]
    check(any(s.startswith("Règles examinées") for s in summaries), "the rules examined form a collapsible group")


def check_every_field_labelled(dom):
    """Each input, select and text area has a label: <label for>, an enclosing <label>, or aria-label."""
    labelled = {label.attributes.get("for") for label in dom.find_all("label")}
    unlabelled = []
    for tag in ("input", "select", "textarea"):
        for field in dom.find_all(tag):
            ancestor = field.parent
            while ancestor is not None and ancestor.tag != "label":
                ancestor = ancestor.parent
            if field.attributes.get("id") not in labelled and ancestor is None and not field.attributes.get("aria-label"):
                unlabelled.append(field.attributes)
    check(not unlabelled, f"every field has a label (unlabelled: {unlabelled})")


def check_tariff_view(dom):
    """Overseas on 2024-03-04, RAM is worth 2.43 EUR: lombalgie commune, RAM 7.49, costs
    7.49 x 2.43 = 18.2007, rounded to the cent: 18.20."""
    (heading,) = dom.find_all("h3", id="titre-tableau") or [None]
    check(heading is not None and heading.text() == "Tarifs au 2024-03-04, outre-mer (drom)", "the overseas table at the date")
    rows = [row for row in dom.find_all("tr") if "lombalgie_commune" in row.text()]
    check(len(rows) == 1, "the act lombalgie_commune is listed once")
    if rows:
        check("RAM 7.49" in rows[0].text() and data_values(rows[0], "montant") == ["18.20"], "RAM 7.49 costs 18.20")
    letters = [row for row in dom.find_all("tr") if row.find_all("code") and row.find_all("code")[0].text() == "RAM"]
    check(len(letters) == 1 and data_values(letters[0], "montant") == ["2.43"], "the letter RAM is worth 2.43")


def check_problem_shown(dom):
    """A date that does not exist: the server answers with a problem, shown as an alert with its
    title, its status and its detail."""
    alerts = dom.find_all("div", class_="probleme")
    check(len(alerts) == 1 and alerts[0].attributes.get("role") == "alert", "the server's problem is shown as an alert")
    if alerts:
        titles = alerts[0].find_all("h3")
        check(len(titles) == 1 and titles[0].text().endswith("(HTTP 400)"), "with its title and HTTP status, 400")
        check("2024-02-30" in alerts[0].text(), "and its detail naming the date")


def main():
    cotation, source_dir, artefacts = sys.argv[1:4]
    os.makedirs(artefacts, exist_ok=True)
    browser = chromium()
    log = os.path.join(artefacts, "serve.log")  # the server's access log and events
    with open(log, "w", encoding="utf-8") as log_file:
        server = subprocess.Popen([cotation, "serve", "--rules", os.path.join(source_dir, "rules"),
                                   "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE, stderr=log_file, text=True)
    try:
        base = serving_address(server, log)
        with tempfile.TemporaryDirectory(prefix="cotation-page-") as profile:
            example = base + "/?exemple=1"
            decision = browse(browser, profile, example, "--dump-dom")
            check_decision_view(decision)
            check_every_field_labelled(decision)
            screenshot(browser, profile, example, os.path.join(artefacts, "decision.png"))
            tariffs = base + "/?vue=tarifs&date=2024-03-04&region=drom"
            check_tariff_view(browse(browser, profile, tariffs, "--dump-dom"))
            screenshot(browser, profile, tariffs, os.path.join(artefacts, "tarifs.png"))
            check_problem_shown(browse(browser, profile, base + "/?vue=tarifs&date=2024-02-30", "--dump-dom"))
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    if failures:
        sys.exit(f"{len(failures)} check(s) failed")
    print(f"screenshots in {artefacts}")


if __name__ == "__main__":
    main()

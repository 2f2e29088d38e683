"""The HTML pages an analyst opens, as a browser draws them: `cotation table --format html` and
`cotation timeline --format html` on the shipped rules, rendered by headless Chromium (Debian's
`chromium-headless-shell`) into PNG files kept as artefacts in ARTEFACT_DIR for a reader to look at.

Checked: each page renders (a PNG of the window's size, not blank: it holds many colours),
and the page's own facts: the table names its rule-set hash, its date generated
(SOURCE_DATE_EPOCH=1765065600 is 2025-12-07) and has a table of contents; the chart's axis
starts near the lowest tariff, not at 0.

Usage: screenshots_test.py COTATION_BINARY SOURCE_DIR ARTEFACT_DIR
"""
import os
import pathlib
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

cotation, source_dir, artefacts = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
artefacts.mkdir(parents=True, exist_ok=True)
rules = source_dir / "rules"
environment = dict(os.environ, SOURCE_DATE_EPOCH="1765065600")
problems = []


def page(name, arguments):
    result = subprocess.run([cotation, *arguments], capture_output=True, env=environment, timeout=120)
    if result.returncode not in (0, 1):
        problems.append(f"{name}: exit {result.returncode}: {result.stderr.decode()[:500]}")
    path = artefacts / f"{name}.html"
    path.write_bytes(result.stdout)
    return path, result.stdout.decode("utf-8")


def colours(png):
    """How many distinct pixel values the image holds (8-bit RGB or RGBA, non-interlaced)."""
    width, height, depth, kind = struct.unpack(">IIBB", png[16:26])
    data = b"".join(png[i + 8:i + 8 + struct.unpack(">I", png[i:i + 4])[0]]
                    for i in chunk_offsets(png) if png[i + 4:i + 8] == b"IDAT")
    raw = zlib.decompress(data)
    channels = {2: 3, 6: 4}.get(kind)
    if depth != 8 or channels is None:
        return width, height, 256  # another layout: not counted
    stride = width * channels + 1
    seen = set()
    for row in range(0, height, 7):
        line = raw[row * stride + 1:(row + 1) * stride]  # filtered bytes: distinct enough for a count
        for x in range(0, len(line) - channels, channels * 5):
            seen.add(line[x:x + channels])
    return width, height, len(seen)


def chunk_offsets(png):
    offset = 8
    while offset < len(png):
        yield offset
        offset += 12 + struct.unpack(">I", png[offset:offset + 4])[0]


def screenshot(html, name, size):
    browser = shutil.which("chromium-headless-shell") or shutil.which("chromium")
    if browser is None:
        problems.append("chromium-headless-shell is not installed (tools/install-deps.sh installs it)")
        return
    png = artefacts / f"{name}.png"
    png.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as home:  # the browser's profile, not among the artefacts
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        f"--window-size={size}", f"--screenshot={png}", html.as_uri()],
                       capture_output=True, timeout=120, env=dict(os.environ, HOME=home))
    if not png.exists():
        problems.append(f"{name}: no screenshot")
        return
    width, height, count = colours(png.read_bytes())
    if f"{width},{height}" != size:
        problems.append(f"{name}: {width}x{height}, expected {size}")
    if count < 20:
        problems.append(f"{name}: {count} colours, a blank page?")


table, table_text = page("table", ["table", "--rules", str(rules), "--date", "2024-07-01", "--format", "html"])
for wanted in ["généré le 2025-12-07", "<nav>", "Sommaire", 'id="sources"', "Jeu de règles"]:
    if wanted not in table_text:
        problems.append(f"table: lacks {wanted!r}")
if not re.search(r"<code>fnv1a64:[0-9a-f]{16}</code>", table_text):
    problems.append("table: no rule-set hash")
screenshot(table, "table", "1280,1600")

timeline, timeline_text = page("timeline", ["timeline", "--rules", str(rules), "lombalgie", "--format", "html"])
if "<svg" not in timeline_text:
    problems.append("timeline: no chart (is `lombalgie` found by the words of its label?)")
# The lowest guide of the axis: a round amount close under the lowest tariff (16,55 €), not 0.
guides = re.findall(r'text-anchor="end">([0-9]+,[0-9]{2}) €</text>', timeline_text)
if not guides or guides[0] == "0,00":
    problems.append(f"timeline: the axis starts at {guides[:1]}")
screenshot(timeline, "timeline", "1000,900")

print("\n".join(problems) if problems else f"screenshots in {artefacts}")
sys.exit(1 if problems else 0)

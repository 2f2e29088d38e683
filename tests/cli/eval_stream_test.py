#!/usr/bin/env python3
"""`cotation eval`, `explain --format json` and `scheme` reading a pipe answer line by line: a line
written, its record read back before the next line is written, as a coprocess is used. Each read
waits at most 20 s (a record that never comes fails the test instead of hanging it). The records
equal those of the same lines read from a file, read in large blocks.
Usage: eval_stream_test.py COTATION_BINARY SOURCE_DIR
"""
import pathlib
import select
import subprocess
import sys
import tempfile

cotation, source_dir = sys.argv[1], pathlib.Path(sys.argv[2])
rules = str(source_dir / "rules")
claims = (source_dir / "examples" / "claims.jsonl").read_text(encoding="utf-8").splitlines()
situations = (source_dir / "tests" / "cli" / "scheme" / "situations.jsonl").read_text(encoding="utf-8").splitlines()
commands = [
    (["eval", "--rules", rules], claims),
    (["explain", "--rules", rules, "--format", "json"], claims),
    (["scheme", "--rules", rules], situations),
]


def read_line(stream, name, timeout=20.0):
    ready, _, _ = select.select([stream], [], [], timeout)
    if not ready:
        sys.exit(f"FAIL: {name}: no record within {timeout} s: it waits for more input")
    return stream.readline().decode("utf-8")


for command, lines in commands:
    name = command[0]
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8") as file:
        file.write("\n".join(lines) + "\n")
        file.flush()
        from_file = subprocess.run([cotation] + command + [file.name], capture_output=True, check=False)
    expected = from_file.stdout.decode("utf-8").splitlines(keepends=True)
    assert len(expected) == len(lines), (name, from_file.stderr)

    process = subprocess.Popen([cotation] + command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    for number, (line, record) in enumerate(zip(lines, expected), start=1):
        process.stdin.write(line.encode("utf-8") + b"\n")
        process.stdin.flush()
        got = read_line(process.stdout, name)
        if got != record:
            sys.exit(f"FAIL: {name}: line {number}: streamed\n{got}\nfrom the file\n{record}")
    process.stdin.close()
    rest = process.stdout.read()
    status = process.wait(timeout=20)
    if rest:
        sys.exit(f"FAIL: {name}: output after the last record: {rest!r}")
    if status != from_file.returncode:
        sys.exit(f"FAIL: {name}: exit status {status}, from the file {from_file.returncode}")
    print(f"ok: {name}: {len(lines)} lines answered one by one through a pipe, as from the file")

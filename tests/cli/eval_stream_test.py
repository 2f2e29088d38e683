#!/usr/bin/env python3
"""`cotation eval` reading a pipe answers claim by claim: a line written, its record read back
before the next line is written, as a coprocess is used. Each read waits at most 20 s (a record
that never comes fails the test instead of hanging it). The records equal those of the same
claims read from a file, where eval reads in large blocks.
Usage: eval_stream_test.py COTATION_BINARY SOURCE_DIR
"""
import pathlib
import select
import subprocess
import sys
import tempfile

cotation, source_dir = sys.argv[1], pathlib.Path(sys.argv[2])
claims = (source_dir / "examples" / "claims.jsonl").read_text(encoding="utf-8").splitlines()
rules = str(source_dir / "rules")


def read_line(stream, timeout=20.0):
    ready, _, _ = select.select([stream], [], [], timeout)
    if not ready:
        sys.exit(f"FAIL: no record within {timeout} s: eval waits for more input")
    return stream.readline().decode("utf-8")


with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8") as file:
    file.write("\n".join(claims) + "\n")
    file.flush()
    from_file = subprocess.run([cotation, "eval", "--rules", rules, file.name], capture_output=True, check=False)
expected = from_file.stdout.decode("utf-8").splitlines(keepends=True)
assert len(expected) == len(claims), from_file.stderr

process = subprocess.Popen([cotation, "eval", "--rules", rules], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
for number, (claim, record) in enumerate(zip(claims, expected), start=1):
    process.stdin.write(claim.encode("utf-8") + b"\n")
    process.stdin.flush()
    got = read_line(process.stdout)
    if got != record:
        sys.exit(f"FAIL: line {number}: streamed\n{got}\nfrom the file\n{record}")
process.stdin.close()
rest = process.stdout.read()
status = process.wait(timeout=20)
if rest:
    sys.exit(f"FAIL: output after the last record: {rest!r}")
if status != from_file.returncode:
    sys.exit(f"FAIL: exit status {status}, from the file {from_file.returncode}")
print(f"ok: {len(claims)} claims answered one by one through a pipe, as from the file")

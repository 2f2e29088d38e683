#!/usr/bin/env python3
"""The JSON Schemas of docs/schemas/ against every example of docs/ and examples/.

In: the program, the source tree. Out: exit 0 when
- every decision record written in a ```json block of docs/*.md and the READMEs (a block that is
  not JSON, an illustration with "…", is skipped and named) is valid against decision.schema.json;
- each example claim (there, and each line of examples/*.jsonl) is valid against claim.schema.json exactly when the program reads it
  without a problem (its record is not `invalid`, or only for the date the engine needs);
- every record `cotation eval` (and `--explain`) writes for the example claims is valid.
Needs python3-jsonschema (Debian), for draft 2020-12.
"""
import json
import pathlib
import re
import subprocess
import sys

import jsonschema

program, source = sys.argv[1], pathlib.Path(sys.argv[2])
schemas = source / "docs" / "schemas"
claim_schema = json.loads((schemas / "claim.schema.json").read_text())
decision_schema = json.loads((schemas / "decision.schema.json").read_text())
for schema in (claim_schema, decision_schema):
    jsonschema.Draft202012Validator.check_schema(schema)
claim_validator = jsonschema.Draft202012Validator(claim_schema)
decision_validator = jsonschema.Draft202012Validator(decision_schema)
failures = []
skipped = []


def examples():
    """(where, object) for each example, a ```json block read line by line, or whole."""
    for doc in sorted([*source.glob("docs/*.md"), source / "README.md", source / "python" / "README.md"]):
        text = doc.read_text()
        for block in re.finditer(r"```json\n(.*?)```", text, re.S):
            line_number = text.count("\n", 0, block.start()) + 2
            body = block.group(1)
            try:
                objects = [json.loads(line) for line in body.splitlines() if line.strip()]
            except json.JSONDecodeError:
                try:
                    objects = [json.loads(body)]
                except json.JSONDecodeError:
                    skipped.append(f"{doc.name}:{line_number}")  # an illustration with "…" or comments
                    continue
            for value in objects:
                if isinstance(value, dict):
                    yield f"{doc.name}:{line_number}", value
    for jsonl in sorted(source.glob("examples/*.jsonl")):
        for n, line in enumerate(jsonl.read_text().splitlines(), 1):
            if line.strip():
                yield f"{jsonl.name}:{n}", json.loads(line)


def decide(claims, *options):
    text = "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in claims)
    run = subprocess.run([program, "eval", "--rules", str(source / "rules"), *options], input=text.encode(),
                         capture_output=True, check=False)
    return [json.loads(line) for line in run.stdout.decode().splitlines()]


def errors(validator, value):
    return "; ".join(f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(value))


claims, decisions = [], []
for where, value in examples():
    if "decision" in value and "rule_set" in value and "scheme" not in value:
        decisions.append((where, value))
    elif "lines" in value or "id" in value:
        claims.append((where, value))
    # other objects of the documents (an explanation step, a diagnostic) are no record

for where, decision in decisions:
    if problems := errors(decision_validator, decision):
        failures.append(f"{where}: decision against the schema: {problems}")

records = decide([c for _, c in claims])
if len(records) != len(claims):
    failures.append(f"{len(claims)} example claims, {len(records)} records")
for (where, claim), record in zip(claims, records):
    read = record["decision"] != "invalid" or all(r["field"] == "date" for r in record["reasons"])
    problems = errors(claim_validator, claim)
    if read and problems:
        failures.append(f"{where}: the program reads this claim, the schema refuses it: {problems}")
    if not read and not problems:
        failures.append(f"{where}: the schema admits this claim, the program refuses it: {record['reasons']}")
for options in ((), ("--explain",)):
    for (where, _), record in zip(claims, decide([c for _, c in claims], *options)):
        if problems := errors(decision_validator, record):
            failures.append(f"{where}: the record written {options} against the schema: {problems}")

print(f"{len(claims)} example claims, {len(decisions)} example decisions checked; blocks not JSON: {skipped}")
for failure in failures:
    print(failure)
if not claims or not decisions:
    failures.append("no example found")
sys.exit(1 if failures else 0)

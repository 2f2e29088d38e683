"""Deciding a claim corpus over a Dask cluster: partitioned by patient, each partition decided
as a batch on a worker, the decisions put back in input order.

A decision depends on its own claim and on the same patient's earlier claims in the input (the
history of docs/claim-format.md), nothing else: keeping each patient's claims together and in
order gives the bytes `cotation eval` writes on the whole file, whatever the number of partitions
or workers. docs/scale-out.md shows it on a LocalCluster.
"""

import json
import zlib

from . import RuleSet

_rule_sets = {}  # per worker process: rules compiled once, reused by every partition


def patient_of(line):
    """The patient id of a claim line, or None when the line has none (a malformed claim, whose
    decision does not depend on any other line)."""
    try:
        record = json.loads(line)
        patient = record.get("patient") if isinstance(record, dict) else None
        return str(patient.get("id")) if isinstance(patient, dict) and "id" in patient else None
    except ValueError:
        return None


def partition(lines, partitions):
    """[(indices, bytes)]: the lines' input indices and their JSON Lines, by patient."""
    parts = [([], []) for _ in range(partitions)]
    for index, line in enumerate(lines):
        patient = patient_of(line)
        key = zlib.crc32(patient.encode()) if patient is not None else index
        indices, chunk = parts[key % partitions]
        indices.append(index)
        chunk.append(line)
    return [(indices, b"\n".join(chunk) + b"\n") for indices, chunk in parts if indices]


def decide_partition(rules_path, claims, as_signed=False):
    """On a worker: the partition's decisions, one line each, as `cotation eval` writes them."""
    key = (rules_path, as_signed)
    if key not in _rule_sets:
        _rule_sets[key] = RuleSet(rules_path, as_signed=as_signed)
    return _rule_sets[key].evaluate_jsonl(claims).split(b"\n")[:-1]


def evaluate_on_cluster(client, rules_path, data, partitions, as_signed=False):
    """Decides the JSON Lines `data` with the rules at `rules_path` (a path every worker can
    read) over the Dask `client`'s workers; returns the decisions as `cotation eval` would."""
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    parts = partition(lines, partitions)
    futures = [client.submit(decide_partition, rules_path, chunk, as_signed, pure=False) for _, chunk in parts]
    decisions = [None] * len(lines)
    for (indices, _), future in zip(parts, futures):
        for index, decision in zip(indices, future.result()):
            decisions[index] = decision
    return b"".join(decision + b"\n" for decision in decisions)

"""A corpus partitioned by patient over a Dask LocalCluster (two worker processes, loopback only)
gives, byte for byte, the decisions of `cotation eval` on the whole file: the generated corpus
(tools/generate_claims.py, with claims without series whose counts come from the patient's
earlier claims, and malformed lines), in more partitions than workers."""

import os
import pathlib
import subprocess
import sys

from dask.distributed import Client, LocalCluster

from cotation.scale import evaluate_on_cluster

SOURCE = pathlib.Path(os.environ["COTATION_SOURCE_DIR"])
PROGRAM = os.environ["COTATION_PROGRAM"]


def test_partitioned_by_patient_gives_the_bytes_of_cotation_eval(tmp_path):
    corpus = tmp_path / "claims.jsonl"
    subprocess.run([sys.executable, str(SOURCE / "tools/generate_claims.py"), "20000", "--output", str(corpus)],
                   check=True)
    expected = subprocess.run([PROGRAM, "eval", "--rules", str(SOURCE / "rules"), str(corpus)],
                              capture_output=True).stdout
    assert expected.count(b"\n") == 20000
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        decided = evaluate_on_cluster(client, str(SOURCE / "rules"), corpus.read_bytes(), partitions=7)
    assert decided == expected

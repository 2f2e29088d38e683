"""The Python package over libcotation: one claim whose amount is worked out by hand, a batch
that gives `cotation eval`'s decisions, rules from memory read as consolidated and as signed,
errors as exceptions with their diagnostics, and threads sharing one rule set.

Needs COTATION_SOURCE_DIR (this repository: rules, fixtures, expected outputs) and the library
(COTATION_LIBRARY, or installed)."""

import json
import os
import pathlib
import threading

import pytest

import cotation

SOURCE = pathlib.Path(os.environ["COTATION_SOURCE_DIR"])

# A session at the practice on 2024-03-04 in metropolitan France: RAM 7.49, whose key letter is
# worth 2.21 EUR that day (avenant 7): 7.49 x 2.21 = 16.5529, rounded to the cent 16.55.
CLAIM = {
    "id": "c1", "date": "2024-03-04", "region": "metropole", "place": "cabinet",
    "patient": {"id": "p1", "age": 45}, "lines": [{"code": "RAM 7.49"}],
    "prescription": {"kind": "medical"},
    "series": {"session_number": 3, "sessions_12_months_before": 2, "prior_approval": False},
    "time": {"night": False, "sunday_or_holiday": False, "urgent": False}, "telehealth": False,
}


@pytest.fixture(scope="module")
def rules():
    return cotation.RuleSet(SOURCE / "rules")


def test_versions():
    version, abi, format_version = cotation.version()
    assert version == "0.1.0"
    assert abi == 1
    assert format_version == 2


def test_one_claim(rules):
    decision = rules.evaluate(CLAIM)
    assert decision["decision"] == "accepted"
    assert decision["total"] == "16.55"
    assert decision["lines"][0]["amount"] == "16.55"
    assert decision["rule_set"] == rules.hash


def test_explain(rules):
    decision = rules.explain(CLAIM)
    assert decision["total"] == "16.55"
    assert any(step["value"] == "2.21" for step in decision["explanation"])


def test_english_messages(rules):
    english = cotation.RuleSet(SOURCE / "rules", english=True)
    claim = dict(CLAIM, lines=[{"code": "XYZ 1"}])
    assert english.evaluate(claim)["lines"][0]["reasons"][0]["message"] == "unknown code: “XYZ 1”"
    assert rules.evaluate(claim)["lines"][0]["reasons"][0]["message"] == "code inconnu : « XYZ 1 »"
    # The batch as the rule set says, or in English when asked.
    line = json.dumps(claim, ensure_ascii=False).encode() + b"\n"
    assert "unknown code" in english.evaluate_jsonl(line).decode()
    assert "code inconnu" in rules.evaluate_jsonl(line).decode()


def test_a_claim_that_does_not_read_is_invalid(rules):
    decision = json.loads(rules.evaluate_json(b'{"id":"x",'))
    assert decision["decision"] == "invalid"
    assert decision["format"] == "cotation.decision/2"
    assert decision["reasons"][0]["code"] == "not_json"
    assert decision["reasons"][0]["rule"] is None
    with pytest.raises(TypeError):
        rules.evaluate(None)


def test_batch_gives_the_decisions_of_cotation_eval():
    # tests/cli/eval: its claims, its rules (tests/evaluate/rules), and `cotation eval`'s
    # decisions written out by hand.
    rules = cotation.RuleSet(SOURCE / "tests/evaluate/rules")
    claims = (SOURCE / "tests/cli/eval/claims.jsonl").read_bytes()
    expected = (SOURCE / "tests/cli/eval/expected.jsonl").read_bytes()
    for jobs in (1, 2):
        out = rules.evaluate_jsonl(claims, jobs=jobs)
        assert out.replace(rules.hash.encode(), b"HASH") == expected
    explained = rules.evaluate_jsonl(claims[: claims.index(b"\n") + 1], explain=True)
    assert b'"explanation":[' in explained


def test_rules_from_memory_as_consolidated_and_as_signed():
    # tests/tools/table_rules: report_2025 moves RAM 7.49's +0.6 step from 2025-07-01 to
    # 2026-01-01. RAM 8.09 on 2025-07-01: refused as consolidated; as signed 8.09 x 2.21 =
    # 17.8789 -> 17.88.
    directory = SOURCE / "tests/tools/table_rules"
    files = {path.name: path.read_text() for path in directory.glob("*.cot")}
    claim = {"id": "c", "date": "2025-07-01", "region": "metropole", "place": "cabinet",
             "patient": {"id": "p"}, "lines": [{"code": "RAM 8.09"}]}
    consolidated = cotation.RuleSet(files=files)
    assert consolidated.hash == cotation.RuleSet(directory).hash
    assert consolidated.evaluate(claim)["decision"] == "refused"
    as_signed = cotation.RuleSet(files=files, as_signed=True)
    assert as_signed.evaluate(claim)["lines"][0]["amount"] == "17.88"


def test_rules_that_do_not_compile_raise_with_their_diagnostics():
    with pytest.raises(cotation.RulesError) as raised:
        cotation.RuleSet("/nonexistent/rules")
    assert raised.value.diagnostics[0]["id"] == "io.not_found"
    assert "does not exist" in str(raised.value)
    with pytest.raises(cotation.RulesError) as raised:
        cotation.RuleSet(files={"mauvais.cot": "ceci n'est pas une règle\n"}, english=True)
    assert raised.value.diagnostics[0]["file"] == "mauvais.cot"
    assert raised.value.diagnostics[0]["severity"] == "error"
    # No file at all: one message, wholly in the language asked for.
    with pytest.raises(cotation.RulesError) as raised:
        cotation.RuleSet(files={}, english=True)
    assert raised.value.diagnostics[0]["message"] == "no rule file in the list given"
    with pytest.raises(cotation.RulesError) as raised:
        cotation.RuleSet(files={})
    assert raised.value.diagnostics[0]["message"] == "aucun fichier de règles dans la liste donnée"
    with pytest.raises(TypeError):
        cotation.RuleSet()


def test_threads_share_one_rule_set(rules):
    # Eight threads decide the corpus's claims one by one at once, each with its own evaluator:
    # the same decisions as one thread.
    lines = (SOURCE / "tests/cli/eval/claims.jsonl").read_bytes().splitlines() * 20
    expected = [rules.evaluate_json(line) for line in lines]
    results = [None] * 8

    def work(index):
        results[index] = [rules.evaluate_json(line) for line in lines]

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(result == expected for result in results)

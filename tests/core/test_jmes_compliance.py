"""The JMESPath compliance suite, read from ../shared when it is beside the project."""

import json
from pathlib import Path

import pytest

from fieldmap.core.jmes import PathError, Resolved, evaluate

SUITE = Path(__file__).resolve().parents[3] / "shared" / "data" / "jmespath-compliance"


def _cases():
    if not SUITE.is_dir():
        return
    for suite_file in sorted(SUITE.glob("*.json")):
        for group_index, group in enumerate(json.loads(suite_file.read_text("utf-8"))):
            for case_index, case in enumerate(group["cases"]):
                case_id = f"{suite_file.stem}-{group_index}-{case_index}"
                yield pytest.param(group["given"], case, id=case_id)


CASES = list(_cases())


@pytest.mark.skipif(not CASES, reason="the compliance suite is not in ../shared")
@pytest.mark.parametrize(("given", "case"), CASES)
def test_compliance_case(given, case):
    outcome = evaluate(case["expression"], given)
    if "error" in case:
        assert isinstance(outcome, PathError), f"expected a {case['error']} error, got {outcome}"
        if case["error"] == "syntax":
            assert outcome.kind == "syntax"
            assert outcome.column is not None
            assert 0 <= outcome.column <= len(case["expression"])
    else:
        assert outcome == Resolved(case["result"])


def test_the_suite_is_large_enough_to_mean_something():
    if not SUITE.is_dir():
        pytest.skip("the compliance suite is not in ../shared")
    assert len(CASES) > 800

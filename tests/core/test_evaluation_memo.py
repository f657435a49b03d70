"""An expression is evaluated once per document: completion reuses the editor's value."""

from fieldmap.core import evaluation_memo, jmes
from fieldmap.core.complete import complete
from fieldmap.core.evaluation_memo import evaluate_once


def test_the_same_expression_on_the_same_document_is_evaluated_once():
    document = {"a": {"b": 1}}
    first = evaluate_once("a", document)
    assert first == jmes.Resolved({"b": 1})
    assert evaluate_once("a", document) is first


def test_another_document_is_evaluated_afresh_and_the_old_one_let_go():
    old, new = {"a": 1}, {"a": 2}
    evaluate_once("a", old)
    assert evaluate_once("a", new) == jmes.Resolved(2)
    assert evaluation_memo._document is new
    assert evaluate_once("a", old) == jmes.Resolved(1)


def test_only_the_last_few_expressions_are_kept():
    document = {"a": 1}
    first = evaluate_once("a", document)
    for n in range(evaluation_memo.KEPT_EXPRESSIONS):
        evaluate_once(f"a || `{n}`", document)
    assert evaluate_once("a", document) is not first


def test_completing_after_a_dot_reuses_the_prefix_evaluated_as_it_was_typed():
    document = {"worker": {"name": "x", "number": 1}}
    prefix = evaluate_once("worker", document)
    assert complete("worker.na", document) == "worker.name"
    assert evaluate_once("worker", document) is prefix
    assert complete("worker.nu", {"worker": {"number": 1}}) == "worker.number"


def test_an_error_is_kept_as_the_error_it_was():
    assert isinstance(evaluate_once("a[", {"a": 1}), jmes.PathError)

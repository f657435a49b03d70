"""One evaluation per expression and document: what the editor evaluated as the user typed
`a.b` is what completing `a.b.` needs, and the prefix of each later key is the same too.
On a document of 200 MB one evaluation can take seconds, so it is not done again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from fieldmap.core import jmes

KEPT_EXPRESSIONS = 8

_lock = threading.Lock()
_document: Any = None
_outcomes: OrderedDict[str, jmes.Outcome] = OrderedDict()


def evaluate_once(expression: str, document: Any) -> jmes.Outcome:
    """`jmes.evaluate`, kept for the last few expressions on the last document evaluated
    (another document forgets them all, so that no old document is kept alive). The outcome
    is shared: callers must not change it."""
    global _document
    with _lock:
        if document is _document and expression in _outcomes:
            _outcomes.move_to_end(expression)
            return _outcomes[expression]
    outcome = jmes.evaluate(expression, document)
    with _lock:
        if document is not _document:
            _document = document
            _outcomes.clear()
        _outcomes[expression] = outcome
        while len(_outcomes) > KEPT_EXPRESSIONS:
            _outcomes.popitem(last=False)
    return outcome

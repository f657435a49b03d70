"""Key completion on a 20 MB document (issue 16): the expression's prefix evaluated once
per expression (core/evaluation_memo.py), against evaluating it again on every key.

    .venv/bin/python bench/bench_completion.py

Typing `report.workers[?employment.status=='active'].` and then a key's letters: the
editor evaluated the prefix as it was typed; each key then asks for a completion.
"""

from __future__ import annotations

import os
import time

from payloads import big_payload

from fieldmap.core import evaluation_memo, jmes
from fieldmap.core.complete import complete

PREFIX = "report.workers[?employment.status=='active']"
TYPED = "employment.sta"


def keys_typed(document, forget: bool) -> float:
    """Seconds for completing each key of `TYPED` after the prefix and its dot."""
    evaluation_memo.evaluate_once(PREFIX, document)  # what the editor showed
    start = time.perf_counter()
    for end in range(len(TYPED) + 1):
        if forget:  # as before: every key evaluated the prefix on the whole document
            evaluation_memo._outcomes.clear()
        complete(f"{PREFIX}.{TYPED[:end]}", document)
    return time.perf_counter() - start


def main() -> None:
    document = big_payload()
    one = time.perf_counter()
    jmes.evaluate(PREFIX, document)
    one = time.perf_counter() - one
    keys = len(TYPED) + 1
    before = min(keys_typed(document, forget=True) for _ in range(3))
    after = min(keys_typed(document, forget=False) for _ in range(3))
    print(
        f"load average {os.getloadavg()[0]:.2f}; one evaluation of the prefix {one * 1000:.1f} ms"
    )
    print(
        f"{keys} keys: evaluating the prefix each key {before * 1000:.1f} ms "
        f"({before / keys * 1000:.2f} ms a key); once {after * 1000:.2f} ms "
        f"({after / keys * 1000:.3f} ms a key): {before / after:.0f}x"
    )


if __name__ == "__main__":
    main()

"""A connector's rows kept as text (issue 16): their memory against parsed rows, and coverage
over them (one parse per row per pass) against a parse pass plus coverage of a parsed list.

    .venv/bin/python bench/bench_stored_rows.py
"""

import time
import tracemalloc
from collections import deque

import orjson
from payloads import rows

from fieldmap.core.coverage import coverage
from fieldmap.core.row_sources import JsonTexts

rs = rows(100_000)
texts = [orjson.dumps(r) for r in rs]
del rs
stored = JsonTexts(texts)


def best(f, n=2):
    b = 9e9
    for _ in range(n):
        s = time.perf_counter()
        f()
        b = min(b, time.perf_counter() - s)
    return b


print("texts MiB", round(sum(map(len, texts)) / 2**20, 1))
e = "employment.status"
# Measured with no parsed rows alive: a pass that keeps none pays no collection of them.
t_parse = best(lambda: deque(map(orjson.loads, texts), maxlen=0))
t_texts = best(lambda: coverage(e, stored))
t_list = best(lambda parsed=list(stored): coverage(e, parsed))
ratio = t_texts / (t_parse + t_list)
print(f"parse pass {t_parse:.3f} s; coverage of a parsed list {t_list:.3f} s")
print(f"coverage of the texts {t_texts:.3f} s: {ratio:.2f}x the parse pass + the list's")
tracemalloc.start()
coverage(e, stored)
print("coverage over texts: peak traced MiB", round(tracemalloc.get_traced_memory()[1] / 2**20, 2))

"""Thousands of expressions generated from JMESPath's grammar, evaluated over demo rows by
every part of core that evaluates: not one exception escapes."""

from random import Random

from jmespath.functions import Functions

from fieldmap.core import jmes
from fieldmap.core.complete import complete
from fieldmap.core.coverage import coverage
from fieldmap.core.demo import demo_content
from fieldmap.core.locate import locate
from fieldmap.core.why_null import explain_null

EXPRESSIONS = 3_000
FUNCTIONS = sorted(Functions.FUNCTION_TABLE)
KEYS = ["worker", "id", "name", "phones", "type", "number", "a", "@", "Personal_Data", "x y"]
LITERALS = [
    "`1e999`",
    "`-1e999`",
    "`1e308`",
    "`123456789012345678901234567890`",
    "`0`",
    "`-1`",
    '`"\\ud800"`',
    "`null`",
    "`true`",
    "`[]`",
    "`{}`",
    "`[1,[2,[3]]]`",
    "'text'",
    "''",
    '`"1e999"`',
    "'1e999'",
    "`0.5`",
]


def expression(rng: Random, depth: int = 0) -> str:
    if depth > 4 or rng.random() < 0.25:
        return rng.choice([*KEYS, *LITERALS, '"quoted key"', "@", "*"])
    a, b = (lambda: expression(rng, depth + 1)), (lambda: expression(rng, depth + 1))
    forms = [
        lambda: f"{a()}.{rng.choice(KEYS[:-1])}",
        lambda: f"{a()}[{rng.randint(-3, 3)}]",
        lambda: (
            f"{a()}[{rng.choice(['', '-1', '1'])}:{rng.choice(['', '2', '-1'])}:"
            f"{rng.choice(['', '1', '-1', '0', '2'])}]"
        ),
        lambda: f"{a()}[*].{rng.choice(KEYS[:-2])}",
        lambda: f"{a()}[]",
        lambda: f"{a()}.*",
        lambda: f"{a()}[?{b()} {rng.choice(['==', '!=', '<', '>=', '&&', '||'])} {b()}]",
        lambda: f"{a()} | {b()}",
        lambda: f"[{a()}, {b()}]",
        lambda: f"{{k: {a()}, m: {b()}}}",
        lambda: f"!{a()}",
        lambda: f"({a()} || {b()})",
        lambda: f"{rng.choice(FUNCTIONS)}({', '.join(a() for _ in range(rng.randint(0, 3)))})",
        lambda: f"{rng.choice(['sort_by', 'max_by', 'min_by', 'map'])}({a()}, &{b()})",
    ]
    return rng.choice(forms)()


def demo_rows() -> list:
    connectors = demo_content().connectors
    return [row for c in connectors for rows in c.rows.values() for row in rows[:3]]


def test_no_exception_escapes_core_for_generated_expressions():
    rng = Random(9)
    rows = demo_rows()
    compiled = 0
    for _ in range(EXPRESSIONS):
        text = expression(rng)
        row = rng.choice(rows)
        outcome = jmes.evaluate(text, row)
        if isinstance(outcome, jmes.PathError) and outcome.kind == "syntax":
            continue
        compiled += 1
        coverage(text, rows[:4])
        explain_null(text, row)
        locate(text, row)
        complete(text + ".", row)
    assert compiled > EXPRESSIONS // 2  # the grammar is followed: most expressions compile

"""Explaining an empty result: which step of the expression first came back null or missing.

Works on the expression's syntax tree for the shapes people write in mappings: chains of
keys and indices, projections and filters over them, and pipes. Anything else (functions,
multi-selects…) gets no explanation rather than a wrong one.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from fieldmap.core import jmes
from fieldmap.core.lazy_json import ARRAY_TYPES
from fieldmap.core.wording import count_of

NEAR_KEY_LIMIT = 3
NESTED_SEARCH_DEPTH = 3
_NOT_ALPHANUMERIC = re.compile(r"[^0-9a-z]")


@dataclass(frozen=True)
class NullExplanation:
    """Why an expression is null on a payload, and paths that may be what was meant."""

    message: str
    suggestions: list[str] = field(default_factory=list)


def explain_null(expression: str, data: Any) -> NullExplanation | None:
    """Say why `expression` resolves to null on `data`; None if it does not, or if the
    expression's shape is beyond what can be explained honestly."""
    outcome = jmes.evaluate(expression, data)  # a PathError when it does not compile
    if not isinstance(outcome, jmes.Resolved) or outcome.value not in (None, []):
        return None
    return _explain(jmes.compile_path(expression).parsed, data)


Steps = tuple[str | int, ...]


def _explain(node: dict, data: Any, base: Steps = ()) -> NullExplanation | None:
    """Explain `node` evaluated on `data`, which sits at `base` in the payload."""
    kind = node["type"]
    if kind == "pipe":
        left, right = node["children"]
        value = jmes.search_parsed(left, data)
        if value in (None, []):
            return _explain(left, data, base)
        explanation = _explain(right, value)
        if explanation is None:
            return None
        return NullExplanation(f"after the pipe: {explanation.message}")
    if kind in ("projection", "filter_projection"):
        return _explain_projection(node, data, base)
    if kind == "subexpression" and _chain(node["children"][-1]) is None:
        *head, last = node["children"]
        head_steps = _chain({"type": "subexpression", "children": head})
        if head_steps is None:
            return None
        value, explanation = _walk_chain(head_steps, data, base)
        return explanation or _explain(last, value, (*base, *head_steps))
    steps = _chain(node)
    if steps is None:
        return None
    return _walk_chain(steps, data, base)[1]


def _explain_projection(node: dict, data: Any, base: Steps) -> NullExplanation | None:
    left, right = node["children"][:2]
    left_steps = _chain(left)
    if left_steps is None:
        return None
    value, explanation = _walk_chain(left_steps, data, base)
    if explanation is not None:
        return explanation
    where = jmes.path_of((*base, *left_steps))
    if not isinstance(value, dict | ARRAY_TYPES):
        return NullExplanation(f"`{where}` is a {jmes.json_type(value)}, not an array to project")
    if not value:
        return NullExplanation(f"`{where}` is empty")
    if node["type"] == "filter_projection":
        return NullExplanation(f"no element of `{where}` ({len(value)}) matches the filter")
    if isinstance(value, dict):
        return None  # an object projection: too unusual to explain element by element
    first = f"{where}[0]"
    inner = _explain(right, value[0], (*base, *left_steps, 0))
    if inner is None:
        return None
    return NullExplanation(
        f"on the {count_of(len(value), 'element')} of `{where}`, e.g. {inner.message}",
        [f"{where}[*]{s.removeprefix(first)}" for s in inner.suggestions if s.startswith(first)],
    )


def _walk_chain(
    steps: list[str | int], data: Any, base: Steps = ()
) -> tuple[Any, NullExplanation | None]:
    """Follow `steps` from `data`; the value reached, or why it stopped (paths shown from
    the payload's root, `base` being where `data` sits)."""
    current = data
    for position, step in enumerate(steps):
        done = (*base, *steps[:position])
        here = jmes.path_of(done)
        if isinstance(step, int):
            if not isinstance(current, ARRAY_TYPES):
                return None, NullExplanation(
                    f"`{here}` is a {jmes.json_type(current)}, not an array"
                )
            if not -len(current) <= step < len(current):
                return None, NullExplanation(
                    f"`{here}` has {count_of(len(current), 'element')}; there is no [{step}]"
                )
            current = current[step]
            continue
        if isinstance(current, ARRAY_TYPES):
            rest = jmes.path_of(steps[position:])
            return None, NullExplanation(
                f"`{here}` is an array of {len(current)}, not an object: project it with [*]"
                " or pick an element with [0]",
                [f"{here}[*].{rest}"],
            )
        if not isinstance(current, dict):
            return None, NullExplanation(
                f"`{here}` is a {jmes.json_type(current)}, not an object with `{step}`"
            )
        if step not in current:
            near = [jmes.path_of((*done, *near)) for near in _near_keys(step, current)]
            where = f"`{here}` exists" if done else "the payload is an object"
            message = f"{where}; `{step}` is not a key of it"
            if near:
                message += "; near: " + ", ".join(f"`{n}`" for n in near)
            return None, NullExplanation(message, near)
        current = current[step]
        if current is None:
            return None, NullExplanation(f"`{jmes.path_of((*done, step))}` is null")
    return current, None


def _near_keys(wanted: str, obj: dict) -> list[list[str]]:
    """Keys of `obj` that look like `wanted`, and nested key paths that spell it
    (`guardian.mobile` for `guardian_mobile`)."""
    target = _normal(wanted)
    spelled = [
        steps
        for steps in _key_paths(obj, NESTED_SEARCH_DEPTH)
        if "".join(_normal(step) for step in steps) == target
    ]
    keys_by_normal = {_normal(key): key for key in obj}
    close = difflib.get_close_matches(target, list(keys_by_normal), n=NEAR_KEY_LIMIT, cutoff=0.75)
    # A key the wanted one begins (`Phone` for `Phone_Data`): too short for difflib.
    extended = [n for n in keys_by_normal if len(target) >= 3 and n.startswith(target)]
    near = list(spelled)
    for normal in [*close, *extended]:
        if [keys_by_normal[normal]] not in near:
            near.append([keys_by_normal[normal]])
    return near[:NEAR_KEY_LIMIT]


def _key_paths(obj: dict, depth: int, prefix: tuple[str, ...] = ()) -> list[list[str]]:
    paths = []
    for key, value in obj.items():
        paths.append([*prefix, key])
        if depth > 1 and isinstance(value, dict):
            paths.extend(_key_paths(value, depth - 1, (*prefix, key)))
    return paths


def _normal(key: str) -> str:
    return _NOT_ALPHANUMERIC.sub("", key.lower())


def _chain(node: dict) -> list[str | int] | None:
    """The keys and indices of a plain path expression, or None for anything else."""
    kind = node["type"]
    if kind == "field":
        return [node["value"]]
    if kind in ("identity", "current"):
        return []
    if kind == "index":
        return [node["value"]]
    if kind in ("subexpression", "index_expression"):
        steps: list[str | int] = []
        for child in node["children"]:
            child_steps = _chain(child)
            if child_steps is None:
                return None
            steps.extend(child_steps)
        return steps
    return None

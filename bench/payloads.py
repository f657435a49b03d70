"""Deterministic large inputs for the benchmarks: many ~1 KB rows, or one 20 MB payload."""

from __future__ import annotations

import random
from typing import Any

FIRST = ["Ana", "José", "Zoë", "Li", "Ólafur", "Priya", "Kwame", "Mia", "Noah", "Sven"]
LAST = ["Müller", "Smith", "García", "Nakamura", "Okafor", "Rossi", "Dubois", "Kowalski"]


def row(rng: random.Random, index: int) -> dict[str, Any]:
    """One employee-like record of about 1 KB, with gaps, mixed types and arrays."""
    record: dict[str, Any] = {
        "id": index if index % 3 else str(index),
        "name": {"first": rng.choice(FIRST), "last": rng.choice(LAST)},
        "email": f"user{index}@example.com",
        "department": {"id": rng.randrange(40), "name": f"Department {rng.randrange(40)}"},
        "phones": [
            {"type": kind, "number": f"+1 415 555 {rng.randrange(10_000):04d}"}
            for kind in rng.sample(["mobile", "home", "work", "guardian"], rng.randrange(1, 4))
        ],
        "addresses": [
            {
                "street": f"{rng.randrange(999)} Main Street",
                "city": rng.choice(["Paris", "Lyon", "Berlin", "Austin", "Tokyo"]),
                "postal_code": f"{rng.randrange(100_000):05d}",
            }
        ],
        "employment": {
            "status": rng.choice(["active", "leave", "terminated"]),
            "start_date": f"20{rng.randrange(10, 26)}-0{rng.randrange(1, 10)}-1{rng.randrange(10)}",
            "salary": rng.randrange(30_000, 200_000),
            "manager_id": rng.randrange(index + 1) if index % 7 else None,
        },
        "custom": {f"field_{n}": rng.random() for n in range(rng.randrange(3, 8))},
        "notes": "x" * rng.randrange(100, 300),
    }
    if index % 4 == 0:
        record["guardian"] = {"mobile": f"+33 6 {rng.randrange(10**8):08d}"}
    return record


def rows(count: int, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [row(rng, index) for index in range(count)]


def big_payload(records: int = 20_000, seed: int = 11) -> dict[str, Any]:
    """One payload of about 20 MB: a report with a long array of records."""
    return {"report": {"generated": "2026-11-23", "workers": rows(records, seed)}}

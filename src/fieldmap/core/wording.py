"""Small pieces of English shared by the messages of the core and the panes of the TUI."""

from __future__ import annotations


def count_of(count: int, noun: str) -> str:
    """`1 field`, `2 fields`, `1,024 items`: a count and its noun, plural when it is not 1."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"

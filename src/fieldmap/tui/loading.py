"""A widget's loading indicator for the length of a backend call."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from textual.widget import Widget


@contextmanager
def loading(widget: Widget) -> Iterator[None]:
    """`widget.loading` while the block runs. A worker cancelled because the app is closing
    finds its widgets removed: they are left alone (querying for them would fail)."""
    widget.loading = True
    try:
        yield
    finally:
        if widget.is_attached:
            widget.loading = False

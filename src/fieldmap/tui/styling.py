"""The stylesheet, and component styles for text drawn inside another style (tree labels,
table cells)."""

from __future__ import annotations

from pathlib import Path

from rich.style import Style
from textual.widget import Widget

STYLESHEET = Path(__file__).with_name("fieldmap.tcss")
"""The one stylesheet, of the workbench and of `fieldmap explore`."""


def component_style(widget: Widget, name: str) -> Style:
    """The colours and text style a component class sets, and only those, so that the rest
    of the line's style (a cursor, say) shows through. Theme colours with transparency
    (`$text-muted`…) are blended on the widget's background: alone they would lose it."""
    styles = widget.get_component_styles(name)
    style = styles.partial_rich_style
    base = widget.styles.background
    if styles.has_rule("color") and styles.color.a < 1:
        style += Style(color=(base + styles.color).rich_color)
    if styles.has_rule("background") and styles.background.a < 1:
        style += Style(bgcolor=(base + styles.background).rich_color)
    return style

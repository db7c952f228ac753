"""Caption text helpers that need no matplotlib (the catalogue and the HTML edition read captions too)."""

from __future__ import annotations

import re


def signed(value: float, places: int = 2) -> str:
    """'+0.13', '−0.02' (a true minus sign), and '+0.00' rather than '-0.00' for a value that rounds to zero."""
    text = f"{value:+.{places}f}"
    return text.replace("-", "−") if float(text) != 0 else text.replace("-", "+")



def caption_title(caption: str, fallback: str) -> str:
    """The caption's bold title ('Figure: ...', without the asterisks): the figure's alt text everywhere."""
    found = re.match(r"\*\*(.+?)\*\*", caption.strip())
    return found.group(1) if found else fallback

"""Invisible control characters in people's names: pure functions, no database.

Bidi embeddings, overrides and isolates (and the marks) reorder how the text around
them is shown: "Ana\u202egnp.exe" displays as "Anaexe.png", in HR pages, emails and
spreadsheets alike. Zero-width spaces make two names look equal that are not. Names,
departments and teams lose these on the way in; the joiners (U+200C, U+200D) stay,
since Persian, Indic scripts and emoji need them.
"""

from __future__ import annotations

import re

INVISIBLE_CONTROLS = re.compile("[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


def strip_invisible_controls(value: str) -> str:
    """``value`` without bidi controls and zero-width spaces."""
    return INVISIBLE_CONTROLS.sub("", value)

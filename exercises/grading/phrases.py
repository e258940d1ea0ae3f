"""Fast matching of long phrase alternations, dispatched on each word's first letters.

Python's ``re`` tries every alternative at every word boundary, so a family of forty
phrases costs forty attempts per word. A :class:`Phrases` groups the alternatives by
the one or two letters they must start with and tries a group only where a word of
the text starts with those letters. The matches are the ones a plain alternation
finds at those positions; alternatives without a literal start are tried everywhere.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache

_FLAGS = re.IGNORECASE | re.MULTILINE
# Where a phrase may start: a word (keyed by its first letters), a number ("#") or a
# currency sign ("$").
_WORD_START = re.compile(r"\b\w\w?|[£$€]")
_QUANTIFIER = "?*{+"


def _branches(group: str) -> list[str] | None:
    """Top-level branches of ``(?:a|b|c)...`` at the start of ``group``, else None."""
    if not group.startswith("(?:"):
        return None
    depth, start, out = 0, 3, []
    for i, char in enumerate(group):
        if char == "\\":
            continue
        if char == "(" and (i == 0 or group[i - 1] != "\\"):
            depth += 1
        elif char == ")" and group[i - 1] != "\\":
            depth -= 1
            if depth == 0:
                out.append(group[start:i])
                rest = group[i + 1 : i + 2]
                return None if rest and rest in _QUANTIFIER else out
        elif char == "|" and depth == 1 and group[i - 1] != "\\":
            out.append(group[start:i])
            start = i + 1
    return None


def _group_end(part: str) -> int:
    """Index just past the group that opens ``part``, or -1."""
    depth = 0
    for i, char in enumerate(part):
        if i and part[i - 1] == "\\":
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i + 1
    return -1


def starts(part: str) -> set[str] | None:
    """The lowercase one- or two-letter starts ``part`` can match, or None if unknown."""
    while part.startswith(("(?<!", "(?<=")):  # lookbehinds consume nothing: skip them
        end = _group_end(part)
        if end < 0:
            return None
        part = part[end:]
    if part.startswith(r"\b"):
        part = part[2:]
    if part.startswith(r"\d"):
        return {"#"}
    if part.startswith("[£$€]"):
        return {"$"}
    if part.startswith("(?P<"):
        part = "(?:" + part[part.index(">") + 1 :]
    end = _group_end(part) if part.startswith("(?:") else -1
    if end > 0 and part[end : end + 1] == "?":
        # An optional group: the phrase starts with the group or with what follows it.
        inner, after = starts(part[:end]), starts(part[end + 1 :])
        return inner | after if inner and after else None
    branches = _branches(part)
    if branches is not None:
        # Each branch continues with what follows the group: "(?:I|we)(?:'m|m)" -> "i", "im"...
        tail = part[end:] if end > 0 else ""
        found: set[str] = set()
        for branch in branches:
            sub = starts(branch + tail)
            if not sub:
                return None
            found |= sub
        return found
    return _letter_keys(part)


def _letter_keys(part: str) -> set[str] | None:
    """Keys of a part that starts with a literal letter, as :func:`_word_index` builds them.

    A word is keyed by its first letter plus its second character when that is a letter
    too: "it" -> "it", "I've" -> "i". None when the part's start is not that simple.
    """
    first = part[:1]
    if not first.isalpha() or part[1:2] in ("?", "*", "{", "+", "["):
        return None
    second, after = part[1:2], part[2:3]
    if second.isalpha():
        if after in ("?", "*"):  # "an?" matches "a" and "an"
            return {first.lower(), (first + second).lower()}
        return None if after in ("{", "+") else {(first + second).lower()}
    if second in ("", " ", "'", "-", "’") or part[1:3] in (r"\b", r"\s", r"\W"):
        return {first.lower()}
    if second == "(":
        branches = _branches(part[1:])
        keys: set[str] = set()
        for branch in branches or [""]:
            head = branch[:1]
            if head.isalpha() and branch[1:2] not in ("?", "*", "{", "+"):
                keys.add((first + head).lower())
            elif head in (" ", "'", "-", "’") or branch[:2] in (r"\b", r"\s"):
                keys.add(first.lower())
            else:
                return None
        return keys
    return None


class Phrases:
    """A case-insensitive alternation of ``parts`` with ``search`` and ``finditer``."""

    def __init__(self, *parts: str) -> None:
        self.pattern = "|".join(f"(?:{p})" for p in parts)
        keyed: dict[str, list[str]] = {}
        anywhere: list[str] = []
        for part in parts:
            keys = starts(part)
            if keys is None:
                anywhere.append(part)
            else:
                for key in keys:
                    keyed.setdefault(key, []).append(part)
        self._keyed = {k: _compile(v) for k, v in keyed.items()}
        self._keys = frozenset(self._keyed)
        self._anywhere = _compile(anywhere) if anywhere else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Non-overlapping matches, left to right."""
        matches: list[re.Match[str]] = []
        if self._keyed:
            index = _word_index(text)
            for key in index.keys() & self._keys:
                rx = self._keyed[key]
                for position in index[key]:
                    match = rx.match(text, position)
                    if match:
                        matches.append(match)
        if self._anywhere is not None:
            matches.extend(self._anywhere.finditer(text))
        if len(matches) > 1:
            matches.sort(key=lambda m: (m.start(), -m.end()))
        out, end = [], -1
        for match in matches:
            if match.start() >= end and match.end() > match.start():
                out.append(match)
                end = match.end()
        return iter(out)

    def search(self, text: str) -> re.Match[str] | None:
        return next(self.finditer(text), None)

    def hit_sections(
        self, text: str, bounds: list[int], section_of: dict[int, int] | None = None
    ) -> list[bool]:
        """For sections starting at ``bounds`` (sorted offsets), whether any match starts
        there; ``section_of`` maps every word start to its section, when the caller asks
        about many patterns (:func:`sections_of_words`).

        Cheaper than :meth:`finditer` when only yes/no per sentence is needed: a section
        already hit is not searched again, and no match objects are kept or sorted.
        """
        hit = [False] * len(bounds)
        if not bounds:
            return hit
        if section_of is None:
            section_of = sections_of_words(text, bounds)
        if self._keyed:
            index = _word_index(text)
            for key in index.keys() & self._keys:
                rx = self._keyed[key]
                for position in index[key]:
                    section = section_of[position]
                    if not hit[section] and rx.match(text, position):
                        hit[section] = True
        if self._anywhere is not None:
            for match in self._anywhere.finditer(text):
                hit[max(0, bisect_right(bounds, match.start()) - 1)] = True
        return hit


def _compile(parts: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts), _FLAGS)


def sections_of_words(text: str, bounds: list[int]) -> dict[int, int]:
    """The section (of those starting at the sorted offsets ``bounds``) of every word start."""
    return {
        position: max(0, bisect_right(bounds, position) - 1)
        for positions in _word_index(text).values()
        for position in positions
    }


@lru_cache(maxsize=256)
def _word_index(text: str) -> dict[str, tuple[int, ...]]:
    """Where words start, keyed as :func:`_letter_keys` keys phrases; "#" numbers, "$" money."""
    index: dict[str, list[int]] = {}
    for match in _WORD_START.finditer(text.lower()):
        key = match.group()
        if key[0].isdigit():
            key = "#"
        elif key[0] in "£$€":
            key = "$"
        elif not key[1:].isalpha():
            key = key[0]
        index.setdefault(key, []).append(match.start())
    return {key: tuple(positions) for key, positions in index.items()}

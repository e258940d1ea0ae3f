"""Checks on a learner's written answer, shared by the web form and the API."""

from __future__ import annotations

import re
import unicodedata

from django.conf import settings

from .errors import SubmissionRejected

# Tabs and newlines are how people write; every other control character is noise at
# best and an attack at worst (NUL breaks PostgreSQL text columns). Likewise U+FFFD:
# Django decodes bytes that are not UTF-8 to it, so the text sent was not the text typed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _visible(character: str) -> bool:
    """Not whitespace and not a format character (Cf: zero-width spaces and joiners,
    bidi controls, the byte-order mark), which show nothing on their own."""
    return not character.isspace() and unicodedata.category(character) != "Cf"


def clean_answer(raw: str) -> str:
    """Return the answer to store, or raise :class:`SubmissionRejected` saying why."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n"))
    if _CONTROL.search(text):
        raise SubmissionRejected(
            "Your answer contains control characters (often from copying out of another "
            "program). Please retype or paste it as plain text."
        )
    if "\ufffd" in text:
        raise SubmissionRejected(
            "Your answer contains characters that could not be read (shown as �), usually "
            "from text in another encoding. Please retype or paste it as plain text."
        )
    text = text.strip()
    if not text:
        raise SubmissionRejected("Please write your answer before submitting.")
    if not any(_visible(character) for character in text):
        raise SubmissionRejected(
            "Your answer has no visible text: only invisible formatting characters "
            "(zero-width or text-direction marks). Please write your answer in words."
        )
    limit = settings.ATTUNE["ANSWER_MAX_CHARS"]
    if len(text) > limit:
        raise SubmissionRejected(
            f"Your answer is {len(text):,} characters; the limit is {limit:,}. "
            "Please shorten it — a strong reply is rarely longer than a few paragraphs."
        )
    return text

"""The customer's words dropped into stock phrases: named, never said back.

"I'm so sorry about the £310 bill, the direct debit, the heating and the kids. Your
feelings about the direct debit are valid." picks up plenty of this customer's detail,
but only as a list of things, each the object of a stock phrase or an item in a row of
bare nouns. Nothing says what happened to them or what it means for them: the guide's
stock paragraph that names the topic (`emotional_reaction` 1, `interpretation` 1), with
nouns added. A real reflection relates the details ("a £310 bill when you normally pay
£90, with the direct debit due on the 1st"); an apology for one of them ("sorry about
the mix-up") in an otherwise real reply is not stuffing.
"""

from __future__ import annotations

import re

from . import action_cues as ac
from .analysis import Answer
from .lexicon import STOPWORDS, words

# A feeling or apology frame whose object is the rest of the sentence.
_FRAME = re.compile(
    r"\b(?:sorry|apologi[sz]e|apologies|understand|hear|feelings?|frustrations?|upset|concerns?"
    r"|worries|worry)\b[^.!?]{0,40}?\b(?:about|regarding|over|for|with|around)\s+(?P<object>.+)$",
    re.IGNORECASE | re.DOTALL,
)
# A sentence about the customer's feelings, where a row of their things stands in for them.
_FEELING = re.compile(
    r"\b(?:sorry|apologi|understand|imagine|must (?:be|have)|frustrat|stress|upset|worr|feel"
    r"|awful|terrible|difficult|hard)",
    re.IGNORECASE,
)
# "...are valid": the stock tail some frames carry after their object.
_STOCK_TAIL = re.compile(
    r"\s+(?:is|are|were|was)\s+(?:so |completely |totally |really |entirely |100% )?"
    r"(?:valid|understandable|justified|important(?: to us)?|noted|heard)\W*$",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"\s*(?:[,;:&/]|\s[-–—]\s|\band\b|\bor\b|\bplus\b)\s*", re.IGNORECASE)
_WORD = re.compile(r"[£$€]?\w+(?:['’-]\w+)*")
# Words a bare noun phrase may contain besides content words: determiners, possessives and
# the prepositions of a compound ("the direct debit on the 1st", "the cost of the room").
_NOUN_PHRASE_WORDS = words(
    "a an the your my our his her their this that these those all of on at in from being"
)
ITEM_WORDS = 4  # a bare item is a short noun phrase: this many content words at most
LIST_ITEMS = 3  # this many bare items in a row make an enumeration
SLOTS = 2  # sentences carrying the customer's words this way...
SAID_GROUNDED = 1.0  # ...outnumber the describing sentences picking up this much of it,
SAID_FULLY = 2.0  # and none of those picks up this much (a paraphrase of their situation)


def _bare(item: str) -> bool:
    found = [w.lower() for w in _WORD.findall(item)]
    content = [w for w in found if w not in _NOUN_PHRASE_WORDS]
    return 0 < len(content) <= ITEM_WORDS and all(w not in STOPWORDS for w in content)


def _items(text: str) -> list[str]:
    return [part for part in _SEPARATOR.split(text.strip().rstrip(".!?")) if part.strip()]


def slotted(text: str) -> int:
    """How many things a sentence names without saying anything about them: the bare noun
    phrases in the object of a stock frame, or in a row of them; 0 when it says more."""
    frame = _FRAME.search(text)
    if frame is not None:
        items = _items(_STOCK_TAIL.sub("", frame.group("object")))
        if items and all(_bare(item) for item in items):
            return len(items)
    # A row of their things with a feeling remark and nothing else: "the £310, the kids, the
    # 1st: so stressful". A row that goes on to say something about them ("..., and the one
    # word that mattered is wrong on the cake") is a terse paraphrase; a row with no feeling
    # remark lists options or policy reasons.
    items = _items(text)
    bare = [_bare(item) for item in items]
    remarks = [item for item, is_bare in zip(items, bare, strict=True) if not is_bare]
    if sum(bare) < LIST_ITEMS or not remarks or not all(_FEELING.search(r) for r in remarks):
        return 0
    return sum(bare)


def stuffed(answer: Answer) -> bool:
    """Most of the customer's detail sits in slotted sentences; none is said back in a
    sentence that describes their situation."""
    acting = [
        bool(done or promise or vague)
        for done, promise, vague in zip(
            answer.hits(ac.DONE), answer.hits(ac.PROMISE), answer.hits(ac.VAGUE), strict=True
        )
    ]
    slots = 0
    said: list[float] = []
    for clause, acts in zip(answer.clauses, acting, strict=True):
        if acts or clause.sentence.is_question or not clause.grounded:
            continue
        named = slotted(clause.text)
        if named:
            # A row of their things counts as two slots: one sentence of it is the tell.
            slots += 2 if named >= LIST_ITEMS else 1
        elif clause.grounded >= SAID_GROUNDED:
            said.append(clause.grounded)
    # A sentence of theirs said back among the slots ("the work you've lost") is not enough
    # when the slots outnumber the describing sentences and none is a full paraphrase.
    return slots >= SLOTS and slots > len(said) and max(said, default=0) < SAID_FULLY

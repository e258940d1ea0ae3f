"""Features for interpretation: does the reply show it understood this customer's situation?

The guide's levels: 0 when nothing is restated ("Sorry, I understand" claims understanding
without showing it), 1 when only the topic is named ("I see you have an issue with your
bill"), 2 when the customer's situation is paraphrased with a detail they gave or what it
means for them. So the features ask which sentences *say the situation back*: not those that
act, ask, instruct or turn a detail against the customer, and not a greeting by name.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from . import action_cues as ac
from . import cues
from . import judgement as jd
from .analysis import Answer, Found, scaled
from .details import token_keys
from .grounding import WORD_WEIGHT, foreign_weight
from .lexicon import FEELINGS, REPLY_WORDS, STOPWORDS, TOPIC_GROUPS, words
from .reply_understanding import addresses_you
from .text import Token, normalise, stem, tokens

# Weighted customer detail that makes a describing sentence a restatement (one weaker word of
# theirs), and one that makes it a paraphrase of their situation (one distinctive word).
SHOWN_GROUNDED = 1.0
MEANING_GROUNDED = 1.0
# A sentence saying back this customer's detail may bring in other specifics (the agent's
# case facts), but not this many times as much: then it is another customer's situation.
FOREIGN_SHARE = 1.0
# Weighted detail of this customer the whole reply must pick up before a sentence counts as
# telling their situation back (the gate asks 2.0 for level 2; a reply written for someone
# else meets that with one coincidental sentence).
PARAPHRASE_PICKED = 2.5
# Content words of sentences describing the customer's situation, for a full description.
DESCRIPTION_WORDS = 20
# Sentences opening with the same words this often make a list, not a paraphrase.
LIST_OPENING = 3
LIST_ITEMS = 3
_TOPIC = {stem(word): group[0] for group in TOPIC_GROUPS for word in group}
# Words that name no topic: any reply may say them ("sorry about the issue", "I hear you").
_NOT_A_TOPIC = frozenset(
    stem(w)
    for w in REPLY_WORDS
    | words(
        "issue issues problem problems situation experience thing things help time today"
        " customer customers everything anything something may"
    )
)
# The customer called by name ("Dear Karen", "Mrs Kapoor"): a greeting, not a restatement.
_ADDRESSED = re.compile(
    r"\b(?:Dear|Hi|Hiya|Hello|Hey|Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+)?"
    r"([A-Z][a-z'’-]+)"
)


def topic_keys(toks: tuple[Token, ...]) -> frozenset[str]:
    """What the words are about: content stems, a topic word standing for its group
    ("luggage" and "suitcase" both name the bag), words any reply says left out."""
    keys = (_TOPIC.get(t.stem, t.stem) for t in toks if t.text not in STOPWORDS)
    return frozenset(k for k in keys if len(k) > 2 and k not in _NOT_A_TOPIC)


@lru_cache(maxsize=1024)
def message_topics(message: str) -> frozenset[str]:
    """The topic keys of the customer's message, their feeling words aside (cached)."""
    toks = tokens(normalise(message))
    return topic_keys(tuple(t for t in toks if t.text not in FEELINGS))


def _foreign(toks: tuple[Token, ...], text: str, known: frozenset[str]) -> float:
    """Weight of the names, places and numbers in ``toks`` that the customer never gave.

    Rare words are left out: putting the situation in one's own words is what a
    paraphrase does; a stranger's name or date is what another customer's reply has.
    """
    weights = {t.stem: foreign_weight(t, text, known) for t in toks if t.stem not in known}
    return sum(w for w in weights.values() if w != WORD_WEIGHT)


def _itemised(answer: Answer) -> bool:
    """The customer's facts listed back mechanically: introduced by "the following:" or
    three sentences opening alike ("I understand that... I understand that...")."""
    if any(answer.hits(cues.ITEMISED)):
        return True
    openings = [tuple(t.text for t in c.sentence.tokens[:LIST_OPENING]) for c in answer.clauses]
    counts = Counter(o for o in openings if len(o) == LIST_OPENING)
    return bool(counts) and max(counts.values()) >= LIST_ITEMS


def interpretation(answer: Answer) -> Found:
    """Does the reply show it understood the situation, with the customer's own details?"""
    found = Found()
    marker = restate = consequence = 0.0
    best_you_overlap, best_you_specific, sentences_with_detail = 0.0, 0, 0
    shared_specific: set[str] = set()
    shared_details: set[str] = set()
    ranked: list[tuple[float, tuple[int, int]]] = []
    ctx = answer.context
    markers, restates = answer.hits(cues.PARAPHRASE), answer.hits(cues.TOPIC_RESTATE)
    consequences = answer.hits(cues.CONSEQUENCE)
    # Sentences that act or ask ("I've refunded the £42", "Which order?") reuse the
    # customer's words without reflecting them back; the rest describe their situation.
    acting = [
        bool(done or promise) or c.sentence.is_question
        for c, done, promise in zip(
            answer.clauses, answer.hits(ac.DONE), answer.hits(ac.PROMISE), strict=True
        )
    ]
    # Telling the customer what to do ("Simply update your card") says nothing back either.
    instructing = answer.hits(ac.CUSTOMER_STEP)
    names = frozenset(m.group(1).lower() for m in _ADDRESSED.finditer(answer.text))
    # A detail turned against the customer ("your son is not a named driver, so the decision
    # stands") is used, not understood: blame, policy walls, defence, minimising, dismissal.
    judged = [
        any(flags)
        for flags in zip(
            *(
                answer.hits(p)
                for p in (jd.BLAME, jd.POLICY_WALL, jd.DEFEND, jd.MINIMISE, jd.DISMISS)
            ),
            strict=True,
        )
    ]
    frames = answer.hits(cues.EMPATHY_FRAME)
    claims = answer.hits(cues.CLAIMED_UNDERSTANDING)
    circumstances = answer.hits(cues.CIRCUMSTANCE)
    best_described = 0.0
    shown = meaning = claimed = 0.0
    said_back = told_back = argued = 0
    named = False
    described_stems: set[str] = set()
    theirs = message_topics(ctx.text)
    for i, clause in enumerate(answer.clauses):
        if not acting[i]:
            best_described = max(best_described, clause.overlap)
        if not (acting[i] or instructing[i]):
            toks = clause.sentence.tokens
            grounded = clause.grounded
            if names and any(t.text in names for t in toks):
                toks = tuple(t for t in toks if t.text not in names)
                grounded = ctx.grounding(token_keys(toks))
            # Someone else's situation said back ("with your sister's wedding at 11" to a
            # customer waiting for a hire car) is not this customer's: their own detail must
            # outweigh what the sentence brings from elsewhere.
            if grounded and FOREIGN_SHARE * grounded <= _foreign(toks, answer.text, answer.known):
                grounded = 0.0
            # Shown, not claimed: something of the customer's situation (not their feeling
            # word) said back in a sentence that neither acts nor asks, told to them or
            # carrying their own detail. Policy prose ("accounts may be restricted") is not.
            topic = bool(topic_keys(toks) & theirs)
            named = named or topic
            if topic and not judged[i]:
                # How much of the reply describes their situation, in whatever words.
                described_stems |= clause.stems
            if topic and (
                addresses_you(clause) or markers[i] or restates[i] or grounded >= SHOWN_GROUNDED
            ):
                shown = 1.0
            if grounded >= MEANING_GROUNDED:
                said_back += 1
                if judged[i]:
                    argued += 1
                elif addresses_you(clause):
                    told_back += 1
                # What it means for them: their detail tied to a consequence, a circumstance
                # or what it is like ("a flight at nine tonight", "before you check out",
                # "one threatening debt collectors ... must have felt like a punch").
                if not judged[i] and (consequences[i] or circumstances[i] or frames[i]):
                    meaning = 1.0
        claimed = max(claimed, float(claims[i]))
        # "Sorry to hear about your situation" restates nothing; "about your luggage" names
        # the topic (the guide's 1 for a stock paragraph that names it).
        is_marker = markers[i]
        is_restate = restates[i] and bool(topic_keys(clause.sentence.tokens) & theirs)
        if consequences[i] and clause.overlap >= 1:
            consequence = 1.0
        marker = max(marker, float(is_marker))
        restate = max(restate, float(is_restate))
        shared_specific |= ctx.specific_stems(clause.stems)
        shared_details |= clause.stems & ctx.details
        if clause.specific >= 2:
            sentences_with_detail += 1
        # A detail given back to the customer ("your", "you") reflects; policy prose does not,
        # nor does asking for or about it ("Please reply with your account number").
        if is_marker or (addresses_you(clause) and not (acting[i] or instructing[i])):
            best_you_overlap = max(best_you_overlap, clause.overlap)
            best_you_specific = max(best_you_specific, clause.specific)
        if is_marker or not acting[i]:
            found.grounded = max(found.grounded, clause.grounded)
        if is_marker or is_restate or clause.specific:
            ranked.append((clause.grounded + clause.overlap + float(is_marker), clause.span))
    itemised = _itemised(answer)
    # One sentence that happens to share a word or two with this customer ("paid", "the kids")
    # is not a paraphrase of their situation: the reply as a whole must pick up enough of it.
    theirs_enough = float(answer.grounding.picked >= PARAPHRASE_PICKED)
    total = ctx.overlap(frozenset().union(*(c.stems for c in answer.clauses)))
    found.features = {
        "int_marker": marker,
        "int_restate": restate,
        "int_consequence": consequence,
        "int_total_overlap": scaled(total, 6),
        "int_specific": scaled(len(shared_specific), 5),
        "int_any_specific": float(bool(shared_specific)),
        "int_you_overlap": scaled(best_you_overlap, 4),
        "int_you_specific": scaled(best_you_specific, 3),
        "int_details": scaled(len(shared_details), 2),
        "int_described": scaled(best_described, 4),
        "int_detail_sentences": scaled(sentences_with_detail, 3),
        "int_grounded": scaled(found.grounded, 3),
        "int_picked": scaled(answer.grounding.picked, 5),
        "int_shown": shown,
        "int_meaning": meaning * theirs_enough,
        "int_said_back": scaled(said_back, 3),
        "int_acting_only": float(total >= 1 and not shown),
        "int_claimed_only": float(bool(claimed) and not shown),
        "int_not_shown": float(not shown),
        "int_topic_named": float(named),
        "int_told_back": scaled(told_back, 2) * theirs_enough,
        "int_itemised": float(itemised),
        "int_description": scaled(len(described_stems), DESCRIPTION_WORDS),
        "int_argued_only": float(bool(argued) and argued == said_back),
    }
    ranked.sort(key=lambda item: -item[0])
    found.evidence = [span for _, span in ranked[:2]]
    anchored = marker or best_you_specific >= 2 or consequence or len(shared_specific) >= 4
    argued_only = bool(argued) and argued == said_back
    if len(shared_specific) >= 2 and anchored and not (itemised or argued_only):
        found.rule_level = 2
    elif shown:
        found.rule_level = 1
        found.missing.append("not_specific")
    else:
        found.missing.append("no_reflection")
    return found

"""Features for the reflection rubric: names_feeling, names_reaction, commits_to_change.

The learner writes about themselves, so the cues are first-person: "I felt…",
"I started quoting policy", "Next time I notice…, I will…". Specific means precise
and anchored: a precise feeling with where or when it showed, a concrete behaviour,
a change with its trigger and its action.
"""

from __future__ import annotations

import re

from .analysis import Answer, Clause, Found, scaled
from .lexicon import FEELINGS, REACTIONS, words

_I = r"\bI(?:'m| am| was| felt| feel| get| got| became| become| could feel| noticed| caught myself)"
_FEELING_FRAME = re.compile(
    rf"{_I}\b|\bmade me\b|\bmy (?:heart|chest|stomach|jaw|face|hands|shoulders|throat|voice|"
    r"breathing|mind|head)\b|\bfeeling of\b|\bI (?:was|felt) (?:so |really |quite |a bit |very )?",
    re.IGNORECASE,
)
_VAGUE_FEELING = re.compile(
    r"\b(?:bad|upset|not (?:great|good|nice)|uncomfortable|weird|off|awkward|negative|emotional|"
    r"a bit much|stressed(?: out)?|stressful|unhappy|rushed|hard|tough|difficult|out of it|"
    r"got to me|not a nice feeling|wasn'?t (?:a )?(?:nice|great|good)|tense|tensed|frustrated)\b",
    re.IGNORECASE,
)
_BODY = re.compile(
    r"\b(?:jaw|chest|stomach|shoulders?|heart|face|cheeks|hands?|throat|breath\w*|pulse|neck|"
    r"tight\w*|clench\w*|hot|flush\w*|shak\w+|knot|racing|pounding|tense)\b",
    re.IGNORECASE,
)
# What set the feeling off: a cause or moment makes a named feeling specific.
_TRIGGER = re.compile(
    r"\b(?:because|when|as soon as|the (?:minute|moment|second|instant)|after|since|as if|"
    r"almost|on behalf of|with (?:guilt|shame|dread|worry)|of (?:dread|irritation|panic|anger)|"
    r"every time|whenever|until)\b",
    re.IGNORECASE,
)
_AUTO = re.compile(
    r"\b(?:without (?:thinking|deciding|meaning to|realising|realizing|reading|explaining|\w+ing|"
    r"a word|asking|listening)|instead of|"
    r"automatic\w*|before (?:I|he|she|they)(?:'d| had)? (?:even )?(?:knew|could|realised|realized|"
    r"thought|finished|said)|my (?:first |automatic |instant )?(?:instinct|reaction|impulse|reflex|"
    r"urge)|I caught myself|found myself|straight away|immediately|on autopilot|kicked in|while "
    r"(?:he|she|they|the \w+) (?:was|were) still|in a row|(?:twice|three times|\w+ times)|"
    r"kept (?:\w+ing)|started (?:\w+ing)|over-\w+|cut (?:in|him|her|them) off|talked over|"
    r"went (?:quiet|cold|formal|silent|really|straight)|got (?:louder|clipped|short|snappy))",
    re.IGNORECASE,
)
# "I did X": first-person past actions, minus verbs of thinking and feeling.
_I_DID = re.compile(
    r"\bI (?:then |just |actually |immediately |also |even )?(?P<verb>\w+ed|said|went|cut|kept|put|"
    r"read|sent|got|told|gave|talked|spoke|made|took|hung|froze|ran|began|left|stood|sat|hit|"
    r"typed|wrote|quoted|snapped|asked)\b",
    re.IGNORECASE,
)
_NOT_ACTIONS = words(
    """
    felt noticed realised realized wanted wished hoped thought knew figured guessed believed
    decided learned learnt tried failed seemed appeared needed liked loved hated enjoyed
    checked confirmed processed explained found got
    """
)
_VAGUE_REACTION = re.compile(
    r"\b(?:I (?:reacted|responded|behaved|handled (?:it|this|that)) (?:badly|poorly|wrong\w*|not "
    r"well)|(?:didn'?t|did not|don'?t think I) (?:handle|react|respond|deal with|come across|"
    r"really listen|listen|take (?:it|anything) in)|wasn'?t (?:at my best|really (?:listening|"
    r"with|tuned|present)|listening|tuned in)|lost (?:it|my cool)|not (?:very )?professional|"
    r"defended the company|made me (?:a bit )?(?:off|short|snappy)|not my best|didn'?t go (?:great|"
    r"well)|came across|(?:it|that) showed|let it show|could have done (?:better|more)|"
    r"(?:was|wasn'?t) (?:really )?(?:listening|paying attention)|didn'?t (?:really )?take "
    r"(?:it|that|anything) in|got (?:a bit |quite |really )?(?:short|snappy|sharp|curt|defensive|"
    r"cold)|(?:response|reply|tone) wasn'?t (?:great|good|ideal|right))",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(?:next time|from now on|in (?:the )?future|going forward|I(?:'ll| will| am going to|'m "
    r"going to| plan to| want to| intend to|'d like to| would like to| need to| should| must)|"
    r"my plan|I'm going to|I'll try|I will try)\b",
    re.IGNORECASE,
)
_CHANGE_TRIGGER = re.compile(
    r"\b(?:when(?:ever)? (?:I|a customer|the customer|someone|they|he|she)|as soon as|if I "
    r"(?:notice|feel|catch|start|hear)|before I (?:reply|answer|respond|speak|type|send)|the "
    r"(?:moment|next time) I|each time|every time|next time (?:a|an|the|someone|somebody|I|it|"
    r"they|he|she|my|that|this|there)|when(?:ever)? (?:a|an|someone's|a customer's|the \w+)|"
    r"if (?:a|an|the|someone|they|he|she))\b",
    re.IGNORECASE,
)
_CHANGE_ACTION = re.compile(
    r"\b(?:pause|breathe|breath|count|re-?read|name|ask|write (?:down|it)|note|summari[sz]e|"
    r"acknowledge|repeat back|reflect|slow down|wait|let (?:them|him|her|the customer) finish|"
    r"mute|sit back|put down|say|tell|check|listen|stop|drink|stand up|take a|offer|explain|"
    r"start with|open with|lead with|submit|read|give|call|open|put|thank|repeat|answer|"
    r"end|close|move|offer|send|tell|write|use|keep a|hand)\b",
    re.IGNORECASE,
)
_VAGUE_CHANGE = re.compile(
    r"\b(?:be more (?:patient|careful|calm|understanding|empathetic|professional|aware|mindful)|"
    r"do better|try harder|stay calm|keep calm|improve|work on (?:it|this|myself)|be better|"
    r"not let it|try not to|(?:try|trying|aim|want|hope|need) to|things like that|"
    r"(?:better|more|less|differently)(?=\s*[.!?,]|\s*$))",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"\"[^\"]{3,}\"|'[^']{6,}'")


def _sentences_matching(answer: Answer, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    return [c.span for c in answer.clauses if pattern.search(c.text)]


# "He was upset", "the customer was upset with me": someone else's feeling, not the learner's.
_THEIR_FEELING = re.compile(
    r"\b(?:he|she|they|customer|caller|client|who|man|woman|lady|guy)(?: was| is| were| got|"
    r" seemed| sounded| became)\b",
    re.IGNORECASE,
)


def _about_me(clause: Clause) -> bool:
    """False for a sentence about someone else's feeling ("He was upset, not with me")."""
    mine = re.search(r"\b(?:I|me|my|myself)\b|^\W*felt\b", clause.text, re.IGNORECASE)
    theirs = _THEIR_FEELING.search(clause.text)
    return theirs is None or (mine is not None and mine.start() < theirs.start())


def names_feeling(answer: Answer) -> Found:
    """Does the learner name what they felt, precisely and with what set it off?"""
    found = Found()
    precise, vague, framed, body, trigger = 0, 0, 0.0, 0.0, 0.0
    spans = []
    for clause in answer.clauses:
        if not _about_me(clause):
            continue
        words = [t.text for t in clause.sentence.tokens if t.text in FEELINGS]
        vague_hit = bool(_VAGUE_FEELING.search(clause.text))
        has_body = bool(_BODY.search(clause.text))
        strong = [w for w in words if not _VAGUE_FEELING.fullmatch(w)]
        if not (words or vague_hit or has_body):
            continue
        spans.append(clause.span)
        precise += len(strong)
        vague += int(vague_hit)
        framed = max(framed, float(bool(_FEELING_FRAME.search(clause.text))))
        body = max(body, float(has_body))
        if strong or has_body:
            trigger = max(trigger, float(bool(_TRIGGER.search(clause.text))))
    found.features = {
        "nf_precise": scaled(precise, 2),
        "nf_vague": scaled(vague, 2),
        "nf_frame": framed,
        "nf_body": body,
        "nf_trigger": trigger,
        "nf_length": scaled(answer.word_count, 120),
    }
    found.evidence = spans[:2]
    if (precise or body) and trigger:
        found.rule_level = 2
    elif precise or vague or body:
        found.rule_level = 1
        found.missing.append("not_specific")
    else:
        found.missing.append("no_feeling")
    return found


def names_reaction(answer: Answer) -> Found:
    """Does the learner name what they did automatically, as a concrete behaviour?"""
    found = Found()
    actions, auto, vague, quoted = 0, 0.0, 0.0, 0.0
    spans = []
    for clause in answer.clauses:
        did = [
            m.group("verb")
            for m in _I_DID.finditer(clause.text)
            if m.group("verb").lower() not in _NOT_ACTIONS
        ]
        acts = [t.text for t in clause.sentence.tokens if t.text in REACTIONS]
        is_auto = bool(_AUTO.search(clause.text))
        is_vague = bool(_VAGUE_REACTION.search(clause.text))
        if not (did or is_vague or (acts and re.search(r"\b(?:I|my)\b", clause.text))):
            continue
        spans.append(clause.span)
        actions += len(did) + len(acts)
        auto = max(auto, float(is_auto and bool(did or acts)))
        vague = max(vague, float(is_vague))
        quoted = max(quoted, float(bool(_QUOTED.search(clause.text)) and bool(did)))
    found.features = {
        "nr_actions": scaled(actions, 4),
        "nr_auto": auto,
        "nr_vague": vague,
        "nr_quoted": quoted,
        "nr_sentences": scaled(len(spans), 3),
    }
    found.evidence = spans[:2]
    # A concrete behaviour is specific; a hedge on its own ("I didn't handle it well") is not.
    if actions and (auto or quoted or actions >= 2 or not vague):
        found.rule_level = 2
    elif actions or vague:
        found.rule_level = 1
        found.missing.append("not_specific")
    else:
        found.missing.append("no_reaction")
    return found


def commits_to_change(answer: Answer) -> Found:
    """Does the learner commit to one specific change, with its trigger and its action?"""
    found = Found()
    future, trigger, action, vague = 0.0, 0.0, 0.0, 0.0
    spans = []
    for clause in answer.clauses:
        if not _FUTURE.search(clause.text):
            continue
        spans.append(clause.span)
        future = 1.0
        trigger = max(trigger, float(bool(_CHANGE_TRIGGER.search(clause.text))))
        action = max(action, float(bool(_CHANGE_ACTION.search(clause.text))))
        vague = max(vague, float(bool(_VAGUE_CHANGE.search(clause.text))))
    found.features = {
        "cc_future": future,
        "cc_trigger": trigger,
        "cc_action": action,
        "cc_vague": vague,
        "cc_sentences": scaled(len(spans), 3),
    }
    found.evidence = spans[:2]
    if future and action and trigger:
        found.rule_level = 2
    elif future:
        found.rule_level = 1
        found.missing.append("not_specific")
    else:
        found.missing.append("no_change")
    return found

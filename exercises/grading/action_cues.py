"""Cues for the next step: who acts, what is done or promised, and by when.

Actions are recognised by verb form rather than a fixed verb list ("I've lifted",
"I'm taking this to...", "Refunded."), minus verbs that describe a state of mind
("I've understood", "I'll hope"). Phrasing comes in several strengths: done,
promised by me, promised by "we", handed over to someone else, or left to the customer.
"""

from __future__ import annotations

import re

from .lexicon import words
from .phrases import Phrases


def _rx(*parts: str) -> Phrases:
    return Phrases(*parts)


WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"

# Verbs after "I've", "I'll", "I'm ...ing" that are not something done for the customer.
NON_ACTIONS = words(
    """
    be been being have had having understand understood know known think thought hope hoped
    feel felt appreciate appreciated imagine imagined see seen hear heard notice noticed
    realise realised realize realized afraid sorry happy glad sure certain able unable just
    really also try tried trying going wondering hoping worried looking get got getting
    received receive read noted note apologise apologised apologize apologized agree agreed
    need needed want wanted wish like love mean meant say said tell told ask asked explain
    explained do done doing make sure no never always ever not been lost missed
    tried failed forgotten
    """
)
IRREGULAR_DONE = (
    "sent|put|made|done|given|set|spoken|rung|written|paid|found|taken|brought|kept|left|"
    "rebooked|got|dm'd|sorted"
)
DONE = _rx(
    # Any word after "I've" is a participle ("frozen", "put"); NON_ACTIONS drops "been", "had".
    r"\b(?:I|we)(?:'ve| have|ve)(?: \w+ly| just| now| already| also| personally| gone ahead and)?"
    r" (?P<done>\w+)\b",
    rf"\b(?:I|we) (?:just |already |personally )?(?P<past>\w+ed|{IRREGULAR_DONE})\b",
)
PROMISE = _rx(
    r"\b(?P<who>I|we|our team|the \w+ team)(?:'ll| will|ll| am going to|'m going to| are going to|"
    r"'re going to| shall)(?: \w+ly| personally| also| now| then| just| make sure(?: to)?| be)?"
    r" (?P<verb>\w+)\b",
    r"\blet me (?P<letme>\w+)\b",
    r"\b(?P<ing_who>I|we)(?:'m| am|m|'re| are) (?:now |personally |also )?(?P<ing>\w+ing)\b",
)
# Steps that move paperwork, not the customer's problem: a ticket raised, a note made, an
# update promised. "I've raised ticket 55821 and I'll update you within 24 hours" has a doer,
# a reference and a time, and changes nothing for the customer yet.
PROCESS = _rx(
    r"\b(?:rais|log|open|creat|submitt?|record|register|fil)\w* (?:a |an |the |your |this as a )?"
    r"(?:new |formal |priority |support |service )?(?:ticket|case|query|request|report|"
    r"complaint|incident|job)\b",
    r"\b(?:not|noted?|record)\w* (?:this|it|that|your \w+|the \w+)? ?(?:on|in|against) "
    r"(?:your|the) (?:account|file|record|system|notes)\b",
    r"\b(?:update|updat(?:e|ing) you|keep you (?:posted|updated|informed|in the loop)|"
    r"get back to you|follow (?:this |it )?up|be in touch|let you know|come back to you|"
    r"circle back|revert)\b",
)
OFFER = _rx(
    r"\b(?:I|we) (?:can|could) (?:\w+ly )?(?P<can>\w+)\b",
    r"\bwould you (?:like|prefer) me to\b",
    r"\bI(?:'d| would) (?:like|be happy|be glad) to\b",
    r"\bhappy to (?:\w+)\b",
)
# Done or scheduled without a named doer: "Refunded.", "A replacement is booked for the 11th".
PASSIVE = _rx(
    r"\b(?:has|have|had) (?:now |just |already )?been (?:\w+ed|sent|put|paid|made|set up|taken)\b",
    r"\b(?:is|are) (?:now )?(?:booked|scheduled|confirmed|arranged|on (?:its|their) way|"
    r"reinstated|cancelled|closed|refunded|lifted|restored|fixed|sorted|back)\b",
    r"\bwill (?:be |now be )?(?:\w+ed|sent|paid|made|taken|done|put|set up|follow|arrive|go out|"
    r"reach|call|text|email|contact|ring)\b",
    r"\b(?:goes|go|going) out (?:today|tomorrow|tonight|now|on)\b",
    r"\b(?:it|this|that|they|the \w+)(?:'ll| will) (?:now )?(?:be (?:back|with you|in your|ready|"
    r"there|\w+ed)|arrive|reach you|show|appear|go out|follow)\b",
    # Arranged and waiting for the customer: "A loan phone is waiting for you at the desk".
    # Not "your parcel is waiting at the depot", which is the problem, not a step.
    r"\b(?:is|are|will be) (?:now |already )?(?:waiting|ready|reserved|set aside) for you\b",
    r"\b(?:is|are|will be) (?:now |already )?ready (?:for you )?(?:to (?:collect|pick up)|for "
    r"collection)\b",
)
# Someone on the agent's side doing it now: "Raj is ringing the surgery now", "my colleague
# is cancelling the order". The verb is checked against NON_ACTIONS and SLOW_ING, so
# "the team is looking into it" stays a vague promise.
COLLEAGUE = _rx(
    r"\b(?:my|our|a|the) (?:\w+ )?(?:colleague|manager|engineer|technician|courier|driver|"
    r"supervisor|specialist|pharmacist|nurse|doctor|team leader|team)s?(?: \w+)? (?:is|are)"
    r" (?:now |already |currently |personally |also )?(?P<ing>\w+ing)\b",
)
# A colleague named: a capitalised name that is not a pronoun or a sentence's filler (and,
# checked by the caller, not a name from the customer's message: their pet, their venue).
NAMED = re.compile(
    r"\b(?!(?:It|This|That|There|Here|What|Which|Who|Everything|Something|Nothing|Someone|"
    r"Somebody|Everyone|Anyone|He|She|They|One|Time|Today|Tomorrow)\b)[A-Z][a-z]+(?:'s| is)"
    r" (?:now |already |currently |personally |also )?(?P<ing>[a-z]+ing)\b"
)
# Being busy with it is not yet doing it: "Raj is looking into it".
SLOW_ING = words(
    """
    looking working investigating reviewing considering assessing exploring waiting dealing
    handling checking chasing liaising monitoring undergoing doing
    """
)
HANDOVER = _rx(
    r"\b(?:pass(?:ed|ing)?|forward(?:ed|ing)?|refer(?:red|ring)?|escalat\w+|hand(?:ed|ing)?|"
    r"send(?:ing)?|sent|ask(?:ed|ing)?|rais(?:ed|ing)|log(?:ged|ging)?) "
    r"(?:this|it|your \w+(?: \w+)?|the \w+|them)? ?(?:on |over |up )?(?:to|with) "
    r"(?:the |our |my |a )?(?:\w+ )?(?:team|"
    r"department|manager|colleague|specialist|supervisor|billing|accounts|bereavement|claims|"
    r"complaints|retentions|engineers?|tutor|shop|warehouse|office)",
    r"\bsomeone (?:will|should|from)\b",
    r"\b(?:they|the team|a colleague|a member of (?:our|the)"
    r" team)(?:'ll| will) (?:be in touch|get back|contact|call|sort|review|confirm|look)",
)
VAGUE = _rx(
    r"\b(?:we|I)(?:'ll| will) (?:look into|investigate|see what (?:we|I) can do|get back|be in "
    r"touch|try (?:our|my) best|do (?:our|my|what)|review|see if|try to)\b",
    r"\b(?:as soon as (?:possible|we can|I can)|asap|in due course|shortly|at some point|"
    r"soon|when (?:we|I) can)\b",
    r"\bthe (?:relevant|appropriate|right) (?:team|department|"
    r"person)\b",
    r"\b(?:we(?:'re| are)|our teams? (?:is|are)) (?:looking into|working on|aware)\b",
    r"\bcan'?t (?:promise|guarantee)\b",
    r"\bI'?ll see\b",
    r"\bI'?m sure we can\b",
)
CUSTOMER_STEP = _rx(
    r"\byou(?:'ll| will)? (?:need|have) to\b",
    r"\bplease (?:complete|submit|contact|call|visit|"
    r"check|send|dm|fill|use|update|allow|reply|provide|let us know|go|log|try)\b",
    r"\byou (?:can|could|may) (?:claim|appeal|apply|book|check|visit|try|call|contact|use|find|"
    r"pay|update|submit|recover|send|return|request|go|view|access)\b",
    r"\bif you (?:update|"
    r"send|call|submit|complete|contact|reply|let us know|dm)\b",
    r"(?<![^\W\d_] )(?<![^\W\d_], )\b(?:activate|update|call|"
    r"contact|check|visit|submit|complete|send|dm|try|use|reset|restart)\b",
)
PUSHBACK = _rx(
    r"\bplease (?:contact|call|ask) your (?:bank|provider|card issuer|gp|landlord|insurer)\b",
    r"\b(?:contact|call|ask) your (?:bank|provider|card issuer|gp)\b",
    r"\bthere(?:'s| is) nothing (?:I|we|more) (?:can|could)\b",
    r"\bwe can'?t help\b",
    r"\b(?:won'?t|will not|are not|aren'?t) (?:be )?able to (?:help|assist)\b",
)
TIME = _rx(
    rf"\b(?:by|before|on|until|this|next|from|till|first thing|as of|at) (?:{WEEKDAY}|tomorrow|"
    rf"tonight|today|midday|noon|lunchtime|end of (?:the )?(?:day|week)|close of business|"
    rf"\d{{1,2}}(?::\d\d)? ?(?:am|pm)|\d{{1,2}}:\d\d|the \d{{1,2}}(?:st|nd|rd|th)?|{MONTH}|morning|"
    rf"afternoon|evening|week)\b",
    rf"\b(?:{WEEKDAY}|tomorrow|tonight|today|this (?:morning|afternoon|evening))\b",
    r"\bwithin (?:the next )?(?:\d+(?:[-–]\d+)?|one|two|three|four|five|24|48|an?|the) ?"
    r"(?:minutes?|hours?|working days?|business days?|days?|weeks?|hrs?|hour|day)\b",
    r"\bin (?:the next )?(?:\d+|one|two|three|four|five|ten|fifteen|thirty|an?) ?(?:minutes?|"
    r"hours?|working days?|business days?|days?|weeks?)\b",
    r"\b(?:right )?now\b",
    r"\bright away\b",
    r"\bimmediately\b",
    r"\bstraight away\b",
    rf"\b\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{MONTH}\b",
    r"\b\d{1,2}(?::\d\d)? ?(?:am|pm)\b",
    r"\b\d{1,2}:\d\d\b",
    r"\bthis week\b",
    r"\bon this (?:call|chat)\b",
    r"\bwhile you(?:'re| are)"
    r" (?:on|here|waiting)\b",
    r"\bstay (?:in|on) (?:this|the) (?:chat|line|call)\b",
    # Already there for them: something waiting for the customer carries its own "now".
    r"\b(?:is|are) (?:now |already )?(?:waiting|ready|reserved|set aside) for you\b",
)
DELIVERABLE = _rx(
    r"\b(?:refund|replacement|confirmation|reference|voucher|credit|tracking|courier|engineer|"
    r"technician|call ?back|callback|email|text|label|receipt|invoice|compensation|discount|"
    r"goodwill|reimburse\w*|collection|appointment|update|case number|ticket|letter|statement|"
    r"link|plan|waive\w*|fee|booking|slot|delivery)\b",
    r"[£$€]\s?\d",
    r"\b\d+(?:\.\d\d)? ?(?:pounds|dollars|euros|gbp|usd|eur)\b",
)
CHOICE = _rx(
    r"\bwould you (?:like|prefer|rather)\b",
    r"\bI can (?:either|offer)\b",
    r"\bif you(?:'d| would)"
    r" (?:like|prefer|rather)\b",
    r"\b(?:an|one) alternative\b",
    r"\binstead\b",
    r"\bwhat I can do\b",
    r"\bor (?:I|we) can\b",
)
# A sentence that opens with what was done: "Refunded.", "New appointment booked for...".
BARE_DONE = words(
    """
    refunded sent booked cancelled closed reinstated issued arranged scheduled fixed restored
    lifted resolved sorted done dispatched credited reversed replaced activated unlocked
    accepted raised logged approved dm'd emailed posted rebooked waived
    """
)
# Booking and case references ("HB-77120", "QD55128704GB") are concrete deliverables.
REFERENCE = re.compile(r"[a-z]{2,}-?[a-z]*-?\d{3,}[a-z]*")

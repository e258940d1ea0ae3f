"""Phrase cues for replies to customers, compiled once at import.

Each cue is a regular expression over the normalised answer (straight quotes).
They find candidate evidence; whether it is generic or specific is decided by
features that compare the surrounding sentence with the customer's words.
"""

from __future__ import annotations

import re

from .phrases import Phrases


def _rx(*parts: str) -> Phrases:
    return Phrases(*parts)


# --- emotional_reaction -------------------------------------------------------------------
SCRIPTED = _rx(
    r"\bthank(?:s| you) (?:so much |very much )?for (?:contacting|reaching out|getting in touch"
    r"|your (?:message|email|patience|enquiry|inquiry|query|feedback|business))",
    r"\bwe (?:value|appreciate) (?:you|your (?:business|custom|feedback))",
    r"\bhope (?:you(?:'re| are) (?:well|having)|this (?:email|message) finds)",
)
# Corporate filler: lines that would close any letter to any customer.
BOILERPLATE = _rx(
    r"\b(?:we|I) (?:truly |really |greatly )?(?:value|appreciate) (?:you|your (?:business|custom"
    r"|feedback|loyalty|patience|understanding))",
    r"\btake (?:all |your |this |these )?(?:feedback|complaints?|concerns?|matters?|this|it)"
    r" (?:very |extremely )?seriously\b",
    r"\b(?:please )?rest assured\b",
    r"\b(?:our|a|the|my) (?:top|highest|number one|first) priority\b",
    r"\b(?:strive|aim|committed|dedicated) to (?:provid|deliver|offer|ensur|exceed|giv)\w*",
    r"\bexceed (?:your |all )?expectations\b",
    r"\b(?:do not|don'?t) hesitate to\b",
    r"\bfeelings are (?:completely |totally |entirely )?valid\b",
    r"\b(?:accept|extend) (?:my|our) (?:sincere(?:st)? |deepest |heartfelt )?apolog",
    r"\b(?:thank(?:s| you) for|I appreciate) your (?:patience|understanding|loyalty)\b",
    r"\bthank(?:s| you) for (?:being|choosing) (?:a |our )?(?:loyal|valued)?",
    r"\bloyal customer\b",
    r"\bvalued (?:customer|member|client)\b",
    r"\bhave a (?:lovely|great|nice|wonderful|fab|good|blessed) (?:day|evening|weekend)\b",
    r"\bfor any inconvenience\b",
    r"\bI can only imagine\b",
)
STOCK_EMPATHY = _rx(
    r"\bsorry (?:to hear|for (?:the|any) (?:inconvenience|trouble|confusion|frustration|issues?"
    r"|problems?|hassle|delay))",
    r"\bapologi[sz]e for (?:the|any) (?:inconvenience|trouble|confusion|frustration|issues?"
    r"|problems?|hassle|delay)",
    r"\bI (?:completely |totally |fully )?understand (?:your|how you feel|the frustration"
    r"|that this is frustrating|your concern)",
    r"\bI hear you\b",
    r"\bwe(?:'re| are) sorry\b",
    r"\bI can understand\b",
    r"\bthat'?s (?:not (?:good|great|ideal)|unfortunate|a shame)\b",
)
APOLOGY = _rx(r"\bsorry\b", r"\bapologi[sz]", r"\bmy apologies\b")
EMPATHY_FRAME = _rx(
    r"\bmust (?:be|have been|feel|have felt|have made|have left)\b",
    r"\b(?:that|this|it)(?:'s| sounds| seems| must| would be| is) (?:so |really |incredibly |very |"
    r"genuinely |such |a |an |really )*(?:\w+ing|\w+ful|\w+ous|difficult|hard|tough|awful"
    r"|horrible|unfair|upsetting|scary|worse)\b",
    r"\bI can (?:only )?imagine\b",
    r"\bI can (?:see|hear|tell|understand) (?:why|how|that|you)",
    r"\bno wonder\b",
    r"\bI(?:'d| would) (?:feel|be) (?:the same|\w+ too)",
    r"\b(?:it )?makes (?:complete |total |perfect )?sense (?:that )?you",
    r"\bunderstandabl[ey]\b",
    r"\bof course you(?:'re| are| feel| would)",
    r"\byou(?:'re| are| must be| sound| seem|'ve been| have been)(?: feeling)? (?:so |really |very "
    r"|understandably |quite |pretty |completely )?(?:\w+ed|\w+ous|upset|stressed|worried)\b",
    r"\byour (?:frustration|worry|anger|disappointment|concern|stress|anxiety)\b",
    r"\bhow (?:frustrating|stressful|worrying|upsetting|annoying|awful|hard|difficult)\b",
    r"\bwhat a (?:\w+ )?(?:nightmare|hassle|worry|shame|stress|ordeal)\b",
    r"\bthe last thing you need",
    r"\bI (?:really |completely |totally |fully )?get (?:it|why|how|that)\b",
    r"\bwould (?:\w+ )?(?:\w+ )?(?:anyone|anybody|most people)\b",
    r"\b(?:anyone|anybody) would\b",
    r"\bI(?:'d| would) be (?:\w+ )?(?:\w+ )?(?:too|as well|in your (?:shoes|place|position))\b",
    r"\b(?:that'?s|it'?s|this is) (?:such )?(?:a lot|so much|gutting|awful|horrible|rough|"
    r"mortifying|infuriating|maddening|heartbreaking|a (?:nasty|horrible|awful|real|big|huge))\b",
    r"\bdriving you (?:up the wall|mad|crazy)\b",
    r"\bon edge\b",
    # Validation: the feeling is the right one to have ("you're right to be angry with us").
    r"\byou(?:'re| are) (?:quite |completely |absolutely |entirely )?right to (?:be|feel)\b",
    r"\byou have every (?:right|reason) to\b",
    r"\bI(?:'d| would) be (?:at the end of my|tearing my|climbing the|beside my|up the)"
    r"[^.!?,;]{0,25}",
    # The situation named with what it feels like ("a charge you don't recognise is alarming").
    r"\b(?:is|was|are|were) (?:so |really |very |genuinely |understandably |deeply )?(?:alarming|"
    r"frightening|scary|worrying|upsetting|distressing|infuriating|maddening|exhausting|"
    r"stressful|unsettling|awful|horrible|heartbreaking|mortifying|gutting)\b",
)
CIRCUMSTANCE = _rx(
    r"\b(?:right|just|days?|hours?|weeks?) (?:before|after)\b",
    r"\bon top of\b",
    r"\bwhen you\b",
    r"\bafter (?:you|all|waiting|everything)\b",
    r"\bwith (?:the|your|a|rent|everything)\b",
    r"\bespecially\b",
    r"\bbecause\b",
    r"\bwhile you\b",
    r"\bsince you\b",
    r"\bfor (?:your|the) \w+",
    r"\bso close to\b",
    r"\b(?:again|twice|second time|another)\b",
)

# --- interpretation -----------------------------------------------------------------------
PARAPHRASE = _rx(
    r"(?<!just )\bso (?:you(?:'ve| have|'re| are| were| had| got| paid| waited)|your|the \w+ "
    r"(?:was|is|has|arrived|came)|it (?:was|is|sounds|seems|looks)|that'?s)\b",
    r"\b(?:it )?sounds like\b",
    r"\bit (?:seems|looks) like\b",
    r"\bif I(?:'ve| have)? (?:understand|understood|got this|get this)",
    r"\byou(?:'re| are) saying\b",
    r"\byou (?:said|mentioned|told me|explained|described)\b",
    r"\bwhat I(?:'m| am) hearing\b",
    r"\blet me (?:make sure|check I|recap|summari[sz]e)",
    r"\bto (?:recap|summari[sz]e|sum up|make sure I)",
    r"\bjust to (?:check|confirm) I",
    r"\bfrom what you(?:'ve| have)? (?:said|written|described|told)",
    r"\byou(?:'ve| have) (?:been|had|tried|waited|called|spent|now)\b",
    r"\byou (?:were|had|got|received|paid|ordered|booked|called|waited|noticed|found|saw)\b",
    r"\byour \w+ (?:arrived|was|were|came|has|had|is|got)\b",
    r"\band now\b",
    r"\bwhich means\b",
    r"\bthat means\b",
    r"\bleaving you\b",
    r"\bleft you\b",
)
TOPIC_RESTATE = _rx(
    r"\bI (?:see|understand|note|gather) (?:that )?you(?:'re| are)? (?:have|having|had|"
    r"experiencing|facing) (?:an? |some )?(?:issue|problem|trouble|difficult|concern|query|"
    r"question)",
    r"\b(?:regarding|concerning|about|with regards? to|in relation to) your (?:\w+ )?(?:issue|"
    r"problem|query|concern|order|bill|account|request|complaint|booking|delivery|payment)",
    r"\byour (?:issue|problem|query|concern|complaint) (?:with|about|regarding)\b",
    r"\bsorry (?:to hear |for |about |that )(?!that\b|this\b|it\b)(?:about )?(?:the |your |you)"
    r"(?!r loss\b)\w*",
    r"\byou(?:'re| are|'ve been| have been) (?:having|experiencing|facing|going through|"
    r"dealing with)",
    r"\b(?:issue|problem|trouble|difficult\w*|disruption|delay|mix-up|confusion) (?:with|to|on|"
    r"regarding|about|over) (?:your|the)\b",
    r"\byour \w+(?: \w+)? (?:didn'?t|wasn'?t|isn'?t|hasn'?t|won'?t|doesn'?t|did not|was not|has not"
    r"|never)\b",
    r"\b(?:there(?:'s| is| has been| was)|I can see (?:that )?(?:there(?:'s| is))?) "
    r"(?:been )?(?:an? |some )?(?:issue|problem|block|error|fault|delay|mix-up|restriction)",
)
CONSEQUENCE = _rx(
    r"\band now\b",
    r"\bwhich means\b",
    r"\bthat means\b",
    r"\bleaving you\b",
    r"\bleft you\b",
    r"\bright before\b",
    r"\bon top of\b",
    r"\bso close to\b",
    r"\bin time for\b",
    r"\bmeans you\b",
    r"\bwithout (?:your|a|the|any)\b",
    r"\bbefore your\b",
)
# Understanding claimed in words ("I understand", "I see", "noted"): the guide's 0 when nothing
# of the customer's situation is said back, however warmly it is claimed.
CLAIMED_UNDERSTANDING = _rx(
    r"\bI (?:completely |totally |fully |really |do |can )?(?:understand|see|hear you|get it"
    r"|appreciate|realise|realize)\b",
    r"\b(?:understood|noted|got it)\b",
)
# Facts itemised under a claim ("I acknowledge the following:", "I understand that you: (1)..."):
# a list of what the customer said, not their situation put in the agent's own words.
ITEMISED = _rx(
    r"\b(?:acknowledge|note|understand|understood|confirm)(?: that)?(?: you)?(?: the following)?"
    r"(?: points?)?(?: from your \w+)?\s*:",
)

# --- exploration --------------------------------------------------------------------------
PROCEDURAL_Q = _rx(
    r"\b(?:can|could|may|would) (?:I|you|we) (?:have|get|take|grab|send|provide|give|confirm|"
    r"share|let me know|please)\b[^?]{0,40}\b(?:order|account|reference|ref|number|email|"
    r"address|details|postcode|name|date of birth|dob|phone|photo|picture|receipt|invoice|id)\b",
    r"\bwhat(?:'s| is) (?:your|the) (?:order|account|reference|booking|tracking|phone|customer)"
    r"(?: \w+)?\b",
    r"\b(?:can|could|would) you (?:please )?confirm\b",
    r"\bhave you tried (?:turning|restarting|clearing|logging|resetting|updating|reinstalling)",
    r"\bis (?:that|this) (?:correct|right)\b",
    r"\bdid you (?:receive|get) (?:an?|the|my)\b",
)
GENERIC_Q = _rx(
    r"\b(?:is there )?anything else (?:I|we) can (?:help|do|assist)",
    r"\banything else (?:you|I|we|that|on|to)\b",
    r"\bwhat (?:can|may) (?:I|we) (?:help|do for)\b",
    r"\bhow (?:can|may) (?:I|we) help\b",
    r"\bwhat happened\b",
    r"\bwhat(?:'s| is) (?:the )?"
    r"(?:issue|problem|matter|wrong)\b",
    r"\bcan you tell me more\b",
    r"\btell me more\b",
    r"\bhow (?:are|were) you feeling\b",
    r"\bhow (?:can|could) I make (?:this|it)"
    r" (?:right|better)",
    r"\bwhat (?:else )?can I do\b",
    r"\bany (?:other )?questions\b",
    r"\bwhat would you like\b",
    r"\bhow do you feel\b",
    r"\bcan you explain\b",
)
OPEN_START = re.compile(
    r"^(?:\W*(?:and|so|also|but|now|first|meanwhile|in the meantime|before I[^,]*),?\s+)?"
    r"(?:what|how|why|which|where|when|who|tell me|could you (?:tell|share|walk|describe|help)|"
    r"can you (?:tell|share|walk|describe)|would you (?:mind )?(?:tell|share|describe)|"
    r"is there (?:anything|something)|are there|I(?:'d| would) (?:love|like) to (?:know|hear|"
    r"understand)|help me understand|I(?:'m| am) (?:wondering|curious))",
    re.IGNORECASE,
)
INVITE = _rx(
    r"\b(?:tell me|let me know|help me understand|I(?:'d| would) (?:love|like) to (?:know|hear|"
    r"understand)|I(?:'m| am) (?:wondering|curious)|I wonder) "
    r"(?:what|how|whether|if|more|which|why)",
)
# Closed questions that check facts or take details: "Did you try...?", "Can I take a payment?"
FACT_CHECK_Q = _rx(
    r"\b(?:did|were|was|have|had) you\b",
    r"\bwas there anything you\b",
    r"\bcan I (?:take|have|get|grab)\b",
    r"\bdid (?:anyone|someone|they|he|she)\b",
    r"\bdo you (?:have|know) (?:the|your|a)\b",
)
# Questions about the customer's wellbeing and what would help them, yes/no or not.
NEED_Q = _rx(
    r"\bwould (?:it|that|a|an|something|anything|\w+) (?:\w+ )?help\b",
    r"\bis (?:there )?(?:anyone|someone)\b",
    r"\bleft you\b",
    r"\bhow (?:are|is|were) (?:you|he|she|they|your \w+) (?:getting|managing|coping|doing|feeling)",
    r"\bwhat would (?:make|help|be)\b",
    r"\bwhat matters\b",
    r"\b(?:the )?main (?:worry|concern|thing)\b",
    r"\bwhich (?:matters|would)\b",
    r"\bwhat do you need\b",
    r"\bhow (?:much|long) (?:time )?(?:have you got|do you have|until)\b",
)

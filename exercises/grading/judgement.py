"""Cues of judgement in a reply, in families the model weighs separately.

Blame, a policy wall, minimising, dismissing and sarcasm hurt differently: a policy
reference alone is a slip, blame or "calm down" is a fail. The families keep the
lists readable and let the learned weights reflect the labelling guide.
"""

from __future__ import annotations

import re

from .phrases import Phrases


def _rx(*parts: str) -> Phrases:
    return Phrases(*parts)


BLAME = _rx(
    # What the customer was owed ("the notice you should have had", "you should never have
    # had to chase") is the company's failure, not blame.
    r"\byou should(?:'ve| have)? (?!have had\b|never have (?:had|been)\b|been (?:told|called|"
    r"contacted|warned|given|informed|offered|kept)|heard|received|had\b|got|been able)",
    r"\byou should (?:be|always|really|also|double|check|read|make|know|allow|have(?! had\b|"
    r" been (?:told|called|contacted|warned|given|informed|offered|kept|able)\b|"
    r" (?:heard|received|got)\b))\b",
    r"\byou (?:really |probably )?(?:need|needed|have|had) to (?:understand|realise|realize|read|"
    r"check|remember|be patient|make sure|allow|keep)\b",
    r"\byou (?:must|ought to)\b",
    r"\bif you(?:'d| had| would have) (?:read|bothered|checked|"
    r"listened|paid attention|contacted|called|told|looked|updated|followed|saved|added)",
    r"\byou (?:failed|forgot|missed|ignored|neglected|chose|agreed|signed|selected)\b",
    r"\byou (?:didn'?t|did not|never) (?:check|read|update|tell|contact|call|save|add|follow|"
    r"bother|provide|submit|let us know|inform|notify|record|report|follow)\b",
    r"\b(?:it'?s|that'?s|this is|is) (?:your|entirely your|the \w+'?s?|the "
    r"(?:customer|passenger|renter|member|policyholder|applicant|guest|user)'?s?) (?:own )?"
    r"(?:fault|problem|responsibility|job|choice)",
    r"\b(?:are|is) responsible for\b",
    r"\b(?:your|the) (?:own )?(?:mistake|error)\b",
    r"\bwere correct\b",
    r"\bwhat did you expect\b",
    r"\bread the (?:terms|manual|instructions|email|faq|small print)",
    r"\byou(?:'re| are) (?:wrong|mistaken|confused)\b",
    r"\bcommon misunderstanding\b",
    r"\b(?:in future|next time),? (?:please |you |make sure|try|remember)",
    # "...next time" as a lesson; "we'll warn you next time the brand changes" is a promise.
    r"\byou\b[^.!?]{0,50}\b(?:in future|next time)\b(?! (?:the|your|our|we|I|it|there|a|an|"
    r"this|that|something|anything)\b)",
    r"\bplease (?:make sure|ensure|remember|"
    r"read|note|check) (?:that )?(?:you|your)\b",
    r"\bwe did (?:send|tell|warn|remind)\b",
    r"\b(?:it|this|that) (?:does|did|clearly) (?:say|says|state|states)\b",
    r"\b(?:really |entirely |solely |ultimately )?(?:your|her|his|their) (?:own )?responsibility\b",
    r"\byou shouldn'?t have (?:left|let|ignored|waited|clicked|opened|shared|booked|signed|used|"
    r"driven|assumed|expected|run|bought|sent|given)\b",
    r"\byou shouldn'?t be (?:running|leaving|letting|driving|using|expecting|assuming|clicking|"
    r"sharing|booking|ignoring)\b",
    r"\byou (?:always|really) (?:want|need|have|ought) to\b",
    r"\b(?:in future|next time)\b[^.!?]{0,30}\b(?:best|better|advisable|worth|wise|make sure|"
    r"remember)\b",
    # An instruction about the customer's own conduct: "Please send us your readings next
    # time". Invitations ("please don't hesitate to contact us in future") are not lessons.
    r"\bplease (?!don'?t hesitate|do get in touch|feel free|let us know if|get in touch|reach out|"
    r"come back|contact us if|enjoy|accept)[^.!?]{0,60}\b(?:next time|in (?:the )?future|going "
    r"forward|from now on)\b",
    r"\b(?:didn'?t|did not|failed to|forgot to|neglected to) (?:declare|disclose)\b",
    r"\byour word against\b",
    r"\brather than (?:relying on|listening to|reading|checking)\b",
    r"\bunless (?:the (?:owner|customer|account holder|policyholder) (?:inform|tell|notif|let)\w*"
    r"|you (?:inform|notify) us)\b",
    r"\b(?:may|might|must) not have been \w+ (?:in )?(?:properly|correctly)\b",
)
POLICY_WALL = _rx(
    r"\b(?:our|the) (?:policy|policies|terms|rules|t&cs|terms and conditions|agreement|contract)"
    r"\b",
    r"\b(?:as|is|are|was|were) (?:clearly )?(?:set out|stated|explained|outlined|detailed|"
    r"shown|displayed|marked|communicated|listed|advised|covered) (?:in|on|at|by)\b",
    r"\bclearly (?:marked|displayed|stated|communicated|lists|listed|set out|shown|explained|"
    r"states)\b",
    r"\boutside (?:of )?our control\b",
    r"\bnot something (?:we|I) (?:offer|do|can)",
    r"\b(?:the )?decision is final\b",
    r"\b(?:the charge|it|this) stands\b",
    r"\bsubject to\b",
    r"\bin line with\b",
    r"\bnot (?:legally )?binding\b",
    r"\bcannot be held responsible\b",
    r"\b(?:won'?t|will not|are not|aren'?t) (?:be )?able to (?:help|assist|do) (?:further|any more"
    r"|anything)",
    r"\bthere(?:'s| is) nothing (?:more )?(?:I|we) can do\b",
    r"\bthat(?:'s| is) what \w+ is for\b",
    r"\bapplies to everyone\b",
    r"\bnot (?:authorised|"
    r"authorized|permitted|allowed)\b",
    r"\bonly (?:an? )?(?:estimate|guide)\b",
    r"\bnot a "
    r"guarantee\b",
    r"\bour records show\b",
    r"\bthe system (?:shows|says)\b",
    r"\b(?:we|I) (?:can(?:no|')t|cannot|are unable to|am unable to) (?:refund|offer|make|"
    r"guarantee|accept|change|help)\b",
    r"\bunfortunately\b",
    r"\bI'?m afraid\b",
    r"\bwe(?:'d| would) (?:recommend|suggest|advise)\b",
    r"\bstandard procedure\b",
    r"\bnon-refundable\b",
    r"\b(?:are|is) (?:not normally|not usually|never) (?:refundable|refunded|covered|included)\b",
    r"\bnot included in (?:any of )?(?:our|the|your)\b",
)
# Defending the company or its staff at the customer's expense: the guide's level 0.
DEFEND = _rx(
    r"\b(?:our|the) (?:staff|team|crews?|drivers?|engineers?|assessors?|mechanics?|technicians?|"
    r"advisors?|advisers?|agents?|staff member|member of staff|colleagues?|couriers?|system)"
    r"(?: will| would)?(?: have| has| had)? (?:followed|acted (?:correctly|properly|appropriately)|"
    r"did (?:nothing wrong|everything (?:right|correctly)|their best|its job)|do their best|"
    r"(?:was|were) (?:correct|right|following|only following|within))\b",
    r"(?<!\byou )(?<!\bYou )\bfollowed (?:the |our )?(?:correct |proper |standard |normal |"
    r"usual )?(?:procedure|process|guidelines|policy|protocol)\b",
    r"\b(?:we are|we're|the company is) (?:entitled|within our rights|not (?:obliged|liable|"
    r"responsible|required|notified))\b",
    r"\b(?:a lot of|lots of|many|most|plenty of) (?:customers|people|donors|members|guests|"
    r"patients|parents|passengers|users|clients) (?:who )?(?:change their minds?|forget|"
    r"make (?:this|that|the same) mistake|do (?:this|that)|say|find|are (?:happy|fine))\b",
    r"\bno need for (?:the |that |this )?(?:sarcasm|tone|language|attitude|that)\b",
    r"\blike everyone else(?:'s)?\b",
    r"\b(?:a little|some) patience goes a long way\b",
)
# Subtle judgement, a slip in the guide: "to be clear", "as per our email", "in fairness".
SUBTLE = _rx(
    r"\bto be clear\b",
    r"\bas per (?:our|my|the|your)\b",
    r"\bjust so you(?:'re| are)? (?:know|aware)\b",
    r"\bin (?:all )?fairness\b",
    r"\bfor (?:your )?(?:information|future reference)\b",
    r"\b(?:do bear with (?:us|them)|bear with them)\b",
    r"\bactually,? (?:the|our|it|this|that|you)\b",
    r"\bsimply\b",
    r"\b(?:only )?(?:a )?(?:small|tiny|limited) number of (?:accounts|customers|users|people|"
    r"orders|cases)\b",
    r"\bdid you (?:watch|read|check|follow|see|look at) (?:the|our|any)\b",
)
MINIMISE = _rx(
    r"\b(?:it'?s|that'?s|this is|it was|was|is) (?:only|just|merely|simply) (?:a|an|one|two|"
    r"\d+|some|£|\$|€)",
    r"\bonly (?:a|an|one) (?:few|small|minor|little|bit)\b",
    r"\bnot (?:a|that|such a) big (?:deal|issue|problem)\b",
    r"\bno (?:big deal|harm done)\b",
    r"\b(?:just|simply) (?:a |an |one |restart|log|click|wait|follow|read|check|reset|go|call|"
    r"update|need|have to|reinstall|try|pay|buy|walk|turn|use|send|let)\b",
    r"\ball you (?:need|have) to do\b",
    r"\b(?:minor|small|slight|little|tiny) (?:delay|issue|"
    r"problem|mistake|error|inconvenience|glitch|bump|leak|amount|difference)\b",
    r"\bdon'?t (?:worry|panic|stress)\b",
    r"\bno need to (?:worry|panic|be \w+|stress|shout|get)",
    r"\b(?:quite|perfectly|completely|totally|actually) normal\b",
    r"\bit happens\b",
    r"\bthese things happen\b",
    r"\bhappens to (?:loads|lots|everyone|many|most)\b",
    r"\b(?:it'?s|that'?s) not just you\b",
    r"\b(?:it'?s )?nothing to (?:worry|be worried|panic|be upset) about\b",
    r"\b(?:they|it|everyone) all do(?:es)? that\b",
    r"\byou(?:'ll| will)? (?:soon |quickly )?get used to (?:it|them)\b",
    r"\bteething (?:problems|issues|troubles)\b",
    r"\b(?:are|is|were|was) bound to happen\b",
    r"\bactually (?:pretty|quite|very|really) (?:good|nice|fine|great)\b",
    r"\bthat'?s all (?:it is|it was)\b",
    r"\b(?:a |an )?(?:simple|easy|quick)"
    r" (?:fix|thing|mistake)\b",
    r"\bplenty of (?:time|other)\b",
    r"\bloads of time\b",
    r"\bcould be worse\b",
    r"\blook on the bright side\b",
)
DISMISS = _rx(
    r"\bcalm down\b",
    r"\bstay calm\b",
    r"\bas I (?:already |previously |just )?(?:said|explained|"
    r"mentioned|told you|stated)\b",
    r"\bas (?:already|previously) (?:said|explained|stated|"
    r"mentioned)\b",
    r"\bobviously\b",
    r"\bclearly you\b",
    r"\byou people\b",
    r"\boverreact",
    r"\bnot (?:our|my) (?:fault|problem|responsibility|job)\b",
    # "Whatever." or "whatever you say" brushes the customer off; "whatever happens" and
    # "whatever you had planned" do not.
    r"\bwhatever(?=\s*(?:[.!?,;]|$))",
    r"\bwhatever you (?:say|think|want|like)\b",
    r"\bor whatever\b",
    r"\bwith (?:all )?due respect\b",
    r"\bpolicy is policy\b",
    r"\bI don'?t (?:make|write) the "
    r"rules\b",
    r"\bkeep it (?:respectful|civil|polite)\b",
    r"\bthreatening to\b",
    r"\b(?:that'?s|it'?s) (?:up to you|your choice|your call)\b",
    r"\bup to you\b",
    r"\bI'?m sorry (?:you feel|that you feel|if you feel|you think|if you were|if you)\b",
    r"\b(?:we'?re|we are) sorry (?:you feel|that you feel|if you feel)\b",
    # The non-apology: sorry for how the customer took it, not for what happened.
    r"\b(?:I'?m|I am|we'?re|we are) sorry (?:that |if )?you (?:didn'?t|did not|don'?t|do not)"
    r" (?:feel|find|think|consider)\b",
    r"\b(?:I'?m|I am|we'?re|we are) sorry (?:that |if )?you (?:felt|found|thought|were unhappy)\b",
    r"(?<![^\W\d_] )(?<![^\W\d_], )\b(?:well|look|"
    r"listen|anyway),",
    r"\banyway\b",
    r"\bto be fair\b",
    r"\bfirst world problem",
    r"\blol\b",
    r"\bnot a technicality\b",
    r"\bwith respect\b",
    r"\bI need you to\b",
    r"\bno offen[cs]e\b",
)
# Mock politeness: sympathy or thanks that says the opposite, and promises nobody could keep.
SARCASM = _rx(
    r"\b(?:ask|tell|get|train|teach) (?:our|the|my) \w+ to (?:fly|teleport|read (?:your|minds)"
    r"|walk on water|work miracles|use (?:magic|a time machine))",
    r"\b(?:magic wand|crystal ball|mind[- ]?readers?|read(?:ing)? (?:your|people'?s) minds?"
    r"|time machine|miracle workers?|in a perfect world)\b",
    r"\bsorry (?:that |if )?(?:our|the|my) [\w ]{1,30} (?:isn'?t|wasn'?t|aren'?t|weren'?t|was not"
    r"|is not) (?:good|fast|perfect|quick) enough for you\b",
    r"\bsorry (?:for|that (?:we|I)) (?:existing|daring|breathing|even trying)\b",
    r"\b(?:thanks|thank you) (?:so much )?for (?:the|your) (?:charming|delightful|colourful|"
    r"colorful|polite) (?:message|words|feedback|email|note|comments|review|post|language)",
    r"\bmust be nice\b",
    r"\bgood luck with that\b",
    r"\b(?:clearly|obviously|evidently) you know (?:better|best|more)\b",
    r"\bI'?m sure you (?:did|do|know|would|were|have|meant|read)\b",
    r"\bas you (?:so )?(?:kindly|helpfully|politely|charmingly|eloquently) "
    r"(?:put it|pointed out|said|mentioned|reminded)",
    r"\bwith the greatest (?:of )?respect\b",
    r"\b(?:shocking|imagine that|who knew|funny that),? (?:I know|right)?",
    r"\b(?:we'?ll|I'?ll) (?:alert|inform|notify|tell) the (?:press|media|king|queen|prime minister"
    r"|government)\b",
    r"\bnext time,? (?:maybe )?(?:try|we'?ll|I'?ll|you could)\b[^.!?]{0,40}\b(?:fly|magic|miracle"
    r"|psychic|telepath\w*)",
    r"\b(?:great|good|excellent) question\b",
    r"\byes,? we do (?:know|have|care)\b",
    r"\bhope (?:that|this) (?:helps|clears (?:it|things) up)!",
    # Laughing, winking and eye-rolling at someone's problem.
    "[\U0001f602\U0001f923\U0001f605\U0001f609\U0001f61c\U0001f61d\U0001f643\U0001f644"
    "\U0001f60f\U0001f984]",
    r"\b(?:only|just) (?:joking|kidding)\b",
    r"\bin all seriousness\b",
    r"\bnever (?:seen|heard) (?:that|this) one before\b",
    r"\b(?:that|this) old chestnut\b",
    r"\b(?:hire|recruit|build|rewrite|change the (?:law|rules|weather))\b[^.!?]{0,40}"
    r"\bjust for you\b",
    r"\b(?:there are|could be|I can think of) (?:much )?worse places\b",
    r"\benjoy the \w+ in the meantime\b",
    r"\b(?:I'?m|we'?re) sure (?:the|your) \w+ (?:will|would) (?:love|enjoy|be thrilled)",
    r"\b(?:so )?glad (?:that )?you (?:cried|waited|had to|were (?:stuck|left|kept))\b",
    r"\bwhat a (?:fun|great|brilliant|lovely) idea to\b",
    # Promises nobody could keep, made to mock the request.
    r"\btime[- ]travel",
    r"\bunicorns?\b",
    r"\bvelvet cushion\b",
    r"\b(?:hire|recruit|employ) (?:a few |several )?(?:hundred|thousand)",
    r"\bdropp(?:ed|ing) everything\b",
    r"\bcamp (?:out )?on your doorstep\b",
    r"\bthe world (?:doesn'?t|does not|won'?t) stop\b",
)
# Cheer that misses the mood: emoji, a cheery sign-off, "!!" to someone upset. A slip.
CHEER = _rx(
    "[\U0001f600-\U0001f60e\U0001f61c\U0001f61d\U0001f642\U0001f643\u263a\U0001f44d\U0001f389"
    "\U0001f942\U0001f973]",
    r"\bhave a (?:lovely|great|nice|wonderful|fab) (?:day|trip|evening|weekend)\b",
    r"!{2,}",
    r"\boh well\b",
)
# Praise that is warm to a happy customer and sarcastic to an upset one.
CELEBRATION = _rx(
    r"\bcongratulations\b",
    r"\bwell done\b",
    r"\bbravo\b",
    r"\b(?:thanks|thank you) (?:so much )?for (?:the|your) (?:lovely|kind|wonderful|friendly) "
    r"(?:message|words|feedback|email|note|comments|review|post)",
)

# Process before person: instructions and form language in place of a human answer.
DIRECTIVE = _rx(
    r"\bplease (?:complete|submit|contact|check|allow|reply|provide|visit|continue|be advised|"
    r"note|use|send|fill|call|dm|refer|ensure|keep|follow|log|go|click|attach|quote)\b",
    r"\byou(?:'ll| will)? (?:need|have) to\b",
    r"\b(?:must|will need to|needs to) be (?:made|paid|"
    r"submitted|received|completed|returned|provided|sent)\b",
    r"\bin accordance with\b",
    r"\bfor (?:security|your protection|data protection|legal|regulatory|safety) reasons?\b",
    r"\bdue to (?:data protection|security|national|operational|high demand|a high volume)",
    r"\bdear (?:customer|member|policyholder|sir or madam|guest|valued customer|user|passenger)\b",
    r"\bhands are tied\b",
    r"\bno refunds?\b",
    r"\bwe (?:are unable|regret to inform)\b",
    r"\bplease be advised\b",
    r"\bkind regards,? (?:customer|member|billing|the)\b",
    r"\byour (?:query|complaint|feedback|call) (?:is|has been) (?:important|logged|noted)\b",
)
# "Sorry ..., but ..." takes the apology back; so does "I understand, however ...".
APOLOGY_BUT = re.compile(
    r"\b(?:sorry|apologi[sz]e|understand)\b[^.!?]{0,80}\b(?:but|however)\b", re.IGNORECASE
)
SHOUTING = re.compile(r"\b[A-Z]{4,}\b")
FAMILIES: dict[str, Phrases | re.Pattern[str]] = {
    "blame": BLAME,
    "policy": POLICY_WALL,
    "directive": DIRECTIVE,
    "minimise": MINIMISE,
    "dismiss": DISMISS,
    "defend": DEFEND,
    "subtle": SUBTLE,
    "sarcasm": SARCASM,
    "cheer": CHEER,
    "but": APOLOGY_BUT,
    "shout": SHOUTING,
}
# A lesson about later: the blame cues that read a "next time" instruction.
LATER = re.compile(r"\b(?:next time|in (?:the )?future|going forward|from now on)\b", re.I)
# The agent's own promise about later is not a lesson: "I'll call you first next time".
OWN_PROMISE = re.compile(
    r"\b(?:I|we)(?:'ll| will| shall|'m going to| am going to|'re going to| are going to)\b", re.I
)
# The customer asking how to avoid it next time: a tip for later is then what they asked for.
ASKS_LATER = re.compile(
    r"[^.!?\n]*\b(?:next time|in (?:the )?future|going forward|avoid|prevent|stop (?:this|it|"
    r"that) happening|happen again)\b[^.!?\n]*\?",
    re.I,
)
# Families a labeller reads as a failure (level 0) on their own; the rest are slips.
SEVERE = frozenset({"blame", "dismiss", "defend", "minimise", "sarcasm"})

"""Word lists the features are built from, kept apart from the logic that uses them.

Lists are lowercase surface forms; code compares stems or whole words as it needs.
Trainers can extend a list without touching any code.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A word list written as whitespace-separated text, which keeps long lists readable."""
    return frozenset(text.split())


STOPWORDS = words(
    """
    'd 'll 're 's 've a able about above after again against all also am an and any are aren't
    as at be because been before being below between both but by can can't cannot could couldn't
    dear did didn't do does doesn't doing don't down during each even ever every few for from
    further get gets go going gone got had hadn't has hasn't have haven't having he he'd he'll
    he's hello her here here's hers herself hey hi him himself his how how's i i'd i'll i'm i've
    if in into is isn't it it's its itself just know let let's like made make me more most much
    must mustn't my myself need no nor not now of off oh ok okay on once one only or other ought
    our ours ourselves out over own please quite rather really said same say see seen shall
    shan't she she'd she'll she's should shouldn't so some still such sure tell than thank
    thanks that that's the their theirs them themselves then there there's these they they'd
    they'll they're they've this those though through to told too under until up upon us very
    via want wanted was wasn't we we'd we'll we're we've well were weren't what what's when
    when's where where's whether which while who who's whom why why's will with won't would
    wouldn't yeah yes yet you you'd you'll you're you've your yours yourself yourselves
    """
)

# Feelings a customer or a learner may have. Adjective, noun and verb forms all listed,
# because replies say "stressful", "stress" and "stressed" interchangeably.
FEELINGS = words(
    """
    gutting mortifying nasty rotten puzzling puzzled livid fuming wound-up
    afraid aggravated aggravating agitated alarmed alarming alone ambushed anger angry anguish
    annoyance annoyed annoying anxiety anxious appalled appalling apprehensive ashamed attacked
    awful awkward belittled betrayed bewildered bitter blindsided bored bothered bothering
    concern concerned concerning confused confusing confusion cornered crushed defeated
    defensive deflated deflating dejected despair desperate detached devastated devastating
    disappointed disappointing disappointment discouraged disgusted disheartened disheartening
    dismayed disrespected distracted distraught distress distressed distressing disturbed
    drained dread dreadful edgy embarrassed embarrassing embarrassment exasperated exasperating
    excited exhausted exhausting exposed fear fearful fed-up flat flustered frightened
    frightening frustrated frustrating frustration fuming furious grateful guilt guilty gutted
    hassle heartbreaking heartbroken helpless hopeful hopeless horrible horrified humiliated
    humiliating hurt hurtful ignored impatient inadequate inconvenience inconvenient indifferent
    indignant infuriated infuriating insulted insulting irate irritated irritating irritation
    isolated jealous jittery judged let-down livid lonely lost mad maddening miserable mortified
    nerve-racking nerve-wracking nervous nightmare numb ordeal outraged overwhelmed overwhelming
    panic panicked panicking panicky powerless pressured protective rattled relief relieved
    resentful resentment sad sadness scared scary sceptical shaken shame shock shocked shocking
    sick skeptical small sorrow stranded stress stressed stressful stuck stung stupid tense
    terrified terrifying tired tiresome torn trapped troubled troubling uncertain uncomfortable
    uneasy unfair unhappy unheard unnerving unsettled unsettling unsure upset upsetting useless
    vulnerable worried worrisome worry worrying worse wound-up
    """
)

# Feeling words so common in scripts that alone they do not show attention to the person.
GENERIC_FEELINGS = words(
    """
    bad concern concerned concerns disappointing disappointment frustrated frustrating
    frustration hassle inconvenience inconvenient issue issues problem trouble unhappy upset
    """
)

# Intensity and hardship words that make a feeling statement about this situation.
HARDSHIP = words(
    """
    awful difficult draining exhausting frightening hard heavy horrible painful rough scary
    stressful terrible tough unacceptable unfair worrying
    """
)

# What a customer may need beneath the request; used to spot need-aimed questions and needs.
NEEDS = words(
    """
    accountability acknowledgement acknowledgment answer answers apology autonomy certainty
    choice clarity closure compensation confidence consistency control dignity explanation
    fairness follow-up heard help honesty information listened money ownership peace
    predictability privacy reassurance recognition refund reliability replacement respect safety
    security speed stability support time transparency trust understanding update updates valued
    """
)

# Words that point a question at the customer's wider situation and what they still need.
IMPACT_WORDS = words(
    """
    affect affected affecting afford best children comfortable concern concerned cope coping
    deadline easier else event family help helpful ideally impact impacted important kids leave
    leaving left manage matter matters mean means meanwhile most need needs party plan plans
    prefer preference rather short today tomorrow tonight trip urgent urgently week weekend work
    worried worry
    """
)

# Topic nouns so common in support conversations that repeating one is not a specific detail.
SERVICE_WORDS = words(
    """
    account app bill billing booking call card case charge charged chat company complaint
    contact customer customers delivery detail details email experience help issue issues item
    message number order orders payment phone problem product purchase query question request
    service shop situation store support system team thing things time today website
    """
)

# Words any reply may use whatever the customer said: picking one up is not listening.
REPLY_WORDS = words(
    """
    sorry apologise apologize apology understand understandable frustration frustrating hear
    happy glad help sort fix refund replace replacement confirm confirmation email call
    contact look check today tomorrow week day hour soon right away personally team update
    know let thank thanks appreciate patience assist resolve resolved issue again make sure
    feel feeling imagine difficult experience anything else able happen happened absolutely
    """
)

# How a letter addresses someone it does not name: "Dear Valued Customer", "Hi there".
ADDRESS_WORDS = words(
    """
    account all client colleague customer everyone folks friend guest holder madam member
    passenger patient policyholder resident sir subscriber supporter team there user valued
    """
)

# Everyday words any message may contain: picking one up shows nothing about listening.
# (Distinctiveness is also learned from the calibration messages; this list covers the
# everyday vocabulary those few dozen messages are too small to rank.)
COMMON_WORDS = words(
    """
    ago already always another anyway around asked away bad basically big bit both bought
    brought called came certain certainly change changed clear come comes coming complete
    completely couldn cos day days definitely different done during early either end ended
    enough entire even ever every everyone everything exactly fact far fine first five found
    four full gave get getting give given giving gone good got great guess half hand
    happened hard having head heard held hello high hold home honest honestly hope hours
    however idea instead keep kept kind knew last late later least left less life like line
    little long longer look looked looking lot lots made main make making many maybe mean means
    meant mind minute minutes moment month months morning name named never new next
    nice night nobody none nothing now number old once open ordered others paid part past pay
    paying people person place plan point probably properly put quick quickly quite read ready
    real reason received right said saw say saying second see seems sent set several
    short show showed side simple since six small someone something sometimes soon sort sorted
    start started still stop stopped supposed sure take taken taking talk tell thing
    things think thought three through till time times today told took total tried
    trying turn turned two unless use used using wait waited waiting want wanted way
    week weekend weeks went whole wish without work worked working year years yet
    """
)

# Words customers and agents use for the same circumstance: a reply that says "your
# daughter" picked up the customer's "my youngest". The first word names the group.
KIN_GROUPS: tuple[tuple[str, ...], ...] = tuple(
    tuple(group.split())
    for group in (
        "child children kid kids son sons daughter daughters youngest eldest baby babies toddler",
        "mother mum mom mam mummy",
        "father dad daddy",
        "partner wife husband fiance fiancee boyfriend girlfriend",
        "sibling sister brother",
        "grandparent grandmother grandma nan nana granny grandfather grandad grandpa",
        "wedding married marry marrying bride groom",
        "funeral died death passed bereaved bereavement widow widower",
        "hospital surgery surgeon operation op ward a&e recovery recover",
        "pregnant pregnancy",
        "birthday party celebration",
        "anniversary",
        "holiday trip travelling traveling abroad",
        "late delayed delay",
        "broken cracked damaged smashed snapped",
        "cold freezing",
        "job work redundant redundancy unemployed",
        "rent landlord mortgage",
        "overdrawn overdraft skint",
        "exam exams interview",
        "disabled disability wheelchair",
        "elderly",
        "medication medicine prescription tablets",
        "dog puppy",
        "cat kitten",
    )
)

# What a complaint is about, in the words either side may use for it ("your luggage" names the
# "suitcase" the customer lost; "ordered" and "order" stem apart). Only for telling whether a
# reply names the customer's topic (interpretation 1): topic words never count as details.
TOPIC_GROUPS: tuple[tuple[str, ...], ...] = tuple(
    tuple(group.split())
    for group in (
        "order orders ordered ordering purchase purchased item items",
        "parcel parcels package packages delivery delivered deliver courier",
        "luggage bag bags suitcase suitcases baggage",
        "price prices premium premiums cost costs renewal quote bill bills billing charge charges"
        " charged fee fees invoice",
        "refund refunds refunded money",
        "account accounts login password locked",
        "membership subscription plan contract",
        "flight flights plane airline",
        "train trains journey",
        "appointment appointments visit engineer booking booked",
        "card payment payments declined",
        "broadband internet wifi connection",
        "car vehicle",
        "room hotel stay",
    )
)

# Single-word learner reactions for the reflection rubric ("I interrupted", "I froze").
REACTIONS = words(
    """
    agreed apologised apologising apologized apologizing argue argued automatic automatically
    avoid avoided blame blamed blanked clenched corrected cut defend defended freeze
    froze hung hurried impulse instinct interrupt interrupted jumped justified justify lectured
    over-explained panicked promised quoted raised reacted reaction repeated rush rushed shouted
    shut sighed snapped stopped talked talking tensed urge went withdrew
    """
)

# Techniques a learner may name when analysing an expert reply; keys are canonical names.
TECHNIQUES: dict[str, tuple[str, ...]] = {
    "acknowledges feeling": (
        "acknowledg",
        "validat",
        "names the feeling",
        "names the emotion",
        "emotional reaction",
        "recognis",
        "recogniz",
    ),
    "paraphrase": ("paraphras", "reflect", "restat", "summar", "mirror", "sums up", "interpret"),
    "open question": ("open question", "asks", "question", "explor", "invites", "curious"),
    "ownership": ("ownership", "owns", "takes responsibility", "accountab", "i will", "commit"),
    "next step": ("next step", "action", "timeline", "deadline", "concrete", "expectation"),
    "apology": ("apolog", "sorry"),
    "non-judgment": ("blame", "judg", "respect", "calm", "neutral", "without blaming"),
    "explains reason": ("explain", "reason", "why", "transparen"),
    "offers choice": ("choice", "option", "altern", "offer"),
}

# Synonym groups for comparing a named emotion or need with the exercise's expected ones.
EMOTION_GROUPS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        "worried anxious nervous uneasy apprehensive afraid scared fearful concerned panicked"
        " panicky stressed stress tense insecure uncertain unsure",
        "angry furious irate livid mad outraged fuming infuriated enraged indignant cross",
        "frustrated annoyed irritated exasperated fed-up aggravated impatient",
        "disappointed let-down disheartened discouraged dejected",
        "sad upset unhappy hurt heartbroken miserable gutted devastated distressed",
        "embarrassed ashamed humiliated mortified",
        "confused bewildered lost puzzled uncertain unsure",
        "overwhelmed exhausted drained tired helpless powerless stuck",
        "betrayed cheated deceived misled insulted disrespected ignored dismissed unheard",
        "relieved grateful thankful hopeful",
    )
)

NEED_GROUPS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        "certainty reassurance predictability security safety confidence clarity information",
        "respect dignity acknowledgement acknowledgment recognition heard listened valued",
        "fairness justice compensation refund money apology accountability",
        "control autonomy choice options",
        "speed quick quickly fast urgency time deadline",
        "trust honesty transparency reliability consistency",
        "help support understanding",
    )
)

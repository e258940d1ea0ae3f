"""Tiny language identification: writing system first, then common function words.

Enough to tell an English reply from a Spanish, French, German, Italian, Portuguese,
Dutch, Swedish, Polish or Turkish one, or from a non-Latin script. It only has to
notice "this reply is not in the customer's language", so it prefers "unknown" to a guess.
"""

from __future__ import annotations

import re

from .text import Token, tokens

_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the and you to of is that it for your this with have be are was i my we will can"
        " not on at so but me our what how i'm it's don't we'll i'll you're there they from"
        " would could should about been has had sorry thank please an if",
        "es": "el la los las de que y en un una es por para con su lo como más pero sus le ya"
        " muy también mi esto está usted ustedes gracias hola del al se nos hemos sido siento"
        " nuestro nuestra pedido cuando porque puede",
        "fr": "le la les de des et est un une du que qui dans pour pas ne vous je nous sur avec"
        " votre très mais ce cette c'est merci bonjour désolé au aux sont été avons êtes suis"
        " il elle nos vos",
        "de": "der die das und ist nicht ich sie es ein eine zu den mit von für auf dem wir ihr"
        " ihre ihnen bitte danke leider haben wird werden auch noch sind war bei uns wie",
        "it": "il lo di che è un una per non con sono mi ci del della questo grazie molto ma"
        " anche suo vostro siamo gli le nel alla ho ha abbiamo sua",
        "pt": "o os de que do da em um uma para com não por seu sua mais você obrigado muito"
        " está nós isso ao dos das foi são pedido estamos também",
        "nl": "de het een en van ik je niet dat op te met voor zijn wij dank uw ook maar graag"
        " wordt hebben bent onze bij naar",
        "sv": "och att det som en på är för med jag har inte till av den vi du ni er tack"
        " hej vår kan",
        "pl": "i w nie na się z jest że do to jak ale po co tak za od pan pani dziękuję przepraszam"
        " jestem",
        "tr": "bir ve bu için ile çok da de ne ama gibi daha sizin teşekkür ederim özür dileriz"
        " değil var",
    }.items()
}

# Function word -> the languages it belongs to, so one pass over a text counts them all.
_LANGUAGES_OF: dict[str, tuple[str, ...]] = {}
for _lang, _vocab in _FUNCTION_WORDS.items():
    for _word in _vocab:
        _LANGUAGES_OF[_word] = (*_LANGUAGES_OF.get(_word, ()), _lang)

# Unicode blocks of scripts other than Latin; a reply mostly in one of these is not English.
_SCRIPTS = (
    ("cyrillic", 0x0400, 0x04FF),
    ("greek", 0x0370, 0x03FF),
    ("hebrew", 0x0590, 0x05FF),
    ("arabic", 0x0600, 0x06FF),
    ("devanagari", 0x0900, 0x097F),
    ("thai", 0x0E00, 0x0E7F),
    ("hangul", 0xAC00, 0xD7AF),
    ("kana", 0x3040, 0x30FF),
    ("han", 0x4E00, 0x9FFF),
)


_NON_LATIN = re.compile("[" + "".join(f"{chr(low)}-{chr(high)}" for _, low, high in _SCRIPTS) + "]")


def script_of(text: str) -> str:
    """The dominant writing system of the letters in ``text`` ("latin" if none other)."""
    if text.isascii():
        return "latin"
    found = _NON_LATIN.findall(text)
    if not found:
        return "latin"
    counts: dict[str, int] = {}
    for char in found:
        code = ord(char)
        for name, low, high in _SCRIPTS:
            if low <= code <= high:
                counts[name] = counts.get(name, 0) + 1
                break
    letters = sum(1 for char in text if char.isalpha())
    name, count = max(counts.items(), key=lambda item: item[1])
    return name if letters and count / letters > 0.5 else "latin"


def detect(text: str) -> tuple[str, float]:
    """``(language, share)``: the best language and the share of its function words.

    ``language`` is a code like "en", a script name like "cyrillic", or "unknown"
    when the text has too few function words to say.
    """
    return detect_words(text, [t.text for t in tokens(text)])


def detect_words(text: str, words: list[str]) -> tuple[str, float]:
    """:func:`detect` for a text already split into lowercase ``words``."""
    script = script_of(text)
    if script != "latin":
        return script, 1.0
    if not words:
        return "unknown", 0.0
    hits_by_lang = dict.fromkeys(_FUNCTION_WORDS, 0)
    for word in words:
        for lang in _LANGUAGES_OF.get(word, ()):
            hits_by_lang[lang] += 1
    best, best_hits = "unknown", 0
    for lang, hits in hits_by_lang.items():
        # English wins ties: short replies share words like "no" and "me" with others.
        if hits > best_hits or (hits == best_hits and lang == "en" and hits > 0):
            best, best_hits = lang, hits
    share = best_hits / len(words)
    if best_hits < 2 and share < 0.25:
        return "unknown", share
    return best, share


def differs(detected: tuple[str, float], context_language: str, toks: tuple[Token, ...]) -> bool:
    """True when an answer is confidently in another language than the context's.

    ``detected`` is the answer's :func:`detect_words` result and ``toks`` its words;
    ``context_language`` the context's, where "unknown" counts as English, the
    course's language.
    """
    answer_lang, answer_share = detected
    if answer_lang == "unknown":
        return False
    if context_language == "unknown":
        context_language = "en"
    if answer_lang == context_language:
        return False
    # A reply quoting a foreign phrase keeps its language: demand a clear majority.
    own = _FUNCTION_WORDS.get(context_language, frozenset())
    own_hits = sum(1 for t in toks if t.text in own)
    return answer_share >= 0.15 and own_hits < answer_share * len(toks) / 2

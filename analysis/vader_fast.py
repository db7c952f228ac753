"""Reference VADER's ``polarity_scores``, the same numbers in about half the time.

``vaderSentiment`` 3.3.2 spends most of its time on work whose result it throws away: it copies every sentence
character by character looking for emoji, and for each word of its lexicon it lower-cases the whole sentence
again, four to five times (``_negation_check`` three times, ``_special_idioms_check``, ``_but_check``) and
builds a list of the 60 negation words for each of three neighbours (``negated``). :func:`polarity_scores`
does the same steps in the same order with the same arithmetic, but lower-cases the sentence's words once,
looks negations up in a set, skips the emoji copy when the sentence holds no emoji character, and reads the
words as ``SentiText`` does (split at whitespace; punctuation stripped from both ends unless that leaves two
characters or fewer; "some but not all in capitals" as ``allcap_differential``) in one expression; every
step whose arithmetic matters (the booster scalars, ``_but_check``, ``score_valence`` with its rounding) is
the reference's own function, called as the reference calls it. Words not in the lexicon get the valence 0
as in the reference (an ``int``: the sums are the reference's sums).

``tests/test_vader_fast.py`` checks that every score is equal (``==`` on the floats) to the reference's on
every sentence of the corpus and on generated sentences built from the lexicon, negations, boosters, "but",
"no", "least", idioms, capitals, emoji and punctuation. Only a plain ``SentimentIntensityAnalyzer`` is
scored this way (its lexicon may be masked); anything else goes to its own ``polarity_scores``.
"""

from __future__ import annotations

import string

from vaderSentiment import vaderSentiment as reference
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

NEGATIONS = frozenset(reference.NEGATE)
PUNCTUATION = string.punctuation  # what the reference's SentiText strips from each end of a word


def scorer(analyzer: SentimentIntensityAnalyzer):
    """A function from a sentence to its scores (``compound``, ``pos``, ``neu``, ``neg``) for ``analyzer``:
    :func:`polarity_scores` for a plain reference analyzer, else the analyzer's own method."""
    if type(analyzer) is not SentimentIntensityAnalyzer:
        return analyzer.polarity_scores
    single_emoji = frozenset(key for key in analyzer.emojis if len(key) == 1)  # only these can match a character

    def score(text):
        if not isinstance(text, str):
            return analyzer.polarity_scores(text)
        return polarity_scores(analyzer, text, single_emoji)

    return score


def polarity_scores(analyzer: SentimentIntensityAnalyzer, text: str, single_emoji: frozenset[str]) -> dict:
    """``analyzer.polarity_scores(text)``, step by step as the reference does it (see the module docstring)."""
    text = text.strip() if single_emoji.isdisjoint(text) else without_emoji(analyzer.emojis, text)
    words = [token if len(stripped := token.strip(PUNCTUATION)) <= 2 else stripped for token in text.split()]
    lower = [w.lower() for w in words]
    capitals = sum(1 for w in words if w.isupper())
    is_cap_diff = 0 < len(words) - capitals < len(words)  # the reference's allcap_differential
    lexicon = analyzer.lexicon
    sentiments: list = []
    last = len(words) - 1
    for i, word in enumerate(lower):
        if word in reference.BOOSTER_DICT or (i < last and word == "kind" and lower[i + 1] == "of"):
            sentiments.append(0)
        elif word in lexicon:
            sentiments.append(lexicon_valence(lexicon, words, lower, i, is_cap_diff))
        else:
            sentiments.append(0)
    if "but" in lower:  # the reference's _but_check changes nothing without a "but"
        sentiments = analyzer._but_check(words, sentiments)
    return analyzer.score_valence(sentiments, text)


def without_emoji(emojis: dict[str, str], text: str) -> str:
    """The reference's first step: each emoji character replaced by its description, then stripped."""
    text_no_emoji = ""
    prev_space = True
    for character in text:
        if character in emojis:
            description = emojis[character]
            if not prev_space:
                text_no_emoji += " "
            text_no_emoji += description
            prev_space = False
        else:
            text_no_emoji += character
            prev_space = character == " "
    return text_no_emoji.strip()


def lexicon_valence(lexicon: dict[str, float], words: list[str], lower: list[str], i: int, is_cap_diff: bool):
    """The reference's ``sentiment_valence`` for a word of the lexicon, on the words lower-cased once."""
    item, item_lowercase = words[i], lower[i]
    valence = lexicon[item_lowercase]
    if item_lowercase == "no" and i != len(words) - 1 and lower[i + 1] in lexicon:
        valence = 0.0
    if (i > 0 and lower[i - 1] == "no") or (i > 1 and lower[i - 2] == "no") \
            or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ["or", "nor"]):
        valence = lexicon[item_lowercase] * reference.N_SCALAR
    if item.isupper() and is_cap_diff:
        if valence > 0:
            valence += reference.C_INCR
        else:
            valence -= reference.C_INCR
    for start_i in range(3):
        if i > start_i and lower[i - (start_i + 1)] not in lexicon:
            s = reference.scalar_inc_dec(words[i - (start_i + 1)], valence, is_cap_diff)
            if start_i == 1 and s != 0:
                s = s * 0.95
            if start_i == 2 and s != 0:
                s = s * 0.9
            valence = valence + s
            valence = negation_check(valence, lower, start_i, i)
            if start_i == 2:
                valence = special_idioms_check(valence, lower, i)
    return least_check(valence, lexicon, lower, i)


def negated(word: str) -> bool:
    """The reference's ``negated([word])``: a negation word, or a word with "n't" in it."""
    word = word.lower()
    return word in NEGATIONS or "n't" in word


def negation_check(valence, lower: list[str], start_i: int, i: int):
    """The reference's ``_negation_check`` (its branches that leave the valence as it is are the ``not``s)."""
    if start_i == 0 and negated(lower[i - 1]):
        valence = valence * reference.N_SCALAR
    if start_i == 1:
        if lower[i - 2] == "never" and (lower[i - 1] == "so" or lower[i - 1] == "this"):
            valence = valence * 1.25
        elif not (lower[i - 2] == "without" and lower[i - 1] == "doubt") and negated(lower[i - 2]):
            valence = valence * reference.N_SCALAR
    if start_i == 2:
        if (lower[i - 3] == "never" and (lower[i - 2] == "so" or lower[i - 2] == "this")) or \
                (lower[i - 1] == "so" or lower[i - 1] == "this"):
            valence = valence * 1.25
        elif not (lower[i - 3] == "without" and (lower[i - 2] == "doubt" or lower[i - 1] == "doubt")) \
                and negated(lower[i - 3]):
            valence = valence * reference.N_SCALAR
    return valence


def special_idioms_check(valence, lower: list[str], i: int):
    """The reference's ``_special_idioms_check`` (its phrases are the words joined by single spaces)."""
    onezero = f"{lower[i - 1]} {lower[i]}"
    twoonezero = f"{lower[i - 2]} {lower[i - 1]} {lower[i]}"
    twoone = f"{lower[i - 2]} {lower[i - 1]}"
    threetwoone = f"{lower[i - 3]} {lower[i - 2]} {lower[i - 1]}"
    threetwo = f"{lower[i - 3]} {lower[i - 2]}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in reference.SPECIAL_CASES:
            valence = reference.SPECIAL_CASES[seq]
            break
    if len(lower) - 1 > i:
        zeroone = f"{lower[i]} {lower[i + 1]}"
        if zeroone in reference.SPECIAL_CASES:
            valence = reference.SPECIAL_CASES[zeroone]
    if len(lower) - 1 > i + 1:
        zeroonetwo = f"{lower[i]} {lower[i + 1]} {lower[i + 2]}"
        if zeroonetwo in reference.SPECIAL_CASES:
            valence = reference.SPECIAL_CASES[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in reference.BOOSTER_DICT:
            valence = valence + reference.BOOSTER_DICT[n_gram]
    return valence


def least_check(valence, lexicon: dict[str, float], lower: list[str], i: int):
    """The reference's ``_least_check``."""
    if i > 1 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
        if lower[i - 2] != "at" and lower[i - 2] != "very":
            valence = valence * reference.N_SCALAR
    elif i > 0 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
        valence = valence * reference.N_SCALAR
    return valence

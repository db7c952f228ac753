"""The comparisons of ``data/comparison.csv``, in words: what each holds constant and what it does not.

A comparison sets a speaker at one event against a speaker at another (:class:`analysis.corpus.Comparison`): the
same speaker at both (the person held constant, not the format), or two speakers of one role (the office held
constant, not the person). Whatever differs besides the event is a caveat every caption and table of the
comparison carries, computed from the corpus: two people instead of one, two formats, a translation on one side
or both.
"""

from __future__ import annotations

import pandas as pd

from .corpus import Comparison

LANGUAGES = {  # the language codes of speakers.csv, as captions name them; a code not listed is shown as it is
    "ar": "Arabic", "de": "German", "en": "English", "es": "Spanish", "fi": "Finnish", "fr": "French",
             "hi": "Hindi", "it": "Italian", "ja": "Japanese", "ko": "Korean", "pl": "Polish", "pt": "Portuguese",
             "ru": "Russian", "tr": "Turkish", "uk": "Ukrainian", "zh": "Chinese"}


def short(name: str) -> str:
    """A speaker's surname, as figures name speakers ('Vladimir Putin' -> 'Putin')."""
    return name.split()[-1] if name.split() else name


def event_names(events: pd.DataFrame) -> dict[str, str]:
    """'helsinki-2018' -> 'Helsinki 2018' (city and year of events.csv), as every figure names events."""
    return {e: f"{city} {str(date)[:4]}" for e, city, date in zip(events["event"], events["city"], events["date"])}


def title(pair: Comparison, events: pd.DataFrame) -> str:
    """'Putin, Geneva 2021 → Anchorage 2025' or 'Biden at Geneva 2021 → Trump at Anchorage 2025'."""
    names = event_names(events)
    if pair.same_speaker:
        return f"{short(pair.first_speaker)}, {names[pair.first]} → {names[pair.second]}"
    return f"{short(pair.first_speaker)} at {names[pair.first]} → {short(pair.second_speaker)} at {names[pair.second]}"


def held_constant(pair: Comparison, speakers: pd.DataFrame, roles: pd.DataFrame | None = None) -> str:
    """What the comparison holds constant, as a sentence's end: 'holds the speaker (Vladimir Putin) constant' or
    'holds the role (head of state) constant, not the person'."""
    if pair.same_speaker:
        return f"holds the speaker ({pair.first_speaker}) constant"
    role = speakers.set_index("speaker")["role"].get(pair.first_speaker, "")
    label = dict(zip(roles["role"], roles["label"])).get(role, role) if roles is not None else role.replace("_", " ")
    return f"holds the role ({label.lower()}) constant, not the person"


def caveats(pair: Comparison, events: pd.DataFrame, speakers: pd.DataFrame, formats: bool = True,
            translation: bool = True) -> list[str]:
    """What differs between the two sides besides the event, one sentence each, from the corpus's own data: two
    people rather than one; two formats (``events.csv``); a translation on one side only, or on both
    (``speakers.csv``'s ``language``). Empty when nothing but the event differs. A caption that already names the
    formats, or the translated speakers, leaves that sentence out (``formats``, ``translation``)."""
    names, formats_of = event_names(events), dict(zip(events["event"], events["format"]))
    languages = {s: str(l).strip() for s, l in zip(speakers["speaker"], speakers["language"]) if pd.notna(l)}
    one, two = pair.first_speaker, pair.second_speaker
    found = []
    if not pair.same_speaker:
        found.append(f"Two people, not one: {one} at {names[pair.first]}, {two} at {names[pair.second]}; a difference "
                     "may be the person's as much as the event's.")
    if formats and formats_of[pair.first] != formats_of[pair.second]:
        found.append(f"The formats differ: {names[pair.first]} is a {formats_of[pair.first]}, {names[pair.second]} "
                     f"{formats_of[pair.second]}; a format shapes what is said (questions set the agenda).")
    translated = [(event, speaker, languages.get(speaker, "")) for event, speaker in pair.sides
                  if translation and languages.get(speaker, "") not in ("", "en")]
    if len(translated) == 2 and pair.same_speaker:
        found.append(f"{short(one)}'s words at both events are an English translation from "
                     f"{LANGUAGES.get(translated[0][2], translated[0][2])}: words and their tone are the translator's.")
    elif len(translated) == 2:
        found.append("Both sides are English translations (" + ", ".join(
            f"{short(s)} spoke {LANGUAGES.get(l, l)}" for _, s, l in translated) + "): words and tone are the translators'.")
    elif len(translated) == 1:
        event, speaker, language = translated[0]
        other = two if speaker == one else one
        found.append(f"Translation on one side only: {short(speaker)}'s words at {names[event]} are an English "
                     f"translation from {LANGUAGES.get(language, language)}, {short(other)}'s words are as spoken, in English.")
    return found


def caveats_text(pair: Comparison, events: pd.DataFrame, speakers: pd.DataFrame, formats: bool = True,
                 translation: bool = True) -> str:
    """:func:`caveats` as one paragraph for a caption ('' when there are none)."""
    return " ".join(caveats(pair, events, speakers, formats, translation))


def sides_table(pair: Comparison, turns: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Each side of a comparison in numbers: the event, its format, the speaker, their turns and words, and their
    share of the words of the transcripts they speak in (for the speaking-time notebook)."""
    formats = dict(zip(events["event"], events["format"]))
    rows = []
    for event, speaker in pair.sides:
        own = pair.side(turns, event)
        docs = turns[(turns["event"] == event) & turns["doc_id"].isin(set(own["doc_id"]))]
        rows.append({"comparison": pair.id, "event": event, "format": formats[event], "speaker": speaker,
                     "turns": len(own), "words": int(own["n_words"].sum()),
                     "transcript_words": int(docs["n_words"].sum()),
                     "share_of_words": round(float(own["n_words"].sum() / docs["n_words"].sum()), 6)})
    return pd.DataFrame(rows)

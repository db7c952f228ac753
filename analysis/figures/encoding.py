"""What each colour, hatch, marker and short label stands for, for one corpus (:class:`Look`).

Colours are given out in the order of ``speakers.csv`` to the speakers who speak, hatches and markers in the
order of the events, so a new event or speaker gets its own without code changes. Colour means a speaker
throughout; events are told apart by hatch and marker, so bars stay apart in greyscale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from .. import comparisons
from .style import HATCHES, MARKERS, PALETTE, SOURCE_NOTE, SOURCE_NOTE_REPORTS, apply_style


def formats_note(events: pd.DataFrame) -> str:
    """One line per event, 'Geneva 2021: format', for the subtitle of a cross-event figure that plots every event."""
    labels = event_labels(events)
    return "\n".join(f"{labels[event]}: {fmt}" for event, fmt in zip(events["event"], events["format"]))



def event_labels(events: pd.DataFrame) -> dict[str, str]:
    """'helsinki-2018' -> 'Helsinki 2018': city and year from ``events.csv``, the short name used in figures."""
    return comparisons.event_names(events)



def short_names(names: list[str] | pd.Series) -> dict[str, str]:
    """'Vladimir Putin' -> 'Putin' for figure labels; a full name is kept where two surnames would clash."""
    names = list(dict.fromkeys(names))
    surnames = [name.split()[-1] if name.split() else name for name in names]
    return {name: surname if surnames.count(surname) == 1 else name for name, surname in zip(names, surnames)}


LANGUAGE_NAMES = comparisons.LANGUAGES
"""Names of the language codes of ``speakers.csv`` for captions; a code not listed is shown as it is."""



def translation_note(speakers: pd.DataFrame, shown, names: dict[str, str] | None = None,
                     what: str = "Words") -> str:
    """A caption sentence naming the speakers in ``shown`` who did not speak English (``speakers.csv``'s
    ``language`` given and not ``en``): 'Words of speakers who did not speak English are those of the
    transcript's English translation: Putin (Russian).' ('' when every speaker shown spoke English or has no
    language given). ``names`` are display names (``look.speaker_names``); ``what`` starts the sentence."""
    wanted = set(shown)
    found = [(speaker, str(language).strip()) for speaker, language in zip(speakers["speaker"], speakers["language"])
             if speaker in wanted and pd.notna(language) and str(language).strip() not in ("", "en")]
    if not found:
        return ""
    listed = ", ".join(f"{(names or {}).get(s, s)} ({LANGUAGE_NAMES.get(code, code)})" for s, code in found)
    return f"{what} of speakers who did not speak English are those of the transcript's English translation: {listed}."



def colours_for(names: list[str] | pd.Series) -> dict[str, str]:
    """A stable colour per name, in the order given (events.csv or speakers.csv order)."""
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(dict.fromkeys(names))}



def hatches_for(names: list[str] | pd.Series) -> dict[str, str]:
    """A stable hatch pattern per name, in the order given, for greyscale print."""
    return {name: HATCHES[i % len(HATCHES)] for i, name in enumerate(dict.fromkeys(names))}



@dataclass(frozen=True)
class Look:
    """Colours, hatches and short labels for one corpus: built once per notebook, passed to plot functions."""

    event_colours: dict[str, str]
    event_hatches: dict[str, str]
    event_markers: dict[str, str]
    event_labels: dict[str, str]
    speaker_colours: dict[str, str]
    speaker_names: dict[str, str]
    role_colours: dict[str, str]  # the colour of the first speaker with the role, so a role looks like its speaker
    formats: str  # the subtitle naming each event's format
    role_labels: dict[str, str] = None  # 'head_of_government' -> 'Head of government' (roles.csv)
    event_formats: dict[str, str] = None  # event -> its format in words (events.csv)
    publishers: dict[str, list[str]] = None  # event -> who published its transcripts (corpus.csv), short names
    document_names: dict[str, str] = None  # doc_id -> 'Kremlin transcript', 'Shafaq News', 'Unnamed report A'
    document_events: dict[str, str] = None  # doc_id -> event
    document_leaders: dict[str, list[str]] = None  # doc_id -> the principals who speak in it, in order of speaking

    def label(self, event: str, speaker: str | None = None) -> str:
        """'Geneva 2021' or 'Geneva 2021 · Putin'."""
        return self.event_labels[event] + (f" · {self.speaker_names.get(speaker, speaker)}" if speaker else "")

    def formats_of(self, events) -> str:
        """The format subtitle for just these events (those a figure plots), in date order."""
        wanted = set(events)
        return "\n".join(f"{self.event_labels[e]}: {self.event_formats[e]}" for e in self.event_labels if e in wanted)

    def source_of(self, events=None, reports: bool = False) -> str:
        """The source line for a figure of ``events`` (all when None): who published the transcripts plotted.

        "Source: Kremlin transcripts (English); ..." for the seed events, "Source: transcripts (English) by
        Kremlin, White House; ..." once other publishers' transcripts are plotted; with ``reports``, the news
        reports come first."""
        wanted = self.event_labels if events is None else set(events)
        names = list(dict.fromkeys(p for e in self.event_labels if e in wanted for p in (self.publishers or {}).get(e, [])))
        count = sum(len((self.publishers or {}).get(e, [])) for e in self.event_labels if e in wanted)
        if not names:
            return SOURCE_NOTE_REPORTS if reports else SOURCE_NOTE
        if reports:
            return f"Source: news reports, {', '.join(names)} transcript{'s' if count > 1 else ''}; analysis: this project"
        if len(names) == 1:
            return f"Source: {names[0]} transcripts (English); analysis: this project"
        return f"Source: transcripts (English) by {', '.join(names)}; analysis: this project"

    def role(self, role: str) -> str:
        return (self.role_labels or {}).get(role, role.replace("_", " "))

    def document(self, doc_id: str, with_event: bool = False) -> str:
        """A document's display name (:func:`document_names`), optionally with its event: never its internal id
        unless the manifest gives nothing better. Names are unique only within an event ('Unnamed report A'
        starts again in each): where documents of several events are shown together, pass ``with_event``."""
        name = (self.document_names or {}).get(doc_id, doc_id)
        event = (self.document_events or {}).get(doc_id)
        return f"{name}, {self.event_labels[event]}" if with_event and event in self.event_labels else name



    def several_transcripts(self, events) -> list[str]:
        """The labels of those of ``events`` that have several transcripts (two news conferences of one event)."""
        held = [e for d, e in (self.document_events or {}).items() if d in (self.document_leaders or {})]
        return [self.label(e) for e in dict.fromkeys(events) if held.count(e) > 1]

    def pooled_note(self, events) -> str:
        """A caption's sentence for a figure of groups per event when one of ``events`` has several transcripts: who
        is pooled over them ('' when no event shown has several)."""
        several = self.several_transcripts(events)
        if not several:
            return ""
        return (f" {' and '.join(several)} {'has' if len(several) == 1 else 'have'} several transcripts (one per news "
                "conference): a leader's row is their own conference, a group that speaks in several (the "
                "journalists) is pooled over them.")

    def transcript(self, doc_id: str) -> str:
        """A transcript's short label: its event's ('Geneva 2021') when the event has one transcript, else the event
        and the leaders who speak in it ('Geneva 2021 · Putin', 'Geneva 2021 · Biden'; the document's name when no
        leader speaks in it): short enough for an axis, and never an internal id."""
        event = (self.document_events or {}).get(doc_id)
        siblings = [d for d, e in (self.document_events or {}).items() if e == event and d in (self.document_leaders or {})]
        if event in self.event_labels and len(siblings) <= 1:
            return self.event_labels[event]
        who = {d: " & ".join(self.speaker_names.get(s, s) for s in self.document_leaders.get(d, [])) for d in siblings}
        mine = who.get(doc_id, "")
        if not mine or list(who.values()).count(mine) > 1:  # no leader, or the same leaders in two: the names
            mine = self.document(doc_id)
        return f"{self.event_labels.get(event, event)} · {mine}"


def side_label(pair, look: Look, event: str) -> str:
    """One side of a comparison as figures name it: its event ('Geneva 2021') when the speaker is the same at both,
    the event and its speaker ('Geneva 2021 · Biden') when the comparison holds a role."""
    return look.label(event) if pair.same_speaker else look.label(event, pair.speaker_at(event))


def pair_title(pair, look: Look) -> str:
    """A comparison as figure titles name it: "Putin, Geneva 2021 → Anchorage 2025", "Biden at Geneva 2021 → Trump
    at Anchorage 2025"."""
    one, two = (look.speaker_names.get(s, s) for s in (pair.first_speaker, pair.second_speaker))
    if pair.same_speaker:
        return f"{one}, {look.label(pair.first)} → {look.label(pair.second)}"
    return f"{one} at {look.label(pair.first)} → {two} at {look.label(pair.second)}"


def short_publisher(publisher: str) -> str:
    """A publisher as a source line names it: 'Kremlin' for any of the Kremlin's pages (republished or not),
    else the name before any comma or bracket ('White House (whitehouse.gov)' -> 'White House')."""
    if "kremlin" in publisher.casefold():
        return "Kremlin"
    return re.split(r"[,(]", publisher)[0].strip() or "unknown publisher"



def document_names(documents: pd.DataFrame | None) -> dict[str, str]:
    """Display names for documents, from the manifest's ``kind`` and ``publisher``.

    A transcript is '<publisher> transcript' ('Kremlin transcript'); a news report is its outlet ('Shafaq
    News'), or, when the text does not name it (publisher 'unknown ...'), 'Unnamed report A', 'B', ... in
    manifest order within its event. Two documents of one event with the same name are numbered ('White House transcript 1', '... 2').
    """
    if documents is None or "doc_id" not in documents:
        return {}
    names: dict[str, str] = {}
    unnamed: dict[str, int] = {}
    for doc_id, event, kind, publisher in zip(documents["doc_id"], documents["event"], documents["kind"],
                                              documents["publisher"]):
        outlet = short_publisher(publisher)
        if kind == "transcript":
            names[doc_id] = f"{outlet} transcript"
        elif outlet.casefold().startswith("unknown"):
            unnamed[event] = unnamed.get(event, 0) + 1
            names[doc_id] = f"Unnamed report {chr(ord('A') + unnamed[event] - 1)}"
        else:
            names[doc_id] = outlet
    by_event_name: dict[tuple[str, str], list[str]] = {}
    for doc_id, event in zip(documents["doc_id"], documents["event"]):
        by_event_name.setdefault((event, names[doc_id]), []).append(doc_id)
    for (_, name), doc_ids in by_event_name.items():
        if len(doc_ids) > 1:
            for number, doc_id in enumerate(doc_ids, start=1):
                names[doc_id] = f"{name} {number}"
    return names



def look_for(events: pd.DataFrame, speakers: pd.DataFrame, roles: pd.DataFrame | None = None,
             documents: pd.DataFrame | None = None, turns: pd.DataFrame | None = None) -> Look:
    """The :class:`Look` of a corpus, in event (date) and ``speakers.csv`` order; role labels from ``roles``, the
    publishers of each event's transcripts from ``documents`` (for source lines).

    With ``turns``, colours go only to the speakers who speak in the corpus (a row of ``speakers.csv`` for a
    leader who never speaks, or for a generic 'Moderator', would otherwise use up one of the eight colours, and
    a role would take the colour of a speaker never drawn)."""
    if turns is not None:
        speakers = speakers[speakers["speaker"].isin(set(turns["speaker"]))]
    speaker_colours = colours_for(speakers["speaker"])
    role_colours = {}
    for speaker, role in zip(speakers["speaker"], speakers["role"]):
        role_colours.setdefault(role, speaker_colours[speaker])
    return Look(event_colours=colours_for(events["event"]), event_hatches=hatches_for(events["event"]),
                event_markers={e: MARKERS[i % len(MARKERS)] for i, e in enumerate(dict.fromkeys(events["event"]))},
                event_labels=event_labels(events), speaker_colours=speaker_colours,
                speaker_names=short_names(speakers["speaker"]), role_colours=role_colours, formats=formats_note(events),
                role_labels=dict(zip(roles["role"], roles["label"])) if roles is not None else None,
                event_formats=dict(zip(events["event"], events["format"])),
                publishers=publishers_by_event(documents), document_names=document_names(documents),
                document_events=dict(zip(documents["doc_id"], documents["event"])) if documents is not None
                and "doc_id" in documents else None,
                document_leaders=leaders_by_document(turns, speakers, roles))


def leaders_by_document(turns: pd.DataFrame | None, speakers: pd.DataFrame, roles: pd.DataFrame | None) -> dict[str, list[str]]:
    """doc_id -> the principals (heads of state and government, ministers, spokespersons: ``roles.csv``'s group
    ``principal``) who speak in that transcript, in the order they first speak; every transcript with turns has an
    entry."""
    if turns is None or not len(turns) or "doc_id" not in turns:
        return {}
    groups = dict(zip(roles["role"], roles["group"])) if roles is not None and "group" in roles else {}
    principal = {s for s, r in zip(speakers["speaker"], speakers["role"]) if groups.get(r, "principal") == "principal"}
    found: dict[str, list[str]] = {}
    for doc_id, speaker in zip(turns["doc_id"], turns["speaker"]):
        leaders = found.setdefault(doc_id, [])
        if speaker in principal and speaker not in leaders:
            leaders.append(speaker)
    return found



def publishers_by_event(documents: pd.DataFrame | None) -> dict[str, list[str]]:
    if documents is None:
        return {}
    transcripts = documents[documents["kind"] == "transcript"]
    found: dict[str, list[str]] = {}
    for event, publisher in zip(transcripts["event"], transcripts["publisher"]):
        found.setdefault(event, []).append(short_publisher(publisher))
    return found


def setup(corpus) -> Look:
    """Apply the shared style and return the corpus's :class:`Look`: the first call of every notebook with figures."""
    apply_style()
    return look_for(corpus.events, corpus.speakers, corpus.roles, corpus.documents, corpus.turns)

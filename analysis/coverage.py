"""Media coverage against the record: quotes in the news reports, their speakers, and how faithful they are.

Quote rule: a quoted span is text between “ and ”, between " and ", or between ‘ and a ’ that is not followed
by a letter (so the apostrophe in "Ukraine’s" does not close a quote). A quote may run across sentences but
not across a blank line; a quote inside another is not counted twice. A report's listed exclusions are
blanked out before the search, so no quote contains excluded text. Offsets point into the raw file.

Attribution rule (first that applies):

1. a speech verb next to the quote with its subject, after it ("…,” he said; "…," Putin told reporters) or
   before it (Putin said: “…”; Trump replied, “…”). A named leader is the speaker; "he"/"she" is the leader
   last named in subject position earlier in the paragraph (else the paragraph's subject); reporters,
   officials and the like are not leaders, so the quote gets no speaker;
2. a quote without a verb of its own continues the last verb-attributed quote of the same paragraph;
3. otherwise the paragraph's subject: the first leader it names, or, for a paragraph opening with "He" or
   "She", the subject of the paragraph before.
Leaders are recognised by the last word of their name in ``speakers.csv`` and by the phrases in
``data/news_names.csv`` ("the Russian leader"); names inside quotes do not count. A source named near the
quote ("according to Russian news agency TASS") is kept in ``source``.

Occasion rule: the quote's sentence and the sentence before it in the same paragraph, with every quoted span
blanked out, are searched for the phrases of ``data/occasion_cues.csv`` ("told Fox News", "on Truth Social");
the phrases found are kept in ``occasion_cue``. A quote that is ``not found`` in the record and has such a cue
is classed ``other occasion``: words said somewhere else, kept out of the comparisons with the event.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from . import paths
from .corpus import Comparison, Corpus
from .errors import Problems
from .schema import read_declared
from .sentiment import vader
from .tables import LINE, read_table
from .text import count_words, normalise_text, split_sentences
from .topics import NONE

VERBATIM = 95.0
CLOSE = 80.0
OVERLAP = 0.4
MIN_CONTENT_WORDS = 3
MIN_QUOTE_WORDS = 4
"""Thresholds. ``score`` is rapidfuzz's partial ratio (0-100) of the normalised quote against the passage;
``overlap`` the share of the quote's content words (stop words dropped; a word counts as found in another form
of it, *tragic* for *tragedy*: :func:`same_word`) found in the passage. At or above ``VERBATIM`` a quote is the record's own words (punctuation and contractions aside).
It is ``close`` (same passage, other words or another translation) when the score reaches ``CLOSE`` or, for
a quote with at least ``MIN_CONTENT_WORDS`` content words, the overlap reaches ``OVERLAP``. Otherwise it is
``not found``. Quotes under ``MIN_QUOTE_WORDS`` words are ``phrase``s (a word or two in quotation marks),
reported apart, because one word matches somewhere by chance. The coverage notebook shows the examples
the thresholds were set on."""

SPEECH_VERBS = (r"said|says|say|told|tells|asked|asking|added|adds|stressed|insisted|noted|replied|declared|warned|urged|"
                r"asserted|emphasi[sz]ed|described|called|thanked|stated|explained|suggested|acknowledged|"
                r"saying|adding|calling|describing|warning|urging|stressing")
QUOTE_PATTERNS = [
    re.compile(r"“(?P<q>[^“”]+?)”", re.S),
    re.compile(r'"(?P<q>[^"]+?)"', re.S),
    re.compile(r"‘(?P<q>(?:[^‘’]|’(?=[A-Za-z]))+?)’(?![A-Za-z])", re.S),
]
SOURCE_PATTERN = re.compile(r"according to (?P<phrase>[^.,;“”\"]{1,60})")
AGENCIES = re.compile(r"\b(TASS|RIA(?: Novosti)?|Interfax|Reuters|AP|AFP|Kremlin|Xinhua)\b")


def source_named(sentence: str) -> str:
    """The source in an "according to ..." phrase: a known agency, else the phrase's last capitalised words."""
    match = SOURCE_PATTERN.search(sentence)
    if not match:
        return ""
    agency = AGENCIES.search(match["phrase"])
    if agency:
        return agency.group(1)
    names = re.findall(r"[A-Z][\w-]+(?: [A-Z][\w-]+)*", match["phrase"])
    return names[-1] if names else match["phrase"].strip()


def read_news_names(data_dir: Path | str | None = None) -> pd.DataFrame:
    """How news reports name the speakers they quote (``phrase, speaker``; data/README.md)."""
    path = paths.data_file(paths.NEWS_NAMES_FILE, data_dir)
    return read_table(path, ["phrase", "speaker"]).drop(columns=[LINE])


def read_occasion_cues(data_dir: Path | str | None = None) -> pd.DataFrame:
    """The phrases that say a quote comes from another occasion (``phrase, occasion, example``; data/README.md)."""
    path = paths.data_file(paths.OCCASION_CUES_FILE, data_dir)
    table = read_declared(path, Problems()).drop(columns=[LINE])  # a phrase may not be empty or listed twice
    return table.assign(phrase=table["phrase"].str.strip())


def occasion_cues_in(text: str, cues: pd.DataFrame) -> str:
    """The cue phrases found in ``text`` (case-insensitive, whole words, any run of spaces between words),
    ``;``-separated in the order of the cue file: kept as data so that a reader sees why a quote was set apart."""
    found = [phrase for phrase in cues["phrase"]
             if re.search(r"(?<!\w)" + r"\s+".join(map(re.escape, phrase.split())) + r"(?!\w)", text, re.I)]
    return ";".join(found)


def speaker_patterns(corpus: Corpus, names: pd.DataFrame) -> list[tuple[re.Pattern, str]]:
    """(pattern, speaker) pairs for naming a leader in news text: descriptive phrases first, then surnames."""
    pairs = [(re.compile(rf"(?<!\w){re.escape(p)}(?!\w)", re.I), s) for p, s in zip(names["phrase"], names["speaker"])]
    for speaker in corpus.speakers_in("principal"):
        pairs.append((re.compile(rf"\b{re.escape(speaker.split()[-1])}\b"), speaker))
    return pairs


def named_leaders(text: str, patterns: list[tuple[re.Pattern, str]]) -> list[tuple[int, int, str]]:
    """Every mention of a leader: (start, end, speaker), in order, overlapping mentions merged."""
    found = sorted((m.start(), m.end(), s) for p, s in patterns for m in p.finditer(text))
    merged: list[tuple[int, int, str]] = []
    for start, end, speaker in found:
        if merged and start < merged[-1][1]:
            continue
        merged.append((start, end, speaker))
    return merged


def quotes(corpus: Corpus, names: pd.DataFrame | None = None, cues: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per quoted span in the news documents: ``doc_id, speaker, text, start_char, end_char,
    attribution`` (plus ``source``, ``n_words``, ``event``, and ``context`` and ``occasion_cue`` by the occasion
    rule). Offsets point into the raw file."""
    names = names if names is not None else read_news_names(corpus.data_dir)
    cues = cues if cues is not None else read_occasion_cues(corpus.data_dir)
    patterns = speaker_patterns(corpus, names)
    rows = []
    for doc in corpus.documents[corpus.documents["kind"] == "news"].itertuples():
        raw = corpus.raw_text(doc.doc_id)
        excluded = corpus.exclusions[corpus.exclusions["doc_id"] == doc.doc_id]
        text = blank_out(raw, zip(excluded["start_char"], excluded["end_char"]))
        spans = sorted({(m.start("q"), m.end("q")) for p in QUOTE_PATTERNS for m in p.finditer(text)
                        if "\n\n" not in m.group("q")})
        spans = [s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]
        mentions = [m for m in named_leaders(text, patterns) if not any(a <= m[0] < b for a, b in spans)]
        unquoted = blank_out(text, spans)  # the reporter's own words: cues inside quotes do not count
        said_in_paragraph: dict[int, str] = {}
        for start, end in spans:
            speaker, attribution = attribute(text, start, end, mentions)
            paragraph = paragraph_bounds(text, start, end)[0]
            if attribution.startswith("paragraph is about") and paragraph in said_in_paragraph:
                speaker, attribution = said_in_paragraph[paragraph], "continues the quote before"
            elif speaker and not attribution.startswith("paragraph is about"):
                said_in_paragraph[paragraph] = speaker
            source = source_named(sentence_around(text, start, end))
            lead, stop = lead_in_bounds(text, start, end)
            rows.append({"doc_id": doc.doc_id, "event": doc.event, "speaker": speaker, "text": raw[start:end],
                         "start_char": start, "end_char": end, "attribution": attribution,
                         "source": source, "n_words": count_words(raw[start:end]),
                         "context": " ".join(text[lead:stop].split()),
                         "occasion_cue": occasion_cues_in(unquoted[lead:stop], cues)})
    columns = ["doc_id", "event", "speaker", "text", "start_char", "end_char", "attribution", "source", "n_words",
               "context", "occasion_cue"]
    return pd.DataFrame(rows, columns=columns)


def blank_out(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """The text with the given spans replaced by spaces (offsets stay valid)."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    return left, len(text) if right < 0 else right


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end of the news sentence around ``[start, end)``, inside its paragraph."""
    left, right = paragraph_bounds(text, start, end)
    before = text[left:start]
    cut = max(before.rfind(". "), before.rfind("? "), before.rfind("! "))
    after = text[end:right]
    stop = re.search(r"[.?!](?:\s|$)", after)
    return left + cut + 1 if cut >= 0 else left, end + (stop.end() if stop else len(after))


def sentence_around(text: str, start: int, end: int) -> str:
    first, last = sentence_bounds(text, start, end)
    return text[first:last]


def lead_in_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The quote's sentence and the one before it in the paragraph: reports often name the occasion first
    ("Speaking to Fox News on his way to Alaska, Trump said ... . “I wouldn't be thrilled,” he said")."""
    first, last = sentence_bounds(text, start, end)
    left, _ = paragraph_bounds(text, start, end)
    if first > left:
        first = sentence_bounds(text, first - 1, first - 1)[0]
    return first, last


def paragraph_subject(text: str, position: int, mentions: list[tuple[int, int, str]]) -> str:
    """The leader a paragraph is about: the first one it names, or, when it opens with "He"/"She", the
    subject of the paragraph before."""
    left, right = paragraph_bounds(text, position, position)
    if re.match(r"\s*(?:He|She)\b", text[left:right]) and left > 0:
        return paragraph_subject(text, max(left - 2, 0), mentions)
    named = [m for m in mentions if left <= m[0] < right]
    return named[0][2] if named else ""


def attribute(text: str, start: int, end: int, mentions: list[tuple[int, int, str]]) -> tuple[str, str]:
    """(speaker, attribution phrase) for the quote at ``[start, end)`` by the rule in the module docstring."""
    left, right = paragraph_bounds(text, start, end)
    after = text[end:min(right, end + 80)]
    before = text[max(left, start - 80):start]
    subject = rf"(?P<subject>he|she|He|She|{OTHER_SUBJECTS}|[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){{0,3}}|the [\w. ]{{3,40}}?)"
    # after the quote: its closing mark, then a comma or a space, never a full stop (that starts a new sentence)
    verb_after = re.match(rf"^[”\"’]*(?:,\s*|\s+){subject}\s+(?:{SPEECH_VERBS})\b[^.,;]*", after)
    verb_after_inverted = re.match(rf"^[”\"’]*(?:,\s*|\s+)(?:{SPEECH_VERBS})\s+{subject}", after)
    verb_before = re.search(rf"{subject}\s+(?:[\w]+\s+){{0,3}}?(?:{SPEECH_VERBS})\b[^“\"‘.]*[“\"‘]?$", before)
    for match, offset in ((verb_after, end), (verb_after_inverted, end), (verb_before, start - len(before))):
        if not match:
            continue
        phrase = " ".join(match.group(0).strip(" ,”\"’“‘").split())
        subject_text = match["subject"]
        if subject_text.lower() in ("he", "she"):
            speaker = last_subject_before(text, start, mentions) or paragraph_subject(text, start, mentions)
            if speaker:
                return speaker, phrase
            continue
        named = [m for m in mentions if offset + match.start("subject") <= m[0] < offset + match.end("subject")]
        if named:
            return named[0][2], phrase
        if re.fullmatch(OTHER_SUBJECTS, subject_text):
            return "", phrase  # said by someone who is not a leader (reporters asked ...)
    subject_of_paragraph = paragraph_subject(text, start, mentions)
    return subject_of_paragraph, (f"paragraph is about {subject_of_paragraph}" if subject_of_paragraph else "")


OTHER_SUBJECTS = r"reporters|journalists|officials|aides|critics|analysts|both"
PRESS_SUBJECTS = re.compile(r"\b(?:reporters|journalists)\b")
NOT_IN_RECORD_SUBJECTS = re.compile(r"\b(?:officials|aides|critics|analysts)\b")


def searched_turns(windows: pd.DataFrame, speaker: str, attribution: str) -> pd.DataFrame:
    """The passages a quote is looked for in, as a reader would look: a quote the report gives to no leader but
    to reporters ("reporters asked whether he would “…”") only in the journalists' turns, one it gives to
    officials, aides, critics or analysts nowhere (they do not speak in the record); any other quote in every
    turn of its event (a leader's quote is then narrowed to the leader's turns, or not: see the callers)."""
    attribution = attribution or ""
    if speaker:
        return windows
    if PRESS_SUBJECTS.search(attribution):
        return windows[windows["role"] == "journalist"]
    if NOT_IN_RECORD_SUBJECTS.search(attribution):
        return windows.iloc[0:0]
    return windows


def last_subject_before(text: str, start: int, mentions: list[tuple[int, int, str]]) -> str:
    """The leader last named in subject position (at most three words after the start of a sentence or of
    the paragraph) before ``start`` in the same paragraph."""
    left, _ = paragraph_bounds(text, start, start)
    found = ""
    for m_start, _, speaker in mentions:
        if left <= m_start < start:
            lead = re.split(r"[.!?:;]\s", text[left:m_start])[-1]
            lead_start = m_start - len(lead)
            earlier_in_sentence = any(lead_start <= other < m_start for other, _, _ in mentions)
            if len(lead.split()) <= 3 and not earlier_in_sentence:
                found = speaker
    return found


# --- alignment to the record -------------------------------------------------------------------------

CONTRACTIONS = [(r"\bwon't\b", "will not"), (r"\bcan't\b", "cannot"), (r"n't\b", " not"), (r"'m\b", " am"),
                (r"'re\b", " are"), (r"'ve\b", " have"), (r"'ll\b", " will"), (r"'d\b", " would"),
                (r"\b(it|that|what|there|he|she|here)'s\b", r"\1 is")]


def normalise_for_matching(text: str) -> str:
    """Lower case, one kind of apostrophe, contractions written out, punctuation removed, spaces collapsed."""
    text = text.lower().replace("’", "'").replace("‘", "'").replace("–", " ").replace("—", " ")
    for pattern, replacement in CONTRACTIONS:
        text = re.sub(pattern, replacement, text)
    text = re.sub(r"[^\w\s']", " ", text)
    return " ".join(text.split())


def record_windows(sentences: pd.DataFrame, width: int = 4) -> pd.DataFrame:
    """Runs of 1 to ``width`` consecutive sentences within a turn: the passages a quote can render. Four, so that
    a quote of three sentences that leaves one record sentence out between them is still one passage."""
    rows = []
    for (doc_id, turn), part in sentences.groupby(["doc_id", "turn"], sort=False):
        part = part.sort_values("position")
        texts, positions = part["text"].tolist(), part["position"].tolist()
        for i in range(len(texts)):
            for size in range(1, width + 1):
                if i + size <= len(texts):
                    rows.append({"doc_id": doc_id, "event": part["event"].iloc[0], "speaker": part["speaker"].iloc[0],
                                 "role": part["role"].iloc[0], "turn": turn, "first": positions[i], "last": positions[i + size - 1],
                                 "text": " ".join(texts[i:i + size])})
    table = pd.DataFrame(rows)
    table["normalised"] = table["text"].map(normalise_for_matching)
    return table


STOP = frozenset("""a an the and or but if of to in on at by for with from as is are was were be been being it its
this that these those there here we our us i my me you your he him his she her they them their what which who
whom will would shall should can could may might must do does did have has had having not no so than then too
very just also all any some such one about into over after before up down out more most other only own same both
each few""".split())
"""Function words, auxiliaries included (``have`` as well as ``do``): they carry no content of their own."""

INFLECTIONS = ("'s", "'", "ing", "ed", "es", "s")
"""Endings cut off a content word before words are compared, when three letters or more remain."""

MIN_SHARED_PREFIX = 4
SHARED_PREFIX_SHARE = 2 / 3
"""Two content words are the same word in another form (another translation's *tragic* for *tragedy*, *secured*
for *security*) when they begin with the same ``MIN_SHARED_PREFIX`` letters or more and those letters are at least
``SHARED_PREFIX_SHARE`` of the shorter word; *interested* and *international* share five letters of eight and
stay apart."""

MIN_SHARED_TO_CREDIT = 2
"""A record sentence of the chosen passage is credited to a quote when it shares this many of the quote's content
words (all of them for a quote with fewer), or matches it closely on its own: one shared word (*Russia*,
*Ukraine*) is found in a neighbouring sentence by chance, as it is for a one-word phrase."""


def content_words(text: str) -> set[str]:
    """The content words of normalised text: not a stop word, three letters or more, an inflection cut off
    (:data:`INFLECTIONS`)."""
    words = set()
    for word in text.split():
        if word in STOP or len(word) <= 2:
            continue
        for ending in INFLECTIONS:
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                word = word[:-len(ending)]
                break
        words.add(word)
    return words


def same_word(first: str, second: str) -> bool:
    """Whether two content words are one word in two forms (see :data:`MIN_SHARED_PREFIX`)."""
    if first == second:
        return True
    shared = len(os.path.commonprefix([first, second]))
    return shared >= MIN_SHARED_PREFIX and shared >= SHARED_PREFIX_SHARE * min(len(first), len(second))


def shared_words(words: set[str], other: set[str]) -> int:
    """How many of ``words`` have the same word (:func:`same_word`) among ``other``."""
    by_start: dict[str, list[str]] = {}
    for word in other:
        by_start.setdefault(word[:MIN_SHARED_PREFIX], []).append(word)
    return sum(word in other or any(same_word(word, candidate) for candidate in by_start.get(word[:MIN_SHARED_PREFIX], ()))
               for word in words)


FOUND = ("verbatim", "close")
"""The fidelity classes of a quote that renders the record (``not found`` and ``other occasion`` do not)."""

FIDELITY_CLASSES = [*FOUND, "not found", "other occasion"]
"""Every class :func:`align` gives a quote, from the most faithful to the least (the order of the figures)."""

NO_MATCH = {"score": 0.0, "overlap": 0.0, "content_words": 0, "match_doc": "", "match_first": -1, "match_last": -1,
            "match_text": ""}


def best_passage(needle: str, pool: pd.DataFrame, sentences: pd.DataFrame) -> dict:
    """The passage of ``pool`` (rows of :func:`record_windows`) that best renders the normalised ``needle``:
    ``score``, ``overlap``, ``content_words``, ``match_doc``, ``match_first``, ``match_last`` (the sentences the
    needle itself renders), ``match_text``, plus ``combined`` (score / 100 + overlap, for comparing pools) and
    ``match_speaker``. One rule for whole quotes and for their sentences, so that the two agree.

    The passage must be at least as long as the needle when any is; among passages within ``NEAR_BEST`` of the
    best combined value the shortest, then earliest, wins (a longer one only when it adds real evidence).
    """
    if pool.empty or not needle:
        return {**NO_MATCH, "combined": 0.0, "match_speaker": ""}
    long_enough = pool[pool["normalised"].str.len() >= len(needle)]
    pool = long_enough if len(long_enough) else pool  # the quote must fit inside the passage
    scores = np.array([fuzz.partial_ratio(needle, hay) for hay in pool["normalised"]])
    words = content_words(needle)
    overlaps = np.array([shared_words(words, content_words(hay)) / len(words) if words else 0.0
                         for hay in pool["normalised"]])
    combined = scores / 100 + overlaps
    lengths = pool["normalised"].str.len().to_numpy()
    near_best = combined >= combined.max() - NEAR_BEST
    best = np.lexsort((pool["first"].to_numpy(), lengths, ~near_best))[0]
    match = pool.iloc[best]
    first, last = credited_sentences(needle, words, match, sentences)
    return {"score": float(scores[best]), "overlap": float(overlaps[best]), "content_words": len(words),
            "match_doc": match["doc_id"], "match_first": first, "match_last": last, "match_text": match["text"],
            "combined": float(combined[best]), "match_speaker": match["speaker"]}


def fidelity_class(score, overlap, content_words, verbatim: float = VERBATIM, close: float = CLOSE,
                   overlap_threshold: float = OVERLAP) -> np.ndarray:
    """``verbatim``, ``close`` or ``not found`` by the thresholds (arrays or single values)."""
    score, overlap, content_words = np.asarray(score), np.asarray(overlap), np.asarray(content_words)
    same_content = (content_words >= MIN_CONTENT_WORDS) & (overlap >= overlap_threshold)
    return np.select([score >= verbatim, (score >= close) | same_content], ["verbatim", "close"], "not found")


def align(quote_table: pd.DataFrame, sentences: pd.DataFrame, verbatim: float = VERBATIM,
          close: float = CLOSE, overlap: float = OVERLAP) -> pd.DataFrame:
    """Each quote with its best-matching passage of the record (same event; the quoted speaker's turns when
    the speaker is known) and its class: ``verbatim``, ``close``, ``not found``, or ``other occasion`` (not
    found, and its ``occasion_cue`` names another occasion: see the module docstring).

    The score is rapidfuzz's partial ratio of the normalised quote against the normalised passage: how well
    the quote matches the best part of the passage (:func:`best_passage`).
    """
    windows = record_windows(sentences)
    rows = []
    for quote in quote_table.itertuples():
        pool = searched_turns(windows[windows["event"] == quote.event], quote.speaker,
                              getattr(quote, "attribution", ""))
        if quote.speaker:
            pool = pool[pool["speaker"] == quote.speaker]
        match = best_passage(normalise_for_matching(quote.text), pool, sentences)
        rows.append({k: v for k, v in match.items() if k in NO_MATCH})
    aligned = pd.concat([quote_table.reset_index(drop=True), pd.DataFrame(rows, columns=list(NO_MATCH))], axis=1)
    aligned["fidelity"] = fidelity_class(aligned["score"], aligned["overlap"], aligned["content_words"],
                                         verbatim, close, overlap)
    if "occasion_cue" in aligned:
        elsewhere = (aligned["fidelity"] == "not found") & (aligned["occasion_cue"].fillna("") != "")
        aligned.loc[elsewhere, "fidelity"] = "other occasion"
    aligned["kind"] = np.where(aligned["n_words"] >= MIN_QUOTE_WORDS, "quote", "phrase")
    return aligned


def fidelity_counts(aligned: pd.DataFrame) -> pd.DataFrame:
    """Per report (``doc_id``) and ``kind`` (quote or phrase): the number of quotes in each class, a column per
    class of :data:`FIDELITY_CLASSES` (0 where none)."""
    return (aligned.groupby(["doc_id", "kind", "fidelity"]).size().unstack("fidelity", fill_value=0)
            .reindex(columns=FIDELITY_CLASSES, fill_value=0).reset_index())


NEAR_BEST = 0.05


def credited_sentences(needle: str, words: set[str], window: pd.Series, sentences: pd.DataFrame) -> tuple[int, int]:
    """The first and last sentence of the chosen passage that the quote itself renders: a sentence counts
    when it shares :data:`MIN_SHARED_TO_CREDIT` of the quote's content words ``words`` or matches it closely on
    its own."""
    doc = sentences[(sentences["doc_id"] == window["doc_id"]) & sentences["position"].between(window["first"], window["last"])]
    hits = []
    for position, text in zip(doc["position"], doc["text"]):
        normalised = normalise_for_matching(text)
        enough = min(MIN_SHARED_TO_CREDIT, len(words))
        if (enough and shared_words(words, content_words(normalised)) >= enough
                or fuzz.partial_ratio(needle, normalised) >= CLOSE):
            hits.append(int(position))
    return (min(hits), max(hits)) if hits else (int(window["first"]), int(window["last"]))


def leader_quotes_found(aligned: pd.DataFrame) -> pd.DataFrame:
    """The quotes that render the record: four words or more, attributed to a leader, verbatim or close."""
    return aligned[aligned["fidelity"].isin(FOUND) & (aligned["kind"] == "quote") & (aligned["speaker"] != "")]


def news_reports_per_event(documents: pd.DataFrame) -> pd.Series:
    """How many news reports the corpus holds per event (``documents`` as ``corpus.documents``)."""
    return documents[documents["kind"] == "news"].groupby("event")["doc_id"].nunique()


def coverage_map(aligned: pd.DataFrame, sentences: pd.DataFrame, pieces: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every record sentence of the events covered by the news, with how many quotes and reports render it:
    quotes of four words or more, attributed to a leader, classed verbatim or close (phrases are left out).

    With ``pieces`` (:func:`quote_sentences`, with its sentence-level ``fidelity``), a quote renders the record
    sentences its own sentences were matched to, so a spliced quote does not credit the sentences it skipped;
    without, every sentence from the quote's first match to its last."""
    found = leader_quotes_found(aligned)
    covered = sentences[sentences["event"].isin(set(aligned["event"]))][
        ["doc_id", "event", "turn", "position", "speaker", "role", "n_words", "text"]].copy()
    quote_count = dict.fromkeys(zip(covered["doc_id"], covered["position"]), 0)
    reports: dict[tuple[str, int], set] = {key: set() for key in quote_count}
    for index, row in found.iterrows():
        if pieces is not None:
            rendered = pieces[(pieces["quote"] == index) & pieces["fidelity"].isin(FOUND)]
            ranges = list(zip(rendered["match_doc"], rendered["match_first"], rendered["match_last"]))
        else:
            ranges = [(row["match_doc"], row["match_first"], row["match_last"])]
        keys = {(doc, position) for doc, first, last in ranges for position in range(int(first), int(last) + 1)}
        for key in keys & set(quote_count):
            quote_count[key] += 1
            reports[key].add(row["doc_id"])
    keys = list(zip(covered["doc_id"], covered["position"]))
    covered["quotes"] = [quote_count[k] for k in keys]
    covered["reports"] = [len(reports[k]) for k in keys]
    return covered.reset_index(drop=True)


def topic_emphasis(aligned: pd.DataFrame, assigned: pd.DataFrame) -> pd.DataFrame:
    """Per quoted leader and topic: the topic's share of the leader's words in the record (at the events
    covered) against its share of the words of the quotes that render the record (quotes of four words or
    more, verbatim or close), each quote counted under the topic of the first record sentence it renders."""
    found = aligned[aligned["fidelity"].isin(FOUND) & (aligned["kind"] == "quote")]
    quoted = found.assign(topic=quote_topics(found, assigned))
    rows = []
    for speaker in [s for s in dict.fromkeys(found["speaker"]) if s]:
        events = set(found.loc[found["speaker"] == speaker, "event"])
        record = assigned[(assigned["speaker"] == speaker) & assigned["event"].isin(events)]
        record_share = record.groupby("topic")["n_words"].sum() / record["n_words"].sum()
        mine = quoted[quoted["speaker"] == speaker]
        coverage_share = mine.groupby("topic")["n_words"].sum() / mine["n_words"].sum()
        for topic in sorted(set(record_share.index) | set(coverage_share.index)):
            rows.append({"speaker": speaker, "topic": topic, "record_share": float(record_share.get(topic, 0.0)),
                         "coverage_share": float(coverage_share.get(topic, 0.0)),
                         "quoted_words": int(mine.loc[mine["topic"] == topic, "n_words"].sum())})
    return pd.DataFrame(rows, columns=["speaker", "topic", "record_share", "coverage_share", "quoted_words"])


def topic_source_note(sentences: pd.DataFrame, speakers, events) -> str:
    """A sentence saying whose topics the emphasis counts: reader A's where sentences were coded
    (:func:`analysis.topics.with_reader_topics`), the codebook's, uncorrected, elsewhere; per leader, at the
    ``events`` covered, computed."""
    if "topic_source" not in sentences.columns:
        return "Topics are the codebook's, as assigned, without the correction for its measured errors."
    parts = []
    for speaker in speakers:
        mine = sentences[(sentences["speaker"] == speaker) & sentences["event"].isin(set(events))]
        coded = int((mine["topic_source"] == "reader A").sum())
        parts.append(f"{speaker}: {coded} of {len(mine)} sentences")
    return ("Topics are those a language-model reader (reader A, given only the written codebook) gave the sentences "
            f"it coded ({'; '.join(parts)}) and the codebook's, uncorrected, for the others; so the record's shares "
            "differ from the corrected estimates of the topic-share figure, which also correct the uncoded sentences.")


def quote_topics(quotes: pd.DataFrame, assigned: pd.DataFrame) -> list[str]:
    """Each quote's topic: the topic of the first record sentence it renders (``match_doc``, ``match_first``) in
    ``assigned`` (sentences with their ``topic``), ``none`` for a quote that renders no sentence there."""
    topic_of = assigned.set_index(["doc_id", "position"])["topic"]
    return [topic_of.get((d, p), NONE) for d, p in zip(quotes["match_doc"], quotes["match_first"])]


def quoted_totals(aligned: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Per quoted leader (index ``speaker``, in order of first quote): the ``quotes`` that render the record
    (:func:`leader_quotes_found`), the ``quoted_words`` in them, and the leader's ``record_words`` at the events
    those quotes come from: what the shares of :func:`topic_emphasis` rest on."""
    found = leader_quotes_found(aligned)
    totals = found.groupby("speaker", sort=False).agg(quotes=("text", "size"), quoted_words=("n_words", "sum"))
    totals["record_words"] = [
        int(sentences.loc[(sentences["speaker"] == s) & sentences["event"].isin(set(found.loc[found["speaker"] == s, "event"])),
                          "n_words"].sum()) for s in totals.index]
    return totals


# --- each comparison of data/comparison.csv -----------------------------------------------------------------

COMPARISON_COVERAGE_COLUMNS = ["comparison", "event", "speaker", "news_reports", "quotes_found", "quoted_words",
                               "record_words"]


def comparison_coverage(pair: Comparison, aligned: pd.DataFrame, sentences: pd.DataFrame,
                        documents: pd.DataFrame) -> pd.DataFrame:
    """Each side of a comparison in the coverage: the news reports of its event in the corpus, the quotes of its
    speaker there that render the record (:func:`leader_quotes_found`), the words they hold, and the speaker's
    record words at the event. A side with no report, or no quote found, cannot be compared on coverage."""
    reports, found = news_reports_per_event(documents), leader_quotes_found(aligned)
    rows = []
    for event, speaker in pair.sides:
        mine = found[(found["event"] == event) & (found["speaker"] == speaker)]
        rows.append({"comparison": pair.id, "event": event, "speaker": speaker,
                     "news_reports": int(reports.get(event, 0)), "quotes_found": len(mine),
                     "quoted_words": int(mine["n_words"].sum()),
                     "record_words": int(sentences.loc[(sentences["event"] == event) & (sentences["speaker"] == speaker),
                                                       "n_words"].sum())})
    return pd.DataFrame(rows, columns=COMPARISON_COVERAGE_COLUMNS)


def comparison_emphasis(pair: Comparison, aligned: pd.DataFrame, assigned: pd.DataFrame) -> pd.DataFrame:
    """:func:`topic_emphasis` of each side of a comparison on its own (its speaker's quotes and record at its
    event), with ``event`` first; empty unless both sides have quotes that render the record, as a comparison of
    coverage needs both."""
    sides = [topic_emphasis(aligned[(aligned["event"] == event) & (aligned["speaker"] == speaker)], assigned)
             for event, speaker in pair.sides]
    if any(side.empty for side in sides):
        return pd.DataFrame(columns=["comparison", "event", *sides[0].columns])
    return pd.concat([side.assign(event=event, comparison=pair.id) for side, (event, _) in zip(sides, pair.sides)],
                     ignore_index=True)[["comparison", "event", *sides[0].columns]]


def comparison_coverage_sentence(table: pd.DataFrame, event_names: dict[str, str]) -> str:
    """What :func:`comparison_coverage`'s table allows, in one sentence computed from it: which side lacks
    reports or quotes, or that both sides can be compared."""
    missing = [f"no news report of {event_names[r.event]} is in the corpus" if r.news_reports == 0 else
               f"the {r.news_reports} report(s) of {event_names[r.event]} quote {r.speaker} in no passage found "
               "in the record" for r in table.itertuples() if r.quotes_found == 0]
    if missing:
        return ("Coverage cannot compare the two sides: " + "; ".join(missing) + ". Add news reports of the event "
                "(rows of kind news in data/corpus.csv, as the README's steps for adding a transcript say) and rerun.")
    return " and ".join(f"{r.quotes_found} quote(s) of {r.speaker} ({r.quoted_words} words) in {r.news_reports} "
                        f"report(s) of {event_names[r.event]}" for r in table.itertuples()) + " are compared below."


# --- sentence by sentence ----------------------------------------------------------------------------

OTHER_SPEAKER_MARGIN = 0.25
"""A quote sentence is credited to another speaker's words only when that speaker's best passage is itself
verbatim or close and beats the quoted leader's own best passage by more than this much on the combined scale
(score / 100 + overlap, 0 to 2): a tie, or a near one, stays with the speaker the report names."""


def split_quote(text: str, abbreviations: frozenset[str]) -> list[str]:
    """The sentences of a quote by the corpus's own rule (:func:`analysis.text.split_sentences`), so that quote
    sentences and record sentences are the same kind of unit (VADER saturates on longer text)."""
    return split_sentences(normalise_text(text), abbreviations) or [text]


def match_sentence(needle: str, speaker: str, event_windows: pd.DataFrame, sentences: pd.DataFrame,
                   margin: float = OTHER_SPEAKER_MARGIN) -> dict:
    """The best passage for one quote sentence: in the quoted leader's turns, unless another speaker's words at
    the event render it clearly better (by more than ``margin``, and verbatim or close). Searching every
    speaker is what lets words moved from one leader to another be seen."""
    anyone = best_passage(needle, event_windows, sentences)
    if not speaker:
        return anyone
    own = best_passage(needle, event_windows[event_windows["speaker"] == speaker], sentences)
    other_found = fidelity_class(anyone["score"], anyone["overlap"], anyone["content_words"]) != "not found"
    if anyone["match_speaker"] != speaker and other_found and anyone["combined"] > own["combined"] + margin:
        return anyone
    return own


def quote_sentences(aligned: pd.DataFrame, sentences: pd.DataFrame, abbreviations: frozenset[str],
                    margin: float = OTHER_SPEAKER_MARGIN) -> pd.DataFrame:
    """One row per sentence of each quote (``quote`` is the row of ``aligned``; ``sentence`` counts from 0), with
    the record passage it renders by :func:`match_sentence`, its own class (``fidelity``: verbatim, close, not
    found), and reference-VADER ``compound`` of the quote sentence and ``match_compound``, the mean compound of
    the record sentences it renders (empty when not found). Scoring both sides sentence by sentence is the like
    for like: a whole quote of two or three sentences scored as one text saturates."""
    windows = record_windows(sentences)
    rows = []
    for number, quote in enumerate(aligned.itertuples()):
        event_windows = searched_turns(windows[windows["event"] == quote.event], quote.speaker,
                              getattr(quote, "attribution", ""))
        for index, piece in enumerate(split_quote(quote.text, abbreviations)):
            match = match_sentence(normalise_for_matching(piece), quote.speaker, event_windows, sentences, margin)
            rows.append({"quote": number, "sentence": index, "doc_id": quote.doc_id, "event": quote.event,
                         "speaker": quote.speaker, "quote_fidelity": quote.fidelity, "kind": quote.kind,
                         "text": piece, "n_words": count_words(piece),
                         **{k: v for k, v in match.items() if k != "combined"}})
    table = pd.DataFrame(rows, columns=QUOTE_SENTENCE_COLUMNS)
    table["fidelity"] = fidelity_class(table["score"], table["overlap"], table["content_words"])
    table.loc[table["fidelity"] == "not found", ["match_doc", "match_speaker", "match_text"]] = ""
    table.loc[table["fidelity"] == "not found", ["match_first", "match_last"]] = -1
    table["compound"] = vader(table)["compound"] if len(table) else pd.Series(dtype=float)
    table["match_compound"] = matched_compound(table, vader(sentences[sentences["event"].isin(set(table["event"]))]))
    return table


QUOTE_SENTENCE_COLUMNS = ["quote", "sentence", "doc_id", "event", "speaker", "quote_fidelity", "kind", "text",
                          "n_words", "score", "overlap", "content_words", "match_doc", "match_first", "match_last",
                          "match_text", "match_speaker"]


def matched_compound(table: pd.DataFrame, scored: pd.DataFrame) -> pd.Series:
    """Per quote sentence: the mean compound of the record sentences ``match_first`` to ``match_last`` of
    ``match_doc`` (NaN for a sentence not found)."""
    score_of = scored.set_index(["doc_id", "position"])["compound"]
    means = [float(np.mean([score_of[(doc, p)] for p in range(first, last + 1)])) if doc else np.nan
             for doc, first, last in zip(table["match_doc"], table["match_first"], table["match_last"])]
    return pd.Series(means, index=table.index, dtype=float)


def spliced(ranges: list[tuple[int, str, int, int]]) -> bool:
    """Whether the record passages that a quote's found sentences render fail to follow each other.

    ``ranges`` holds ``(sentence, doc, first, last)`` per found quote sentence, in quote order. A later sentence
    must start inside, or right after, the passage before it; each quote sentence between them that was not found
    may stand for one more record sentence (it may render the gap in other words). A larger gap means words
    joined from different places; going back means words moved.
    """
    for (index, doc, first, last), (next_index, next_doc, next_first, next_last) in zip(ranges, ranges[1:]):
        allowed = last + 1 + (next_index - index - 1)
        if next_doc != doc or next_first > allowed or next_last < first:
            return True
    return False


def quote_flags(aligned: pd.DataFrame, sentence_table: pd.DataFrame) -> pd.DataFrame:
    """Per quote: ``sentences``, ``sentences_found`` (verbatim or close on their own), the record sentences they
    render (``matched_positions``, ``doc:first-last`` joined by ``;``), ``matched_speakers``, and two flags:
    ``spliced`` (the found sentences render passages that do not follow each other, :func:`spliced`) and
    ``other_speaker`` (a found sentence renders words of another speaker than the one the report names).
    Only sentences found on their own count, so a sentence that renders nothing cannot make a splice."""
    rows = []
    for number in range(len(aligned)):
        mine = sentence_table[sentence_table["quote"] == number]
        found = mine[mine["fidelity"].isin(FOUND)]
        ranges = list(zip(found["sentence"], found["match_doc"], found["match_first"], found["match_last"]))
        speaker = aligned["speaker"].iloc[number]
        rows.append({"sentences": len(mine), "sentences_found": len(found),
                     "matched_positions": ";".join(f"{d}:{f}-{last}" for _, d, f, last in ranges),
                     "matched_speakers": ";".join(dict.fromkeys(found["match_speaker"])),
                     "spliced": spliced(ranges),
                     "other_speaker": bool(speaker) and bool((found["match_speaker"] != speaker).any())})
    return pd.concat([aligned.reset_index(drop=True), pd.DataFrame(rows, index=range(len(aligned)))], axis=1)


def splice_display(flags: pd.DataFrame, sentence_table: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Each spliced quote (``quote``, the row of ``flags``) beside the record sentences from the first to the last
    that its found sentences render (:func:`quote_sentences`): ``position``, ``text`` and ``rendered`` (False:
    left out of the quote). What notebook 05 shows under the flags table."""
    text_of = sentences.set_index(["doc_id", "position"])["text"]
    rows = []
    for number in np.flatnonzero(flags["spliced"].to_numpy()):
        found = sentence_table[(sentence_table["quote"] == number) & sentence_table["fidelity"].isin(FOUND)]
        doc = found["match_doc"].iloc[0]
        rendered = {p for f, last in zip(found["match_first"], found["match_last"]) for p in range(f, last + 1)}
        rows += [{"quote": int(number), "doc_id": doc, "position": position, "rendered": position in rendered,
                  "text": text_of[(doc, position)]} for position in range(min(rendered), max(rendered) + 1)]
    return pd.DataFrame(rows, columns=["quote", "doc_id", "position", "rendered", "text"])


def flagged(flags: pd.DataFrame) -> pd.DataFrame:
    """The quotes a reader should look at: spliced, words of another speaker, or from another occasion."""
    keep = flags["spliced"] | flags["other_speaker"] | (flags["fidelity"] == "other occasion")
    columns = ["doc_id", "event", "speaker", "kind", "fidelity", "spliced", "other_speaker", "occasion_cue",
               "matched_positions", "matched_speakers", "text", "context"]
    return flags.loc[keep, [c for c in columns if c in flags]].reset_index(drop=True)


TONE_COLUMNS = ["occasion", "speaker", "doc_id", "quotes", "quote_sentences", "sentences_found",
                "mean_quote_sentence", "mean_matched_record", "gap", "mean_quote_whole", "record_sentences",
                "mean_record"]


def tone(aligned: pd.DataFrame, sentence_table: pd.DataFrame, scored: pd.DataFrame) -> pd.DataFrame:
    """Tone of the quotes against the record, like for like: per quoted leader, over all reports
    (``doc_id`` ``(all reports)``) and per report.

    Quotes of four words or more credited to a leader. ``mean_quote_sentence`` and ``mean_matched_record``
    are means over the quote sentences found in the record (verbatim or close on their own) of their compound
    and of the compound of the record sentences they render; ``gap`` is the first minus the second. For
    reference, ``mean_quote_whole`` scores each whole quote as one text (the old measure, which saturates) and
    ``mean_record`` is the mean of all the leader's record sentences at the events quoted. Quotes from another
    occasion are in rows of their own (``occasion`` = ``other occasion``), never in the event's rows.

    ``scored`` is the record's sentences with their reference-VADER ``compound``, as the annotation step scores
    every sentence of a corpus once (``annotation.annotate(corpus).sentences``). The quotes are not sentences of
    the record: whole quotes are scored here, quote sentences by :func:`quote_sentences`.
    """
    quoted = aligned[(aligned["kind"] == "quote") & (aligned["speaker"] != "")].copy()
    quoted["whole"] = vader(quoted)["compound"] if len(quoted) else pd.Series(dtype=float)
    quoted["occasion"] = np.where(quoted["fidelity"] == "other occasion", "other occasion", "event")
    pieces = sentence_table[sentence_table["quote"].isin(quoted.index)].copy()
    pieces["occasion"] = quoted.loc[pieces["quote"], "occasion"].to_numpy()
    record = scored[scored["event"].isin(set(quoted["event"]))]
    rows = []
    for occasion in ("event", "other occasion"):
        for speaker in dict.fromkeys(quoted["speaker"]):
            for doc_id in ["(all reports)", *dict.fromkeys(quoted["doc_id"])]:
                part = quoted[(quoted["occasion"] == occasion) & (quoted["speaker"] == speaker)
                              & ((quoted["doc_id"] == doc_id) | (doc_id == "(all reports)"))]
                if len(part):
                    rows.append(tone_row(occasion, speaker, doc_id, part, pieces[pieces["quote"].isin(part.index)],
                                         record))
    return pd.DataFrame(rows, columns=TONE_COLUMNS)


def tone_gap_parts(tone_table: pd.DataFrame) -> pd.DataFrame:
    """Per quoted leader (the event rows over all reports of :func:`tone`): the earlier gap, whole quotes against
    all the leader's record sentences, split into three parts that add up to it: ``gap`` (how the words were
    rendered, like for like), ``from_selection`` (the quoted record sentences against all of them) and
    ``from_unit`` (whole quotes scored as one text against their sentences)."""
    rows = tone_table[(tone_table["occasion"] == "event") & (tone_table["doc_id"] == "(all reports)")]
    return rows.assign(earlier_gap=rows["mean_quote_whole"] - rows["mean_record"],
                       from_unit=rows["mean_quote_whole"] - rows["mean_quote_sentence"],
                       from_selection=rows["mean_matched_record"] - rows["mean_record"])


def tone_row(occasion: str, speaker: str, doc_id: str, part: pd.DataFrame, pieces: pd.DataFrame,
             record: pd.DataFrame) -> dict:
    """One row of :func:`tone`: the quotes ``part``, their sentences ``pieces``, the scored ``record``."""
    found = pieces[pieces["fidelity"].isin(FOUND)] if occasion == "event" else pieces.iloc[0:0]
    own = record[(record["speaker"] == speaker) & record["event"].isin(set(part["event"]))]
    quote_mean = found["compound"].mean() if len(found) else np.nan
    record_mean = found["match_compound"].mean() if len(found) else np.nan
    return {"occasion": occasion, "speaker": speaker, "doc_id": doc_id, "quotes": len(part),
            "quote_sentences": len(pieces), "sentences_found": len(found), "mean_quote_sentence": quote_mean,
            "mean_matched_record": record_mean, "gap": quote_mean - record_mean,
            "mean_quote_whole": part["whole"].mean(), "record_sentences": len(own),
            "mean_record": own["compound"].mean() if len(own) else np.nan}

"""Topic coding: every sentence's topics by an editable codebook (``data/topics.csv``) and a context rule.

Part of the annotation step (:mod:`analysis.annotation` applies it once per corpus); the analyses of topic
share, validation, NMF and keyness are in :mod:`analysis.topics`, which re-exports this module's names.

Matching rule. A sentence and each pattern are lower-cased (``str.lower``) and read as words (``TOKEN``):
a word is a run of letters and digits, and an apostrophe (' or ’) between two such runs keeps them one word
("don't", "today’s"). Everything else separates words: spaces and line breaks, hyphens and dashes,
underscores, commas, full stops and all other punctuation. So "lend-lease" is the phrase "lend lease", and a
phrase also matches across punctuation inside the sentence ("follow-up" matches "follow up", "follow-up" and
"follow, up"); a digit glued to a word makes it another word ("war2" is not "war").

Each pattern is a word or a phrase of consecutive words. Every word must be equal, except that the last may
carry one ending (``s``, ``es``, ``ed``, ``ing``, ``d``, ``'s``, ``’s``); a pattern ending in ``*`` instead
matches any last word that starts with it (``cyber*``: cyber, cyberattacks, cyberspace). Each pattern counts
every place it matches, and patterns may overlap ("thank you" and "thank you all" both count in "thank you
all"; "thank you thank you" counts "thank you" twice).

``Matcher`` (what ``matches`` uses) applies the rule by token look-ups; ``compile_pattern`` states it as a
regular expression over ``token_text`` (the sentence's words joined by single spaces), the reference that the
tests compare the matcher with. Both read words with the one ``TOKEN``.

Assignment rule (``assign``), per transcript turn, in order:

1. Which matches count. A topic's ``patterns`` (its anchors) always count. Its ``context_patterns`` (broad words
   such as "war", "ceasefire", "NATO" that mean this topic only where it is being talked about) count only in a
   turn where one of the topic's anchors matches somewhere (a country or conflict named in the same turn).
   Matches of the ``none`` patterns (greetings, thanks) count only when no other topic's match counts.
2. A sentence with counted matches gets every such topic in ``topics``. Its primary ``topic``: topics with an
   anchor match silence every topic of a higher ``rank`` number in the sentence (subjects, rank 1, before the
   process of talking, rank 2: "I will call President Zelensky" is Ukraine, not diplomacy); of the rest, the
   one with the most matches; a tie goes to the lower rank number, then to the topic with more matches in the
   whole turn, then to the codebook's order.
3. A journalist's own introduction (the sentence holding the journalist's name) is ``none``.
4. A sentence with no match takes the topic of the nearest earlier sentence of the same turn that has a
   topic other than ``none``; failing that, of the nearest later one in the turn.
5. A turn with no topical match at all takes the most frequent topic of the nearest earlier turn that has
   one (an answer takes its question's topic); with no such turn it is ``none``. Sentences matched by
   ``none`` patterns stay ``none``.

Topic ids, labels, ranks, order and patterns all come from ``data/topics.csv``; the code knows one id only,
``none`` (no topic), which the codebook must have.
"""


from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

import pandas as pd

from . import paths
from .errors import Problems, corpus_error
from .schema import read_declared
from .tables import LINE

NONE = "none"
"""The one topic id the code knows: no topic (procedural talk). Every other id comes from the codebook."""


@dataclass(frozen=True)
class Codebook:
    table: pd.DataFrame                      # topic, label, rank, description, patterns, context_patterns
    patterns: dict[str, list[re.Pattern]]    # topic -> compiled reference patterns (``compile_pattern``)
    matcher: "Matcher"                       # the same patterns as token look-ups (what ``matches`` uses)
    context_matcher: "Matcher | None" = None  # the context patterns (count only where the turn has an anchor)

    @property
    def topics(self) -> list[str]:
        """Topic ids in codebook order (the order of every table and figure)."""
        return list(self.table["topic"])

    @property
    def labels(self) -> dict[str, str]:
        return dict(zip(self.table["topic"], self.table["label"]))

    @property
    def ranks(self) -> dict[str, int]:
        return dict(zip(self.table["topic"], self.table["rank"]))

    @property
    def content_topics(self) -> list[str]:
        """Every topic but ``none``, in codebook order."""
        return [t for t in self.topics if t != NONE]


TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
"""A word of the codebook's matching rule (see the module docstring); sentences and patterns alike."""
VARIANTS = ("", "s", "es", "ed", "ing", "d", "'s", "’s")
"""The endings the last word of a (non-prefix) pattern may carry; "" is the word itself."""


def pattern_tokens(pattern: str) -> tuple[tuple[str, ...], bool]:
    """A pattern as lower-case words (by ``TOKEN``) and whether it is a prefix (ends in ``*``)."""
    text = pattern.strip()
    return tuple(text_tokens(text.rstrip("*"))), text.endswith("*")


def text_tokens(text: str) -> list[str]:
    """A sentence's lower-cased words by ``TOKEN``: what both the matcher and the reference read."""
    return TOKEN.findall(text.lower())


def token_text(text: str) -> str:
    """A sentence as the reference regular expressions read it: its words joined by single spaces."""
    return " ".join(text_tokens(text))


def pattern_source(pattern: str) -> str:
    """A codebook pattern as regular-expression source over ``token_text`` (the rule in the module docstring).

    Words are separated by exactly one space there, so the source only has to say which words follow each
    other, what the last one may end with, and that a match starts and ends at a word's edge."""
    pattern_words, is_prefix = pattern_tokens(pattern)
    if not pattern_words:
        return "(?!)"  # no words: matches nothing (the fast matcher skips such a pattern too)
    body = " ".join(re.escape(w) for w in pattern_words)
    endings = "|".join(re.escape(v) for v in VARIANTS if v)
    return rf"(?<!\S){body}\S*" if is_prefix else rf"(?<!\S){body}(?:{endings})?(?!\S)"


def compile_pattern(pattern: str) -> re.Pattern:
    """One codebook pattern, compiled as a look-ahead so that ``findall`` on ``token_text`` returns every
    place it matches, overlapping ones included (each as the words it matched)."""
    return re.compile(rf"(?=({pattern_source(pattern)}))")


def regex_matches(text: str, codebook: "Codebook") -> Counter:
    """The reference for ``matches``: the same counts from the compiled patterns (slow; for tests)."""
    tokens = token_text(text)
    return Counter({topic: n for topic, compiled in codebook.patterns.items()
                    if (n := sum(len(p.findall(tokens)) for p in compiled))})


@dataclass(frozen=True)
class Matcher:
    """Every codebook pattern as token look-ups, so a sentence is read once, word by word.

    ``exact`` maps a token tuple (last word with each allowed ending) to the topics of the patterns that
    spell it, and ``words`` holds its entries of one word keyed by the word itself (the commonest look-up, with
    no tuple to build); ``starts`` holds the first words of patterns of several words; ``prefixes`` maps the
    first (up to) three letters of a prefix pattern's last word to (leading words, prefix, topic), and
    ``key_lengths`` lists the lengths of those keys (3, and shorter for prefixes shorter than that).
    ``wanted`` is every word that can end a one-word match or begin a phrase: a sentence's other words are
    skipped after one set look-up (most words of a sentence match nothing)."""

    exact: dict[tuple[str, ...], list[str]]
    starts: frozenset[str]
    prefixes: dict[str, list[tuple[tuple[str, ...], str, str]]]
    key_lengths: tuple[int, ...]
    longest: int
    words: dict[str, list[str]]
    wanted: frozenset[str]

    def count(self, text: str) -> Counter:
        """Matches per topic in one sentence (the rule in the module docstring)."""
        return Counter(self.count_tokens(text_tokens(text)))

    def candidates(self, tokens: list[str]) -> list[int]:
        """Positions of the tokens where a match can be found: a word in ``wanted``, or one that starts like a
        prefix pattern's key. Every match ends on such a one-word token or starts on such a phrase start, so
        skipping the others changes no count; the common case of keys of three letters is one slice."""
        wanted, keys = self.wanted, self.prefixes
        if self.key_lengths == (3,):
            return [i for i, token in enumerate(tokens) if token in wanted or token[:3] in keys]
        lengths = self.key_lengths
        return [i for i, token in enumerate(tokens) if token in wanted or any(token[:k] in keys for k in lengths)]

    def count_tokens(self, tokens: list[str]) -> dict[str, int]:
        """Matches per topic in a sentence's tokens (``text_tokens``), in the order first found."""
        found: dict[str, int] = {}
        for i in self.candidates(tokens):
            token = tokens[i]
            for topic in self.words.get(token, ()):
                found[topic] = found.get(topic, 0) + 1
            if token in self.starts:
                for n in range(2, min(self.longest, len(tokens) - i) + 1):
                    for topic in self.exact.get(tuple(tokens[i:i + n]), ()):
                        found[topic] = found.get(topic, 0) + 1
            for k in self.key_lengths:
                if k > len(token):
                    break
                for lead, prefix, topic in self.prefixes.get(token[:k], ()):
                    if token.startswith(prefix) and i >= len(lead) and tuple(tokens[i - len(lead):i]) == lead:
                        found[topic] = found.get(topic, 0) + 1
        return found


def build_matcher(patterns: dict[str, list[str]]) -> Matcher:
    """The patterns of each topic (codebook spelling) as a ``Matcher``."""
    exact: dict[tuple[str, ...], list[str]] = {}
    prefixes: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    starts, longest = set(), 1
    for topic, ps in patterns.items():
        for pattern in ps:
            tokens, is_prefix = pattern_tokens(pattern)
            if not tokens:
                continue
            if is_prefix:
                prefixes.setdefault(tokens[-1][:3], []).append((tokens[:-1], tokens[-1], topic))
                continue
            for ending in VARIANTS:
                exact.setdefault(tokens[:-1] + (tokens[-1] + ending,), []).append(topic)
            if len(tokens) > 1:
                starts.add(tokens[0])
                longest = max(longest, len(tokens))
    key_lengths = tuple(sorted({len(key) for key in prefixes}))
    words = {key[0]: topics for key, topics in exact.items() if len(key) == 1}
    return Matcher(exact, frozenset(starts), prefixes, key_lengths, longest, words, frozenset(words) | starts)


def split_patterns(value: str) -> list[str]:
    return [p for p in value.split(";") if p.strip()]


def read_codebook(data_dir: Path | str | None = None) -> Codebook:
    """Read and check the codebook ``topics.csv`` of a data folder (its declared schema, a ``none`` row, patterns
    that have words)."""
    path = paths.data_file(paths.TOPICS_FILE, data_dir)
    table = read_declared(path, Problems())
    for row in table.to_dict("records"):
        for column in ("patterns", "context_patterns"):
            empty = [p for p in split_patterns(row[column]) if not pattern_tokens(p)[0]]
            if empty:
                raise corpus_error(path, f"topic {row['topic']!r} has a pattern with no words in {column}: "
                                   f"{empty[0]!r}", "write words or phrases separated by ';'", line=row[LINE])
    if NONE not in set(table["topic"]):
        raise corpus_error(path, f"no row for the topic {NONE!r} (no topic: greetings, thanks, procedure)",
                           f"add a row with topic {NONE!r} and the patterns of procedural talk", line=1)
    table["rank"] = [int(r) if str(r).strip() else 1 for r in table["rank"]]
    return build_codebook(table.drop(columns=[LINE]).reset_index(drop=True))


def build_codebook(table: pd.DataFrame) -> Codebook:
    """A codebook from its table (the columns of ``data/topics.csv``, ``rank`` as numbers)."""
    sources = {row["topic"]: split_patterns(row["patterns"]) for row in table.to_dict("records")}
    context = {row["topic"]: split_patterns(row["context_patterns"]) for row in table.to_dict("records")}
    patterns = {topic: [compile_pattern(p) for p in ps] for topic, ps in sources.items()}
    return Codebook(table, patterns, build_matcher(sources), build_matcher({t: ps for t, ps in context.items() if ps}))


def matches(text: str, codebook: Codebook) -> Counter:
    """Number of pattern matches per topic in one sentence (``none`` included); each pattern counts
    separately, so "bilateral relations" counts for both "bilateral relations" and "relations"."""
    return codebook.matcher.count(text)


def context_matches(text: str, codebook: Codebook) -> Counter:
    """Matches of the context patterns per topic in one sentence (whether they count depends on the turn)."""
    return codebook.context_matcher.count(text) if codebook.context_matcher else Counter()


def assign(sentences: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
    """The sentences with ``topic`` (primary id) and ``topics`` (all counted ids, ';'-joined) added.

    Follows the rule in the module docstring; rows keep their order and index. Each sentence is read into
    words once, for the anchors and the context patterns alike.
    """
    codebook = codebook or read_codebook()
    order, ranks = {t: i for i, t in enumerate(codebook.topics)}, codebook.ranks
    texts = sentences["text"].tolist()
    anchors, broad = count_matches(texts, codebook)
    journalists = sentences["journalist"].tolist() if "journalist" in sentences.columns else [""] * len(texts)
    primary: list[str] = [""] * len(texts)
    counted: list[dict[str, int]] = [{}] * len(texts)
    for turns in document_turns(sentences):
        previous_turn_topic = NONE
        for rows in turns:
            for i in rows:
                counted[i] = anchors[i]
            anchored = {t for i in rows for t in anchors[i] if t != NONE}
            if anchored:
                for i in rows:
                    if broad[i]:
                        counted[i] = with_context(anchors[i], broad[i], anchored)
            direct = turn_topics(rows, counted, anchors, journalists, texts, ranks, order)
            if not any(t not in (None, NONE) for t in direct):
                resolved = [t if t is not None else previous_turn_topic for t in direct]
            else:
                resolved = carry(direct)
            for i, topic in zip(rows, resolved):
                primary[i] = topic
            frequent = Counter(t for t in resolved if t != NONE)
            previous_turn_topic = frequent.most_common(1)[0][0] if frequent else previous_turn_topic
    result = sentences.copy()
    result["topic"] = primary
    result["topics"] = [";".join(sorted(topical(c), key=order.get)) if c else "" for c in counted]
    return result


def count_matches(texts: list[str], codebook: Codebook) -> tuple[list[dict[str, int]], list[dict[str, int]]]:
    """Anchor and context matches per topic of each sentence (as :func:`matches` and :func:`context_matches`
    count them), each sentence read into words once.

    What a word can match by itself (one-word patterns, prefix patterns, whether it starts a phrase) depends on
    the word alone, so it is worked out once per distinct word of this call (:func:`word_plan`) and looked up for
    each occurrence; most words match nothing and cost one look-up. Nothing is kept between calls."""
    anchors: list[dict[str, int]] = [{}] * len(texts)
    broad: list[dict[str, int]] = [{}] * len(texts)
    matchers = (codebook.matcher, codebook.context_matcher) if codebook.context_matcher else (codebook.matcher,)
    plans: dict[str, tuple | None] = {}
    for index, text in enumerate(texts):
        tokens = text_tokens(text)
        found: tuple[dict[str, int], ...] = ()
        for i, token in enumerate(tokens):
            if token in plans:
                plan = plans[token]
            else:
                plan = plans[token] = word_plan(matchers, token)
            if plan is None:
                continue
            if not found:
                found = tuple({} for _ in matchers)
            for matcher, (singles, starts, prefixes), counts in zip(matchers, plan, found):
                count_at(matcher, tokens, i, singles, starts, prefixes, counts)
        if found:
            anchors[index] = found[0]
            if len(found) > 1:
                broad[index] = found[1]
    return anchors, broad


def word_plan(matchers: tuple[Matcher, ...], token: str) -> tuple | None:
    """For each matcher, what ``token`` matches by itself: the topics of its one-word patterns, whether it starts a
    phrase, and the (leading words, topic) of the prefix patterns it completes; None if nothing in any matcher."""
    plan = []
    for matcher in matchers:
        prefixes = [(lead, topic) for k in matcher.key_lengths if k <= len(token)
                    for lead, prefix, topic in matcher.prefixes.get(token[:k], ()) if token.startswith(prefix)]
        plan.append((matcher.words.get(token, ()), token in matcher.starts, prefixes))
    return tuple(plan) if any(singles or starts or prefixes for singles, starts, prefixes in plan) else None


def count_at(matcher: Matcher, tokens: list[str], i: int, singles: list[str], starts: bool,
             prefixes: list[tuple[tuple[str, ...], str]], found: dict[str, int]) -> None:
    """The matches of ``matcher`` at the ``i``-th token (as :meth:`Matcher.count_tokens` counts them there), added
    to ``found``, from the token's plan (:func:`word_plan`)."""
    for topic in singles:
        found[topic] = found.get(topic, 0) + 1
    if starts:
        for n in range(2, min(matcher.longest, len(tokens) - i) + 1):
            for topic in matcher.exact.get(tuple(tokens[i:i + n]), ()):
                found[topic] = found.get(topic, 0) + 1
    for lead, topic in prefixes:
        if i >= len(lead) and tuple(tokens[i - len(lead):i]) == lead:
            found[topic] = found.get(topic, 0) + 1


def document_turns(sentences: pd.DataFrame) -> list[list[list[int]]]:
    """Row numbers by document (in ``doc_id`` order) and turn, each turn's rows in ``position`` order: a turn is
    a run of one ``turn`` value once the document's rows are sorted by position (a stable sort)."""
    docs, turns, positions = (sentences[c].tolist() for c in ("doc_id", "turn", "position"))
    ordered = sorted(range(len(docs)), key=lambda i: (docs[i], positions[i]))
    return [[list(rows) for _, rows in groupby(doc_rows, key=turns.__getitem__)]
            for _, doc_rows in groupby(ordered, key=docs.__getitem__)]


def with_context(anchors: dict[str, int], broad: dict[str, int], anchored: set[str]) -> dict[str, int]:
    """A sentence's counted matches: its anchors, plus its context matches of the topics anchored in its turn."""
    counted = dict(anchors)
    for topic, n in broad.items():
        if topic in anchored:
            counted[topic] = counted.get(topic, 0) + n
    return counted


def turn_topics(rows: list[int], counted: list[dict[str, int]], anchors: list[dict[str, int]], journalists: list,
                texts: list[str], ranks: dict[str, int], order: dict[str, int]) -> list[str | None]:
    """Rules 2 and 3 for the sentences of one turn: each one's primary topic, ``none``, or None (no match)."""
    turn_counts: dict[str, int] = {}
    for i in rows:
        for topic, n in counted[i].items():
            if topic != NONE:
                turn_counts[topic] = turn_counts.get(topic, 0) + n
    direct: list[str | None] = []
    for i in rows:
        if any(t != NONE for t in counted[i]):
            direct.append(primary_topic(counted[i], anchors[i], turn_counts, ranks, order))
        elif NONE in counted[i] or (journalists[i] and journalists[i] in texts[i]):
            direct.append(NONE)
        else:
            direct.append(None)
    return direct


def topical(counts: dict[str, int]) -> Counter:
    """The matches of real topics (``none`` left out)."""
    return Counter({t: n for t, n in counts.items() if t != NONE and n})


def primary_topic(counted: dict[str, int], anchors: dict[str, int], turn_counts: dict[str, int],
                  ranks: dict[str, int], order: dict[str, int]) -> str:
    """Rule 2 of the module docstring: anchored topics silence higher rank numbers, then most matches, then
    the lower rank number, the turn's matches and the codebook's order."""
    candidates = {t: n for t, n in counted.items() if t != NONE and n}
    anchored_ranks = [ranks[t] for t, n in anchors.items() if t != NONE and n]
    if anchored_ranks:
        lowest = min(anchored_ranks)
        candidates = {t: n for t, n in candidates.items() if ranks[t] <= lowest}
    return min(candidates, key=lambda t: (-candidates[t], ranks[t], -turn_counts.get(t, 0), order[t]))


def carry(topics: list[str | None]) -> list[str]:
    """Fill sentences without a direct topic from the nearest earlier, else later, real topic."""
    resolved: list[str] = []
    last = None
    for topic in topics:
        if topic not in (None, NONE):
            last = topic
        resolved.append(topic if topic is not None else (last or ""))
    following = None
    for i in range(len(resolved) - 1, -1, -1):
        if topics[i] not in (None, NONE):
            following = topics[i]
        if resolved[i] == "":
            resolved[i] = following or NONE
    return resolved



"""Every character of every source is analysed text, a speaker label, a listed exclusion or whitespace."""

import csv
import re

from analysis import paths
from analysis.text import normalise_text


def spans_of(corpus, doc_id):
    return corpus.spans[corpus.spans["doc_id"] == doc_id].sort_values("start_char")


def test_spans_tile_each_source_and_rebuild_it(corpus):
    for doc_id in corpus.documents["doc_id"]:
        raw = corpus.raw_text(doc_id)
        spans = spans_of(corpus, doc_id)
        assert spans["start_char"].iloc[0] == 0 and spans["end_char"].iloc[-1] == len(raw)
        assert (spans["start_char"].iloc[1:].to_numpy() == spans["end_char"].iloc[:-1].to_numpy()).all()
        assert "".join(raw[s:e] for s, e in zip(spans["start_char"], spans["end_char"])) == raw
        whitespace = spans[spans["kind"] == "whitespace"]
        assert all(not raw[s:e].strip() for s, e in zip(whitespace["start_char"], whitespace["end_char"]))


def test_each_transcript_is_rebuilt_from_its_turns_labels_and_exclusions(corpus):
    for doc_id in corpus.documents.loc[corpus.documents["kind"] == "transcript", "doc_id"]:
        raw = corpus.raw_text(doc_id)
        turns = corpus.turns[corpus.turns["doc_id"] == doc_id]
        exclusions = corpus.exclusions[corpus.exclusions["doc_id"] == doc_id]
        pieces = ([(t.label_start, t.label_end, "label") for t in turns.itertuples() if t.label != "(speaker card)"]
                  + [(e.start_char, e.end_char, "exclusion") for e in exclusions.itertuples()])
        for turn in turns.itertuples():  # a turn's text, minus any exclusion lying inside it
            inner = sorted((s, e) for s, e, _ in pieces if turn.start_char <= s < turn.end_char)
            cursor = turn.start_char
            for s, e in inner + [(turn.end_char, turn.end_char)]:
                pieces.append((cursor, s, "text"))
                cursor = e
        pieces.sort()
        rebuilt, cursor = [], 0
        for start, end, _ in pieces:
            assert start >= cursor, f"{doc_id}: overlap at {start}"
            assert not raw[cursor:start].strip(), f"{doc_id}: lost text {raw[cursor:start]!r}"
            rebuilt.append(raw[cursor:end])
            cursor = end
        assert not raw[cursor:].strip()
        assert "".join(rebuilt) + raw[cursor:] == raw


def test_turn_text_is_its_text_spans_normalised(corpus):
    raw = {d: corpus.raw_text(d) for d in corpus.documents["doc_id"]}
    text_spans = corpus.spans[(corpus.spans["kind"] == "text") & corpus.spans["turn"].notna()]
    for (doc_id, turn), spans in text_spans.groupby(["doc_id", "turn"]):
        joined = " ".join(raw[doc_id][s:e] for s, e in zip(spans["start_char"], spans["end_char"]))
        expected = corpus.turns.set_index(["doc_id", "turn"]).loc[(doc_id, turn), "text"]
        assert " ".join(normalise_text(joined).split()) == " ".join(expected.split())


def test_excluded_characters_are_listed_and_counted(corpus):
    exclusions = corpus.exclusions
    for row in exclusions.itertuples():
        assert corpus.raw_text(row.doc_id)[row.start_char:row.end_char] == row.text
        assert row.n_chars == len(row.text)
    per_doc = exclusions.groupby("doc_id")["n_chars"].sum()
    reported = corpus.documents.set_index("doc_id")["n_excluded_chars"]
    assert per_doc.equals(reported[reported > 0].loc[per_doc.index].rename("n_chars"))
    docs = corpus.documents
    accounted = docs[["n_text_chars", "n_label_chars", "n_excluded_chars", "n_whitespace_chars",
                      "n_normalised_chars"]].sum(axis=1)
    assert (accounted == docs["n_chars"]).all()
    # no excluded snippet leaks into the analysed text
    for row in exclusions.itertuples():
        assert row.text not in " ".join(corpus.documents.set_index("doc_id").loc[row.doc_id, "text"].split())


def test_excluded_sizes_are_the_lengths_of_the_listed_snippets(corpus):
    """Each listed text counts its length times its count; a pattern row (match=lines) the lines it fills.
    Computed from exclusions.csv and the raw files, not from the loader's tables."""
    with (paths.DATA_DIR / "exclusions.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    expected = {}
    for row in rows:
        raw = corpus.raw_text(row["doc_id"])
        if (row.get("match") or "") == "lines":
            size = sum(len(m.group(0)) for m in re.finditer(rf"(?m)^[ \t]*(?:{row['text']})[ \t]*(?=\r?$)", raw))
        else:
            size = len(row["text"]) * int(row.get("count") or 1)
            if "\r\n" in raw:  # a listed line break matches \r\n too: one more character per break and time
                size += row["text"].count("\n") * int(row.get("count") or 1)
        expected[row["doc_id"]] = expected.get(row["doc_id"], 0) + size
    assert corpus.exclusions.groupby("doc_id")["n_chars"].sum().to_dict() == expected

"""Property: exclusions can never move words between speakers.

Random transcripts get random page furniture (between turns, inside turns, right before a label, the same
caption several times), sometimes a garbled speaker card, and exclusion rows, some of them cut at random places
of the transcript (so they may swallow a label, split one, or join two turns). Whatever the rows say, the loader
either refuses them with a CorpusError, or every character it attributes to a turn lies between that turn's own
label and the next one, every turn has the speaker its label names, and every character is accounted for.
"""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import write_one_document_corpus

from analysis import CorpusError, load_corpus, paths
from analysis.segments import snippet_pattern

LABELS = {  # label as written -> speaker (speakers.csv)
    "Vladimir Putin:": "Vladimir Putin",
    "Vladimir\nPutin:": "Vladimir Putin",
    "President of Russia Vladimir Putin:": "Vladimir Putin",
    "Donald Trump (retranslated):": "Donald Trump",
    "Question:": "Journalist",
    "Q   ": "Journalist",  # White House style: no colon
    "Remark:": "Journalist",
}
CARD = "PRESIDENT OF SOMEWHERE GARBLED CARD :"
CAPTIONS = ["With the President at the talks.", "See also\nA linked title\nMay 5, 2021", "Share this page",
            "Photo: press service"]

word = st.one_of(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzéжß'-", min_size=1, max_size=7),
    st.sampled_from(["Mr", "President", "Putin", "Ukraine", "I", "Alaska", "Vladimir", "Donald", "5", "—"]),
)
separator = st.sampled_from([" ", " ", " ", "\n", "\n\n", ". ", "? ", ", "])
body = st.lists(st.tuples(word, separator), min_size=1, max_size=20).map(lambda ws: "".join(w + s for w, s in ws))
turn = st.tuples(st.sampled_from(sorted(LABELS)), body,
                 st.sampled_from([None, None, *range(len(CAPTIONS))]),  # furniture before the label
                 st.sampled_from([None, None, *range(len(CAPTIONS))]),  # furniture inside the turn
                 st.booleans())  # a speaker card instead of the label
cut = st.tuples(st.integers(0, 10_000), st.integers(1, 60))  # a row cut at a random place of the transcript


def build(turns):
    """The transcript, the speaker of each turn, each turn's region [label end, next label start), and the
    furniture used (snippet -> times)."""
    parts, speakers, regions, used = [], [], [], {}
    position = 0
    for label, text, before, inside, card in turns:
        if before is not None:
            piece = CAPTIONS[before] + "\n"
            parts.append(piece)
            position += len(piece)
            used[CAPTIONS[before]] = used.get(CAPTIONS[before], 0) + 1
        if regions:
            regions[-1][1] = position
        written = CARD if card else label
        parts.append(written + " ")
        position += len(written) + 1
        speakers.append("Donald Trump" if card else LABELS[label])
        if inside is not None and "\n" in text:
            head, tail = text.split("\n", 1)
            text = f"{head}\n{CAPTIONS[inside]}\n{tail}"
            used[CAPTIONS[inside]] = used.get(CAPTIONS[inside], 0) + 1
        parts.append(text + "\n")
        regions.append([position, None])
        position += len(text) + 1
    regions[-1][1] = position
    return "".join(parts), speakers, regions, used


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(turns=st.lists(turn, min_size=1, max_size=8), cuts=st.lists(cut, max_size=2),
       newline=st.sampled_from(["\n", "\r\n"]), wrong_count=st.booleans())
def test_exclusions_never_move_words_between_speakers(turns, cuts, newline, wrong_count):
    content, speakers, regions, used = build(turns)
    if newline != "\n":  # keep the regions right: every \n before a position gains a \r
        shift = [content.count("\n", 0, p) for region in regions for p in region]
        regions = [[a + shift[2 * i], b + shift[2 * i + 1]] for i, (a, b) in enumerate(regions)]
        content = content.replace("\n", newline)
    rows = [["t", "caption", snippet, "", "test", str(n)] for snippet, n in used.items()]
    if any(card for *_, card in turns):
        rows.append(["t", "speaker_card", CARD, "Donald Trump", "test", str(sum(card for *_, card in turns))])
    for start, length in cuts:  # a row cut anywhere; its count is right unless wrong_count says otherwise
        start %= len(content)
        snippet = content[start:start + length].replace("\r\n", "\n").strip("\r")
        if snippet.strip():
            found = len(snippet_pattern(snippet).findall(content))
            rows.append(["t", "furniture", snippet, "", "cut", str(found + (1 if wrong_count else 0))])

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_one_document_corpus(folder, content, [r[1:] for r in rows], paths.DATA_DIR)
        try:
            corpus = load_corpus(folder)
        except CorpusError:
            return  # refused: nothing was silently misattributed

    got = corpus.turns
    assert list(got["speaker"]) == speakers
    text_spans = corpus.spans[corpus.spans["kind"] == "text"]
    for span in text_spans.itertuples():
        assert not pd_isna(span.turn), f"text outside any turn: {content[span.start_char:span.end_char]!r}"
        low, high = regions[int(span.turn)]
        assert low <= span.start_char and span.end_char <= high, (
            f"text of turn {span.turn} taken from outside its region: {content[span.start_char:span.end_char]!r}")
    spans = corpus.spans.sort_values("start_char")
    assert "".join(content[s:e] for s, e in zip(spans["start_char"], spans["end_char"])) == content
    for snippet in used:  # listed furniture never reaches the analysed text
        assert not any(snippet.replace("\n", " ") in " ".join(t.split()) for t in got["text"])


def pd_isna(value) -> bool:
    return value is None or value != value or str(value) == "<NA>"

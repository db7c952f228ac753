"""Property: any transcript in the label format loads with every character accounted for."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import write_one_document_corpus

from analysis import count_words, load_corpus, paths
from analysis.text import normalise_text

LABELS = {  # label spellings as written, broken across lines too -> speaker in speakers.csv
    "Vladimir Putin": "Vladimir Putin",
    "Vladimir\nPutin": "Vladimir Putin",
    "President of Russia Vladimir Putin": "Vladimir Putin",
    "Donald Trump": "Donald Trump",
    "Question": "Journalist",
    "Remark": "Journalist",
}
FURNITURE = ["Share this article!", "vladimir putin", "Follow us: app banner", "§ page 2 §"]

word = st.one_of(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzăéжß'’-", min_size=1, max_size=8),
    st.sampled_from(["Mr", "President", "U.S.", "St", "Putin", "Ukraine", "I", "Alaska", "1–0", "—", "5"]),
)
separator = st.sampled_from([" ", " ", " ", "\n", "\n\n", "  \n", ". ", "? ", ", "])
turn_text = (st.lists(st.tuples(word, separator), min_size=1, max_size=30).map(lambda ws: "".join(w + s for w, s in ws))
             .filter(lambda text: any(c.isalnum() for c in text)))  # an empty turn is an error (test_bad_input)
turns = st.lists(st.tuples(st.sampled_from(sorted(LABELS)), turn_text), min_size=1, max_size=12)
furniture_at = st.lists(st.booleans(), min_size=13, max_size=13)


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(turns=turns, furniture=furniture_at, newline=st.sampled_from(["\n", "\r\n"]))
def test_random_transcripts_load_with_every_character_accounted_for(turns, furniture, newline):
    parts, used = [], []
    for index, (label, text) in enumerate(turns):
        if furniture[index] and len(used) < len(FURNITURE):
            used.append(FURNITURE[len(used)])
            parts.append(used[-1] + "\n\n")
        parts.append(f"{label}: {text}\n")
    content = "".join(parts).replace("\n", newline)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_one_document_corpus(folder, content, [["furniture", s, "", "test"] for s in used], paths.DATA_DIR)
        corpus = load_corpus(folder)

    got = corpus.turns
    assert list(got["speaker"]) == [LABELS[label] for label, _ in turns]
    for (_, text), row in zip(turns, got.itertuples()):
        assert row.text == normalise_text(text)
        assert row.n_words == count_words(text)
    spans = corpus.spans.sort_values("start_char")
    assert "".join(content[s:e] for s, e in zip(spans["start_char"], spans["end_char"])) == content
    assert (spans["start_char"].iloc[1:].to_numpy() == spans["end_char"].iloc[:-1].to_numpy()).all()
    assert corpus.exclusions["n_chars"].sum() == sum(len(u) for u in used)
    assert corpus.sentences["n_words"].sum() == got["n_words"].sum()

"""Property: any transcript in the label format loads with every character accounted for."""

import csv
import hashlib
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import first_event

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
turn_text = st.lists(st.tuples(word, separator), max_size=30).map(lambda ws: "".join(w + s for w, s in ws))
turns = (st.lists(st.tuples(st.sampled_from(sorted(LABELS)), turn_text), min_size=1, max_size=12)
         .filter(lambda ts: any(text.strip() for _, text in ts)))  # an all-empty transcript is an error
furniture_at = st.lists(st.booleans(), min_size=13, max_size=13)


PER_DOCUMENT = {paths.MANIFEST_FILE: "doc_id,event,kind,publisher,title,file,sha256,seed_name,notes",
                paths.EXCLUSIONS_FILE: "doc_id,kind,text,speaker,reason,count,match",
                paths.NOT_LABELS_FILE: "doc_id,text,reason", paths.DOCUMENT_LABELS_FILE: "doc_id,label,speaker,reason",
                paths.COMPARISON_FILE: "speaker,first_event,second_event,why"}


def write_corpus(folder: Path, content: str, exclusions: list[str]) -> None:
    for table in paths.DATA_DIR.glob("*.csv"):  # events, speakers, outlets ... but a manifest of our own
        if table.name not in PER_DOCUMENT:  # the corpus-wide tables; files that name documents are our own
            shutil.copy(table, folder / table.name)
    for name, header in PER_DOCUMENT.items():
        (folder / name).write_text(header + "\n", encoding="utf-8")
    (folder / "raw").mkdir()
    data = content.encode("utf-8")
    (folder / "raw" / "t.txt").write_bytes(data)
    with (folder / paths.MANIFEST_FILE).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["doc_id", "event", "kind", "publisher", "title", "file", "sha256", "seed_name", "notes"])
        writer.writerow(["t", first_event(paths.DATA_DIR), "transcript", "", "", "t.txt", hashlib.sha256(data).hexdigest(), "", ""])
    with (folder / paths.EXCLUSIONS_FILE).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["doc_id", "kind", "text", "speaker", "reason"])
        writer.writerows(["t", "furniture", snippet, "", "test"] for snippet in exclusions)


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
        write_corpus(folder, content, used)
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

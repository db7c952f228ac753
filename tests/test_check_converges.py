"""Property: pasting what the check offers converges, and every word keeps its speaker.

Random transcripts are written from a known truth (who says which words in which turn) in the forms real pages
take: labels of ten words, labels broken over two lines, "Mr." before a name, White House capitals with a gap, a
full stop typed for a colon (after titles too), a name alone on its line above its words, a label inside a line
after a lost paragraph break (with titles and a remark, or White House "Q" and its gap), turns that are only a stage
direction, stray labels with nothing after them, stage directions inside turns, speech that names the leaders,
photo captions (once or repeated), 'See also' boxes, a header and a site footer whose tags name a leader. A reader adds the transcript the README's way: one check, then every row offered for a problem
and every row offered for a note whose text is furniture by the truth, each '?' filled from the truth. The second
check must say "No problems", and the loaded turns must be the truth's, speaker by speaker and word by word.
"""

import csv
import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

from analysis import check, load_corpus, paths
from analysis.text import words
from helpers import PER_DOCUMENT, apply_pastes

EVENT = "nordavia-2024"
PARTICIPANTS = "Vladimir Putin; Erik Lund"
TRUE_ROLES = {"Erik Lund": "head_of_government"}
FORMS = {  # speaker -> label forms: (kind, written)
    "Vladimir Putin": [("colon", "Vladimir Putin:"), ("colon", "President of Russia Vladimir Putin:"),
                       ("colon", "Vladimir\nPutin:"), ("full_stop", "Vladimir Putin."), ("mid_line", "Vladimir Putin:"),
                       ("alone", "Vladimir PUTIN"), ("full_stop", "President of Russia Vladimir Putin.")],
    "Erik Lund": [("colon", "Prime Minister of the Kingdom of Nordavia Erik Lund (retranslated):"),
                  ("colon", "Erik Lund:"), ("gap", "PRIME MINISTER LUND    "), ("full_stop", "Erik Lund."),
                  ("mid_line", "Erik Lund:"), ("colon", "Mr. Erik Lund:"), ("alone", "Erik LUND"),
                  ("mid_line", "Prime Minister of Nordavia Erik Lund (retranslated):")],
    "Journalist": [("colon", "Question:"), ("colon", "Remark:"), ("gap", "Q    "), ("colon", "Question (retranslated):"),
                   ("mid_gap", "Q    "), ("alone", "Question")],
}
VOCABULARY = ("trade ports grain energy talks ferry winter schools museums the a our of and with in will grow open "
              "next year again both countries agreed useful long friendly bridge").split()
OPENERS = "We Trade Our The Energy Both Ports Schools Talks".split()
NAMED = ["Vladimir Putin", "Erik Lund", "Prime Minister Erik Lund"]  # speech names the leaders too
CAPTION = "With Prime Minister Erik Lund at the talks."
SEE_ALSO = ["See also", "Meeting with business leaders", "March 2, 2024"]
HEADER = ["Joint news conference", "March 3, 2024", "14:20"]
FOOTER = ["Geography", "Nordavia", "Persons", "Erik Lund", "Publication date: March 3, 2024, 15:00",
          "Direct link: en.kremlin.ru/d/00000"]  # a name among the tags: not a label
STAGE = ["(Laughter.)", "(Laughs.)", "(Applause.)"]

sentence = st.one_of(
    st.tuples(st.sampled_from(OPENERS), st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=8),
              st.sampled_from([".", ".", "?"])).map(lambda t: " ".join([t[0], *t[1]]) + t[2]),
    st.tuples(st.sampled_from(OPENERS), st.sampled_from(["thanked", "met", "agreed with"]), st.sampled_from(NAMED),
              st.sampled_from(VOCABULARY)).map(lambda t: " ".join(t) + "."))
paragraph = st.lists(sentence, min_size=1, max_size=3).map(" ".join)
turn = st.fixed_dictionaries({
    "speaker": st.sampled_from(sorted(FORMS)),
    "form": st.integers(0, 7),
    "paragraphs": st.lists(paragraph, min_size=1, max_size=3),
    "body": st.sampled_from(["words", "words", "words", "stage_direction_only", "stray"]),
    "inside": st.sampled_from([None, None, "caption", "see_also", "stage"]),  # furniture among its paragraphs
})


def written(turns):
    """The page, the truth [(speaker, words)] and the furniture lines, from the generated turns."""
    pieces = ["\n\n".join(HEADER)]
    truth, furniture = [], set(HEADER) | set(STAGE)
    previous_mid_line_ok = False
    for index, spec in enumerate(turns):
        forms = FORMS[spec["speaker"]]
        kind, label = forms[spec["form"] % len(forms)]
        if kind in ("mid_line", "mid_gap") and not previous_mid_line_ok:
            kind, label = "colon", next(w for k, w in forms if k == "colon")
        if spec["body"] == "stray" and kind != "colon" or spec["body"] == "stage_direction_only" and kind == "alone":
            spec = {**spec, "body": "words"}  # a name alone on its line is a label only with speech below it
        # speech does not repeat itself sentence for sentence (captions and pull quotes do): each sentence ends with
        # a word of its own
        paragraphs = [" ".join(f"{s.strip()[:-1]} at{index}x{n}x{k}{s.strip()[-1]}"
                               for k, s in enumerate(re.findall(r"[^.?]+[.?]", p)))
                      for n, p in enumerate(spec["paragraphs"])]
        if spec["body"] == "stage_direction_only":
            paragraphs = [STAGE[index % len(STAGE)]]
        elif spec["body"] == "stray":
            paragraphs = []
        if spec["inside"] == "stage" and spec["body"] == "words":
            paragraphs[-1] += " " + STAGE[0]
        elif spec["inside"] == "caption" and spec["body"] == "words":
            paragraphs.insert(1, CAPTION)
            furniture.add(CAPTION)
        elif spec["inside"] == "see_also" and spec["body"] == "words" and len(paragraphs) > 1:
            paragraphs[1:1] = SEE_ALSO
            furniture.update(SEE_ALSO)
        text = "\n\n".join(paragraphs)
        separator = {"gap": "", "mid_gap": "", "alone": "\n"}.get(kind, " ")
        if kind == "mid_line":
            pieces[-1] += f" {label}{separator}{text}"
        elif kind == "mid_gap":
            pieces[-1] += f"  {label}{separator}{text}"  # White House spacing: two spaces after a sentence
        else:
            pieces.append(f"{label}{separator}{text}" if text else label)
        spoken = [w for p in paragraphs if p not in furniture for w in words(p.replace(STAGE[0], ""))]
        if spec["body"] != "stray":
            truth.append((spec["speaker"], spoken))
        # a label can be lost inside a line only after a sentence that ends a paragraph of speech
        previous_mid_line_ok = spec["body"] == "words" and paragraphs[-1] not in furniture
    pieces.append("\n\n".join(FOOTER))
    furniture.update(FOOTER)
    return "\n\n".join(pieces) + "\n", truth, furniture


def minimal_data(folder: Path, page: str) -> Path:
    """A data folder with the suite's corpus-wide tables and no documents but the page, added the README's way:
    the raw file, an event row, a manifest row without checksum."""
    data = folder / "data"
    data.mkdir()
    for table in paths.DATA_DIR.glob("*.csv"):
        if table.name not in PER_DOCUMENT:
            shutil.copy(table, data / table.name)
    for name, header in PER_DOCUMENT.items():
        (data / name).write_text(header + "\n", encoding="utf-8")
    (data / "raw").mkdir()
    (data / "raw" / "page.txt").write_text(page, encoding="utf-8")
    with (data / "events.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(
            [EVENT, "2024-03-03", "Moscow", "joint news conference, questions", "Test.", "Kremlin", PARTICIPANTS,
             "", "", "", "", ""])
    with (data / "corpus.csv").open("a", encoding="utf-8") as handle:
        handle.write(f"page,{EVENT},transcript,Test,Joint news conference,page.txt,,,\n")
    return data


def what_a_reader_pastes(report: dict, furniture: set[str]) -> dict:
    """Every row offered for a problem; a note's row only when all its text is furniture; '?' filled from the
    truth (a role for a new speaker)."""
    notes = [{**note, "pastes": [p for p in note["pastes"] if p["file"].endswith("exclusions.csv")
                                 and all(line.strip() in furniture for line in p["row"][2].split("\n") if line.strip())]}
             for note in report["notes"]]
    errors = []
    for error in report["errors"]:
        pastes = []
        for paste in error["pastes"]:
            row = list(paste["row"])
            if paste["file"].endswith("speakers.csv") and "?" in row:
                row = [TRUE_ROLES.get(row[0], "?") if v == "?" else v for v in row]
            pastes.append({**paste, "row": row})
        errors.append({**error, "pastes": pastes})
    return {"errors": errors, "notes": notes}


@settings(max_examples=80, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],  # no shrinking:
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # minutes for these pages
@given(st.lists(turn, min_size=2, max_size=7))
def test_pasting_the_offered_rows_converges_and_every_word_keeps_its_speaker(turns):
    page, truth, furniture = written(turns)
    assume(any(spoken for _, spoken in truth))  # a transcript with no word at all is refused as empty, rightly
    with tempfile.TemporaryDirectory() as folder:
        data = minimal_data(Path(folder), page)
        first = check.as_json(check.check(data))
        apply_pastes(what_a_reader_pastes(first, furniture), data.parent, notes=True)
        second = check.as_json(check.check(data))
        assert second["ok"], (page, [e["problem"] for e in second["errors"]])
        loaded = load_corpus(data).select("turns", doc_id="page")
        got = [(speaker, words(text)) for speaker, text in zip(loaded["speaker"], loaded["text"])]
        assert got == truth, page

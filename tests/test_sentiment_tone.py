"""Tone coded by hand: the seeded tone sample and its sheet, reading a filled sheet, and each sentiment method's
accuracy and Krippendorff's alpha against the coders."""

import pandas as pd
import pytest

from analysis import paths
from analysis import sentiment as s
from analysis import topics as t
from analysis.errors import CorpusError

FOLDER = paths.DATA_DIR / "validation"
SHEET = FOLDER / "tone_coding_sheet.csv"


def test_committed_tone_sheet_is_the_seeded_tone_sample_thirty_per_group(corpus):
    samples = t.read_samples()
    sample = samples[s.TONE_SAMPLE]
    assert sample.file == SHEET and sample.seed not in {v.seed for k, v in samples.items() if k != s.TONE_SAMPLE}
    committed = pd.read_csv(SHEET, dtype=str, keep_default_na=False)
    # drawn from the transcripts it was drawn from: a transcript added later does not change a committed sheet
    sentences = corpus.sentences[corpus.sentences["doc_id"].isin(set(committed["doc_id"]))]
    drawn = s.tone_sample(sentences, samples)
    pd.testing.assert_frame_equal(committed, s.tone_coding_sheet(sentences, drawn).astype(str))
    assert list(committed.columns) == s.TONE_SHEET_COLUMNS and (committed["tone"] == "").all()
    assert committed.groupby(["event", "speaker"]).size().tolist() == [30, 30, 30, 30]


def test_the_coders_instructions_name_the_three_tones_and_the_decision_rules():
    text = (FOLDER / "tone_coding_instructions.md").read_text(encoding="utf-8")
    for word in (*s.TONES, "courtesy", "third parties", "Negated", "Questions", "Reported speech"):
        assert word in text


def test_reading_a_filled_tone_sheet_forgives_case_but_not_blanks(tmp_path):
    path = tmp_path / "ok.csv"
    path.write_text("doc_id,position,text,tone,note\nd,0,Good.,  Positive ,\nd,1,Bad.,negative,x\n", encoding="utf-8")
    assert s.read_tone_coding(path)["tone"].tolist() == ["positive", "negative"]
    path.write_text("doc_id,position,text,tone,note\nd,0,Good.,positive,\nd,1,Bad.,,\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"ok.csv:3: tone '' of sentence d:1"):
        s.read_tone_coding(path)

"""A student adds an event through the CSV files only: it appears in every table, no code changes."""

import hashlib

from analysis import load_corpus, overview
from analysis import speaking_time as st

TRANSCRIPT = """Press statements after the talks

Sauli Niinistö: Good afternoon. Welcome to Helsinki,
Mr President.

Vladimir Putin: Thank you. We had
frank talks.

Question: Anna Virtanen, Yle.

Was Ukraine discussed?

Vladimir
Putin: Yes, it was.
"""


def test_a_new_event_added_through_the_csvs_loads_everywhere(data_copy):
    data = TRANSCRIPT.encode("utf-8")
    (data_copy / "raw" / "helsinki2018_transcript.txt").write_bytes(data)
    with (data_copy / "events.csv").open("a", encoding="utf-8") as events:
        events.write('helsinki-2018,2018-07-16,Helsinki,"joint news conference, questions",Test event.,'
                     'Presidential Palace,Vladimir Putin; Sauli Niinistö,,,,,\n')
    with (data_copy / "speakers.csv").open("a", encoding="utf-8") as speakers:
        speakers.write("Sauli Niinistö,head_of_state,Finland,fi,Sauli Niinistö\n")
    with (data_copy / "corpus.csv").open("a", encoding="utf-8") as manifest:
        manifest.write(f"helsinki2018_transcript,helsinki-2018,transcript,test,Test,helsinki2018_transcript.txt,"
                       f"{hashlib.sha256(data).hexdigest()},,\n")
    with (data_copy / "exclusions.csv").open("a", encoding="utf-8") as exclusions:
        exclusions.write("helsinki2018_transcript,title,Press statements after the talks,,title line\n")

    corpus = load_corpus(data_copy)

    turns = corpus.select("turns", event="helsinki-2018")
    assert list(turns["speaker"]) == ["Sauli Niinistö", "Vladimir Putin", "Journalist", "Vladimir Putin"]
    assert list(turns["text"]) == ["Good afternoon. Welcome to Helsinki, Mr President.", "Thank you. We had frank talks.",
                                   "Anna Virtanen, Yle.\nWas Ukraine discussed?", "Yes, it was."]
    assert (turns.iloc[2]["journalist"], turns.iloc[2]["outlet"]) == ("Anna Virtanen", "Yle")
    summary = overview.speakers_summary(corpus)
    assert list(summary["event"].unique()) == ["geneva-2021", "anchorage-2025", "helsinki-2018"]
    helsinki = summary[summary["event"] == "helsinki-2018"].set_index("speaker")
    assert helsinki.loc["Vladimir Putin", "words"] == 9 and helsinki.loc["Sauli Niinistö", "words"] == 7
    assert "helsinki-2018" in set(overview.formats_summary(corpus)["event"])
    assert corpus.documents.set_index("doc_id").loc["helsinki2018_transcript", "city"] == "Helsinki"

    # the speaking-time tables pick the event up too
    assert "helsinki-2018" in set(st.speaker_table(corpus.turns, corpus.events, corpus.speakers)["event"])
    exchange = st.exchanges(corpus.turns).set_index("event").loc["helsinki-2018"]
    assert (exchange["outlet"], exchange["outlet_origin"], exchange["answer_words"]) == ("Yle", "unknown", 3)
    minutes = st.estimate_minutes(corpus.turns, corpus.speakers, corpus.events)
    assert len(minutes[minutes["event"] == "helsinki-2018"]) == 4  # three speakers and the whole appearance
    shares = st.bootstrap_shares(corpus.sentences, group="role")
    assert set(shares.loc[shares["event"] == "helsinki-2018", "role"]) == {"head_of_state", "journalist"}

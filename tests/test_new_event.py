"""A student adds an event through the CSV files only: it appears in every table, no code changes."""

import hashlib

from analysis import load_corpus, overview
from analysis import speaking_time as st

TRANSCRIPT = """Press statements after the talks

Mira Testova: Good afternoon. Welcome to Testville,
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
    (data_copy / "raw" / "testville1999_transcript.txt").write_bytes(data)
    with (data_copy / "events.csv").open("a", encoding="utf-8") as events:
        events.write('testville-1999,2018-07-16,Testville,"joint news conference, questions",Test event.,'
                     'Presidential Palace,Vladimir Putin; Mira Testova,,,,,\n')
    with (data_copy / "speakers.csv").open("a", encoding="utf-8") as speakers:
        speakers.write("Mira Testova,head_of_state,Testland,xx,Mira Testova\n")
    with (data_copy / "corpus.csv").open("a", encoding="utf-8") as manifest:
        manifest.write(f"testville1999_transcript,testville-1999,transcript,test,Test,testville1999_transcript.txt,"
                       f"{hashlib.sha256(data).hexdigest()},,\n")
    with (data_copy / "exclusions.csv").open("a", encoding="utf-8") as exclusions:
        exclusions.write("testville1999_transcript,title,Press statements after the talks,,title line,1\n")

    corpus = load_corpus(data_copy)

    turns = corpus.select("turns", event="testville-1999")
    assert list(turns["speaker"]) == ["Mira Testova", "Vladimir Putin", "Journalist", "Vladimir Putin"]
    assert list(turns["text"]) == ["Good afternoon. Welcome to Testville, Mr President.", "Thank you. We had frank talks.",
                                   "Anna Virtanen, Yle.\nWas Ukraine discussed?", "Yes, it was."]
    assert (turns.iloc[2]["journalist"], turns.iloc[2]["outlet"]) == ("Anna Virtanen", "Yle")
    summary = overview.speakers_summary(corpus)
    order = list(summary["event"].unique())
    dates = corpus.events.set_index("event")["date"]
    assert [dates[e] for e in order] == sorted(dates[e] for e in order)  # by date, not events.csv order
    # appended last to events.csv but placed by its date, after every event dated that day or earlier, however many
    # events a user has added (the delivered events' dates are not assumed)
    assert order.index("testville-1999") == sum(d <= "2018-07-16" for d in corpus.events["date"]) - 1
    helsinki = summary[summary["event"] == "testville-1999"].set_index("speaker")
    assert helsinki.loc["Vladimir Putin", "words"] == 9 and helsinki.loc["Mira Testova", "words"] == 7
    assert "testville-1999" in set(overview.formats_summary(corpus)["event"])
    assert corpus.documents.set_index("doc_id").loc["testville1999_transcript", "city"] == "Testville"

    # the speaking-time tables pick the event up too
    assert "testville-1999" in set(st.speaker_table(corpus.turns, corpus.events, corpus.speakers)["event"])
    exchange = st.exchanges(corpus.turns).set_index("event").loc["testville-1999"]
    assert (exchange["outlet"], exchange["outlet_origin"], exchange["answer_words"]) == ("Yle", "unknown", 3)
    minutes = st.estimate_minutes(corpus.turns, corpus.speakers, corpus.events)
    assert len(minutes[minutes["event"] == "testville-1999"]) == 4  # three speakers and the whole appearance
    shares = st.bootstrap_shares(corpus.sentences, group="role")
    assert set(shares.loc[shares["event"] == "testville-1999", "role"]) == {"head_of_state", "journalist"}

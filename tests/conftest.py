import shutil
from pathlib import Path

import pytest

from analysis import load_corpus, paths


@pytest.fixture(scope="session")
def corpus():
    return load_corpus()


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A private copy of data/ (without processed outputs) that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, target, ignore=shutil.ignore_patterns("processed"))
    return target


THIRD_EVENT_TRANSCRIPT = """Joint press availability, Reykjavik

MODERATOR HOLM: Good afternoon. The Prime Minister and the Chancellor will make short statements and then
take two questions.

PRIME MINISTER VARGA: Thank you. We spoke for three hours about energy, about the war in Ukraine and about
trade. I am grateful for a frank and useful conversation. We agreed to meet again in the spring.

CHANCELLOR LIND (via interpreter): Thank you, Prime Minister. Our countries share a long border and a long
history. Sanctions remain in place until the fighting stops. We discussed gas prices and the security of the
Baltic Sea.

MODERATOR HOLM: First question, please.

QUESTION: Petra Saari with the Nordic Ledger. Prime Minister, did you discuss NATO?

PRIME MINISTER VARGA: Yes. NATO was part of the talks, and so was the ceasefire. We want peace, and we want
it to last.

QUESTION: Jon Berg from Radio North. Chancellor, will the sanctions be lifted this year?

CHANCELLOR LIND (via interpreter): No. Not while the war goes on. I said that clearly today, and I say it
again.

MODERATOR HOLM: Thank you all.
"""

THIRD_EVENT_REPORT = """Leaders meet in Reykjavik

REYKJAVIK - Prime Minister Ilse Varga said on Tuesday that the talks were "frank and useful" and that the two
leaders "agreed to meet again in the spring". Chancellor Tomas Lind said sanctions would stay: "Sanctions
remain in place until the fighting stops."
"""


def add_third_event(data: Path) -> None:
    """A third event in another transcript layout (upper-case labels, a moderator, an interpreted speaker,
    journalists introduced by outlet) with a news report, added through the CSV files only, as a student would."""
    import hashlib

    rows = {
        "events.csv": 'reykjavik-2023,2023-05-09,Reykjavik,"joint press availability, two questions",Test event.,'
                      'Harpa,Ilse Varga; Tomas Lind,,,,,\n',
        "speakers.csv": "Ilse Varga,head_of_government,Testland,en,PRIME MINISTER VARGA;Prime Minister Ilse Varga\n"
                        "Tomas Lind,head_of_government,Otherland,de,CHANCELLOR LIND;Chancellor Tomas Lind\n"
                        "Kari Holm,moderator,Testland,en,MODERATOR HOLM\n",
    }
    for name, text in rows.items():
        with (data / name).open("a", encoding="utf-8") as handle:
            handle.write(text)
    for doc_id, kind, text, title in (("reykjavik2023_transcript", "transcript", THIRD_EVENT_TRANSCRIPT,
                                       "Joint press availability"),
                                      ("reykjavik2023_report", "news", THIRD_EVENT_REPORT, "Leaders meet")):
        content = text.encode("utf-8")
        (data / "raw" / f"{doc_id}.txt").write_bytes(content)
        with (data / "corpus.csv").open("a", encoding="utf-8") as manifest:
            manifest.write(f"{doc_id},reykjavik-2023,{kind},Test Publisher,{title},{doc_id}.txt,"
                           f"{hashlib.sha256(content).hexdigest()},,\n")
    with (data / "exclusions.csv").open("a", encoding="utf-8") as exclusions:
        exclusions.write("reykjavik2023_transcript,title,\"Joint press availability, Reykjavik\",,title line,1,\n"
                         "reykjavik2023_report,title,Leaders meet in Reykjavik,,headline,1,\n")


@pytest.fixture(scope="session")
def third_event_corpus(tmp_path_factory):
    """The real corpus plus a third event (``reykjavik-2023``, between the two seed events in date order)."""
    target = tmp_path_factory.mktemp("third_event") / "data"
    shutil.copytree(paths.DATA_DIR, target, ignore=shutil.ignore_patterns("processed"))
    add_third_event(target)
    return load_corpus(target)


SECOND_TRANSCRIPT = """Hotel du Lac • Geneva, Switzerland • 7:20 P.M. CEST

THE PRESIDENT:  Good evening. I had a long meeting with my counterpart today. We talked about arms control, about
cyber security and about the prisoners. I told him where we stand.

Q    Thank you, Mr. President. Do you trust him?

THE PRESIDENT:  It is not about trust. It is about interests and verification.

Q    Mr. President, will you meet him again?

THE PRESIDENT:  We will see. The teams will meet in three months. (Laughter.)

Q    Sir, what about Ukraine?

THE PRESIDENT:  I made clear our support for the sovereignty of Ukraine. Thank you all.

7:53 P.M. CEST
"""


def add_second_transcript(data: Path) -> None:
    """A second transcript of the first event (a news conference of an invented head of state, Mark Hale, written
    for the tests in the White House layout), its title label tied to him, its furniture listed, and a comparison of
    the same role (``fixture_role``): Hale at this event against a head of state who speaks at another."""
    import csv
    import hashlib

    content = SECOND_TRANSCRIPT.encode("utf-8")
    corpus = load_corpus(data)  # whatever events the data hold: the transcript joins the first, in date order
    first = corpus.events["event"].iloc[0]
    heads = corpus.turns[(corpus.turns["role"] == "head_of_state") & (corpus.turns["event"] != first)]
    last, other = heads.iloc[-1][["event", "speaker"]]  # a head of state at another event: the same role
    (data / "raw" / "second_conference.txt").write_bytes(content)
    rows = {"corpus.csv": [["second_conference", first, "transcript", "The White House", "Remarks in press conference",
                            "second_conference.txt", hashlib.sha256(content).hexdigest(), "", ""]],
            "document_labels.csv": [["second_conference", "THE PRESIDENT", "Mark Hale", "title label"]],
            "speakers.csv": [["Mark Hale", "head_of_state", "Valmara", "en", "Mark Hale"]],
            "exclusions.csv": [["second_conference", "header", "Hotel du Lac • Geneva, Switzerland • 7:20 P.M. CEST", "",
                                "place and time", "1", ""],
                               ["second_conference", "footer", "7:53 P.M. CEST", "", "end time", "1", ""],
                               ["second_conference", "stage_direction", "(Laughter.)", "", "stage direction", "1", ""]],
            "comparison.csv": [["fixture_role", first, "Mark Hale", last, other, "the same office at two events"]]}
    for name, lines in rows.items():
        with (data / name).open("a", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(lines)


@pytest.fixture(scope="session")
def second_transcript_corpus(tmp_path_factory):
    """The real corpus plus a second transcript of its first event and a comparison of one role (``fixture_role``)."""
    target = tmp_path_factory.mktemp("second_transcript") / "data"
    shutil.copytree(paths.DATA_DIR, target, ignore=shutil.ignore_patterns("processed"))
    add_second_transcript(target)
    return load_corpus(target)

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

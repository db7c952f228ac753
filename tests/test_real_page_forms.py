"""What real transcript pages do that the label search and the check must meet (issue 23), each in a page written
for the test (the real pages are not copied): a label of nine words or more, a full stop typed for a label's
colon, a label inside a line, a turn that is only a stage direction, speakers named as the event row names them,
and furniture that stands once (a caption, a pull quote, a whole 'See also' box, a footer to its end)."""

import pytest

from analysis import load_corpus
from analysis import check
from analysis.text import words
from helpers import apply_pastes

EVENT = "valmara-2019"


def add(data, page, participants, doc_id="valmara"):
    """Add a page the README's way: the raw file, an event row naming the participants, a manifest row."""
    raw = page.encode("utf-8")
    (data / "raw" / f"{doc_id}.txt").write_bytes(raw)
    with (data / "events.csv").open("a", encoding="utf-8") as handle:
        handle.write(f'{EVENT},2019-03-05,Valmara,"joint press statements",Test.,Palace,{participants},,,,,\n')
    with (data / "corpus.csv").open("a", encoding="utf-8") as handle:
        handle.write(f"{doc_id},{EVENT},transcript,Test,Test page,{doc_id}.txt,,,\n")


def report_of(data):
    return check.as_json(check.check(data))


def rows(report, file):
    return [p["row"] for item in report["errors"] + report["notes"] for p in item["pastes"] if p["file"].endswith(file)]


def paste_all(data, report, fill=None):
    """Every row for the problems and every row offered for a note: the furniture in these pages is all offered
    rightly, so a reader who agrees with each note pastes them all."""
    apply_pastes(report, data.parent, notes=True, fill=fill)


def turns_of(data, doc_id="valmara"):
    turns = load_corpus(data).select("turns", doc_id=doc_id)
    return [(s, t) for s, t in zip(turns["speaker"], turns["text"])]


LONG_LABEL_PAGE = """Press statements following Russian-Valmaran talks

President of Russia Vladimir Putin: Mr President, we held useful talks.

President of the Federal Republic of Valmara Ostan Del Rivero Kaya (retranslated): Thank you, Mr President.
Our delegations worked for six hours.
"""


def test_a_label_of_eleven_words_is_found_and_named_as_the_participant(data_copy):
    add(data_copy, LONG_LABEL_PAGE, "Vladimir Putin; Ostan Del Rivero Kaya")
    report = report_of(data_copy)
    unknown = [e for e in report["errors"] if "is not in speakers.csv" in e["problem"]]
    assert len(unknown) == 1 and "'President of the Federal Republic of Valmara Ostan Del Rivero Kaya'" in unknown[0]["problem"]
    [row] = rows(report, "speakers.csv")
    assert row[:2] == ["Ostan Del Rivero Kaya", "head_of_state"]  # named as the event row spells it, role from "President"
    paste_all(data_copy, report)
    assert report_of(data_copy)["ok"]
    assert turns_of(data_copy) == [("Vladimir Putin", "Mr President, we held useful talks."),
                                   ("Ostan Del Rivero Kaya", "Thank you, Mr President. Our delegations worked for six hours.")]


FULL_STOP_PAGE = """Joint news conference

Vladimir Putin: Thank you. Let us take questions.

Question: A question for the Chancellor: will trade grow?

Erik Lund. Thank you very much for your question. Trade will grow.

Question: And for President Putin?

Vladimir Putin: It will.
"""


def test_a_name_with_a_full_stop_for_its_colon_is_refused_with_the_row_that_fixes_it(data_copy):
    add(data_copy, FULL_STOP_PAGE, "Vladimir Putin; Erik Lund")
    report = report_of(data_copy)
    [error] = [e for e in report["errors"] if "opens with Erik Lund's name" in e["problem"]]
    cards = [r for r in rows(report, "exclusions.csv") if r[1] == "speaker_card"]
    assert cards == [["valmara", "speaker_card", "Erik Lund.", "Erik Lund", "label written without a colon", "1",
                      "line_start"]]
    assert any(r[0] == "Erik Lund" for r in rows(report, "speakers.csv"))  # the participant gets a row in the same run
    paste_all(data_copy, report, fill={"": ""})
    speakers_rows = (data_copy / "speakers.csv").read_text(encoding="utf-8").replace(",?,", ",head_of_government,")
    (data_copy / "speakers.csv").write_text(speakers_rows, encoding="utf-8")  # the one hand edit: Lund's role
    assert report_of(data_copy)["ok"]
    assert [s for s, _ in turns_of(data_copy)] == ["Vladimir Putin", "Journalist", "Erik Lund", "Journalist",
                                                   "Vladimir Putin"]
    assert turns_of(data_copy)[2][1] == "Thank you very much for your question. Trade will grow."


def test_a_name_and_a_full_stop_alone_on_a_line_is_a_caption_not_a_label(data_copy):
    page = FULL_STOP_PAGE.replace("Erik Lund. Thank you very much for your question. Trade will grow.",
                                  "Erik Lund: Thank you very much for your question.\n\nPrime Minister Erik Lund.\n\n"
                                  "Trade will grow.")
    add(data_copy, page, "Vladimir Putin; Erik Lund")
    report = report_of(data_copy)
    assert not [e for e in report["errors"] if "not as a speaker label" in e["problem"]]
    assert any(r[1] == "caption" and r[2] == "Prime Minister Erik Lund." for r in rows(report, "exclusions.csv"))


MID_LINE_PAGE = """Vladimir Putin: Good afternoon.

Question: How many questions will you take today, two dozen? Vladimir Putin: With regard to questions, as many as you like.

Question: Thank you.
"""


def test_a_label_inside_a_line_is_refused_and_its_row_moves_the_words_to_their_speaker(data_copy):
    add(data_copy, MID_LINE_PAGE, "Vladimir Putin")
    report = report_of(data_copy)
    [error] = [e for e in report["errors"] if "stands inside a line" in e["problem"]]
    assert "'Vladimir Putin' (Vladimir Putin)" in error["problem"] and error["line"] == 3
    assert rows(report, "exclusions.csv") == [["valmara", "speaker_card", "Vladimir Putin:", "Vladimir Putin",
                                               "a speaker label inside a line (its paragraph break was lost)", "1",
                                               "mid_line"]]
    paste_all(data_copy, report)
    assert report_of(data_copy)["ok"]
    assert turns_of(data_copy) == [("Vladimir Putin", "Good afternoon."),
                                   ("Journalist", "How many questions will you take today, two dozen?"),
                                   ("Vladimir Putin", "With regard to questions, as many as you like."),
                                   ("Journalist", "Thank you.")]


def test_a_name_with_a_colon_after_other_words_of_its_sentence_stays_text(data_copy):
    page = MID_LINE_PAGE.replace("two dozen? Vladimir Putin: With regard", "and a question for Vladimir Putin: with regard")
    add(data_copy, page, "Vladimir Putin")
    report = report_of(data_copy)
    assert not [e for e in report["errors"] if "inside a line" in e["problem"]]


STAGE_DIRECTION_TURNS = """Washington • 2:05 P.M. EDT

PRESIDENT HALE:  Thank you. Please, first question.

Q    Thank you, sir.

PRESIDENT HALE:  My sympathies.

Q    (Laughs.)

PRESIDENT HALE:  No, but thank you. (Laughter.)

Q    A question on trade, sir.

PRESIDENT HALE:  (Laughs.)

Q    Will tariffs go up?

PRESIDENT HALE:  No.

END 2:31 P.M. EDT
"""


def test_a_turn_that_is_only_a_stage_direction_is_a_turn_without_words_and_the_rows_converge(data_copy):
    add(data_copy, STAGE_DIRECTION_TURNS, "Mark Hale")
    first = report_of(data_copy)
    paste_all(data_copy, first)
    second = report_of(data_copy)
    assert second["ok"], [e["problem"] for e in second["errors"]]  # no stray-label row that overlaps the stage direction
    turns = turns_of(data_copy)
    assert [s for s, _ in turns] == ["Mark Hale", "Journalist"] * 4 + ["Mark Hale"]
    assert [len(words(t)) for _, t in turns] == [5, 3, 2, 0, 4, 5, 0, 4, 1]
    assert rows(first, "speakers.csv")[0][:2] == ["Mark Hale", "head_of_state"]


def test_a_label_with_nothing_after_it_is_still_stray(data_copy):
    add(data_copy, "Vladimir Putin: Good afternoon.\n\nQuestion:\n\nVladimir Putin: Next question.\n", "Vladimir Putin")
    report = report_of(data_copy)
    assert any("has no words" in e["problem"] for e in report["errors"])


NAMES_PAGE = """Camp Aspen • 1:10 P.M. EDT

PRESIDENT HALE:  Good afternoon.

PRESIDENT YOON:  Thank you, Mr. President.

PRIME MINISTER LÓPEZ OBRADOR:  Gracias.

MS. HARTLEY-SMITH:  Thank you. Now we have time for two questions. First question, please.

Q    A question for all three leaders.

MS. HARTLEY-SMITH:  Next question, please.

Q    Thank you.

MS. HARTLEY-SMITH:  This concludes the press conference.
"""


def test_speakers_are_named_as_the_event_row_names_them_and_capitals_keep_their_shape(data_copy):
    add(data_copy, NAMES_PAGE, "Mark Hale; Yoon Suk Yeol; Andrés Manuel López Obrador")
    report = report_of(data_copy)
    suggested = {r[0]: r[1] for r in rows(report, "speakers.csv")}
    assert suggested == {"Mark Hale": "head_of_state", "Yoon Suk Yeol": "head_of_state",  # surname first
                         "Andrés Manuel López Obrador": "head_of_government",  # accents as the row spells them
                         "Ms. Hartley-Smith": "moderator"}  # staff: no 'Hartley-smith'; role from the turns
    paste_all(data_copy, report)
    assert report_of(data_copy)["ok"]


def test_a_press_secretary_the_speakers_file_knows_is_named_in_full(data_copy):
    page = NAMES_PAGE.replace("MS. HARTLEY-SMITH", "MS. JEAN-PIERRE")
    add(data_copy, page, "Mark Hale; Yoon Suk Yeol; Andrés Manuel López Obrador")
    report = report_of(data_copy)
    assert "Ms. Jean-Pierre" not in {r[0] for r in rows(report, "speakers.csv")}
    paste_all(data_copy, report)
    assert "Karine Jean-Pierre" in {s for s, _ in turns_of(data_copy)}


def test_a_sentence_in_capitals_before_a_double_space_is_not_a_label(data_copy):
    page = "PRESIDENT HALE:  Thank you.  PBS.\nPBS.  Ms. — Ms. Lopez.\n\nQ    Thank you, sir.\n"
    add(data_copy, page, "Mark Hale")
    report = report_of(data_copy)
    assert not [e for e in report["errors"] if "'PBS.'" in e["problem"]]
    paste_all(data_copy, report)
    assert turns_of(data_copy)[0] == ("Mark Hale", "Thank you. PBS. PBS. Ms. — Ms. Lopez.")


FURNITURE_PAGE = """Press statements following Russian-Valmaran talks

Vladimir Putin and Ostan Kaya made statements for the press.

May 17, 2017

The Kremlin, Moscow

President of Russia Vladimir Putin: Mr President, ladies and gentlemen,

We discussed trade in detail. Energy is a priority area in our work. Valmara reliably buys grain from us. The new port will open next year, as we agreed today.

See also

Meeting with President of Valmara Ostan Kaya

May 17, 2017

Additional

State visit to Valmara

May 16 − 17, 2017

Energy is a priority area in our work. Valmara reliably buys grain from us.

Culture matters too. The theatre year will open in June, and students will study in both countries. Students and scientists from both countries will work together in laboratories, universities and museums, as they did before the pandemic.

Students and scientists from both countries will work together in universities and museums, as they did before the pandemic.

At the press statements following Russian-Valmaran talks.

President of Valmara Ostan Kaya (retranslated): Thank you. (Referring to a piece of audio equipment.) We agree on the port.

President of Valmara Ostan Kaya.

See also

Russian-Valmaran talks

May 17, 2017

Geography

Valmara

Publication status

Published in sections: News, Transcripts

Publication date:

May 17, 2017, 16:10

Direct link: en.kremlin.ru/d/00001
"""
FURNITURE_LINES = ["See also", "Meeting with President of Valmara Ostan Kaya", "May 17, 2017", "Additional",
                   "State visit to Valmara", "May 16 − 17, 2017",
                   "Energy is a priority area in our work. Valmara reliably buys grain from us.",
                   "Students and scientists from both countries will work together in universities and museums, as they did before the pandemic.",
                   "At the press statements following Russian-Valmaran talks.", "(Referring to a piece of audio equipment.)",
                   "President of Valmara Ostan Kaya.", "Russian-Valmaran talks", "Geography", "Valmara",
                   "Publication status", "Published in sections: News, Transcripts", "Publication date:",
                   "May 17, 2017, 16:10", "Direct link: en.kremlin.ru/d/00001"]


def test_furniture_that_stands_once_is_offered_and_no_spoken_line_is(data_copy):
    add(data_copy, FURNITURE_PAGE, "Vladimir Putin; Ostan Kaya")
    report = report_of(data_copy)
    offered = [r for r in rows(report, "exclusions.csv") if r[1] != "header"]
    pieces = {line.strip() for r in offered for line in r[2].split("\n") if line.strip()}
    assert pieces == set(FURNITURE_LINES)  # every furniture line, and nothing spoken
    quotes = {r[2][:8]: r[5:] for r in offered if r[1] == "pull_quote"}
    assert quotes == {"Energy i": ["1", "paragraph"],  # also spoken word for word: only its paragraph of its own goes
                      "Students": ["1"]}  # an edited excerpt (words left out): found by its runs of words
    paste_all(data_copy, report)
    assert report_of(data_copy)["ok"]
    putin, kaya = turns_of(data_copy)
    assert putin[1] == ("Mr President, ladies and gentlemen,\nWe discussed trade in detail. Energy is a priority area "
                        "in our work. Valmara reliably buys grain from us. The new port will open next year, as we "
                        "agreed today.\nCulture matters too. The theatre year will open in June, and students will "
                        "study in both countries. Students and scientists from both countries will work together in "
                        "laboratories, universities and museums, as they did before the pandemic.")
    assert kaya == ("Ostan Kaya", "Thank you. We agree on the port.")


def test_stage_directions_in_brackets_are_offered_and_names_in_brackets_are_not(data_copy):
    page = ("PRESIDENT HALE:  Thank you. (Referring to a piece of audio equipment.) We met the CSTO (Collective "
            "Security Treaty Organisation) in Astana (Kazakhstan). (Speaks in French) Merci. (as interpreted) Yes.\n")
    add(data_copy, page, "Mark Hale")
    offered = {r[2] for r in rows(report_of(data_copy), "exclusions.csv") if r[1] == "stage_direction"}
    assert offered == {"(Referring to a piece of audio equipment.)", "(Speaks in French)", "(as interpreted)"}


# --- what an independent review tried (its inputs, written for it) ---------------------------------------------

def converged(data, page, participants, roles=None, fill=None):
    """Add the page, paste every row offered for a problem and for a note (filling '?' roles from ``roles``), run
    the check again: its report and the turns (speaker, text)."""
    add(data, page, participants)
    first = report_of(data)
    for error in first["errors"]:
        for paste in error["pastes"]:
            if paste["file"].endswith("speakers.csv"):
                paste["row"] = [(roles or {}).get(paste["row"][0], v) if v == "?" else v for v in paste["row"]]
    paste_all(data, first, fill=fill)
    second = report_of(data)
    assert second["ok"], [e["problem"] for e in second["errors"]]
    return first, turns_of(data)


@pytest.mark.parametrize("title", ["Mr.", "Dr.", "H.E."])
def test_a_title_with_a_full_stop_before_a_name_is_one_label(data_copy, title):
    page = f"Vladimir Putin: Hello.\n\n{title} Ostan Kaya: Grain will flow.\n"  # the check once crashed on it
    _, turns = converged(data_copy, page, "Vladimir Putin; Ostan Kaya", roles={"Ostan Kaya": "head_of_state"})
    assert turns == [("Vladimir Putin", "Hello."), ("Ostan Kaya", "Grain will flow.")]


def test_labels_with_titles_or_a_white_house_gap_inside_a_line_are_refused_and_fixed(data_copy):
    page = ("President of Russia Vladimir Putin: Mr President, we held useful talks today. Thank you. President of "
            "Valmara Ostan Kaya (retranslated): Thank you. Our delegations worked for six hours.\n\nQuestion: A question "
            "for the President about trade?\n\nVladimir Putin: Trade will grow next year.  Q    And the gas price, "
            "Mr. President?\n\nVladimir Putin: It will stay where it is.\n")
    first, turns = converged(data_copy, page, "Vladimir Putin; Ostan Kaya", roles={"Ostan Kaya": "head_of_state"})
    assert sum("stands inside a line" in e["problem"] for e in first["errors"]) == 2
    assert turns == [("Vladimir Putin", "Mr President, we held useful talks today. Thank you."),
                     ("Ostan Kaya", "Thank you. Our delegations worked for six hours."),
                     ("Journalist", "A question for the President about trade?"),
                     ("Vladimir Putin", "Trade will grow next year."), ("Journalist", "And the gas price, Mr. President?"),
                     ("Vladimir Putin", "It will stay where it is.")]


def test_a_new_label_also_standing_inside_a_line_is_fixed_in_the_same_run(data_copy):
    page = ("East Room  •  2:05 P.M. EDT\n\nPRESIDENT HALE:  Good afternoon. We talked about ports.\n\nQ    Thank you. "
            "A question on the ferry line. PRESIDENT HALE:  Well, the ferry line will open next spring.\n\nQ    Thank you.\n")
    first, turns = converged(data_copy, page, "Mark Hale")
    [card] = [p["row"] for e in first["errors"] for p in e["pastes"] if p["row"][1:2] == ["speaker_card"]]
    assert card[2:4] == ["PRESIDENT HALE:", "Mark Hale"]  # the speaker the new label's row gives it, not '?'
    assert [s for s, _ in turns] == ["Mark Hale", "Journalist", "Mark Hale", "Journalist"]


def test_a_label_like_phrase_inside_a_line_is_a_note_not_a_problem(data_copy):
    page = ("Vladimir Putin: Good afternoon. Thank you for coming. Moderator Ilse Brandt: Thank you.\n\nQuestion: The "
            "issue is simple. Question: who pays for the bridge?\n")
    add(data_copy, page, "Vladimir Putin")
    report = report_of(data_copy)
    assert not [e for e in report["errors"] if "inside a line" in e["problem"]]
    notes = [n["problem"] for n in report["notes"] if "inside a line" in n["problem"]]
    assert len(notes) == 2 and any("Moderator Ilse Brandt" in n for n in notes) and any("'Question'" in n for n in notes)


def test_a_titled_name_with_a_full_stop_and_a_dash_are_labels(data_copy):
    page = ("President of Russia Vladimir Putin: Mr President, friends, we held useful talks today.\n\nPresident of "
            "Valmara Ostan Kaya (retranslated). Thank you, Mr President.\n\nQuestion: On grain?\n\nOstan Kaya "
            "(retranslated) – Grain will flow.\n\nVladimir Putin – I agree.\n")
    _, turns = converged(data_copy, page, "Vladimir Putin; Ostan Kaya", roles={"Ostan Kaya": "head_of_state"})
    assert [s for s, _ in turns] == ["Vladimir Putin", "Ostan Kaya", "Journalist", "Ostan Kaya", "Vladimir Putin"]


def test_names_alone_on_their_lines_are_labels_but_not_among_a_footer_s_tags(data_copy):
    page = ("Press conference of Emmanuel MACRON and Erik LUND\n\nEmmanuel MACRON and Erik LUND held a press conference "
            "at the Palace.\n\nEmmanuel MACRON\nLadies and gentlemen, thank you. We talked about the ferry line.\n\n"
            "Erik LUND\nThank you, Mr President. The ferry line will open in May.\n\nQuestion\nA question on grain?\n\n"
            "Erik Lund: Grain will flow.\n\nPersons\n\nErik Lund\n\nPublication date: March 3, 2024, 15:00\n")
    _, turns = converged(data_copy, page, "Emmanuel Macron; Erik Lund",
                         roles={"Erik Lund": "head_of_government", "Emmanuel Macron": "head_of_state"})
    assert turns == [("Emmanuel Macron", "Ladies and gentlemen, thank you. We talked about the ferry line."),
                     ("Erik Lund", "Thank you, Mr President. The ferry line will open in May."),
                     ("Journalist", "A question on grain?"), ("Erik Lund", "Grain will flow.")]


def test_hard_wrapped_speech_that_names_a_participant_stays_speech(data_copy):
    page = ("Vladimir Putin: Ladies and gentlemen, we held long talks today with\nmy colleague, the Prime Minister of "
            "Nordavia,\nErik Lund. We agreed on grain and ferries.\n\nThe visit of Prime Minister Erik Lund to Moscow "
            "is\nthe first in years.\n\nErik Lund: Thank you.\n")
    first, turns = converged(data_copy, page, "Vladimir Putin; Erik Lund", roles={"Erik Lund": "head_of_government"})
    assert not first["notes"] and [s for s, _ in turns] == ["Vladimir Putin", "Erik Lund"]


def test_a_short_answer_that_names_a_participant_is_not_a_caption(data_copy):
    page = ("Dana Whitfield (00:01):\nGood morning. The Prime Minister will speak first.\n\nErik Lund (00:15):\nThank "
            "you, Dana. We agreed on the ferry line.\n\nMarco Tell (01:02):\nWill the line open this year?\n\nErik Lund "
            "(01:10):\nThe decision rests with President Ostan Kaya and the port authority.\n")
    first, turns = converged(data_copy, page, "Erik Lund; Ostan Kaya",
                             roles={"Erik Lund": "head_of_government", "Dana Whitfield": "moderator", "Marco Tell": "journalist"})
    assert not [n for n in first["notes"] if "caption" in n["problem"]] and len(turns) == 4


def test_a_pull_quote_that_is_also_a_whole_paragraph_of_speech_gets_no_row(data_copy):
    quote = "Energy is a priority area in our work, and Valmara reliably buys grain from us."
    page = (f"Vladimir Putin: Mr President, ladies and gentlemen,\n\nWe discussed trade in detail.\n\n{quote}\n\nThe new "
            f"port will open next year.\n\n{quote}\n\nOstan Kaya: Thank you.\n")
    add(data_copy, page, "Vladimir Putin; Ostan Kaya")
    [note] = [n for n in report_of(data_copy)["notes"] if "pull quote" in n["problem"]]
    assert not note["pastes"] and "also stands word for word" in note["fix"]


def test_a_title_label_of_a_participant_without_a_row_converges(data_copy):
    page = ("Valmara • 2:05 P.M.\n\nTHE PRESIDENT:  Good afternoon.\n\nPRIME MINISTER KAYA:  Thank you.\n\nQ    A "
            "question?\n\nTHE PRESIDENT:  An answer.\n")
    first, turns = converged(data_copy, page, "Mark Hale; Ostan Kaya")
    assert [s for s, _ in turns] == ["Mark Hale", "Ostan Kaya", "Journalist", "Mark Hale"]

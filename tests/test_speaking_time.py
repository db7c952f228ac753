"""Speaking time: worked examples computed by hand, and the real corpus checked against its turns."""


import numpy as np
import pandas as pd
import pytest

from analysis import speaking_time as st
from analysis import units

EVENTS = pd.DataFrame({"event": ["e1", "e2"]})
SPEAKERS = pd.DataFrame({"speaker": ["Host", "Guest", "Journalist"], "language": ["ru", "en", ""],
                         "role": ["head_of_state", "head_of_state", "journalist"]})


GROUPS = {"head_of_state": "principal", "journalist": "press", "moderator": "staff"}


def turn(event, number, speaker, role, words, label="", journalist="", source="", outlet="", origin=""):
    return {"doc_id": f"{event}-doc", "event": event, "turn": number, "speaker": speaker, "role": role,
            "role_group": GROUPS[role], "n_words": words, "label": label or speaker, "journalist": journalist, "journalist_source": source,
            "outlet": outlet, "outlet_country": "", "outlet_origin": origin}


# e1: a Q&A. e2: two statements.
TURNS = pd.DataFrame([
    turn("e1", 0, "Host", "head_of_state", 20),                                   # opening remarks
    turn("e1", 1, "Journalist", "journalist", 10, "Question", "Ann", "introduction", "Daily", "foreign"),
    turn("e1", 2, "Host", "head_of_state", 100),
    turn("e1", 3, "Journalist", "journalist", 5, "Remark", "Ann", "earlier turn", "Daily", "foreign"),
    turn("e1", 4, "Host", "head_of_state", 50),
    turn("e1", 5, "Journalist", "journalist", 15, "Question"),                     # nobody named
    turn("e1", 6, "Host", "head_of_state", 30),
    turn("e2", 0, "Guest", "head_of_state", 300),
    turn("e2", 1, "Host", "head_of_state", 150),
])


def test_speaker_table_by_hand():
    table = st.speaker_table(TURNS, EVENTS, SPEAKERS).set_index(["event", "speaker"])
    host = table.loc[("e1", "Host")]
    assert host["words"] == 200 and host["turns"] == 4
    assert host["share_of_words"] == pytest.approx(200 / 230)
    assert host["mean_turn_words"] == 50 and host["median_turn_words"] == 40 and host["longest_turn_words"] == 100
    assert table.loc[("e2", "Guest"), "share_of_words"] == pytest.approx(300 / 450)
    assert list(table.index.get_level_values("event")) == ["e1", "e1", "e2", "e2"]
    assert list(table.loc["e2"].index) == ["Host", "Guest"]  # speakers.csv order, not alphabetical


def test_role_table_shares_sum_to_one_per_event():
    table = st.role_table(TURNS, EVENTS)
    assert table.groupby("event")["share_of_words"].sum().tolist() == pytest.approx([1.0, 1.0])
    assert table.set_index(["event", "role"]).loc[("e1", "journalist"), "words"] == 30


def test_exchanges_by_hand():
    table = st.exchanges(TURNS)
    assert len(table) == 2  # e2 has no journalists
    first, second = table.to_dict("records")
    assert (first["journalist"], first["outlet"], first["follow_ups"]) == ("Ann", "Daily", 1)
    assert (first["question_words"], first["answer_words"], first["answer_turns"]) == (15, 150, 2)
    assert (second["journalist"], second["outlet_origin"], second["answer_words"]) == ("", "not named", 30)
    origins = st.origin_table(table).set_index("outlet_origin")
    assert origins.loc["foreign", "mean_answer_words"] == 150 and origins.loc["not named", "questions"] == 1


def test_a_moderator_giving_the_floor_is_neither_question_nor_answer():
    turns = pd.DataFrame([
        turn("e3", 0, "Journalist", "journalist", 10, "Q", "Bo", "introduction", "Radio", "foreign"),
        turn("e3", 1, "Host", "head_of_state", 40),
        turn("e3", 2, "Chair", "moderator", 3),  # "Next question, please."
        turn("e3", 3, "Journalist", "journalist", 8, "Q"),
        turn("e3", 4, "Host", "head_of_state", 20),
    ])
    table = st.exchanges(turns)
    assert table["answer_words"].tolist() == [40, 20] and table["answer_turns"].tolist() == [1, 1]
    assert table["question_words"].tolist() == [10, 8]


def test_answers_split_by_speaker_add_up_to_the_exchange_and_keep_an_unanswered_one():
    turns = pd.DataFrame([
        turn("e4", 0, "Journalist", "journalist", 10, "Q", "Bo", "introduction", "Radio", "foreign"),
        turn("e4", 1, "Host", "head_of_state", 40),
        turn("e4", 2, "Guest", "head_of_state", 25),   # a joint news conference: both leaders answer
        turn("e4", 3, "Host", "head_of_state", 5),
        turn("e4", 4, "Journalist", "journalist", 8, "Q", "Cy", "introduction", "Post", "foreign"),
        turn("e4", 5, "Chair", "moderator", 3),        # the floor passes on, nobody answers
        turn("e4", 6, "Journalist", "journalist", 7, "Q", "Di", "introduction", "Wire", "foreign"),
        turn("e4", 7, "Guest", "head_of_state", 60),
    ])
    table = st.exchanges(turns)
    split = st.answer_words_by_speaker(turns, table)
    assert split[["exchange", "speaker", "answer_words", "answer_turns"]].values.tolist() == [
        [0, "Host", 45, 2], [0, "Guest", 25, 1], [1, "", 0, 0], [2, "Guest", 60, 1]]
    assert split.groupby("exchange")["answer_words"].sum().tolist() == table["answer_words"].tolist()


def test_answers_split_by_speaker_match_the_exchanges_of_the_corpus(corpus):
    table = st.exchanges(corpus.turns)
    split = st.answer_words_by_speaker(corpus.turns, table)
    summed = split.groupby(["doc_id", "exchange"], sort=False)[["answer_words", "answer_turns"]].sum()
    assert summed.values.tolist() == table[["answer_words", "answer_turns"]].values.tolist()


def test_bootstrap_is_seeded_and_gives_no_interval_below_the_minimum_of_units():
    first = st.bootstrap_shares(TURNS, group="role")
    pd.testing.assert_frame_equal(first, st.bootstrap_shares(TURNS, group="role"))
    e1 = first[(first["event"] == "e1") & (first["role"] == "journalist")].iloc[0]
    # e1: an opening statement and two exchanges (the remark follows Ann's question up): three units, no interval
    assert e1["share"] == pytest.approx(30 / 230) and e1["unit_description"] == "2 exchanges and 1 statement turn"
    assert (e1["units"], e1["group_units"], e1["interval_note"]) == (3, 2, units.TOO_FEW) and np.isnan(e1["low"])
    e2 = first[first["event"] == "e2"].iloc[0]
    assert (e2["share"], e2["units"], e2["unit_description"], e2["turns"]) == (1.0, 2, "2 turns", 2)
    assert np.isnan(e2["low"]) and np.isnan(e2["high"])


def conference(exchanges, question=10, answer=90):
    """A news conference of ``exchanges`` exchanges, each a question of ``question`` words and an answer of
    ``answer`` words (a list gives each exchange its own answer)."""
    answers = answer if isinstance(answer, list) else [answer] * exchanges
    rows = []
    for k, words in enumerate(answers):
        rows.append(turn("e1", 2 * k, "Journalist", "journalist", question, "Question", f"J{k}", "introduction",
                         "Daily", "foreign"))
        rows.append(turn("e1", 2 * k + 1, "Host", "head_of_state", words))
    return pd.DataFrame(rows)


def test_a_news_conference_resamples_whole_exchanges_so_a_question_stays_with_its_answer():
    # finding 6 of issue 25: resampling turns regardless of who speaks splits questions from their answers. With
    # every exchange 10 words of question and 90 of answer, any resample of whole exchanges gives the journalists
    # exactly 10 %; resampling turns does not
    turns = conference(8)
    shares = st.bootstrap_shares(turns, group="role", samples=500).set_index("role")
    assert shares.loc["journalist", "unit_description"] == "8 exchanges"
    assert shares.loc["journalist", ["share", "low", "high"]].tolist() == pytest.approx([0.1, 0.1, 0.1])
    by_turns = st.bootstrap_shares(turns.drop(columns=["journalist_source"]).assign(design_unit=lambda t: t["turn"],
                                                                                    unit_kind="turn"),
                                   group="role", samples=500).set_index("role")
    assert by_turns.loc["journalist", "high"] - by_turns.loc["journalist", "low"] > 0.05


def test_a_point_is_inside_its_interval_whenever_there_is_one():
    turns = conference(12, answer=[90, 20, 300, 45, 60, 10, 500, 80, 75, 33, 120, 64])
    for seed in range(5):
        shares = st.bootstrap_shares(turns, group="role", samples=300, seed=seed)
        assert ((shares["low"] <= shares["share"]) & (shares["share"] <= shares["high"])).all()
    assert shares["units"].tolist() == [12, 12]

def test_estimated_minutes_by_hand():
    table = st.estimate_minutes(TURNS, SPEAKERS, EVENTS, rates={"ru": 100, "en": 150}, seconds_per_change=30)
    table = table.set_index(["event", "speaker"])
    assert table.loc[("e1", "Host"), "minutes"] == pytest.approx(200 / 100)
    assert table.loc[("e1", "Journalist"), "minutes"] == pytest.approx(30 / st.DEFAULT_WPM)  # no rate for ''
    assert table.loc[("e2", "Guest"), "minutes"] == pytest.approx(2.0)
    whole = table.loc[("e1", st.WHOLE), "minutes"]
    assert whole == pytest.approx(2.0 + 0.2 + 6 * 0.5)  # 7 turns -> 6 changes of 30 s


def test_check_estimates_by_hand():
    estimates = pd.DataFrame({"event": ["e1", "e1", "e2"], "speaker": ["a", "b", "c"], "words": [1, 1, 1],
                              "rate": [1.0, 1.0, 1.0], "minutes": [10.0, 14.0, 12.5]})
    published = pd.DataFrame({"event": ["e1", "e1", "e2"], "speaker": ["a", "b", "c"], "published_low": [12.0] * 3,
                              "published_high": [13.0] * 3, "source": ["s"] * 3})
    table = st.check_estimates(estimates, published)
    assert table["minutes_outside"].tolist() == pytest.approx([-2.0, 1.0, 0.0])
    assert table["percent_outside"].tolist() == pytest.approx([-200 / 12, 100 / 13, 0.0])
    assert table["inside"].tolist() == [False, False, True]  # 14 against 12-13 misses, by 1 minute: no tolerance


def test_calibration_and_allowance_by_hand():
    durations = pd.DataFrame({"event": ["e2", "e2"], "speaker": ["Guest", "Host"], "minutes_low": [2.0, 1.0],
                              "minutes_high": [4.0, 2.0], "source": ["s", "s"]})
    calibration = st.calibrate_rates(TURNS, SPEAKERS, durations).set_index("speaker")
    assert calibration.loc["Guest", "rate"] == pytest.approx(100) and calibration.loc["Guest", "rate_high"] == 150
    assert st.rates_by_language(calibration.reset_index()) == pytest.approx({"en": 100, "ru": 100})
    estimates = pd.DataFrame({"event": ["e1", "e2"], "speaker": [st.WHOLE] * 2, "words": [230, 450],
                              "turns": [7, 2], "minutes": [10.0, 4.0]})
    published = pd.DataFrame({"event": ["e1", "e2"], "speaker": [st.WHOLE] * 2, "published_low": [11.0, 4.0],
                              "published_high": [12.0, 5.0], "source": ["s", "s"]})
    implied = st.implied_seconds_per_change(estimates, published).set_index("event")
    assert implied.loc["e1", "seconds_to_low"] == pytest.approx(10) and implied.loc["e1", "seconds_to_high"] == pytest.approx(20)
    assert implied.loc["e2", "seconds_to_low"] == 0 and implied.loc["e2", "seconds_to_high"] == pytest.approx(60)
    assert st.consistent_seconds_per_change(implied) == pytest.approx(
        {"low": 10, "high": 20, "middle": 15, "fits_all": True})
    clash = implied.assign(seconds_to_high=[5.0, 60.0])  # e1 needs 10 to 5 s (impossible), e2 0 to 60 s
    fitted = st.consistent_seconds_per_change(clash)
    assert not fitted["fits_all"] and fitted["middle"] == pytest.approx((7.5 + 30) / 2)  # median of own middles
    assert st.consistent_seconds_per_change(clash.iloc[:0])["middle"] == 0


def test_leave_one_event_out_fits_on_the_other_events_only():
    durations = pd.DataFrame({"event": ["e1", "e2"], "speaker": ["Host", "Guest"], "minutes_low": [1.0, 2.0],
                              "minutes_high": [1.0, 2.0], "source": ["s", "s"]})
    events = pd.DataFrame({"event": ["e1", "e2"], "press_minutes_low": [float("nan"), 4.0],
                           "press_minutes_high": [float("nan"), 4.0], "press_minutes_source": ["", "s"]})
    table = st.leave_one_event_out(TURNS, SPEAKERS, events, durations).set_index(["event", "speaker"])
    # e1's Host spoke Russian; e2 publishes minutes only of an English speaker, so nothing could be fitted for
    # him: no estimate (the default rate would give back the default estimate, no test of a fit), and why
    host = table.loc[("e1", "Host")]
    assert np.isnan(host["minutes"]) and host["fitted_on"] == "" and "Russian" in host["why_none"]
    assert pd.isna(host["inside"]) and np.isnan(host["minutes_outside"])
    # e2's Guest spoke English: e1 publishes minutes of a Russian speaker only, so none for him either
    assert np.isnan(table.loc[("e2", "Guest"), "minutes"]) and "English" in table.loc[("e2", "Guest"), "why_none"]
    # e2's whole appearance: no other event has a published total, so no allowance is added; but e2's Host speaks
    # Russian at the rate fitted on e1 (200 words in 1 minute), so the estimate rests on e1
    whole = table.loc[("e2", st.WHOLE)]
    assert whole["seconds_per_change"] == 0 and whole["fitted_on"] == "e1" and whole["why_none"] == ""
    assert whole["minutes"] == pytest.approx(300 / st.DEFAULT_WPM + 150 / 200)


def test_real_corpus_exchanges_and_minutes(corpus):
    doc = "geneva2021_kremlin_transcript"
    table = st.exchanges(corpus.select("turns", doc_id=[doc, "anchorage2025_kremlin_transcript"]))
    assert set(table["doc_id"]) == {doc} and len(table) == 19
    turns = corpus.turns.set_index(["doc_id", "turn"])["n_words"]
    cnn = table[table["outlet"] == "CNN"].iloc[0]  # answer = Putin's turns 6 and 8, around Chance's follow-up
    assert cnn["answer_words"] == turns[(doc, 6)] + turns[(doc, 8)] and cnn["follow_ups"] == 1
    assert table["question_words"].sum() == corpus.select("turns", role_group="press", doc_id=doc)["n_words"].sum()
    published = st.published_minutes(corpus.events, corpus.durations)
    assert {"Vladimir Putin", "Donald Trump", st.WHOLE} <= set(published["speaker"])  # a student may add more
    minutes = st.estimate_minutes(corpus.turns, corpus.speakers, corpus.events).set_index(["event", "speaker"])
    anchorage = corpus.select("turns", doc_id="anchorage2025_kremlin_transcript")
    event = anchorage["event"].iloc[0]
    assert minutes.loc[(event, "Vladimir Putin"), "minutes"] == pytest.approx(
        corpus.select("turns", event=event, speaker="Vladimir Putin")["n_words"].sum() / 150)

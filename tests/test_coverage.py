"""Coverage: quotes found in the news reports, attributed, and aligned to the transcript."""

import hashlib

import pandas as pd
import pytest
from helpers import write_one_document_corpus

from analysis import coverage as cv
from analysis import load_corpus, paths
from analysis.annotation import annotate
from analysis.sentiment import reference_analyzer, vader
from analysis.text import load_abbreviations

B = "anchorage2025_news_report_b"
SHAFAQ = "anchorage2025_shafaq_news"


@pytest.fixture(scope="module")
def aligned(corpus):
    return cv.align(cv.quotes(corpus), corpus.sentences)


def quote(aligned, doc_id, starts):
    rows = aligned[(aligned["doc_id"] == doc_id) & aligned["text"].str.startswith(starts)]
    assert len(rows) == 1, f"{starts!r}: {len(rows)} rows"
    return rows.iloc[0]


def test_offsets_point_at_the_quoted_text(corpus, aligned):
    for row in aligned.itertuples():
        assert corpus.raw_text(row.doc_id)[row.start_char:row.end_char] == row.text
    assert set(aligned["doc_id"]) == {"anchorage2025_news_report_a", B, SHAFAQ}


def test_the_three_kinds_of_quotation_marks(aligned):
    assert quote(aligned, B, "Ukraine’s security must be ensured")["text"] == "Ukraine’s security must be ensured"  # ‘…’ with an apostrophe inside
    assert quote(aligned, B, "I'm going to start")["speaker"] == "Donald Trump"  # straight quotes, "he told reporters"
    tass = quote(aligned, B, "I agree with President Trump that")
    assert (tass["speaker"], tass["attribution"]) == ("Vladimir Putin", "Putin told a press conference in Anchorage")


def test_attribution_by_pronoun_paragraph_and_other_speakers(aligned):
    assert quote(aligned, SHAFAQ, "That’s an interesting one")["speaker"] == "Donald Trump"  # "he said" after "Trump, ..."
    assert quote(aligned, "anchorage2025_news_report_a", "I’m sure this foundation")["speaker"] == "Vladimir Putin"
    assert quote(aligned, "anchorage2025_news_report_a", "The situation in Ukraine is tied")["speaker"] == "Vladimir Putin"
    reporters = quote(aligned, B, "stop killing civilians")
    assert reporters["speaker"] == "" and reporters["attribution"].startswith("reporters asked")
    assert quote(aligned, B, "I would like to thank Trump")["source"] == "TASS"


def test_fidelity_classes_on_examples_read_by_hand(aligned):
    assert quote(aligned, "anchorage2025_news_report_a", "There were many, many points")["fidelity"] == "verbatim"
    assert quote(aligned, B, "I agree with President Trump that")["fidelity"] == "close"  # TASS's translation
    assert quote(aligned, SHAFAQ, "We expect that Kyiv")["fidelity"] == "close"  # another translation
    assert quote(aligned, B, "I wouldn’t be thrilled")["fidelity"] == "other occasion"  # said to Fox News, not here
    assert quote(aligned, B, "roots")["kind"] == "phrase"


def test_normalisation_for_matching():
    assert cv.normalise_for_matching("I’m sure that’s it — they won't!") == "i am sure that is it they will not"


def test_coverage_map_by_hand():
    sentences = pd.DataFrame({"doc_id": ["t"] * 3, "event": ["e"] * 3, "turn": [0, 0, 0], "position": [0, 1, 2],
                              "speaker": ["P"] * 3, "role": ["head_of_state"] * 3, "n_words": [3, 3, 3],
                              "text": ["a", "b", "c"]})
    aligned = pd.DataFrame({"doc_id": ["n1", "n2", "n2", "n3", "n3", "n3"], "event": ["e"] * 6,
                            "fidelity": ["verbatim", "close", "close", "not found", "verbatim", "close"],
                            "kind": ["quote"] * 4 + ["phrase", "quote"], "speaker": ["P"] * 5 + [""],
                            "match_doc": ["t"] * 6, "match_first": [0, 0, 1, 2, 2, 2], "match_last": [1, 0, 1, 2, 2, 2]})
    covered = cv.coverage_map(aligned, sentences)
    # sentence 2: the not-found quote, the phrase and the quote with no speaker do not count
    assert covered["quotes"].tolist() == [2, 2, 0] and covered["reports"].tolist() == [2, 2, 0]


def test_attribution_stops_at_the_end_of_a_sentence():
    text = "Putin called the talks “very constructive and useful for both sides”. Trump said the meeting was a ten."
    start = text.index("“") + 1
    end = text.index("”")
    mentions = [(0, 5, "Vladimir Putin"), (text.index("Trump"), text.index("Trump") + 5, "Donald Trump")]
    assert cv.attribute(text, start, end, mentions)[0] == "Vladimir Putin"


def test_a_quote_is_credited_to_the_sentences_it_renders(aligned):
    foundation = quote(aligned, "anchorage2025_news_report_a", "I’m sure this foundation")
    assert (foundation["match_first"], foundation["match_last"]) == (20, 20)


def test_topic_emphasis_shares_sum_to_one(corpus, aligned):
    from analysis import topics
    emphasis = cv.topic_emphasis(aligned, topics.assign(corpus.sentences))
    for _, part in emphasis.groupby("speaker"):
        assert part["record_share"].sum() == pytest.approx(1) and part["coverage_share"].sum() == pytest.approx(1)


# --- sentence by sentence: small synthetic records ------------------------------------------------------

ABBREVIATIONS = frozenset({"mr"})
RECORD = [("P", "We held very good and useful talks today."),        # 0
          ("P", "The war is a terrible tragedy for our people."),     # 1
          ("P", "Our ministers will meet again next month in Vienna."),  # 2
          ("P", "Trade between our countries has fallen sharply."),   # 3
          ("T", "I think we will get a wonderful deal on grain."),    # 4 (another speaker's turn)
          ("P", "The Arctic is a region of cooperation for us.")]     # 5


def record(rows=RECORD) -> pd.DataFrame:
    """A transcript of one event: a turn per run of one speaker, one sentence per row."""
    turns = pd.Series([speaker for speaker, _ in rows]).ne(pd.Series([speaker for speaker, _ in rows]).shift()).cumsum() - 1
    return pd.DataFrame({"doc_id": "t", "event": "e", "turn": turns, "position": range(len(rows)),
                         "speaker": [speaker for speaker, _ in rows], "role": "head_of_state",
                         "n_words": [len(text.split()) for _, text in rows], "text": [text for _, text in rows]})


def aligned_quotes(*quotes: tuple[str, str], cue: str = "") -> pd.DataFrame:
    """``align`` of hand-made quotes ``(speaker, text)`` in one report ``n`` of event ``e``."""
    table = pd.DataFrame({"doc_id": "n", "event": "e", "speaker": [s for s, _ in quotes], "text": [t for _, t in quotes],
                          "n_words": [len(t.split()) for _, t in quotes], "occasion_cue": cue})
    return cv.align(table, record())


def test_a_two_sentence_quote_is_scored_as_two_sentences():
    first, second = RECORD[0][1], RECORD[1][1]
    aligned = aligned_quotes(("P", f"{first} {second}"))
    pieces = cv.quote_sentences(aligned, record(), ABBREVIATIONS)
    score = reference_analyzer().polarity_scores
    assert pieces["text"].tolist() == [first, second]
    assert pieces["compound"].tolist() == [score(first)["compound"], score(second)["compound"]]
    assert (pieces["match_first"].tolist(), pieces["match_last"].tolist()) == ([0, 1], [0, 1])
    tone = cv.tone(aligned, pieces, vader(record()))
    row = tone[(tone["occasion"] == "event") & (tone["doc_id"] == "(all reports)")].iloc[0]
    assert row["quote_sentences"] == 2 and row["sentences_found"] == 2
    assert row["mean_quote_sentence"] == pytest.approx((score(first)["compound"] + score(second)["compound"]) / 2)
    assert row["mean_matched_record"] == pytest.approx(row["mean_quote_sentence"])  # verbatim: no gap
    assert row["gap"] == pytest.approx(0) and row["mean_quote_whole"] == score(f"{first} {second}")["compound"]
    assert row["mean_quote_whole"] != pytest.approx(row["mean_quote_sentence"], abs=0.05)  # one unit is another measure
    parts = cv.tone_gap_parts(tone).iloc[0]
    assert parts["earlier_gap"] == pytest.approx(parts["gap"] + parts["from_selection"] + parts["from_unit"])
    assert parts["from_unit"] == pytest.approx(row["mean_quote_whole"] - row["mean_quote_sentence"]) != 0


def test_a_quote_joined_from_non_adjacent_sentences_is_flagged_spliced():
    aligned = aligned_quotes(("P", f"{RECORD[0][1]} {RECORD[3][1]}"), ("P", f"{RECORD[2][1]} {RECORD[3][1]}"),
                             ("P", f"{RECORD[3][1]} {RECORD[0][1]}"))
    flags = cv.quote_flags(aligned, cv.quote_sentences(aligned, record(), ABBREVIATIONS))
    assert flags["spliced"].tolist() == [True, False, True]  # 0 then 3: a gap; 2 then 3: in order; 3 then 0: moved
    assert flags["matched_positions"].iloc[0] == "t:0-0;t:3-3"
    assert not flags["other_speaker"].any()


def test_a_sentence_not_found_between_two_found_ones_may_fill_the_gap():
    ranges = [(0, "t", 0, 0), (2, "t", 2, 2)]  # quote sentence 1, not found, may render record sentence 1
    assert not cv.spliced(ranges) and cv.spliced([(0, "t", 0, 0), (1, "t", 2, 2)])


def test_words_the_record_gives_to_another_speaker_are_flagged_other_speaker():
    aligned = aligned_quotes(("P", RECORD[4][1]), ("P", RECORD[5][1]))
    flags = cv.quote_flags(aligned, cv.quote_sentences(aligned, record(), ABBREVIATIONS))
    assert flags["other_speaker"].tolist() == [True, False]
    assert flags["matched_speakers"].tolist() == ["T", "P"]


def test_a_near_tie_stays_with_the_speaker_the_report_names():
    rows = [("P", "We will work together for peace."), ("T", "We will work together for peace.")]
    aligned = cv.align(pd.DataFrame({"doc_id": "n", "event": "e", "speaker": ["P"], "n_words": [6],
                                     "text": ["We will work together for peace."]}), record(rows))
    flags = cv.quote_flags(aligned, cv.quote_sentences(aligned, record(rows), ABBREVIATIONS))
    assert flags["matched_speakers"].tolist() == ["P"] and not flags["other_speaker"].iloc[0]


def test_a_quote_from_another_occasion_is_kept_out_of_the_event(tmp_path):
    corpus = corpus_with_report(tmp_path, "Vladimir Putin: We held very good and useful talks today. "
                                "The war is a terrible tragedy for our people.\n\n"
                                "Donald Trump: We made great progress on many points.\n",
                                "Putin met Trump at the base.\n\n"
                                "Trump told Fox News before the meeting that he wanted a ceasefire. "
                                "“I would be very unhappy without a ceasefire, believe me,” he said.\n\n"
                                "Putin said the talks were “very good and useful talks today” for both sides.\n\n"
                                "Trump said “we made great progress on many points” in Alaska.\n\n"
                                "Putin said “in an interview with the people, ministers made up a tale”.\n")
    aligned = cv.align(cv.quotes(corpus), corpus.sentences)
    elsewhere = aligned[aligned["text"].str.startswith("I would be very unhappy")].iloc[0]
    assert (elsewhere["speaker"], elsewhere["fidelity"]) == ("Donald Trump", "other occasion")
    assert elsewhere["occasion_cue"] == "told Fox News" and "Fox News" in elsewhere["context"]
    assert set(aligned.loc[aligned["text"].str.startswith(("very good", "we made")), "fidelity"]) <= set(cv.FOUND)
    tale = aligned[aligned["text"].str.startswith("in an interview")].iloc[0]  # a cue inside the quote: his words
    assert (tale["occasion_cue"], tale["fidelity"]) == ("", "not found")
    pieces = cv.quote_sentences(aligned, corpus.sentences, load_abbreviations(corpus.data_dir / paths.ABBREVIATIONS_FILE))
    tone = cv.tone(aligned, pieces, annotate(corpus).sentences)
    trump_event = tone[(tone["occasion"] == "event") & (tone["speaker"] == "Donald Trump")]
    assert trump_event["quotes"].tolist() == [1, 1]  # all reports and the one report: only the quote from the event
    apart = tone[tone["occasion"] == "other occasion"]
    assert apart["speaker"].unique().tolist() == ["Donald Trump"] and apart["quotes"].tolist() == [1, 1]
    assert apart["mean_matched_record"].isna().all()  # nothing at the event to compare it with
    assert cv.coverage_map(aligned, corpus.sentences)["quotes"].sum() == 2
    assert cv.flagged(cv.quote_flags(aligned, pieces))["fidelity"].tolist() == ["other occasion"]
    assert tone.loc[(tone["occasion"] == "event") & (tone["speaker"] == "Vladimir Putin"), "quotes"].tolist() == [2, 2]


def test_a_not_found_quote_without_a_cue_stays_not_found():
    aligned = aligned_quotes(("P", "Bananas are yellow and grow in warm places far away."))
    assert aligned["fidelity"].tolist() == ["not found"]
    assert aligned_quotes(("P", "Bananas are yellow and grow in warm places far away."),
                          cue="told Fox News")["fidelity"].tolist() == ["other occasion"]
    assert aligned_quotes(("P", RECORD[0][1]), cue="told Fox News")["fidelity"].tolist() == ["verbatim"]


def test_cues_are_whole_words_in_any_spacing():
    cues = cv.read_occasion_cues()
    assert cv.occasion_cues_in("Speaking  to\nFox News, he said", cues) == "speaking to Fox News"
    assert cv.occasion_cues_in("he spoke on Truth Socialism", cues) == ""


def test_sentence_tables_are_deterministic(corpus):
    abbreviations = load_abbreviations(corpus.data_dir / paths.ABBREVIATIONS_FILE)
    made = []
    for _ in range(2):
        aligned = cv.align(cv.quotes(corpus), corpus.sentences)
        pieces = cv.quote_sentences(aligned, corpus.sentences, abbreviations)
        flags = cv.quote_flags(aligned, pieces)
        made.append((pieces, cv.flagged(flags), cv.tone(aligned, pieces, annotate(corpus).sentences)))
    for first, second in zip(*made):
        pd.testing.assert_frame_equal(first, second)
        assert first.to_csv(index=False) == second.to_csv(index=False)


def test_the_seed_reports_flags_read_by_hand(corpus, aligned):
    pieces = cv.quote_sentences(aligned, corpus.sentences, load_abbreviations(corpus.data_dir / paths.ABBREVIATIONS_FILE))
    flags = cv.quote_flags(aligned, pieces)
    moscow = flags[flags["text"].str.startswith("Oh, that’s an interesting one.")].iloc[0]
    assert moscow["spliced"]  # "I don't know." between the two sentences is left out without a mark
    assert not flags.loc[flags["text"].str.startswith("I agree with President Trump that"), "spliced"].iloc[0]
    tone = cv.tone(aligned, pieces, annotate(corpus).sentences)
    assert "I wouldn’t be thrilled" not in set(pieces.loc[pieces["quote_fidelity"].isin(cv.FOUND), "text"])
    assert set(tone["occasion"]) == {"event", "other occasion"}


def corpus_with_report(folder, transcript: str, report: str):
    """A corpus of one transcript and one news report of the first event of the real data (synthetic texts)."""
    write_one_document_corpus(folder, transcript, [], paths.DATA_DIR)
    data = report.encode("utf-8")
    (folder / "raw" / "n.txt").write_bytes(data)
    event = load_corpus(folder).documents["event"].iloc[0]
    with (folder / "corpus.csv").open("a", encoding="utf-8") as handle:
        handle.write(f"n,{event},news,test,,n.txt,{hashlib.sha256(data).hexdigest()},,\n")
    return load_corpus(folder)


def test_three_events_each_quote_is_matched_at_its_own_event():
    rows = record()
    three = pd.concat([rows.assign(event=e, doc_id=f"t{e}") for e in ("e1", "e2", "e3")], ignore_index=True)
    three.loc[three["event"] == "e3", "text"] = ["Nothing good came of it."] * len(rows)  # e3: another record
    table = pd.DataFrame({"doc_id": ["n1", "n3"], "event": ["e1", "e3"], "speaker": ["P", "P"],
                          "text": [RECORD[0][1], RECORD[0][1]], "n_words": [8, 8], "occasion_cue": ""})
    aligned = cv.align(table, three)
    pieces = cv.quote_sentences(aligned, three, ABBREVIATIONS)
    assert pieces["match_doc"].tolist() == ["te1", ""] and aligned["fidelity"].tolist() == ["verbatim", "not found"]
    tone = cv.tone(aligned, pieces, vader(three))
    assert tone["doc_id"].tolist() == ["(all reports)", "n1", "n3"]
    assert tone["record_sentences"].tolist() == [10, 5, 5]  # P's sentences at e1 and e3, never e2


# --- each comparison of data/comparison.csv ----------------------------------------------------------------

def test_each_comparison_counts_its_sides_reports_and_quotes_and_says_when_it_cannot_be_compared(corpus, aligned):
    names = {e: f"{c} {str(d)[:4]}" for e, c, d in zip(corpus.events["event"], corpus.events["city"], corpus.events["date"])}
    news = corpus.documents[corpus.documents["kind"] == "news"]
    found = cv.leader_quotes_found(aligned)
    for pair in corpus.comparisons:
        table = cv.comparison_coverage(pair, aligned, corpus.sentences, corpus.documents)
        assert list(zip(table["event"], table["speaker"])) == pair.sides
        for row in table.itertuples():
            assert row.news_reports == (news["event"] == row.event).sum()
            mine = found[(found["event"] == row.event) & (found["speaker"] == row.speaker)]
            assert (row.quotes_found, row.quoted_words) == (len(mine), mine["n_words"].sum())
            record = corpus.sentences[(corpus.sentences["event"] == row.event) & (corpus.sentences["speaker"] == row.speaker)]
            assert row.record_words == record["n_words"].sum() > 0
        sentence = cv.comparison_coverage_sentence(table, names)
        uncovered = [r for r in table.itertuples() if r.quotes_found == 0]
        assert sentence.startswith("Coverage cannot compare") == bool(uncovered)
        for row in uncovered:
            assert names[row.event] in sentence
        assert cv.comparison_emphasis(pair, aligned, corpus.sentences.assign(topic="x")).empty == bool(uncovered)


def test_a_comparison_whose_two_sides_are_quoted_gets_each_sides_own_topic_emphasis(corpus, aligned):
    """Two speakers quoted in the Anchorage reports, set against each other as the two sides of a comparison (made
    here, not read: a file's comparison needs two events): each side's emphasis is that speaker's alone."""
    from analysis.corpus import Comparison
    annotated = annotate(corpus).sentences
    event = "anchorage-2025"
    pair = Comparison(event, event, "Vladimir Putin", "Donald Trump", id="test")
    table = cv.comparison_coverage(pair, aligned, corpus.sentences, corpus.documents)
    assert (table["quotes_found"] > 0).all()
    assert cv.comparison_coverage_sentence(table, {event: "Anchorage 2025"}).endswith("are compared below.")
    both = cv.comparison_emphasis(pair, aligned, annotated)
    pooled = cv.topic_emphasis(aligned, annotated)
    for speaker in ("Vladimir Putin", "Donald Trump"):
        mine = both[both["speaker"] == speaker].drop(columns=["comparison", "event"]).reset_index(drop=True)
        expected = pooled[pooled["speaker"] == speaker].reset_index(drop=True)
        pd.testing.assert_frame_equal(mine, expected)


# --- quotes matched as a reader would match them (issue 25, finding 8) ---------------------------------------

A = "anchorage2025_news_report_a"
SAME_ROOTS = "We have the same roots, and what’s happening is a tragedy for us"


@pytest.fixture(scope="module")
def seed_pieces(corpus, aligned):
    abbreviations = load_abbreviations(corpus.data_dir / paths.ABBREVIATIONS_FILE)
    pieces = cv.quote_sentences(aligned, corpus.sentences, abbreviations)
    return pieces, cv.quote_flags(aligned, pieces)


def record_position(corpus, starts: str) -> int:
    rows = corpus.sentences[corpus.sentences["text"].str.startswith(starts)]
    assert len(rows) == 1, starts
    return int(rows["position"].iloc[0])


def test_words_in_another_form_are_the_same_word():
    assert cv.same_word("tragedy", "tragic") and cv.same_word("secur", "security") and cv.same_word("root", "roots")
    assert not cv.same_word("interest", "international")  # five letters of eight: two words
    assert not cv.same_word("war", "warn") and not cv.same_word("trump", "trust")
    assert cv.content_words("we have the same roots and it is ending") == {"root", "end"}  # 'have' is a function word


def test_a_sentence_in_another_translation_is_found_in_the_record_sentence_it_renders(corpus, seed_pieces):
    """The report's "We have the same roots, and what’s happening is a tragedy for us" renders the Kremlin's "We
    share the same roots, and the current situation is tragic and deeply painful to us" (another translation)."""
    pieces, _ = seed_pieces
    row = pieces[(pieces["doc_id"] == A) & pieces["text"].str.startswith(SAME_ROOTS)].iloc[0]
    roots = record_position(corpus, "We share the same roots")
    assert row["fidelity"] in cv.FOUND and (row["match_first"], row["match_last"]) == (roots, roots)
    whole = pieces[pieces["quote"] == row["quote"]]  # the quote's three sentences, each to its own record sentence
    assert whole["match_first"].tolist() == [record_position(corpus, "I have repeatedly said that the developments"),
                                             roots, record_position(corpus, "Therefore, our country is sincerely")]
    assert whole["match_last"].tolist() == whole["match_first"].tolist()


def test_the_splice_display_marks_the_sentence_the_quote_renders_and_not_its_neighbour(corpus, aligned, seed_pieces):
    pieces, flags = seed_pieces
    number = int(flags.index[(flags["doc_id"] == A) & flags["text"].str.contains(SAME_ROOTS)][0])
    assert flags.at[number, "spliced"]  # the "brotherly people" sentence is left out without a mark
    shown = cv.splice_display(flags, pieces, corpus.sentences)
    shown = shown[shown["quote"] == number].set_index("position")["rendered"]
    assert shown[record_position(corpus, "We share the same roots")]  # rendered
    assert not shown[record_position(corpus, "Moreover, we have always considered")]  # left out
    assert record_position(corpus, "Yet, we are convinced") not in shown.index  # the neighbour: not rendered
    whole = quote(aligned, A, "The situation in Ukraine is tied")  # the whole quote: the four sentences it spans
    assert (whole["match_first"], whole["match_last"]) == (record_position(corpus, "I have repeatedly said that the"),
                                                           record_position(corpus, "Therefore, our country is sincerely"))


def test_the_statement_map_credits_the_sentences_a_spliced_quote_renders_not_those_it_skips(corpus, aligned,
                                                                                            seed_pieces):
    # the second review of issue 25: the map counted every sentence from a quote's first match to its last, so the
    # "brotherly people" sentence, which report A's spliced quote leaves out, was counted as quoted
    pieces, _ = seed_pieces
    skipped = record_position(corpus, "Moreover, we have always considered")
    rendered = record_position(corpus, "We share the same roots")
    by_range = cv.coverage_map(aligned, corpus.sentences).set_index("position")
    by_sentence = cv.coverage_map(aligned, corpus.sentences, pieces).set_index("position")
    assert by_range.at[skipped, "quotes"] == 1 and by_sentence.at[skipped, "quotes"] == 0
    assert by_sentence.at[rendered, "quotes"] >= 1 and by_sentence.at[rendered, "reports"] >= 1


def test_a_neighbour_sharing_one_common_word_is_not_credited(corpus, seed_pieces):
    pieces, _ = seed_pieces
    ending = pieces[pieces["text"].str.startswith("We are interested in ending what’s happening")].iloc[0]
    therefore = record_position(corpus, "Therefore, our country is sincerely")
    assert (ending["match_first"], ending["match_last"]) == (therefore, therefore)  # not the "Ukrainian people" before


def test_quotes_not_in_the_record_stay_not_found(aligned, seed_pieces):
    """Reporters' words to Putin at the airport share two words with a sentence of Trump's ("stop … from being
    killed"): they are looked for in the journalists' turns, and there are none at Anchorage."""
    civilians = quote(aligned, B, "stop killing civilians")
    assert civilians["fidelity"] == "not found" and civilians["match_first"] == -1
    assert quote(aligned, B, "I wouldn’t be thrilled")["fidelity"] == "other occasion"
    assert quote(aligned, B, "I'm going to start making")["fidelity"] == "verbatim"  # "he told reporters": his words
    pieces, _ = seed_pieces
    assert pieces.loc[pieces["text"] == "stop killing civilians", "fidelity"].tolist() == ["not found"]

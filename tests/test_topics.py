"""Topics: the codebook rule, the context rule, validation, NMF and keyness (worked example by hand)."""

import math
import re
from collections import Counter

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from analysis import annotation, units
from analysis import topics as t
from analysis.errors import CorpusError


def sentences(*rows):
    """rows: (turn, speaker, role, text[, journalist])."""
    out = []
    for position, row in enumerate(rows):
        turn, speaker, role, text, *rest = row
        out.append({"doc_id": "d", "event": "e", "turn": turn, "sentence": position, "position": position,
                    "speaker": speaker, "role": role, "journalist": rest[0] if rest else "", "text": text,
                    "n_words": len(text.split())})
    return pd.DataFrame(out)


def found(pattern: str, text: str) -> list[str]:
    """Where the reference regular expression of ``pattern`` matches ``text`` (as the words it matched)."""
    return t.compile_pattern(pattern).findall(t.token_text(text))


def test_patterns_match_on_word_boundaries_with_endings_and_prefixes():
    assert found("sanction", "new sanctions were imposed") == ["sanctions"]
    assert found("cyber*", "Cyberattacks from US cyberspace, or cyber") == ["cyberattacks", "cyberspace", "cyber"]
    assert found("new start", "extend New\nSTART") == ["new start"]
    assert found("war", "we were aware of it") == []
    assert found("war", "warring wars war's war’s war2 wartime") == ["wars", "war's", "war’s"]
    assert found("nato", "senator") == []
    assert found("minsk", "the Minsk Agreements") == ["minsk"]
    # hyphens, dashes and punctuation separate words, in the sentence and in the pattern alike
    assert found("follow-up", "If possible, I would like to follow up on Libya") == ["follow up"]
    assert found("follow-up", "a follow-up question") == ["follow up"]
    assert found("lend-lease", "Lend–Lease, lend lease and lend, lease") == ["lend lease"] * 3
    assert found("follow-up", "followup follow_up") == ["follow up"]  # an underscore separates too
    # an apostrophe inside a word keeps it whole; every place counts, overlapping ones too
    assert found("coup d’état", "a coup d’état") == ["coup d’état"] and found("coup d'état", "a coup d’état") == []
    assert found("thank you", "Thank you, thank you all") == ["thank you", "thank you"]
    assert found("a a", "a a a") == ["a a", "a a"]
    assert found("foreign ministr*", "the foreign ministries") == ["foreign ministries"]
    for text, expected in [("If possible, I would like to follow up on Libya", Counter(none=1, other_conflicts=1)),
                           ("a follow-up question", Counter(none=1))]:
        assert t.matches(text, t.read_codebook()) == t.regex_matches(text, t.read_codebook()) == expected


def test_topics_come_from_the_codebook_file(tmp_path):
    source = (t.paths.DATA_DIR / "topics.csv").read_text(encoding="utf-8")
    codebook = t.read_codebook()
    assert codebook.topics[0] == "ukraine" and codebook.topics[-1] == t.NONE and len(set(codebook.topics)) > 10
    # a new topic is a row: the assignment and its order follow it, with no code change
    path = tmp_path / "topics.csv"
    path.write_text(source + "space,Outer space,1,Space flight,orbit*;iss,\n", encoding="utf-8")
    extended = t.read_codebook(tmp_path)  # the codebook of a copied data folder
    assert extended.topics[-1] == "space" and extended.labels["space"] == "Outer space"
    frame = sentences((0, "A", "head_of_state", "The ISS stays in orbit."))
    assert t.assign(frame, extended)["topic"].tolist() == ["space"]
    assert t.assign(frame, codebook)["topic"].tolist() == [t.NONE]
    for text, problem in [(source.replace("\nnone,", "\nnothing,"), "no row for the topic 'none'"),
                          (source + "Bad Id,x,1,y,z,\n", "Bad Id"),
                          (source + "space,x,one,y,z,\n", "rank"),
                          (source + "space,x,1,y,!!!,\n", "no words")]:
        path.write_text(text, encoding="utf-8")
        with pytest.raises(CorpusError, match=problem):
            t.read_codebook(tmp_path)


def test_context_rule_by_hand():
    frame = sentences(
        (0, "J", "journalist", "Ann Simmons, Daily News.", "Ann Simmons"),
        (0, "J", "journalist", "What about the Minsk agreements?", "Ann Simmons"),
        (1, "P", "head_of_state", "This completely contradicts the Minsk Agreements."),
        (1, "P", "head_of_state", "Therefore, what kind of additional obligations can Russia assume?"),
        (1, "P", "head_of_state", "Trade is up and sanctions hurt business."),
        (2, "J", "journalist", "Thank you."),
        (3, "P", "head_of_state", "I think the answer is clear."),
    )
    assigned = t.assign(frame)
    # the introduction is none; the unmatched answer sentence takes the earlier topic of its turn; the
    # thanks is none; the last turn has no match and takes the main topic of the last topical turn
    assert list(assigned["topic"]) == ["none", "ukraine", "ukraine", "ukraine", "economy", "none", "ukraine"]
    assert assigned.loc[4, "topics"] == "economy"
    opening = sentences((0, "P", "head_of_state", "I think the answer is clear."))
    assert t.assign(opening)["topic"].tolist() == ["none"]


def test_ties_go_to_the_topic_of_the_turn():
    frame = sentences((0, "P", "head_of_state", "Cyber security is important."),
                      (0, "P", "head_of_state", "We discussed cyberattacks and the Arctic."))
    assert t.assign(frame)["topic"].tolist() == ["cyber", "cyber"]
    assert t.assign(frame)["topics"].tolist()[1] == "cyber;arctic"


def drawn_from(corpus, *files):
    """The sentences of the transcripts a committed sample was drawn from: a transcript a user adds later changes
    the draw a seed would make today, not the sample that was drawn and coded."""
    doc_ids = set().union(*(pd.read_csv(f, dtype=str, keep_default_na=False)["doc_id"] for f in files))
    return corpus.sentences[corpus.sentences["doc_id"].isin(doc_ids)]


def test_validation_file_is_the_documented_seeded_sample(corpus):
    samples = t.read_samples()
    validation = t.read_validation(samples["first"].file, t.read_codebook())
    sample = t.validation_sample(drawn_from(corpus, samples["first"].file), "first", samples)
    assert len(validation) >= 100 and len(validation) == sum(samples["first"].quotas.values())
    assert list(zip(validation["doc_id"], validation["position"])) == list(zip(sample["doc_id"], sample["position"]))
    assert validation["text"].tolist() == sample["text"].tolist()
    # every event and role listed for the sample is in it (and nothing else)
    assert set(samples["first"].quotas) == {(e, r, "") for e, r in zip(validation["event"], validation["role"])}


def test_samples_file_is_checked(tmp_path):
    (tmp_path / "validation").mkdir()
    path = tmp_path / "validation" / "samples.csv"
    header = "sample,file,seed,excluding,event,role,sentences\n"
    path.write_text(header + "a,a.csv,1,,e,r,2\na,a.csv,1,,e,q,3\nb,b.csv,2,a,e,r,1\n", encoding="utf-8")
    samples = t.read_samples(tmp_path)
    assert samples["a"].quotas == {("e", "r", ""): 2, ("e", "q", ""): 3} and samples["b"].excluding == "a"
    assert samples["b"].file == tmp_path / "validation" / "b.csv" and samples["b"].seed == 2
    for rows, problem in [("a,a.csv,1,,e,r,two\n", "not a positive whole number"),
                          ("a,a.csv,1,,e,r,2\na,a.csv,9,,e,q,3\n", "another file, seed"),
                          ("a,a.csv,1,,e,r,2\na,a.csv,1,,e,r,3\n", "twice"),
                          ("b,b.csv,2,a,e,r,1\n", "not an earlier sample")]:
        path.write_text(header + rows, encoding="utf-8")
        with pytest.raises(CorpusError, match=problem):
            t.read_samples(tmp_path)
    sentences = pd.DataFrame({"doc_id": "d", "position": range(4), "event": "e", "role": ["r", "r", "q", "q"],
                              "speaker": ["s", "t", "u", "u"]})
    path.write_text(header + "a,a.csv,1,,e,r,2\nb,b.csv,2,a,e,r,1\n", encoding="utf-8")
    assert len(t.validation_sample(sentences, "a", t.read_samples(tmp_path))) == 2
    with pytest.raises(CorpusError, match="corpus has 0 to draw from"):  # a took both sentences of e / r
        t.validation_sample(sentences, "b", t.read_samples(tmp_path))


def test_evaluate_by_hand():
    assigned = pd.DataFrame({"doc_id": ["d"] * 4, "position": [0, 1, 2, 3], "topic": ["a", "a", "b", "b"]})
    validation = pd.DataFrame({"doc_id": ["d"] * 4, "position": [0, 1, 2, 3], "text": list("wxyz"),
                               "gold_topic": ["a", "b", "b", "b"], "note": [""] * 4})
    result = t.evaluate(assigned, validation)
    assert result["accuracy"] == 0.75
    per = result["per_topic"].set_index("topic")
    assert per.loc["a", "precision"] == 0.5 and per.loc["b", "recall"] == pytest.approx(2 / 3)
    validation["gold_topic"] = ["ukraine", "cyber", "cyber", "cyber"]
    assigned["topic"] = ["ukraine", "ukraine", "cyber", "cyber"]
    per = t.evaluate(assigned, validation)["per_topic"].set_index("topic")
    assert per.loc["ukraine", "precision"] == 0.5 and per.loc["ukraine", "recall"] == 1.0
    assert per.loc["cyber", "precision"] == 1.0 and per.loc["cyber", "recall"] == pytest.approx(2 / 3)


def test_blind_validation_file_is_a_second_seeded_sample_disjoint_from_the_first(corpus):
    samples = t.read_samples()
    assert samples["blind"].excluding == "first" and samples["blind"].seed != samples["first"].seed
    sentences = drawn_from(corpus, samples["first"].file, samples["blind"].file)
    first = t.validation_sample(sentences, "first", samples)
    blind = t.read_validation(samples["blind"].file, t.read_codebook())
    expected = t.stratified_sample(sentences.drop(index=first.index), samples["blind"].quotas, samples["blind"].seed)
    assert list(zip(blind["doc_id"], blind["position"])) == list(zip(expected["doc_id"], expected["position"]))
    assert t.validation_sample(sentences, "blind", samples).index.tolist() == expected.index.tolist()
    assert not set(zip(blind["doc_id"], blind["position"])) & set(zip(first["doc_id"], first["position"]))
    assert len(blind) == 100 == sum(samples["blind"].quotas.values())


def test_accuracy_does_not_fall_below_what_was_measured(corpus):
    """Regression guards at the measured values (0.833 on the first set, 0.73 on the blind one): a change to
    the codebook or the rule that loses accuracy fails here. The issue's aim (0.8) is met only on the first,
    optimistic set; see data/validation/README.md."""
    assigned, samples = t.assign(corpus.sentences), t.read_samples()
    first = t.evaluate(assigned, t.read_validation(samples["first"].file, t.read_codebook()))
    blind = t.evaluate(assigned, t.read_validation(samples["blind"].file, t.read_codebook()))
    assert first["n"] == 120 and first["accuracy"] >= 0.83
    assert blind["n"] == 100 and blind["accuracy"] >= 0.73


def test_log_odds_worked_example_computed_by_hand():
    a, b = Counter({"war": 3, "peace": 1}), Counter({"war": 1, "peace": 3})
    table = t.log_odds_dirichlet(a, b, Counter({"war": 4, "peace": 4}), prior_scale=0.5, min_count=1).set_index("word")
    # a_w = 2, a_0 = 4, n_a = n_b = 4: delta = log(5/3) - log(3/5); variance = 1/5 + 1/3
    delta = math.log(5 / 3) - math.log(3 / 5)
    assert table.loc["war", "delta"] == pytest.approx(delta)
    assert table.loc["war", "z"] == pytest.approx(delta / math.sqrt(1 / 5 + 1 / 3))
    assert table.loc["peace", "z"] == pytest.approx(-table.loc["war", "z"])
    assert list(table.index) == ["war", "peace"]


def test_log_odds_minimum_count_keeps_rare_words_off_the_list():
    a, b = Counter({"once": 1, "often": 10}), Counter({"often": 2})
    table = t.log_odds_dirichlet(a, b, a + b, min_count=5)
    assert list(table["word"]) == ["often"]


def test_topic_shares_sum_to_one_and_nmf_is_deterministic(corpus):
    assigned = annotation.annotate(corpus).sentences
    shares = t.topic_shares(assigned, ["event", "speaker"])
    sums = shares.groupby(["event", "speaker"])["share"].sum()
    assert sums.tolist() == pytest.approx([1.0] * len(sums)) and len(sums) >= 4
    _, first_model, _ = t.nmf_fit(assigned["text"], 5)
    _, second_model, _ = t.nmf_fit(assigned["text"], 5)
    assert (first_model.components_ == second_model.components_).all()


def inside_or_none(table, point, low, high):
    """Every point inside its own interval, or no interval at all."""
    none = table[low].isna() & table[high].isna()
    inside = (table[low] <= table[point] + 1e-12) & (table[point] <= table[high] + 1e-12)
    return (none | inside).all()


@pytest.mark.parametrize("by", [["event", "speaker"], ["event", "role"]])
def test_no_point_outside_its_interval_and_no_interval_below_the_minimum_of_units(corpus, by):
    # finding 1 of issue 25: Putin's Anchorage Ukraine share 0.340 had an interval [0, 0.314] from three turns
    annotated = annotation.annotate(corpus)
    stratified = t.read_samples()["stratified"]
    coded = t.coded_sample(annotated.sentences, t.read_validation(stratified.file, annotated.codebook))
    shares = t.topic_shares(annotated.sentences, by, annotated.codebook.topics, misclassification=coded)
    assert inside_or_none(shares, "share", "low", "high") and inside_or_none(shares, "estimate", "estimate_low",
                                                                            "estimate_high")
    few = shares["interval_note"] == units.TOO_FEW
    assert few[shares["units"] < units.MIN_UNITS].all()  # Putin (3 turns) and Trump (2) at Anchorage
    # the role pools their five turns, but two statements carry 1,755 of its 1,800 words: under two effective units
    assert few[shares["effective_units"] < units.MIN_UNITS].all()
    assert shares.loc[shares["event"] == "anchorage-2025", "interval_note"].eq(units.TOO_FEW).all()
    assert shares.loc[few, ["low", "high", "estimate_low", "estimate_high"]].isna().all().all()
    assert shares.loc[~few, ["low", "high"]].notna().all().all()


def test_the_fast_matcher_counts_exactly_what_the_regular_expressions_count(corpus):
    codebook = t.read_codebook()
    for text in corpus.sentences["text"]:
        assert t.matches(text, codebook) == t.regex_matches(text, codebook), text


# --- property: the fast matcher and the reference agree on any text ----------------------------------

CODEBOOK = t.read_codebook()
PATTERNS = [p.strip() for ps in CODEBOOK.table["patterns"] for p in ps.split(";") if p.strip()]


def spelled_words(pattern: str) -> list[str]:
    """A pattern's words as a writer would split them (spaces, hyphens), independently of ``t.TOKEN``."""
    return [w for w in re.split(r"[\s\-]+", pattern.rstrip("*")) if w]


def chained(patterns: list[str]) -> list[str]:
    """Phrases where one pattern's last word starts another pattern: overlapping matches."""
    out = []
    for a in patterns:
        for b in patterns:
            wa, wb = spelled_words(a), spelled_words(b)
            if a != b and not a.endswith("*") and wa[-1].lower() == wb[0].lower():
                out.append(" ".join(wa + wb[1:]) + ("*" if b.endswith("*") else ""))
    return out


SEPARATORS = [" ", " ", " ", "  ", "-", "–", "—", ",", ", ", ".", ". ", "'", "’", "''", " ' ", "\n", "\r\n",
              "_", "1", "", "/", "\t", "\u00a0", " (", "…"]
ENDINGS = list(t.VARIANTS) + ["er", "ly", "'d", "’", "'", "n't", "ss", "ings", "e", "x", "1", "_s", "-s", "’S",
                              "S", "ED", "é", "'s'", "s's"]
GLUE = ["", "", "", "a", "s", "x", "1", "é", "ж", "ß", "'", "’", "'s", "-", "_", "İ", "ǅ", "ﬁ"]
letters = st.text(alphabet=st.characters(categories=["L", "M", "N"]), max_size=4)
unicode_text = st.text(alphabet=st.characters(categories=["L", "M", "N", "P", "S", "Zs", "Cc"]), max_size=8)
FILLER = ["the", "we", "war", "Putin", "said", "and", "on", "up", "you", "all", "thank", "meeting", "relations",
          "U.S.", "20.5", "don't", "co-operation"]


@st.composite
def rendered(draw, patterns):
    """One pattern as it might be written, or a near miss of it."""
    pattern = draw(st.sampled_from(patterns))
    words = spelled_words(pattern)
    if draw(st.integers(0, 9)) == 0:
        text = pattern.rstrip("*")  # as written in the codebook
    else:
        text = "".join(w + draw(st.sampled_from(SEPARATORS)) for w in words[:-1]) + words[-1]
    if pattern.endswith("*"):
        text += draw(st.one_of(st.just(""), letters, st.text(alphabet="abcz'’-_1é", max_size=6)))
    else:
        text += draw(st.sampled_from(ENDINGS))
    case = draw(st.sampled_from(["as is", "lower", "upper", "title", "random"]))
    if case == "random":
        flips = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
        text = "".join(c.upper() if f else c.lower() for c, f in zip(text, flips))
    else:
        text = {"as is": text, "lower": text.lower(), "upper": text.upper(), "title": text.title()}[case]
    before = draw(st.one_of(st.sampled_from(GLUE), letters))
    after = draw(st.one_of(st.sampled_from(GLUE), letters))
    return before + text + after


def sentences_of(patterns: list[str], filler: list[str]):
    fragment = st.one_of(rendered(patterns), rendered(patterns), st.sampled_from(filler), unicode_text,
                         st.tuples(rendered(patterns), st.integers(2, 4), st.sampled_from(SEPARATORS))
                         .map(lambda r: r[2].join([r[0]] * r[1])))  # the same words repeated
    return (st.lists(st.tuples(fragment, st.sampled_from(SEPARATORS)), max_size=8)
            .map(lambda fs: "".join(f + s for f, s in fs)))


@settings(max_examples=500, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(text=sentences_of(PATTERNS + chained(PATTERNS), FILLER))
@example(text="If possible, I would like to follow up on Libya")  # "follow-up": the hyphen was literal in the regex
@example(text="a follow-up question")
def test_the_fast_matcher_agrees_with_the_reference_on_any_text_built_from_the_codebook(text):
    assert t.matches(text, CODEBOOK) == t.regex_matches(text, CODEBOOK), text


TINY_WORDS = ["a", "ab", "abs", "abed", "war", "wars", "war's", "s", "es", "d", "ing", "e", "é", "ß", "1", "2b"]


@st.composite
def tiny_codebook(draw):
    """A small random codebook over a few short words, so that patterns collide and overlap often."""
    topics = {}
    for topic in ["x", "y", "z"][:draw(st.integers(1, 3))]:
        phrases = draw(st.lists(st.lists(st.sampled_from(TINY_WORDS), min_size=1, max_size=3), min_size=1, max_size=4))
        topics[topic] = [draw(st.sampled_from([" ", "-", " - "])).join(p) + draw(st.sampled_from(["", "", "*"]))
                         for p in phrases]
    return topics


@settings(max_examples=400, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(sources=tiny_codebook(), data=st.data())
def test_the_fast_matcher_agrees_with_the_reference_for_any_codebook(sources, data):
    codebook = t.Codebook(pd.DataFrame(), {topic: [t.compile_pattern(p) for p in ps] for topic, ps in sources.items()},
                          t.build_matcher(sources))
    patterns = [p for ps in sources.values() for p in ps]
    text = data.draw(sentences_of(patterns, TINY_WORDS), label="text")
    assert t.matches(text, codebook) == t.regex_matches(text, codebook), (sources, text)


def test_prefixes_shorter_than_three_letters():
    """Found by the property above: the matcher looked prefixes up by the first three letters of each word, so
    a prefix of one or two letters matched only words as short as itself."""
    sources = {"x": ["a*", "ab*"], "y": ["u s*"]}
    codebook = t.Codebook(pd.DataFrame(), {topic: [t.compile_pattern(p) for p in ps] for topic, ps in sources.items()},
                          t.build_matcher(sources))
    text = "ab, a abc; the U.S. or U-Sanctions"
    assert t.matches(text, codebook) == t.regex_matches(text, codebook) == Counter(x=5, y=2)


def test_broad_words_count_only_in_a_turn_that_names_the_topic():
    codebook = t.read_codebook()
    alone = sentences((0, "A", "head_of_state", "Good evening."), (1, "B", "head_of_state", "The war must end."))
    assert t.assign(alone, codebook)["topics"].tolist() == ["", ""]
    named = sentences((0, "A", "head_of_state", "Good evening."),
                      (1, "B", "head_of_state", "The war must end."), (1, "B", "head_of_state", "Kyiv knows it."))
    assert t.assign(named, codebook)["topics"].tolist() == ["", "ukraine", "ukraine"]
    elsewhere = sentences((0, "A", "head_of_state", "The war in Libya goes on."),
                          (1, "B", "head_of_state", "Kyiv knows it."), (2, "A", "head_of_state", "The war must end."))
    # "war" counts for other conflicts in turn 0 (Libya named there), and for nothing in turn 2
    assert t.assign(elsewhere, codebook)["topics"].tolist() == ["other_conflicts", "ukraine", ""]


def test_a_named_subject_silences_the_process_of_talking():
    codebook = t.read_codebook()
    frame = sentences((0, "A", "head_of_state", "I will call up President Zelensky and tell him about today's meeting."),
                      (1, "A", "head_of_state", "I will call up the minister after the meeting."),
                      (2, "A", "head_of_state", "We discussed the meeting and the next meeting, and the war in Libya."))
    result = t.assign(frame, codebook)
    assert result["topic"].tolist() == ["ukraine", "diplomacy", "other_conflicts"]
    assert result["topics"].iloc[0] == "ukraine;diplomacy"  # every counted topic is still listed


def test_turn_bootstrap_is_wider_than_sentence_bootstrap_when_an_answer_holds_one_topic():
    rows = [(0, "A", "head_of_state", "Ukraine is the subject of this long answer.")] * 3
    rows += [(k, "A", "head_of_state", "Cyber attacks are discussed here today.") for k in range(1, 11)]
    frame = t.assign(sentences(*rows), t.read_codebook())
    by_turn = t.topic_shares(frame, ["speaker"], ["ukraine", "cyber"], samples=500, unit="turn")
    by_sentence = t.topic_shares(frame, ["speaker"], ["ukraine", "cyber"], samples=500, unit="sentence")
    width = lambda table: float((table["high"] - table["low"]).iloc[0])
    assert width(by_turn) > width(by_sentence)
    assert by_turn["share"].tolist() == by_sentence["share"].tolist() and by_turn["turns"].iloc[0] == 11
    assert t.topic_shares(frame, ["speaker"], ["ukraine", "cyber"], samples=500, unit="turn").equals(by_turn)
    with pytest.raises(ValueError, match="design_unit column"):
        t.topic_shares(frame, ["speaker"], ["ukraine", "cyber"], samples=50)  # the design's units must be given


def coded_as(frame, positions, gold):
    """A hand-coded sample: the sentences at ``positions`` of ``frame`` with the reader's topics ``gold``."""
    return frame[frame["position"].isin(positions)][["doc_id", "position", "topic"]].assign(gold_topic=gold)


def test_a_group_with_its_own_coded_sentences_is_calibrated_on_the_point_not_on_the_bootstrap_mean():
    # finding 2 of issue 25: "corrected" was the mean of the bootstrap; now the correction moves the estimate itself
    rows = [(k, "A", "head_of_state", "Cyber attacks.") for k in range(60)]
    frame = t.assign(sentences(*rows), t.read_codebook())
    coded = coded_as(frame, range(t.MIN_CODED), "arms_control")  # the reader says: what it calls cyber is arms control
    shares = t.topic_shares(frame, ["speaker"], ["arms_control", "cyber"], samples=300, unit="turn",
                            misclassification=coded).set_index("topic")
    assert shares.loc["cyber", "share"] == 1.0  # the codebook's own share is kept beside
    assert shares.loc["arms_control", "estimate"] == 1.0 and shares.loc["cyber", "estimate"] == 0.0
    assert "calibrated with those 40" in shares.loc["cyber", "estimate_from"]
    assert shares.loc["arms_control", "estimate_low"] <= 1.0 <= shares.loc["arms_control", "estimate_high"]


def test_a_group_whose_every_sentence_is_coded_takes_the_hand_codes():
    # finding 3 of issue 25: all of Trump's sentences were coded, yet the figure showed the codebook's shares
    rows = [(k, "A", "head_of_state", "Cyber attacks.") for k in range(10)]
    frame = t.assign(sentences(*rows), t.read_codebook())
    coded = coded_as(frame, range(10), ["arms_control"] * 3 + ["cyber"] * 7)
    shares = t.topic_shares(frame, ["speaker"], ["arms_control", "cyber"], samples=300, unit="turn",
                            misclassification=coded).set_index("topic")
    assert shares["estimate"].tolist() == pytest.approx([0.3, 0.7]) == shares["hand_share"].tolist()
    assert shares.loc["cyber", "share"] == 1.0 and "reader A's codes of all 10" in shares.loc["cyber", "estimate_from"]


def test_a_group_without_enough_coded_sentences_is_corrected_by_inverting_the_pooled_matrix():
    rows = [(k, "A", "head_of_state", "Cyber attacks.") for k in range(30)]
    rows += [(30 + k, "B", "head_of_state", "Arms control and cyber attacks." if k < 10 else "Cyber attacks.")
             for k in range(40)]
    frame = t.assign(sentences(*rows), t.read_codebook())
    b = frame[frame["speaker"] == "B"]
    assert (b["topic"] == "arms_control").sum() == 10 and (b["topic"] == "cyber").sum() == 30
    # the pooled sample: of true arms control, half is coded cyber; true cyber is always coded cyber
    coded = pd.concat([coded_as(frame, range(30, 40), "arms_control"),  # codebook: arms control
                       coded_as(frame, range(40, 50), "arms_control"),  # codebook: cyber
                       coded_as(frame, range(50, 70), "cyber")])        # codebook: cyber
    shares = t.topic_shares(frame, ["speaker"], ["arms_control", "cyber"], samples=200, unit="turn",
                            misclassification=coded).set_index(["speaker", "topic"])
    # A: every sentence "cyber"; P(cyber | arms) = 1/2, P(cyber | cyber) = 1: its words cannot be arms control
    assert shares.loc[("A", "cyber"), "estimate"] == pytest.approx(1.0, abs=1e-6)
    assert "pooled matrix of 40 coded sentences" in shares.loc[("A", "cyber"), "estimate_from"]


def test_benjamini_hochberg_by_hand_and_chance_passes():
    import numpy as np
    # p sorted: 0.01, 0.03, 0.04, 0.5; p * 4 / rank: 0.04, 0.06, 0.0533, 0.5; running minimum from the top
    q = t.benjamini_hochberg(np.array([0.01, 0.04, 0.03, 0.5]))
    assert q.tolist() == pytest.approx([0.04, 0.16 / 3, 0.16 / 3, 0.5])
    table = pd.DataFrame({"p": [0.01, 0.04, 0.03, 0.5], "q": q})
    assert t.keyness_summary(table) == {"tested": 4, "unadjusted": 3, "expected_by_chance": 0.2,
                                        "after_control": 1}


def test_krippendorff_alpha_by_hand():
    # coincidences: 0-0 twice, 1-1 twice, 2-2 twice, 1-2 and 2-1 once; D_o = 2/8, D_e = 42/56: alpha = 1 - 1/3
    first, second = pd.Series(["a", "b", "b", "c"]), pd.Series(["a", "b", "c", "c"])
    assert t.alpha(first, second) == pytest.approx(2 / 3)
    assert t.alpha(first, first) == 1.0
    table = t.agreement({"x": first, "y": second, "z": first})
    assert table[["first", "second"]].values.tolist() == [["x", "y"], ["x", "z"], ["y", "z"]]
    assert table["agreement"].tolist() == [0.75, 1.0, 0.75]


def test_accuracy_per_group_and_transfer_between_events():
    frame = sentences((0, "Ann", "head_of_state", "Cyber attacks."), (1, "Ann", "head_of_state", "Ransomware."),
                      (2, "Q", "journalist", "Tell us about ransomware."))
    frame["role_group"] = ["principal", "principal", "press"]
    frame.loc[1, "event"] = "f"
    codebook = t.read_codebook()
    coded = t.coded_sample(t.assign(frame, codebook), frame[["doc_id", "position", "text"]].assign(
        gold_topic=["cyber", "cyber", "none"], note=""))
    groups = t.accuracy_by_group(coded).set_index("group")
    assert groups.loc["Ann, e", "accuracy"] == 1.0 and groups.loc["journalist", "accuracy"] == 0.0
    assert groups.loc["all", "sentences"] == 3
    # "cyber*" matches in e and nowhere else: without it, e's sentence has no topic; "ransomware" is in both
    assert t.patterns_seen_only_in(codebook, frame, "e") == {"cyber": ["cyber*"]}
    moved = t.transfer(frame, codebook, coded).set_index("event")
    assert moved.loc["e", "accuracy_full"] == 0.5 and moved.loc["e", "accuracy_without_its_patterns"] == 0.0
    assert moved.loc["f", "patterns_dropped"] == 0


def test_stratified_sample_is_the_seeded_draw_coded_twice_with_40_per_group(corpus):
    samples = t.read_samples()
    sample = samples["stratified"]
    sentences = drawn_from(corpus, sample.file)
    drawn = t.validation_sample(sentences, "stratified", samples)
    first = t.read_validation(sample.file, t.read_codebook())
    second = t.read_validation(t.second_coding_path(sample), t.read_codebook())
    for coding in (first, second):
        assert list(zip(coding["doc_id"], coding["position"])) == list(zip(drawn["doc_id"], drawn["position"]))
        assert coding["text"].tolist() == drawn["text"].tolist()
    coded = t.with_second_coding(t.coded_sample(t.assign(sentences), first), second)
    assert (t.validation_group(coded).value_counts() >= 40).all()
    assert (coded["gold_topic"] != coded["second_topic"]).any()  # two codings, not one copied
    with pytest.raises(ValueError, match="same sentences"):
        t.with_second_coding(coded.drop(columns=["second_topic"]), second.iloc[1:])


def test_aims_are_read_from_the_group_table_and_the_agreement_table():
    by_group = pd.DataFrame({"group": ["a", "b", "all"], "accuracy": [0.9, 0.7, 0.9],
                             "accuracy_unseen": [0.9, 0.6, 0.86]})
    pairs = pd.DataFrame({"first": ["reader A", "reader A", "reader B"], "second": ["reader B", "codebook", "codebook"],
                          "alpha": [0.95, 0.78, 0.7]})
    aims = t.against_aims(by_group, pairs).set_index("measure")
    assert aims["met"].tolist() == [True, False, True, False]
    assert aims.loc["overall accuracy, unseen sentences", "value"] == 0.86  # not 0.9, on all sentences
    assert aims.loc["lowest group accuracy, all sentences", "short_by"] == pytest.approx(0.05)
    assert aims.loc["alpha, reader A and the codebook", "value"] == 0.78


# --- assign against a plain reference: the rule, step by step, on the regular expressions ------------

def reference_assign(frame: pd.DataFrame, codebook: t.Codebook) -> tuple[list[str], list[str]]:
    """The assignment rule of the module docstring written plainly (slow; the regular expressions for the
    matches, Counters, one pass per step), as ``assign`` was before it was made faster."""
    none = t.NONE
    context = {row["topic"]: [t.compile_pattern(p) for p in t.split_patterns(row["context_patterns"])]
               for row in codebook.table.to_dict("records")}
    order = {topic: i for i, topic in enumerate(codebook.topics)}
    ranks = codebook.ranks
    texts = frame["text"].tolist()
    anchors = [t.regex_matches(text, codebook) for text in texts]
    broad = [Counter({topic: n for topic, ps in context.items()
                      if (n := sum(len(p.findall(t.token_text(text))) for p in ps))}) for text in texts]
    journalists = frame["journalist"].tolist() if "journalist" in frame.columns else [""] * len(frame)
    primary, counted = [""] * len(frame), [Counter()] * len(frame)

    def real(counts):
        return Counter({topic: n for topic, n in counts.items() if topic != none and n})

    for doc in sorted(set(frame["doc_id"])):
        rows = sorted((i for i in range(len(frame)) if frame["doc_id"].iloc[i] == doc),
                      key=lambda i: frame["position"].iloc[i])
        turns, previous = [], None
        for i in rows:  # runs of one turn value in position order
            if not turns or frame["turn"].iloc[i] != previous:
                turns.append([])
            turns[-1].append(i)
            previous = frame["turn"].iloc[i]
        previous_turn_topic = none
        for turn in turns:
            anchored = {topic for i in turn for topic in real(anchors[i])}
            for i in turn:
                counted[i] = anchors[i] + Counter({tp: n for tp, n in broad[i].items() if tp in anchored})
            turn_counts = sum((real(counted[i]) for i in turn), Counter())
            direct = []
            for i in turn:
                candidates = real(counted[i])
                if candidates:
                    anchored_ranks = [ranks[tp] for tp in real(anchors[i])]
                    if anchored_ranks:
                        candidates = Counter({tp: n for tp, n in candidates.items()
                                              if ranks[tp] <= min(anchored_ranks)})
                    direct.append(min(candidates, key=lambda tp: (-candidates[tp], ranks[tp], -turn_counts[tp],
                                                                  order[tp])))
                elif none in counted[i] or (journalists[i] and journalists[i] in texts[i]):
                    direct.append(none)
                else:
                    direct.append(None)
            if not any(tp not in (None, none) for tp in direct):
                resolved = [tp if tp is not None else previous_turn_topic for tp in direct]
            else:
                resolved = t.carry(direct)
            for i, topic in zip(turn, resolved):
                primary[i] = topic
            frequent = Counter(tp for tp in resolved if tp != none)
            previous_turn_topic = frequent.most_common(1)[0][0] if frequent else previous_turn_topic
    return primary, [";".join(sorted(real(c), key=order.get)) for c in counted]


def test_assign_equals_the_plain_reference_on_the_corpus(corpus):
    assigned = t.assign(corpus.sentences, CODEBOOK)
    topic, topics_ = reference_assign(corpus.sentences.reset_index(drop=True), CODEBOOK)
    assert assigned["topic"].tolist() == topic
    assert assigned["topics"].tolist() == topics_
    assert assigned.index.equals(corpus.sentences.index)


CONTEXT_PATTERNS = [p.strip() for ps in CODEBOOK.table["context_patterns"] for p in ps.split(";") if p.strip()]


@st.composite
def sentence_tables(draw):
    """Sentences of a few documents and turns, in shuffled row order, made of anchors, context words and filler."""
    text = sentences_of(PATTERNS + CONTEXT_PATTERNS + CONTEXT_PATTERNS, FILLER + ["Ann Smith", "thank you"])
    rows = []
    for doc in draw(st.lists(st.sampled_from(["d1", "d2", "d3"]), min_size=1, max_size=3, unique=True)):
        turn = 0
        for position in range(draw(st.integers(1, 12))):
            turn += draw(st.sampled_from([0, 0, 1]))
            rows.append({"doc_id": doc, "turn": turn, "position": position, "text": draw(text),
                         "journalist": draw(st.sampled_from(["", "", "Ann Smith"]))})
    order = draw(st.permutations(range(len(rows))))
    return pd.DataFrame([rows[i] for i in order])


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(frame=sentence_tables())
def test_assign_equals_the_plain_reference_on_generated_turns(frame):
    assigned = t.assign(frame, CODEBOOK)
    topic, topics_ = reference_assign(frame, CODEBOOK)
    assert assigned["topic"].tolist() == topic
    assert assigned["topics"].tolist() == topics_


def test_reader_topics_replace_the_codebook_only_where_a_sentence_was_coded():
    frame = t.assign(sentences(*[(k, "A", "head_of_state", "Cyber attacks.") for k in range(4)]), t.read_codebook())
    topical = t.with_reader_topics(frame, coded_as(frame, [1, 3], "arms_control"))
    assert topical["topic"].tolist() == ["cyber", "arms_control", "cyber", "arms_control"]
    assert topical["topic_source"].tolist() == ["codebook", "reader A", "codebook", "reader A"]


def test_trumps_shares_are_the_readers_codes_with_reader_b_beside_them(corpus):
    # finding 3 of issue 25: every one of Trump's 44 sentences was coded by both readers (economy 19 % by both),
    # yet the figures showed the codebook's shares (economy 0 %)
    annotated = annotation.annotate(corpus)
    stratified = t.read_samples()["stratified"]
    coded = t.with_second_coding(t.coded_sample(annotated.sentences, t.read_validation(stratified.file, annotated.codebook)),
                                 t.read_validation(t.second_coding_path(stratified), annotated.codebook))
    shares = t.topic_shares(annotated.sentences, ["event", "speaker"], annotated.codebook.topics,
                            misclassification=coded, samples=200).set_index(["speaker", "topic"])
    trump = coded[coded["speaker"] == "Donald Trump"].merge(annotated.sentences[["doc_id", "position", "n_words"]])
    for reader, column in (("gold_topic", "estimate"), ("second_topic", "second_reader_share")):
        by_hand = trump.groupby(reader)["n_words"].sum() / trump["n_words"].sum()
        for topic, share in by_hand.items():
            assert shares.loc[("Donald Trump", topic), column] == pytest.approx(share)
    assert shares.loc[("Donald Trump", "economy"), "estimate"] > 0.15 > shares.loc[("Donald Trump", "economy"), "share"]


def test_the_readers_agreement_is_reported_per_group_so_that_where_they_differ_shows():
    coded = pd.DataFrame({"event": ["e"] * 6, "speaker": ["A"] * 3 + ["B"] * 3, "role": ["head_of_state"] * 6,
                          "role_group": ["principal"] * 6,
                          "gold_topic": ["x", "y", "x", "x", "y", "y"], "second_topic": ["x", "y", "x", "y", "y", "x"]})
    table = t.readers_by_group(coded).set_index("group")
    assert table["alike"].tolist() == [3, 1] and table["sentences"].tolist() == [3, 3]
    words = t.readers_in_words(t.readers_by_group(coded))
    assert "code all 3 sentences of" in words and "agree on 1 of 3" in words

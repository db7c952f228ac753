import pytest

from analysis.text import count_words, normalise_text, split_sentences, words

ABBREVIATIONS = frozenset({"mr", "mrs", "st", "u.s", "dr"})


@pytest.mark.parametrize("text, expected", [
    ("Good afternoon, dear neighbour.", 4),
    ("don't and that’s", 3),                     # apostrophes inside a word join it
    ("lend-lease ice-covered", 2),               # so do hyphens
    ("the U.S. and the U.K.", 5),                # and full stops between letters
    ("5 million, 20 percent, 1–0", 6),           # numbers are words; an en dash separates
    ("Bering Strait — essentially", 3),          # a free-standing dash is not a word
    ("Rossiya-1 TV channel", 3),
    ("", 0),
    ("— … !", 0),
])
def test_count_words_follows_the_documented_rule(text, expected):
    assert count_words(text) == expected


def test_words_and_count_words_agree():
    text = "Ukraine’s security must be ensured – of course, by all means."
    assert len(words(text)) == count_words(text) == 10


def test_hard_wrapped_lines_join_and_blank_lines_separate_paragraphs():
    raw = "Vladimir Putin said: Mr\nPresident, ladies\n  and gentlemen.\n\n\nNext paragraph\nhere."
    assert normalise_text(raw) == "Vladimir Putin said: Mr President, ladies and gentlemen.\nNext paragraph here."


@pytest.mark.parametrize("text", [
    "I spoke to Mr. President Biden about it.",
    "We met Mr. Trump in Alaska today.",
    "He grew up in St. Petersburg as a boy.",
    "The U.S. administration has changed its view.",
    "Dr. Fauci joined the delegation.",
])
def test_abbreviations_do_not_end_sentences(text):
    assert split_sentences(text, ABBREVIATIONS) == [text]


def test_british_forms_without_full_stop_do_not_end_sentences():
    text = "Thank you, Mr President. I saw St Petersburg and Mr Trump there."
    assert split_sentences(text, ABBREVIATIONS) == ["Thank you, Mr President.", "I saw St Petersburg and Mr Trump there."]


def test_sentence_split_keeps_closing_curly_quote_with_its_sentence():
    text = "I said, “Good afternoon, neighbour.” I believe it sounds friendly."
    assert split_sentences(text, ABBREVIATIONS) == ["I said, “Good afternoon, neighbour.”", "I believe it sounds friendly."]


def test_a_paragraph_break_ends_a_sentence():
    assert split_sentences("Good evening,\nPerhaps you can name the topics?", ABBREVIATIONS) == [
        "Good evening,", "Perhaps you can name the topics?"]


def test_single_spaced_short_and_long_paths_agree():
    """Short paragraphs are joined from str.split, long ones translated in place: the same text either way."""
    import random

    from analysis import text as t

    spaces = [chr(c) for c in t.SPACES_AS_ONE]
    assert set(spaces) == {chr(c) for c in range(0x110000) if chr(c).isspace()}
    rng = random.Random(7)
    for _ in range(2000):
        sample = "".join(rng.choice(spaces + ["a", "b", "é", " ", " ", "\n"]) for _ in range(rng.randint(0, 30)))
        long = sample * (t.SHORT_PARAGRAPH // max(1, len(sample)) + 1)
        for case in (sample, long):
            translated = case.translate(t.SPACES_AS_ONE)
            while "  " in translated:
                translated = translated.replace("  ", " ")
            assert t.single_spaced(case) == translated.strip() == " ".join(case.split())

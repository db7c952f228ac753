"""Who asked: a journalist's introduction, in the wordings real transcripts use."""

import pytest

from analysis.journalists import introduction


@pytest.mark.parametrize("sentences, expected", [
    (["Steve Rosenberg, BBC News."], ("Steve Rosenberg", "BBC News")),
    (["Hi, Matthew Chance from CNN."], ("Matthew Chance", "CNN")),
    (["Thank you, Madam Secretary.", "Laura Kessel with the Meridian Post."], ("Laura Kessel", "Meridian Post")),
    (["Dan Ross from the Daily Ledger in Oslo."], ("Dan Ross", "Daily Ledger")),
    (["Peter Lund with Radio Nord."], ("Peter Lund", "Radio Nord")),
    (["Thank you very much with respect."], ("", "")),
    (["President Putin with the Prime Minister."], ("", "")),
    (["We spoke with the press.", "Then what?"], ("", "")),
])
def test_an_introduction_gives_the_name_and_the_outlet_and_nothing_else_does(sentences, expected):
    assert introduction(sentences) == expected

import re

import pytest

from pipeline.extract.literals import CaselessPattern, JointScreen, lowered, may_match, needed_words


def test_needed_words_of_alternatives_and_groups():
    assert needed_words(re.compile(r"\b(?:said|says)\b", re.I)) == {"said", "says"}
    assert needed_words(re.compile(r"\bsign(?:ed|ing)?\b|\bratif\w+", re.I)) == {"sign", "ratif"}
    # an optional part needs nothing; a part that may be empty leaves the rest
    assert needed_words(re.compile(r"(?:foo)?\d+")) is None
    assert needed_words(re.compile(r"^\s*$")) is None


def test_screen_is_never_wrong_where_lowering_is_exact():
    pattern = re.compile(r"\b(?:signed|signatories)\b", re.I)
    for text in ["It was SIGNED today.", "The Signatories:", "nothing here", "co-signing"]:
        assert may_match(pattern, lowered(text)) or pattern.search(text) is None


def test_texts_whose_case_the_engine_reads_otherwise_are_not_lowered():
    pattern = re.compile(r"\bsigned\b", re.I)
    text = "ſigned"  # the engine matches "ſ" to "s"; lower() keeps it
    assert pattern.search(text) and lowered(text) is None and may_match(pattern, lowered(text))


def test_caseless_pattern_finds_the_spans_of_the_case_insensitive_one():
    pattern = CaselessPattern(r"\b(?:jan|may)[a-z]*\.?|(?:19|20)\d\d")
    for text in ["On MAY 5, 2024 and Jan. 3", "ſome İstanbul text, May 2020"]:
        assert pattern.spans(text) == [m.span() for m in pattern.caseless.finditer(text)]
    with pytest.raises(ValueError):
        CaselessPattern(r"[A-Z]\w+")


def test_joint_screen_answers_as_each_pattern_s_own_screen():
    patterns = [re.compile(r"\bsign(?:ed|s)?\b", re.I), re.compile(r"\bsigned by\b", re.I),
                re.compile(r"\bab", re.I), re.compile(r"\bba", re.I), re.compile(r"\w+")]
    screen = JointScreen(patterns)
    # (overlapping words, words that begin others, a text not lowered)
    for text in ["", "x", "Signed by", "aba", "SIGNS", "xsignexd by", "a ba", "signed b", "\u0130 signed by"]:
        low = lowered(text)
        words = screen.words_in(low)
        assert [screen.may_match(p, words) for p in patterns] == [may_match(p, low) for p in patterns], text

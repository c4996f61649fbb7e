"""The entity ruler's shortcut gives exactly spaCy's spans, on real pages and
on text damaged in the ways exports damage it."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from pipeline.entity_shortcut import RulerShortcut
from pipeline.nlp import build_nlp, entity_patterns, entity_spans

ROOT = Path(__file__).resolve().parents[2]
POOL = ROOT.parent / "shared" / "corpus-pool" / "text"


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


@pytest.fixture(scope="module")
def shortcut(nlp):
    return RulerShortcut(nlp, entity_patterns())


def _spacy(nlp, text):
    return [(e.start_char, e.end_char, e.label_, e.ent_id_) for e in nlp(text).ents]


def _same_as_spacy(nlp, shortcut, text):
    expected = _spacy(nlp, text)
    direct = shortcut.spans(text)  # None: two labels for one span, left to the pipeline
    assert direct is None or direct == expected, text[:200]
    assert entity_spans(text, nlp) == expected, text[:200]


TRICKY = [
    "The United States and the U.S.-ROK alliance met the U.K.-Japan team in Canberra.",
    "Meeting at 9 a.m. :) in Washington, D.C.; the G7 and EU (European Union) agreed.",
    "New Zealand and the New Zealand delegation",  # one span, two labels: the pipeline decides
    "(a) Japan (b) Korea (c) India " * 50,
    "AUSTRALIA-INDONESIA  talks\n\nUnited\nStates\tand  the   United Kingdom’s NASA, NIST and DFAT",
    "Türkiye, Côte d'Ivoire, Micronesia, Brunei and the Holy See signed.",
    "",
]


@pytest.mark.parametrize("text", TRICKY)
def test_the_shortcut_gives_spacys_spans_on_tricky_text(nlp, shortcut, text):
    _same_as_spacy(nlp, shortcut, text)


def _damaged(text: str, rng: random.Random) -> str:
    """Extra spaces, line breaks, punctuation and special cases, at random."""
    pieces = list(text)
    for _ in range(len(pieces) // 40):
        at = rng.randrange(len(pieces) + 1)
        pieces.insert(at, rng.choice([" ", "  ", "\n", "-", ".", "(", ")", ",", " a.m. ", ":)", "\u00a0", "’s"]))
    return "".join(pieces)


@pytest.mark.skipif(not POOL.is_dir(), reason="../shared is absent")
def test_the_shortcut_gives_spacys_spans_on_real_and_damaged_pages(nlp, shortcut):
    rng = random.Random(7)
    paths = sorted(POOL.glob("*.txt"))
    for path in rng.sample(paths, 60):
        text = path.read_text("utf-8")[:20_000]
        _same_as_spacy(nlp, shortcut, text)
        _same_as_spacy(nlp, shortcut, _damaged(text, rng))


def test_the_shortcut_answers_itself_unless_two_labels_share_a_span(nlp, shortcut):
    assert shortcut.spans(TRICKY[0]) is not None
    # (the gazetteer gives each spelling one label: "New Zealand" is the country's)
    assert shortcut.spans("Ministers of New Zealand met.") == [(13, 24, "GPE", "NZ")]
    twin = RulerShortcut(nlp, [{"label": "GPE", "pattern": "Ruritania", "id": "RU"},
                               {"label": "NORP", "pattern": "Ruritania", "id": "RU"}])
    assert twin.spans("Ministers of Ruritania met.") is None  # GPE and NORP: spaCy decides


def test_countries_and_nationalities_in_capitals():
    text = "JOINT COMMUNIQUE BY THE NEW ZEALAND AND AUSTRALIAN PRIME MINISTERS IN PERU"
    found = {(text[start:end], code) for start, end, _, code in entity_spans(text)}
    assert {("NEW ZEALAND", "NZ"), ("AUSTRALIAN", "AU"), ("PERU", "PE")} <= found

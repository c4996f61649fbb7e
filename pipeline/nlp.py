"""The spaCy pipeline: ``spacy.blank("en")`` plus rule components.

Pretrained pipelines cannot be installed here, and rules are what the task
needs anyway: documents of a narrow genre whose cues (titles, "signed by",
"shared values such as") are lexical.  An installed pipeline can be named in
the settings; its components are kept and ours are added.

Sentences are not split here: the extractor splits blocks into sentences
itself (``extract.context.split_sentences``), once, in linear time.

Components:
- ``entity_ruler``: countries (GPE, id = ISO alpha-2), demonyms (NORP),
  bodies such as the G7 (ORG) and national agencies (AGENCY, id = country).

Texts are analysed with :func:`entity_spans`, in pieces (see there): a
document may be up to the size cap (50 MB), far over ``nlp.max_length``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from weakref import WeakKeyDictionary

import spacy
from spacy.language import Language

from pipeline.entity_shortcut import RulerShortcut
from pipeline.gazetteer import AGENCIES, BODIES, DEMONYMS, country_names
from pipeline.settings import get_settings


def _with_capitals(names: dict[str, str]) -> dict[str, str]:
    """The names and their spelling in capitals (headlines and the letterheads
    of older releases: "JOINT COMMUNIQUE BY THE NEW ZEALAND AND AUSTRALIAN
    PRIME MINISTERS")."""
    return {**{name.upper(): code for name, code in names.items()}, **names}


def entity_patterns() -> list[dict]:
    # ("New Zealand" is its own adjective: one label for one spelling, the
    # country's, or spaCy's choice between the two would depend on the whole
    # document and the ruler's shortcut could not answer for it)
    countries = _with_capitals(country_names())
    patterns = [{"label": "GPE", "pattern": name, "id": code} for name, code in countries.items()]
    patterns += [{"label": "NORP", "pattern": name, "id": code}
                 for name, code in _with_capitals(DEMONYMS).items() if name not in countries]
    patterns += [{"label": "ORG", "pattern": form, "id": body}
                 for body, forms in BODIES.items()
                 for form in sorted(_with_capitals({form: body for form in {body, *forms}}))]
    patterns += [{"label": "AGENCY", "pattern": acronym, "id": code}
                 for acronym, code in AGENCIES.items()]
    return patterns


def build_nlp(model: str | None = None) -> Language:
    nlp = spacy.load(model, exclude=["ner"]) if model else spacy.blank("en")
    # "U.S.-ROK", "U.K.-Japan": spaCy splits a hyphen between letters, not
    # after an abbreviation's period, and the pair's countries were lost.
    infixes = [*nlp.Defaults.infixes, r"(?<=[A-Z]\.)-(?=[A-Z])"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH",
                                                 "overwrite_ents": True})
    ruler.add_patterns(entity_patterns())
    if nlp.pipe_names == ["entity_ruler"]:
        _SHORTCUTS[nlp] = RulerShortcut(nlp, entity_patterns())
    return nlp


#: the shortcut of each pipeline that is the entity ruler alone
_SHORTCUTS: WeakKeyDictionary = WeakKeyDictionary()


@lru_cache(maxsize=4)
def _cached(model: str | None) -> Language:
    return build_nlp(model)


def get_nlp() -> Language:
    """The pipeline for the current settings, built once per process."""
    return _cached(get_settings().spacy_model)


#: Longest piece of text given to spaCy at once (and never over
#: ``nlp.max_length``, which spaCy enforces with E088).  A Doc costs about
#: 100 MB per million characters, so a longer document is analysed piece by
#: piece, keeping only the entity spans.  A text up to this length is one
#: piece, analysed exactly as a whole: where two patterns give the same span
#: (New Zealand, GPE and NORP), which one spaCy keeps depends on the other
#: matches in the Doc, so splitting shorter texts could change labels.
PIECE_CHARS = 1_000_000
#: Longest whitespace-free run the tokenizer sees.  It splits punctuation
#: off a run one character at a time, in time that grows with the square of
#: the run (ten thousand "#" or "(" take half a minute); no name comes near
#: this length (no entity of the pool stands in a run over 80 characters),
#: so longer runs are blanked, keeping their length so that offsets stay.
LONGEST_RUN = 100
_LONG_RUN = re.compile(r"(?<!\S)\S{%d,}" % (LONGEST_RUN + 1))


def entity_spans(text: str, nlp: Language | None = None) -> list[tuple[int, int, str, str]]:
    """(start, end, label, id) of the entity ruler's spans in ``text``, in order.

    The same spans as ``nlp(text).ents``: pieces are cut at line ends, and
    no entity spans a line end (a line break is a token of its own and the
    patterns are names on one line).  Only a name inside a blanked run or
    cut in two in a single line over ``PIECE_CHARS`` is missed.
    """
    nlp = nlp or get_nlp()
    # (a run over LONGEST_RUN is where _LONG_RUN matches; str.split is much faster
    # at telling whether there is one, and splits at the characters \s matches)
    if max(map(len, text.split()), default=0) > LONGEST_RUN:
        text = _LONG_RUN.sub(lambda m: " " * len(m.group()), text)
    shortcut = _SHORTCUTS.get(nlp)
    spans: list[tuple[int, int, str, str]] = []
    for offset, piece in _pieces(text, min(PIECE_CHARS, nlp.max_length)):
        found = shortcut.spans(piece) if shortcut else None
        if found is None:
            found = [(e.start_char, e.end_char, e.label_, e.ent_id_) for e in nlp(piece).ents]
        spans += [(offset + start, offset + end, label, ent_id) for start, end, label, ent_id in found]
    return spans


def _pieces(text: str, limit: int) -> Iterator[tuple[int, str]]:
    """(offset, piece) of at most ``limit`` characters, each ending at a line
    end if there is one in reach, else after a space (a name cut there is
    lost: only a single line longer than ``limit`` can lose one)."""
    start = 0
    while len(text) - start > limit:
        cut = text.rfind("\n", start, start + limit) + 1
        if cut <= start:
            cut = text.rfind(" ", start, start + limit) + 1
        if cut <= start:
            cut = start + limit
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]

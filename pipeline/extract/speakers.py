"""The speakers a transcript's labels name: "SECRETARY BLINKEN: Thank you.",
"FOREIGN MINISTER AL ZAYANI: ...".  A person whose surname opens such a line
delivered remarks (DESIGN.md's role ``speaker``), whatever the page's byline
says of them ("Antony J. Blinken, Secretary of State" over the remarks).

The labels are the ones the kind rules read as a transcript's
(``speaker_labels`` in ``data/kind_cues.toml``, which leaves out a release's
header labels such as "FOR PRESS:" and "EMBARGO:").  A label names a
speaker only where its last word is a word of a person's name found
elsewhere on the page: "MODERATOR:" and "QUESTION:" name nobody.
"""

from __future__ import annotations

from functools import lru_cache

from pipeline.extract.context import Context
from pipeline.resources import cues

_LABEL_CUE = "speaker_labels"


@lru_cache(maxsize=1)
def _label_pattern():
    return next(c.pattern for c in cues("kind_cues", table="genre") if c.name == _LABEL_CUE)


def _labels(ctx: Context) -> tuple[frozenset[str], frozenset[str]]:
    """The last words of the page's speaker labels and the labels whole,
    case-folded (cached on the context)."""
    if "speaker_labels" not in ctx.analyses:
        words, whole = set(), set()
        for m in _label_pattern().finditer(ctx.text):
            label = m.group(0).rstrip(" \t:").split()
            if label:
                words.add(label[-1].strip(".’'").casefold())
                whole.add(" ".join(label).casefold())
        ctx.analyses["speaker_labels"] = (frozenset(words), frozenset(whole))
    return ctx.analyses["speaker_labels"]


def is_labelled_speaker(ctx: Context, name_words, offices=()) -> bool:
    """Whether a label names the person of these name words, or the office
    only they hold on the page ("PRIME MINISTER:" over a press conference
    where Prime Minister Albanese is named)."""
    words, whole = _labels(ctx)
    return bool(words) and (any(w.casefold() in words for w in name_words)
                            or any(office.casefold() in whole for office in offices))

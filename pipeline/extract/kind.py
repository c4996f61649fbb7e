"""Kind: joint statement, press release, readout, report or other.

The cues of ``data/kind_cues.toml`` (title and body phrases), the title's
words and the document's shape are the features of a trained model
(``trained/kind.json``); the model says how much each cue counts.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.extract import literals, register
from pipeline.extract.context import Context
from pipeline.models import BlockKind, Kind, Provenance
from pipeline.parse.furniture import is_genre_label
from pipeline.resources import cues, trained

_WORD = re.compile(r"[a-z]+")
OPENING = 2000


def features(ctx: Context) -> dict[str, float]:
    title = (ctx.results.get("title") or (None, None))[0] or ""
    # (a page's genre label over its headline, "JOINT PRESS STATEMENT" or
    # "MEDIA RELEASE", says its kind as a title that opens with it would)
    label = _genre_label(ctx)
    if label and label.casefold() not in title.casefold():
        title = f"{label} {title}".strip()
    feats: dict[str, float] = {"bias": 1.0}
    words = _WORD.findall(title.casefold())
    for w in words:
        feats[f"title:{w}"] = 1.0
    for a, b in zip(words, words[1:]):
        feats[f"title:{a}_{b}"] = 1.0
    # A title names its genre first ("Report to the President on ...",
    # "Joint Readout by ...", "Joint Statement from the Governments of ...").
    if words:
        feats[f"title_first:{words[0]}"] = 1.0
        if len(words) > 1:
            feats[f"title_first:{words[0]}_{words[1]}"] = 1.0
    # The kind shows in a document's opening: cues are read from its first
    # characters, so the cost does not grow with the document.
    body = ctx.text[:OPENING]
    # (a cue is searched only where the words it needs occur: those of all
    # the title's cues, and of all the body's, are looked for in one scan)
    title_screen, body_screen = _screens()
    title_lowered, body_lowered = literals.lowered(title), literals.lowered(body)
    title_words = title_screen.words_in(title_lowered)
    body_words = body_screen.words_in(body_lowered)
    for cue in cues("kind_cues"):
        haystack, lowered, screen, words = ((title, title_lowered, title_screen, title_words)
                                            if cue.where == "title"
                                            else (body, body_lowered, body_screen, body_words))
        if screen.may_match(cue.pattern, words) and _occurs(cue.pattern, haystack, lowered):
            feats[f"cue:{cue.name}"] = 1.0
    blocks = ctx.parsed.blocks
    items = sum(1 for b in blocks if b.kind is BlockKind.list_item)
    headings = sum(1 for b in blocks if b.kind is BlockKind.heading)
    feats["shape:list_items"] = min(items, 20) / 20
    feats["shape:headings"] = min(headings, 10) / 10
    feats["shape:long"] = float(len(ctx.text) > 12000)
    feats["shape:short"] = float(len(ctx.text) < 1500)
    return feats


def _genre_label(ctx: Context) -> str | None:
    for block in ctx.parsed.blocks[:2]:
        if block.kind is BlockKind.heading and is_genre_label(text := ctx.block_text(block)):
            return text.strip()
    return None


def _occurs(pattern: re.Pattern, text: str, lowered: str | None) -> bool:
    """Whether the cue occurs in the text; a case-insensitive cue is searched
    case-sensitively in the lowered text where that reads the same
    (``literals.lower_twin``: a case-insensitive search walks every character)."""
    twin = literals.lower_twin(pattern) if lowered is not None else None
    if twin is not None:
        return twin.search(lowered) is not None
    return pattern.search(text) is not None


@lru_cache(maxsize=1)
def _screens() -> tuple[literals.JointScreen, literals.JointScreen]:
    """The screens of the cues read in the title and of those read in the body."""
    title_cues = [cue for cue in cues("kind_cues") if cue.where == "title"]
    body_cues = [cue for cue in cues("kind_cues") if cue.where != "title"]
    return (literals.JointScreen(cue.pattern for cue in title_cues),
            literals.JointScreen(cue.pattern for cue in body_cues))


def feature_kind(ctx: Context) -> str:
    """The kind as the trained decisions read it.  A speech or a transcript,
    "other" by DESIGN.md, is read as a press release, one office's text: no
    annotated page is a speech, and what the decisions learned of "other"
    (fact sheets: their speakers are rare, their signings many) does not hold
    for one."""
    label, provenance = ctx.results["kind"]
    # (training sets the gold kind, with no provenance)
    rule = (provenance.rule if provenance is not None else None) or ""
    speech = rule.startswith("kind.genre.") and Kind(label) is Kind.other
    return Kind.press_release.value if speech else Kind(label).value


#: How often a page a genre rule names is of the rule's kind (a speech that
#: is itself a joint statement's text is the exception).
_GENRE_CONFIDENCE = 0.9


def _genre(ctx: Context) -> tuple[str, Kind] | None:
    """The genre rule (``[[genre]]`` of ``data/kind_cues.toml``) the page
    meets, and the kind DESIGN.md gives that genre: a speech, remarks or a
    transcript is "other"; the text of an instrument itself (an agreement
    closed by its final clauses) a joint statement."""
    title = (ctx.results.get("title") or (None, None))[0] or ""
    body = ctx.text[:OPENING]
    for cue in cues("kind_cues", table="genre"):
        if cue.title is not None and not cue.title.search(title):
            continue
        haystack = title if cue.where == "title" else ctx.text[-CLOSING:] if cue.where == "closing" else body
        if sum(1 for _ in zip(range(cue.count), cue.pattern.finditer(haystack))) >= cue.count:
            return cue.name, Kind(cue.kind)
    return None


#: How far from its end a page's closing clauses are read.
CLOSING = 2000


@register("kind")
def extract_kind(ctx: Context) -> tuple[Kind, Provenance]:
    if ctx.kind_hint is not None:
        return ctx.kind_hint, Provenance(confidence=1.0, rule="kind.source_hint")
    genre = _genre(ctx)
    if genre is not None:
        name, kind = genre
        return kind, Provenance(confidence=_GENRE_CONFIDENCE, rule=f"kind.genre.{name}")
    model = trained("kind")
    label, probability = model.best(features(ctx))
    title_prov = (ctx.results.get("title") or (None, None))[1]
    return Kind(label), Provenance(evidence=title_prov.evidence if title_prov else None,
                                   confidence=round(probability, 3), rule="kind.model")

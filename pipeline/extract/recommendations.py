"""Recommendations: numbered or labelled recommendations of a report, or the
enumerated commitments of a fact sheet.  The numbered paragraphs of a
statement are not recommendations."""

from __future__ import annotations

import re

from pipeline.extract import register
from pipeline.extract.context import Context
from pipeline.models import BlockKind, Kind, Recommendation

_LABELLED = re.compile(r"^Recommendation\s+(?P<num>\d{1,2}(?:\.\d{1,2})*|[IVX]{1,4}|[A-Z])\s*[:.–—-]\s*(?P<text>.+)$")
_INTRO = re.compile(r"\brecommend(?:ations?|s|ed)?\b", re.I)
_ACTOR = re.compile(r"^(?P<actor>(?:The\s+)?[A-Z][\w.\s,-]{1,80}?)\s+(?:should|must|shall|will|is to)\b")
_NUMBERED = re.compile(r"^(?P<num>\d{1,2})[.)]\s+(?P<text>.+)$")


@register("recommendations")
def extract_recommendations(ctx: Context) -> list[Recommendation]:
    kind = ctx.results["kind"][0]
    found: dict[str, Recommendation] = {}

    def add(number: str, text: str, start: int, rule: str, confidence: float) -> None:
        text = text.strip().rstrip(".")
        if number in found or len(text.split()) < 3:
            return
        actor = _ACTOR.match(text)
        found[number] = Recommendation(number=number, text=text,
                                       actor=actor.group("actor").strip() if actor else None,
                                       evidence=ctx.evidence(start, start + len(text)),
                                       confidence=confidence, rule=rule)

    blocks = ctx.parsed.blocks
    # A numbered list introduced by "recommendations" (report summaries).
    for i, block in enumerate(blocks):
        if block.kind is BlockKind.list_item or block.kind is BlockKind.table_row:
            continue
        intro = ctx.block_text(block)
        if not (_INTRO.search(intro) and intro.rstrip().endswith(":")):
            continue
        for nxt in blocks[i + 1:]:
            if nxt.kind is not BlockKind.list_item:
                break
            m = _NUMBERED.match(ctx.block_text(nxt))
            if not m:
                break
            add(m.group("num"), m.group("text"), nxt.start + m.start("text"),
                "recommendations.introduced_list", 0.85)
    # "Recommendation 1: ..." headings and paragraphs (not table-of-contents rows).
    for block in blocks:
        if block.kind in (BlockKind.table_row, BlockKind.list_item):
            continue
        m = _LABELLED.match(ctx.block_text(block))
        if m:
            add(m.group("num"), m.group("text"), block.start + m.start("text"),
                "recommendations.labelled", 0.9)
    if kind is Kind.other and not found:
        for n, block in enumerate(_fact_sheet_commitments(ctx), start=1):
            text = ctx.block_text(block)
            m = _NUMBERED.match(text)
            number, start = (m.group("num"), block.start + m.start("text")) if m else (str(n), block.start)
            add(number, m.group("text") if m else text, start, "recommendations.fact_sheet_commitment", 0.7)
    return sorted(found.values(), key=lambda r: _sort_key(r.number))


_COMMIT_INTRO = re.compile(r"\b(?:commit\w*|pledge\w*|will|intend\w*|deliverables?|actions?|"
                           r"announc\w*|initiatives?)\b[^:]*:\s*$", re.I)


_COMMITMENT = re.compile(r"\b(?:will|commits? to|intends? to|plans? to|pledges? to|is to)\b")


def _fact_sheet_commitments(ctx: Context):
    """List items introduced by a commitment ('... commit to:'); failing that,
    bullets that state one ('The United States will ...'), not every bullet."""
    blocks, items = ctx.parsed.blocks, []
    for i, block in enumerate(blocks):
        if block.kind is BlockKind.list_item or not _COMMIT_INTRO.search(ctx.block_text(block)):
            continue
        for nxt in blocks[i + 1:]:
            if nxt.kind is not BlockKind.list_item:
                break
            items.append(nxt)
    if not items:
        items = [b for b in blocks if b.kind is BlockKind.list_item
                 and _COMMITMENT.search(ctx.block_text(b))]
    return items


def _sort_key(number: str | None):
    if number and re.fullmatch(r"\d+(?:\.\d+)*", number):
        return (0, tuple(int(n) for n in number.split(".")), "")
    return (1, (), number or "")

"""Principles: the items of an explicit list of principles, shared values or
ideals, each its own entry, and numbered guiding principles as full sentences.

A list counts only when the text calls it principles, values or ideals and
introduces it ("shared values such as ...", "the principles of ...", "our
shared principles, including ...").  Topics ("issues such as equity") and
lists called pillars or priorities are look-alikes and are left out.
"""

from __future__ import annotations

import re

from pipeline.extract import register
from pipeline.extract.context import Context
from pipeline.models import BlockKind, Principle

_TRIGGER = re.compile(
    r"\b(?P<group>(?:(?:our|their|the|of|shared|common|core|democratic|guiding|fundamental|universal|"
    r"key|mutual|mutually affirmed)\s+){0,3}(?:values|principles|ideals))"
    r"(?P<conn>\s*,?\s+(?:such as|including|like|namely|that include|inclusive of the principles of)\s+"
    r"|\s+of\s+(?!the\s|this\s|these\s|that\s|those\s|which\s|our\s|(?-i:[A-Z]))|\s*:[ \t]+)",
    re.I)
_CLAUSE_END = re.compile(r"[;.!?]|\s[–—]\s|\s(?:are|is|were|was|that|which|to|will|must|should|guide|"
                         r"guides|underpin|remain|in order)\s|,\s(?:as well as|and (?:to|by|in|for|with|"
                         r"through|on|promoting|supporting|the)|while|but)\s")
_BAD_START = re.compile(r"^(?:those|these|this|that|which|the following|all|each|both|such)\b", re.I)
_GERUND = re.compile(r"^\w+ing\b")
_PREP = re.compile(r"\b(?:in|of|for|to|on|at|with|between|among)\b")
_LIST_INTRO = re.compile(r"\b(?:guiding principles|principles|shared values|values|ideals)\b", re.I)


@register("principles")
def extract_principles(ctx: Context) -> list[Principle]:
    items: list[Principle] = []
    seen: set[str] = set()

    def add(text: str, start: int, group: str, rule: str, confidence: float) -> None:
        key = text.casefold()
        if key in seen or not text:
            return
        seen.add(key)
        items.append(Principle(text=text, group=group, evidence=ctx.evidence(start, start + len(text)),
                               confidence=confidence, rule=rule))

    for m in _TRIGGER.finditer(ctx.text):
        group = re.sub(r"^(?:our|their|the|of)\s+", "", m.group("group").strip(), flags=re.I).lower()
        for text, start in _list_items(ctx.text, m.end()):
            add(text, start, group, "principles.inline_list", 0.8)
    for text, start, group in _numbered_principles(ctx):
        add(text, start, group, "principles.numbered_list", 0.85)
    return items


def _list_items(text: str, pos: int) -> list[tuple[str, int]]:
    """Split 'a, b, c and d' from ``pos`` to the end of the clause."""
    end_m = _CLAUSE_END.search(text, pos)
    end = end_m.start() if end_m else len(text)
    segment = text[pos:end]
    if len(segment) > 400 or _BAD_START.match(segment):
        return []
    parts: list[tuple[str, int]] = []
    for m in re.finditer(r"[^,]+", segment):
        piece, offset = m.group(0), pos + m.start()
        # ", and d" / ", or d"
        lead = re.match(r"\s*(?:and|or)\s+", piece)
        if lead:
            piece, offset = piece[lead.end():], offset + lead.end()
        parts.extend(_split_and(piece, offset))
    # "academic freedom, research integrity, openness and reciprocity in
    # international cooperation": the closing phrase scopes over the whole
    # list, so the last pair splits and drops it.
    if len(parts) >= 3 and " and " in parts[-1][0]:
        last, offset = parts.pop()
        m = re.match(r"\s*(\w+)\s+and\s+(\w+(?:[- ]\w+)?)\s+(?:in|for|of|across|within|among|between)\s", last)
        if m:
            parts += [(m.group(1), offset + m.start(1)), (m.group(2), offset + m.start(2))]
        else:
            parts.append((last, offset))
    out = []
    for piece, offset in parts:
        stripped = piece.strip()
        offset += len(piece) - len(piece.lstrip())
        stripped = re.sub(r"^(?:the|a|an)\s+", "", stripped)
        offset = offset + (len(piece.strip()) - len(stripped))
        if (not stripped or len(stripped.split()) > 7 or _BAD_START.match(stripped)
                or not re.search(r"[^\W\d]", stripped)):
            return []  # not a list of values after all
        out.append((stripped, offset))
    return out


def _split_and(piece: str, offset: int) -> list[tuple[str, int]]:
    """'openness and transparency' -> two; 'balancing openness and security'
    and 'rigour and integrity in research' stay whole."""
    m = re.search(r"\s+and\s+", piece)
    if not m or piece.count(" and ") > 1:
        # The last item of a list: "c, and d" is handled by the caller; "c and d" here.
        return [(piece, offset)]
    left, right = piece[:m.start()].strip(), piece[m.end():].strip()
    if (_GERUND.match(left) or not left or not right or len(left.split()) > 4
            or re.search(r"\bbetween\b", left)  # "a balance between openness and security"
            or (len(left.split()) == 1 and _PREP.search(right))):
        return [(piece, offset)]
    left_start = offset + len(piece) - len(piece.lstrip())
    return [(left, left_start), (right, offset + m.end())]


def _numbered_principles(ctx: Context):
    """A numbered list right after a sentence that introduces principles."""
    blocks = ctx.parsed.blocks
    for i, block in enumerate(blocks):
        if block.kind is BlockKind.list_item:
            continue
        intro = ctx.block_text(block)
        last_sentence = re.split(r"(?<=[.!?])\s+", intro.strip())[-1]
        m = _LIST_INTRO.search(last_sentence)
        if not m or re.search(r"\bpillars?\b|\bpriorities\b", last_sentence, re.I):
            continue
        # Numbered items, or bullets after an introduction that ends with a colon.
        bullets_ok = intro.rstrip().endswith(":")
        run = []
        for nxt in blocks[i + 1:]:
            marker = nxt.meta.get("marker", "")
            if nxt.kind is not BlockKind.list_item or not (
                    re.fullmatch(r"\d{1,2}[.)]", marker) or (bullets_ok and marker == "•")):
                break
            run.append(nxt)
        if len(run) < 2:
            continue
        group = m.group(0).lower()
        for item in run:
            raw = ctx.block_text(item)
            marker = re.match(r"\d{1,2}[.)]\s+", raw)
            body = raw[marker.end():] if marker else raw
            body = body.rstrip(".")
            yield body, item.start + (marker.end() if marker else 0), group

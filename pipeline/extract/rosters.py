"""Roster lines: "Name, Title, AGENCY" under a heading ("Members",
"Co-Chairs"), "Co-Chair: Name, Department", "Dr. Name (Chair), University"."""

from __future__ import annotations

import re as stdre

import regex as re

from pipeline.extract.context import Context
from pipeline.extract.names import ACRONYM, HON, PARTICLE, UP, Mention, is_name_word, org_like
from pipeline.gazetteer import PERSON_TITLES
from pipeline.models import BlockKind


_ROSTER_LINE = re.compile(
    rf"^(?:(?P<label>[A-Z][\w -]{{1,40}}):\s+)?(?P<hon>(?:{HON}\s+|(?:Professor|Sir|Dame)\s+)*)(?P<name>{UP}[\p{{L}}.'’-]+(?:\s+(?:{PARTICLE}\s+)?{UP}[\p{{L}}.'’-]+){{0,4}})(?:\s+\((?P<role>[^)]{{1,40}})\))?,\s+(?P<rest>.{{1,160}})$")


_OFFICE_BEFORE_NAME = stdre.compile(r"(?:" + "|".join(sorted(map(stdre.escape, PERSON_TITLES), key=len, reverse=True))
                                    + r")\s+")
_ATTRIBUTION_END = stdre.compile(r"\b(?:said|says|added|adds|commented|stated|noted|remarked|explained)\s*:?\s*$")


def roster_mentions(ctx: Context) -> list[Mention]:
    """Lines 'Name, Title/Agency' in a run under a heading: committee rosters."""
    blocks = ctx.blocks()
    candidates = []
    for i, block in enumerate(blocks):
        if block.kind not in (BlockKind.paragraph, BlockKind.list_item, BlockKind.table_row):
            continue
        line = ctx.block_text(block)
        if line.rstrip().endswith(".") and len(line.split()) > 8:
            continue  # a sentence about someone, not a roster line
        if _ATTRIBUTION_END.search(line):
            continue  # "Name, Title, said:" opens a quotation, whatever lines like it stand near
        m = _ROSTER_LINE.match(line)
        if not m or not all(is_name_word(w) for w in m.group("name").split()):
            continue
        if " " not in m.group("name") and not m.group("hon"):
            continue  # (a surname alone names someone only after an honorific: "Mr. Howard, Treasurer")
        candidates.append((i, block, m))
    indices = {i for i, _, _ in candidates}
    mentions = []
    for i, block, m in candidates:
        # A roster is a run: a neighbour (across headings) is a roster line too.
        neighbours = [j for j in (i - 1, i + 1, i - 2, i + 2) if j in indices]
        if not neighbours:
            continue
        rest = stdre.sub(r"\s*\((?:since|through|until|from|as of)[^)]*\)\s*$", "", m.group("rest"))
        parts = [p.strip() for p in rest.split(",")]
        org = parts[-1] if ACRONYM.match(parts[-1]) or org_like(parts[-1]) else ""
        title = ", ".join(parts[:-1]) if org else rest
        heading = ctx.heading_before(block.start)
        heading_text = m.group("role") or m.group("label") or (ctx.block_text(heading) if heading else "")
        # ("Councillor Joanne Bright, Chair, ...": an office before the name is none of it)
        name, start = m.group("name"), block.start + m.start("name")
        office = _OFFICE_BEFORE_NAME.match(name)
        if office and len(name[office.end():].split()) >= 2:
            name, start = name[office.end():], start + office.end()
        mentions.append(Mention(
            name=name, start=start, end=start + len(name),
            title=title or heading_text, organization=org, extent_start=block.start,
            extent_end=block.end, rule="people.roster_line", confidence=0.8,
            roster_heading=heading_text, tags={"roster"}))
    return mentions

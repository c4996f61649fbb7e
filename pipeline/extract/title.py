"""Title: the document's own title or headline, as written."""

from __future__ import annotations

import re

from pipeline.extract import register
from pipeline.extract.context import Context
from pipeline.models import BlockKind, Provenance
from pipeline.parse.furniture import is_genre_label

# "Title | The White House", "Title - U.S. Department of State"
# From the start of a run of spaces only: "\s+" retried inside a long run of
# spaces is quadratic.
_SITE_SUFFIX = re.compile(r"(?<!\s)\s+[|–—-]\s+[^|–—-]{2,60}$")


@register("title")
def extract_title(ctx: Context) -> tuple[str | None, Provenance | None]:
    blocks = ctx.parsed.blocks
    for block in blocks[:4]:
        # (a genre label over the headline, "Media Statement" in a page's
        # heading, is the page's genre, not its title)
        if block.kind is BlockKind.heading and (block.level or 1) <= 2 and not is_genre_label(ctx.block_text(block)):
            promoted = block.meta.get("promoted", False)
            confidence = 0.75 if promoted else 0.9
            rule = "title.first_line" if promoted else "title.first_heading"
            end = _stacked_title_end(ctx, block)
            if end > block.end:
                return " ".join(ctx.text[block.start:end].split()), Provenance(
                    evidence=ctx.evidence(block.start, end), confidence=confidence, rule="title.stacked_lines")
            return ctx.block_text(block), Provenance(
                evidence=ctx.evidence(block.start, block.end), confidence=confidence, rule=rule)
    meta_title = ctx.parsed.metadata.title
    if meta_title:
        title = _SITE_SUFFIX.sub("", meta_title.strip())
        pos = ctx.text.find(title)
        if pos < 0 and (headline := _headline_line(ctx, blocks[:3])) is not None:
            # (a page whose <title> is its site's name, "Kementerian Luar Negeri
            # - Press Release", sets its headline as a bold line of its own,
            # under the genre's)
            return ctx.block_text(headline), Provenance(
                evidence=ctx.evidence(headline.start, headline.end), confidence=0.7, rule="title.headline_line")
        evidence = ctx.evidence(pos, pos + len(title)) if pos >= 0 else None
        return title, Provenance(evidence=evidence, confidence=0.7, rule="title.metadata")
    return None, None


#: The longest line read as a headline set as a paragraph.
_HEADLINE_CHARS = 200


def _headline_line(ctx: Context, blocks):
    """The first short line of three words or more with no sentence's end,
    other than a genre label ("PRESS RELEASE"), among the page's first blocks."""
    for block in blocks:
        line = ctx.block_text(block).strip()
        if block.kind is not BlockKind.paragraph or is_genre_label(line):
            continue
        if len(line) <= _HEADLINE_CHARS and len(line.split()) >= 3 and not re.search(r"[.!?:;,]$", line):
            return block
        return None
    return None


# An instrument's title set in capitals over several lines: "MEMORANDUM OF
# UNDERSTANDING" / "BETWEEN" / "THE GOVERNMENT OF MALAYSIA" / "AND" / ... /
# "ON THE ESTABLISHMENT OF ...": a line of its joints ("BETWEEN", "AND") or
# opening with one ("ON ...", "CONCERNING ...") says the lines are one title.
_STACK_JOINT = re.compile(r"(?:BETWEEN|AND|ON|OF|FOR|CONCERNING|REGARDING|ON THE|WITH)\b")
#: The most lines of a stacked title, and its longest.
_STACK_LINES, _STACK_CHARS = 8, 400


def _stacked_title_end(ctx: Context, heading) -> int:
    """Where a title in capitals that runs on over the lines right under its
    first (no blank line between) ends: its first line's end if it does not."""
    blocks = ctx.parsed.blocks
    i = ctx.block_index(heading.start)
    first = ctx.block_text(heading)
    if i is None or i < 0 or not _capitals(first):
        return heading.end
    end, joined = heading.end, False
    for block in blocks[i + 1:i + 1 + _STACK_LINES]:
        line = ctx.block_text(block).strip()
        if ctx.text[end:block.start] != "\n" or not _capitals(line) or block.end - heading.start > _STACK_CHARS:
            break
        joined = joined or _STACK_JOINT.match(line) is not None
        end = block.end
    return end if joined else heading.end


def _capitals(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)

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

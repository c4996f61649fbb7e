"""Signatories: persons the text says signed (signature blocks included).

Who signed is decided with the people roles (:mod:`~pipeline.extract.persons`):
a signature block, "signed by A and B", "A and B signed", "signed for
Ghana" are features of one model, not separate rules.  The country is the
one the text gives with the signer ("signed for X", "on behalf of X", the
title's country, "For the Government of X" above a signature line).
"""

from __future__ import annotations

import re

from pipeline.extract import register
from pipeline.extract.context import Context
from pipeline.extract.persons import decisions
from pipeline.gazetteer import lookup_country, short_name
from pipeline.models import Signatory

_FOR_COUNTRY = re.compile(r"\b(?:signed |signing )?(?:for|on behalf of)\s+(?:the\s+)?(?:Government of\s+"
                          r"(?:the\s+)?)?([A-Z][\w'’.-]*(?:\s+(?:of\s+)?[A-Z][\w'’.-]*){0,3})")
_GOVERNMENT_ABOVE = re.compile(r"For (?:the )?(?:Government of )?(?:the )?([A-Z][\w'’.-]*(?:\s+(?:of\s+)?"
                               r"[A-Z][\w'’.-]*){0,4}):?\s*$")


def _country_prefix(words: str) -> str | None:
    """The country the longest leading run of words names ("Rwanda. They" -> RW)."""
    parts = words.replace(".", " . ").split()
    for n in range(len(parts), 0, -1):
        code = lookup_country(" ".join(parts[:n]))
        if code:
            return code
    return None


@register("signatories")
def extract_signatories(ctx: Context) -> list[Signatory]:
    out = []
    for cand, label, p, _ in decisions(ctx):
        if label != "signatory":
            continue
        mention = next((m for m in cand.mentions if "signature_block" in m.tags), cand.best)
        titled = cand.titled or mention
        country = titled.country or mention.country
        s_start, s_end = ctx.sentence_at(mention.start)
        start, end = mention.extent_start, mention.extent_end
        behalf = _FOR_COUNTRY.search(ctx.text, mention.end, min(s_end, mention.end + 200))
        if behalf and _country_prefix(behalf.group(1)):
            country = _country_prefix(behalf.group(1))
            end = max(end, behalf.end(1))
        above = _GOVERNMENT_ABOVE.search(ctx.text, max(0, mention.extent_start - 120), mention.extent_start)
        if not country and above:
            country = _country_prefix(above.group(1))
        out.append(Signatory(name=cand.name, title=titled.title, organization=titled.organization,
                             country=short_name(country) if country else "", country_code=country,
                             evidence=ctx.evidence(start, end), confidence=round(p, 3),
                             rule="signatories.model"))
    return out

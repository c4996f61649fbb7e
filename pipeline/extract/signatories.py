"""Signatories: persons the text says signed (signature blocks included).

Who signed is decided with the people roles (:mod:`~pipeline.extract.persons`):
a signature block, "signed by A and B", "A and B signed", "signed for
Ghana" are features of one model, not separate rules.  The country is the
one the text gives with the signer ("signed for X", "on behalf of X", the
title's country, "For the Government of X" above a signature line, the
office's own).
"""

from __future__ import annotations

import re

from pipeline.extract import register
from pipeline.extract.context import Context
from pipeline.extract.mentions import Mention
from pipeline.extract.persons import country_prefix, country_signed_for, decisions
from pipeline.gazetteer import short_name, trailing_country
from pipeline.models import Signatory

_GOVERNMENT_ABOVE = re.compile(r"For (?:the )?(?:Government of )?(?:the )?([A-Z][\w'’.-]*(?:\s+(?:of\s+)?"
                               r"[A-Z][\w'’.-]*){0,4}):?\s*$")


@register("signatories")
def extract_signatories(ctx: Context) -> list[Signatory]:
    out = []
    for cand, label, p, _ in decisions(ctx):
        if label != "signatory":
            continue
        mention = next((m for m in cand.mentions if "signature_block" in m.tags), cand.best)
        titled = cand.titled or mention
        country, end = _country(ctx, mention, titled)
        out.append(Signatory(name=cand.name, title=titled.title, organization=titled.organization,
                             country=short_name(country) if country else "", country_code=country,
                             evidence=ctx.evidence(mention.extent_start, end), confidence=round(p, 3),
                             rule="signatories.model"))
    return out


def _country(ctx: Context, mention: Mention, titled: Mention) -> tuple[str | None, int]:
    """The country the signer signed for and where its evidence ends."""
    country, end = titled.country or mention.country, mention.extent_end
    behalf = country_signed_for(ctx, mention)
    if behalf:
        country, end = behalf[0], max(end, behalf[1])
    above = _GOVERNMENT_ABOVE.search(ctx.text, max(0, mention.extent_start - 120), mention.extent_start)
    if not country and above:
        country = country_prefix(above.group(1))
    if not country:
        # ("Prime Minister of Malaysia": the office names its country)
        country = trailing_country(" of ".join(part for part in (titled.title, titled.organization) if part))
    return country, end

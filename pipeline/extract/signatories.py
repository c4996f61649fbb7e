"""Signatories: persons the text says signed (signature blocks included).

Who signed is decided with the people roles (:mod:`~pipeline.extract.persons`):
a signature block, "signed by A and B", "A and B signed", "signed for
Ghana" are features of one model, not separate rules.  The country is the
one the text gives with the signer (:func:`~pipeline.extract.persons.signer_country`).
"""

from __future__ import annotations

from pipeline.extract import register
from pipeline.extract.context import Context
from pipeline.extract.persons import decisions, signer_country
from pipeline.gazetteer import short_name
from pipeline.models import Signatory


@register("signatories")
def extract_signatories(ctx: Context) -> list[Signatory]:
    out = []
    for cand, label, p, _ in decisions(ctx):
        if label != "signatory":
            continue
        country, mention, end = signer_country(ctx, cand)
        titled = cand.titled or mention
        out.append(Signatory(name=cand.name, title=titled.title, organization=titled.organization,
                             country=short_name(country) if country else "", country_code=country,
                             evidence=ctx.evidence(mention.extent_start, end), confidence=round(p, 3),
                             rule="signatories.model"))
    return out

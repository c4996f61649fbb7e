"""ParsedDocument -> extracted fields.

Extractors are small functions registered per field family, in the manner of
spaCy's registries.  They run in ``ORDER`` because some read what earlier ones
found (parties read the signatories' countries, dates read the kind).  Each
returns items that carry their evidence, confidence and rule id.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, Field

from pipeline.extract.context import Context
from pipeline.models import (
    DateItem,
    Kind,
    ParsedDocument,
    Party,
    Person,
    Principle,
    Provenance,
    Recommendation,
    Signatory,
)

Extractor = Callable[[Context], Any]
REGISTRY: dict[str, Extractor] = {}
ORDER = ("title", "kind", "signatories", "people", "parties", "dates", "principles",
         "recommendations")


def register(field: str) -> Callable[[Extractor], Extractor]:
    def decorator(func: Extractor) -> Extractor:
        REGISTRY[field] = func
        return func
    return decorator


class Extraction(BaseModel):
    kind: Kind
    title: str | None
    provenance: dict[str, Provenance] = Field(default_factory=dict)
    dates: list[DateItem] = Field(default_factory=list)
    parties: list[Party] = Field(default_factory=list)
    signatories: list[Signatory] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    principles: list[Principle] = Field(default_factory=list)
    recommendations: list[Recommendation] = Field(default_factory=list)


def make_context(parsed: ParsedDocument, *, kind_hint: Kind | None = None, nlp=None) -> Context:
    """The parsed document with its spaCy analysis, before any extractor ran."""
    from pipeline import nlp as nlp_module

    nlp = nlp or nlp_module.get_nlp()
    return Context(parsed=parsed, doc=nlp(parsed.text), kind_hint=kind_hint)


def load_extractors() -> None:
    """Import the extractor modules, which register themselves."""
    from pipeline.extract import (  # noqa: F401
        dates,
        kind,
        parties,
        people,
        principles,
        recommendations,
        signatories,
        title,
    )


def extract(parsed: ParsedDocument, *, kind_hint: Kind | None = None, nlp=None,
            ctx: Context | None = None) -> Extraction:
    load_extractors()
    ctx = ctx or make_context(parsed, kind_hint=kind_hint, nlp=nlp)
    for field in ORDER:
        ctx.results[field] = REGISTRY[field](ctx)
    kind_value, kind_prov = ctx.results["kind"]
    title_value, title_prov = ctx.results["title"]
    provenance = {"kind": kind_prov}
    if title_prov is not None:
        provenance["title"] = title_prov
    extraction = Extraction(
        kind=kind_value,
        title=title_value,
        provenance=provenance,
        **{f: ctx.results[f] for f in ("dates", "parties", "signatories", "people", "principles",
                                        "recommendations")},
    )
    return calibrate(extraction)


def calibrate(extraction: Extraction) -> Extraction:
    """Turn each value's raw score into the probability that it is right
    (per-field maps fitted on held-out folds by ``tenets train``)."""
    from pipeline.resources import trained

    calibration = trained("calibration")
    for field, prov in extraction.provenance.items():
        if prov.rule != "kind.source_hint":
            prov.confidence = calibration(field, prov.confidence)
    for field in ("dates", "parties", "signatories", "people", "principles", "recommendations"):
        for item in getattr(extraction, field):
            item.confidence = calibration(field, item.confidence)
    return extraction

"""ParsedDocument -> extracted fields.

Extractors are small functions registered per field, in the manner of
spaCy's registries; ``models.FIELD_SPECS`` declares each field's extractor
module and what it requires, and they run in an order that honours it.
Each returns items that carry their evidence, confidence and rule id, and
never changes another extractor's result.
"""

from __future__ import annotations

import gc
import importlib
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, Field, create_model

from pipeline import limits
from pipeline.extract.context import Context
from pipeline.models import FIELD_SPECS, FIELDS, ITEM_MODELS, Kind, ParsedDocument, Provenance

Extractor = Callable[[Context], Any]
REGISTRY: dict[str, Extractor] = {}


def _order() -> tuple[str, ...]:
    """Fields in an order where each comes after what it requires."""
    done: list[str] = []
    pending = list(FIELD_SPECS)
    while pending:
        ready = [spec for spec in pending if set(spec.requires) <= set(done)]
        if not ready:
            raise RuntimeError(f"fields with circular requirements: {[s.name for s in pending]}")
        done += [spec.name for spec in ready]
        pending = [spec for spec in pending if spec not in ready]
    return tuple(done)


ORDER = _order()


def register(field: str) -> Callable[[Extractor], Extractor]:
    def decorator(func: Extractor) -> Extractor:
        REGISTRY[field] = func
        return func
    return decorator


class _ExtractionHead(BaseModel):
    kind: Kind
    title: str | None
    provenance: dict[str, Provenance] = Field(default_factory=dict)


#: What the extractors found for one document (the record's fields, before assembly).
Extraction = create_model(
    "Extraction", __base__=_ExtractionHead,
    **{name: (list[ITEM_MODELS[name]], Field(default_factory=list)) for name in FIELDS})


def make_context(parsed: ParsedDocument, *, kind_hint: Kind | None = None, nlp=None,
                 all_features: bool = False) -> Context:
    """The parsed document with its spaCy analysis, before any extractor ran
    (``all_features``: see ``Context.all_features``)."""
    from pipeline import nlp as nlp_module

    spans = nlp_module.entity_spans(parsed.text, nlp)
    return Context(parsed=parsed, kind_hint=kind_hint, entity_spans=spans, all_features=all_features)


_loaded = False


def load_extractors() -> None:
    """Import the extractor modules, which register themselves (once: it is
    asked before every document, where looking the loaded modules up again
    cost more than the fastest extractors)."""
    global _loaded
    if not _loaded:
        for spec in FIELD_SPECS:
            importlib.import_module(f"pipeline.extract.{spec.extractor}")
        _loaded = True


def extract(parsed: ParsedDocument, *, kind_hint: Kind | None = None, nlp=None,
            ctx: Context | None = None) -> Extraction:
    load_extractors()
    ctx = ctx or make_context(parsed, kind_hint=kind_hint, nlp=nlp)
    for field in ORDER:
        limits.check()  # a document out of time stops between fields, not only when killed
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
        **{f: ctx.results[f] for f in FIELDS},
    )
    extraction = calibrate(extraction)
    _freeze_loaded_once()
    return extraction


_frozen = False


def _freeze_loaded_once() -> None:
    """After the first extraction the models, lexicons and compiled patterns
    are loaded, and they live as long as the process: frozen, the collector's
    full collections no longer walk their hundreds of thousands of objects
    (the garbage of that first document is collected first, not kept)."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.collect()
        gc.freeze()


def calibrate(extraction: Extraction) -> Extraction:
    """Turn each value's raw score into the probability that it is right
    (per-field maps fitted on held-out folds by ``tenets train``)."""
    from pipeline.resources import trained

    calibration = trained("calibration")
    for field, prov in extraction.provenance.items():
        if prov.rule != "kind.source_hint":
            prov.confidence = calibration(field, prov.confidence)
    for field in FIELDS:
        for item in getattr(extraction, field):
            item.confidence = calibration(field, item.confidence)
    return extraction

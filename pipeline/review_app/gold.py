"""Reviewed records as gold files, so reviewers' work becomes the regression set.

The files use the annotation format ``tenets eval`` reads (see
pipeline/evaluate.py and tests/gold): one ``<record id>.json`` per document,
values as the reviewers left them, each with its evidence text.
"""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.models import DocumentRecord, ReviewStatus
from pipeline.review_app.documents import DocumentStore
from pipeline.store import atomic_write


def gold_for(record: DocumentRecord) -> dict:
    return {
        "id": record.id,
        "source": record.source.uri,
        "kind": record.kind.value,
        "title": record.title,
        # the text the evidence points into: `tenets train --reviewed` learns from it
        "text": record.text,
        "dates": [{"date": d.value, "role": d.role.value, "text": d.text,
                   "evidence": d.evidence.text} for d in record.dates],
        "parties": [{"name": p.name, "country_code": p.country_code, "evidence": p.evidence.text}
                    for p in record.parties],
        "signatories": [{"name": s.name, "title": s.title, "organization": s.organization,
                         "country": s.country, "evidence": s.evidence.text} for s in record.signatories],
        "people": [{"name": p.name, "role": p.role.value, "title": p.title,
                    "organization": p.organization, "evidence": p.evidence.text} for p in record.people],
        "principles": [{"text": p.text, "group": p.group, "evidence": p.evidence.text}
                       for p in record.principles],
        "recommendations": [{"number": r.number, "text": r.text, "actor": r.actor,
                             "evidence": r.evidence.text} for r in record.recommendations],
        "review": {"status": record.review.status.value, "reviewers": record.review.reviewers,
                   "last_corrected_at": record.review.last_corrected_at.isoformat()
                   if record.review.last_corrected_at else None,
                   "pipeline_version": record.pipeline_version},
    }


def export_gold(store: DocumentStore, directory: Path, *, include_in_review: bool = False) -> list[Path]:
    """Write a gold file for every reviewed document (and, if asked, every one
    in review: its undecided values are then the extractor's)."""
    wanted = {ReviewStatus.reviewed.value} | ({ReviewStatus.in_review.value} if include_in_review else set())
    written = []
    for summary in store.summaries():
        if summary.status not in wanted:
            continue
        record = store.view(summary.id).record
        path = Path(directory) / f"{record.id}.json"
        atomic_write(path, (json.dumps(gold_for(record), indent=2, ensure_ascii=False) + "\n").encode())
        written.append(path)
    return written

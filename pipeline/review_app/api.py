"""The JSON API under /api/: what the page uses, and what scripts use with
``Authorization: Bearer <token>``.

    GET  /api/me                              who the token or session belongs to
    GET  /api/documents[?kind=&status=]       summaries: counts, review status, stale corrections
    GET  /api/documents/{id}/record           the record with its corrections applied
    GET  /api/documents/{id}/corrections      the log: version, corrections, stale ones
    POST /api/documents/{id}/corrections      {"base_version", "corrections": [drafts]}
                                              201 saved (+ "saved": the new ids) | 409 conflict +
                                              current state | 422 invalid | 507 disk full, nothing kept
    GET  /api/docs, /api/openapi.json         this API described (logged-in reviewers only)

A draft is {"op": accept|reject|edit|add|undo, "field", "target", "values",
"evidence", "reason"}; ``field`` may be "kind" or "title" (edit or accept,
``values: {"value": ...}``); an undo's target is the id of a correction to
take back.
"""

from __future__ import annotations

import json

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from pipeline.review import ConflictError, LogWriteError, corrections_as_json
from pipeline.review_app.app import api_reviewer, context, error_json
from pipeline.review_app.documents import Draft, InvalidCorrection, NotFound
from pipeline.review_app.security import Reviewer

router = APIRouter(prefix="/api")


class SaveRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    base_version: str = Field(description="The log version the reviewer's view was based on.")
    corrections: list[Draft] = Field(min_length=1, max_length=1000)


def _json(data) -> Response:
    return Response(json.dumps(data, ensure_ascii=False, default=str), media_type="application/json")


def _state(view) -> dict:
    """The current state of a document's review, as a conflict answer shows it."""
    return {"id": view.record.id, "version": view.version,
            "review": json.loads(view.record.review.model_dump_json()),
            "corrections": corrections_as_json(view.log)}


@router.get("/me")
def me(reviewer: Reviewer = Depends(api_reviewer)):
    """Who the token or session belongs to."""
    return {"reviewer": reviewer.name, "via": reviewer.via}


@router.get("/documents")
def documents(request: Request, kind: str | None = None, status: str | None = None,
              reviewer: Reviewer = Depends(api_reviewer)):
    """Summaries of every document: counts, review status, stale corrections, progress."""
    summaries = context(request).store.summaries(kind=kind or None, status=status or None)
    return {"documents": [s.as_dict() for s in summaries]}


@router.get("/documents/{doc_id}/record")
def record(doc_id: str, request: Request, reviewer: Reviewer = Depends(api_reviewer)):
    """The record with its corrections applied, as the next run will write it."""
    try:
        view = context(request).store.view(doc_id)
    except NotFound:
        return error_json(404, f"no document {doc_id!r}")
    return Response(view.record.model_dump_json(), media_type="application/json",
                    headers={"ETag": f'"{view.version}"'})


@router.get("/documents/{doc_id}/corrections")
def corrections(doc_id: str, request: Request, reviewer: Reviewer = Depends(api_reviewer)):
    """The document's corrections log, its version and its stale corrections."""
    try:
        view = context(request).store.view(doc_id)
    except NotFound:
        return error_json(404, f"no document {doc_id!r}")
    return _json({**_state(view), "unreadable_lines": [n for n, _ in view.log.unreadable]})


@router.post("/documents/{doc_id}/corrections", status_code=201)
def save(doc_id: str, body: SaveRequest, request: Request,
         reviewer: Reviewer = Depends(api_reviewer)):
    """Append corrections if the log is still at ``base_version`` (all of them or none)."""
    store = context(request).store
    try:
        before = store.view(doc_id)
        view = store.save(doc_id, body.corrections, reviewer.name, body.base_version)
    except NotFound:
        return error_json(404, f"no document {doc_id!r}")
    except ConflictError:
        current = store.view(doc_id)
        return error_json(409, "Another reviewer saved this document since you loaded it; "
                               "nothing of yours was saved. Look at the current state and "
                               "save again.", current=_state(current),
                          record=json.loads(current.record.model_dump_json()), base_version=body.base_version)
    except InvalidCorrection as exc:
        return error_json(422, str(exc))
    except LogWriteError as exc:
        return error_json(507, f"Not saved: {exc.strerror} Free some space and save again.")
    response = _json({**_state(view), "saved": store.saved_ids(before, view)})
    response.status_code = 201
    return response

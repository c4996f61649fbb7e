"""The queue's pages: jump to the next document or the next doubtful value,
the list of every undecided value by confidence, and the API's description
for logged-in reviewers."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, RedirectResponse

from pipeline.review_app import queue
from pipeline.review_app.app import context, page_reviewer
from pipeline.review_app.render import FIELD_LABELS
from pipeline.review_app.security import Reviewer

router = APIRouter()


def _render(request: Request, name: str, **ctx):
    return context(request).templates.TemplateResponse(request, name, ctx)


@router.get("/queue/next-document")
def next_document(request: Request, after: str = "", reviewer: Reviewer = Depends(page_reviewer)):
    doc_id = queue.next_document(context(request).store, after)
    if doc_id is None:
        return RedirectResponse("/?done=1", status_code=303)
    return RedirectResponse(f"/documents/{quote(doc_id, safe='')}", status_code=303)


@router.get("/queue/next-value")
def next_value(request: Request, after: str = "", reviewer: Reviewer = Depends(page_reviewer)):
    value = queue.next_value(context(request).store, after)
    if value is None:
        return RedirectResponse("/?done=1", status_code=303)
    # The fragment names the value: the page selects it and shows its evidence.
    return RedirectResponse(f"/documents/{quote(value.doc_id, safe='')}#item-{quote(value.item_id, safe='')}",
                            status_code=303)


@router.get("/queue/values")
def values(request: Request, page: int = 1, reviewer: Reviewer = Depends(page_reviewer)):
    store = context(request).store
    rows = queue.undecided_values(store)
    return _render(request, "values.html", reviewer=reviewer.name,
                   csrf=reviewer.session.csrf if reviewer.session else "",
                   listing=queue.paginate(rows, page, 50), labels=FIELD_LABELS,
                   progress=queue.progress(store.summaries()))


# --- the API's description, behind the login ---------------------------------------


@router.get("/api/openapi.json", include_in_schema=False)
def openapi(request: Request, reviewer: Reviewer = Depends(page_reviewer)):
    return JSONResponse(request.app.openapi())


@router.get("/api/docs", include_in_schema=False)
def api_docs(request: Request, reviewer: Reviewer = Depends(page_reviewer)):
    """A plain page from the OpenAPI description: no CDN script, strict CSP kept."""
    spec = request.app.openapi()
    operations = [
        {"method": method.upper(), "path": path, "summary": op.get("summary", ""),
         "description": op.get("description", ""),
         "parameters": [(p["name"], p["in"], p.get("required", False)) for p in op.get("parameters", [])],
         "body": bool(op.get("requestBody")),
         "responses": sorted(op.get("responses", {}))}
        for path, item in spec.get("paths", {}).items() for method, op in item.items()
    ]
    return _render(request, "api_docs.html", reviewer=reviewer.name,
                   csrf=reviewer.session.csrf if reviewer.session else "",
                   spec=spec, operations=operations)

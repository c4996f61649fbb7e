"""The HTML pages: login, the document list and the document view.

Pages only read; every correction goes through the JSON API (see api.py),
which the page's script calls with the session's CSRF token.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from pipeline.models import FIELDS, ITEM_MODELS, Kind
from pipeline.review import Op
from pipeline.review_app.app import context, page_reviewer
from pipeline.review_app.documents import STATUSES, DocumentView, NotFound
from pipeline.review_app.render import FIELD_LABELS, FormField, Span, describe, form_fields, highlight
from pipeline.review_app.security import CSRF_FIELD, Reviewer, csrf_ok

router = APIRouter()


def _render(request: Request, name: str, status_code: int = 200, **ctx) -> HTMLResponse:
    return context(request).templates.TemplateResponse(request, name, ctx, status_code=status_code)


def _safe_next(target: str | None) -> str:
    """Only same-site paths: an open redirect would make a convincing phishing link."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    return target


# --- login -------------------------------------------------------------------


@router.get("/login")
def login_form(request: Request, next: str = "/"):
    sessions = context(request).sessions
    session = sessions.read(request)
    if sessions.reviewer(session):
        return RedirectResponse(_safe_next(next), status_code=303)
    session = session or sessions.new()
    return _login_page(request, session, next)


def _login_page(request: Request, session, next: str, error: str | None = None,
                status_code: int = 200) -> HTMLResponse:
    ctx = context(request)
    response = _render(request, "login.html", status_code, csrf=session.csrf, next=_safe_next(next),
                       error=error, no_accounts=not ctx.accounts.names())
    ctx.sessions.write(request, response, session)
    return response


@router.post("/login")
async def login(request: Request):
    ctx = context(request)
    form = await request.form()
    name, password = str(form.get("name", "")), str(form.get("password", ""))
    next_url = str(form.get("next", "/"))
    if not csrf_ok(ctx.sessions.read(request), str(form.get(CSRF_FIELD, ""))):
        return _login_page(request, ctx.sessions.new(), next_url, status_code=403,
                           error="The login form had expired. Please log in again.")
    if not ctx.accounts.check_password(name, password):
        return _login_page(request, ctx.sessions.new(), next_url, status_code=401,
                           error="Wrong name or password.")
    response = RedirectResponse(_safe_next(next_url), status_code=303)
    ctx.sessions.write(request, response, ctx.sessions.new(name))
    return response


@router.post("/logout")
async def logout(request: Request, reviewer: Reviewer = Depends(page_reviewer)):
    ctx = context(request)
    form = await request.form()
    if reviewer.via == "session" and not csrf_ok(reviewer.session, str(form.get(CSRF_FIELD, ""))):
        return HTMLResponse("Missing or wrong CSRF token; reload the page.", status_code=403)
    response = RedirectResponse("/login", status_code=303)
    ctx.sessions.write(request, response, ctx.sessions.new())
    return response


# --- document list -------------------------------------------------------------


@router.get("/")
def document_list(request: Request, kind: str = "", status: str = "",
                  reviewer: Reviewer = Depends(page_reviewer)):
    store = context(request).store
    return _render(request, "list.html", reviewer=reviewer.name, csrf=_csrf(reviewer),
                   documents=store.summaries(kind=kind or None, status=status or None),
                   total=len(store.ids()), kinds=[k.value for k in Kind], statuses=STATUSES,
                   kind=kind, status=status, fields=FIELDS, labels=FIELD_LABELS,
                   records_dir=store.records_dir)


def _csrf(reviewer: Reviewer) -> str:
    return reviewer.session.csrf if reviewer.session else ""


# --- document view -------------------------------------------------------------


@dataclass
class PanelItem:
    id: str
    field: str
    summary: str
    state: str  # "", accepted, edited, added, rejected
    target_value: str
    evidence: str = ""
    rule: str = ""
    confidence: float | None = None
    form: list[FormField] = field(default_factory=list)


@dataclass
class HistoryRow:
    at: str
    reviewer: str
    op: str
    field: str
    value: str
    reason: str
    stale: str  # why it no longer applies, or ""


@router.get("/documents/{doc_id}")
def document_page(doc_id: str, request: Request, reviewer: Reviewer = Depends(page_reviewer)):
    try:
        view = context(request).store.view(doc_id)
    except NotFound:
        return _render(request, "error.html", 404, reviewer=reviewer.name, csrf=_csrf(reviewer),
                       message=f"There is no document {doc_id!r} in this out folder.")
    except (ValidationError, ValueError) as exc:
        return _render(request, "error.html", 500, reviewer=reviewer.name, csrf=_csrf(reviewer),
                       message=f"The record {doc_id!r} cannot be read: {exc}")
    sections, spans = _panel(view)
    return _render(request, "document.html", reviewer=reviewer.name, csrf=_csrf(reviewer),
                   record=view.record, version=view.version, text_html=highlight(view.record.text, spans),
                   sections=sections, history=_history(view), stale=view.record.review.stale_corrections,
                   add_forms=[(f, FIELD_LABELS[f], form_fields(f)) for f in FIELDS], labels=FIELD_LABELS)


def _panel(view: DocumentView) -> tuple[list, list[Span]]:
    record = view.record
    originals = {(o.field, o.item["id"]): o.item for o in record.review.originals}
    sections, spans = [], []
    for f in FIELDS:
        items = []
        for it in getattr(record, f):
            spans.append(Span(it.id, f, it.evidence.start, it.evidence.end))
            items.append(PanelItem(id=it.id, field=f, summary=describe(f, it), state=it.reviewed or "",
                                   target_value=it.key(), evidence=it.evidence.text, rule=it.rule,
                                   confidence=it.confidence, form=form_fields(f, it)))
        for rej in (r for r in record.review.rejected if r.field == f):
            original = originals.get((f, rej.id))
            item = ITEM_MODELS[f].model_validate(original) if original else None
            if item is not None:
                spans.append(Span(rej.id, f, item.evidence.start, item.evidence.end, rejected=True))
            items.append(PanelItem(id=rej.id, field=f, summary=describe(f, item) if item else rej.value,
                                   state="rejected", target_value=rej.value,
                                   evidence=item.evidence.text if item else ""))
        sections.append((f, FIELD_LABELS[f], items))
    return sections, spans


def _history(view: DocumentView) -> list[HistoryRow]:
    stale = {s.correction_id: s.reason for s in view.record.review.stale_corrections}
    rows = []
    for c in reversed(view.log.corrections):  # newest first
        if c.op is Op.add:
            value = ", ".join(f"{k}: {v}" for k, v in c.values.items() if v not in ("", None))
            value = f"{value} — “{c.evidence.text}”" if value else f"“{c.evidence.text}”"
        else:
            changes = ", ".join(f"{k} → {v}" for k, v in c.values.items())
            value = (c.target_value or c.target or "") + (f" ({changes})" if changes else "")
        rows.append(HistoryRow(at=c.at.strftime("%Y-%m-%d %H:%M UTC"), reviewer=c.reviewer,
                               op=c.op.value, field=c.field, value=value, reason=c.reason or "",
                               stale=stale.get(c.id, "")))
    return rows

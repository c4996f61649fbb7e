"""The HTML pages: login, the document list and the document view.

Pages only read; every correction goes through the JSON API (see api.py),
which the page's script calls with the session's CSRF token.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from urllib.parse import urlencode

import anyio
import anyio.to_thread
from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from pipeline.models import FIELDS, ITEM_MODELS, Kind
from pipeline.review import SCALARS, Op
from pipeline.review_app import queue
from pipeline.review_app.app import context, page_reviewer
from pipeline.review_app.documents import STATUSES, DocumentView, NotFound, summarise
from pipeline.review_app.queue import PER_PAGE
from pipeline.review_app.render import (
    FIELD_LABELS,
    FormField,
    Span,
    describe,
    form_fields,
    highlight,
    item_labels,
    scalar_form,
)
from pipeline.review_app.security import (
    CSRF_FIELD,
    LOGIN_COOKIE,
    Reviewer,
    csrf_ok,
    tokens_match,
)

router = APIRouter()


def _render(request: Request, name: str, status_code: int = 200, **ctx) -> HTMLResponse:
    return context(request).templates.TemplateResponse(request, name, ctx, status_code=status_code)


def _safe_next(target: str | None) -> str:
    """Only same-site paths: an open redirect would make a convincing phishing link."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    return target


# --- login -------------------------------------------------------------------

# Password hashing is slow on purpose (argon2): it runs in worker threads, at
# most this many at once, so guessers can neither stall the event loop (every
# other reviewer's requests) nor take all of the threads.
HASHING_THREADS = 2
_hashing: anyio.CapacityLimiter | None = None


def _hashing_limiter() -> anyio.CapacityLimiter:
    global _hashing
    if _hashing is None:
        _hashing = anyio.CapacityLimiter(HASHING_THREADS)
    return _hashing


@router.get("/login")
def login_form(request: Request, next: str = "/"):
    sessions = context(request).sessions
    if sessions.reviewer(sessions.read(request)):
        return RedirectResponse(_safe_next(next), status_code=303)
    return _login_page(request, next)


def _login_page(request: Request, next: str, error: str | None = None,
                status_code: int = 200, headers: dict | None = None) -> HTMLResponse:
    """The form with a fresh token in the login cookie; the session cookie is
    never touched here, so a forged POST to /login logs nobody out."""
    ctx = context(request)
    token = secrets.token_urlsafe(32)
    response = _render(request, "login.html", status_code, csrf=token, next=_safe_next(next),
                       error=error, no_accounts=not ctx.accounts.names())
    ctx.sessions.write_login_token(request, response, token)
    response.headers.update(headers or {})
    return response


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.post("/login")
async def login(request: Request):
    ctx = context(request)
    form = await request.form()
    name, password = str(form.get("name", ""))[:64], str(form.get("password", ""))[:1024]
    next_url = str(form.get("next", "/"))
    supplied = str(form.get(CSRF_FIELD, ""))
    # The login form's token, or (logging in again from a page) the session's.
    if not (tokens_match(ctx.sessions.login_token(request), supplied)
            or csrf_ok(ctx.sessions.read(request), supplied)):
        return _login_page(request, next_url, status_code=403,
                           error="The login form had expired. Please log in again.")
    client = client_address(request)
    wait = ctx.throttle.retry_after(name, client)
    if wait > 0:
        minutes = max(1, round(wait / 60))
        return _login_page(request, next_url, status_code=429, headers={"Retry-After": str(int(wait) + 1)},
                           error=f"Too many failed logins. Try again in about {minutes} minute"
                                 f"{'s' if minutes > 1 else ''}.")
    ok = await anyio.to_thread.run_sync(ctx.accounts.check_password, name, password,
                                        limiter=_hashing_limiter())
    if not ok:
        ctx.throttle.failed(name, client)
        return _login_page(request, next_url, status_code=401, error="Wrong name or password.")
    ctx.throttle.succeeded(name)
    response = RedirectResponse(_safe_next(next_url), status_code=303)
    ctx.sessions.write(request, response, ctx.sessions.new(name))
    response.delete_cookie(LOGIN_COOKIE, path="/login")
    return response


@router.post("/logout")
async def logout(request: Request, reviewer: Reviewer = Depends(page_reviewer)):
    ctx = context(request)
    form = await request.form()
    if reviewer.via == "session" and not csrf_ok(reviewer.session, str(form.get(CSRF_FIELD, ""))):
        return HTMLResponse("Missing or wrong CSRF token; reload the page.", status_code=403)
    ctx.sessions.end(reviewer.session)  # on the server: a copied cookie dies with it
    response = RedirectResponse("/login", status_code=303)
    ctx.sessions.clear(request, response)
    return response


# --- document list -------------------------------------------------------------


@router.get("/")
def document_list(request: Request, kind: str = "", status: str = "", q: str = "", sort: str = "id",
                  page: int = 1, per_page: int = PER_PAGE, done: int = 0,
                  reviewer: Reviewer = Depends(page_reviewer)):
    store = context(request).store
    listing = queue.document_list(store, q=q, kind=kind, status=status, sort=sort, page=page,
                                  per_page=per_page)
    sort_key, descending = queue.parse_sort(sort)
    params = {"kind": kind, "status": status, "q": q, "per_page": per_page if per_page != PER_PAGE else ""}

    def link(**changes) -> str:
        merged = {**params, "sort": sort if sort != "id" else "", **changes}
        return "/?" + urlencode({k: v for k, v in merged.items() if v not in ("", None)})

    def sort_link(key: str) -> str:
        return link(sort=f"-{key}" if key == sort_key and not descending else key, page="")

    return _render(request, "list.html", reviewer=reviewer.name, csrf=_csrf(reviewer),
                   documents=listing.rows, listing=listing, link=link, sort_link=sort_link,
                   sort_key=sort_key, descending=descending, progress=queue.progress(store.summaries()),
                   total=len(store.ids()), kinds=[k.value for k in Kind], statuses=STATUSES,
                   kind=kind, status=status, q=q, fields=FIELDS, labels=item_labels(),
                   records_dir=store.records_dir, done=done)


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
    undone: bool = False


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
                   document_items=_scalars(view), sections=sections, history=_history(view),
                   stale=view.record.review.stale_corrections, summary=summarise(view),
                   progress=queue.progress(context(request).store.summaries()),
                   add_forms=[(f, FIELD_LABELS[f], form_fields(f)) for f in FIELDS], labels=item_labels())


def _scalars(view: DocumentView) -> list[PanelItem]:
    """Kind and title as panel rows: accepted or edited as their provenance says."""
    record = view.record
    rows = []
    for name in SCALARS:
        value = record.kind.value if name == "kind" else record.title
        prov = record.provenance.get(name)
        state = {"review.accepted": "accepted", "review.edited": "edited"}.get(prov.rule if prov else "", "")
        rows.append(PanelItem(id=name, field=name, summary=value or "(no title)", state=state,
                              target_value=value or "", evidence=prov.evidence.text if prov and prov.evidence else "",
                              rule=prov.rule if prov and not state else "",
                              confidence=prov.confidence if prov and not state else None,
                              form=scalar_form(name, value)))
    return rows


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
    undone = {c.target for c in view.log.corrections if c.op is Op.undo and c.id not in stale}
    rows = []
    for c in reversed(view.log.corrections):  # newest first
        if c.op is Op.undo:
            value = "took back an earlier correction"
        elif c.op is Op.add:
            value = ", ".join(f"{k}: {v}" for k, v in c.values.items() if v not in ("", None))
            value = f"{value} — “{c.evidence.text}”" if value else f"“{c.evidence.text}”"
        else:
            changes = ", ".join(f"{k} → {v}" for k, v in c.values.items())
            value = (c.target_value or c.target or "") + (f" ({changes})" if changes else "")
        rows.append(HistoryRow(at=c.at.strftime("%Y-%m-%d %H:%M UTC"), reviewer=c.reviewer,
                               op=c.op.value, field=c.field, value=value, reason=c.reason or "",
                               stale=stale.get(c.id, ""), undone=c.id in undone))
    return rows

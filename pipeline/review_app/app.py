"""The review app's factory: wiring, security headers and error answers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from argon2 import PasswordHasher
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from pipeline.review_app.accounts import Accounts
from pipeline.review_app.documents import DocumentStore
from pipeline.review_app.security import LoginRequired, Reviewer, Sessions, authenticate, require_csrf
from pipeline.settings import Settings, get_settings

HERE = Path(__file__).resolve().parent

# No inline script or style anywhere, so even a markup bug cannot run a
# document's text as code.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


@dataclass
class Context:
    settings: Settings
    store: DocumentStore
    accounts: Accounts
    sessions: Sessions
    templates: Jinja2Templates


def create_app(settings: Settings | None = None, out_dir: Path | str = "out", *,
               password_hasher: PasswordHasher | None = None) -> FastAPI:
    from pipeline.review_app import api, pages

    settings = settings or get_settings()
    accounts = Accounts(settings.reviewers_file, password_hasher)
    templates = Jinja2Templates(directory=HERE / "templates")  # autoescapes .html
    # The interactive API docs would be routes without a login: off.
    app = FastAPI(title="tenets review", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.ctx = Context(
        settings=settings,
        store=DocumentStore(Path(out_dir), settings.corrections_dir),
        accounts=accounts,
        sessions=Sessions(accounts, int(settings.review_session_hours * 3600)),
        templates=templates,
    )
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if not request.url.path.startswith("/static/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.exception_handler(LoginRequired)
    async def to_login(request: Request, exc: LoginRequired):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)

    return app


def context(request: Request) -> Context:
    return request.app.state.ctx


def api_reviewer(request: Request) -> Reviewer:
    """Dependency of every API route: a reviewer, and a CSRF token for changes."""
    reviewer = authenticate(request, context(request).sessions)
    if reviewer is None:
        raise HTTPException(401, "login required", headers={"WWW-Authenticate": "Bearer"})
    require_csrf(request, reviewer)
    return reviewer


def page_reviewer(request: Request) -> Reviewer:
    """Dependency of every page: a reviewer, or a redirect to the login page."""
    reviewer = authenticate(request, context(request).sessions)
    if reviewer is None:
        raise LoginRequired()
    return reviewer


def error_json(status: int, detail: str, **extra) -> JSONResponse:
    return JSONResponse({"detail": detail, **extra}, status_code=status)

"""The review app's factory: wiring, security headers and error answers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import jinja2
from argon2 import PasswordHasher
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from pipeline.review_app.accounts import Accounts
from pipeline.review_app.documents import DocumentStore
from pipeline.review_app.guards import RequestGuard
from pipeline.review_app.render import show_controls
from pipeline.review_app.security import (
    LoginRequired,
    Reviewer,
    Sessions,
    authenticate,
    require_csrf,
)
from pipeline.review_app.throttle import LoginThrottle
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
    throttle: LoginThrottle


def create_app(settings: Settings | None = None, out_dir: Path | str = "out", *,
               password_hasher: PasswordHasher | None = None) -> FastAPI:
    from pipeline.review_app import api, pages, queue_pages

    settings = settings or get_settings()
    accounts = Accounts(settings.reviewers_file, password_hasher)
    # Autoescaped, and every printed value passes show_controls (bidi controls made visible).
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                             autoescape=jinja2.select_autoescape(), finalize=show_controls)
    templates = Jinja2Templates(env=env)
    # FastAPI's own docs pages would be routes without a login (and load a CDN
    # script): off; /api/docs serves the same OpenAPI description to reviewers.
    app = FastAPI(title="tenets review", docs_url=None, redoc_url=None, openapi_url=None,
                  description="Read records and save reviewers' corrections. Pages use the "
                              "session cookie and a CSRF token; scripts send "
                              "`Authorization: Bearer <token>` (see `tenets review add-user`).")
    app.state.ctx = Context(
        settings=settings,
        store=DocumentStore(Path(out_dir), settings.corrections_dir),
        accounts=accounts,
        sessions=Sessions(accounts, int(settings.review_session_hours * 3600)),
        templates=templates,
        throttle=LoginThrottle(),
    )
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(queue_pages.router)
    # Outermost, so nothing runs on a foreign Host or an oversized body.
    app.add_middleware(RequestGuard, allowed_hosts=list(settings.review_allowed_hosts),
                       max_body_bytes=settings.review_max_body_bytes)

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

"""Who is asking: signed session cookies with a CSRF token, or an API token.

A browser gets a signed cookie (HttpOnly, SameSite=Lax) holding its reviewer
name and a CSRF token; the page sends that token back in a header or form
field with every state-changing request, which another site cannot read or
forge.  Scripts send ``Authorization: Bearer <token>`` instead: nothing
ambient, so no CSRF token is needed.  A bad token is refused outright rather
than falling back to the cookie.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from typing import Literal

from fastapi import HTTPException, Request
from fastapi.responses import Response
from itsdangerous import BadSignature, URLSafeTimedSerializer

from pipeline.review_app.accounts import Accounts

SESSION_COOKIE = "tenets_review_session"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass(frozen=True)
class Session:
    csrf: str
    reviewer: str | None = None
    fingerprint: str | None = None


@dataclass(frozen=True)
class Reviewer:
    name: str
    via: Literal["session", "token"]
    session: Session | None = None


class LoginRequired(Exception):
    """A page was asked for without a login: answered with a redirect."""


class Sessions:
    def __init__(self, accounts: Accounts, max_age_seconds: int) -> None:
        self.accounts = accounts
        self.max_age = max_age_seconds

    def _serializer(self) -> URLSafeTimedSerializer:
        return URLSafeTimedSerializer(self.accounts.session_secret(), salt="tenets.review.session")

    def read(self, request: Request) -> Session | None:
        raw = request.cookies.get(SESSION_COOKIE)
        if not raw:
            return None
        try:
            data = self._serializer().loads(raw, max_age=self.max_age)
            return Session(csrf=data["c"], reviewer=data.get("u"), fingerprint=data.get("f"))
        except (BadSignature, KeyError, TypeError):
            return None

    def new(self, reviewer: str | None = None) -> Session:
        """A fresh CSRF token on every login and logout, so none outlives them."""
        return Session(csrf=secrets.token_urlsafe(32), reviewer=reviewer,
                       fingerprint=self.accounts.fingerprint(reviewer) if reviewer else None)

    def write(self, request: Request, response: Response, session: Session) -> None:
        value = self._serializer().dumps({"c": session.csrf, "u": session.reviewer,
                                          "f": session.fingerprint})
        # Lax, not Strict: a link to a document from elsewhere still finds the
        # reviewer logged in; every state change needs the CSRF token anyway.
        response.set_cookie(SESSION_COOKIE, value, max_age=self.max_age, path="/", httponly=True,
                            samesite="lax", secure=request.url.scheme == "https")

    def reviewer(self, session: Session | None) -> str | None:
        """The logged-in reviewer, if the account still exists with that password."""
        if session is None or not session.reviewer:
            return None
        current = self.accounts.fingerprint(session.reviewer)
        if current is None or not hmac.compare_digest(current, session.fingerprint or ""):
            return None
        return session.reviewer


def authenticate(request: Request, sessions: Sessions) -> Reviewer | None:
    header = request.headers.get("authorization")
    if header is not None:
        scheme, _, token = header.partition(" ")
        name = sessions.accounts.reviewer_for_token(token.strip()) if scheme.lower() == "bearer" else None
        if name is None:
            raise HTTPException(401, "invalid API token", headers={"WWW-Authenticate": "Bearer"})
        return Reviewer(name, "token")
    session = sessions.read(request)
    name = sessions.reviewer(session)
    return Reviewer(name, "session", session) if name else None


def csrf_ok(session: Session | None, supplied: str | None) -> bool:
    return bool(session and supplied) and hmac.compare_digest(session.csrf, supplied)


def require_csrf(request: Request, reviewer: Reviewer, supplied: str | None = None) -> None:
    if request.method not in UNSAFE_METHODS or reviewer.via == "token":
        return
    if not csrf_ok(reviewer.session, supplied or request.headers.get(CSRF_HEADER)):
        raise HTTPException(403, "missing or wrong CSRF token; reload the page")

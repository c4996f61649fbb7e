"""Who is asking: server-side sessions behind a signed cookie, or an API token.

A browser gets a signed cookie (HttpOnly, SameSite=Lax) naming a session that
lives on the server; logging out deletes it there, so a copy of the cookie
taken before stops working at once (a signed cookie alone would stay valid
until it expires).  The session holds a CSRF token; the page sends it back in
a header or form field with every state-changing request, which another site
cannot read or forge.

The login form's CSRF token lives in a cookie of its own: a failed or forged
POST to /login then never touches the session cookie, so another site cannot
log a reviewer out by posting to /login.

Scripts send ``Authorization: Bearer <token>`` instead: nothing ambient, so no
CSRF token is needed.  A bad token is refused outright rather than falling
back to the cookie.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Literal

from fastapi import HTTPException, Request
from fastapi.responses import Response
from itsdangerous import BadSignature, URLSafeTimedSerializer

from pipeline.review_app.accounts import Accounts

SESSION_COOKIE = "tenets_review_session"
LOGIN_COOKIE = "tenets_review_login"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
LOGIN_FORM_SECONDS = 3600


@dataclass(frozen=True)
class Session:
    csrf: str
    reviewer: str | None = None
    fingerprint: str | None = None
    sid: str | None = None


@dataclass(frozen=True)
class Reviewer:
    name: str
    via: Literal["session", "token"]
    session: Session | None = None


class LoginRequired(Exception):
    """A page was asked for without a login: answered with a redirect."""


class Sessions:
    """Live sessions, in memory: a restart of the app logs everybody out,
    which is the safe direction to fail."""

    def __init__(self, accounts: Accounts, max_age_seconds: int, clock=time.monotonic) -> None:
        self.accounts = accounts
        self.max_age = max_age_seconds
        self._clock = clock
        self._live: dict[str, float] = {}  # session id -> when it expires
        self._lock = threading.Lock()

    def _serializer(self, salt: str = "tenets.review.session") -> URLSafeTimedSerializer:
        return URLSafeTimedSerializer(self.accounts.session_secret(), salt=salt)

    def read(self, request: Request) -> Session | None:
        raw = request.cookies.get(SESSION_COOKIE)
        if not raw:
            return None
        try:
            data = self._serializer().loads(raw, max_age=self.max_age)
            session = Session(csrf=data["c"], reviewer=data.get("u"), fingerprint=data.get("f"),
                              sid=data["s"])
        except (BadSignature, KeyError, TypeError):
            return None
        with self._lock:
            expires = self._live.get(session.sid or "")
        if expires is None or expires < self._clock():
            return None  # logged out, expired, or from before a restart
        return session

    def new(self, reviewer: str) -> Session:
        """A fresh session id and CSRF token on every login, so none outlives it."""
        sid = secrets.token_urlsafe(24)
        now = self._clock()
        with self._lock:
            self._live = {s: t for s, t in self._live.items() if t >= now}  # forget expired ones
            self._live[sid] = now + self.max_age
        return Session(csrf=secrets.token_urlsafe(32), reviewer=reviewer,
                       fingerprint=self.accounts.fingerprint(reviewer), sid=sid)

    def end(self, session: Session | None) -> None:
        if session is not None and session.sid:
            with self._lock:
                self._live.pop(session.sid, None)

    def write(self, request: Request, response: Response, session: Session) -> None:
        value = self._serializer().dumps({"c": session.csrf, "u": session.reviewer,
                                          "f": session.fingerprint, "s": session.sid})
        # Lax, not Strict: a link to a document from elsewhere still finds the
        # reviewer logged in; every state change needs the CSRF token anyway.
        response.set_cookie(SESSION_COOKIE, value, max_age=self.max_age, path="/", httponly=True,
                            samesite="lax", secure=request.url.scheme == "https")

    def clear(self, request: Request, response: Response) -> None:
        response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax",
                               secure=request.url.scheme == "https")

    # --- the login form's own CSRF token -------------------------------------------

    def login_token(self, request: Request) -> str | None:
        raw = request.cookies.get(LOGIN_COOKIE)
        if not raw:
            return None
        try:
            return self._serializer("tenets.review.login").loads(raw, max_age=LOGIN_FORM_SECONDS)
        except BadSignature:
            return None

    def write_login_token(self, request: Request, response: Response, token: str) -> None:
        response.set_cookie(LOGIN_COOKIE, self._serializer("tenets.review.login").dumps(token),
                            max_age=LOGIN_FORM_SECONDS, path="/login", httponly=True,
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


def tokens_match(expected: str | None, supplied: str | None) -> bool:
    return bool(expected and supplied) and hmac.compare_digest(expected, supplied)


def csrf_ok(session: Session | None, supplied: str | None) -> bool:
    return tokens_match(session.csrf if session else None, supplied)


def require_csrf(request: Request, reviewer: Reviewer, supplied: str | None = None) -> None:
    if request.method not in UNSAFE_METHODS or reviewer.via == "token":
        return
    if not csrf_ok(reviewer.session, supplied or request.headers.get(CSRF_HEADER)):
        raise HTTPException(403, "missing or wrong CSRF token; reload the page")

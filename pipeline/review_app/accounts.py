"""Reviewer accounts: one JSON file with argon2 password hashes and API token hashes.

Only hashes are stored, so the file leaks no password or token; it also holds
the secret that signs session cookies.  It is written atomically with mode
0600 and belongs outside git (``.tenets/`` is ignored).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from datetime import datetime, timezone
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from pipeline.store import atomic_write

NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
MIN_PASSWORD = 8
TOKEN_PREFIX = "tnr_"


class AccountError(ValueError):
    pass


def token_hash(token: str) -> str:
    # API tokens are 256-bit random strings: a fast hash is enough (no guessing).
    return hashlib.sha256(token.encode()).hexdigest()


class Accounts:
    def __init__(self, path: Path, hasher: PasswordHasher | None = None) -> None:
        self.path = Path(path)
        self.hasher = hasher or PasswordHasher()
        self._dummy_hash: str | None = None
        self._fallback_secret = secrets.token_hex(32)

    def _load(self) -> dict:
        try:
            return json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            return {"reviewers": {}}

    def _save(self, data: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write(self.path, (json.dumps(data, indent=2) + "\n").encode())

    def names(self) -> list[str]:
        return sorted(self._load()["reviewers"])

    def add(self, name: str, password: str, *, replace: bool = False) -> str:
        """Create (or with ``replace`` reset) an account; returns its new API token."""
        if not NAME_RE.match(name):
            raise AccountError("a reviewer name is 1-64 letters, digits, '.', '_' or '-'")
        if len(password) < MIN_PASSWORD:
            raise AccountError(f"the password needs at least {MIN_PASSWORD} characters")
        data = self._load()
        if name in data["reviewers"] and not replace:
            raise AccountError(f"reviewer {name!r} exists; use --replace to set a new password and token")
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        data.setdefault("session_secret", secrets.token_hex(32))
        data["reviewers"][name] = {
            "password": self.hasher.hash(password),
            "token_sha256": token_hash(token),
            "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        }
        self._save(data)
        return token

    def check_password(self, name: str, password: str) -> bool:
        account = self._load()["reviewers"].get(name)
        if account is None:
            # Spend the same time on unknown names, so timing does not reveal who exists.
            self._dummy_hash = self._dummy_hash or self.hasher.hash(secrets.token_hex(8))
        try:
            return self.hasher.verify(account["password"] if account else self._dummy_hash,
                                      password) and account is not None
        except (VerificationError, InvalidHashError):
            return False

    def reviewer_for_token(self, token: str) -> str | None:
        wanted = token_hash(token)
        found = None
        for name, account in self._load()["reviewers"].items():
            if hmac.compare_digest(account.get("token_sha256", ""), wanted):
                found = name
        return found

    def fingerprint(self, name: str) -> str | None:
        """Changes with the password, so resetting it ends the account's sessions."""
        account = self._load()["reviewers"].get(name)
        return hashlib.sha256(account["password"].encode()).hexdigest()[:16] if account else None

    def session_secret(self) -> str:
        # Without accounts nobody can log in; a throwaway secret will do.
        return self._load().get("session_secret") or self._fallback_secret

"""Checks on every request before the app sees it: the Host header, the size
of the body, and where a state-changing request comes from.

- Host: only names in ``review_allowed_hosts`` (DNS rebinding would otherwise
  let a web page talk to a review app on localhost as if it were its own site).
- Body: at most ``review_max_body_bytes``, counted as it arrives, so a 30 MB
  "value" is refused with 413 instead of being stored and rendered.
- Origin: a browser's POST from another site is refused, whatever cookies
  and tokens it carries (defence in depth beside the CSRF tokens).
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from pipeline.review_app.security import UNSAFE_METHODS


def host_name(host_header: str) -> str:
    """``example.org:8765`` -> ``example.org``; ``[::1]:8765`` -> ``::1``."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    name, _, port = host.rpartition(":")
    return name if name and port.isdigit() else host


def host_allowed(host_header: str, allowed: list[str]) -> bool:
    name = host_name(host_header)
    for pattern in (a.strip().lower().strip("[]") for a in allowed):
        if pattern == "*" or name == pattern:
            return True
        if pattern.startswith("*.") and name.endswith(pattern[1:]):
            return True
    return False


async def _answer(send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class RequestGuard:
    """Plain ASGI middleware: it must see the body as it streams in."""

    def __init__(self, app, *, allowed_hosts: list[str], max_body_bytes: int) -> None:
        self.app = app
        self.allowed_hosts = allowed_hosts
        self.max_body = max_body_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        if not host_allowed(host, self.allowed_hosts):
            return await _answer(send, 400, "this host name is not served here "
                                            "(see TENETS_REVIEW_ALLOWED_HOSTS)")
        if scope["method"] in UNSAFE_METHODS and _cross_site(headers, host):
            return await _answer(send, 403, "cross-site request refused")
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            return await _answer(send, 413, f"request body over {self.max_body} bytes")

        # Read the body here, up to the limit, and hand the app the buffered
        # copy: the app never starts on a body it will not be allowed to finish.
        chunks, received = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            received += len(message.get("body", b""))
            if received > self.max_body:
                return await _answer(send, 413, f"request body over {self.max_body} bytes")
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body, replayed = b"".join(chunks), False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # after the body: wait for the disconnect, as usual

        await self.app(scope, replay, send)


def _cross_site(headers: dict[str, str], host: str) -> bool:
    if headers.get("sec-fetch-site") == "cross-site":
        return True
    origin = headers.get("origin")
    if not origin or origin == "null":
        return origin == "null"  # sandboxed frames and some redirects send "null"
    return urlsplit(origin).netloc.lower() != host.strip().lower()

"""Which URLs the pipeline may request, and URLs made fit to be written down.

A URL the user named (command line, ``sources.toml``) is trusted as it is:
the user chose it, intranet and ``localhost`` included.  Every other URL (a
redirect's target today, a discovered link tomorrow) is checked before it is
requested, unless it is on a host the user named or one the settings allow
(``allowed_hosts``): only http(s), and no host that resolves to a loopback,
link-local (the cloud metadata service at 169.254.169.254), private,
multicast, reserved or otherwise non-public address.  Otherwise a page on the
web could make the pipeline read the machine's own services and write what
they say into a record.

DNS rebinding: the check resolves the host, and the HTTP client resolves it
again when it connects, so a hostile DNS server could answer a public address
to the first and a private one to the second.  Rather than connecting to the
checked address ourselves (which breaks TLS certificate checks and proxies),
the fetcher also checks the address it actually connected to, before a byte
of the request is sent (:func:`check_peer`).  Through a proxy the proxy
resolves and connects, so only the first check applies.

Credentials in a URL (``https://user:secret@host/``) never reach anything that
is written (records, error files, the raw store, logs): sources keep the URL
without them, and the credentials stay in this process's memory only, looked
up by the fetcher for requests to that URL's host (:func:`remember_credentials`).
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit, urlunsplit

from pipeline.errors import TenetsError

_SCHEMES = ("http", "https")
# Well-known NAT64 prefix: an address in it reaches the IPv4 address it embeds.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class RefusedURL(TenetsError):
    """A URL the pipeline will not request (E025, E026) or could not check
    (E013, when its host does not resolve).  Callers turn it into the
    document's error: ``DocumentError(doc_id, stage, exc.code, **exc.fields)``."""


# -- Addresses ------------------------------------------------------------------

def blocked_reason(address: str | ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why a request to ``address`` is refused, e.g. "link-local address
    169.254.169.254", or None when it is a public address."""
    ip = ipaddress.ip_address(address.split("%", 1)[0] if isinstance(address, str) else address)
    if isinstance(ip, ipaddress.IPv6Address):
        # An IPv6 form of an IPv4 address (mapped, 6to4, Teredo, NAT64)
        # reaches that IPv4 address: judge that one.
        embedded = _embedded_ipv4(ip)
        inner = _category(embedded) if embedded is not None else None
        if inner is not None:
            return f"{inner} address {ip} (IPv6 form of {embedded})"
        if embedded is not None:
            return None  # e.g. DNS64 answers on an IPv6-only network: the web
    category = _category(ip)
    return f"{category} address {ip}" if category else None


def _category(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    # Most specific first: 169.254.169.254 is also "private" to ipaddress.
    for name, flag in (("unspecified", ip.is_unspecified), ("loopback", ip.is_loopback),
                       ("link-local", ip.is_link_local), ("multicast", ip.is_multicast),
                       ("reserved", ip.is_reserved), ("private", ip.is_private),
                       ("site-local", getattr(ip, "is_site_local", False))):
        if flag:
            return name
    # Shared (100.64/10), documentation and benchmark ranges: not the web.
    return None if ip.is_global else "non-public"


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


# -- URLs -----------------------------------------------------------------------

def normalize_host(host: str | None) -> str:
    """A host name as compared here: lower case, IDNA-encoded, no trailing dot,
    no IPv6 brackets."""
    host = (host or "").strip().strip("[]").rstrip(".").lower()
    try:
        return host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        return host


def url_host(url: str) -> str:
    return normalize_host(urlsplit(str(url)).hostname)


def trusted_hosts(user_url: str, allowed_hosts: Iterable[str] = ()) -> set[str]:
    """The hosts whose URLs are requested without a check: the host of the URL
    the user named, and the hosts the settings allow."""
    return {url_host(user_url), *(normalize_host(h) for h in allowed_hosts)} - {""}


def check_url(url: str, *, trusted_hosts: Iterable[str] = (), kind: str = "redirect") -> None:
    """Refuse ``url`` unless it may be requested: raise :class:`RefusedURL`.

    ``trusted_hosts`` are requested as they are (see :func:`trusted_hosts`);
    any other host must resolve only to public addresses: one private address
    among public ones is enough to refuse, since the client may pick any.
    ``kind`` names what led to the URL in the message ("redirect", "link").
    """
    parts = urlsplit(str(url))
    target = redact_url(str(url))
    if parts.scheme.lower() not in _SCHEMES:
        raise RefusedURL("E026", kind=kind, target=target)
    host = normalize_host(parts.hostname)
    if not host:
        raise RefusedURL("E025", kind=kind, target=target, reason="no host name")
    if host in {normalize_host(h) for h in trusted_hosts}:
        return
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        addresses = _resolve(host, port)
    except (OSError, UnicodeError, ValueError) as exc:
        raise RefusedURL("E013", url=target, detail=f"cannot resolve {host} to check it: {exc}") from exc
    for address in addresses:
        reason = blocked_reason(address)
        if reason:
            raise RefusedURL("E025", kind=kind, target=target, reason=reason)


def check_peer(url: str, peer_address: str, *, kind: str = "redirect") -> None:
    """The address a connection for ``url`` actually reached must be public
    too (the DNS-rebinding half of :func:`check_url`)."""
    reason = blocked_reason(peer_address)
    if reason:
        raise RefusedURL("E025", kind=kind, target=redact_url(str(url)),
                         reason=f"{reason} at connection time")


def _resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (a function of its own so that tests
    can stand in for DNS)."""
    return sorted({info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)})


# -- Credentials ----------------------------------------------------------------

_credentials: dict[str, tuple[str, str]] = {}
_credentials_lock = threading.Lock()


def split_credentials(url: str) -> tuple[str, tuple[str, str] | None]:
    """``url`` without its user name and password, and those (or None)."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url, None
    userinfo, _, hostport = parts.netloc.rpartition("@")
    user, _, password = userinfo.partition(":")
    clean = urlunsplit((parts.scheme, hostport, parts.path, parts.query, parts.fragment))
    return clean, (unquote(user), unquote(password))


def redact_url(url: str) -> str:
    """``url`` fit to be written down: without user name and password."""
    return split_credentials(url)[0]


def remember_credentials(url: str) -> str:
    """Keep the credentials of a URL the user named in memory for the fetcher
    and return the URL without them (what sources, records and logs see).

    The credentials live only in this process: a fetch in another process
    (a Dask worker) is sent without them.
    """
    clean, credentials = split_credentials(url)
    if credentials is not None:
        with _credentials_lock:
            _credentials[clean] = credentials
    return clean


def credentials_for(url: str) -> tuple[str, str] | None:
    """The credentials the user gave with ``url`` (by its redacted form)."""
    with _credentials_lock:
        return _credentials.get(redact_url(str(url)))

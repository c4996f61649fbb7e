"""Failed logins, counted per account and per client, so guessing is slow.

Per account, so a distributed guesser cannot try one reviewer's password from
many addresses; per client, so one address cannot try many reviewers.  While
a key is over its limit every login attempt with it is refused before the
password is even checked (a correct guess must not get through either).
Counts live in memory: a restart forgets them, like the sessions.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque

MAX_KEYS = 10_000  # bounded memory however many names an attacker makes up


class LoginThrottle:
    def __init__(self, per_account: int = 5, per_client: int = 20, window_seconds: float = 900.0,
                 clock=time.monotonic) -> None:
        self.limits = {"account": per_account, "client": per_client}
        self.window = window_seconds
        self._clock = clock
        self._failures: OrderedDict[tuple[str, str], deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _keys(self, account: str, client: str) -> list[tuple[str, str]]:
        return [("account", account.casefold()), ("client", client)]

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        times = self._failures.get(key, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        return times

    def retry_after(self, account: str, client: str) -> float:
        """Seconds until a login may be tried again; 0 when it may now."""
        now = self._clock()
        wait = 0.0
        with self._lock:
            for key in self._keys(account, client):
                times = self._recent(key, now)
                if len(times) >= self.limits[key[0]]:
                    wait = max(wait, times[-self.limits[key[0]]] + self.window - now)
        return wait

    def failed(self, account: str, client: str) -> None:
        now = self._clock()
        with self._lock:
            for key in self._keys(account, client):
                times = self._recent(key, now)
                times.append(now)
                self._failures[key] = times
                self._failures.move_to_end(key)
            while len(self._failures) > MAX_KEYS:
                self._failures.popitem(last=False)

    def succeeded(self, account: str) -> None:
        """The reviewer knew the password: their account's count starts over
        (the client's does not, or one known login would launder guesses)."""
        with self._lock:
            self._failures.pop(("account", account.casefold()), None)

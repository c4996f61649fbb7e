"""The review app's defences without HTTP: login throttling, the Host
allow-list, server-side sessions and visible direction controls."""

from __future__ import annotations

import re

from argon2 import PasswordHasher

from pipeline.review_app.accounts import Accounts
from pipeline.review_app.guards import host_allowed, host_name
from pipeline.review_app.render import Span, highlight, show_controls
from pipeline.review_app.security import Sessions
from pipeline.review_app.throttle import LoginThrottle

FAST = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_failed_logins_lock_the_account_from_every_client():
    clock = Clock()
    throttle = LoginThrottle(per_account=5, per_client=20, window_seconds=900, clock=clock)
    for n in range(5):
        assert throttle.retry_after("ana", f"10.0.0.{n}") == 0
        throttle.failed("ana", f"10.0.0.{n}")
    assert throttle.retry_after("ANA", "10.9.9.9") > 0  # any client, any case
    assert throttle.retry_after("ben", "10.9.9.9") == 0  # other accounts are not punished
    clock.now += 901
    assert throttle.retry_after("ana", "10.9.9.9") == 0  # the window slides on


def test_failed_logins_lock_the_client_across_accounts():
    throttle = LoginThrottle(per_account=5, per_client=20, window_seconds=900, clock=Clock())
    for n in range(20):
        throttle.failed(f"user{n}", "10.0.0.1")
    assert throttle.retry_after("someone-new", "10.0.0.1") > 0
    assert throttle.retry_after("someone-new", "10.0.0.2") == 0


def test_a_success_clears_the_account_but_not_the_client():
    throttle = LoginThrottle(per_account=2, per_client=3, window_seconds=900, clock=Clock())
    throttle.failed("ana", "c")
    throttle.failed("ana", "c")
    throttle.succeeded("ana")
    assert throttle.retry_after("ana", "d") == 0
    throttle.failed("ben", "c")
    assert throttle.retry_after("carla", "c") > 0


def test_host_names_are_parsed_and_matched_against_the_allow_list():
    assert host_name("Example.org:8765") == "example.org"
    assert host_name("[::1]:8765") == "::1"
    assert host_name("127.0.0.1") == "127.0.0.1"
    allowed = ["localhost", "127.0.0.1", "::1", "*.review.example"]
    for ok in ("localhost:8765", "127.0.0.1:8765", "[::1]:8765", "a.review.example"):
        assert host_allowed(ok, allowed), ok
    for bad in ("evil.example", "localhost.evil.example", "review.example.evil", "", "127.0.0.2"):
        assert not host_allowed(bad, allowed), bad


def test_a_session_ended_on_the_server_stays_ended(tmp_path):
    accounts = Accounts(tmp_path / "reviewers.json", FAST)
    accounts.add("ana", "correct horse battery")
    clock = Clock()
    sessions = Sessions(accounts, 3600, clock=clock)
    first, second = sessions.new("ana"), sessions.new("ana")
    assert first.sid != second.sid and first.csrf != second.csrf
    sessions.end(first)
    assert first.sid not in sessions._live and second.sid in sessions._live
    clock.now += 3601
    sessions.new("ana")  # creating one forgets the expired
    assert second.sid not in sessions._live


def test_direction_controls_are_shown_not_applied():
    rlo = "\u202e"
    assert show_controls(f"Jane {rlo}eoR") == "Jane ⟦U+202E⟧eoR"
    assert show_controls("a\u2066b\u200fc") == "a⟦U+2066⟧b⟦U+200F⟧c"
    text = f"Signed by {rlo}eoR enaJ today."
    html = str(highlight(text, [Span("p1", "people", 10, 19)]))
    # In the text the character stays (the page counts characters) but sits
    # alone in an isolating span that displays its marker.
    assert re.search(r'<span class="bidi" data-cp="⟦U\+202E⟧">\u202e</span>', html)
    assert html.count(rlo) == 1

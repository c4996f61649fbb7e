"""A running review app and a headless Chromium for the browser tests.

Chromium is Debian's (/usr/bin/chromium, installed by .ci/run), driven by
Playwright; no browser is downloaded at test time.
"""

from __future__ import annotations

import socket
import threading
import time

import pytest
from argon2 import PasswordHasher
from review_site import CHROMIUM, FIXTURES, PASSWORD, Site, long_record, script_record


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    import uvicorn

    from pipeline.api import process
    from pipeline.review_app.accounts import Accounts
    from pipeline.review_app.app import create_app
    from pipeline.settings import Settings
    from pipeline.sources import resolve_sources
    from pipeline.store import write_record

    tmp = tmp_path_factory.mktemp("review-site")
    settings = Settings(reviewers_file=tmp / "reviewers.json", corrections_dir=tmp / "corrections",
                        data_dir=tmp / "data")
    out = tmp / "out"
    # The first run, through the library (the CLI run comes later, once).
    for source in resolve_sources([str(FIXTURES)]):
        result = process(source, settings)
        assert result.error is None, result.error
        write_record(out, result.record)
    write_record(out, script_record())
    write_record(out, long_record())
    fast = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    Accounts(settings.reviewers_file, fast).add("ana", PASSWORD)
    Accounts(settings.reviewers_file, fast).add("ben", PASSWORD)

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(settings, out, password_hasher=fast),
                                           host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "the review app did not start"
        time.sleep(0.02)
    yield Site(url=f"http://127.0.0.1:{port}", out=out, settings=settings, tmp=tmp)
    server.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(5000)
    yield page
    context.close()

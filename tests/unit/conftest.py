"""Fixtures the unit tests of fetching and discovery share."""

from __future__ import annotations

import pytest

from fixtures.http_server import FixtureServer


@pytest.fixture
def server():
    """A real HTTP server on 127.0.0.1 for one test (routes added by the test)."""
    with FixtureServer() as srv:
        yield srv

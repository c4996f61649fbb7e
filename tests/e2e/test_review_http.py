"""The review app over HTTP: every route, logins, API tokens, CSRF, conflicts,
escaping and id validation; and the `tenets review` commands."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from pipeline.models import DocumentRecord, Evidence, Principle, Signatory, SourceInfo
from pipeline.review import read_log
from pipeline.review_app.accounts import Accounts
from pipeline.review_app.app import create_app
from pipeline.settings import Settings
from pipeline.store import write_record

FAST = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
PASSWORD = "correct horse battery"
DOC = "doc-1"
SCRIPT_TEXT = ('Joint statement <script>document.title="pwned"</script> signed by Jane Roe, '
               'Minister. Shared values: openness and punctual ferries.')


def span(text: str, words: str) -> Evidence:
    start = text.index(words)
    return Evidence(start=start, end=start + len(words), text=words)


def record(doc_id: str, text: str, kind: str = "joint_statement",
           principles: tuple[str, ...] = ("openness", "punctual ferries")) -> DocumentRecord:
    fields = {
        "signatories": [Signatory(name="Jane Roe", title="", evidence=span(text, "Jane Roe, Minister"),
                                  confidence=0.7, rule="t")],
        "principles": [Principle(text=w, evidence=span(text, w), confidence=0.8, rule="t")
                       for w in principles],
    }
    for field, items in fields.items():
        for item in items:
            item.with_id(field)
    return DocumentRecord(pipeline_version="test", id=doc_id, kind=kind, title=f"Title of {doc_id}",
                          text=text, source=SourceInfo(uri=f"file:///{doc_id}.txt", media_type="text/plain",
                                                       sha256="0" * 64,
                                                       fetched_at=datetime(2024, 1, 1, tzinfo=timezone.utc)),
                          **fields)


def http(app, **kwargs) -> TestClient:
    """A client on a host name the app's default allow-list accepts."""
    return TestClient(app, base_url="http://localhost", **kwargs)


@pytest.fixture
def env(tmp_path):
    settings = Settings(reviewers_file=tmp_path / "reviewers.json", corrections_dir=tmp_path / "corrections",
                        data_dir=tmp_path / "data")
    out = tmp_path / "out"
    write_record(out, record(DOC, SCRIPT_TEXT))
    write_record(out, record("doc-2", SCRIPT_TEXT.replace("Joint statement", "Press release"), "press_release"))
    accounts = Accounts(settings.reviewers_file, FAST)
    tokens = {name: accounts.add(name, PASSWORD) for name in ("ana", "ben")}
    app = create_app(settings, out, password_hasher=FAST)
    return settings, out, app, tokens


@pytest.fixture
def client(env):
    return http(env[2])


def login(client: TestClient, name: str = "ana", password: str = PASSWORD, next: str = "/"):
    page = client.get("/login")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    return client.post("/login", data={"name": name, "password": password, "csrf_token": csrf,
                                       "next": next}, follow_redirects=False)


def page_state(client: TestClient, doc_id: str = DOC) -> tuple[str, str]:
    """(CSRF token, log version) as the document page hands them to its script."""
    page = client.get(f"/documents/{doc_id}")
    csrf = re.search(r'name="csrf-token" content="([^"]+)"', page.text).group(1)
    version = re.search(r'data-version="([^"]+)"', page.text).group(1)
    return csrf, version


def item_id(client: TestClient, field: str, value: str, doc_id: str = DOC) -> str:
    data = client.get(f"/api/documents/{doc_id}/record").json()
    return next(it["id"] for it in data[field] if value in json.dumps(it))


def reject(target: str, base: str) -> dict:
    return {"base_version": base, "corrections": [{"op": "reject", "field": "principles", "target": target,
                                                   "reason": "not a principle"}]}


ROUTES = [
    ("GET", "/"), ("GET", f"/documents/{DOC}"), ("POST", "/logout"),
    ("GET", "/api/me"), ("GET", "/api/documents"), ("GET", f"/api/documents/{DOC}/record"),
    ("GET", f"/api/documents/{DOC}/corrections"), ("POST", f"/api/documents/{DOC}/corrections"),
]


# --- logged out -------------------------------------------------------------------


@pytest.mark.parametrize("method,path", ROUTES)
def test_every_route_needs_a_login(client, method, path):
    response = client.request(method, path, follow_redirects=False,
                              json={"base_version": "0", "corrections": []} if "api" in path and method == "POST" else None)
    if path.startswith("/api/"):
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
    else:
        assert response.status_code == 303
        assert response.headers["location"].startswith("/login?next=")


@pytest.mark.parametrize("method,path", [r for r in ROUTES if r[1].startswith("/api/")])
def test_a_wrong_token_is_refused_even_with_a_session(client, method, path):
    login(client)
    response = client.request(method, path, headers={"Authorization": "Bearer tnr_not-a-token"},
                              json={"base_version": "0", "corrections": []} if method == "POST" else None)
    assert response.status_code == 401
    assert response.json()["detail"] == "invalid API token"


def test_no_unauthenticated_api_docs(client):
    for path in ("/docs", "/redoc", "/openapi.json"):
        assert client.get(path).status_code == 404


# --- logging in and out -----------------------------------------------------------


def test_login_sets_a_httponly_samesite_cookie_and_returns_to_the_page(client):
    response = login(client, next=f"/documents/{DOC}")
    assert response.status_code == 303 and response.headers["location"] == f"/documents/{DOC}"
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert client.get("/").status_code == 200


def test_a_wrong_password_does_not_log_in(client):
    response = login(client, password="wrong password")
    assert response.status_code == 401 and "Wrong name or password" in response.text
    assert client.get("/", follow_redirects=False).status_code == 303
    assert login(client, name="nobody").status_code == 401


def test_login_needs_the_forms_csrf_token(client):
    client.get("/login")
    response = client.post("/login", data={"name": "ana", "password": PASSWORD}, follow_redirects=False)
    assert response.status_code == 403
    assert client.get("/", follow_redirects=False).status_code == 303


def test_login_never_redirects_off_site(client):
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        assert login(client, next=target).headers["location"] == "/"


def test_logout_needs_csrf_then_ends_the_session(client):
    login(client)
    assert client.post("/logout", data={}, follow_redirects=False).status_code == 403
    csrf, _ = page_state(client)
    response = client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert response.status_code == 303
    assert client.get("/", follow_redirects=False).status_code == 303


def test_a_new_password_ends_old_sessions(env, client):
    login(client)
    Accounts(env[0].reviewers_file, FAST).add("ana", "a new password", replace=True)
    assert client.get("/", follow_redirects=False).status_code == 303


# --- pages --------------------------------------------------------------------------


def test_the_list_shows_counts_and_status_and_filters(client):
    login(client)
    page = client.get("/").text
    assert "Title of doc-1" in page and "Title of doc-2" in page
    assert client.get("/?kind=press_release").text.count('class="doc-row"') == 1
    csrf, version = page_state(client)
    target = item_id(client, "principles", "punctual ferries")
    client.post(f"/api/documents/{DOC}/corrections", json=reject(target, version), headers={"X-CSRF-Token": csrf})
    in_review = client.get("/?status=in_review").text
    assert 'data-id="doc-1"' in in_review and 'data-id="doc-2"' not in in_review


def test_the_document_page_shows_untrusted_text_as_text(client):
    login(client)
    response = client.get(f"/documents/{DOC}")
    assert response.status_code == 200
    assert "<script>document.title" not in response.text
    assert "&lt;script&gt;document.title=&#34;pwned&#34;&lt;/script&gt;" in response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
    # each value is highlighted with a scroll target, coloured by field
    assert re.search(r'<mark class="ev f-principles" data-items="pri_\w+">punctual ferries</mark>', response.text)


def test_the_document_page_lists_history_and_stale_corrections(env, client):
    settings = env[0]
    login(client)
    csrf, version = page_state(client)
    target = item_id(client, "principles", "punctual ferries")
    client.post(f"/api/documents/{DOC}/corrections", json=reject(target, version), headers={"X-CSRF-Token": csrf})
    # The extractor no longer finds the principle: the correction goes stale, visibly.
    write_record(env[1], record(DOC, SCRIPT_TEXT, principles=("openness",)))
    page = client.get(f"/documents/{DOC}").text
    assert "Stale corrections (1)" in page
    assert "not a principle" in page and "ana" in page
    assert read_log(settings.corrections_dir, DOC).corrections  # still in the log
    assert '<td class="num stale-count">1</td>' in client.get("/").text


@pytest.mark.parametrize("path", ["/documents/..%2F..%2Fetc%2Fpasswd", "/documents/.hidden",
                                  "/api/documents/..%2Freviewers/record", "/api/documents/nope/record",
                                  "/api/documents/%2E%2E/corrections"])
def test_ids_are_validated(client, path):
    login(client)
    assert client.get(path).status_code == 404


# --- saving corrections -------------------------------------------------------------------


def test_a_save_without_csrf_token_is_refused(env, client):
    login(client)
    _, version = page_state(client)
    target = item_id(client, "principles", "punctual ferries")
    for headers in ({}, {"X-CSRF-Token": "forged"}):
        response = client.post(f"/api/documents/{DOC}/corrections", json=reject(target, version), headers=headers)
        assert response.status_code == 403
    assert read_log(env[0].corrections_dir, DOC).corrections == []


def test_save_then_a_stale_base_gets_a_conflict_with_the_current_state(env, client):
    login(client)
    csrf, version = page_state(client)
    target = item_id(client, "principles", "punctual ferries")
    saved = client.post(f"/api/documents/{DOC}/corrections", json=reject(target, version),
                        headers={"X-CSRF-Token": csrf})
    assert saved.status_code == 201
    assert saved.json()["version"] != version
    assert saved.json()["review"]["rejected"][0]["value"] == "punctual ferries"
    assert "punctual ferries" not in json.dumps(client.get(f"/api/documents/{DOC}/record").json()["principles"])

    # ben, with a page loaded before ana saved
    other = http(env[2])
    login(other, "ben")
    edit = {"base_version": version, "corrections": [
        {"op": "edit", "field": "signatories", "target": item_id(other, "signatories", "Jane Roe"),
         "values": {"title": "Minister"}}]}
    conflict = other.post(f"/api/documents/{DOC}/corrections", json=edit, headers={"X-CSRF-Token": page_state(other)[0]})
    assert conflict.status_code == 409
    body = conflict.json()
    assert body["current"]["version"] == saved.json()["version"]
    assert [c["reviewer"] for c in body["current"]["corrections"]] == ["ana"]
    assert "Another reviewer saved" in body["detail"]
    assert len(read_log(env[0].corrections_dir, DOC).corrections) == 1


@pytest.mark.parametrize("correction,message", [
    ({"op": "reject", "field": "principles", "target": "pri_000000000000"}, "no item"),
    ({"op": "add", "field": "dates", "values": {"value": "2024-01-01", "role": "event"},
      "evidence": {"start": 0, "end": 5, "text": "Tromsø"}}, "not in the document"),
    ({"op": "add", "field": "dates", "values": {"value": "January", "role": "event"},
      "evidence": {"start": 0, "end": 5, "text": "Joint"}}, "invalid values"),
    ({"op": "add", "field": "dates", "values": {"value": "2024"}, "evidence": {"start": 0, "end": 5, "text": "Joint"}},
     "role"),
])
def test_corrections_that_cannot_apply_are_refused(env, client, correction, message):
    login(client)
    csrf, version = page_state(client)
    response = client.post(f"/api/documents/{DOC}/corrections", json={"base_version": version, "corrections": [correction]},
                           headers={"X-CSRF-Token": csrf})
    assert response.status_code == 422
    assert message in json.dumps(response.json())
    assert read_log(env[0].corrections_dir, DOC).corrections == []


def test_scripts_use_the_api_with_a_token_and_no_csrf(env):
    _, _, app, tokens = env
    api = http(app, headers={"Authorization": f"Bearer {tokens['ben']}"})
    assert api.get("/api/me").json() == {"reviewer": "ben", "via": "token"}
    docs = api.get("/api/documents?kind=joint_statement").json()["documents"]
    assert [d["id"] for d in docs] == [DOC]
    assert docs[0]["counts"]["principles"] == 2 and docs[0]["status"] == "unreviewed"
    log = api.get(f"/api/documents/{DOC}/corrections").json()
    text = api.get(f"/api/documents/{DOC}/record").json()["text"]
    start = text.index("Jane Roe")
    added = api.post(f"/api/documents/{DOC}/corrections", json={"base_version": log["version"], "corrections": [
        {"op": "add", "field": "people", "values": {"role": "author"},
         "evidence": {"start": start, "end": start + 8, "text": "Jane Roe"}, "reason": "she wrote it"}]})
    assert added.status_code == 201
    [c] = read_log(env[0].corrections_dir, DOC).corrections
    assert (c.reviewer, c.op.value, c.reason, c.evidence.prefix[-10:]) == ("ben", "add", "she wrote it", "signed by ")
    person = api.get(f"/api/documents/{DOC}/record").json()["people"][0]
    assert (person["name"], person["reviewed"], person["rule"]) == ("Jane Roe", "added", "review.added")


# --- the commands ------------------------------------------------------------------------


@pytest.fixture
def cli_env(tmp_path, monkeypatch):
    from pipeline import settings as settings_module

    monkeypatch.setenv("TENETS_REVIEWERS_FILE", str(tmp_path / "reviewers.json"))
    monkeypatch.setenv("TENETS_CORRECTIONS_DIR", str(tmp_path / "corrections"))
    settings_module.get_settings.cache_clear()
    yield tmp_path
    settings_module.get_settings.cache_clear()


def test_add_user_prints_a_token_that_the_api_accepts(cli_env):
    from pipeline.cli import app as cli

    runner = CliRunner()
    result = runner.invoke(cli, ["review", "add-user", "carla", "--password-stdin"], input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    token = result.stdout.strip().splitlines()[-1]
    assert token.startswith("tnr_")
    again = runner.invoke(cli, ["review", "add-user", "carla", "--password-stdin"], input=PASSWORD + "\n")
    assert again.exit_code == 1 and "--replace" in again.output
    short = runner.invoke(cli, ["review", "add-user", "dan", "--password-stdin"], input="short\n")
    assert short.exit_code == 1

    settings = Settings()
    app = create_app(settings, cli_env / "out")
    assert http(app).get("/api/me", headers={"Authorization": f"Bearer {token}"}).json()["reviewer"] == "carla"


def test_serve_binds_to_loopback_unless_told(cli_env, monkeypatch):
    import uvicorn

    from pipeline.cli import app as cli

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    assert CliRunner().invoke(cli, ["review", "serve"]).exit_code == 0
    assert (calls[0]["host"], calls[0]["port"]) == ("127.0.0.1", 8765)
    result = CliRunner().invoke(cli, ["review", "serve", "--host", "0.0.0.0", "--port", "9000"])
    assert calls[1]["host"] == "0.0.0.0" and "reachable from other machines" in result.output


def test_export_writes_gold_for_reviewed_documents(cli_env):
    from pipeline.cli import app as cli

    out = cli_env / "out"
    write_record(out, record(DOC, SCRIPT_TEXT))
    accounts = Accounts(cli_env / "reviewers.json", FAST)
    token = accounts.add("ana", PASSWORD)
    api = http(create_app(Settings(), out), headers={"Authorization": f"Bearer {token}"})
    data = api.get(f"/api/documents/{DOC}/record").json()
    version = api.get(f"/api/documents/{DOC}/corrections").json()["version"]
    decisions = [{"op": "reject" if "ferries" in it.get("text", "") else "accept", "field": f, "target": it["id"]}
                 for f in ("signatories", "principles") for it in data[f]]
    assert api.post(f"/api/documents/{DOC}/corrections",
                    json={"base_version": version, "corrections": decisions}).status_code == 201

    result = CliRunner().invoke(cli, ["review", "export", str(cli_env / "gold"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    gold = json.loads((cli_env / "gold" / f"{DOC}.json").read_text("utf-8"))
    assert [p["text"] for p in gold["principles"]] == ["openness"]
    evaluation = CliRunner().invoke(cli, ["eval", str(cli_env / "gold"), str(out), "--json"])
    assert json.loads(evaluation.stdout)["fields"]["principles"]["fp"] == 1  # the extractor's mistake


# --- kind and title ------------------------------------------------------------------------


def save(client: TestClient, corrections: list[dict], doc_id: str = DOC):
    csrf, version = page_state(client, doc_id)
    return client.post(f"/api/documents/{doc_id}/corrections", headers={"X-CSRF-Token": csrf},
                       json={"base_version": version, "corrections": corrections})


def test_kind_and_title_can_be_corrected(env, client):
    untitled = record("doc-3", SCRIPT_TEXT).model_copy(update={"title": None})
    write_record(env[1], untitled)
    login(client)
    page = client.get("/documents/doc-3").text
    assert 'id="item-kind"' in page and 'id="item-title"' in page and "(no title)" in page
    start = SCRIPT_TEXT.index("Joint statement")
    saved = save(client, [
        {"op": "edit", "field": "kind", "target": "kind", "values": {"value": "press_release"}},
        {"op": "edit", "field": "title", "target": "title", "values": {"value": "Joint statement"},
         "evidence": {"start": start, "end": start + 15, "text": "Joint statement"}, "reason": "headline"},
    ], "doc-3")
    assert saved.status_code == 201, saved.text
    data = client.get("/api/documents/doc-3/record").json()
    assert (data["kind"], data["title"]) == ("press_release", "Joint statement")
    assert data["provenance"]["title"]["evidence"]["text"] == "Joint statement"
    page = client.get("/documents/doc-3").text
    assert '<h1 id="doc-title">Joint statement</h1>' in page
    assert re.search(r'id="item-kind"[^>]*>\s*<button[^>]*>.*press_release', page)
    bad = save(client, [{"op": "edit", "field": "kind", "values": {"value": "memo"}}], "doc-3")
    assert bad.status_code == 422 and "kind must be one of" in bad.text


# --- undo -------------------------------------------------------------------------------------


def test_the_last_action_can_be_undone(env, client):
    login(client)
    target = item_id(client, "principles", "punctual ferries")
    saved = save(client, [{"op": "reject", "field": "principles", "target": target}])
    [cid] = saved.json()["saved"]
    assert "punctual ferries" not in json.dumps(client.get(f"/api/documents/{DOC}/record").json()["principles"])
    undone = save(client, [{"op": "undo", "target": cid}])
    assert undone.status_code == 201, undone.text
    data = client.get(f"/api/documents/{DOC}/record").json()
    assert "punctual ferries" in json.dumps(data["principles"])
    assert data["review"]["status"] == "unreviewed"
    assert [c.op.value for c in read_log(env[0].corrections_dir, DOC).corrections] == ["reject", "undo"]
    assert "(undone)" in client.get(f"/documents/{DOC}").text
    assert save(client, [{"op": "undo", "target": "c_unknown"}]).status_code == 422


# --- sessions, logins, origins ---------------------------------------------------------------------


def test_logout_ends_the_session_on_the_server(env, client):
    login(client)
    captured = dict(client.cookies)
    csrf, _ = page_state(client)
    assert client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False).status_code == 303
    thief = http(env[2], cookies=captured)
    assert thief.get("/", follow_redirects=False).status_code == 303
    assert thief.get("/api/me").status_code == 401


def test_failed_logins_are_rate_limited_per_account(client):
    for _ in range(5):
        assert login(client, password="wrong password").status_code == 401
    blocked = login(client)  # even the right password, while locked
    assert blocked.status_code == 429 and "Too many failed logins" in blocked.text
    assert int(blocked.headers["retry-after"]) > 0
    assert login(client, name="ben").status_code == 303  # another account is not locked


def test_failed_logins_are_rate_limited_per_client(client):
    for n in range(20):
        assert login(client, name=f"guess{n}", password="wrong password").status_code == 401
    assert login(client, name="ben").status_code == 429


def test_password_hashing_does_not_block_other_requests(env):
    import asyncio
    import time

    import httpx

    _, _, app, tokens = env
    accounts = app.state.ctx.accounts
    real = accounts.check_password

    def slow_check(name, password):
        time.sleep(0.4)  # a costly argon2 verification
        return real(name, password)

    accounts.check_password = slow_check

    async def scenario() -> float:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as guesser, \
                httpx.AsyncClient(transport=transport, base_url="http://localhost",
                                  headers={"Authorization": f"Bearer {tokens['ana']}"}) as reviewer:
            form = (await guesser.get("/login")).text
            csrf = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
            started = time.perf_counter()
            guesses = [asyncio.create_task(guesser.post("/login", data={
                "name": f"user{n}", "password": "guess", "csrf_token": csrf})) for n in range(4)]
            await asyncio.sleep(0.05)  # the guesses are being hashed now
            assert (await reviewer.get("/api/me")).status_code == 200
            elapsed = time.perf_counter() - started
            await asyncio.gather(*guesses)
            return elapsed

    assert asyncio.run(scenario()) < 0.3


def test_a_cross_site_post_to_login_does_not_log_the_reviewer_out(client):
    login(client)
    # A form on another site posts to /login: no token (the login cookie is
    # SameSite and the page cannot be read), maybe an Origin header.
    forged = client.post("/login", data={"name": "mallory", "password": "x" * 10},
                         headers={"Origin": "https://evil.example"}, follow_redirects=False)
    assert forged.status_code == 403
    forged = client.post("/login", data={"name": "mallory", "password": "x" * 10, "csrf_token": "guess"},
                         follow_redirects=False)
    assert forged.status_code == 403
    assert "tenets_review_session" not in forged.headers.get("set-cookie", "")
    assert client.get("/", follow_redirects=False).status_code == 200  # still logged in


def test_cross_site_state_changes_are_refused(env, client):
    login(client)
    target = item_id(client, "principles", "punctual ferries")
    csrf, version = page_state(client)
    response = client.post(f"/api/documents/{DOC}/corrections", json=reject(target, version),
                           headers={"X-CSRF-Token": csrf, "Origin": "https://evil.example"})
    assert response.status_code == 403
    same_site = client.post(f"/api/documents/{DOC}/corrections", json=reject(target, version),
                            headers={"X-CSRF-Token": csrf, "Origin": "http://localhost"})
    assert same_site.status_code == 201


def test_the_host_header_is_checked_against_the_allow_list(env, tmp_path):
    app = env[2]
    assert http(app).get("/login").status_code == 200
    for host in ("evil.example", "localhost.evil.example"):
        response = TestClient(app, base_url=f"http://{host}").get("/login")
        assert response.status_code == 400 and "not served here" in response.text
    assert TestClient(app, base_url="http://127.0.0.1:8765").get("/login").status_code == 200
    settings = env[0].model_copy(update={"review_allowed_hosts": ["review.lan"]})
    custom = create_app(settings, env[1], password_hasher=FAST)
    assert TestClient(custom, base_url="http://review.lan").get("/login").status_code == 200
    assert http(custom).get("/login").status_code == 400


def test_request_bodies_are_size_limited(env, client):
    login(client)
    csrf, version = page_state(client)
    target = item_id(client, "principles", "punctual ferries")
    huge = {"base_version": version, "corrections": [
        {"op": "edit", "field": "principles", "target": target, "values": {"text": "x" * 2_000_000}}]}
    response = client.post(f"/api/documents/{DOC}/corrections", json=huge, headers={"X-CSRF-Token": csrf})
    assert response.status_code == 413
    long_value = {"base_version": version, "corrections": [
        {"op": "edit", "field": "principles", "target": target, "values": {"text": "x" * 6000}}]}
    response = client.post(f"/api/documents/{DOC}/corrections", json=long_value, headers={"X-CSRF-Token": csrf})
    assert response.status_code == 422 and "longer than 5000" in response.text
    assert read_log(env[0].corrections_dir, DOC).corrections == []


def test_a_save_on_a_full_disk_keeps_nothing_and_says_so(env, client, monkeypatch):
    import errno
    import os

    login(client)
    data = client.get(f"/api/documents/{DOC}/record").json()
    decisions = [{"op": "accept", "field": f, "target": it["id"]} for f in ("signatories", "principles")
                 for it in data[f]] * 4
    real_write = os.write

    def full_disk(fd, chunk):
        if len(chunk) > 200:
            real_write(fd, bytes(chunk[:200]))
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, chunk)

    csrf, version = page_state(client)
    monkeypatch.setattr(os, "write", full_disk)
    response = client.post(f"/api/documents/{DOC}/corrections", headers={"X-CSRF-Token": csrf},
                           json={"base_version": version, "corrections": decisions})
    monkeypatch.undo()
    assert response.status_code == 507 and "nothing of this save was kept" in response.text
    log = read_log(env[0].corrections_dir, DOC)
    assert log.corrections == [] and log.version == version


def test_direction_overrides_in_values_are_shown_not_applied(env, client):
    rlo = "\u202e"
    text = f"Signed by {rlo}eoR enaJ. Shared values: openness and punctual ferries."
    tricky = record("doc-rtl", text.replace(f"{rlo}eoR enaJ", "Jane Roe, Minister")).model_copy(
        update={"title": f"Statement {rlo}cod.exe"})
    write_record(env[1], tricky)
    login(client)
    page = client.get("/documents/doc-rtl").text
    assert "Statement ⟦U+202E⟧cod.exe" in page
    assert rlo not in page
    assert "Statement ⟦U+202E⟧cod.exe" in client.get("/").text
    # in the document text the character is kept (offsets count it) but isolated and labelled
    write_record(env[1], record("doc-rtl2", text.replace(f"{rlo}eoR enaJ", f"Jane Roe, Minister {rlo}x")))
    page = client.get("/documents/doc-rtl2").text
    assert page.count(rlo) == 1
    assert f'<span class="bidi" data-cp="⟦U+202E⟧">{rlo}</span>' in page


# --- the queue and the list -------------------------------------------------------------------------


def test_the_queue_opens_the_next_unreviewed_document_and_the_least_confident_value(env, client):
    login(client)
    first = client.get("/queue/next-document", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == f"/documents/{DOC}"
    after = client.get(f"/queue/next-document?after={DOC}", follow_redirects=False)
    assert after.headers["location"] == "/documents/doc-2"
    value = client.get("/queue/next-value", follow_redirects=False)
    jane = item_id(client, "signatories", "Jane Roe")  # confidence 0.7, below the principles' 0.8
    assert value.headers["location"] == f"/documents/{DOC}#item-{jane}"
    following = client.get(f"/queue/next-value?after={DOC}/{jane}", follow_redirects=False)
    assert following.headers["location"] == f"/documents/doc-2#item-{item_id(client, 'signatories', 'Jane Roe', 'doc-2')}"
    values = client.get("/queue/values").text
    confidences = re.findall(r'<td class="num">(\d\.\d\d)</td>', values)
    assert confidences == sorted(confidences) and len(confidences) == 6


def test_the_list_is_searchable_sortable_paged_and_counts_progress(env, client):
    for n in range(30):
        write_record(env[1], record(f"extra-{n:02d}", SCRIPT_TEXT, kind="report"))
    login(client)
    page = client.get("/").text
    assert page.count('class="doc-row"') == 25
    assert "Page 1 of 2 · 32 documents" in page and 'rel="next"' in page
    assert "0 of 32 documents reviewed · 0 of 96 values decided" in page
    second = client.get("/?page=2").text
    assert second.count('class="doc-row"') == 7
    found = client.get("/?q=extra-1").text
    assert found.count('class="doc-row"') == 10
    by_title_desc = client.get("/?sort=-title").text
    ids = re.findall(r'class="doc-row" data-id="([^"]+)"', by_title_desc)
    assert ids[0] == "extra-29"
    assert 'href="/?sort=title" data-sort="title"' in by_title_desc  # the header link flips it back
    save(client, [{"op": "reject", "field": "principles", "target": item_id(client, "principles", "punctual ferries")}])
    assert "1 of 96 values decided" in client.get("/").text


def test_the_api_is_documented_for_logged_in_reviewers(client):
    assert client.get("/api/docs", follow_redirects=False).status_code == 303
    login(client)
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and "/api/documents/{doc_id}/corrections" in docs.text
    spec = client.get("/api/openapi.json").json()
    assert "/api/documents" in spec["paths"] and spec["info"]["title"] == "tenets review"

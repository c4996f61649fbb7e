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
    return TestClient(env[2])


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
    other = TestClient(env[2])
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
    api = TestClient(app, headers={"Authorization": f"Bearer {tokens['ben']}"})
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
    assert TestClient(app).get("/api/me", headers={"Authorization": f"Bearer {token}"}).json()["reviewer"] == "carla"


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
    api = TestClient(create_app(Settings(), out), headers={"Authorization": f"Bearer {token}"})
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

"""Pieces of the review app without HTTP: highlighting, accounts, gold export."""

from __future__ import annotations

import json
import re

from argon2 import PasswordHasher

from pipeline.evaluate import evaluate
from pipeline.review import append_corrections, new_correction, read_log
from pipeline.review_app.accounts import Accounts
from pipeline.review_app.documents import DocumentStore
from pipeline.review_app.gold import export_gold
from pipeline.review_app.render import Span, highlight
from pipeline.store import write_record
from test_review import add_lucy, edit_jane, make_record, reject_ferries

FAST = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def visible_text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">") \
        .replace("&#34;", '"').replace("&#39;", "'").replace("&amp;", "&")


def test_highlighting_escapes_the_text_and_keeps_it_exact():
    text = 'Intro <script>alert("x")</script> & <b>bold</b> end'
    html = str(highlight(text, [Span("i1", "principles", 6, 33)]))
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
    assert visible_text(html) == text  # the page counts characters to find selections


def test_overlapping_evidence_is_split_into_marks_listing_every_item():
    text = "Jointly signed by the Minister of Science, Jane Roe, today."
    jane = text.index("Jane Roe")
    outer = Span("sig_1", "signatories", text.index("signed"), jane + 8)
    inner = Span("peo_1", "people", jane, jane + 8)
    html = str(highlight(text, [outer, inner]))
    marks = re.findall(r'<mark class="([^"]+)" data-items="([^"]+)">([^<]*)</mark>', html)
    assert marks == [
        ("ev f-signatories", "sig_1", "signed by the Minister of Science, "),
        ("ev f-people multi", "sig_1 peo_1", "Jane Roe"),
    ]
    assert '<span class="anchor" id="ev-sig_1"></span>' in html
    assert '<span class="anchor" id="ev-peo_1"></span>' in html
    assert visible_text(html) == text


def test_accounts_store_only_hashes(tmp_path):
    accounts = Accounts(tmp_path / "reviewers.json", FAST)
    token = accounts.add("ana", "correct horse battery")
    stored = (tmp_path / "reviewers.json").read_text()
    assert "correct horse battery" not in stored and token not in stored
    assert "$argon2id$" in stored
    assert (tmp_path / "reviewers.json").stat().st_mode & 0o077 == 0
    assert accounts.check_password("ana", "correct horse battery")
    assert not accounts.check_password("ana", "wrong password")
    assert not accounts.check_password("nobody", "correct horse battery")
    assert accounts.reviewer_for_token(token) == "ana"
    assert accounts.reviewer_for_token(token + "x") is None


def test_replacing_an_account_changes_password_token_and_sessions(tmp_path):
    accounts = Accounts(tmp_path / "reviewers.json", FAST)
    old_token = accounts.add("ana", "first password")
    old_fp = accounts.fingerprint("ana")
    new_token = accounts.add("ana", "second password", replace=True)
    assert accounts.reviewer_for_token(old_token) is None
    assert accounts.reviewer_for_token(new_token) == "ana"
    assert accounts.fingerprint("ana") != old_fp


def test_reviewed_records_become_gold_that_eval_reads(tmp_path):
    out, corrections, gold = tmp_path / "out", tmp_path / "corrections", tmp_path / "gold"
    record = make_record()
    write_record(out, record)
    log = [reject_ferries(record), edit_jane(record), add_lucy(record)]
    log += [new_correction(reviewer="ana", op="accept", field=f, target=it.id)
            for f, it in record.iter_items() if f != "principles" or it.text == "openness"]
    append_corrections(corrections, record.id, log, read_log(corrections, record.id).version)

    store = DocumentStore(out, corrections)
    [path] = export_gold(store, gold)
    data = json.loads(path.read_text("utf-8"))
    assert [p["text"] for p in data["principles"]] == ["openness"]
    assert data["signatories"][0]["title"] == "Minister of Science"
    assert {"date": "--12-13", "role": "event", "text": "the feast of Saint Lucy",
            "evidence": "the feast of Saint Lucy"} in data["dates"]

    # The extractor's own output now scores against the reviewers' gold:
    # the rejected principle is a false positive, the added date a miss.
    result = evaluate(gold, out).totals
    assert (result["principles"].tp, result["principles"].fp) == (1, 1)
    assert (result["dates"].tp, result["dates"].fn) == (1, 1)


def test_only_fully_reviewed_documents_are_exported_unless_asked(tmp_path):
    out, corrections = tmp_path / "out", tmp_path / "corrections"
    record = make_record()
    write_record(out, record)
    append_corrections(corrections, record.id, [reject_ferries(record)], read_log(corrections, record.id).version)
    store = DocumentStore(out, corrections)
    assert export_gold(store, tmp_path / "gold") == []
    assert len(export_gold(store, tmp_path / "gold", include_in_review=True)) == 1

"""A reviewer at work in real headless Chromium: log in, reject a wrong
principle, fix a signatory's title, add a missed date by selecting its words,
then a fresh `tenets run` writes all three; and document markup never runs."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect
from review_site import CHROMIUM, FIXTURES, item, log_in, select_words

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="/usr/bin/chromium is missing: apt-get install chromium (see .ci/run)"),
]

DOC = "nordic_quantum"
TENETS = Path(sys.executable).with_name("tenets")


def test_a_reviewers_corrections_survive_the_next_run(site, page):
    log_in(page, site)
    expect(page.locator(f'tr.doc-row[data-id="{DOC}"]')).to_contain_text("unreviewed")
    page.click(f'tr.doc-row[data-id="{DOC}"] a')
    page.wait_for_url(f"{site.url}/documents/{DOC}")

    # Reject the wrong principle: click it (its evidence lights up), press r.
    ferries = item(page, "punctual ferries")
    ferries.locator(".goto").click()
    ferries_id = ferries.get_attribute("data-id")
    mark = page.locator(f'mark[data-items~="{ferries_id}"]').first
    expect(mark).to_have_class(re.compile(r"\bcurrent\b"))
    expect(mark).to_be_in_viewport()
    page.keyboard.press("r")
    expect(item(page, "punctual ferries")).to_have_class(re.compile("state-rejected"))

    # Clicking highlighted words goes back to their item.
    page.locator('mark.f-principles', has_text="openness").click()
    expect(item(page, "openness")).to_have_class(re.compile(r"\bcurrent\b"))

    # Fix the signatory's title in its edit form.
    anna = item(page, "Anna Virtanen")
    anna.locator('[data-op="edit"]').click()
    anna.locator('input[name="title"]').fill("Minister for Science and Culture")
    anna.locator('input[name="reason"]').fill("the ministry writes its title with for")
    anna.locator('button[type="submit"]').click()
    expect(item(page, "Anna Virtanen")).to_have_class(re.compile("state-edited"))
    expect(item(page, "Anna Virtanen").locator(".goto")).to_contain_text("Minister for Science and Culture, Finland")

    # Add the date the extractor missed by selecting its words.
    select_words(page, "the feast of Saint Lucy")
    form = page.locator("#add-form")
    expect(form).to_be_visible()
    expect(page.locator("#add-selected")).to_have_text("the feast of Saint Lucy")
    form.locator("#add-field").select_option("dates")
    dates = form.locator('fieldset[data-field="dates"]')
    dates.locator('input[name="value"]').fill("--12-13")
    dates.locator('select[name="role"]').select_option("event")
    form.locator('button[type="submit"]').click()
    lucy = item(page, "--12-13")
    expect(lucy).to_have_class(re.compile("state-added"))
    expect(page.locator(f'mark[data-items~="{lucy.get_attribute("data-id")}"]')).to_have_text("the feast of Saint Lucy")

    # Keyboard: a accepts the current value and moves on; n goes to the next.
    page.locator("li.item").first.locator(".goto").click()
    first = page.locator("li.item").first
    expect(first).to_have_class(re.compile(r"\bcurrent\b"))
    page.keyboard.press("a")
    expect(page.locator("li.item").first).to_have_class(re.compile("state-accepted"))
    expect(page.locator("li.item").nth(1)).to_have_class(re.compile(r"\bcurrent\b"))
    page.keyboard.press("n")
    expect(page.locator("li.item").nth(2)).to_have_class(re.compile(r"\bcurrent\b"))

    history = page.locator("#history tbody tr")
    expect(history).to_have_count(4)
    expect(history.nth(2)).to_contain_text("the ministry writes its title with for")
    expect(page.locator("#doc-status")).to_have_text("in review")

    # A fresh run of the CLI (Prefect flow) over the same document.
    out = site.tmp / "rerun"
    env = {**os.environ, "TENETS_CORRECTIONS_DIR": str(site.settings.corrections_dir),
           "TENETS_DATA_DIR": str(site.tmp / "rerun-data"), "TENETS_PREFECT_HOME": str(site.tmp / "prefect")}
    run = subprocess.run([str(TENETS), "run", str(FIXTURES), "--out", str(out), "--quiet"], env=env,
                         capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr
    record = json.loads((out / "records" / f"{DOC}.json").read_text("utf-8"))

    assert "punctual ferries" not in [p["text"] for p in record["principles"]]
    assert [r["value"] for r in record["review"]["rejected"]] == ["punctual ferries"]
    anna = next(s for s in record["signatories"] if s["name"] == "Anna Virtanen")
    assert (anna["title"], anna["reviewed"]) == ("Minister for Science and Culture", "edited")
    lucy = next(d for d in record["dates"] if d["value"] == "--12-13")
    assert (lucy["role"], lucy["reviewed"], lucy["evidence"]["text"]) == ("event", "added", "the feast of Saint Lucy")
    assert record["review"]["stale_corrections"] == []
    assert len(record["review"]["corrections_applied"]) == 4
    assert record["review"]["reviewers"] == ["ana"]


def test_a_save_from_an_outdated_page_gets_a_conflict(site, page, browser):
    log_in(page, site, path="/documents/script-doc")
    other = browser.new_context().new_page()
    log_in(other, site, name="ben", path="/documents/script-doc")
    item(other, "openness").locator('[data-op="accept"]').click()
    expect(item(other, "openness")).to_have_class(re.compile("state-accepted"))

    item(page, "openness").locator('[data-op="reject"]').click()
    expect(page.locator("#message")).to_contain_text("Another reviewer saved this document")
    expect(item(page, "openness")).not_to_have_class(re.compile("state-"))
    page.locator("#message button").click()  # reload shows ben's decision
    expect(item(page, "openness")).to_have_class(re.compile("state-accepted"))
    other.context.close()


def test_markup_in_a_document_is_shown_not_run(site, page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    log_in(page, site, path="/documents/script-doc")
    text = page.locator("#doc-text")
    expect(text).to_contain_text('<script>window.__pwned = true; alert("pwned")</script>')
    expect(page.locator("h1")).to_have_text("<b>Markup</b> title")
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#doc-text script, #doc-text img").count() == 0
    assert dialogs == []

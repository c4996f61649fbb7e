"""The review page as reviewers live in it, in real headless Chromium:
corrections (kind and title too) update the page in place, the last action
can be undone, the add form opens beside a selection deep in a long
document, and the queue walks through the least confident values."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from review_site import CHROMIUM, item, log_in, select_words

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="/usr/bin/chromium is missing: apt-get install chromium (see .ci/run)"),
]


def mark_page(page) -> None:
    """A flag that a full reload would wipe out."""
    page.evaluate("window.__sameDocument = true")


def still_same_page(page) -> bool:
    return page.evaluate("window.__sameDocument === true")


def test_corrections_update_the_page_in_place_and_can_be_undone(site, page):
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))
    log_in(page, site, path="/documents/script-doc")
    navigations.clear()
    mark_page(page)

    # kind and title, in their edit forms
    kind = page.locator("#item-kind")
    kind.locator('[data-op="edit"]').click()
    kind.locator('select[name="value"]').select_option("press_release")
    kind.locator('button[type="submit"]').click()
    expect(page.locator("#item-kind")).to_have_class(re.compile("state-edited"))
    expect(page.locator("#doc-kind")).to_have_text("press_release")

    title = page.locator("#item-title")
    title.locator('[data-op="edit"]').click()
    title.locator('textarea[name="value"]').fill("Statement of the participants")
    title.locator('button[type="submit"]').click()
    expect(page.locator("#doc-title")).to_have_text("Statement of the participants")
    expect(page.locator("#item-title")).to_have_class(re.compile("state-edited"))

    # reject a value, then undo it
    item(page, "openness").locator('[data-op="reject"]').click()
    expect(item(page, "openness")).to_have_class(re.compile("state-rejected"))
    expect(page.locator("#undo")).to_be_enabled()
    expect(page.locator("#undo")).to_contain_text("reject")
    page.locator("#undo").click()
    expect(item(page, "openness")).not_to_have_class(re.compile("state-rejected"))
    expect(page.locator("#history tbody tr").first).to_contain_text("undo")
    expect(page.locator("#history")).to_contain_text("(undone)")

    # the keyboard: accept, then u takes it back
    item(page, "openness").locator(".goto").click()
    page.keyboard.press("a")
    expect(item(page, "openness")).to_have_class(re.compile("state-accepted"))
    page.keyboard.press("u")
    expect(item(page, "openness")).not_to_have_class(re.compile("state-"))
    # the title edit is next on the stack
    expect(page.locator("#undo")).to_contain_text("edit")

    assert still_same_page(page)
    assert navigations == []  # no reload, no navigation

    # what the server has is what the page shows
    record = page.request.get(f"{site.url}/api/documents/script-doc/record").json()
    assert (record["kind"], record["title"]) == ("press_release", "Statement of the participants")
    assert [p["reviewed"] for p in record["principles"]] == [None]


def test_the_add_form_opens_beside_a_selection_deep_in_a_long_document(site, page):
    log_in(page, site, path="/documents/long-doc")
    mark_page(page)
    select_words(page, "the feast of Saint Lucy")
    form = page.locator("#add-form")
    expect(form).to_be_visible()
    expect(form).to_be_in_viewport()
    words = page.evaluate("""() => {
        const r = window.getSelection().getRangeAt(0).getBoundingClientRect();
        return {top: r.top, bottom: r.bottom, left: r.left};
    }""")
    box = form.bounding_box()
    viewport = page.viewport_size
    assert 0 <= box["y"] and box["y"] + min(box["height"], 200) <= viewport["height"]
    # right below the words (or right above them when there is no room below)
    below = 0 <= box["y"] - words["bottom"] <= 40
    above = 0 <= words["top"] - (box["y"] + box["height"]) <= 40
    assert below or above, (box, words)
    assert abs(box["x"] - words["left"]) < 400

    form.locator("#add-field").select_option("dates")
    dates = form.locator('fieldset[data-field="dates"]')
    dates.locator('input[name="value"]').fill("--12-13")
    dates.locator('select[name="role"]').select_option("event")
    form.locator('button[type="submit"]').click()
    expect(item(page, "--12-13")).to_have_class(re.compile("state-added"))
    expect(form).to_be_hidden()
    assert still_same_page(page)
    # the text kept its scroll position: the new highlight is on screen
    lucy = item(page, "--12-13").get_attribute("data-id")
    expect(page.locator(f'mark[data-items~="{lucy}"]')).to_be_in_viewport()


def test_the_queue_walks_through_the_least_confident_values(site, page):
    log_in(page, site)
    expect(page.locator("#counter")).to_contain_text("values decided")
    page.click("#next-value")
    page.wait_for_url(re.compile(r"/documents/long-doc#item-"))
    candour = item(page, "candour")
    expect(candour).to_have_class(re.compile(r"\bcurrent\b"))
    expect(page.locator(f'mark[data-items~="{candour.get_attribute("data-id")}"]')).to_be_in_viewport()
    page.keyboard.press("a")
    expect(item(page, "candour")).to_have_class(re.compile("state-accepted"))

    # the next doubtful value, in confidence order
    page.click("#next-value")
    page.wait_for_url(re.compile(r"/documents/long-doc#item-"))
    expect(item(page, "patience")).to_have_class(re.compile(r"\bcurrent\b"))

    # skipping it without a decision moves on to the next one elsewhere
    page.click("#next-value")
    page.wait_for_url(re.compile(r"/documents/(?!long-doc)[^#]+#item-"))
    expect(page.locator("li.item.current")).to_have_count(1)

    # the list: the next unreviewed document, and the doubtful values page
    page.goto(site.url + "/queue/values")
    confidences = [float(c) for c in page.locator("tr.value-row td.num").all_inner_texts()]
    assert confidences == sorted(confidences) and confidences[0] == 0.06
    page.goto(site.url + "/")
    page.click("#next-document")
    page.wait_for_url(re.compile(r"/documents/"))
    expect(page.locator("#doc-status")).not_to_have_text("reviewed")

"""Hostile inputs: patterns that cannot hang, long documents, lying bytes.

Each pathological document goes through the real entry points (``parse``,
then ``extract``) in a worker process under a generous time limit: a
linear pattern reads a megabyte in well under a second, a backtracking one
does not finish in minutes (``# a`` + 6,000 spaces + ``b`` took minutes in
the markdown-heading pattern; "We, " and ten capitalised words never
finished).  Nothing finer than "finished within the limit" is timed.

The cases are grouped by the patterns they aim at, so a failure names the
family to look at; together they cover every pattern of ``pipeline.parse``
and ``pipeline.extract`` that reads a whole line, sentence, block or text
(long runs of spaces, of capitalised words with no terminator, of ``*``,
``_``, ``[`` and ``(``, "We, " and names, megabyte lines).
"""

from __future__ import annotations

import hashlib
import multiprocessing
from concurrent.futures import TimeoutError as FutureTimeout
from datetime import datetime, timezone
from pathlib import Path

import pytest
from pebble import ProcessPool

from pipeline.errors import DocumentError, Stage
from pipeline.fetch import RawDocument
from pipeline.models import FIELDS
from pipeline.parse import parse
from pipeline.sources import Source

#: Seconds a document may take, parse and extract together (generous: the
#: slowest case here takes a few seconds; a quadratic one takes hours).
LIMIT = 20
MB = 1_000_000
SMALL = 300_000  # enough to make a quadratic pattern run for minutes
POOL_PAGE = Path(__file__).resolve().parents[3] / "shared" / "corpus-pool" / "text" / "wh-3731cd8f8c.txt"

CAPS = "Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel India Juliet "


def run_of(unit: str, size: int = MB) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def raw_document(data: bytes, media_type: str, doc_id: str = "hostile", charset: str | None = None):
    return RawDocument(source=Source(id=doc_id, uri=f"memory:{doc_id}"), data=data, media_type=media_type,
                       sha256=hashlib.sha256(data).hexdigest(),
                       fetched_at=datetime(2024, 1, 1, tzinfo=timezone.utc), charset=charset)


# id -> (media type, one pathological line); the line stands between a title
# and a closing paragraph.  Ids: <what the line is>-<patterns it aims at>.
LINES = {
    # the issue's cases
    "issue-heading-6000-spaces": ("text/plain", "# a" + " " * 6000 + "b"),
    "issue-we-ten-capitalised-words": ("text/plain", "We, " + CAPS.strip()),
    # markdown and markup remnants (parse.text)
    "heading-1mb-spaces": ("text/markdown", "# a" + run_of(" ") + "b"),
    "heading-300kb-hashes": ("text/markdown", run_of("#", SMALL)),
    "spaces-1mb": ("text/plain", "a" + run_of(" ") + "b"),
    "line-separators-1mb": ("text/plain", "a" + run_of("\u2028") + "b"),
    "stars-1mb-emphasis": ("text/markdown", run_of("*")),
    "underscores-1mb-emphasis": ("text/markdown", run_of("_")),
    "open-stars-300kb-emphasis": ("text/markdown", run_of("*a ", SMALL)),
    "open-pairs-300kb-emphasis": ("text/markdown", run_of("**a *b ", SMALL)),
    "brackets-1mb-links": ("text/markdown", run_of("[")),
    "parentheses-1mb-links": ("text/markdown", run_of("(")),
    "open-links-300kb-links": ("text/markdown", run_of("[a](", SMALL)),
    "open-angle-links-300kb-links": ("text/markdown", run_of("[a](<x ", SMALL)),
    "open-autolinks-300kb": ("text/markdown", run_of("<http://a", SMALL)),
    "open-tags-300kb-tags": ("text/plain", run_of("<b ", SMALL)),
    "sup-spaces-300kb-footnotes": ("text/plain", "<sup>" + run_of(" ", SMALL) + "x"),
    "open-sups-300kb-footnotes": ("text/plain", run_of("<sup>a ", SMALL)),
    "tab-and-spaces-300kb-dot-leaders": ("text/plain", "a\t" + run_of(" ", SMALL) + "b"),
    "tab-and-dots-300kb-dot-leaders": ("text/plain", "a\t" + run_of(". ", SMALL)),
    # names, titles, parties, persons (extract)
    "capitalised-words-1mb-names": ("text/plain", run_of(CAPS)),
    "we-and-capitalised-words-1mb": ("text/plain", "We, " + run_of(CAPS)),
    "titles-and-connectors-300kb-names": ("text/plain", run_of("Secretary of State ", SMALL)),
    "names-and-titles-300kb-persons": ("text/plain",
                                       run_of("Dr. Alpha Bravo, Minister of Foreign Affairs of Japan, ",
                                              SMALL)),
    "signed-by-300kb-signatories": ("text/plain", "Signed by " + run_of(CAPS, SMALL)),
    "prose-without-full-stops-1mb": ("text/plain",
                                     run_of("the minister said that the united states and japan signed "
                                            "the agreement ")),
    "values-such-as-300kb-principles": ("text/plain", "shared values such as " + run_of("a, ", SMALL)),
    "dates-300kb": ("text/plain", run_of("January 1, ", SMALL)),
    "long-word-300kb-urls": ("text/plain", run_of("a", SMALL)),
    # typescripts' page breaks (parse.pagebreaks)
    "page-numbers-300kb-page-breaks": ("text/plain", run_of("-1-\n\n", SMALL)),
    "catchwords-300kb-page-breaks": ("text/plain", run_of("the text / 2\n-2-\n", SMALL)),
}


def _parse_and_extract(media_type: str, text: str) -> dict:
    """In the worker: parse and extract; what the test checks of the result."""
    from pipeline.extract import extract

    if media_type == "text/html":
        data = text.encode()
    else:
        data = ("Title of the hostile document\n\n" + text + "\n\nThe end.\n").encode()
    parsed = parse(raw_document(data, media_type))
    extraction = extract(parsed)
    return {"chars": len(parsed.text), "head": parsed.text[:60],
            "bad_evidence": _bad_evidence(parsed.text, extraction)}


def _bad_evidence(text: str, extraction) -> list[str]:
    return [f"{field}: {item.evidence}" for field in FIELDS for item in getattr(extraction, field)
            if text[item.evidence.start:item.evidence.end] != item.evidence.text]


def _extract_path(path: str) -> dict:
    from pipeline.api import extract_path

    record = extract_path(path)
    return {"chars": len(record.text), "bad_evidence": _bad_evidence(record.text, record),
            "last_start": max((item.evidence.start for field in FIELDS for item in getattr(record, field)),
                              default=-1),
            "dates": [d.value for d in record.dates], "signatories": [s.name for s in record.signatories]}


@pytest.fixture(scope="module")
def worker():
    """One worker process for the module; a document that overstays the
    limit is killed with it (and fails its test), the next gets a new one."""
    with ProcessPool(max_workers=1, context=multiprocessing.get_context("fork")) as pool:
        yield pool


def finishes(worker, func, *args, limit: float = LIMIT) -> dict:
    future = worker.schedule(func, args=args, timeout=limit)
    try:
        return future.result()
    except FutureTimeout:
        pytest.fail(f"did not finish within {limit} s: a pattern backtracks or work grows "
                    f"with the square of the input")


@pytest.mark.parametrize("case", sorted(LINES))
def test_pathological_line_parses_and_extracts(worker, case):
    media_type, line = LINES[case]
    result = finishes(worker, _parse_and_extract, media_type, line)
    assert result["chars"] > 0
    assert result["bad_evidence"] == []


@pytest.mark.parametrize("case", ["capitalised-words-1mb-names", "open-links-300kb-links",
                                  "open-stars-300kb-emphasis", "we-and-capitalised-words-1mb"])
def test_pathological_html_parses_and_extracts(worker, case):
    # the extraction of these lines is tested above at full size; here the
    # HTML parser is the subject, and 300 KB already runs a quadratic step for minutes
    line = LINES[case][1][:SMALL]
    escaped = line.replace("&", "&amp;").replace("<", "&lt;")
    page = f"<html><body><h1>Title of the hostile page</h1><p>{escaped}</p><p>The end.</p></body></html>"
    result = finishes(worker, _parse_and_extract, "text/html", page)
    assert result["chars"] > 0
    assert result["bad_evidence"] == []


@pytest.mark.parametrize("unit", ["<br />-1-<br />", "<p>-1-<br /></p>", "a / 2</p><p>-2-<br />b ",
                                  "<br />1<br />", "<br>" + " " * 1000])
def test_pathological_page_breaks_in_html_parse_and_extract(worker, unit):
    page = f"<html><body><h1>Title of the hostile page</h1><p>{run_of(unit, SMALL)}</p></body></html>"
    result = finishes(worker, _parse_and_extract, "text/html", page)
    assert result["chars"] > 0
    assert result["bad_evidence"] == []


def test_the_issue_heading_is_read_as_a_heading(worker):
    result = finishes(worker, _parse_and_extract, "text/markdown", LINES["issue-heading-6000-spaces"][1])
    assert result["head"] == "Title of the hostile document\n\na b\n\nThe end."


@pytest.mark.skipif(not POOL_PAGE.is_file(), reason="../shared/corpus-pool is not available")
def test_the_pool_page_that_hung_gives_a_record(worker):
    """The ASEAN-U.S. statement ("WE, the Member States ...") hung the run."""
    result = finishes(worker, _extract_path, str(POOL_PAGE))
    assert result["chars"] > 5000
    assert result["bad_evidence"] == []


# -- long documents --------------------------------------------------------------

_PARAGRAPHS = [
    "The two governments reaffirmed their commitment to open, transparent and merit-based research "
    "cooperation, and welcomed the progress made by their science agencies since the last meeting of "
    "the Joint Committee.",
    "Officials from the Department of Energy and the Ministry of Education discussed quantum information "
    "science, clean energy technologies and critical minerals, and agreed to expand exchanges of "
    "researchers and students.",
    "Both sides underscored the importance of research security, integrity and reciprocity, and committed "
    "to protecting intellectual property while keeping the door open to talent from around the world.",
]


def test_a_text_over_a_million_characters_gives_a_record(worker, tmp_path):
    """spaCy refuses texts over nlp.max_length (E088); the size cap is 50 MB."""
    body, size = [], 0
    while size < 1_700_000:
        body.append(_PARAGRAPHS[len(body) % 3])
        size += len(body[-1]) + 2
    text = ("Joint Statement on Science and Technology Cooperation\n\n" + "\n\n".join(body)
            + "\n\nSigned in Washington on March 14, 2024, by Secretary of State Antony J. Blinken and "
              "Foreign Minister Yoko Kamikawa.\n\nDone at Washington, March 14, 2024\n\n"
              "Antony J. Blinken\nSecretary of State\n")
    path = tmp_path / "long-statement.txt"
    path.write_text(text, encoding="utf-8")
    result = finishes(worker, _extract_path, str(path), limit=120)
    assert result["chars"] > 1_700_000
    assert result["bad_evidence"] == []
    assert result["last_start"] > 1_000_000  # read past spaCy's limit, offsets exact
    assert "2024-03-14" in result["dates"]
    assert "Antony J. Blinken" in result["signatories"]


def test_spacy_pieces_give_the_same_entities_as_the_whole_text(monkeypatch):
    from pipeline import nlp as nlp_module

    text = "\n\n".join(["The United States and France met in Paris with Japan and the EU."] * 40
                       + ["Officials of the United Kingdom of Great Britain and Northern Ireland and "
                          "of Australia signed."] * 40)
    whole = nlp_module.entity_spans(text)
    monkeypatch.setattr(nlp_module, "PIECE_CHARS", 500)
    assert nlp_module.entity_spans(text) == whole
    assert len(whole) > 100


def test_text_is_the_same_when_a_long_line_is_kept_as_several_blocks():
    line = run_of("Officials met in Washington and agreed to expand research exchanges. ", 35_000)
    parsed = parse(raw_document(f"Title of the document\n\n{line}\n\nThe end.\n".encode(), "text/plain"))
    assert line.strip() in parsed.text
    long_blocks = [b for b in parsed.blocks if b.end - b.start > 1000]
    assert len(long_blocks) >= 4
    assert all(a.end == b.start for a, b in zip(long_blocks, long_blocks[1:]))


# -- lying and broken bytes -------------------------------------------------------


@pytest.mark.parametrize("page", [
    b"<!DOCTYPE html><html><head><title>T</title></head></html>",
    b"<!DOCTYPE html>",
    b"<html><head><title>Joint statement</title></head></html>",
])
def test_a_page_without_body_text_is_a_clear_error_not_the_text_html(page):
    with pytest.raises(DocumentError) as caught:
        parse(raw_document(page, "text/html", doc_id="no-body"))
    assert (caught.value.code, caught.value.stage, caught.value.doc_id) == ("E006", Stage.parse, "no-body")


@pytest.mark.parametrize("page", [
    b"<html><head><title>T</title></head><p>Japan and France signed the agreement in Paris.</p></html>",
    b"<html>Japan and France signed the agreement in Paris.",
    b"<!DOCTYPE html><html><title>T</title>Japan and France signed the agreement in Paris.</html>",
])
def test_a_page_without_body_gives_its_text(page):
    assert parse(raw_document(page, "text/html")).text == "Japan and France signed the agreement in Paris."


@pytest.mark.parametrize("sentence", ["Japan and France signed the agreement.",  # even: decodes as garbage
                                      "Japan and France signed the agreement!!"])
@pytest.mark.parametrize("declared", ['<meta charset="utf-16">', '<meta charset="UTF-16LE">',
                                      '<meta http-equiv="Content-Type" content="text/html; charset=utf-16">'])
def test_a_utf16_declaration_on_ascii_bytes_is_ignored(sentence, declared):
    for length in (0, 1):  # an even and an odd number of bytes
        page = f"<html><head>{declared}</head><body><p>{sentence}</p>{' ' * length}</body></html>"
        assert parse(raw_document(page.encode(), "text/html")).text == sentence


def test_a_utf16_charset_header_on_ascii_text_is_ignored():
    data = b"Title of the statement\n\nJapan and France signed the agreement.\n"
    for data_ in (data, data + b" "):
        parsed = parse(raw_document(data_, "text/plain", charset="utf-16"))
        assert parsed.text == "Title of the statement\n\nJapan and France signed the agreement."


def test_utf16_with_its_bom_is_still_read():
    text = "Title of the statement\n\nJapan and France signed the agreement.\n"
    parsed = parse(raw_document(text.encode("utf-16"), "text/plain", charset="utf-16"))
    assert "Japan and France signed the agreement." in parsed.text


FILLER = "The delegations discussed research security and open science. " * 100  # > 4 KB


@pytest.mark.parametrize("media_type, template", [
    ("text/plain", "Title of the statement\n\n{filler}\n\nJapan\x00 and France\x00\x00 signed.\x00\n"),
    ("text/html", "<html><body><h1>Title of it</h1><p>{filler}</p><p>Japan\x00 and France\x00\x00 "
                  "signed.\x00</p></body></html>"),
])
def test_nul_bytes_after_the_first_4kb_do_not_reach_the_text(media_type, template):
    parsed = parse(raw_document(template.format(filler=FILLER).encode(), media_type))
    assert "\x00" not in parsed.text and "\ufffd" not in parsed.text
    assert parsed.text.endswith("Japan and France signed.")


def test_nul_bytes_in_the_first_4kb_are_binary():
    with pytest.raises(DocumentError) as caught:
        parse(raw_document(b"Title\x00\x00\x00 of the statement\n", "text/plain", doc_id="nul"))
    assert (caught.value.code, caught.value.stage, caught.value.doc_id) == ("E003", Stage.parse, "nul")

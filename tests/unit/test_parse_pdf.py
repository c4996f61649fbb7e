"""PDF reports: the NSTC report typeset as a real report (title page,
running header, page numbers, footnotes, a two-column section, a ruled
table, a contents page, hyphenation) must read as its text export reads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fixtures.pdf_report import encrypted_pdf, report_pdf, scanned_pdf, truncated
from fixtures.records import INVARIANT_FIELDS, field_values

from pipeline.api import run_stages
from pipeline.errors import DocumentError
from pipeline.extract import extract
from pipeline.fetch import fetch
from pipeline.models import BlockKind
from pipeline.parse import parse
from pipeline.records import assemble
from pipeline.sources import source_for_path

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
REPORT = "001_deaef4ef2796e198"
RUNNING_TITLE = "Advancing International Cooperation in Quantum Information Science and Technology"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """(text export record and parse, PDF raw, parse and record)."""
    folder = tmp_path_factory.mktemp("pdf")
    text_path = CORPUS / f"{REPORT}.txt"
    pdf_path = folder / f"{REPORT}.pdf"
    pdf_path.write_bytes(report_pdf(text_path.read_text("utf-8"),
                                    two_column_heading="ABOUT THE NATIONAL SCIENCE AND TECHNOLOGY COUNCIL",
                                    running_title=RUNNING_TITLE, title=RUNNING_TITLE))
    out = {}
    for name, path in (("text", text_path), ("pdf", pdf_path)):
        raw = fetch(source_for_path(path, id=REPORT))
        parsed = parse(raw)
        out[name] = (raw, parsed, assemble(raw, parsed, extract(parsed)))
    return out


def texts(parsed, kind=None):
    return [parsed.text[b.start:b.end] for b in parsed.blocks if kind is None or b.kind is kind]


def test_the_pdf_gives_the_record_of_the_text_export(report):
    *_, from_text = report["text"]
    *_, from_pdf = report["pdf"]
    assert from_pdf.source.media_type == "application/pdf"
    assert field_values(from_pdf) == field_values(from_text)
    assert from_pdf.title == from_text.title == (
        "ADVANCING INTERNATIONAL COOPERATION IN QUANTUM INFORMATION SCIENCE AND TECHNOLOGY")


def test_every_word_is_read_as_the_export_spells_it(report):
    """Hyphenated line breaks joined, compounds kept, superscripts glued, no
    running header or page number in the text."""
    words = lambda text: set(re.findall(r"[\w’'⁰¹²³⁴⁵⁶⁷⁸⁹^.-]+", text))  # noqa: E731
    _, text_doc, _ = report["text"]
    _, pdf_doc, _ = report["pdf"]
    assert words(pdf_doc.text) - words(text_doc.text) == set()
    assert "merit-based competition" in pdf_doc.text and "U.S. Government-wide portfolio" in pdf_doc.text
    assert RUNNING_TITLE not in pdf_doc.text
    assert not any(re.fullmatch(r"\d{1,3}|[ivx]+", t) for t in texts(pdf_doc))


def test_paragraph_texts_match_whatever_the_layout(report):
    """Two-column pages read column by column, paragraphs running over page
    breaks joined, bold lead-ins kept with their paragraph."""
    _, text_doc, _ = report["text"]
    _, pdf_doc, _ = report["pdf"]
    # Known limit: "Co-|operation" broken at its hyphen cannot be told from
    # "co-|operation" hyphenated by the typesetter, and the report writes
    # "cooperation" everywhere else, so the PDF reads "Cooperation" here.
    exported = {t.replace("Economic Co-operation", "Economic Cooperation")
                for t in texts(text_doc, BlockKind.paragraph)}
    assert set(texts(pdf_doc, BlockKind.paragraph)) - exported <= {
        "SUBCOMMITTEE ON QUANTUM INFORMATION SCIENCE", "COMMITTEE ON SCIENCE",
        "NATIONAL SCIENCE & TECHNOLOGY COUNCIL", "AUGUST 2024"}  # set as headings on the cover
    about = next(b for b in pdf_doc.blocks if pdf_doc.text[b.start:b.end].startswith(
        "The National Science and Technology Council (NSTC) is the principal means"))
    assert pdf_doc.text[about.start:about.end].endswith("https://www.whitehouse.gov/ostp/nstc.")
    assert about.page == 2


def test_headings_come_from_size_and_weight(report):
    _, pdf_doc, _ = report["pdf"]
    headings = [(b.level, pdf_doc.text[b.start:b.end]) for b in pdf_doc.blocks if b.kind is BlockKind.heading]
    assert headings[0] == (1, "ADVANCING INTERNATIONAL COOPERATION IN QUANTUM INFORMATION SCIENCE AND "
                              "TECHNOLOGY")
    levels = dict((t, lvl) for lvl, t in headings)
    assert levels["EXECUTIVE SUMMARY"] < levels["Co-Chairs"]
    assert "Recommendations:" not in levels  # a bold lead-in, not a heading


def test_lists_tables_and_contents(report):
    _, text_doc, _ = report["text"]
    _, pdf_doc, _ = report["pdf"]
    assert texts(pdf_doc, BlockKind.table_row) == texts(text_doc, BlockKind.table_row)
    assert "AFOSR\tAir Force Office of Scientific Research" in texts(pdf_doc, BlockKind.table_row)
    items = [(b.meta["marker"], pdf_doc.text[b.start:b.end]) for b in pdf_doc.blocks
             if b.kind is BlockKind.list_item]
    assert ("a)", "a) Move the science faster.") in items
    assert [t for _, t in items] == texts(text_doc, BlockKind.list_item)


def test_footnotes_are_linked_to_their_markers(report):
    _, text_doc, _ = report["text"]
    _, pdf_doc, _ = report["pdf"]
    notes = [b for b in pdf_doc.blocks if b.kind is BlockKind.footnote]
    assert sorted(texts(pdf_doc, BlockKind.footnote)) == sorted(texts(text_doc, BlockKind.footnote))
    first = next(b for b in notes if b.meta["marker"] == "1")
    assert pdf_doc.text[first.start:first.end].startswith("¹ As described in the National Quantum")
    ref = first.meta["refs"][0]
    assert pdf_doc.text[ref - 5:ref + 1] == "QIST)¹"
    # The note is at the foot of the page that cites it.
    assert pdf_doc.page_at(ref) == first.page
    assert "QIST)¹ takes advantage" in pdf_doc.text and "2^N vs 2N" in pdf_doc.text


def test_blocks_and_evidence_carry_pages(report):
    _, pdf_doc, record = report["pdf"]
    assert pdf_doc.pages > 10
    for block in pdf_doc.blocks:
        assert block.page is not None and 1 <= block.page <= pdf_doc.pages
        x0, top, x1, bottom = block.bbox
        assert 0 <= x0 < x1 <= 612 and 0 <= top < bottom <= 792
    for _, item in record.iter_items():
        assert item.evidence.page == pdf_doc.page_at(item.evidence.start)
    assert {r.evidence.page for r in record.recommendations} and all(
        r.evidence.page > 1 for r in record.recommendations)


def test_pdf_metadata_is_offered_to_the_extractor(report):
    _, pdf_doc, _ = report["pdf"]
    assert pdf_doc.metadata.title == RUNNING_TITLE
    assert pdf_doc.metadata.published == "2024-08-01T09:00:00"
    assert pdf_doc.metadata.extra["pages"] == pdf_doc.pages


@pytest.mark.parametrize("doc_id", ["000_009649351f482706", "002_95c04f3a6c09f0e3",
                                    "003_e3b584d7aeb36b41", "004_2e1f0053462c66cc"])
def test_web_documents_printed_to_pdf_give_the_same_record(doc_id, tmp_path, isolated_settings):
    text_path = CORPUS / f"{doc_id}.txt"
    pdf_path = tmp_path / f"{doc_id}.pdf"
    pdf_path.write_bytes(report_pdf(text_path.read_text("utf-8"), running_title="Briefing Room"))
    from_text = run_stages(source_for_path(text_path, id=doc_id), isolated_settings)
    from_pdf = run_stages(source_for_path(pdf_path, id=doc_id), isolated_settings)
    assert field_values(from_pdf) == field_values(from_text)
    assert from_pdf.title == from_text.title  # reportlab's "untitled" is no title


def test_a_lead_in_whose_last_line_is_full_opens_the_numbered_list_below_it(tmp_path):
    # (the lead-in's last line is full: only its colon says the list begins)
    text = ("Review of consular services\n\nThe review made 12 recommendations. The main recommendations "
            "are that:\n\n1. The Department should create a single consular case management system.\n"
            "2. Consular staff should receive regular training on crisis response.\n")
    path = tmp_path / "review.pdf"
    path.write_bytes(report_pdf(text))
    parsed = parse(fetch(source_for_path(path)))
    items = [parsed.text[b.start:b.end] for b in parsed.blocks if b.kind is BlockKind.list_item]
    assert items == ["1. The Department should create a single consular case management system.",
                     "2. Consular staff should receive regular training on crisis response."]
    assert [r.number for r in extract(parsed).recommendations] == ["1", "2"]


# -- bad PDFs ---------------------------------------------------------------------------


def parse_error(tmp_path, data: bytes, name: str = "bad.pdf") -> DocumentError:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(DocumentError) as info:
        parse(fetch(source_for_path(path)))
    assert info.value.stage.value == "parse" and info.value.doc_id == path.stem
    return info.value


def test_a_truncated_pdf_is_an_error(tmp_path, report):
    raw, _, _ = report["pdf"]
    error = parse_error(tmp_path, truncated(raw.data))
    assert error.code == "E011" and "truncated" in str(error)


def test_a_corrupt_pdf_is_an_error(tmp_path):
    error = parse_error(tmp_path, b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage\n%%EOF\n")
    assert error.code == "E011"


def test_an_encrypted_pdf_is_an_error(tmp_path):
    assert parse_error(tmp_path, encrypted_pdf()).code == "E010"


def test_a_pdf_without_a_text_layer_is_an_error(tmp_path):
    error = parse_error(tmp_path, scanned_pdf())
    assert error.code == "E009" and "no text layer: ocr is not supported" in str(error).lower()


def test_an_empty_file_is_an_error(tmp_path):
    assert parse_error(tmp_path, b"").code == "E002"


def test_invariant_fields_are_the_issue_s():
    assert set(INVARIANT_FIELDS) == {"kind", "dates", "parties", "signatories", "people", "principles",
                                     "recommendations"}


def test_a_scanned_page_in_a_readable_pdf_is_reported(tmp_path):
    import io

    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, "The parties signed the memorandum on 3 March 2021.")
    c.showPage()
    c.rect(72, 500, 300, 200, fill=1)  # a picture of a page
    c.showPage()
    c.save()
    path = tmp_path / "mixed.pdf"
    path.write_bytes(buf.getvalue())
    doc = parse(fetch(source_for_path(path)))
    assert doc.text == "The parties signed the memorandum on 3 March 2021."
    assert doc.metadata.extra["pages_without_text"] == [2]

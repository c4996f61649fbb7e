"""Lists read the same in every format (issue 10): PDF bullets drawn in a
symbol font and larger than the text, and HTML paragraphs numbered by hand."""

from __future__ import annotations

import hashlib
import io
from datetime import datetime, timezone

import pytest

from pipeline.models import BlockKind
from pipeline.parse import parse
from pipeline.sources import Source

ITEMS = ["Embarking on a journey of shared discovery and continued collaboration across borders.",
         "Openness and transparency in research funded by the public for the benefit of all.",
         "Security of the research enterprise against misappropriation and coercion by others."]


def _raw(data: bytes, media_type: str):
    from pipeline.fetch import RawDocument  # the model, wherever the fetch module re-exports it

    return RawDocument(source=Source(id="doc", uri="memory:doc"), data=data, media_type=media_type,
                       sha256=hashlib.sha256(data).hexdigest(),
                       fetched_at=datetime(2025, 1, 1, tzinfo=timezone.utc))


def _list_pdf(font: str, glyph: str, bullet_size: float, drop: float) -> bytes:
    """A page with an introduction and three two-line items, each bullet in
    ``font`` at ``bullet_size`` (text at 11 pt), its baseline ``drop`` points
    below the text's (as word processors centre a large bullet)."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    y = 700
    c.setFont("Helvetica", 11)
    c.drawString(72, y + 40, "The partners affirm the following shared values:")
    for item in ITEMS:
        head, tail = item[:48].rsplit(" ", 1)[0], None
        tail = item[len(head) + 1:]
        c.setFont(font, bullet_size)
        c.drawString(72, y - drop, glyph)
        c.setFont("Helvetica", 11)
        c.drawString(92, y, head)
        c.drawString(92, y - 14, tail)
        y -= 40
    c.drawString(72, y - 10, "The partners will meet again next year.")
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("font,glyph,size,drop", [
    ("ZapfDingbats", "l", 24, 11),   # ● in ZapfDingbats, twice the text's size
    ("ZapfDingbats", "n", 16, 2),    # ■
    ("Symbol", "\u2022", 24, 11),    # • in Symbol
    ("Symbol", "\u2022", 14, 4),
    ("Helvetica", "\u2022", 11, 0),  # not in the font's encoding: a glyph without a character
])
def test_symbol_font_bullets_are_bullets_not_superscripts(font, glyph, size, drop):
    doc = parse(_raw(_list_pdf(font, glyph, size, drop), "application/pdf"))
    items = [doc.text[b.start:b.end] for b in doc.blocks if b.kind is BlockKind.list_item]
    assert items == ITEMS
    assert "^" not in doc.text and not any(c in doc.text for c in "¹²³⁴")
    paragraphs = [doc.text[b.start:b.end] for b in doc.blocks if b.kind is BlockKind.paragraph]
    assert paragraphs == ["The partners affirm the following shared values:",
                          "The partners will meet again next year."]


def test_a_symbol_mid_line_stays_in_its_line():
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont("Helvetica", 11)
    c.drawString(72, 700, "Funding grows by")
    c.setFont("ZapfDingbats", 11)
    c.drawString(160, 700, "4")  # ✔ used inline
    c.setFont("Helvetica", 11)
    c.drawString(172, 700, "ten percent each year.")
    c.save()
    doc = parse(_raw(buf.getvalue(), "application/pdf"))
    assert [b.kind for b in doc.blocks] == [BlockKind.paragraph]
    assert doc.text.startswith("Funding grows by") and doc.text.endswith("ten percent each year.")


def _html(body: str) -> bytes:
    return (f"<!DOCTYPE html><html><head><title>Statement</title></head><body><main>"
            f"<h1>Statement</h1><p>The partners affirm these principles:</p>{body}"
            f"<p>They will meet again.</p></main></body></html>").encode()


def _items(doc):
    return [(b.level, b.meta.get("marker"), doc.text[b.start:b.end])
            for b in doc.blocks if b.kind is BlockKind.list_item]


def test_numbered_paragraphs_read_as_an_ordered_list():
    ol = parse(_raw(_html("<ol><li>Trusted research.</li><li>Open science.</li><li>Security.</li></ol>"),
                    "text/html"))
    numbered = parse(_raw(_html("<p>1. Trusted research.</p><p>2. Open science.</p><p>3) Security.</p>"),
                          "text/html"))
    assert [t for _, _, t in _items(numbered)] == ["1. Trusted research.", "2. Open science.", "3) Security."]
    assert [m for _, m, _ in _items(numbered)] == ["1.", "2.", "3)"]
    # The same text and blocks as an <ol>, item for item.
    assert [t for _, _, t in _items(ol)][:2] == [t for _, _, t in _items(numbered)][:2]
    assert ol.text.replace("3. Security", "3) Security") == numbered.text
    text = parse(_raw(numbered.text.encode(), "text/plain"))
    assert [(lvl, t) for lvl, _, t in _items(text)] == [(lvl, t) for lvl, _, t in _items(numbered)]


def test_paragraphs_that_only_look_numbered_stay_paragraphs():
    doc = parse(_raw(_html("<p>A. Smith signed for the ministry.</p><p>2024. The year of the summit.</p>"),
                     "text/html"))
    assert _items(doc) == []

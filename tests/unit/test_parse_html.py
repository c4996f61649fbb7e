"""HTML pages: the document without the site around it, in the blocks the
text parser gives, with metadata and honest character-set handling."""

from __future__ import annotations

import codecs
import unicodedata
from datetime import datetime, timezone
from pathlib import Path

import pytest
from fixtures.html_pages import PAGES, html_page
from fixtures.records import field_values

from pipeline.api import run_stages
from pipeline.errors import DocumentError
from pipeline.fetch import RawDocument
from pipeline.models import BlockKind
from pipeline.parse import parse
from pipeline.parse.html import parse_html
from pipeline.parse.text import parse_text
from pipeline.sources import Source, source_for_path

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Joint Statement on Quantum Cooperation | The White House</title>
<meta name="description" content="The leaders affirmed shared values.">
<meta property="og:title" content="Joint Statement on Quantum Cooperation">
<meta property="article:published_time" content="2024-05-06T10:00:00-04:00">
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
  {"@type": "WebPage", "name": "Briefing Room"},
  {"@type": "NewsArticle", "headline": "Joint Statement on Quantum Cooperation",
   "datePublished": "2024-05-06"}]}</script>
<script>var tracking = "Stay Connected";</script>
<style>p { color: red }</style>
</head><body>
<section class="usa-banner"><p>An official website of the United States government</p>
  <button>Here's how you know</button>
  <div hidden><p>Official websites use .gov</p></div></section>
<header class="site-header"><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News Room</a></li></ul></nav></header>
<main id="main-content">
<nav aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li><li><a href="/x">Briefing Room</a></li></ol></nav>
<article>
<header><h1>Joint Statement on
   Quantum Cooperation</h1><time datetime="2024-05-06">May 6, 2024</time></header>
<div class="share-tools"><a href="https://facebook.com/share">Facebook</a> <a href="#">Email</a></div>
<p>The leaders met in <a href="https://example.gov/washington">Washington,
  D.C.</a> and affirmed shared values such as open&shy;ness and
  trans&shy;parency.<sup><a href="#fn1" id="ref1">1</a></sup> Dr.&nbsp;Ada&#160;Lovelace spoke.</p>
<h2>Commitments</h2>
<ol start="3"><li>Fund joint research.<ul><li>In <strong>quantum</strong> sensing</li><li>In networking</li></ul></li>
  <li><p>Exchange researchers.</p></li></ol>
<ul><li>a) Lettered by hand</li></ul>
<table><thead><tr><th>Agency</th><th>Role</th></tr></thead>
<tbody><tr><td>NIST</td><td>Standards</td></tr><tr><td>NSF</td><td></td><td>Research</td></tr></tbody></table>
<blockquote><p>Science transcends borders.</p></blockquote>
<p>JOSEPH R. BIDEN JR.<br>President of the United States<br></p>
<form class="signup"><p>Sign up for updates</p><input type="email"></form>
<section class="footnotes" role="doc-endnotes"><hr><ol>
  <li id="fn1">See <a href="https://www.quantum.gov">quantum.gov</a>. <a href="#ref1">↩</a></li></ol></section>
<p>###</p>
<p>Press office contacts and other trailing text.</p>
</article>
<aside class="related"><h2>Related</h2><ul><li><a href="/a">Another statement</a></li></ul></aside>
</main>
<footer class="site-footer"><h2>Stay Connected</h2><p>We'll be in touch with the latest information on how the President is working.</p></footer>
<div id="cookie-consent"><p>This site uses cookies to improve your experience.</p></div>
</body></html>"""


def raw_html(data: bytes, charset: str | None = None, doc_id: str = "page") -> RawDocument:
    return RawDocument(source=Source(id=doc_id, uri=f"https://example.gov/{doc_id}"), data=data,
                       media_type="text/html", sha256="0" * 64,
                       fetched_at=datetime(2024, 5, 6, tzinfo=timezone.utc), charset=charset)


@pytest.fixture(scope="module")
def page():
    return parse_html(raw_html(PAGE.encode()))


def blocks(doc, kind=None):
    return [(b, doc.text[b.start:b.end]) for b in doc.blocks if kind is None or b.kind is kind]


def test_keeps_the_document_and_drops_the_site(page):
    text = page.text
    assert "The leaders met in Washington, D.C. and affirmed" in text
    for chrome in ("official website", "how you know", "Official websites use", "Home", "News Room",
                   "Briefing Room", "Facebook", "Email", "Sign up", "Stay Connected", "in touch",
                   "cookies", "Another statement", "Related", "tracking", "color", "Press office"):
        assert chrome not in text, chrome


def test_headings_have_levels_and_the_title_comes_first(page):
    headings = [(b.level, t) for b, t in blocks(page, BlockKind.heading)]
    assert headings == [(1, "Joint Statement on Quantum Cooperation"), (2, "Commitments")]
    assert page.blocks[0].kind is BlockKind.heading
    assert blocks(page)[1][1] == "May 6, 2024"


def test_text_is_normalised(page):
    assert "shared values such as openness and transparency.¹" in page.text
    assert "Dr. Ada Lovelace spoke." in page.text
    assert "\u00ad" not in page.text and "\u00a0" not in page.text and "  " not in page.text


def test_nested_lists_keep_markers_and_levels(page):
    items = [(b.level, b.meta["marker"], t) for b, t in blocks(page, BlockKind.list_item)]
    assert items == [(1, "3.", "3. Fund joint research."), (2, "•", "In quantum sensing"),
                     (2, "•", "In networking"), (1, "4.", "4. Exchange researchers."),
                     (1, "a)", "a) Lettered by hand")]
    # A list's first item stands apart, the next ones follow on the next line.
    first = blocks(page, BlockKind.list_item)[0][0]
    assert page.text[first.start - 2:first.start] == "\n\n"
    assert page.text[first.end:first.end + 1] == "\n" and page.text[first.end + 1] != "\n"


def test_table_rows_join_their_cells_with_tabs(page):
    rows = [t for _, t in blocks(page, BlockKind.table_row)]
    assert rows == ["Agency\tRole", "NIST\tStandards", "NSF\tResearch"]


def test_quotes_footnotes_and_links(page):
    assert [t for _, t in blocks(page, BlockKind.quote)] == ["Science transcends borders."]
    (note, note_text), = blocks(page, BlockKind.footnote)
    assert note_text == "¹ See quantum.gov." and note.meta["marker"] == "1"
    # The note knows where it is cited.
    assert [page.text[r] for r in note.meta["refs"]] == ["¹"]
    para, text = next((b, t) for b, t in blocks(page, BlockKind.paragraph) if "Washington" in t)
    link, = [lk for lk in para.meta["links"] if lk["href"].startswith("https://example.gov")]
    assert text[link["start"]:link["end"]] == "Washington, D.C."


def test_line_breaks_keep_signature_lines_apart_but_together(page):
    name = next(b for b, t in blocks(page, BlockKind.paragraph) if t == "JOSEPH R. BIDEN JR.")
    assert page.text[name.end:].startswith("\nPresident of the United States")


def test_reads_the_metadata(page):
    meta = page.metadata
    assert meta.title == "Joint Statement on Quantum Cooperation"
    assert meta.description == "The leaders affirmed shared values."
    assert meta.published == "2024-05-06T10:00:00-04:00"
    assert meta.extra["json_ld"]["datePublished"] == "2024-05-06"
    assert meta.extra["time_datetimes"] == ["2024-05-06"]
    assert meta.extra["html_title"].endswith("| The White House")


def test_a_headline_outside_the_main_content_is_kept_first():
    html = ("<html><body><div class='hero'><h1>Readout of the Meeting</h1>"
            "<time datetime='2023-07-28'>July 28, 2023</time></div>"
            "<main><p>The working group met on July 28.</p></main></body></html>")
    doc = parse_html(raw_html(html.encode()))
    assert [doc.text[b.start:b.end] for b in doc.blocks] == [
        "Readout of the Meeting", "July 28, 2023", "The working group met on July 28."]


def test_a_page_wrapped_in_one_form_is_not_thrown_away():
    html = ("<html><body><form id='aspnetForm'><div class='nav'>Menu</div><main>"
            "<h1>Statement</h1><p>The ministers signed the arrangement.</p></main></form></body></html>")
    doc = parse_html(raw_html(html.encode()))
    assert doc.text == "Statement\n\nThe ministers signed the arrangement."


# -- character sets -----------------------------------------------------------------

TEXT = "Déclaration signée à Genève – “coopération”"


def charset_page(body: str, meta: str = "") -> str:
    return f"<html><head>{meta}</head><body><p>{body}</p></body></html>"


@pytest.mark.parametrize(("data", "header"), [
    (charset_page(TEXT).encode("cp1252"), "windows-1252"),  # HTTP header
    (charset_page(TEXT, '<meta charset="windows-1252">').encode("cp1252"), None),
    (charset_page(TEXT, '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15">')
     .replace("–", "-").replace("“", '"').replace("”", '"').encode("iso-8859-15"), None),
    (codecs.BOM_UTF16_LE + charset_page(TEXT).encode("utf-16-le"), "iso-8859-1"),  # the BOM wins
    (charset_page(TEXT).encode("utf-8"), None),
    (charset_page(TEXT, '<meta charset="iso-8859-1">').encode("utf-8"), None),  # stale label
    (charset_page(TEXT).encode("cp1252"), None),  # undeclared: detected
])
def test_decodes_declared_and_detected_charsets(data, header):
    doc = parse_html(raw_html(data, header))
    expected = TEXT if "iso-8859-15" not in data.decode("latin-1") else \
        TEXT.replace("–", "-").replace("“", '"').replace("”", '"')
    assert doc.text == expected


def test_a_charset_that_lies_is_an_error_not_a_guess():
    data = charset_page(TEXT).encode("cp1252")
    with pytest.raises(DocumentError) as info:
        parse_html(raw_html(data, "utf-8"))
    assert info.value.code == "E004" and info.value.stage.value == "parse"
    assert "UTF-8" in str(info.value) and "does not fit" in str(info.value)


def test_an_unknown_charset_on_non_utf8_bytes_is_an_error():
    data = charset_page(TEXT, '<meta charset="x-klingon">').encode("cp1252")
    with pytest.raises(DocumentError) as info:
        parse_html(raw_html(data))
    assert info.value.code == "E021" and "x-klingon" in str(info.value)


def test_an_unknown_charset_on_utf8_bytes_reads_as_utf8():
    data = charset_page(TEXT, '<meta charset="x-klingon">').encode("utf-8")
    assert parse_html(raw_html(data)).text == TEXT


def test_binary_bytes_served_as_html_are_an_error():
    data = bytes(range(256)) * 16
    with pytest.raises(DocumentError) as info:
        parse(raw_html(data))
    assert info.value.code == "E003" and "HTML" in str(info.value)


def test_text_is_nfc():
    decomposed = unicodedata.normalize("NFD", "Saúl Gonzalez")
    doc = parse_html(raw_html(charset_page(decomposed).encode()))
    assert doc.text == "Saúl Gonzalez"


# -- the same record as the text export ----------------------------------------------


@pytest.mark.parametrize("doc_id", sorted(PAGES))
def test_a_web_page_gives_the_record_of_its_text_export(doc_id, tmp_path, isolated_settings):
    page_path = tmp_path / f"{doc_id}.html"
    page_path.write_text(html_page(doc_id), encoding="utf-8")
    from_text = run_stages(source_for_path(CORPUS / f"{doc_id}.txt", id=doc_id), isolated_settings)
    from_html = run_stages(source_for_path(page_path, id=doc_id), isolated_settings)
    assert from_html.source.media_type == "text/html"
    assert field_values(from_html) == field_values(from_text)
    if from_text.title:  # the export has the headline; a page without one has only <title>
        assert from_html.title == from_text.title


def test_line_breaks_and_long_superscripts():
    html = ("<html><body><div>First paragraph.<br><br>Second paragraph,<br>its second line."
            "<sup>see the annex for details</sup></div></body></html>")
    doc = parse_html(raw_html(html.encode()))
    # (a sentence broken by <br> reads whole, as an export's wrapped line does)
    assert doc.text == "First paragraph.\n\nSecond paragraph, its second line.see the annex for details"


def test_a_typescript_page_of_one_br_per_line_reads_as_its_export():
    lines = ["REPORT TO THE PRIME MINISTER BY THE ADVISORY GROUP",
             "The Group met on March 3 and March 15, 1976. We",
             "now report to you as follows:-",
             "1. Following on your announcement of the formation of the",
             "Group, the Minister for Science and several other bodies",
             "submitted their views in regard to the Council.",
             "2. The Council should continue in being with the changes in",
             "membership and functions particularised below, but",
             "without change of name.",
             "3. As soon as the Council resumes work with a revised",
             "membership, it should seek written submissions."]
    page = parse_html(raw_html(("<html><body><p>" + "<br />\n".join(lines) + "</p></body></html>").encode()))
    export = parse_text("\n".join(lines))
    # (past the first line, which an export promotes to the page's title)
    assert [(b.kind, page.text[b.start:b.end]) for b in page.blocks][1:] == \
        [(b.kind, export.text[b.start:b.end]) for b in export.blocks][1:]
    items = [page.text[b.start:b.end] for b in page.blocks if b.kind is BlockKind.list_item]
    assert items[1] == ("2. The Council should continue in being with the changes in membership and functions "
                        "particularised below, but without change of name.")


def test_a_typescripts_page_break_reads_as_in_its_export():
    from tests.unit.test_parse_text import TYPESCRIPT_BREAK

    # the archive's markup: a <p> per typed page, a <br /> per typed line
    pages = [page.strip("\n").split("\n") for page in TYPESCRIPT_BREAK.split("\n\n")]
    html = "<html><body>" + "".join("<p>" + "<br />\n".join(lines) + "</p>" for lines in pages) + "</body></html>"
    page = parse_html(raw_html(html.encode()))
    export = parse_text(TYPESCRIPT_BREAK)
    assert "said so to President Soeharto, who expressed appreciation" in page.text
    assert "/ 6" not in page.text and "-6-" not in page.text
    assert [page.text[b.start:b.end] for b in page.blocks][1:] == \
        [export.text[b.start:b.end] for b in export.blocks][1:]


def test_bullets_typed_into_a_paragraph_are_list_items():
    html = ("<p>Guided by four principles:</p><p> * \tFirst, every person has a right to care.<br />"
            " * \tSecondly, people deserve choice.</p>")
    doc = parse_html(raw_html(html.encode()))
    items = [doc.text[b.start:b.end] for b in doc.blocks if b.kind is BlockKind.list_item]
    assert items == ["First, every person has a right to care.", "Secondly, people deserve choice."]


def test_a_signers_table_with_one_note_is_data_and_a_roster_of_stacked_cells_is_laid_out():
    signers = ("<table><tr><td>Australia</td><td>Senator Jane Roe, Minister for Sport</td></tr>"
               "<tr><td>Belgium</td><td><p>Ann Poe, Minister for Youth</p><p>This signature commits the "
               "Communities.</p></td></tr><tr><td>Canada</td><td>Max Doe, Minister of Sport</td></tr></table>")
    doc = parse_html(raw_html(signers.encode()))
    assert [doc.text[b.start:b.end] for b in doc.blocks if b.kind is BlockKind.table_row][0] == \
        "Australia\tSenator Jane Roe, Minister for Sport"
    roster = ("<table><tr><td><p>Chair</p></td><td><p>Dr Ann Poe</p><p>Professor, Monash University</p></td></tr>"
              "<tr><td><p>Member</p></td><td><p>Mr Max Doe</p><p>Director, CSIRO</p></td></tr></table>")
    doc = parse_html(raw_html(roster.encode()))
    assert [doc.text[b.start:b.end] for b in doc.blocks] == \
        ["Chair", "Dr Ann Poe", "Professor, Monash University", "Member", "Mr Max Doe", "Director, CSIRO"]


def test_a_table_of_two_signature_columns_names_one_signer_a_column():
    from pipeline.extract import extract

    html = ("<h1>Joint Statement between Malaysia and the Republic of Indonesia</h1><p>The two governments "
            "intend to deepen cooperation on trade.</p><p>Done at Putrajaya on 8 January 2024.</p><table>"
            "<tr><td>For the Government of Malaysia</td><td>For the Government of the Republic of Indonesia</td></tr>"
            "<tr><td>Dato' Seri Anwar Ibrahim</td><td>Joko Widodo</td></tr>"
            "<tr><td>Prime Minister</td><td>President</td></tr></table>")
    record = extract(parse_html(raw_html(html.encode())))
    assert [(s.name, s.title, s.country) for s in record.signatories] == [
        ("Anwar Ibrahim", "Prime Minister", "Malaysia"), ("Joko Widodo", "President", "Indonesia")]


def test_lettered_paragraphs_are_items_and_an_initial_is_not():
    html = ("<p>The package includes:</p><p>a) A new research program;</p><p>(b) An extension of support;</p>"
            "<p>A. Smith chaired the meeting.</p>")
    doc = parse_html(raw_html(html.encode()))
    kinds = [(b.kind, doc.text[b.start:b.end]) for b in doc.blocks]
    assert kinds[1:] == [(BlockKind.list_item, "a) A new research program;"),
                         (BlockKind.list_item, "(b) An extension of support;"),
                         (BlockKind.paragraph, "A. Smith chaired the meeting.")]


def test_an_ordinal_suffix_in_superscript_is_part_of_its_number():
    doc = parse_html(raw_html(b"<p>The leaders met on June 27<sup>th</sup>, 2022, the 50<sup>th</sup> year.<sup>3</sup></p>"))
    assert doc.text == "The leaders met on June 27th, 2022, the 50th year.\u00b3"


def test_a_definition_list_reads_each_short_term_with_its_definition():
    html = ("<dl><dt>From:</dt><dd><a href='/org/dit'>Department for International Trade</a> and "
            "<a href='/people/fox'>The Rt Hon Liam Fox MP</a></dd><dt>Published</dt><dd>10 December 2018</dd></dl>"
            "<p>New statistics were released.</p>")
    doc = parse_html(raw_html(html.encode()))
    assert [doc.text[b.start:b.end] for b in doc.blocks] == [
        "From: Department for International Trade and The Rt Hon Liam Fox MP", "Published 10 December 2018",
        "New statistics were released."]


def test_a_heading_that_names_the_genre_is_not_the_title():
    from pipeline.extract import extract

    doc = parse_html(raw_html(b"<html><body><main><h2>Media Statement</h2>"
                              b"<h1>Official Visit of the Prime Minister of Thailand to Malaysia</h1>"
                              b"<p>The Prime Minister will visit Malaysia on 24 February 2022.</p>"
                              b"</main></body></html>"))
    assert extract(doc).title == "Official Visit of the Prime Minister of Thailand to Malaysia"


def test_a_headline_set_as_a_bold_line_is_the_title_where_the_page_title_is_the_sites():
    from pipeline.extract import extract

    page = (b"<html><head><title>Ministry of Foreign Affairs - Press Release</title></head><body><main>"
            b"<p><strong>PRESS RELEASE</strong></p>"
            b"<p><strong>OFFICIAL VISIT OF THE PRIME MINISTER OF NEW ZEALAND TO MALAYSIA</strong></p>"
            b"<p>1. The Prime Minister of New Zealand will undertake an Official Visit to Malaysia from 8 to "
            b"9 September 2024.</p></main></body></html>")
    assert extract(parse_html(raw_html(page))).title == (
        "OFFICIAL VISIT OF THE PRIME MINISTER OF NEW ZEALAND TO MALAYSIA")
    # (a <title> the page repeats is its title, whatever the lines above it)
    page = (b"<html><head><title>Visit of the Prime Minister of New Zealand | Ministry</title></head><body>"
            b"<main><p>Office of the Spokesperson</p><p>Visit of the Prime Minister of New Zealand</p>"
            b"<p>The Prime Minister will visit on 8 September 2024.</p></main></body></html>")
    assert extract(parse_html(raw_html(page))).title == "Visit of the Prime Minister of New Zealand"

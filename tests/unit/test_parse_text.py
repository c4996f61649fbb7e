import pytest

from pipeline.models import BlockKind
from pipeline.parse.text import parse_text
from tests.fixtures.pages import ARCHIVE_PAGE


def _texts(doc, kind=None):
    return [doc.text[b.start:b.end] for b in doc.blocks if kind is None or b.kind is kind]


def test_site_furniture_is_dropped(corpus_dir):
    doc = parse_text((corpus_dir / "002_95c04f3a6c09f0e3.txt").read_text())
    for junk in ("An official website", "Here's how you know", "Official websites use .gov",
                 "A lock", "Lessons of 1989"):
        assert junk not in doc.text
    assert doc.text.startswith("Joint Statement of the United States of America")
    doc = parse_text((corpus_dir / "000_009649351f482706.txt").read_text())
    for junk in ("Stay Connected", "Sign Up", "Opt in to send", "Scroll to Top", "We'll be in touch"):
        assert junk not in doc.text
    assert doc.text.rstrip().endswith("multi-country engagements.")


def test_markup_remnants_become_clean_text_with_footnote_markers(corpus_dir):
    doc = parse_text((corpus_dir / "001_deaef4ef2796e198.txt").read_text())
    for remnant in ("**", "<b>", "<sup>", "\\$", "&amp;", "## "):
        assert remnant not in doc.text
    assert "from $450M in 2019" in doc.text
    assert "technology (QIST)¹ takes advantage" in doc.text
    footnotes = _texts(doc, BlockKind.footnote)
    assert any(f.startswith("¹ As described in the National Quantum Initiative Act") for f in footnotes)
    assert "R&D" in doc.text


def test_headings_lists_and_table_rows(corpus_dir):
    doc = parse_text((corpus_dir / "001_deaef4ef2796e198.txt").read_text())
    headings = {doc.text[b.start:b.end]: b.level for b in doc.blocks if b.kind is BlockKind.heading}
    assert headings["ADVANCING INTERNATIONAL COOPERATION IN QUANTUM INFORMATION SCIENCE AND TECHNOLOGY"] == 1
    assert headings["EXECUTIVE SUMMARY"] == 2
    assert headings["Chair"] == 3
    items = _texts(doc, BlockKind.list_item)
    assert "a) Move the science faster." in items
    assert any(i.startswith("1. Promote scientific collaboration") for i in items)
    rows = _texts(doc, BlockKind.table_row)
    assert "AFOSR\tAir Force Office of Scientific Research" in rows
    # Dot leaders and page numbers of the table of contents become cells.
    assert any(r.startswith("Executive Summary\t1") for r in rows)


def test_block_offsets_index_the_text():
    doc = parse_text("# Title here now\n\nFirst paragraph.\n- one\n- two\n\nLast.")
    assert [(b.kind.value, doc.text[b.start:b.end]) for b in doc.blocks] == [
        ("heading", "Title here now"), ("paragraph", "First paragraph."),
        ("list_item", "one"), ("list_item", "two"), ("paragraph", "Last.")]
    starts = [b.start for b in doc.blocks]
    assert starts == sorted(starts)


def test_parenthesised_markers_start_list_items():
    doc = parse_text("Report\n\nHaving heard the evidence, the committee recommends that:\n(a) the "
                     "Government fund hubs;\n(b) agencies publish plans.")
    assert [(b.kind.value, b.meta.get("marker")) for b in doc.blocks][1:] == [
        ("paragraph", None), ("list_item", "(a)"), ("list_item", "(b)")]


def test_lines_broken_inside_a_sentence_are_rejoined(corpus_dir):
    doc = parse_text((corpus_dir / "003_e3b584d7aeb36b41.txt").read_text())
    assert "issued a joint statement of intent to enhance cooperation" in doc.text
    assert "highlighted on www.quantum.gov emphasizes foundational research" in doc.text
    # A new sentence on a new line stays its own paragraph.
    assert any(t.startswith("Signing of the U.S. – U.K. quantum cooperation statement")
               for t in _texts(doc, BlockKind.paragraph))


def test_first_short_line_is_the_title_and_body_openings_are_not():
    assert parse_text("U.S. and Japan Sign Landmark Statement\n\nThe text.").metadata.title == \
        "U.S. and Japan Sign Landmark Statement"
    assert parse_text("This week, the United States issued a statement.\n\nMore.").metadata.title is None
    # a headline that names many governments is long, and on one line
    many = ("Joint Statement from the Governments of " + ", ".join(["Albania", "Australia", "Bahrain",
            "Canada", "Croatia", "Denmark", "Estonia", "France", "Germany", "Greece", "Iceland", "Italy",
            "Japan", "Latvia", "Lithuania", "Malta", "Norway", "Poland", "Portugal", "Romania"])
            + ", and the United States on the Release of Detained Aid Workers")
    assert 250 < len(many) < 500
    assert parse_text(many + "\n\nThe text.").metadata.title == many
    wrapped = "\n".join(["the first lines of a long paragraph that wraps without punctuation"] * 5)
    assert parse_text(wrapped + "\n\nMore text.").metadata.title is None


def test_a_genre_label_heads_the_title_and_two_capitalised_words_are_one():
    doc = parse_text("PRESS STATEMENT\n\nOFFICIAL VISIT OF THE PRIME MINISTER OF THAILAND TO MALAYSIA\n\n"
                     "The Prime Minister will visit Malaysia.")
    assert doc.metadata.title == "OFFICIAL VISIT OF THE PRIME MINISTER OF THAILAND TO MALAYSIA"
    assert _texts(doc, BlockKind.paragraph) == ["The Prime Minister will visit Malaysia."]
    assert parse_text("Washington Declaration\n\nToday, the two Presidents affirm.").metadata.title == \
        "Washington Declaration"
    # (two words of a sentence are no title, nor a site's banner over a short line)
    assert parse_text("Good morning\n\nThe text.").metadata.title is None
    assert parse_text("Prime Minister\n\nThe Hon Ana Ruiz MP\n\nThe text.").metadata.title is None


def test_the_pages_date_between_its_genre_label_and_its_headline_is_no_title():
    doc = parse_text("Media release\n\nDate: Tuesday, 12 March 2024\n\nPrime Minister welcomes Indonesian "
                     "President\n\nToday I welcomed the President to Parliament House.")
    assert doc.metadata.title == "Prime Minister welcomes Indonesian President"


def test_a_short_line_the_headline_repeats_is_its_label():
    doc = parse_text("JOINT STATEMENT\n\nJOINT STATEMENT ON THE 13TH ANNUAL CONSULTATION BETWEEN MALAYSIA "
                     "AND INDONESIA\n\n1. The Leaders held the Consultation in Jakarta on 27 June 2025.")
    assert doc.metadata.title == "JOINT STATEMENT ON THE 13TH ANNUAL CONSULTATION BETWEEN MALAYSIA AND INDONESIA"
    # (a label over the statement's numbered paragraphs, no headline, is its title)
    assert parse_text("JOINT STATEMENT\n\n1. The Leaders met in Jakarta on 27 June 2025.\n\n"
                      "2. They agreed.").metadata.title == "JOINT STATEMENT"
    # (a headline that does not repeat the short line leaves it alone)
    assert parse_text("Prime Minister\n\nPrime Ministers meet in Canberra\n\nThe text.").metadata.title is None


def test_signature_block_at_the_end_is_kept():
    text = ("Statement of Intent on Minerals\n\nWe direct our Governments to report back.\n\n"
            "JOSEPH R. BIDEN JR. ANTHONY ALBANESE\n"
            "President of the United States of America Prime Minister of Australia\n\n"
            "May 20, 2023\nHiroshima, Japan\n")
    doc = parse_text(text)
    assert doc.text.endswith("May 20, 2023\nHiroshima, Japan")
    assert "JOSEPH R. BIDEN JR. ANTHONY ALBANESE\nPresident of the United States" in doc.text


def test_text_after_an_end_marker_is_page_footer():
    doc = parse_text("Title Of The Release\n\nBody sentence.\n\n###\n\nRelated: another story")
    assert "another story" not in doc.text


def test_unicode_is_normalised():
    doc = parse_text("Title of the Thing\n\nco\u00adoperation\u00a0in  Zu\u0308rich")
    assert "cooperation in Zürich" in doc.text


# The markup patterns were rewritten so that none can backtrack on a long
# line (tests/unit/test_hostile_inputs.py); what they read stays as before.
@pytest.mark.parametrize("fragment, expected", [
    ('See [the statement](https://example.gov/a "Title") here', "See the statement here"),
    ("[a [b](<https://x.gov/y z>) c", "a [b c"),  # the link text runs from the first "["
    ("[x](abc[y](<u v>)", "[x](abcy"),  # "(abc[y](<u" is no URL; "[y](<u v>)" is a link
    ("Visit <https://www.state.gov> today", "Visit https://www.state.gov today"),
    ("<https://a.gov/x y>", "<https://a.gov/x y>"),
    ("***Bold italic*** and **_both_** and *it*", "Bold italic and _both_ and it"),
    ("a * b * c", "a * b * c"),
    ("*a **b**c", "*a bc"),
    ("<b>Bold</b> <span class='x'>t</span> <b open", "Bold t <b open"),
    ("Note<sup> 12 </sup> here", "Note¹² here"),
    ("Entry\t.......\t12", "Entry ....... 12"),
])
def test_markup_remnants_read_as_before(fragment, expected):
    from pipeline.parse.text import clean

    assert clean(fragment) == expected


def test_closing_hashes_of_a_heading_are_dropped():
    doc = parse_text("Title words here\n\n## Scope ##\n\n# a" + " " * 20 + "b ##  \n")
    assert _texts(doc, BlockKind.heading)[-2:] == ["Scope", "a b"]




def test_a_page_wrapped_at_a_fixed_width_is_read_in_sentences_below_its_header():
    parsed = parse_text(ARCHIVE_PAGE)
    blocks = [parsed.text[b.start:b.end] for b in parsed.blocks]
    # the header lines stay lines; the wrapped sentences are whole again
    assert "Statement by the Prime Minister, Mr Colin Ashdown" in blocks
    assert ("The agreement to transfer the harbour works was signed by the Minister for Transport, "
            "Mr Ivo Petrak, and the State Minister for Ports and Harbours, Mr R G Lamont.") in blocks
    assert "CANBERRA 27 November 1985" in blocks


def test_pages_with_a_line_per_paragraph_keep_their_lines():
    page = "Title Of The Page\n\n" + "\n".join(
        f"Paragraph {i} has a long sentence that runs on and on well past any fixed width of an "
        f"archive page, then ends without a period" for i in range(10))
    parsed = parse_text(page)
    assert len(parsed.blocks) == 11


def test_a_name_the_break_cut_after_its_honorific_or_given_name_is_whole_again():
    parsed = parse_text(
        "Talks In Moscow\n\nOn the Australian side the Special Minister of State took part, with the\n"
        "Ambassador of Australia to the USSR, Sir\nJames Pelham; the Secretary of the Department\n"
        "of Minerals and Energy, Sir Lenox\nHartley; and the Secretary of Overseas Trade.\n\n"
        "Members\n\nMr. G. A. Mackay\nMr. D. Dobson\n")
    assert "Sir James Pelham; the Secretary" in parsed.text
    assert "Sir Lenox Hartley; and" in parsed.text
    # (a name alone on its line is a roster's line, kept)
    assert "Mr. G. A. Mackay\nMr. D. Dobson" in parsed.text


# A typescript's page break: the catchword at the foot of page 5, the number at
# the head of page 6, a sentence (and a name) running across them.
TYPESCRIPT_BREAK = """JOINT PRESS STATEMENT

The two Prime Ministers reviewed the assistance programme. Australia's
assistance would continue to be directed closely to Indonesia's development
priorities, and the Prime Minister said so to President / 6

-6-
Soeharto, who expressed appreciation for past Australian development
assistance and the hope that co-operation would grow.
The two leaders also discussed regional security. / 7

- 7 -
Torres Strait
The Prime Ministers agreed that the border should be settled soon.
"""


def test_a_typescripts_page_break_is_taken_out_and_the_sentence_it_cut_runs_on():
    parsed = parse_text(TYPESCRIPT_BREAK)
    assert "said so to President Soeharto, who expressed appreciation" in parsed.text
    for furniture in ("/ 6", "-6-", "/ 7", "- 7 -"):
        assert furniture not in parsed.text
    blocks = [parsed.text[b.start:b.end] for b in parsed.blocks]
    # a page that ended its sentence ends its paragraph; a heading opens the next page
    assert blocks[-3].endswith("also discussed regional security.")
    assert blocks[-2:] == ["Torres Strait", "The Prime Ministers agreed that the border should be settled soon."]


def test_a_page_number_between_numbered_recommendations_is_no_recommendation(extract_text):
    record = extract_text(
        "REPORT OF THE COMMITTEE ON UNIVERSITIES\n\nThe Committee's recommendations are set out below.\n\n"
        "RECOMMENDATIONS\n\n1.   The Commonwealth should assume full responsibility for\n"
        "     the financing of universities.\n\n2.   Tuition fees should be abolished for all students.\n\n"
        "- 2 -\n\n3.   A Tertiary Education Commission should be established.\n")
    assert [r.number for r in record.recommendations] == ["1", "2", "3"]
    assert "- 2 -" not in record.text


def test_a_bare_page_number_is_furniture_only_under_a_catchword():
    parsed = parse_text("Joint Communique\n\nMinisters agreed that further studies should be\n"
                        "taken on the fares. / 2\n\n2\nWith regard to participation by ASEAN carriers, "
                        "Ministers agreed.\n\nThe items were:\n\n3\nA third line.\n")
    assert "/ 2" not in parsed.text and "\n2\n" not in parsed.text
    # (a number alone with no catchword above it stays)
    assert "\n3\n" in parsed.text

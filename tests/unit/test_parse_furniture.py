"""The end of a text page: a signature block stays, links to other pages go,
told apart by the lines' shape alone (no name lexicon)."""

import pytest

from pipeline.parse.furniture import drop_trailing_links, looks_like_name_line
from pipeline.parse.text import parse_text


@pytest.mark.parametrize("line", [
    "The Honourable Priya Deshpande", "Kristjan Saar", "Dr Bryce Phillips",
    "Mr. Paul Narain, Consul General in Belfast", "Joseph R. Biden Jr.",
    "Donald J. Trump Anthony Albanese", "John Howard Prime Minister of Australia",
    "Ursula von der Leyen",
])
def test_name_lines(line):
    assert looks_like_name_line(line)


@pytest.mark.parametrize("line", [
    "U.S. Department of State", "The Lessons of 1989: Freedom and Our Future", "Press Releases",
    "Accompanying Chair’s Statement", "Briefing Room", "End Text", "Read more", "climate change",
])
def test_link_and_headline_lines(line):
    assert not looks_like_name_line(line)


def test_a_closing_signature_stays_and_a_trailing_link_goes():
    body = ["Title", "", "We agree to work together.", ""]
    assert drop_trailing_links(body + ["Kristjan Saar", "Minister of Foreign Affairs"])[-2:] == \
        ["Kristjan Saar", "Minister of Foreign Affairs"]
    assert drop_trailing_links(body + ["U.S. Department of State"])[-1] == "We agree to work together."


def test_the_text_parser_keeps_a_signature_block_without_a_date():
    doc = parse_text("Joint Statement\n\nBoth sides will cooperate on research.\n\n"
                     "Bob Hawke\nDr Bryce Phillips\n")
    assert doc.text.endswith("Bob Hawke\nDr Bryce Phillips")


def test_closing_signature_lines_with_styles_and_post_nominals_stay():
    body = ["Title", "", "We agree to work together.", "", "Signed:"]
    closing = ["Rt Hon James Cleverly MP, Foreign Secretary of the United Kingdom",
               "HE Ms Retno Marsudi, Minister for Foreign Affairs of Indonesia"]
    assert drop_trailing_links(body + closing)[-2:] == closing
    assert drop_trailing_links(body[:-1] + ["YB Dato' Sri Tiong King Sing, Minister of Tourism"])[-1] == \
        "YB Dato' Sri Tiong King Sing, Minister of Tourism"


@pytest.mark.parametrize("closing", ["17 May, 1996", "CANBERRA, 27th June, 1966", "CANBERRA May 1995",
                                     "March 4. 1993"])
def test_a_typescripts_closing_date_line_is_no_trailing_link(closing):
    body = ["The Prime Minister met the union's officials today.", "", "We agree to work together."]
    assert drop_trailing_links(body + ["", closing])[-1] == closing


def test_numbered_items_that_go_on_counting_are_no_trailing_links():
    body = ["Conclusions and recommendations", "",
            "1. The Department should publish a plan for community pharmacy funding by the end of the year. "
            "(Paragraph 23)", ""]
    items = ["2. NHS England should expand the Pharmacy First service to more conditions. (Paragraph 41)", "",
             "3. We recommend that the Government review the dispensing fee. (Paragraph 52)"]
    assert drop_trailing_links(body + items) == body + items
    # (links after a numbered list are still links)
    assert drop_trailing_links(body + ["Pharmacy services", "Community health"]) == body[:-1]

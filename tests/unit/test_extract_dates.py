import pytest

from pipeline.extract.dates import find_candidates


def _values(text):
    return [c.value for c in find_candidates(text)]


@pytest.mark.parametrize("text, expected", [
    ("It was signed on December 19, 2019 in Tokyo.", ["2019-12-19"]),
    ("signed in Washington on 20 September 2017", ["2017-09-20"]),
    ("AUGUST 2024", ["2024-08"]),
    ("OSTP (since Mar. 2024)", ["2024-03"]),
    ("held on May 5th and 6th.", ["--05-05", "--05-06"]),
    ("met on June 12-13, 2024 in Paris", ["2024-06-12", "2024-06-13"]),
    ("the seat in 2028-29", ["2028", "2029"]),
    ("From 2018-2022, roughly half", ["2018", "2022"]),
    ("the meeting on July 28, co-chaired by", ["--07-28"]),
    ("Published 2024-03-05.", ["2024-03-05"]),
])
def test_date_forms(text, expected):
    assert _values(text) == expected


@pytest.mark.parametrize("text", [
    "They met today and this week.",
    "issued in June",                    # month without a year
    "See https://www.quantum.gov/wp-content/uploads/2022/08/report.pdf",
    "NQI Act (Pub. L. 115-368), 15 U.S.C. § 8801",
    "funding of $2019 million",
    "February 30, 2023",                 # impossible
    "about 2,000 people and 23 nations",
])
def test_non_dates_are_ignored(text):
    assert _values(text) == []


def test_roles_in_a_press_release(extract_text):
    record = extract_text(
        "Partners Sign Research Accord\n\nMarch 4, 2021\n\nThe White House\n\nMarch 2, 2021\n\n"
        "Today the United States and Canada signed an accord on research cooperation that builds "
        "on many years of joint work between their science agencies and universities.\n\n"
        "The accord builds on the 1995 agreement and the parties will report progress by the end "
        "of 2025. They also plan a workshop in 2022.")
    roles = {(d.value, d.role.value) for d in record.dates}
    assert roles == {("2021-03-04", "published"), ("2021-03-02", "signed"),
                     ("1995", "referenced"), ("2025", "other"), ("2022", "referenced")}


def test_readout_event_without_year_and_relative_dates(extract_text):
    record = extract_text(
        "Ministers Meet on Clean Energy\n\nThe Minister of Energy hosted a meeting of the working "
        "group on October 3 to discuss supply chains. Earlier this week the ministry issued a "
        "report. The group discussed next steps.")
    assert [(d.value, d.role.value) for d in record.dates] == [("--10-03", "event")]


def test_signature_block_date_is_the_signing_date(extract_text):
    record = extract_text(
        "Joint Statement of Intent on Space Cooperation\n\nThe two governments intend to deepen "
        "cooperation in space exploration and science over the coming decade.\n\n"
        "ANNA KOWALSKA JEAN DUPONT\nMinister of Science of Poland Minister of Research of France\n\n"
        "April 11, 2022\nWarsaw, Poland")
    assert ("2022-04-11", "signed") in {(d.value, d.role.value) for d in record.dates}

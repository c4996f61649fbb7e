"""Word lists the rules rely on: countries (from pycountry), demonyms, the
vocabulary of official titles and organisation names, given names.

The lists are data (``pipeline/data/*.toml``, each naming its source);
country names come from ISO 3166 via :mod:`pycountry`, given names from
gender-guesser's multinational dictionary.  This module loads them and
answers questions about words.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

from pipeline.resources import load_data

_COUNTRIES = load_data("countries")
_TITLES = load_data("titles")

#: Short common names used in records (ISO names such as "Korea, Republic of"
#: read badly in a list of parties).
SHORT_NAMES: dict[str, str] = _COUNTRIES["short_names"]
#: The forms policy documents use for a country ("U.S.", "Britain").
ALIASES: dict[str, list[str]] = _COUNTRIES["aliases"]
#: Adjectives that name a country ("Danish Foreign Minister").
DEMONYMS: dict[str, str] = _COUNTRIES["demonyms"]
#: Seats of government: "met ... in Washington" places a meeting.
CAPITALS: dict[str, str] = _COUNTRIES["capitals"]

#: Bodies that can be parties although they are not countries (display name -> forms).
_BODIES_DATA = load_data("bodies")
_BODIES = _BODIES_DATA["body"]
BODIES = {body["name"]: body["forms"] for body in _BODIES}
_BODY_FORMS = {form.casefold(): name for name, forms in BODIES.items() for form in forms + [name]}
#: A sub-national government's federation (body name -> ISO code): "New South Wales" -> AU.
BODY_COUNTRIES: dict[str, str] = {body["name"]: body["country"] for body in _BODIES if "country" in body}
#: A council's forms as written -> its members (ISO codes or body names):
#: "COAG" -> the Commonwealth, the states and territories, local government.
COUNCIL_MEMBERS: dict[str, tuple[str, ...]] = {
    written: tuple(council["members"])
    for council in [*_BODIES_DATA.get("council", []), *_BODIES_DATA.get("grouping", [])]
    for form in council["forms"] for written in (form, form.upper())}
#: The forms of the groupings of a few states ("Quad", "AUKUS"), whose members
#: act as themselves, among the councils' forms: a grouping named in passing
#: is no meeting of its members, as a council's name mostly is.
GROUPING_FORMS: frozenset[str] = frozenset(
    written for grouping in _BODIES_DATA.get("grouping", [])
    for form in grouping["forms"] for written in (form, form.upper()))


def lookup_body(text: str) -> str | None:
    """A body's record name for one of its forms ("EU" -> "European Union")."""
    return _BODY_FORMS.get(re.sub(r"^the\s+", "", text.strip(), flags=re.I).casefold())


#: National science and technology agencies whose acronym tells the country.
AGENCIES: dict[str, str] = load_data("agencies")["agencies"]

#: Words of official titles and organisation names: a capitalised word from
#: this list is never part of a person's name.
TITLE_HEADS: set[str] = set(_TITLES["title_words"])
#: Heads of official titles that can stand right before a name.
TITLE_HEAD_WORDS: list[str] = _TITLES["title_heads"]
HONORIFICS: list[str] = _TITLES["honorifics"]
#: The seats a table of members labels, in lower case ("deputy chair").
ROSTER_LABELS: set[str] = set(_TITLES["roster_labels"])
#: Offices of a spouse ("First Lady"): their holder is not the leader of that surname.
SPOUSE_OFFICES: set[str] = set(_TITLES["spouse_offices"])
#: Last words of the names of streets, squares and works ("Sydney Airport").
PLACE_HEADS: frozenset[str] = frozenset(_TITLES["place_heads"])
#: The styles of peers ("Lord Ahmad of Wimbledon") and the words after "Lord" that make an office.
PEERAGE_STYLES: frozenset[str] = frozenset(_TITLES["peerage_styles"])
ROYAL_STYLES: frozenset[str] = frozenset(_TITLES["royal_styles"])
PEERAGE_OFFICES: frozenset[str] = frozenset(_TITLES["peerage_offices"])
#: Last words of buildings' and venues' names ("Windsor Castle"), read after "to" or "at".
VENUE_HEADS: frozenset[str] = frozenset(_TITLES["venue_heads"])
#: The words of a style before its honorific ("His Excellency", "the Right Honourable").
STYLE_WORDS: frozenset[str] = frozenset(_TITLES["style_words"])
INNER_HONORIFICS: frozenset[str] = frozenset(_TITLES["inner_honorifics"])
#: Honorifics of several persons ("Messrs. Kelly, Forbes and Wilson").
PLURAL_HONORIFICS: tuple[str, ...] = tuple(sorted(_TITLES["plural_honorifics"], key=len, reverse=True))
#: Hyphenated words after a title that keep its office ("President-elect").
TITLE_SUFFIXES: frozenset[str] = frozenset(_TITLES["title_suffixes"])
#: Letters after a name that are not part of it ("Oliver Pennington MP").
POST_NOMINALS: set[str] = set(_TITLES["post_nominals"])
#: Titles used before a bare surname ("President Biden").
PERSON_TITLES: set[str] = set(_TITLES["person_titles"])
#: Lower-case nouns that say who a private person is ("journalist").
PERSON_NOUNS: set[str] = set(_TITLES["person_nouns"])
#: Last words of organisation names ("Agency", "Council").
ORG_HEADS: tuple[str, ...] = tuple(_TITLES["organisation_heads"])
#: An office's bare title -> the one government (ISO code) that has it.
OFFICE_COUNTRIES: dict[str, str] = {office: code for code, offices in
                                    _TITLES["offices_of_one_government"].items() for office in offices}
#: (title, surname casefolded) -> the government (ISO code) that office and
#: holder name: "President" and "biden" the United States.
OFFICE_HOLDERS: dict[tuple[str, str], str] = {
    (title, surname.casefold()): code
    for code, offices in load_data("officeholders").items()
    for title, surnames in offices.items() for surname in surnames}
#: Capitalised words that are never part of a person's name.
NON_NAME_WORDS: set[str] = set(load_data("non_name_words")["words"])
#: Adverbs that may open a sentence before an office ("Today Prime Minister ...").
SENTENCE_OPENERS: frozenset[str] = frozenset(load_data("non_name_words")["sentence_openers"])
#: Family names written before a two-word given name ("Bui Thanh Son").
FAMILY_NAMES_FIRST: frozenset[str] = frozenset(
    word for words in load_data("family_names_first").values() for word in words)
_LEADERS = load_data("leaders")
#: Surname (or whole name) of a leader -> the government they lead or speak
#: for ("Zelenskyy": UA); a name two governments' leaders share is neither's.
LEADER_GOVERNMENTS: dict[str, str] = {
    name: code for code, names in _LEADERS["governments"].items() for name in names
    if sum(name in other for other in _LEADERS["governments"].values()) == 1}
#: Surnames (or whole names) by which releases name a leader alone ("Putin").
LEADER_NAMES: frozenset[str] = frozenset(
    [name for names in _LEADERS["governments"].values() for name in names] + _LEADERS["bodies"]["names"])


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Every surface form -> ISO alpha-2 code."""
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                names.setdefault(value, country.alpha_2)
    for code, aliases in ALIASES.items():
        for alias in aliases:
            names[alias] = code
    for code, short in SHORT_NAMES.items():  # "Micronesia", "Brunei": how texts name them
        names.setdefault(short, code)
    # ("Côte d’Ivoire": typeset text curls the apostrophe)
    for name, code in list(names.items()):
        if "'" in name:
            names.setdefault(name.replace("'", "’"), code)
    return names


def short_name(code: str) -> str:
    if code in SHORT_NAMES:
        return SHORT_NAMES[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def trailing_country(text: str) -> str | None:
    """The country that ends a title: 'Minister of Education and Research of
    the Republic of Estonia' -> EE; 'NIST Director' -> US (agency)."""
    for m in re.finditer(r"\b(?:of|for|in)\s+(?:the\s+)?", text):
        rest = text[m.end():].strip(" ,.")
        code = lookup_country(rest) or _sending_state(rest)
        if code:
            return code
    for word in re.findall(r"[A-Z][A-Za-z*İ]+", text):
        if word in AGENCIES:
            return AGENCIES[word]
    return None


def _sending_state(posting: str) -> str | None:
    """An envoy's posting, "Japan to Malaysia": the state that sent the envoy
    (the title is its office: "Ambassador of Japan to Malaysia")."""
    m = re.fullmatch(r"(.+?)\s+to\s+(?:the\s+)?(.+)", posting)
    return lookup_country(m.group(1)) if m and lookup_country(m.group(2)) else None


@lru_cache(maxsize=50000)
def lookup_country(text: str) -> str | None:
    """ISO code for a country name, alias or demonym as written, else None."""
    text = re.sub(r"^the\s+", "", text.strip(), flags=re.I)
    names = country_names()
    if text in names:
        return names[text]
    if text in DEMONYMS:
        return DEMONYMS[text]
    # (a code is written in capitals: "Li", "Ng", "Ky" are surnames, not
    # Liechtenstein, Nigeria and the Cayman Islands; every country's name
    # has four letters or more)
    if len(text) <= 3 and not text.isupper():
        return None
    code = _pycountry_codes().get(text.lower())
    if code is None and len(text) > 3 and text.isupper():
        # (an instrument set in capitals names its parties in them: "FOR THE
        # REPUBLIC OF KOREA:", "THE SOCIALIST REPUBLIC OF VIET NAM")
        code = _capitalised_names().get(text.lower())
    return code


@lru_cache(maxsize=1)
def _capitalised_names() -> dict[str, str]:
    """``country_names`` keyed by their lower case, for names written in capitals."""
    names: dict[str, str] = {}
    for name, code in country_names().items():
        names.setdefault(name.lower(), code)
    return names


@lru_cache(maxsize=1)
def _pycountry_codes() -> dict[str, str]:
    """``pycountry.countries.lookup`` as one dict: a lower-cased value of any
    of its indexed fields -> the alpha-2 code of the first country its
    indices give for it (its lookup tries them in turn, then walks every
    country for the fields it leaves unindexed -- asked of every capitalised
    run, that walk is most of a run's reading)."""
    countries = pycountry.countries
    len(countries)  # (loads the database and its indices)
    assert not countries.no_index, "pycountry reads unindexed fields: lookup() must be used"
    codes: dict[str, str] = {}
    for index in countries.indices.values():
        for value, country in index.items():
            codes.setdefault(value, country.alpha_2)
    return codes

@lru_cache(maxsize=1)
def _given_names():
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


@lru_cache(maxsize=20000)
def is_given_name(word: str) -> bool:
    """A first name in a multinational dictionary (gender-guesser's, about
    48,000 names), and not a title word: "General", "Grace" and "May" are
    names too, but not in "Attorney General" or "May 5"."""
    bare = word.strip(",.")
    if not bare[:1].isupper() or bare in TITLE_HEADS or bare in NON_NAME_WORDS or len(bare) < 2:
        return False
    if bare.isupper():
        return False  # an acronym ("NATO Ally"); a name in capitals is asked in title case
    if bare in country_names():
        return False
    if _given_names().get_gender(bare) != "unknown":
        return True
    # a compound given name: "Jean-Yves", "Anne-Marie" (both parts given names)
    parts = bare.split("-")
    return len(parts) == 2 and all(p[:1].isupper() and _given_names().get_gender(p) != "unknown" for p in parts)


def looks_like_person_line(line: str) -> bool:
    """'The Honourable Priya Deshpande', 'Kristjan Saar': a line that is a name."""
    words = [w for w in line.split() if w.rstrip(".") not in {h.rstrip(".") for h in HONORIFICS}
             and w not in ("The", "Hon")]
    return 2 <= len(words) <= 6 and is_given_name(words[0])

"""Reading names and titles: which capitalised words are a person's name,
which are an official title, an organisation or a country.

Without a statistical NER model the split relies on vocabularies (title and
portfolio words, honorifics, countries), a multinational given-name lexicon
and the shape of names (initials, particles such as "van den", suffixes such
as "Jr.", surnames in capitals).  Nothing here reads a document: the modules
that find mentions (:mod:`~pipeline.extract.mentions`, :mod:`~pipeline.extract.rosters`,
:mod:`~pipeline.extract.signature_blocks`) call these helpers.
"""

from __future__ import annotations

import calendar
import re as stdre
import unicodedata
from functools import lru_cache
from dataclasses import dataclass, field

import regex as re
from nameparser import HumanName

from pipeline.gazetteer import (
    DEMONYMS,
    FAMILY_NAMES_FIRST,
    SENTENCE_OPENERS,
    HONORIFICS,
    INNER_HONORIFICS,
    NON_NAME_WORDS,
    ORG_HEADS,
    POST_NOMINALS,
    TITLE_HEAD_WORDS,
    TITLE_HEADS,
    TITLE_SUFFIXES,
    country_names,
    is_given_name,
    lookup_country,
)

UP, LO = r"\p{Lu}", r"\p{Ll}"
# Regnal numbers II to XX close a name as "Jr." does ("King Abdullah II",
# "King Mohammed VI"); not "I", "V" or "X", which read as a pronoun or initials.
REGNAL_NUMBERS = ("II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "XIII", "XIV", "XV", "XVI",
                  "XVII", "XVIII", "XIX", "XX")
_GENERATIONS = {"JR.", "SR.", "JR", "SR"}


def is_name_suffix(word: str) -> bool:
    """"Jr.", "Sr." in any case, or a regnal number in capitals ("Xi" is a name)."""
    word = word.rstrip(",")
    return word.upper() in _GENERATIONS or word in REGNAL_NUMBERS


HON = r"(?:(?:Dr|Mr|Ms|Mrs|Mx|Prof|Gen|Sen|Rep|Gov|Amb|Hon|Rev|Lt|Col|Capt|Adm|Smt|Eng|Engr|Rt|Mme)\.|H\.E\.)"
# An initial without its period ("Mr R G Payne", "Kim C Beazley") is a lone
# capital before a space; not "A" or "I", which are words.
# ("al-Alimi": an article joined to a surname by a hyphen, written in lower case)
# ("‘Ofakivahafolau": a Polynesian name opens with its glottal stop, the okina;
# a quotation's opening word closes its quote mark right after; inside a
# name it joins its syllables: "Taʻase")
# Honorifics written with a closing apostrophe ("Dato'", "Dato’"): a word of a run too
_APOSTROPHE_HON = "|".join(re.escape(h) for h in sorted(HONORIFICS, key=len, reverse=True) if h[-1] in "'’")
WORD = (rf"(?:{HON}|{_APOSTROPHE_HON}|(?:{UP}\.){{2,3}}|{UP}['’]{UP}{LO}+|{UP}{LO}*{UP}{LO}+|{UP}{LO}+(?:[-'’ʻ]{UP}?{LO}+)*|{UP}\.|"
         rf"(?:al|el)-{UP}{LO}+|[‘ʻ]{UP}{LO}{{2,}}(?![’'])|"
         # (a regnal number's period ends the sentence: "Queen Elizabeth II.")
         rf"(?!(?:{'|'.join(sorted(REGNAL_NUMBERS, key=len, reverse=True))})\.){UP}{{2,}}\.?|U\.S\.|U\.K\.|"
         rf"(?![AI][ \t]){UP}(?=[ \t]{UP}))")
# (with the Malaysian Indian patronymic "a/l", "a/p": son, daughter of)
PARTICLES = {"de", "da", "del", "della", "der", "den", "ter", "ten", "van", "von", "bin", "binti", "bint",
              "ibn", "al", "el", "la", "le", "du", "di", "dos", "das", "do", "los", "las", "y", "i", "zu",
              "a/l", "a/p"}
PARTICLE = r"(?:" + "|".join(sorted(PARTICLES, key=len, reverse=True)) + r")"
_REGNAL = "|".join(sorted(REGNAL_NUMBERS, key=len, reverse=True))
SUFFIX = rf"(?:,?\s(?:Jr\.|Sr\.|JR\.|SR\.|{_REGNAL})(?!\w))"
# A name's closing suffix, to read the name without it
TRAILING_SUFFIX = stdre.compile(rf",?\s+(?:Jr\.?|Sr\.?|{_REGNAL})$")
CONNECTOR = r"(?:of|for|the|and|at|to|on)"
# A run of capitalised words, allowing connectors inside titles and
# particles inside names ("Secretary of State Antony J. Blinken").  Bounded:
# the longest runs in the pool have 27 words after the first and 3
# connectors in a row; a longer stretch of capitalised words (a page of them)
# is read as several runs, so that what reads a run (titles, "of <Country>")
# never works on a megabyte at once.
# (It opens with a lookahead for what any run starts with -- a capital, "("
# or the "al-" of "al-Alimi": the engine then rejects the many other starts
# in one test instead of trying every alternative of WORD, and scans the
# text in half the time.)
# (Its words are apart by spaces, never by a tab: in a parsed text a tab
# divides a table's cells, and two columns of signatures are two names.)
RUN = re.compile(
    rf"(?=[\p{{Lu}}(]|[ae]l-)"
    rf"(?:{WORD}|\([A-Z]{{2,}}\))(?:[ ]+(?:(?:{CONNECTOR}|{PARTICLE})[ ]+){{0,6}}(?:{WORD}|\([A-Z]{{2,}}\))){{0,60}}"
    rf"{SUFFIX}?"
)
HONORIFIC_SET = {h.rstrip(".") for h in HONORIFICS}
# What a document that names its authors calls itself: "Statement by",
# "Joint Communiqué with", "Remarks from" (read in headlines and lead lines).
ATTRIBUTING_GENRE = r"(?:statement|release|remarks|comment|message|letter|op-ed|declaration|communiqu[eé])s?"
# Calendar words: a month may be a surname ("Theresa May"), a weekday never is.
MONTHS = frozenset(calendar.month_name[1:])
WEEKDAYS = frozenset(calendar.day_name)
# (with the last word of a title of several: "Attorney General", "Crown Prince";
# not a place's: "Secretary of State" anchors its name as a whole)
TITLE_HEAD_SET = set(TITLE_HEAD_WORDS) | {w.split()[-1] for w in TITLE_HEAD_WORDS
                                          if " of " not in w and " for " not in w}
ACRONYM = re.compile(r"^(?:[A-Z][A-Za-z]*[A-Z]|[A-Z]{2,})(?:\s[A-Z]{2,})?$")
LEADING_COUNTRY = re.compile(
    r"^(?:the\s+)?(U\.S\.|U\.K\.|US|UK|" + "|".join(sorted(DEMONYMS, key=len, reverse=True))
    + r"|[A-Z][\w .-]{1,30}?[’']s)\s+")
_MULTIWORD_COUNTRIES = None


@lru_cache(maxsize=50000)
def mask_countries(segment: str) -> str:
    """Replace multi-word country names so 'United States' is not read as a name."""
    global _MULTIWORD_COUNTRIES
    if _MULTIWORD_COUNTRIES is None:
        names = sorted((n for n in country_names() if " " in n), key=len, reverse=True)
        _MULTIWORD_COUNTRIES = stdre.compile(r"\b(?:" + "|".join(map(stdre.escape, names)) + r")\b")
    return _MULTIWORD_COUNTRIES.sub("Country", segment)



@dataclass
class Mention:
    name: str
    start: int  # span of the name
    end: int
    title: str = ""
    organization: str = ""
    country: str | None = None  # ISO code
    extent_start: int = 0  # name plus the title read with it
    extent_end: int = 0
    rule: str = ""
    confidence: float = 0.7
    roster_heading: str | None = None
    tags: set[str] = field(default_factory=set)

    @property
    def surname(self) -> str:
        return surname(self.name)

    @property
    def name_words(self) -> frozenset[str]:
        return name_words(self.name)


def surname(name: str) -> str:
    parsed = HumanName(name)
    return (parsed.last or parsed.first or name).casefold()


@lru_cache(maxsize=50000)
def given_and_surname(name: str) -> tuple[str, str] | None:
    """(given name, surname), casefolded, of a name with both ('Joseph R.
    Biden, Jr.' -> ('joseph', 'biden')); None for a surname alone."""
    words = [w for w in stdre.split(r"[\s,]+", name.strip())
             if w and not is_name_suffix(w) and w.strip(".") not in POST_NOMINALS]
    if len(words) < 2:
        return None
    return words[0].casefold(), words[-1].casefold()


def _without_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@lru_cache(maxsize=50000)  # asked of every pair of mentions when persons are grouped
def name_words(name: str) -> frozenset[str]:
    """The words of a name that can stand for the person alone ('Lee' in
    'Lee Ho-seong', 'Cardozo' in 'María Fernanda Cardozo Estévez')."""
    # (a capitalised word of two letters is a name too: "Xi" of "Xi Jinping";
    # letters are compared without their accents: "Davutoğlu" is "Davutoglu")
    words = {_without_accents(w.casefold()) for w in stdre.split(r"[\s,]+", name)
             if (len(w) > 2 or (len(w) == 2 and w[0].isupper() and w[1].islower()))
             and not w.endswith(".") and not is_name_suffix(w)}
    # "Al-Kadhimi" is also written "Kadhimi": the article is not the name
    return frozenset(words | {w[3:] for w in words if w.startswith(("al-", "el-")) and len(w) > 5})


@lru_cache(maxsize=50000)
def title_head(word: str) -> str:
    """'Vice-President' -> 'President': the head of a hyphenated title word;
    'Presidents' -> 'President', 'Secretaries' -> 'Secretary': of a plural one;
    'President-elect' -> 'President'."""
    if "-" in word:
        base, _, suffix = word.rpartition("-")
        head = title_head(base) if suffix.lower() in TITLE_SUFFIXES and base else suffix
    else:
        head = word
    if head.endswith("s") and head not in TITLE_HEAD_SET:
        for singular in (head[:-1], head[:-3] + "y"):
            if singular in TITLE_HEAD_SET:
                return singular
    return head


@lru_cache(maxsize=50000)
def is_name_word(word: str) -> bool:
    bare = word.rstrip(".,").rstrip("’'s") if word.endswith(("’s", "'s")) else word.rstrip(",")
    if bare in TITLE_HEADS or bare in NON_NAME_WORDS or bare.rstrip(".") in HONORIFIC_SET:
        return False
    if bare.endswith("s") and title_head(bare) != bare and title_head(bare) in TITLE_HEAD_SET:
        return False  # a plural office: "Presidents Biden and von der Leyen", "Secretaries"
    if bare in country_names() or bare in DEMONYMS:
        return False
    if bare.lower() == bare:  # connectors
        return bare in PARTICLES
    if bare.isupper() and len(bare) > 1 and not bare.endswith("."):
        return False  # acronyms (OSTP, NASA); capitals in signature blocks are handled apart
    if bare.startswith("(") or stdre.fullmatch(r"U\.S\.|U\.K\.", bare):
        return False
    return True


_INITIAL = stdre.compile(r"[A-Z]\.")


#: Malay and Arabic patronymic particles ("son of", "daughter of")
_PATRONYMIC = frozenset({"bin", "binti", "bint", "ibn"})


@lru_cache(maxsize=50000)
def split_run(run: str) -> tuple[str, str]:
    """'Secretary of State Antony J. Blinken' -> ('Secretary of State', 'Antony J. Blinken')."""
    words = run.split()
    i = len(words)
    # "Prime Minister Theresa May": a month is a surname after a given name
    # (so is a country's name, "Deputy Attorney General Lisa O. Monaco", and,
    # after a title, a word of titles: "Deputy Trade Representative Jayme
    # White", "Minister Madeleine King", where "Colombo Plan" is no one)
    given = 2 if i >= 2 and is_given_name(words[-2]) else (
        3 if i >= 3 and _INITIAL.fullmatch(words[-2]) and is_given_name(words[-3]) else 0)
    # (and after a style alone: "The Hon Madeleine King"; a given name and a
    # title's word with nothing before them are too often something else,
    # "Colombo Plan", "Major General")
    if given and (words[-1] in MONTHS or words[-1] in country_names() or (
            (words[-1] in TITLE_HEADS or words[-1] in TITLE_HEAD_SET)
            and (any(title_head(w) in TITLE_HEAD_SET for w in words[:-given])
                 or (words[-1] in TITLE_HEAD_SET and len(words) > given
                     and all(is_style_word(w) for w in words[:-given]))))):
        i -= 1
    # ("Mohamad bin Haji Hasan": after "bin" an honorific is the father's,
    # inside the name; so is "Haji" between two names, "Mohamad Haji Hasan")
    while i > 0 and not country_ends_at(words, i) and (is_name_word(words[i - 1]) or (
            is_name_suffix(words[i - 1]) and i == len(words)) or (
            i >= 2 and words[i - 2] in _PATRONYMIC and words[i - 1].rstrip(".") in HONORIFIC_SET) or (
            i >= 2 and i < len(words) and words[i - 1] in INNER_HONORIFICS and is_name_word(words[i - 2]))):
        i -= 1
    # A name starts with a capitalised word, not a particle -- unless a title
    # or an honorific stands right before it ("President von der Leyen").
    if not (0 < i < len(words) - 1 and (title_head(words[i - 1]) in TITLE_HEAD_SET
                                        or words[i - 1].rstrip(".") in HONORIFIC_SET)):
        while i < len(words) and words[i].islower():
            i += 1
    # "Ms. NAKAGAWA Reiko": a surname in capitals before the given name.
    if 0 < i < len(words) and caps_surname(words[i - 1]) and is_given_name(words[i]):
        i -= 1
    # "Energy and Mining María Fernanda Cardozo Estévez": an unknown title
    # word ("Mining") precedes the name; a known given name marks the start.
    # Not after an honorific or a complete title, which stand right before a
    # name ("Dr Pham Gia Khiem", "Prime Minister Nguyen Tan Dung").
    # (nor before a family name written first: "Bui Thanh Son", "Yoon Suk Yeol")
    if (len(words) - i >= 3 and not is_given_name(words[i]) and not stdre.fullmatch(r"(?:[A-Z]\.)+", words[i])
            and words[i] not in FAMILY_NAMES_FIRST
            and not (i and (words[i - 1].rstrip(".") in HONORIFIC_SET or words[i - 1] in TITLE_HEAD_SET))):
        for j in range(i + 1, len(words) - 1):
            if is_given_name(words[j]):
                i = j
                break
    return " ".join(words[:i]), " ".join(words[i:])


def country_ends_at(words: list[str], i: int) -> bool:
    """A country's name of several words ends before ``words[i]`` ("Ambassador
    to the United States Akosua Frimpong-Boateng": its words are the title's,
    not the name's, whether or not the given name is a known one)."""
    names = country_names()
    return any(" ".join(words[i - k:i]) in names for k in range(2, min(i, _COUNTRY_WORDS) + 1))


#: The most words of a country's name looked for before a name.
_COUNTRY_WORDS = 4


@lru_cache(maxsize=50000)
def caps_surname(word: str) -> bool:
    return (len(word) >= 3 and word.isalpha() and word.isupper() and word not in TITLE_HEADS
            and word.title() not in TITLE_HEADS and not lookup_country(word))


def clean_title(title: str) -> tuple[str, str | None]:
    """Drop a leading article, honorific and country ('the U.K. Science Minister')."""
    title = title.strip(" ,")
    country = None
    # ("Statement by the _ Prime Minister": OCR leaves stray marks)
    title = stdre.split(r"\b(?:by|with|from|of whom)\s+(?=(?:the\s+)?(?:[^\w\s]\s*|_\s*)?[A-Z])", title)[-1]
    # ("Today the Prime Minister of Papua New Guinea": the sentence's opening adverb is none of it)
    opener = title.split(None, 1)
    if len(opener) == 2 and opener[0].rstrip(",") in SENTENCE_OPENERS:
        title = opener[1]
    title = stdre.sub(r"^(?:(?:and|by|with|the|The)\s+|[^\w\s]\s*|_\s*)+", "", title)
    # a headline's genre word before the office ("Readout of President")
    title = stdre.sub(r"^(?:Joint\s+)?(?:Readout|Statement|Remarks|Message|Letter|Fact Sheet)\s+(?:of|by|from)\s+"
                      r"(?:the\s+)?", "", title)
    m = LEADING_COUNTRY.match(title)
    if m:
        # ("Japan’s Foreign Minister": the possessive's country)
        country = lookup_country(stdre.sub(r"[’']s$", "", m.group(1)))
        title = title[m.end():]
    # ("The Minister of Foreign Affairs of Singapore, His Excellency", "His
    # Royal Highness Crown Prince": the words of a style whose honorific is
    # dropped go with it)
    words: list[str] = []
    for w in title.split():
        if w.rstrip(".") in HONORIFIC_SET:
            while words and words[-1] in _STYLE_PRONOUNS:
                words.pop()
        else:
            words.append(w)
    while words and words[-1] in _STYLE_PRONOUNS:
        words.pop()
    # ("The Prime Minister, Dato' Seri": the comma stood before the honorifics)
    return " ".join(words).strip(" ,"), country


_STYLE_PRONOUNS = frozenset({"His", "Her", "Their", "Royal"})


def split_org(title: str) -> tuple[str, str]:
    """'CEO of Rwanda Space Agency' -> ('CEO', 'Rwanda Space Agency').

    The organisation is split off only when the phrase after 'of'/'at' is
    plainly an organisation (ends in Agency, Council, Office, ... or an
    acronym in brackets, or is a department named after its country)."""
    for m in reversed(list(stdre.finditer(r"\s(?:of|at)\s(?:the\s)?", title))):
        head, org = title[:m.start()], title[m.end():]
        # ("Ambassador of Japan to Malaysia": a posting, no organisation)
        if not head or not org[:1].isupper() or stdre.search(r"\sto\s", org):
            continue
        last, first = org.split()[-1], org.split()[0]
        if (last in ORG_HEADS or first in ORG_HEADS or stdre.search(r"\([A-Z]{2,}\)$", org)
                or (len(org.split()) >= 2 and lookup_country(last) and not lookup_country(org)
                    # ("Minister of Foreign Affairs of Japan": a portfolio and its country, no organisation)
                    and not stdre.search(r"\s(?:of|for)\s+(?:the\s+)?" + stdre.escape(last) + "$", org))):
            return head.strip(), org.strip()
    return title, ""


@lru_cache(maxsize=50000)
def title_like(segment: str) -> bool:
    words = segment.replace(",", " ").split()
    if not words or len(words) > 25:
        return False
    lead = words[:8]
    # (a hyphenated office reads as its parts: "Vice-Minister", "Deputy-Governor")
    return any(w.strip("()") in TITLE_HEAD_SET or any(part in TITLE_HEAD_SET for part in w.split("-")[1:])
               for w in lead) or (
        len(words) <= 3 and bool(ACRONYM.match(segment.strip())))


@lru_cache(maxsize=50000)
def org_like(segment: str) -> bool:
    segment = segment.strip()
    return bool(segment) and (segment.split()[-1].strip("()") in ORG_HEADS
                              or stdre.search(r"\([A-Z]{2,}\)$", segment) is not None
                              or bool(ACRONYM.match(segment)))

def is_style_word(word: str) -> bool:
    """A word of a style before a name, in a signature block's capitals too
    ("Dr.", "DATO'", "SRI", "THE", "HON")."""
    bare = word.rstrip(".")
    return bare in HONORIFIC_SET or bare.title() in HONORIFIC_SET or word.title() in ("The", "Hon")


def strip_name_decorations(line: str) -> tuple[int, int]:
    """Span of the bare name in 'The Honourable Priya Deshpande' or 'Rt Hon
    Oliver Pennington MP' (honorifics before, post-nominal letters after)."""
    words = [(m.start(), m.end(), m.group(0)) for m in stdre.finditer(r"\S+", line)]
    i, j = 0, len(words)
    # ("Senator the Hon Penny Wong": an office before the style is part of the style)
    if j > 3 and words[0][2] in TITLE_HEAD_SET and words[1][2] in ("the", "The") and words[2][2].startswith("Hon"):
        i = 1
    while i < j and is_style_word(words[i][2]):
        i += 1
    while j > i and words[j - 1][2].strip(",") in POST_NOMINALS:
        j -= 1
    if i >= j:
        return 0, 0
    return words[i][0], words[j - 1][1]

@lru_cache(maxsize=50000)
def holds_name(segment: str) -> bool:
    words = mask_countries(segment).split()
    return any(is_name_word(a) and is_name_word(b) and not a.islower()
               for a, b in zip(words, words[1:]))

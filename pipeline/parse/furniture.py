"""Site furniture: text that belongs to the web page, not to the document.

Government sites wrap every document in the same banners, sign-up boxes and
"Scroll to Top" links.  The patterns are shared by the text and HTML parsers
so both drop exactly the same lines.
"""

from __future__ import annotations

import re

from pipeline.resources import load_data

# Whole lines (after whitespace is collapsed) that are never document content.
_LINE_PATTERNS = [
    r"an official website of the united states government\.?( here['’]s how you know\.?)?",
    r"here['’]s how you know\.?",
    r"official websites use \.gov",
    r"a \.gov website belongs to an official government organization in the united states\.",
    r"secure \.gov websites use https",
    r"a lock \(.{0,20}\) or https:// means you['’]ve safely connected to the \.gov website\."
    r"( share sensitive information only on official, secure websites\.)?",
    r"share sensitive information only on official, secure websites\.",
    r"stay connected",
    r"sign up( for .{0,60})?",
    r"subscribe( to .{0,60})?",
    r"we['’]ll be in touch with the latest information on how .{0,300}",
    r"opt in to send and receive text messages from .{0,80}",
    r"(scroll to top ?)+",
    r"skip to (main )?content",
    r"(share|print|tweet|email|facebook|twitter|linkedin|x)( this( page)?)?",
    r"share on (facebook|twitter|linkedin|x)",
    r"copy link",
    r"back to top",
    r"cookie(s)? (settings|preferences|policy)",
    r"this site uses cookies.{0,200}",
    r"(menu|search|close|home)",
    r"(related|more) (articles|news|stories|content)",
    r"tags?:.{0,200}",
]
_FURNITURE = re.compile(r"^(?:" + "|".join(_LINE_PATTERNS) + r")$", re.IGNORECASE)

#: A press release ends at "###" (or "- 30 -"); what follows is page footer.
END_MARKER = re.compile(r"^\s*(#{3}|-\s?30\s?-)\s*$")

_FULL_DATE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2},?\s+\d{4}\b|\b\d{1,2}\s+(January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\s+\d{4}\b|\b\d{4}-\d{2}-\d{2}\b", re.IGNORECASE)
# A closing date line as typescripts write it: a month and a year with
# anything between ("17 May, 1996", "CANBERRA, 27th June, 1966", "CANBERRA
# May 1995", "March 4. 1993"): the page's date, no link.
_MONTH_AND_YEAR = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[^A-Za-z]{0,12}(?:1[6-9]|20)\d\d\b",
    re.IGNORECASE)


# "Date: Tuesday, 12 March 2024", "April 10, 2024": a line that is the page's date alone
_DATE_LINE = re.compile(r"(?:date\s*:\s*)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
                        r"(?:" + _FULL_DATE.pattern + r")\s*", re.IGNORECASE)


def is_date_line(line: str) -> bool:
    return bool(_DATE_LINE.fullmatch(line.strip()))


def is_furniture(line: str) -> bool:
    return bool(_FURNITURE.match(line.strip()))


def looks_like_trailing_link(line: str) -> bool:
    """A short line without sentence punctuation: a link to another page."""
    line = line.strip()
    return 0 < len(line) <= 100 and not re.search(r"[.!?;:”\"]$", line) and not line.isupper()


#: "Related content", "See also": everything after such a header is links to
#: other pages.
RELATED_HEADER = re.compile(
    r"^(?:related|more|see also|read more|further reading|you may also like|latest news|"
    r"explore more|more (?:news|stories|from [\w .]{1,30}))(?: (?:articles|content|news|links|"
    r"stories|pages|items|information|releases|topics))?:?$", re.IGNORECASE)


_LIST_MARKER = re.compile(r"^\s*[-*•]\s")


_NUMBERED = re.compile(r"^\s*\(?(\d{1,3})[.)]\s")


def _counting_on(previous: str, run: list[str]) -> bool:
    """The run's lines are numbered items, one after the other, and the
    first follows the line before the run or opens the count itself."""
    numbers = [m and int(m.group(1)) for m in (_NUMBERED.match(ln) for ln in [previous, *run])]
    if any(n is None for n in numbers[1:]):
        return False
    first = numbers[0] + 1 if numbers[0] is not None else 1
    return numbers[1:] == list(range(first, first + len(run)))


def drop_trailing_links(lines: list[str]) -> list[str]:
    """Remove the run of link-like lines at the end of a page ("Related", the
    agency name, titles of other articles).  A run that holds a date or a name
    in capitals is a signature block and stays."""
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    start = end
    while start and (not lines[start - 1].strip() or looks_like_trailing_link(lines[start - 1])):
        start -= 1
    run = [ln for ln in lines[start:end] if ln.strip()]
    if not run or start == 0:
        return lines
    # the last items of a list that began above are the list's ("- Denmark
    # Ana Lopes, Minister for Culture" after "- Belgium: ...")
    marker = _LIST_MARKER.match(run[0])
    previous = next((ln for ln in reversed(lines[:start]) if ln.strip()), "")
    if marker and previous.lstrip().startswith(marker.group(0).strip()):
        return lines
    # (and so are the numbered items that go on counting: "2. NHS England
    # should ... (Paragraph 41)" after "1. ...": links are not numbered)
    if _counting_on(previous, run):
        return lines
    if (any(_FULL_DATE.search(ln) or _MONTH_AND_YEAR.search(ln) for ln in run)
            or any(ln.strip().isupper() for ln in run)
            or any(looks_like_name_line(ln) or SIGNING_MARK.match(ln.strip()) or _signs_for_a_party(ln) for ln in run)):
        return lines
    # (the titles under a row of names in capitals: "TENGKU ZAFRUL AZIZ GAN
    # KIM YONG" / "Minister of Investment, ... Minister for Trade and Industry")
    if previous.strip().isupper() and len(previous.split()) >= 2 and lines[start].strip():
        return lines
    # Without a "Related" header only a couple of lines can be told apart from
    # a signature block or a closing line.
    if len(run) > 2:
        return lines
    return lines[:start]


# "For the Republic of Korea: Park Jin, Minister of Foreign Affairs": a
# party, its colon, and who signed for it on the same line (the signature
# blocks read the signer from it too)
PARTY_THEN_SIGNER = re.compile(r"^\s*(?P<party>(?:(?:signed\s+)?(?:for\s+and\s+)?on\s+behalf\s+of|for)\s"
                               r"[^:\n]{3,120}:)[ \t]+(?P<signer>\S.*)$", re.IGNORECASE)


def _signs_for_a_party(line: str) -> bool:
    m = PARTY_THEN_SIGNER.match(line)
    return m is not None and looks_like_name_line(m.group("signer"))


# A signing mark before a name: "(Signed) Malcolm Fraser", "(Sgd.) E.G.
# Whitlam", "Sgd. John Kerry, Special Envoy", "Signed: Ana Ruiz", and the
# conformed signature of American usage, "/s/ Antony J. Blinken".  A copy of
# an instrument prints it where the signature stood.
SIGNING_MARK = re.compile(r"(?:\(\s*(?:signed|sgd\.?)\s*\)|sgd\.|signed\s*:|/s/)\s*(?=\S)", re.IGNORECASE)

# A signature line read from its shape alone: parsing must not depend on the
# extractor's word lists (the given-name lexicon), so a name is "two to six
# capitalised words or initials", after an optional honorific, ending the line
# or followed by a title (", Minister ...", "- Minister ...", "of Australia").
_HONORIFIC = (r"(?:(?:The\s+|the\s+)?(?:Right\s+|Rt\.?\s+)?Hon(?:ou?rable|\.)?|Mr|Mrs|Ms|Dr|Prof|Sir|Dame|H\.\s?E|HE|"
              r"Senator|YB|YAB|YBhg|YM|Tengku|Tunku|Dato['’]?|Datuk|Datin|Tan\s+Sri|Puan\s+Sri|Sri|Seri|Utama)\.?")
_NAME_WORD = r"(?:[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:[-'’][A-ZÀ-ÖØ-Þ]?[a-zß-öø-ÿ]+)*|[A-Z]\.|Jr\.?|Sr\.?|II|III|von|van|der|de|da|del|bin|al)"
_NAME_LINE = re.compile(
    # (post-nominal letters after the name: "James Cleverly MP", "Russ Crane AO")
    rf"^(?:{_HONORIFIC}\s+){{0,6}}(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,5}})(?:\s+[A-Z]{{2,4}}\b)*"
    rf"(?P<title>\s*,.*|\s+[-–—]\s.*|\s+(?:of|for)\s.*)?$")
# Capitalised words that start or fill headlines and link texts, never names.
_NOT_NAME_WORDS = frozenset(load_data("page_furniture_words")["words"])


_GENRE_LABELS = frozenset(load_data("genre_labels")["labels"])


def is_genre_label(line: str) -> bool:
    """'PRESS STATEMENT', 'Media Release:': a label over the headline."""
    return re.sub(r"\s+", " ", line.strip().rstrip(":").strip()).casefold() in _GENRE_LABELS


def looks_like_name_line(line: str, *, alone: bool = False) -> bool:
    """'The Honourable Priya Deshpande', 'Kristjan Saar', 'Paul Narain, Consul
    General': a line that is a person's name, judged by its shape only
    (``alone``: nothing but the name and its styles, no title after it)."""
    # (a signer listed as a bullet: "- Jean-Noël Barrot, Minister ...")
    match = _NAME_LINE.match(_LIST_MARKER.sub("", line).strip())
    if not match or (alone and match.group("title")):
        return False
    words = match["name"].split()
    return not any(w in _NOT_NAME_WORDS for w in words) and not words[0].islower()

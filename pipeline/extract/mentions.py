"""Person mentions: who is named, with which title, organisation and country.

Without a statistical NER model, names are found where the genre anchors
them: after an honorific or an official title ("Foreign Minister Jeppe
Kofod"), beside a title set off by commas ("Francis Ngabo, CEO of Rwanda
Space Agency"; "Administrator of NASA, Bill Nelson"), in roster lines
("Harriet Kung, DOE") and in signature blocks (names in capitals above
their titles).  A capitalised run is split into a title part and a name
part: name words are those that are not title, organisation or place words.
"""

from __future__ import annotations

import re as stdre
from dataclasses import dataclass, field
from functools import lru_cache

import regex as re
from nameparser import HumanName

from pipeline.extract.context import Context
from pipeline.gazetteer import (
    DEMONYMS,
    HONORIFICS,
    POST_NOMINALS,
    NON_NAME_WORDS,
    TITLE_HEAD_WORDS,
    TITLE_HEADS,
    country_names,
    is_given_name,
    lookup_country,
    trailing_country,
)
from pipeline.models import BlockKind

_UP, _LO = r"\p{Lu}", r"\p{Ll}"
_HON = r"(?:(?:Dr|Mr|Ms|Mrs|Mx|Prof|Gen|Sen|Rep|Gov|Amb|Hon|Rev|Lt|Col|Capt|Adm|Smt|Eng|Engr|Rt|Mme)\.|H\.E\.)"
_WORD = (rf"(?:{_HON}|{_UP}['’]{_UP}{_LO}+|{_UP}{_LO}+(?:[-'’]{_UP}?{_LO}+)*|{_UP}{_LO}*{_UP}{_LO}+|{_UP}\.|"
         rf"{_UP}{{2,}}\.?|U\.S\.|U\.K\.)")
_PARTICLES = {"de", "da", "del", "della", "der", "den", "ter", "ten", "van", "von", "bin", "binti",
              "ibn", "al", "el", "la", "le", "du", "di", "dos", "das", "do", "y", "zu"}
_PARTICLE = r"(?:" + "|".join(sorted(_PARTICLES, key=len, reverse=True)) + r")"
_SUFFIX = r"(?:,?\s(?:Jr\.|Sr\.|JR\.|SR\.|II|III|IV)(?!\w))"
_CONNECTOR = r"(?:of|for|the|and|at|to|on)"
# A run of capitalised words, allowing connectors inside titles and
# particles inside names ("Secretary of State Antony J. Blinken").
RUN = re.compile(
    rf"(?:{_WORD}|\([A-Z]{{2,}}\))(?:[ \t]+(?:(?:{_CONNECTOR}|{_PARTICLE})[ \t]+)*(?:{_WORD}|\([A-Z]{{2,}}\)))*{_SUFFIX}?"
)
_HONORIFIC = {h.rstrip(".") for h in HONORIFICS}
# Titles that are used before a bare surname ("President Biden", "Secretary Blinken").
_PERSON_TITLES = {"President", "Minister", "Secretary", "Chancellor", "Premier", "Ambassador",
                  "Spokesperson", "Governor", "Senator", "King", "Queen", "Director", "Administrator",
                  "Commissioner", "Mayor", "Envoy", "Advisor", "Adviser", "Chair", "Chairman",
                  "Chairwoman", "Representative", "Emperor", "Prince", "Princess", "Leader"}
_TITLE_HEAD_SET = set(TITLE_HEAD_WORDS) | {w.split()[-1] for w in TITLE_HEAD_WORDS}
_ORG_HEADS = ("Agency", "Administration", "Council", "Office", "Department", "Ministry",
              "Commission", "Foundation", "Institute", "Laboratory", "University", "Service",
              "Authority", "Board", "Bureau", "Agency)", "Committee", "Center", "Centre",
              "Corporation", "Company", "Organization", "Organisation", "Secretariat")
_ACRONYM = re.compile(r"^(?:[A-Z][A-Za-z]*[A-Z]|[A-Z]{2,})(?:\s[A-Z]{2,})?$")
_LEADING_COUNTRY = re.compile(
    r"^(?:the\s+)?(U\.S\.|U\.K\.|US|UK|" + "|".join(sorted(DEMONYMS, key=len, reverse=True))
    + r"|[A-Z][\w .-]{1,30}?[’']s)\s+")
_MULTIWORD_COUNTRIES = None


def _mask_countries(segment: str) -> str:
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
    def name_words(self) -> set[str]:
        return name_words(self.name)


def surname(name: str) -> str:
    parsed = HumanName(name)
    return (parsed.last or parsed.first or name).casefold()


def name_words(name: str) -> set[str]:
    """The words of a name that can stand for the person alone ('Lee' in
    'Lee Ho-seong', 'Cardozo' in 'María Fernanda Cardozo Estévez')."""
    return {w.casefold() for w in stdre.split(r"[\s,]+", name)
            if len(w) > 2 and not w.endswith(".") and w.upper() not in _NAME_SUFFIXES}


def _is_name_word(word: str) -> bool:
    bare = word.rstrip(".,").rstrip("’'s") if word.endswith(("’s", "'s")) else word.rstrip(",")
    if bare in TITLE_HEADS or bare in NON_NAME_WORDS or bare.rstrip(".") in _HONORIFIC:
        return False
    if bare in country_names() or bare in DEMONYMS:
        return False
    if bare.lower() == bare:  # connectors
        return bare in _PARTICLES
    if bare.isupper() and len(bare) > 1 and not bare.endswith("."):
        return False  # acronyms (OSTP, NASA); capitals in signature blocks are handled apart
    if bare.startswith("(") or stdre.fullmatch(r"U\.S\.|U\.K\.", bare):
        return False
    return True


def split_run(run: str) -> tuple[str, str]:
    """'Secretary of State Antony J. Blinken' -> ('Secretary of State', 'Antony J. Blinken')."""
    words = run.split()
    i = len(words)
    while i > 0 and (_is_name_word(words[i - 1]) or (
            words[i - 1] in {"Jr.", "Sr.", "II", "III", "IV", "JR."} and i == len(words))):
        i -= 1
    # A name starts with a capitalised word, not a particle.
    while i < len(words) and words[i].islower():
        i += 1
    # "Ms. NAKAGAWA Reiko": a surname in capitals before the given name.
    if 0 < i < len(words) and _caps_surname(words[i - 1]) and is_given_name(words[i]):
        i -= 1
    # "Energy and Mining María Fernanda Cardozo Estévez": an unknown title
    # word ("Mining") precedes the name; a known given name marks the start.
    if len(words) - i >= 3 and not is_given_name(words[i]):
        for j in range(i + 1, len(words) - 1):
            if is_given_name(words[j]):
                i = j
                break
    return " ".join(words[:i]), " ".join(words[i:])


def _caps_surname(word: str) -> bool:
    return (len(word) >= 3 and word.isalpha() and word.isupper() and word not in TITLE_HEADS
            and word.title() not in TITLE_HEADS and not lookup_country(word))


def clean_title(title: str) -> tuple[str, str | None]:
    """Drop a leading article, honorific and country ('the U.K. Science Minister')."""
    title = title.strip(" ,")
    country = None
    title = stdre.split(r"\b(?:by|with|from|of whom)\s+(?=[A-Z])", title)[-1]
    title = stdre.sub(r"^(?:(?:and|by|with|the|The)\s+)+", "", title)
    m = _LEADING_COUNTRY.match(title)
    if m:
        country = lookup_country(m.group(1))
        title = title[m.end():]
    words = [w for w in title.split() if w.rstrip(".") not in _HONORIFIC]
    return " ".join(words), country


def split_org(title: str) -> tuple[str, str]:
    """'CEO of Rwanda Space Agency' -> ('CEO', 'Rwanda Space Agency').

    The organisation is split off only when the phrase after 'of'/'at' is
    plainly an organisation (ends in Agency, Council, Office, ... or an
    acronym in brackets, or is a department named after its country)."""
    for m in reversed(list(stdre.finditer(r"\s(?:of|at)\s(?:the\s)?", title))):
        head, org = title[:m.start()], title[m.end():]
        if not head or not org[:1].isupper():
            continue
        last, first = org.split()[-1], org.split()[0]
        if (last in _ORG_HEADS or first in _ORG_HEADS or stdre.search(r"\([A-Z]{2,}\)$", org)
                or (len(org.split()) >= 2 and lookup_country(last) and not lookup_country(org))):
            return head.strip(), org.strip()
    return title, ""


def _title_like(segment: str) -> bool:
    words = segment.replace(",", " ").split()
    if not words or len(words) > 25:
        return False
    lead = words[:8]
    return any(w.strip("()") in _TITLE_HEAD_SET for w in lead) or (
        len(words) <= 3 and bool(_ACRONYM.match(segment.strip())))


def _org_like(segment: str) -> bool:
    segment = segment.strip()
    return bool(segment) and (segment.split()[-1].strip("()") in _ORG_HEADS
                              or stdre.search(r"\([A-Z]{2,}\)$", segment) is not None
                              or bool(_ACRONYM.match(segment)))


def find_mentions(ctx: Context) -> list[Mention]:
    """All person mentions in document order (cached on the context)."""
    if "mentions" in ctx.results:
        return ctx.results["mentions"]
    text = ctx.text
    mentions: list[Mention] = []
    roster = _roster_mentions(ctx)
    taken = [(m.start, m.end) for m in roster]
    mentions += roster
    mentions += _signature_block_mentions(ctx, taken)
    taken += [(m.start, m.end) for m in mentions]
    # Headlines are in title case: every word looks like a name there.
    taken += [(b.start, b.end) for b in ctx.parsed.blocks if b.kind is BlockKind.heading]
    for m in RUN.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        for run, start in _split_coordinated(m.group(0), m.start()):
            mention = _mention_from_run(ctx, run, start)
            if mention:
                mentions.append(mention)
    mentions.sort(key=lambda x: x.start)
    ctx.results["mentions"] = mentions
    return mentions


def _split_coordinated(run: str, start: int):
    """'President Biden and Prime Minister Trudeau' is two runs; 'Advisor and
    Director of X' is one: split at 'and' only after a name word.  A
    possessive ends a name ('President Biden’s Executive Order')."""
    pieces, offset = [], 0
    for m in stdre.finditer(r"(?<=[’']s)\s+|\s+and\s+", run):
        if not m.group(0).strip():
            pieces.append((run[offset:m.start()], start + offset))
            offset = m.end()
            continue
        left = run[offset:m.start()]
        if left.split() and _is_name_word(left.split()[-1]) and not split_run(left)[1] == "":
            pieces.append((left, start + offset))
            offset = m.end()
    pieces.append((run[offset:], start + offset))
    return pieces


def _cut_of_country(run: str) -> tuple[str, str | None]:
    """Cut the run before 'of [the] <Country>' that follows a name word."""
    for m in stdre.finditer(r"\s+of\s+(?:the\s+)?", run):
        before_words = run[:m.start()].split()
        if not before_words or not _is_name_word(before_words[-1]):
            continue
        rest = run[m.end():].split()
        for n in range(min(6, len(rest)), 0, -1):
            code = lookup_country(" ".join(rest[:n]))
            if code:
                return run[:m.start()], code
    return run, None


def _mention_from_run(ctx: Context, run: str, start: int) -> Mention | None:
    text = ctx.text
    run = run.rstrip(",")
    run_end = start + len(run)
    # "Prime Minister Radek Dvořáček of the Czech Republic": the country
    # closes the run but is not part of the name.
    run, run_country = _cut_of_country(run)
    # "Kang Min-seo on Tuesday": a connector and a date word close the run.
    words = run.split()
    while len(words) > 2 and words[-1] in NON_NAME_WORDS and words[-2].islower():
        words = words[:-2]
    run = " ".join(words) if len(words) != len(run.split()) else run
    title_part, name = split_run(run)
    if not name or lookup_country(name):  # "Officer of the United States"
        return None
    # Possessive: "Prime Minister Trudeau’s commitment".
    name = stdre.sub(r"[’']s$", "", name)
    name_start = start + run.index(name, len(title_part))
    name_end = name_start + len(name)
    words = name.split()
    title_words = title_part.split()
    honorific = bool(title_words) and title_words[-1].rstrip(".") in _HONORIFIC
    if honorific:
        title_words = title_words[:-1]
    title_text = " ".join(title_words)
    # "Director of National Security Hojin Chang": a title part that holds a
    # title head anchors a full name; a bare surname needs a person title
    # right before it ("President Biden", not "Executive Branch").
    given = is_given_name(words[0])
    anchored_by_title = bool(title_words) and (
        title_words[-1] in _TITLE_HEAD_SET
        or (len(words) >= 2 and any(w in _TITLE_HEAD_SET for w in title_words)
            and not title_words[-1].islower()
            and (given or not any(_is_name_word(w) for w in title_words))))
    if anchored_by_title and len(words) == 1 and title_words[-1] not in _PERSON_TITLES:
        return None  # "Executive Branch", "Space Council"
    s_start, s_end = ctx.sentence_at(start)
    before = text[max(s_start, start - 200):start]
    if (title_words and not anchored_by_title and len(words) >= 2
            and (given or not any(_is_name_word(w) for w in title_words))):
        # "Minister of Science, Technology and Innovation Luciana Barbosa
        # Araújo": the comma split the title; read it back from the sentence.
        lead = stdre.search(r"((?:[A-Z][\w’'.-]*|of|for|and|the|on|to|at)"
                            r"(?:(?:,\s+|\s+)(?:[A-Z][\w’'.-]*|of|for|and|the|on|to|at))*),\s*$", before)
        if lead and _title_like(lead.group(1) + ", " + title_text):
            title_text = lead.group(1) + ", " + title_text
            start = start - len(before) + lead.start(1)
            anchored_by_title = True
    after = text[name_end:min(s_end, name_end + 300)]
    mention = Mention(name=name, start=name_start, end=name_end, extent_start=start,
                      extent_end=name_end)

    if anchored_by_title:
        mention.extent_start = start
        mention.title, mention.country = clean_title(title_text)
        mention.rule, mention.confidence = "people.title_name", 0.85
    elif honorific or (len(words) >= 2 and _has_given_name_shape(words)):
        if not honorific and title_words:
            return None  # a capitalised phrase that is not a name ("Science Minister Freeman" is anchored)
        mention.rule = "people.honorific_name" if honorific else "people.name"
        mention.confidence = 0.85 if honorific else 0.6
        # "…, Title, Name" : title set off before the name.
        m = _title_before(before)
        if m and not _APPOSITIVE_AFTER.match(after):
            # "co-chaired by U.S. Acting Deputy ..., Name": the title starts after "by".
            intro = list(stdre.finditer(r"\b(?:by|with|from)\s+(?=[A-Z])", m.group(1)))
            skip = intro[-1].end() if intro else 0
            mention.title, mention.country = clean_title(m.group(1)[skip:])
            mention.extent_start = start - len(before) + m.start(1) + skip
            mention.rule, mention.confidence = "people.title_comma_name", 0.8
    else:
        return None
    # "Name, Title[, Organisation]," after the name.
    m = stdre.match(r",\s+((?:the\s+)?[^,;.“”\"]+?(?:\([A-Z]{2,}\))?)(?=[,;.]|\s+(?:said|signed)\b|$)", after)
    if m and not mention.title and _title_like(m.group(1)):
        mention.title, country = clean_title(m.group(1))
        mention.country = mention.country or country
        mention.extent_end = name_end + m.end(1)
        rest = stdre.match(r",\s+((?:the\s+|The\s+)?[^,;.“”\"]+?(?:\([A-Z]{2,}\))?)(?=[,;.]|$)", after[m.end(1):])
        if rest and _org_like(rest.group(1)) and not _title_like(rest.group(1)):
            mention.organization = stdre.sub(r"^(?:the|The)\s+", "", rest.group(1)).strip()
            mention.extent_end += len(rest.group(0))
        if mention.rule == "people.name":
            mention.rule, mention.confidence = "people.name_comma_title", 0.8
    if mention.rule == "people.name" and not _attributed(before, after):
        return None  # an unanchored pair of capitalised words is too weak alone
    if run_country:
        mention.country = mention.country or run_country
        mention.extent_end = max(mention.extent_end, run_end)
    if mention.title and not mention.organization:
        mention.title, mention.organization = split_org(mention.title)
    if not mention.country:
        mention.country = trailing_country(f"{mention.title} of {mention.organization}")
    return mention


# A title set off after the name ("Name, Title,") belongs to it; the one before
# it may be the previous person's ("A, Title of A, B, Title of B").
_APPOSITIVE_AFTER = stdre.compile(r",\s+(?!and\s)(?:the\s+)?[A-Z][^,;.]*?\b(?:" + "|".join(
    sorted({w.split()[-1] for w in TITLE_HEAD_WORDS}, key=len, reverse=True)) + r")\b")


_TITLE_BEFORE = stdre.compile(r"(?:^|[,;:(]|\bby\b|\band\b|\bwith\b)\s*"
                             r"([^,;:()]*(?:\([A-Z]{2,}\))?[^,;:()]*),\s*$")


def _title_before(before: str):
    """The title set off before a name: '..., and the Japanese Minister of
    Education, Keiko Nagaoka'.  Of the possible starts, the first whose
    title holds no other person's name wins."""
    pos = 0
    while True:
        m = _TITLE_BEFORE.search(before, pos)
        if m is None:
            return None
        group = m.group(1)
        if _title_like(group) and not honorific_only(group) and not _holds_name(group):
            return m
        pos = m.start() + 1


def _holds_name(segment: str) -> bool:
    words = _mask_countries(segment).split()
    return any(_is_name_word(a) and _is_name_word(b) and not a.islower()
               for a, b in zip(words, words[1:]))


def honorific_only(segment: str) -> bool:
    return segment.strip().rstrip(".") in _HONORIFIC


def _has_given_name_shape(words: list[str]) -> bool:
    return 2 <= len(words) <= 5 and not all(w.isupper() for w in words)


def _attributed(before: str, after: str) -> bool:
    """An unanchored name counts when the sentence attributes something to it."""
    return bool(stdre.search(r"\b(said|says|stated|noted|added|by|attributable to)\s*$", before)
                or stdre.match(r"\s*(said|says|stated|noted|added|signed|met|welcomed|hosted)\b", after))


# -- roster lines -------------------------------------------------------------

_ROSTER_LINE = re.compile(
    rf"^(?:(?P<label>[A-Z][\w -]{{1,40}}):\s+)?(?:{_HON}\s+|(?:Professor|Sir|Dame)\s+)*(?P<name>{_UP}[\p{{L}}.'’-]+(?:\s+(?:{_PARTICLE}\s+)?{_UP}[\p{{L}}.'’-]+){{1,4}})(?:\s+\((?P<role>[^)]{{1,40}})\))?,\s+(?P<rest>.{{1,160}})$")


def _roster_mentions(ctx: Context) -> list[Mention]:
    """Lines 'Name, Title/Agency' in a run under a heading: committee rosters."""
    blocks = ctx.blocks()
    candidates = []
    for i, block in enumerate(blocks):
        if block.kind not in (BlockKind.paragraph, BlockKind.list_item, BlockKind.table_row):
            continue
        line = ctx.block_text(block)
        m = _ROSTER_LINE.match(line)
        if not m or not all(_is_name_word(w) for w in m.group("name").split()):
            continue
        candidates.append((i, block, m))
    indices = {i for i, _, _ in candidates}
    mentions = []
    for i, block, m in candidates:
        # A roster is a run: a neighbour (across headings) is a roster line too.
        neighbours = [j for j in (i - 1, i + 1, i - 2, i + 2) if j in indices]
        if not neighbours:
            continue
        rest = stdre.sub(r"\s*\((?:since|through|until|from|as of)[^)]*\)\s*$", "", m.group("rest"))
        parts = [p.strip() for p in rest.split(",")]
        org = parts[-1] if _ACRONYM.match(parts[-1]) or _org_like(parts[-1]) else ""
        title = ", ".join(parts[:-1]) if org else rest
        heading = ctx.heading_before(block.start)
        heading_text = m.group("role") or m.group("label") or (ctx.block_text(heading) if heading else "")
        start = block.start + m.start("name")
        mentions.append(Mention(
            name=m.group("name"), start=start, end=start + len(m.group("name")),
            title=title or heading_text, organization=org, extent_start=block.start,
            extent_end=block.end, rule="people.roster_line", confidence=0.8,
            roster_heading=heading_text, tags={"roster"}))
    return mentions


# -- signature blocks ---------------------------------------------------------

_CAPS_NAME = re.compile(rf"{_UP}{{2,}}(?:[-'’]{_UP}+)*|{_UP}\.")
_NAME_SUFFIXES = {"JR.", "SR.", "II", "III", "IV", "JR", "SR"}


def _split_caps_names(line: str) -> list[tuple[int, int]]:
    """'JOSEPH R. BIDEN JR. ANTHONY ALBANESE' -> spans of two names.

    A name is a given name, optional initials, a surname and an optional
    suffix; the next capitalised word after that starts a new name."""
    tokens = [(m.start(), m.end(), m.group(0)) for m in stdre.finditer(r"\S+", line)]
    names, i = [], 0
    while i < len(tokens):
        start = tokens[i][0]
        j = i + 1
        while j < len(tokens) and stdre.fullmatch(r"[A-Z]\.", tokens[j][2]):
            j += 1
        if j < len(tokens):
            j += 1  # surname
        if j < len(tokens) and tokens[j][2].rstrip(",") in _NAME_SUFFIXES:
            j += 1
        names.append((start, tokens[j - 1][1]))
        i = j
    return names


def strip_name_decorations(line: str) -> tuple[int, int]:
    """Span of the bare name in 'The Honourable Priya Deshpande' or 'Rt Hon
    Oliver Pennington MP' (honorifics before, post-nominal letters after)."""
    words = [(m.start(), m.end(), m.group(0)) for m in stdre.finditer(r"\S+", line)]
    i, j = 0, len(words)
    while i < j and (words[i][2].rstrip(".") in _HONORIFIC or words[i][2] in ("The", "the", "Hon")):
        i += 1
    while j > i and words[j - 1][2].strip(",") in POST_NOMINALS:
        j -= 1
    if i >= j:
        return 0, 0
    return words[i][0], words[j - 1][1]


def _is_signature_name_line(line: str) -> bool:
    """'Kristjan Saar' or 'Anda Ozoliņa' alone on a line: a person's name."""
    s, e = strip_name_decorations(line)
    line = line[s:e]
    words = line.split()
    return (2 <= len(words) <= 5 and len(line) <= 60 and not stdre.search(r"[.,;:!?]$", line)
            and all(_is_name_word(w) or stdre.fullmatch(r"[A-Z]\.", w) for w in words)
            and (is_given_name(words[0]) or len(words) <= 3))


def _signature_block_mentions(ctx: Context, taken) -> list[Mention]:
    """Signature blocks: a name on one line and a title on the next, either one
    person per pair of lines or several names in capitals side by side."""
    mentions = []
    blocks = ctx.blocks()
    for i, block in enumerate(blocks[:-1]):
        line = ctx.block_text(block)
        nxt = blocks[i + 1]
        tight = ctx.text[block.end:nxt.start] == "\n"
        if (tight and not line.isupper() and _is_signature_name_line(line)
                and _title_like(ctx.block_text(nxt)) and _in_closing(ctx, block)):
            title, country = clean_title(ctx.block_text(nxt))
            title, organization = split_org(title)
            country = country or trailing_country(ctx.block_text(nxt))
            extent_end = nxt.end
            # A third line naming the country ("Federal Republic of Germany"),
            # or a "For the Government of Canada:" line above the name.
            after = blocks[i + 2] if i + 2 < len(blocks) else None
            if after is not None and ctx.text[nxt.end:after.start] == "\n":
                place = ctx.block_text(after)
                code = lookup_country(place) or trailing_country(" of " + place)
                if code:
                    country, extent_end = country or code, after.end
            above = blocks[i - 1] if i else None
            if above is not None and ctx.text[above.end:block.start] == "\n":
                m = stdre.match(r"^For (?:the )?(?:Government of |Republic of )?(?:the )?(.+?):?$", ctx.block_text(above))
                if m:
                    country = lookup_country(m.group(1)) or trailing_country(" of " + m.group(1)) or country
            s, e = strip_name_decorations(line)
            mentions.append(Mention(
                name=line[s:e], start=block.start + s, end=block.start + e, title=title,
                organization=organization, country=country, extent_start=block.start,
                extent_end=extent_end, rule="signatories.signature_block", confidence=0.8,
                tags={"signature_block"}))
            continue
        if not (line.isupper() and 2 <= len(line.split()) <= 12 and _CAPS_NAME.match(line)):
            continue
        if any(w.rstrip(".,") in TITLE_HEADS or w.title() in TITLE_HEADS for w in line.split()):
            continue  # a heading in capitals ("COMMITTEE ON SCIENCE")
        nxt = blocks[i + 1]
        titles_line = ctx.block_text(nxt)
        if not _title_like(titles_line):
            continue
        spans = _split_caps_names(line)
        titles = _split_titles(titles_line, len(spans))
        for (s, e), title in zip(spans, titles):
            title_clean, country = clean_title(title)
            country = country or trailing_country(title_clean)
            mentions.append(Mention(
                name=line[s:e], start=block.start + s, end=block.start + e, title=title_clean,
                country=country, extent_start=block.start, extent_end=nxt.end,
                rule="signatories.signature_block", confidence=0.85, tags={"signature_block"}))
    return mentions


def _in_closing(ctx: Context, block) -> bool:
    """After the body: no long paragraph follows (signature blocks close a text)."""
    return not any(b.start > block.start and b.kind is BlockKind.paragraph
                   and len(ctx.block_text(b)) > 200 for b in ctx.parsed.blocks)


def _split_titles(line: str, count: int) -> list[str]:
    if count <= 1:
        return [line]
    heads = sorted(TITLE_HEAD_WORDS, key=len, reverse=True)
    pattern = stdre.compile(r"\b(?:" + "|".join(map(stdre.escape, heads)) + r")\b")
    starts = [0]
    for m in pattern.finditer(line):
        # a new title starts where a head follows a complete previous title
        if m.start() > starts[-1] + 3 and not stdre.search(r"\b(of|the|and|for|to)\s*$", line[:m.start()]):
            starts.append(m.start())
    if len(starts) != count:
        return [line] * count
    starts.append(len(line))
    return [line[a:b].strip() for a, b in zip(starts, starts[1:])]

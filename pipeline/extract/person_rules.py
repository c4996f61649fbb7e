"""The hand-written role rules: what the text's wording says of a person
mention (signed, hosted, was quoted ...).

They are no longer the decision: their verdicts are features of the
person-role model (:mod:`~pipeline.extract.persons`), which learns from the
gold how far to trust each one; where they are right the model follows them.
"""

from __future__ import annotations

from bisect import bisect_left

import re

import regex

from pipeline.extract.attributions import TITLE_HEADS_PATTERN, bare_offices, by_list_role, office_of
from pipeline.extract.context import Context
from pipeline.extract.literals import may_occur, occurs_in
from pipeline.extract.mentions import Mention, find_mentions
from pipeline.extract.names import ATTRIBUTING_GENRE, HONORIFIC_SET, holds_name, title_like
from pipeline.extract.signature_blocks import attested, closing_parts, in_closing
from pipeline.gazetteer import ROSTER_LABELS, STYLE_WORDS, lookup_country
from pipeline.models import BlockKind, PersonRole

PRIORITY = [PersonRole.author, PersonRole.host, PersonRole.quoted, PersonRole.speaker,
             PersonRole.member, PersonRole.other]
# (verbs of saying: read as quoting where the block holds quotation marks)
_SAY = (r"(?:said|says|stated|noted|added|remarked|explained|emphasized|emphasised|underscored|told|stressed|"
        r"commented|warned|observed|reported|wrote|continued|concluded)")
# "welcomed ... by A, Title, and B": the by-phrase runs to the person through
# names, titles and commas only (lower-case words are connectors).  Read
# possessively, a capitalised word whole: "[A-Z(][^\s]*" repeated would
# split "UNESCO" every possible way before failing (2^n tries).
# A role noun may stand after "by" ("convened by co-chairs A, Title, and B";
# "led by" a meeting's leads is hosting too, as in _HOST_LED).
# (the "by" of a signing between them is the signing's: "welcomed the signing
# of the Agreement by A and B"; so is an attendance's: "X chaired the
# meeting, which was attended by Y" makes Y a guest)
# ("Chaired by Professor X, the Panel ...": the verb may open the sentence)
_HOST_BY = re.compile(r"\b(?i:welcomed|hosted|co-?hosted|co-?chaired|chaired|convened|moderated|co-?led|led|received)\b"
                      r"(?:(?!\bsign|\b(?:attended|joined|accompanied)\s+by\b)[^.;]){0,80}?\bby\s++(?:co-chairs\s++|chairs\s++|co-hosts\s++|hosts\s++)?(?P<list>(?:[A-Z(][^\s]*+|of|for|at|to|on|in|and|the|,|\s)*+)$")
# "appointed under the chairmanship of Mr D. C. Pettigrew": the chair's name
# after the office's noun
_HOST_CHAIRMANSHIP = re.compile(r"\b(?i:co-?)?(?i:chair(?:man|woman|person)?ship)\s+of\s+"
                                r"(?P<list>(?:[A-Z(][^\s]*+|of|for|and|the|,|\s)*+)$")
# ("X is honored to welcome Prime Minister Y", "X served as Chair")
# "a luncheon hosted by the Prime Minister in Mr X's honour": the guest of honour
_HONOURED = re.compile(r"^[’']s\s+hono(?:u)?r\b")
_HOST_AFTER = re.compile(r"^[\s,]*(?:who\s+)?(?:hosted|co-?hosted|co-?chaired|chaired|convened|"
                         r"(?:is|was|are|were)\s+(?:honou?red|pleased|delighted|proud|glad)\s+to\s+(?:welcome|host)|"
                         r"served\s+as\s+(?:the\s+)?(?:co-?)?(?:chair|chairman|chairwoman|chairperson|host)\b)\b",
                         re.IGNORECASE)
# Speaking at an event, not speaking with someone ("spoke with", "briefed on").
# ("gave keynote remarks", "delivered opening remarks", "made brief remarks")
_SPEAK_AFTER = re.compile(r"^[\s,]*(?:who\s+)?(?:(?:also\s+)?keynot\w+|"
                          r"(?:delivered|gave|made|offered)\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+)?(?:[\w-]+\s+){0,2}?"
                          r"(?:remarks|speech|address|keynote|presentation|lecture)|spoke at|addressed the|"
                          r"presented)\b", re.IGNORECASE)
_SPEAK_BEFORE = re.compile(r"\b(?:remarks|keynote|speech|address|presentation|statement) (?:by|from)\s*$|"
                           # ("The keynote address was delivered by X", "remarks were given by")
                           r"\b(?:remarks|keynote|speech|address|presentation|lecture)\s+(?:was|were)\s+"
                           r"(?:delivered|given|made)\s+by\s*$|"
                           r"^\s*Speaking\b[^.]{0,80}$", re.IGNORECASE)


# A title that attributes the document: "Statement by National Security
# Advisor Jake Sullivan", "Joint Press Release by the Prime Ministers ...",
# "Joint Statement on Air Defenses by President A, Chancellor B, and ..."
# (after a topic, "by" or "from": "Statement on a Meeting with X" is no author).
# ("Readout from NSC Spokesperson Emily Horne on ...": a readout is attributed by "from")
_TITLE_BY = re.compile(rf"(?:\b{ATTRIBUTING_GENRE}"
                       r"(?:\s+(?:by|from|with)|,|\s+(?:on|regarding|concerning)\s+[^.;:]{1,120}?\s+(?:by|from))"
                       r"|\breadouts?\s+from)"
                       r"\s+(?:(?-i:[^a-z\s])\S*\s+|and\s+|the\s+|of\s+)*$",  # (?-i:): a capital
                       re.IGNORECASE)
# A line that opens "Joint Statement on the Climate Challenge between A,
# Title, and B, Title": the two are its authors.
_STATEMENT_BETWEEN = re.compile(r"(?:joint\s+)?(?:statement|declaration|communiqu[eé])\b[^.;]{0,80}?\bbetween\s"
                                r"(?:[^.;]|(?<=[A-Z])\.)*$", re.IGNORECASE)  # ("U.S. Special Envoy")
# "A and B issued the following joint statement": its authors.
_ISSUED_AFTER = re.compile(r"^[^.;“”\"]{0,120}?\b(?:issued|released)\s+(?:the\s+following\s+|a\s+|this\s+)?"
                           r"(?:joint\s+)?(?:statement|communiqu[eé]|declaration)\b", re.IGNORECASE)
# "The following statement was released by A, B, and C": its authors.
_RELEASED_BY = re.compile(r"\b(?:statement|communiqu[eé]|declaration|text|letter)\s+(?:was|were|is|has been)\s+"
                          r"(?:released|issued)\s+by\s++(?:(?-i:[A-Z(][^\s]*+)|of|for|and|the|,|\s)*+$",
                          re.IGNORECASE)
# Leading a meeting or delegation: "co-led by", "X led the U.S. delegation".
# "at the invitation of X": the inviting person hosts the visit.
# (also the name after "and" of a pair: "at the invitation of Minister A and
# Secretary B"; not a sentence's subject after the inviter, "At the invitation
# of the Government of Laos the Prime Minister X paid ..."; read possessively)
_HOST_LED = re.compile(r"\b(?:(?:co-?led|led|opened|presided over|headed)\s+by|at\s+the\s+invitation\s+of|"
                       r"(?:as\s+(?:the\s+)?)?guests?\s+of)\s*"
                       r"(?:(?:(?:(?:(?-i:[A-Z(][^\s]*+)|of|for|the|,|\s)*+\band\s+)++"
                       r"(?:(?-i:[A-Z][^\s]*+)\s+|the\s+|of\s+|for\s+)*+)?)$", re.IGNORECASE)
# "at the invitation of the Honourable Kevin Rudd MP", "as the guest of His
# Excellency ...": the inviter named after honorifics only (an office there,
# "of the Government of Laos the Prime Minister X", names the visitor)
_INVITED_BY = re.compile(r"\b(?:at\s+the\s+invitation\s+of|(?:as\s+(?:the\s+)?)?guests?\s+of)\s+(?:the\s+)?$",
                         re.IGNORECASE)
# "at the invitation of the Prime Minister of New Zealand, the Hon. Norman
# Kirk": the inviter's office, then the name set off by a comma.
_INVITER_APPOSITION = re.compile(r"\bat\s+the\s+invitation\s+of\s+(?:the\s+)?(?:(?-i:[A-Z][^\s,]*+)\s+|of\s+|for\s+|the\s+)*+"
                                 r"(?-i:[A-Z][^\s,]*+),\s+(?:the\s+)?$", re.IGNORECASE)
# "our host, Foreign Minister of the State of Israel His Excellency Yair
# Lapid": the host named in apposition, through an office and styles.
_HOST_APPOSITION = re.compile(r"\b(?:our|the)\s+(?:co-?)?hosts?,?\s+(?:(?-i:[A-Z][^\s,]*+)\s+|of\s+|for\s+|the\s+)*+$",
                              re.IGNORECASE)
# (after a name's suffix, its full stop: "Joseph R. Biden Jr., welcomed")
# ("President Joseph R. Biden, Jr. is hosting President Yoon": the progressive too)
_HOST_SUBJECT = re.compile(r"^(?:\.,)?[\s,]*(?:who\s+)?(?:(?:today|yesterday|also|warmly|will|to)\s+)?"
                           r"(?:(?:is|was|will\s+be)\s+(?:co-?)?hosting|hosts|"
                           r"co-?hosted|hosted|co-?chaired|chaired|convened|convene|host|chair|"
                           # welcoming guests, not a development ("welcomed the agreement"):
                           # a titled guest whatever words stand before the title ("welcomed
                           # Indian External Affairs Minister Dr. S. Jaishankar")
                           r"welcom(?:ed|es|e)\s+(?:the\s+|his\s+|her\s+|their\s+|visiting\s+)?(?:[\w-]+\s+)?(?:delegat\w+|"
                           r"participants|guests|visitors|counterparts?|leaders|ministers|attendees|everyone|"
                           r"all|him|her|them|you|(?-i:(?:President|Prime|Minister|Secretary|Premier|King|"
                           r"Queen|Chancellor|Ambassador|Governor|Mr|Mrs|Ms|Dr|His|Her)\b))|"
                           r"welcom(?:ed|es|e)\s+(?:the\s+|visiting\s+)?(?-i:(?:[A-Z][\w.’'-]*\s+){1,5}?"
                           rf"(?:{TITLE_HEADS_PATTERN}))\b|"
                           # "extended a very warm welcome to Prime Minister Khai"
                           r"(?:extended|extends|offered|gave)\s+(?:a|an|his|her|their)\s+(?:[\w-]+\s+){0,3}welcome\s+to\b|"
                           r"opened|presided|received|"
                           # "led the first meeting of the Dialogue" (not "led the delegation")
                           r"(?:co-)?led\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2}(?:meeting|dialogue|talks|session|"
                           r"discussions?|consultations|summit|forum|roundtable)s?)\b", re.IGNORECASE)
_HONORIFIC_WORDS = "|".join(sorted((regex.escape(h) for h in HONORIFIC_SET if h.isalpha()), key=len, reverse=True))
_ABBREVIATION_PERIOD = r"(?<=[A-Z])\.|(?<=\b(?:" + _HONORIFIC_WORDS + r"))\."
# A delegation or a list of participants: "joined by", "the delegation included".
# (*SKIP): where the rest of the clause stops at a "." or ";", every start
# before that point fails too (see persons._SIGNED_BY).
_MEMBER_BEFORE = regex.compile(r"\b(?:joined by|accompanied by|with the participation of|"
                               r"delegations?\s+(?:(?:that|which)\s+)?(?:included|comprised|was|were)|"
                               # ("the Panel also included A and B")
                               r"(?:task ?force|committee|panel|board|group|team|council|commission)\s+"
                               r"(?:(?:that|which)\s+)?(?:also\s+)?(?:included|comprised)|"
                               r"(?:task ?force|committee|panel|board|delegation|group|team|council)\s+members|"
                               r"(?:participants|attendees|members)\s+(?:included|were|are|:)|"
                               # "Ministers present were", "Those present in the Cabinet room
                               # were", "The ACTU was represented by"
                               r"(?:present|in attendance)(?:\s+(?:in|at)(?:\s+\w+){1,4}?)?\s+(?:were|included)|"
                               r"(?:was|were)\s+represented\s+by|"
                               r"(?:ministers|officials|leaders|participants|representatives)\s+who\s+attended|"
                               r"heads? of (?:the\s+)?delegations?|representatives?\s+(?:on|to|at)\s+the)\b"
                               # (a capital's period is an abbreviation's: "U.S. Ambassador";
                               # so is an honorific's: "Mr. A. Monk and Mr. H. Souter")
                               # (after a colon, a list's items may be apart by semicolons:
                               # "were for New Zealand: Minister A; Minister B; and C")
                               r"(?:[^.;:]|" + _ABBREVIATION_PERIOD + r")*+(?::(?:[^.]|" + _ABBREVIATION_PERIOD + r")*+)?"
                               r"(?:$|(*SKIP)(*FAIL))",
                               regex.IGNORECASE)
# ("The United States delegation, led by ...": the copula may be left out)
#: "delegation, led by", "delegation was headed by" (``persons`` reads it too:
#: such a "led by" is no hosting)
DELEGATION_LED_BY = r"\bdelegations?,?\s+(?:(?:was|were|is|are|will be)\s+)?(?:co-?led|led|headed)\s+by\b"
_DELEGATION_LED_BY = re.compile(DELEGATION_LED_BY + r"\s*$", re.IGNORECASE)
# "X led the U.S. delegation", "X will represent Australia" (at a meeting)
_MEMBER_AFTER = re.compile(r"^[^.;]{0,80}?\b(?:(?:led|headed)\s+(?:the\s+)?(?:[\w.-]+\s+){0,3}delegations?\b|"
                           # "A and B, with their respective delegations, met": heads of delegation
                           # ("received X, Leader of ..., and his accompanying delegation")
                           r"with\s+(?:their|his|her)\s+(?:respective\s+)?delegations?\b|"
                           r"and\s+(?:their|his|her)\s+accompanying\s+delegations?\b|"
                           # "A and B participated from Jerusalem, with C joining virtually"
                           r"(?:also\s+)?(?:participated|took\s+part)\b|joining\s+(?:virtually|remotely|by\s+video)\b|"
                           r"(?:will\s+)?represent(?:s|ed)?\s+(?:the\s+)?(?-i:[A-Z]))",
                           re.IGNORECASE)
_SAY_AFTER = re.compile(rf"^\s*(?:,\s*[^,“”\"]{{0,120}},\s*)?{_SAY}\b|^\s*[:,]\s*$", re.IGNORECASE)
_SAYS_COLON = re.compile(rf"\b{_SAY}\s*:\s*$", re.IGNORECASE)
_SAY_BEFORE = re.compile(rf"\b{_SAY}\s+(?:[\w.’'-]+\s+){{0,10}}$", re.IGNORECASE)
# The next sentence gives the quotation to a pronoun: "The Minister, Andrew
# Mitchell, announced the aid. He said:", "... welcomed it. “A historic day,” she said."
_PRONOUN_SAYS = re.compile(rf"^(?:He|She)\s+{_SAY}\b|[,”\"]\s*(?:he|she)\s+{_SAY}\b")
#: How far into its sentence the person that a pronoun stands for may be named (its subject).
SUBJECT_WITHIN = 60


# (compiled once: they are read for every mention)
# (matched at the sentence start: "We, ...", "Today, we—Prime Minister A of X, ...—met")
_WE_LEAD = re.compile(r"\s*(?:(?:Today|Together|Now|Here),?\s+)?(?:We|we)\s*(?:,\s|[—–]\s*)")
# (the office may stand between: "Quotes attributable to the Minister for
# Foreign Affairs, Senator the Hon Penny Wong:")
_ATTRIBUTABLE_TO = re.compile(r"attributable to\s+(?:(?-i:[A-Z][\w’'.-]*)[\s,]+|(?:of|for|and|the)\s+){0,10}$",
                              re.IGNORECASE)
#: How far before a name "attributable to" is read.
ATTRIBUTION_REACH = 120
_SAY_LATER = re.compile(rf"^[^.“”]{{0,200}}?\b{_SAY}\b")
_TO_QUOTE = re.compile(r"^\s*to\s+[“\"]")
# A quotation's attribution after a dash: "“... lies.” – Secretary Blinken",
# on the quotation's line or the line after it.
_DASH_AFTER_QUOTE = re.compile(r"[”\"][.,]?\s*[–—-]\s*\Z")
_DASH_OPENS = re.compile(r"\s*[–—-]\s*\Z")
_QUOTE_ENDS = re.compile(r"[”\"][.,]?\s*\Z")
_QUOTE_FOLLOWS = re.compile(r"^\s*[,:]\s*[“\"]")


CUE_REACH = 400
# A roster's lead-in may stand further back: "The Ministers who attended were
# for New Zealand: ...; and for Australia: ..." names a dozen ministers.
ROSTER_REACH = 1500
_QUOTE_MARK = re.compile(r"[“\"]")
# the end of the "We, A, B and C," list: a comma before a lower-case word
_LIST_END = re.compile(r",\s+(?!and\b)[a-z]|\s*[—–]\s*[a-z]")


def _office_authors(ctx: Context) -> set[int]:
    """Where the body first names the holder of each office a by-list names
    without a name ("Joint Statement by the Prime Minister and the Premier"
    ... "The Prime Minister, Mr Hawke, and the Premier, Mr Wran, today ..."):
    the statement's authors."""
    if "office_authors" not in ctx.analyses:
        mentions = find_mentions(ctx)
        offices = bare_offices(ctx, [(m.start, m.end) for m in mentions])
        starts: set[int] = set()
        for office, after in offices.items():
            holder = next((m for m in mentions if m.start >= after and _office_held(ctx, m) == office), None)
            if holder is not None:
                starts.add(holder.start)
        ctx.analyses["office_authors"] = starts
    return ctx.analyses["office_authors"]


def _office_held(ctx: Context, m: Mention) -> str | None:
    """The office of the mention's title, or of the title set before it by a
    comma ("the New South Wales Premier, Mr Wran")."""
    if m.title:
        return office_of(m.title)
    apposed = _APPOSED_TITLE.search(ctx.text, max(0, m.extent_start - 60), m.extent_start)
    return office_of(apposed.group(1)) if apposed else None


# "..., the New South Wales Premier, Mr Wran": capitalised words ending a title, then a comma.
_APPOSED_TITLE = re.compile(r"((?:[A-Z][\w'’-]*\s+){0,4}[A-Z][\w'’-]*),\s*\Z")


def mention_role(ctx: Context, m: Mention) -> tuple[PersonRole, str]:
    if "roster" in m.tags:
        return PersonRole.member, "people.roster"
    s_start, s_end = ctx.sentence_at(m.start)
    text = ctx.text
    # The cues stand near the mention; a bound keeps a sentence of thousands
    # of names from being read once for each of them.
    before = text[max(s_start, m.extent_start - CUE_REACH):m.extent_start]
    after = text[m.extent_end:min(s_end, m.extent_end + CUE_REACH)]
    # The searches anchored at its end are run only where their words are,
    # in the lowered words where they read the same (a case-insensitive
    # search walks every character of the words before: literals.occurs_in).
    lowered = ctx.lowered
    low_before = lowered[max(s_start, m.extent_start - CUE_REACH):m.extent_start] if lowered is not None else None

    def before_has(pattern: re.Pattern) -> bool:
        return occurs_in(pattern, before, low_before)

    # Those matched after it that read up to a hundred characters ahead for
    # their words ("^[^.;]{0,80}?\b(?:...)") are run only where the words are.
    low_after = lowered[m.extent_end:min(s_end, m.extent_end + CUE_REACH)] if lowered is not None else None

    def reads_ahead(pattern: re.Pattern) -> bool:
        return may_occur(pattern, low_after) and pattern.match(after) is not None

    # (the whole headline before it: a sentence split inside "Joseph R. Biden"
    # would hide the "Statement by" of the next name)
    heading = ctx.block_at(m.start)
    attributed = by_list_role(ctx, m)
    if attributed is not None:
        return attributed, f"people.{attributed.value}_by_heading"
    if m.start in _office_authors(ctx):
        return PersonRole.author, "people.office_by_heading"
    # (a headline too long to read as a heading is still the document's first block)
    if (("in_title" in m.tags or ctx.block_index(m.start) == 0)
            and _TITLE_BY.search(text[heading.start if heading else s_start:m.extent_start])):
        return PersonRole.author, "people.title_by"
    block = ctx.block_at(m.start)
    # A byline: a line of its own near the top that is just "Name, Title".
    if (block is not None and m.rule in ("people.name_comma_title", "people.name_line")
            and ctx.block_index(m.start) <= 3 and m.extent_start - block.start <= 2
            and len(text[m.extent_end:block.end].strip(" .,")) <= 2):
        return PersonRole.author, "people.byline"
    if _signs_off(ctx, m):
        return PersonRole.author, "people.sign_off"
    # "We, Title Name, Title Name, and Title Name, congratulate ..."
    if lead := _WE_LEAD.match(text, s_start, s_end):
        list_end = _LIST_END.search(text, lead.end(), s_end)
        if list_end and m.start < list_end.start():
            return PersonRole.author, "people.we_authors"
    if before_has(_RELEASED_BY) or reads_ahead(_ISSUED_AFTER):
        return PersonRole.author, "people.released_by"
    if block is not None and _STATEMENT_BETWEEN.match(text, block.start, m.extent_start):
        return PersonRole.author, "people.statement_between"
    if _ATTRIBUTABLE_TO.search(text[max(0, m.extent_start - ATTRIBUTION_REACH):m.extent_start]):
        return PersonRole.author, "people.attributable_to"
    # "The U.S. delegation was led by X": a delegation's head is a member (DESIGN)
    if before_has(_DELEGATION_LED_BY):
        return PersonRole.member, "people.delegation"
    if (before_has(_HOST_BY) and not _HONOURED.match(after)) or _HOST_AFTER.match(after) \
            or before_has(_HOST_LED) or _inviter_apposed(ctx, m, before_has(_INVITER_APPOSITION), before) \
            or before_has(_HOST_APPOSITION) or before_has(_HOST_CHAIRMANSHIP) \
            or _invited_by(text, m, s_start) \
            or _HOST_SUBJECT.match(after) or _hosts_with_next(ctx, m):
        return PersonRole.host, "people.hosted_by"
    # quoted words in the block, or in the next one ("..., said Minister X:")
    following = _next_block_text(ctx, block)
    # A block that ends in "X said:" introduces the next paragraph as the
    # quotation, marks or none (GOV.UK sets quotations apart as blocks).
    has_quote = (block is not None and ctx.found(_QUOTE_MARK, block.start, block.end)) \
        or any(q in following[:2] for q in ("“", '"')) \
        or bool(following and ctx.found(_SAYS_COLON, block.start, block.end))
    if has_quote and (before_has(_SAY_BEFORE) or reads_ahead(_SAY_LATER)
                      or _SAY_AFTER.match(after)):
        return PersonRole.quoted, "people.said"
    if _TO_QUOTE.match(after) or _QUOTE_FOLLOWS.match(after):
        return PersonRole.quoted, "people.quote_follows"
    # "Dr Anjali Mehta-Cole, Chief Executive of the Council:" over the quotation's block
    if (block is not None and m.extent_start - block.start <= SIGN_OFF_NAME_WITHIN
            and ctx.block_text(block).rstrip().endswith(":") and following.lstrip()[:1] in ("“", '"')):
        return PersonRole.quoted, "people.label_over_quote"
    if has_quote and m.extent_start - s_start <= SUBJECT_WITHIN and _pronoun_says_next(ctx, s_end, block):
        return PersonRole.quoted, "people.said"  # (the pronoun says it for them)
    if _dash_attributed(ctx, m, block):
        return PersonRole.quoted, "people.dash_attribution"
    if _SPEAK_AFTER.match(after) or before_has(_SPEAK_BEFORE):
        return PersonRole.speaker, "people.speaker"
    if _MEMBER_BEFORE.search(text, max(s_start, m.extent_start - ROSTER_REACH), m.extent_start) \
            or reads_ahead(_MEMBER_AFTER):
        return PersonRole.member, "people.delegation"
    if _listed_under_attendance(ctx, m):
        return PersonRole.member, "people.attendance_list"
    if _under_roster_label(ctx, m):
        return PersonRole.member, "people.roster_label"
    return PersonRole.other, "people.mentioned"


def quoted_by_office(ctx: Context, offices) -> bool:
    """The office only this person holds on the page says the quotation: "The
    Defence Secretary said:" over the quoted paragraph, "“...,” the Secretary
    said" (GOV.UK and the State Department name the speaker once, then refer
    to them by their office)."""
    lowered = ctx.lowered if ctx.lowered is not None else ctx.text.casefold()
    for office in offices:
        if len(office) < 4:
            continue
        for start in _office_says(lowered, office):
            block = ctx.block_at(start)
            if block is None:
                continue
            following = _next_block_text(ctx, block)
            if (ctx.found(_QUOTE_MARK, block.start, block.end) or any(q in following[:2] for q in ("“", '"'))
                    or ctx.found(_SAYS_COLON, block.start, block.end)):
                return True
    return False


# (fixed patterns read around each occurrence of the office: one pattern
# compiled per office cost more than the rest of the people's rules)
_THE_BEFORE = re.compile(r"\bthe\s+$")
_SAY_THE_BEFORE = re.compile(rf"\b{_SAY}\s+the\s+$")
_SAY_NEXT = re.compile(rf"\s+{_SAY}\b")
_OF_NEXT = re.compile(r"\s+(?:of|for)\b")


def _office_says(lowered: str, office: str):
    """Where "the <office> said" or "said the <office>" starts, in lower case
    (the office whole: not "said the minister of ...")."""
    at = lowered.find(office)
    while at >= 0:
        end = at + len(office)
        whole = (at == 0 or not lowered[at - 1].isalnum()) and (end == len(lowered) or not lowered[end].isalnum())
        if whole:
            before = lowered[max(0, at - 40):at]
            the = _THE_BEFORE.search(before)
            if the and _SAY_NEXT.match(lowered, end):
                yield at - len(before) + the.start()
            else:
                said = _SAY_THE_BEFORE.search(before)
                if said and not _OF_NEXT.match(lowered, end):
                    yield at - len(before) + said.start()
        at = lowered.find(office, at + 1)


def _under_roster_label(ctx: Context, m: Mention) -> bool:
    """A name on the line after a line that is only a seat's label: a
    table of members flattened to lines ("Position / Name / Deputy Chair /
    Corporal Ben Smith VC / Member / Mr Geoffrey Evans")."""
    blocks = ctx.parsed.blocks
    i = ctx.block_index(m.start)
    if not i or blocks[i].end - blocks[i].start > ATTENDANCE_LINE_CHARS or m.start - blocks[i].start > 40:
        return False
    return ctx.block_text(blocks[i - 1]).strip().lower() in ROSTER_LABELS


# A line that reads as a sentence: four lower-case words in a row.
_PROSE = re.compile(r"(?:\b[a-z]+\b[^\w\n]+){3}\b[a-z]+\b")
SIGN_OFF_TAIL_BLOCKS, SIGN_OFF_LINE_CHARS = 10, 120


def _signs_off(ctx: Context, m: Mention) -> bool:
    """A name on a line of its own after the document's last paragraph (only
    names, titles, places and dates follow): the sign-off of a report or
    letter, which names its authors."""
    if m.rule not in ("people.name_line", "people.name_comma_title", "people.honorific_name") and not (
            m.rule == "people.given_name_only" and _name_over_title(ctx, m)):
        return False
    i = ctx.block_index(m.start)
    first = _sign_off_tail(ctx)
    if i is None or first is None or i < first:
        return False
    block = ctx.parsed.blocks[i]
    return block.end - block.start <= SIGN_OFF_LINE_CHARS and m.extent_start - block.start <= SIGN_OFF_NAME_WITHIN


def _name_over_title(ctx: Context, m: Mention) -> bool:
    """The name is its line's whole text and a title is the next line's
    ("Kristjan Saar" over "Minister of Foreign Affairs of the Republic of
    Estonia"): a signature's two lines, though the body named them before."""
    i = ctx.block_index(m.start)
    blocks = ctx.parsed.blocks
    if i is None or i + 1 >= len(blocks) or ctx.block_text(blocks[i]).strip() != m.name:
        return False
    below = ctx.block_text(blocks[i + 1]).strip()
    return title_like(below) and not holds_name(below)


def _in_sign_off_tail(ctx: Context, m: Mention) -> bool:
    """Does the mention open a line of the short lines closing the document?"""
    i = ctx.block_index(m.start)
    first = _sign_off_tail(ctx)
    return (i is not None and first is not None and i >= first
            and m.extent_start - ctx.parsed.blocks[i].start <= SIGN_OFF_NAME_WITHIN)


#: How far into its line a name that signs off may start ("Senator the Hon ...").
SIGN_OFF_NAME_WITHIN = 20


def _sign_off_tail(ctx: Context) -> int | None:
    """The index of the first of the short lines that close the document
    after a paragraph's last sentence (not after a list's lead-in:
    "Representatives of the Council:" heads a roster), when the first of
    them holds a name; read once per document."""
    if "sign_off_tail" not in ctx.analyses:
        blocks = ctx.parsed.blocks
        first = len(blocks)
        while first > 0 and blocks[first - 1].end - blocks[first - 1].start <= SIGN_OFF_LINE_CHARS \
                and not _PROSE.search(ctx.block_text(blocks[first - 1])):
            first -= 1
        last_prose = ctx.block_text(blocks[first - 1]).rstrip() if first > 0 else ""
        ok = (0 < first < len(blocks) and len(blocks) - first <= SIGN_OFF_TAIL_BLOCKS
              and last_prose.endswith((".", "!", "?", "”", '"')) and _holds_mention(ctx, blocks[first]))
        ctx.analyses["sign_off_tail"] = first if ok else None
    return ctx.analyses["sign_off_tail"]


def _mention_starts(ctx: Context) -> list[int]:
    """Where each person mention starts, in text order (read once per document)."""
    if "mention_starts" not in ctx.analyses:
        ctx.analyses["mention_starts"] = [x.start for x in find_mentions(ctx)]
    return ctx.analyses["mention_starts"]


def _holds_mention(ctx: Context, block) -> bool:
    starts = _mention_starts(ctx)
    i = bisect_left(starts, block.start)
    return i < len(starts) and starts[i] < block.end


# A lead-in that lists who took part, ending its line: "The following were
# present:", "On the Australian side:-", "The delegation comprised:".
_ATTENDANCE_LEAD = re.compile(r"\b(?:were present|present (?:at|during|were)|attended by|attendees|participants|"
                              r"participated|took part|"
                              r"delegations?|(?:on|for) the [\w\s'’-]{1,40} side|members|included|comprised|"
                              r"consisted of|accompanied by)\b[^.]{0,80}?(?::-?|[-–—])\s*$", re.IGNORECASE)
ATTENDANCE_LINE_CHARS, ATTENDANCE_RUN = 160, 40


def _listed_under_attendance(ctx: Context, m: Mention) -> bool:
    """A person on a line of a list (items or short lines) whose lead-in
    says who was present."""
    blocks = ctx.parsed.blocks
    i = ctx.block_index(m.start)
    if i is None or blocks[i].end - blocks[i].start > ATTENDANCE_LINE_CHARS:
        return False
    for j in range(i - 1, max(-1, i - ATTENDANCE_RUN), -1):
        block = blocks[j]
        # (ctx.found: each line of a list is read again for every name below it)
        if ctx.found(_ATTENDANCE_LEAD, block.start, block.end):
            return True
        if block.kind is BlockKind.heading or block.end - block.start > ATTENDANCE_LINE_CHARS:
            return False
    return False


def _hosts_with_next(ctx: Context, m: Mention) -> bool:
    """"A and B opened the dialogue": the first of subjects joined by "and"
    hosts when the last one's verb is a host verb.  Each mention's answer is
    the next one's when they are chained, so answers are kept (cached on the
    context): a list of thousands of names is read once, not once per name."""
    memo: dict[int, bool] = ctx.analyses.setdefault("hosts_with_next", {})
    mentions = find_mentions(ctx)  # in text order
    starts = _mention_starts(ctx)
    chain: list[Mention] = []
    prev, answer = m, False
    while prev.start not in memo:
        chain.append(prev)
        i = bisect_left(starts, prev.start + 1)
        while i < len(mentions) and mentions[i].extent_start < prev.extent_end:
            i += 1
        if i == len(mentions) or not _chained(ctx.text[prev.extent_end:mentions[i].extent_start]):
            answer = False
            break
        other = mentions[i]
        _, s_end = ctx.sentence_at(other.start)
        if _HOST_SUBJECT.match(ctx.text[other.extent_end:max(s_end, other.extent_end + 80)]):
            answer = True
            break
        prev = other
    else:
        answer = memo[prev.start]
    for x in chain:
        memo[x.start] = answer
    return answer


def _inviter_apposed(ctx: Context, m: Mention, apposition: bool, before: str) -> bool:
    """ "at the invitation of the Prime Minister of New Zealand, the Hon.
    Norman Kirk": the name set off after the inviter's office.  Not when the
    words before the comma already name the inviter: "At the invitation of
    Prime Minister A, Prime Minister B paid a visit" (B is the visitor)."""
    if not apposition:
        return False
    comma = m.extent_start - len(before) + before.rfind(",")
    return not any(other.end == comma for other in find_mentions(ctx))


def _invited_by(text: str, m: Mention, s_start: int) -> bool:
    """ "at the invitation of [the] <office>, <honorifics> <name>": the name
    is the inviter's (read from the office's own start: a mention's extent
    may open its sentence)."""
    start = m.extent_start
    if m.title:
        at = text.rfind(m.title, m.extent_start, m.start)
        start = at if at >= 0 else start
    before = text[max(s_start, start - CUE_REACH):start]
    return _INVITED_BY.search(before) is not None and _inviter_words(text[start:m.start])


def _inviter_words(words: str) -> bool:
    """What may stand between "at the invitation of" and the inviter's name:
    honorifics ("the Honourable"), or an office set off by a comma before
    them ("the Prime Minister of Malaysia, YAB Dato' Seri").  (An office
    run into the name, or a second phrase after the inviter, is another's:
    "At the invitation of the Government of Laos the Prime Minister, Ben
    Marsh, paid a visit".)"""
    office, comma, rest = words.rpartition(",")
    if comma:
        parts = office.split()
        one_phrase = not any(w.casefold() == "the" and parts[i - 1] not in ("of", "for", "and")
                             for i, w in enumerate(parts) if i)
        return bool(parts) and one_phrase and (not rest.strip() or _honorifics_only(rest))
    return _honorifics_only(words)


def _honorifics_only(words: str) -> bool:
    """Words before a name that are honorifics and styles alone ("the Right
    Honourable", "His Excellency"), and at least one."""
    parts = [w.strip(".,") for w in words.split()]
    return bool(parts) and all(w in HONORIFIC_SET or w in STYLE_WORDS for w in parts)


def _dash_attributed(ctx: Context, m: Mention, block) -> bool:
    """The name after a quotation's closing mark and a dash, on its line or
    opening the line after it."""
    text = ctx.text
    if _DASH_AFTER_QUOTE.search(text, max(0, m.extent_start - 6), m.extent_start):
        return True
    if block is None or not _DASH_OPENS.match(text, block.start, m.extent_start):
        return False
    i = ctx.block_index(block.start)
    return bool(i) and _QUOTE_ENDS.search(ctx.block_text(ctx.parsed.blocks[i - 1])) is not None


def _pronoun_says_next(ctx: Context, s_end: int, block) -> bool:
    """Whether the sentence after the one ending at ``s_end`` (in its block,
    or the next block's first) gives a quotation to "he" or "she"."""
    if block is None:
        return False
    following = ctx.sentence_at(s_end + 1) if s_end < block.end else None
    if following is None or following[0] < s_end:
        after = _next_block_text(ctx, block)
        next_sentence = after[:SUBJECT_WITHIN * 4]
    else:
        next_sentence = ctx.text[following[0]:following[1]]
    return _PRONOUN_SAYS.search(next_sentence.lstrip()) is not None


def _next_block_text(ctx: Context, block) -> str:
    if block is None:
        return ""
    blocks = ctx.parsed.blocks
    i = ctx.block_index(block.start)
    return ctx.block_text(blocks[i + 1]) if i + 1 < len(blocks) else ""



# "signed by", also with the date or place between ("signed on March 2, 2023,
# by", "signed today by"), and the noun forms ("the signature by", "signatures
# of", "today's signing by").  Not when another participle takes the "by"
# ("signed at a ceremony hosted by"); "the signing of the Memorandum by" is
# the noun form.  ("Signing for Malaysia was Minister A, while B signed for ...")
# Up to three adverbs may stand before the "by" ("signed here today by",
# "signed electronically by").
_SIGNED_BY = re.compile(r"\b(?:(?:signed|co-signed|countersigned|inked)(?:\s+(?:today|yesterday|here|[a-z]+ly)){0,3}"
                        # ("signed for the United States by", "signed on behalf of Japan by")
                        r"(?:\s+(?:on|in|at|for)\s+[^.;]{1,60}?(?<![a-z]ed),?)?\s+by|"
                        # ("the signing last month of the agreement by")
                        r"signing\s+(?:(?:today|yesterday|last\s+(?:week|month|year)|this\s+(?:week|month|year|morning))\s+)?"
                        r"(?:of\s+[^.;]{1,80}?(?<![a-z]ed)\s+)?by|signatures?\s+(?:by|of)|"
                        # the subject after its verb: "Signing the agreement were A and B"
                        r"signing\s+(?:the|a|an|this|these|two|three|for|on behalf of)\s+[^.;]{1,80}?\s+(?:were|was)|"
                        # "The signatories were A and B", "signatories to the Accord included"
                        r"(?:co-)?signatories\s+(?:(?:to|of)\s+[^.;]{1,80}?\s+)?(?:were|are|included|include))\b",
                        re.IGNORECASE)
# "signed the Agreement with Prime Minister X and Y", "signing ... between X and Y"
# ("inked the Memorandum with", "put pen to paper on the Partnership with": the press's words for it)
_SIGNED_WITH = re.compile(r"\b(?:signed|signs|signing|sign|inked|inks|put(?:s|ting)?\s+pen\s+to\s+paper)\b"
                          r"[^.;]{0,120}?\b(?:with|between)\b", re.IGNORECASE)
_WITNESS_WORDS = r"\b(?:in the presence of|witnessed by|with the participation of|attended by|as witnessed by)\b"
_WITNESS = re.compile(_WITNESS_WORDS + r"|;", re.IGNORECASE)
_WITNESS_OPENER = re.compile(_WITNESS_WORDS, re.IGNORECASE)
_VERB_AFTER = re.compile(
    # possessive spaces: "\s*" and "[\s,]*" side by side would split a run of
    # spaces every possible way
    r"^\s*+(?:,\s*(?:the\s+)?[^,;.“”\"]{2,120},)?"  # an apposition: ", the Deputy Minister ...,"
    # "President Bush and I today signed": the writer signed with them
    # ("the Prime Minister of Papua New Guinea, James Marape, and I signed")
    r"(?:,?\s*and\s+I(?=\s))?"
    r"[\s,]*+(?:who\s+)?"  # "..., Minister of Foreign Affairs, who signed the Agreement on behalf of"
    r"(?:(?:today|also|have|has|had|both|together|then|later|[a-z]+ly)\s+)*"
    # ("A and B sign the Agreement": a headline's or a caption's present tense)
    # ("signed off on", "signed up for": approved, enrolled; nothing was signed)
    # ("inked the Arrangement": the press's word for it)
    r"(?:signed|signs|co-signed|sign(?=\s+(?:the|a|an|two|three)\s)|inked|inks|ink(?=\s+(?:the|a|an)\s)"
    # ("put their signatures to the Memorandum", "affixed his signature on")
    r"|(?:put|puts|affixed|affix|placed)\s+(?:their|his|her|its)\s+signatures?(?=\s+(?:to|on)\s)"
    # ("put pen to paper on a declaration": the idiom for signing)
    r"|(?:put|puts|putting)\s+pen\s+to\s+paper)"
    r"\b(?!\s+(?:by|off|up)\b)", re.IGNORECASE)
_CHAIN_GAP = re.compile(r"^\s*(?:,\s*)?(?:and\s+|as well as\s+|(?:together|along)\s+with\s+)?$")
# A heading or lead-in of a list of signers: "Co-signatories:", "Signed by:"
# (at a line's end: the names may follow in the same block, one per line)
# ("Signed by the following ministers or their equivalents:")
# ("Signatories: Mr A, CEO, ...; Mr B, ...": or a line that opens with the label)
# ("The following ministers signed the Declaration:")
_SIGNERS_INTRO = re.compile(r"(?:\b(?:co-)?signatories|\bsigned by(?:[ \t]+the following\b[^.:\n]{0,60}:)?|"
                            # "... have signed the Declaration:" (the signers follow its colon)
                            r"\bsigned[ \t]+(?:the|this|these|a|an)\b[^.:\n]{1,80}:)[ \t]*:?[ \t]*$|"
                            r"^[ \t]*(?:co-)?signatories[ \t]*:|"
                            # a signing mark alone over the names: "Signed:", "(Signed)"
                            r"^[ \t]*(?:\([ \t]*(?:signed|sgd\.?)[ \t]*\)|signed[ \t]*:|/s/)[ \t]*$",
                            re.IGNORECASE | re.MULTILINE)


# The subjects' verb, then the means: "A and B marked the day by signing a
# Memorandum", "A and B have secured a breakthrough by signing" (the verb
# follows the subject directly, an auxiliary aside; no quotation between;
# an article after "signing" tells the act from "by signing countries").
_BY_SIGNING = re.compile(r"^[\s,]*+(?:(?:today|jointly|formally|also|officially|both|together|have|has|had)\s+)*"
                         r"[a-z]+(?:ed|d)\b[^.;“”\"]{0,160}?\bby\s+(?:jointly\s+|formally\s+)?"
                         r"(?:signing|co-signing)\s+(?:today\s+|here\s+)?(?:a|an|the|this|these|two|three|their|its|it|them)\b")


# "the President, alongside First Lady Jill Biden, signed ...": who stands
# beside the subject did not sign
_ACCOMPANYING = re.compile(r"\b(?:alongside|accompanied by|joined by)\s+(?:the\s+)?$",
                           re.IGNORECASE)


def _signs_after(after: str) -> bool:
    """The text after a mention makes it a subject of signing: "X signed",
    "X, Title, signed", "X by signing"."""
    return bool(_VERB_AFTER.match(after) or _BY_SIGNING.match(after))


# ("... and his counterpart, the Minister of Home Affairs of Brunei, Dato X": the
# counterpart set off before the title the name was read with)
_COUNTERPART = re.compile(r"(?:his|her|their|the)\s+(?:[A-Z][\w-]*\s+){0,2}counterparts?(?:\s*,\s*(?:the)?)?",
                          re.IGNORECASE)


_OWNING_COUNTRY = re.compile(r"(?:the\s+)?([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3})['’]s?")


_RELATIVE_ASIDE = re.compile(r"^,\s+(?:who|which)\s+(?!signed\b)[^,;.]{1,80}(?=,)")


def _chained(gap: str) -> bool:
    """Two signers joined by 'and', possibly with the second one's title
    between them that was not read with the name ('…, and the Netherlands'
    Minister of Education, Culture and Science, Mr Pieter van der Linden')."""
    # ("the Energy Secretary, Helen Marchant, who joined the Prime Minister for the
    # talks, and Norway's Minister of Energy, Terje Bakken, signed": a relative
    # clause set off by commas is an aside)
    gap = _RELATIVE_ASIDE.sub("", gap, count=1)
    if _CHAIN_GAP.match(gap):
        return True
    rest = re.sub(r"^\s*+,?\s*+(?:and|as well as|(?:together|along)\s+with)\s+", "", gap)  # possessive: one split of the spaces
    if rest == gap:
        return False
    rest = rest.strip(" ,/")  # ("Crown Prince/Prime Minister Salman": two offices, one person)
    if _COUNTERPART.fullmatch(rest):  # "… and his Chilean counterpart, Ana Ruiz"
        return True
    # "... and Ghana's Minister of Finance Ken Ofori-Atta": the country owning the title
    owner = _OWNING_COUNTRY.fullmatch(rest)
    if owner and lookup_country(owner.group(1)):
        return True
    return title_like(rest) and not re.search(r"\b(?:signed|said|met|will|was|were|is|are)\b", rest)


def rule_signers(ctx: Context) -> set[int]:
    """Start offsets of the mentions the hand-written signing rules call signers:
    signature blocks and signature lines closing the text, "signed by A and
    B", "A and B signed", "signed ... with A", a list under "Signatories:"."""
    mentions = [m for m in find_mentions(ctx) if "roster" not in m.tags]
    text = ctx.text
    signers = {m.start for m in mentions if "signature_block" in m.tags}
    signers |= _closing_name_lines(ctx, mentions)
    signers |= {m.start for m in mentions if attested(ctx, m.start) and _opens_line(ctx, m)}
    signers |= _listed_under_intro(ctx)
    # (the names that close a joint statement sign it: its signature block
    # without the word, where those closing a report or a letter author it)
    if ctx.results["kind"][0].value == "joint_statement":
        signers |= {m.start for m in mentions if _signs_off(ctx, m)}
        # ("Kevin Rudd, Prime Minister of Australia" / "Yasuo Fukuda, Prime
        # Minister of Japan" closing it: a roster's shape, a signature's place)
        signers |= {m.start for m in find_mentions(ctx) if "roster" in m.tags and _in_sign_off_tail(ctx, m)}
    by_sentence: dict[tuple[int, int], list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(ctx.sentence_at(m.start), []).append(m)
    for (s_start, s_end), in_sentence in by_sentence.items():
        signers |= _named_by_signing(ctx, s_start, s_end, in_sentence)
        if not (ctx.may_match(_VERB_AFTER, s_start, s_end) or ctx.may_match(_BY_SIGNING, s_start, s_end)):
            continue  # (no word of signing: nobody in the sentence signs)
        for i, m in enumerate(in_sentence):
            if not _signs_after(text[m.extent_end:s_end]) or _ACCOMPANYING.search(text, s_start, m.extent_start):
                continue
            # ("In the presence of A and B, C and D signed ...": the witnesses'
            # clause, closed by its comma, holds no signer)
            witnessed = _witness_clause_end(text, s_start, m.extent_start)
            if m.start < witnessed:
                continue
            chain = [m]
            for prev in reversed(in_sentence[:i]):
                if prev.start >= witnessed and _chained(text[prev.extent_end:chain[-1].extent_start]):
                    chain.append(prev)
                else:
                    break
            signers |= {c.start for c in chain}
    return signers | _referred_signings(ctx).keys()


def signing_sentence(ctx: Context, m: Mention) -> tuple[int, int]:
    """The sentence that says the mention's person signed: the one that
    refers back to them ("Both ministers signed ..."), or their own."""
    return _referred_signings(ctx).get(m.start) or ctx.sentence_at(m.start)


def _referred_signings(ctx: Context) -> dict[int, tuple[int, int]]:
    """:func:`_referred_signers` of the page's mentions outside rosters (read once per page)."""
    if "referred_signings" not in ctx.analyses:
        mentions = [m for m in find_mentions(ctx) if "roster" not in m.tags]
        ctx.analyses["referred_signings"] = _referred_signers(ctx, mentions)
    return ctx.analyses["referred_signings"]


def _witness_clause_end(text: str, s_start: int, at: int) -> int:
    """Where a witness clause opening the sentence before ``at`` ends (its
    comma), or the sentence's start where none does."""
    openers = list(_WITNESS_OPENER.finditer(text, s_start, at))
    if not openers:
        return s_start
    comma = text.find(",", openers[-1].end(), at)
    return comma if comma >= 0 else s_start


# A signing sentence whose signers are a group the text named before it:
# "The two leaders signed ...", "... was signed by both ministers".
_SIGNING_GROUP = re.compile(
    r"\b(?P<det>the\s+two|the\s+three|both(?:\s+the)?|the|all(?:\s+the)?)\s+(?:(?:foreign|prime|trade|defen[cs]e|"
    r"finance)\s+)?(?P<group>leaders|ministers|presidents|premiers|secretaries|chancellors|governors|"
    r"heads\s+of\s+(?:state|government))\b", re.IGNORECASE)
# The offices a group's persons hold: "the two leaders" are heads of state
# or government, "the ministers" ministers (a Secretary is one: "Secretary
# of Foreign Affairs Enrique Manalo", "Foreign Secretary David Lammy").
_HEADS = r"\b(?:President|Prime Minister|Premier|Chancellor|King|Queen|Emperor|Sultan|Emir|Amir|Crown Prince|" \
         r"Taoiseach|Chief Minister|Governor)\b"
_GROUP_OFFICES = {
    "leaders": re.compile(_HEADS), "heads of state": re.compile(_HEADS), "heads of government": re.compile(_HEADS),
    # (not the Prime Minister: "both Ministers signed" after the Prime Minister received
    # them; "the two Prime Ministers" are theirs)
    "ministers": re.compile(r"(?<!Prime )\bMinister\b|\bSecretary\b"),
    "prime ministers": re.compile(r"\bPrime Minister\b"), "presidents": re.compile(r"\bPresident\b"),
    "premiers": re.compile(r"\bPremier\b"), "secretaries": re.compile(r"\bSecretary\b"),
    "chancellors": re.compile(r"\bChancellor\b"), "governors": re.compile(r"\bGovernor\b"),
}
_PRIME_MINISTERS = re.compile(r"\bprime\s+ministers\b", re.IGNORECASE)
# "They signed ...": the pronoun's persons are those its sentence follows.
_THEY_SIGNED = re.compile(r"\bThey\s+(?:(?:also|then|later|jointly|together|formally)\s+)?signed\b")
#: The most persons "They" may stand for: more are a crowd, not a pair of signers.
THEY_AT_MOST = 4
_GROUP_SIGNED_BY = re.compile(r"\b(?:signed|signing\s+(?:of\s+[^.;]{1,80}?\s+)?)\s*by\s+$", re.IGNORECASE)
#: How many blocks before the signing sentence the group's persons are looked for in.
GROUP_BLOCKS_BACK = 2


def _referred_signers(ctx: Context, mentions: list[Mention]) -> dict[int, tuple[int, int]]:
    """The persons a signing group refers back to ("Prime Minister A hosted
    Prime Minister B. The two leaders signed a Joint Declaration."): the
    titled persons named before the sentence, in its paragraph and the
    paragraphs just before it, nearest first; as many as the group counts.
    Each mention's start, with the signing sentence that refers to it."""
    text = ctx.text
    out = _they_signed(ctx, mentions) | _offices_signed(ctx, mentions) | _offices_by_title(ctx, mentions)
    if not ctx.may_match(_SIGNING_GROUP, 0, len(text)):
        return out
    for g in _SIGNING_GROUP.finditer(text):
        s_start, s_end = ctx.sentence_at(g.start())
        signed = _VERB_AFTER.match(text[g.end():s_end]) or _GROUP_SIGNED_BY.search(text, s_start, g.start())
        if not signed:
            continue
        wanted = {"the two": 2, "both": 2, "both the": 2, "the three": 3}.get(
            re.sub(r"\s+", " ", g.group("det").lower()))
        window_start = _paragraphs_back(ctx, s_start)
        group = re.sub(r"\s+", " ", g.group("group").lower())
        office = _GROUP_OFFICES["prime ministers" if _PRIME_MINISTERS.search(g.group(0)) else group]
        named: dict[str, int] = {}
        for m in reversed([m for m in mentions if window_start <= m.start < s_start and office.search(m.title)]):
            named.setdefault(m.name, m.start)
        picked = list(named.values())
        if wanted is not None and len(picked) < wanted:
            # ("the two Prime Ministers signed" at a communiqué's end: the
            # whole text before it names exactly two, in its first paragraph)
            earlier: dict[str, int] = {}
            for m in mentions:
                if m.start < s_start and office.search(m.title):
                    earlier.setdefault(m.name, m.start)
            picked = list(earlier.values()) if len(earlier) == wanted else picked
        if wanted is None and len(picked) < 2 or wanted is not None and len(picked) < wanted:
            continue
        out.update(dict.fromkeys(picked[:wanted] if wanted else picked, (s_start, s_end)))
    return out


# "The Secretary and the Foreign Minister signed ...", "The Prime Minister and
# President Widodo signed ...": an office in a signing pair stands for the
# person the text last named with it.
_OFFICE_WORDS = r"(?:[A-Z][a-z]+\s+){0,3}(?:Minister|Secretary|President|Premier|Chancellor|Ambassador|Governor)"
_THE_OFFICE = re.compile(rf"\b[Tt]he\s+(?P<office>{_OFFICE_WORDS})\b")
_AND = re.compile(r"\s+and\s+")
_SHARED_TITLE = re.compile(rf"(?P<office>{_OFFICE_WORDS})\s+and\s+{_OFFICE_WORDS}")
# (a portfolio's own "and" stays in the office: "the Business and Trade Secretary")
_PORTFOLIO_OFFICE = (r"(?:[A-Z][a-z]+\s+(?:and\s+)?){0,3}(?:Minister|Secretary|President|Premier|Chancellor|Ambassador|"
                     r"Governor)(?:\s+(?:for|of)\s+(?:the\s+)?[A-Z][a-z]+(?:\s+(?:and\s+)?[A-Z][a-z]+){0,3})?")
_SIGNED_BY_OFFICE_AND = re.compile(rf"\bsigned\b[^.;]{{0,80}}?\bby\s+the\s+(?P<office>{_PORTFOLIO_OFFICE})\s+and\s+$")
_SIGNED_BY_BEFORE = re.compile(r"\bsigned\b[^.;]{0,80}?\bby\s+$")
_SIGNED_BY_BEFORE_ANY = re.compile(r"\bsigned\b[^.;]{0,80}?\bby\b")  # (a screen: the by-phrase before the name)
_AND_THE_OFFICE_ENDS = re.compile(rf",?\s+and\s+the\s+(?P<office>{_PORTFOLIO_OFFICE})\s*(?:[.;]|$)", re.M)


def _offices_signed(ctx: Context, mentions: list[Mention]) -> dict[int, tuple[int, int]]:
    """The persons of a signing pair of which one or both are named by their
    office ("The Secretary and the Foreign Minister signed ...", "Secretary
    Blinken and the Foreign Minister signed ..."): an office stands for the
    nearest person named with it before the sentence, in its paragraph and
    those just before it; the whole pair or none of it."""
    text = ctx.text
    out: dict[int, tuple[int, int]] = {}
    if not ctx.may_match(_THE_OFFICE, 0, len(text)):
        return out
    offices = list(_THE_OFFICE.finditer(text))
    office_at = {m.start(): m for m in offices}
    named_at = {m.extent_start: m for m in mentions}
    for first in offices:
        s_start, s_end = ctx.sentence_at(first.start())
        # the pair's other half, after "and": an office or a named person
        joint = _AND.match(text, first.end())
        if joint is None:
            continue
        second = office_at.get(joint.end())
        named = None if second else named_at.get(joint.end())
        pair_end = second.end() if second else named.end if named else -1
        if pair_end < 0 or not _VERB_AFTER.match(text[pair_end:s_end]):
            continue
        pair = [first, second] if second else [first]
        out.update(_pair(ctx, mentions, s_start, s_end, [m.group("office") for m in pair], named))
    # (each mention's sentence is looked up only where an office stands beside it)
    for named in mentions:
        # "Secretary Blinken and the Foreign Minister signed ..."
        joint = _AND.match(text, named.end)
        office = office_at.get(joint.end()) if joint else None
        if office is not None:
            s_start, s_end = ctx.sentence_at(named.start)
            if _VERB_AFTER.match(text[office.end():s_end]):
                out.update(_pair(ctx, mentions, s_start, s_end, [office.group("office")], named))
        # "... was signed by the Business and Trade Secretary and Ghana's Minister
        # for Trade, K.T. Hammond", "... signed by Minister X and the Foreign
        # Secretary": a signing's by-phrase pairs an office with a named person
        s_start, s_end = ctx.sentence_at(named.start)
        if ctx.found(_SIGNED_BY_BEFORE_ANY, s_start, named.extent_start):
            office = _SIGNED_BY_OFFICE_AND.search(text, s_start, named.extent_start)
            if office is None and _SIGNED_BY_BEFORE.search(text, s_start, named.extent_start):
                office = _AND_THE_OFFICE_ENDS.match(text, named.end)
            if office is not None:
                out.update(_pair(ctx, mentions, s_start, s_end, [office.group("office")], named))
        # "The Prime Minister and President Widodo signed ...": the office before
        # "and" was read as the first half of the named person's title
        shared = _SHARED_TITLE.fullmatch(named.title) if " and " in (named.title or "") else None
        if shared and _THE_OFFICE.match(text, named.extent_start):
            s_start, s_end = ctx.sentence_at(named.start)
            if _VERB_AFTER.match(text[named.end:s_end]):
                out.update(_pair(ctx, mentions, s_start, s_end, [shared.group("office")], named))
    return out


# "(i) Memorandum of Understanding on ..., signed by the Minister of Investment,
# Trade and Industry of Malaysia and the Cabinet Secretary for Investments,
# Trade and Industry of Kenya;": a signing's by-phrase of offices alone, each
# written as the text titled a person before it
_SIGNED_BY_THE = re.compile(r"\bsigned\s+by\s+(?=the\s+[A-Z])")
_OFFICE_JOINT = re.compile(r",?\s+and\s+(?=the\s+[A-Z])")
# (what may follow an office's title in the by-phrase: its country, the end)
_AFTER_OFFICE = re.compile(r"\s*(?:$|[;,.]|\s(?:of|on|in|at)\s)")


def _offices_by_title(ctx: Context, mentions: list[Mention]) -> dict[int, tuple[int, int]]:
    """The persons of a signing's by-phrase that names offices only ("signed
    by the Minister of Foreign Affairs of Malaysia and the Prime Cabinet
    Secretary ... of Kenya"): each office the title of a person named before
    the sentence (the nearest such), all of them or none."""
    text = ctx.text
    out: dict[int, tuple[int, int]] = {}
    if not ctx.may_match(_SIGNED_BY_THE, 0, len(text)):
        return out
    titled = [m for m in mentions if m.title and len(m.title.split()) >= 2]
    for by in _SIGNED_BY_THE.finditer(text):
        s_start, s_end = ctx.sentence_at(by.start())
        phrase_end = min((i for i in (text.find(";", by.end(), s_end), s_end) if i >= 0))
        segments = _OFFICE_JOINT.split(text[by.end():phrase_end])
        earlier = [m for m in titled if m.start < s_start]
        picked: list[Mention] = []
        for segment in segments:
            office = re.sub(r"^the\s+", "", segment.strip())
            found = max((m for m in earlier if m not in picked and office.lower().startswith(m.title.lower())
                         and _AFTER_OFFICE.match(office, len(m.title))),
                        key=lambda m: (len(m.title), m.start), default=None)
            if found is None:
                picked = []
                break
            picked.append(found)
        out.update(dict.fromkeys((m.start for m in picked), (s_start, s_end)))
    return out


def _pair(ctx: Context, mentions: list[Mention], s_start: int, s_end: int, offices: list[str],
          named: Mention | None) -> dict[int, tuple[int, int]]:
    """Each office's holder (the nearest person named with it before the
    sentence), with the named half of the pair: all of them, or none."""
    window_start = _paragraphs_back(ctx, s_start)
    earlier = [m for m in mentions if window_start <= m.start < s_start and m.title]
    picked = [named] if named is not None else []
    for office in offices:
        holds = re.compile(rf"\b{re.escape(office)}\b", re.IGNORECASE)
        found = next((m for m in reversed(earlier)
                      if holds.search(m.title) and all(m.name != p.name for p in picked)), None)
        if found is None:
            return {}
        picked.append(found)
    return dict.fromkeys((m.start for m in picked), (s_start, s_end))


def _they_signed(ctx: Context, mentions: list[Mention]) -> dict[int, tuple[int, int]]:
    """The titled persons of the sentence before "They signed ...", when it
    names two to four of them ("Prime Minister A welcomed President B. They
    signed a joint declaration."), with the sentence that says so."""
    text = ctx.text
    if not ctx.may_match(_THEY_SIGNED, 0, len(text)):
        return {}
    out: dict[int, tuple[int, int]] = {}
    for they in _THEY_SIGNED.finditer(text):
        s_start, s_end = ctx.sentence_at(they.start())
        if text[s_start:they.start()].strip():
            continue  # ("..., and they signed": the subject is the clause's, not the sentence's)
        before_start, _ = ctx.sentence_at(max(0, s_start - 1))
        named: dict[str, int] = {}
        for m in mentions:
            if before_start <= m.start < s_start and m.title:
                named.setdefault(m.name, m.start)
        if 2 <= len(named) <= THEY_AT_MOST:
            out.update(dict.fromkeys(named.values(), (s_start, s_end)))
    return out


def _paragraphs_back(ctx: Context, at: int) -> int:
    """Where the text a sentence at ``at`` may refer back to starts: its
    block and up to GROUP_BLOCKS_BACK blocks before it, not across a heading."""
    blocks = ctx.parsed.blocks
    i = ctx.block_index(at)
    if i < 0:
        return at
    first = i
    while first > 0 and i - first < GROUP_BLOCKS_BACK and blocks[first - 1].kind is not BlockKind.heading:
        first -= 1
    return blocks[first].start


_JOINED_AT = re.compile(r"\b(?:joined|accompanied)\s+(?:\w+\s+){0,2}at\s+the\s+$", re.IGNORECASE)


def _named_by_signing(ctx: Context, s_start: int, s_end: int, in_sentence: list[Mention]) -> set[int]:
    """Starts of the sentence's mentions after "signed by" or "signed ... with"
    (before a witness clause), and of the subjects who signed "with" them."""
    # (most sentences hold no word of signing: they are not searched)
    signing = [pattern for pattern in (_SIGNED_BY, _SIGNED_WITH) if ctx.may_match(pattern, s_start, s_end)]
    if not signing:
        return set()
    text = ctx.text
    sentence = text[s_start:s_end]
    out: set[int] = set()
    for pattern in signing:
        for verb in pattern.finditer(sentence):
            if _JOINED_AT.search(sentence, 0, verb.start()):
                continue  # "was joined at the signing by X": X joined, the subject signed
            after = s_start + verb.end()
            # (a witness clause before the verb, "In the presence of the two
            # leaders, the Agreement was signed by A and B", names no witness after it)
            stop = _WITNESS.search(sentence, verb.end())
            until = s_start + stop.start() if stop else s_end
            # ("... by A and B, during Prime Minister Modi's visit": the occasion's
            # clause ends the signers' list)
            occasion = _OCCASION_AFTER.search(sentence, verb.end(), until - s_start)
            until = s_start + occasion.start() if occasion else until
            out |= {m.start for m in in_sentence if after <= m.start < until}
            if pattern is _SIGNED_WITH:
                # the subject who signed "with" them
                out |= {m.start for m in in_sentence if m.extent_end <= s_start + verb.start()
                        and _VERB_AFTER.match(text[m.extent_end:s_start + verb.end()])}
    return out


# (or another "by" clause: "..., at talks convened by the African Union's envoy, Dr X")
_OCCASION_AFTER = re.compile(r"\b(?:during|following|ahead of|on the (?:sidelines|margins) of|as part of|"
                             r"at the invitation of|on the occasion of|"
                             r"(?:convened|hosted|chaired|organi[sz]ed|facilitated|mediated|brokered)\s+by|"
                             # ("a petition signed by 130,000 Australians that was presented ... by X")
                             r"(?:that|which|who)\s+(?:was|were|is|are|has|have|had)\b)\b", re.I)
_LINE_OPENING = re.compile(r"^[\s(]*(?:(?:the|his|her)\s+)?(?:(?:excellency|honou?rable|hon\.?|h\.\s?e\.|"
                           r"dr\.?|mr\.?|mrs\.?|ms\.?|rt\.?)\s+)*$", re.IGNORECASE)


def _opens_line(ctx: Context, m: Mention) -> bool:
    """Only honorifics stand before the mention on its line (a signature line
    "The Hon Julia Gillard - Deputy Prime Minister")."""
    block = ctx.block_at(m.start)
    return block is not None and bool(_LINE_OPENING.match(ctx.text[block.start:m.extent_start]))


def _closing_name_lines(ctx: Context, mentions: list[Mention]) -> set[int]:
    """Names alone on their lines after the body, beside a title line, a date
    or another name: a signature block without the word "signed"."""
    parts = closing_parts(ctx)
    closing = parts[0][0]
    lines = [m for m in mentions if "name_line" in m.tags and in_closing(ctx, m.start)]
    tail = "".join(ctx.text[start:end] for start, end in parts)
    # A dated list of signers, one "Title Name of Country" per line ("September
    # 25, 2023" / "Prime Minister X of Y" / "President Z of W"): two lines at
    # least, each nothing but the titled name, after a date or "Signed"/"Done".
    titled = [m for m in mentions if m.start >= closing and m.title and "name_line" not in m.tags
              and _whole_line(ctx, m)]
    out = set()
    if len(titled) >= 2 and _SIGNING_DATE.search(ctx.text[closing:titled[0].extent_start]):
        out = {m.start for m in titled}
    if not lines:
        return out
    if len(lines) >= 2 or re.search(r"\b(?:19|20)\d\d\b|President|Minister|Secretary|Chancellor|"
                                    r"For the\b", tail):
        return out | {m.start for m in lines}
    return out


_SIGNING_DATE = re.compile(r"\b(?:19|20)\d\d\b|\b(?:Signed|Done)\b")
# What may follow a titled name on its line: its country or government.
_LINE_REST = re.compile(r"^[\s,]*(?:(?:of|for)\s+(?:the\s+)?[A-Z][^.;:“”\"]{0,80})?[\s.,]*$")


def _whole_line(ctx: Context, m: Mention) -> bool:
    """The mention (title, name, country) is all its line holds."""
    block = ctx.block_at(m.start)
    if block is None or block.end - block.start > 160:
        return False
    return (not ctx.text[block.start:m.extent_start].strip()
            and bool(_LINE_REST.match(ctx.text[m.extent_end:block.end])))


SIGNER_LINE_CHARS, SIGNER_NAME_WITHIN = 300, 80


def _listed_under_intro(ctx: Context) -> set[int]:
    """Persons on the lines after "Co-signatories:" or "Signed by:" (read as
    a roster too: a list of signers is one)."""
    out: set[int] = set()
    if not ctx.may_match(_SIGNERS_INTRO, 0, len(ctx.text)):
        return out  # (most documents never write the words: their lines are not screened one by one)
    blocks = ctx.parsed.blocks
    starts = _mention_starts(ctx)
    for i, block in enumerate(blocks):
        intro = ctx.may_match(_SIGNERS_INTRO, block.start, block.end) and _SIGNERS_INTRO.search(
            ctx.block_text(block))
        if not intro:
            continue
        out.update(starts[bisect_left(starts, block.start + intro.end()):bisect_left(starts, block.end)])
        # a line without a signer ("This signature commits the Communities of
        # Belgium.") may sit between two; two in a row end the list
        without = 0
        for nxt in blocks[i + 1:]:
            inside = starts[bisect_left(starts, nxt.start):bisect_left(starts, nxt.end)]
            # a long line is a signer's only if it opens with the name
            # ("Belgium: Valérie Glatigny, Minister for ... This signature commits ...")
            if nxt.end - nxt.start > SIGNER_LINE_CHARS and (not inside or inside[0] - nxt.start > SIGNER_NAME_WITHIN):
                break
            without = 0 if inside else without + 1
            if without == 2:
                break
            out.update(inside)
    return out

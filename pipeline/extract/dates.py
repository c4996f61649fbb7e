"""Dates: every absolute or partial date the text states, with its role.

Candidates are found by patterns (month-day-year, day-month-year, month-year,
no-year "May 5th and 6th", year ranges "2028-29", bare years) and normalised
by month names and the calendar; relative dates ("today", "this week") are never made
absolute.  The role comes from where the date stands (a dateline, a signature
block, the lead paragraph) and the words around it ("by the end of", "since",
"upcoming", "signed ... on").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache


from pipeline.extract import literals, register
from pipeline.extract.context import Context
from pipeline.extract.kind import feature_kind
from pipeline.extract.literals import CaselessPattern, occurs_in
from pipeline.extract.mentions import find_mentions
from pipeline.models import BlockKind, DateItem, DateRole, Kind
from pipeline.resources import trained

_MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
           r"December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sep\.|Sept\.|Oct\.|Nov\.|Dec\.)")
# Abbreviations without their full stop ("16 APR 1968", "3 Sept 2024"): in a
# date form only, where a day or a year stands beside them.
_ABBREVIATIONS = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_BARE_ABBREVIATIONS = rf"(?:{_ABBREVIATIONS}|{_ABBREVIATIONS.upper()})(?![\w.])"
_MONTH = rf"(?P<month>{_MONTHS}|{_MONTHS.upper()}|{_BARE_ABBREVIATIONS})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|ST|ND|RD|TH)?"
_DAY2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th|ST|ND|RD|TH)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_RANGE_SEP = r"\s*(?:-|–|—|to|and|through)\s*"
# "29th September to 3rd October, 1963"; "October 31–-November 1, 2023"
_CROSS_SEP = r"\s*(?:[-–—]{1,2}|to|until|through)\s*"
_END = r"(?![\d\w])"

# An attestation's day and year in words: "this twentieth day of October, two
# thousand and twenty-five", "the 26th day of October, 2025", "the 12th of February".
_UNITS = ("", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
ORDINAL_DAYS = {word: n for n, word in enumerate(_UNITS) if word} | {
    word: n for n, word in enumerate(("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
                                      "sixteenth", "seventeenth", "eighteenth", "nineteenth"), start=10)} | {
    "twentieth": 20, "thirtieth": 30, "thirty-first": 31} | {
    f"twenty-{word}": 20 + n for n, word in enumerate(_UNITS) if word}
_NUMBER_WORDS = {w: n for n, w in enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                                             "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
                                             "sixteen", "seventeen", "eighteen", "nineteen"))} | {
    w: 10 * n for n, w in enumerate(("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
                                     "ninety")) if w}
_DAY_WORD = r"(?P<dayw>" + "|".join(sorted(map(re.escape, ORDINAL_DAYS), key=len, reverse=True)) + r")"
_YEAR_WORDS = (r"(?P<yearw>two\s+thousand(?:\s+and)?(?:\s+(?:" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
               + r")(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)?)")
_OF_YEAR = rf"(?:,?\s+(?:in\s+the\s+year\s+(?:of\s+our\s+Lord\s+)?)?|\s+of\s+the\s+year\s+)(?:{_YEAR}|{_YEAR_WORDS})"

# Ordered: the first pattern to claim a span wins.
_MONTH2 = _MONTH.replace("?P<month>", "?P<month2>")
PATTERNS: list[tuple[str, re.Pattern]] = [
    # "March 3 and March 15, 1976", "July and September 2023": the year is both's
    ("dates.month_day_pair", re.compile(rf"\b{_MONTH}\s+{_DAY}\s+(?:and|&)\s+{_MONTH2}\s+{_DAY2},?\s+{_YEAR}{_END}")),
    ("dates.month_pair", re.compile(rf"\b{_MONTH}\s+(?:and|&)\s+{_MONTH2},?\s+{_YEAR}{_END}")),
    # "30 May – 2 June 2024", "May 30 – June 2, 2024"
    ("dates.cross_month_range", re.compile(rf"\b{_DAY}\s+{_MONTH}{_CROSS_SEP}{_DAY2}\s+{_MONTH2},?\s+{_YEAR}{_END}")),
    ("dates.cross_month_range", re.compile(rf"\b{_MONTH}\s+{_DAY}{_CROSS_SEP}{_MONTH2}\s+{_DAY2},?\s+{_YEAR}{_END}")),
    # "(2018, July 18)": a citation's date, the year first
    ("dates.year_month_day", re.compile(rf"\b{_YEAR},\s+{_MONTH}\s+{_DAY}{_END}")),
    ("dates.month_day_range", re.compile(rf"\b{_MONTH}\s+{_DAY}{_RANGE_SEP}{_DAY2}(?:,?\s+{_YEAR})?{_END}")),
    ("dates.day_month_range", re.compile(rf"\b{_DAY}{_RANGE_SEP}{_DAY2}\s+{_MONTH}(?:,?\s+{_YEAR})?{_END}")),
    ("dates.month_day_year", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}{_END}")),
    ("dates.day_month_year", re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}{_END}")),
    ("dates.day_of_month", re.compile(rf"\b(?:{_DAY_WORD}\s+day|(?P<day>[0-3]?\d)(?:st|nd|rd|th)(?:\s+day)?)\s+of\s+"
                                      # ("the 14th day of the July, 2022": a slip of the pen, read as written)
                                      rf"(?:the\s+)?{_MONTH}(?:{_OF_YEAR})?{_END}", re.I)),
    ("dates.iso", re.compile(r"\b(?P<iso>(?:19|20)\d{2}-[01]\d-[0-3]\d)\b")),
    # (month first, as the US writes it; a first number above 12 is a day: "25/02/2024")
    ("dates.numeric_mdy", re.compile(r"\b(?P<m>[0-3]?\d)/(?P<d>[0-3]?\d)/(?P<y>(?:19|20)\d{2})\b")),
    ("dates.month_year", re.compile(rf"\b{_MONTH},?\s+{_YEAR}{_END}")),
    # (not a paragraph's number on the next line: "... as soon as possible in
    # January\n5. With a view to ...")
    ("dates.month_day", re.compile(rf"\b{_MONTH}(?:[ \t]+|\s+(?![0-3]?\d[.)]\s))(?!\s){_DAY}{_END}(?!,?\s+(?:19|20)\d\d)")),
    ("dates.day_month", re.compile(rf"\b{_DAY}\s+{_MONTH}{_END}(?!,?\s+(?:19|20)\d\d)")),
    # Fiscal years and quarters are periods: "FY2025" (kept, role other), "Q3 2025" (skipped).
    ("dates.fiscal_year", re.compile(r"\bFY\s?(?P<year>(?:19|20)\d{2}|\d{2})\b")),
    ("dates.not_a_date", re.compile(r"\b(?:Q[1-4]|H[12])\s+(?:19|20)\d{2}\b|\b(?:19|20)\d0s\b|\b(?:19|20)\d{2}[-–](?:19|20)?\d{2}s\b")),
    ("dates.year_range", re.compile(r"(?<![\d$§./-])(?P<y1>(?:19|20)\d{2})\s*[-–—]\s*(?P<y2>(?:19|20)?\d{2})(?![\d%])")),
    # "2013/2014", "2008/09", "1974/ 75": a financial or a session year
    ("dates.year_range", re.compile(r"(?<![\d$§./-])(?P<y1>(?:19|20)\d{2})/\s?(?P<y2>(?:19|20)?\d{2})(?![\d%/])")),
    # Years before 1900 only after the words that make a number a year ("since
    # 1788", "the 1833 Treaty"): bare, they are amounts as often.
    ("dates.early_year", re.compile(r"\b(?:[Ii]n|[Ss]ince|of|[Ff]rom|until|by|the|[Tt]he)\s+(?P<year>1[6-8]\d{2})(?![\d%s])(?!\s+[a-z]+s\b)")),
    # "post-2025", "pre-1978 homes", "mid-2002", "by end-2025": a year its prefix qualifies
    ("dates.prefixed_year", re.compile(r"\b(?:pre|post|mid|end|early|late|Pre|Post|Mid|End|Early|Late)-(?P<year>(?:19|20)\d{2})(?![\d%s]|-\d)")),
    # (nor an amount's whole part: "1943.5")
    ("dates.year", re.compile(r"(?<![\d$§./,-])(?P<year>(?:19|20)\d{2})(?![\d%s]|\s?percent|-\d|,\d|\.\d)")),
]

# A bare domain is read from the start of its word only: "\S+\.gov" tried
# from every character of a long word without one is quadratic.
_URL = CaselessPattern(r"(?:https?://|www\.)\S+|(?<!\S)\S+\.(?:gov|org|com|pdf|html?)\S*")
# What each URL holds; a URL runs to the end of its word, so only the words
# holding one of these are scanned (see CaselessPattern.word_spans).
_URL_HINT = re.compile(r"http|www\.|\.(?:gov|org|com|pdf|htm)")
_NOT_A_YEAR_BEFORE = re.compile(r"(?:\b(?:No|L|Pub|U\.S\.C|§|Section|Rule|Order|Resolution|\$[\d.,]+[MBK]?)\.?\s*|\$\s*)$",
                                re.I)
# A number a quantifier opens and a plural noun closes is a count: "up to
# 2000 schools", "more than 1500 people" ("by 2030 targets" stays a year)
_QUANTIFIER_BEFORE = re.compile(r"\b(?:up to|about|around|approximately|nearly|almost|more than|fewer than|"
                                r"less than|at least)\s+$", re.I)
_COUNTED = re.compile(r"\s+[a-z]+s\b")
_OTHER_BEFORE = re.compile(
    r"\b(?:by(?: the)?(?: end| start| middle| close)?(?: of)?|until|till|through|since|no later than|"
    r"deadline(?: of)?|before the end of|target(?:ing|ed)?(?: for)?|from now until|"
    r"term(?: of office)?(?: in)?|tenure(?: in)?)\s*(?:the\s)?$",
    re.I)
_FUTURE_OR_PAST = re.compile(
    r"\b(?:upcoming|next|previous|last|earlier|prior|former|forthcoming|planned|will be held|"
    r"anniversary|inaugural|first-ever meeting|was launched)\b", re.I)
# "Last updated 14 March 2024", "Date modified: 2024-10-30": page maintenance, not the document.
_MAINTENANCE = re.compile(r"\b(?:last updated|updated|date modified|modified|last reviewed|"
                          r"page last (?:reviewed|updated)|revised)\s*:?\s*(?:on\s+)?$", re.I)
# "expected to apply from 1 January 2025", "enters into force on ..."
_APPLIES_FROM = re.compile(r"\b(?:apply|applies|applying|effective|valid|in force|into force|take effect|"
                           r"takes effect|expire[sd]?|until|expires)\s+(?:from|on|as of|as from)?\s*$", re.I)
_EVENT_WORDS = re.compile(
    r"\b(?:held|hosted|hosts|met|meet|meeting|roundtable|dialogue|summit|forum|conference|session|"
    r"occasion|day of|visit|convened|gathered|took place|featured|talks|working group|travel|trip)\b", re.I)
# "WASHINGTON, March 3, 2023 —", "NEW DELHI, 14 March 2024 –": the page's own date.
_DATELINE = re.compile(r"^[A-Z][A-Za-z.'’ -]{1,40},\s*(?:[A-Z][a-z]+,\s*)?$")
# "Done at Singapore on 18 October 2024", "Signed in Vilnius, 12 October 2023"
# An attestation's place and date: "Done at Puglia, Italy, this 13th day of
# June, 2024", "DONE in duplicate at Kuala Lumpur, this 26th day of ...",
# "Signed at Jerusalem on the 14th day of ..." (a place of several parts, a
# verb in capitals, the copies made before the place)
_DONE_AT = re.compile(r"^(?:Done|DONE|Signed|SIGNED|Executed|EXECUTED|Adopted|ADOPTED)"
                      r"(?:\s+in\s+(?:duplicate|triplicate|two|three|\w+ originals)\b[^,;]{0,40}?)?,?"
                      r"\s+(?:at|in)\s+(?:the\s+)?[A-Z][^;\n]{0,60}?,?\s*(?:on\s+|this\s+)?(?:the\s+)?$")
# (an adopted text is attested, not signed: "Adopted at ..." is left to the model)
_SIGNING_ATTESTATION = re.compile(r"\s*(?:Done|DONE|Signed|SIGNED|Executed|EXECUTED)\b")
#: The confidence of a signing date an attestation gives (the rule's prior).
_ATTESTED = 0.85
#: The rules that read an instrument's signing date in a sentence, and how
#: often they are right: both of their 2 rows on the development part
#: (smoothed: (2 + 1) / (2 + 2)).
_SIGNING_RULES = ("role.signed_on", "role.on_date_signed", "role.signed_this")
_SIGNING_RULE = 0.75
#: The confidence of a page's date its closing date line gives (the rule's prior).
_CLOSING_LINE = 0.85
_SIGNED_BEFORE = re.compile(r"\b(?:signed|sign|signs|signing)\b[^.;]{0,50}?\b(?:on|in)\s+(?:\w+day,?\s+)?$", re.I)
# An instrument two sides sign, not a law or an order one official signs:
# "signed an Executive Order", "the Trade Expansion Act of 1962" date no
# signing of what the page announces
_INSTRUMENT = re.compile(r"\b(?:memorand(?:um|a)|mou|agreements?|declarations?|treaty|treaties|accords?|"
                         r"arrangements?|protocols?|frameworks?|letters? of intent|statements? of intent|charter|"
                         r"conventions?|covenants?|partnership|instruments?|joint\s+statements?|"
                         r"joint\s+communiqu[eé]s?)\b", re.I)
# "the Trade and Investment Framework Agreement, signed on July 16, 1996": a
# participle set off after an instrument's name dates an earlier one
_SIGNED_APPOSED = re.compile(r",\s+signed\s+(?:[\w.-]+\s+){0,4}?(?:on|in)\s+(?:\w+day,?\s+)?$", re.I)
# "the Mutual Defense Treaty signed on October 1, 1953", "the Memorandum of
# Understanding ... signed in Santiago on November 18, 2025": a participle
# after an instrument's name, with no auxiliary before it, dates an earlier
# one too (the page's own signing is told with a subject or "was signed")
_SIGNED_PARTICIPLE = re.compile(_INSTRUMENT.pattern + r"(?:(?!\b(?:was|were|been|is|are|be|being|today)\b)[^.;,])"
                                r"{0,80}?(?<!\bwas)(?<!\bwere)(?<!\bbeen)(?<!\bis)(?<!\bare)(?<!\bbe)"
                                r"\s+signed\s+(?:(?!today\b)[\w.-]+\s+){0,3}?(?:on|in)\s+(?:\w+day,?\s+)?$", re.I)
# (a signing done, not one to come: "committed to sign ... at the July 2008 meeting")
_SIGNED_DONE = re.compile(r"\bsigned\b|\bsigning of\b", re.I)
# ("Under the arrangement signed today, those who arrived before 25 July ...")
_RELATIVE_BEFORE = re.compile(r"\b(?:before|after|prior to)\s+$", re.I)
_LEGISLATION = re.compile(r"\b(?:law|laws|bill|act|executive orders?|proclamations?|legislation)\b", re.I)
_EARLIER_INSTRUMENT = re.compile(r"^\s*(?:Building on|Recalling|Noting|Recognizing|Under|Pursuant to|Since)\b|"
                                 r"\b(?:first|originally|previously|earlier|initially)\s+signed\b", re.I)
_SIGN_WORDS = re.compile(r"\b(?:signed|signs|signing|sign|signature)\b", re.I)
# ("The Cabinet met this morning": the dateline's day as well)
_TODAY = re.compile(r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening))\b", re.I)
_FUTURE_WORDS = re.compile(r"\bwill\b|\bnext\b|\bupcoming\b|\bplan", re.I)
_PUBLISHED = re.compile(r"\b(?:published|released|issued|dated|updated|posted)\b[^.]{0,60}$", re.I)
_PUBLISHED_LINE = re.compile(r"\W*(?:published|released|issued|dated|posted|release\s+date|date\s+of\s+(?:release|"
                             r"publication))\b", re.I)


@dataclass
class Candidate:
    start: int
    end: int
    value: str
    rule: str
    text: str


_TOKEN = re.compile(r"[A-Za-z]+|\d+|[^\sA-Za-z\d]")
_CLAUSE_CUES = [
    ("future", re.compile(r"\b(?:will|would|shall|expected|scheduled|planned|plans?|aims?|intends?|"
                          r"forecasts?|projected|target(?:s|ed)?|goal|deadline|upcoming|next)\b", re.I)),
    ("past", re.compile(r"\b(?:was|were|had|held|met|took place|signed|launched|adopted|established|"
                        r"initiated|since|ago|last|previous|earlier)\b", re.I)),
    ("period", re.compile(r"\b(?:budget|fiscal|financial year|funding|term|period|through|until|"
                          r"beyond|throughout|expire\w*|effect)\b", re.I)),
    ("name_of", re.compile(r"\b(?:Act|Agenda|Strategy|Plan|Vision|Report|Summit|Declaration|Accord|"
                           r"Agreement|Conference|Games|Review|Budget|Resolution)\b")),
]
# What may stand before a date that opens its sentence ("On Tuesday, 5 June 2023, ...")
_OPENS_SENTENCE = re.compile(r"\W*(?:[Oo]n|[Ii]n|[Ff]rom|[Bb]etween)?\s*(?:\w+day,?\s+)?")
#: Probability above which a date mention also takes its second most likely role.
SECOND_ROLE = 0.4


def features(ctx: Context, cand: Candidate) -> dict[str, float]:
    """What the role model sees of one date mention: its form, the words
    around it, its sentence and block, and what the hand-written role rules
    say (their verdict is one feature among the rest)."""
    text = ctx.text
    kind = Kind(feature_kind(ctx))
    s_start, s_end = ctx.sentence_at(cand.start)
    f: dict[str, float] = {"bias": 1.0, f"form:{cand.rule}": 1.0, f"kind:{kind.value}": 1.0}
    f["gran:" + ("noyear" if cand.value.startswith("--") else {4: "year", 7: "month", 10: "day"}
                 .get(len(cand.value), "other"))] = 1.0
    before = _TOKEN.findall(text[max(s_start, cand.start - 80):cand.start].casefold())
    after = _TOKEN.findall(text[cand.end:min(s_end, cand.end + 50)].casefold())
    for i, w in enumerate(reversed(before[-3:]), start=1):
        f[f"b{i}:{w}"] = 1.0
    for w in before[-10:]:
        f[f"bw:{w}"] = 1.0
    for i, w in enumerate(after[:2], start=1):
        f[f"a{i}:{w}"] = 1.0
    for w in after[:6]:
        f[f"aw:{w}"] = 1.0
    # (ctx.found: a sentence is searched once, not once for each date in it)
    for name, pattern in (("sign", _SIGN_WORDS), ("event", _EVENT_WORDS), ("futpast", _FUTURE_OR_PAST),
                          ("earlier_instrument", _EARLIER_INSTRUMENT), ("today", _TODAY),
                          ("future", _FUTURE_WORDS)):
        if ctx.found(pattern, s_start, s_end):
            f[f"sent:{name}"] = 1.0
    clause_start = max(text.rfind(p, s_start, cand.start) for p in ",;:(—–") + 1
    clause_start = max(clause_start, s_start)
    clause_end = min([i for i in (text.find(p, cand.end, s_end) for p in ",;.)") if i >= 0] or [s_end])
    for name, pattern in _CLAUSE_CUES:
        if ctx.found(pattern, clause_start, clause_end):
            f[f"clause:{name}"] = 1.0
    if _OPENS_SENTENCE.fullmatch(text, s_start, cand.start):
        f["sentence_opening"] = 1.0  # "On 5 June 2023, the leaders met ...": what the sentence tells happened then
    prev_char = text[max(0, cand.start - 2):cand.start]
    if "(" in prev_char:
        f["paren"] = 1.0
    prev_word = re.search(r"(\S+)\s*$", text[max(s_start, cand.start - 40):cand.start])
    if prev_word and prev_word.group(1)[:1].isupper() and prev_word.start() + max(s_start, cand.start - 40) > s_start:
        f["prev_capitalised"] = 1.0
    if re.match(r"\s*[A-Z][a-z]", text[cand.end:cand.end + 4]) and len(cand.value) == 4:
        f["next_capitalised"] = 1.0
    block = ctx.block_at(cand.start)
    if block is not None:
        index = ctx.block_index(cand.start)
        standalone, place_date = _block_shape(ctx, block)
        if standalone:
            # (a line that is the date alone is a heading to a PDF's parser for
            # its type and a paragraph in a text export: its kind says nothing)
            f["block:standalone"] = 1.0
        else:
            f[f"block:{block.kind.value}"] = 1.0
            if place_date:
                f["block:place_date"] = 1.0
        if index <= 2:
            f["block:first3"] = 1.0
        if index >= len(ctx.parsed.blocks) - 3:
            f["block:last3"] = 1.0
        if _in_front_matter(ctx, block):
            f["block:front_matter"] = 1.0
    if _in_lead(ctx, cand.start):
        f["lead"] = 1.0
        # the lead's first date is most often the occasion it reports ("On
        # June 17, 2022, President Biden convened ..."); later ones recall others
        if cand.start == _first_lead_date(ctx):
            f["lead_first"] = 1.0
            f[f"lead_first|gran:{len(cand.value)}"] = 1.0
    if cand.start < 400:
        f["near_start"] = 1.0
    for name in _relative_to_anchor(cand.value, _anchor(ctx)):
        f[name] = 1.0
    # A target year and a year of record read alike but for their clause:
    # the date's grain and position are weighed with the clause's tense.
    gran = next(k for k in f if k.startswith("gran:"))
    rel = next((k for k in f if k.startswith("rel:") and "years_" not in k), "rel:none")
    for cue in [k for k in f if k.startswith("clause:")] or ["clause:none"]:
        f[f"{gran}|{cue}"] = 1.0
        f[f"{rel}|{cue}"] = 1.0
    for name in _in_headline(ctx, cand):
        f[name] = 1.0
    role, rule, _ = _rule_role(ctx, cand, kind)
    f[f"verdict:{role.value}"] = 1.0
    f[f"rule:{rule}"] = 1.0
    f[f"verdict:{role.value}|kind:{kind.value}"] = 1.0
    return f


def _in_headline(ctx: Context, cand: Candidate) -> list[str]:
    """The headline's year, or its very date ("Joint Statement ... 25
    January 1973"): a headline dates the occasion it names."""
    title = (ctx.results.get("title") or (None, None))[0] or ""
    if cand.value[:4] not in title:
        return []
    return ["in_title:year", "in_title:date"] if cand.text in title else ["in_title:year"]


def _anchor(ctx: Context) -> str | None:
    """The document's own time: the full date its dateline, "Published" line
    or closing date line gives, else its first full date, else its first
    year (the lead's date in most documents).  (A page that announces a
    visit dates it after its own dateline: measured from the visit, the
    dateline would read as a day before the occasion.)"""
    if "date_anchor" not in ctx.analyses:
        cands = document_candidates(ctx)
        kind = Kind(feature_kind(ctx))
        dated = next((c.value for c in cands
                      if len(c.value) == 10 and _rule_role(ctx, c, kind)[1] in _PUBLICATION_RULES), None)
        full = next((c.value for c in cands if len(c.value) == 10), None)
        year = next((c.value[:4] for c in cands if not c.value.startswith("--")), None)
        ctx.analyses["date_anchor"] = dated or full or year
    return ctx.analyses["date_anchor"]


#: The role rules that read a date as the page's own.
_PUBLICATION_RULES = frozenset({"role.dateline", "role.place_dateline", "role.closing_date", "role.published_line"})


def _rule_role(ctx: Context, cand: Candidate, kind: Kind) -> tuple[DateRole, str, float]:
    """:func:`assign_role`, once per candidate (the anchor asks it too)."""
    cache = ctx.analyses.setdefault("date_rule_roles", {})
    key = (cand.start, cand.end, cand.value, kind)
    if key not in cache:
        cache[key] = assign_role(ctx, cand, kind)
    return cache[key]


def _relative_to_anchor(value: str, anchor: str | None) -> list[str]:
    """Where a date stands against the document's own time: a target year
    lies after it, an earlier agreement before it, the occasion on it."""
    if anchor is None:
        return ["rel:no_anchor"]
    if value.startswith("--"):
        return ["rel:same_month_day"] if len(anchor) == 10 and anchor[4:] == value[1:] else ["rel:noyear"]
    year, anchor_year = int(value[:4]), int(anchor[:4])
    if year != anchor_year:
        gap = year - anchor_year
        return ["rel:later_year" if gap > 0 else "rel:earlier_year",
                "rel:years_" + ("1" if abs(gap) == 1 else "2-5" if abs(gap) <= 5 else "6+")]
    if len(value) == 10 and len(anchor) == 10:
        try:
            days = (date.fromisoformat(value) - date.fromisoformat(anchor)).days
        except ValueError:  # an impossible day a document wrote ("30 February")
            return ["rel:same_year"]
        if days == 0:
            return ["rel:same_day"]
        return ["rel:days_" + ("after" if days > 0 else "before") + ("_7" if abs(days) <= 7 else "_30"
                                                                   if abs(days) <= 30 else "_more")]
    return ["rel:same_year"]


@register("dates")
def extract_dates(ctx: Context) -> list[DateItem]:
    model = trained("date_role")
    items: dict[tuple[str, str], DateItem] = {}

    def add(cand: Candidate, role: str, p: float, how: str) -> None:
        key = (cand.value, role)
        if key not in items or items[key].confidence < p:
            items[key] = DateItem(value=cand.value, role=DateRole(role), text=cand.text,
                                  evidence=ctx.evidence(cand.start, cand.end),
                                  confidence=round(p, 3), rule=f"{cand.rule}+{how}")

    cands = document_candidates(ctx)
    cand_features = [features(ctx, cand) for cand in cands]
    cand_probs = [model.proba(f) for f in cand_features]
    # DESIGN: a range gives its first and last day, one occasion's two ends:
    # they share its role, weighed on both
    for i, j in _ranges(ctx, cands):
        shared = {role: (cand_probs[i][role] + cand_probs[j][role]) / 2 for role in cand_probs[i]}
        cand_probs[i] = cand_probs[j] = shared
    for cand, feats, probs in zip(cands, cand_features, cand_probs):
        if "rule:role.page_maintenance" in feats:
            # "Last updated 23 February 2024" is the page's furniture, not the
            # document's content: structural, so not left to the model.
            add(cand, "other", 1.0, "role.page_maintenance")
            continue
        if "rule:role.done_at" in feats and _SIGNING_ATTESTATION.match(ctx.text, ctx.sentence_at(cand.start)[0]):
            # "Done at Jakarta on 5 September 2023." over the signature blocks
            # attests the signing whatever else the date is (the model, which
            # sees few, reads it as the dateline it repeats)
            add(cand, "signed", _ATTESTED, "role.done_at")
        signing = next((rule for rule in _SIGNING_RULES if f"rule:{rule}" in feats), None)
        if signing is not None and _has_day(cand.value):
            # "On June 13th, 2024, A and B signed the Agreement", "was signed on
            # 22 May 2024 by ...": the signing of an instrument, not a law or an
            # order (the model, trained before the rules read the instrument,
            # saw them right in 2 of 8 rows and learned to doubt them)
            add(cand, "signed", _SIGNING_RULE, signing)
            continue
        ranked = sorted((kv for kv in probs.items() if kv[0] != "none"), key=lambda kv: -kv[1])
        if "rule:role.closing_date" in feats and ranked[0][0] != "signed":
            # "CANBERRA NOVEMBER 1995" under the text dates the page whatever
            # else it dates (the development part: published in 66 of 70); a
            # date under the signers' names is the signing's
            add(cand, "published", max(probs["published"], _CLOSING_LINE), "role.closing_date")
        if probs["none"] >= ranked[0][1]:
            continue
        add(cand, ranked[0][0], ranked[0][1], "date_role.model")
        if len(ranked) > 1 and ranked[1][1] >= SECOND_ROLE:
            add(cand, ranked[1][0], ranked[1][1], "date_role.model")
        if ranked[0][0] == "published":
            # DESIGN: a dateline also dates the "today" occasion it stands over.
            for occasion in _today_occasions(ctx, cand):
                add(cand, occasion, ranked[0][1], "role.dateline_today")
        elif _opens_its_block(ctx, cand) or _front_dateline(ctx, cand):
            # ("PUTRAJAYA, 25 January 2022 - The Prime Minister today met ...",
            # "KUALA LUMPUR, 8 JUNE 2023 - ... paid an Official Visit on 8 June
            # 2023": the occasion won, and the dateline still dates the page)
            add(cand, "published", ranked[0][1], "role.dateline")
            for occasion in _today_occasions(ctx, cand):
                if occasion != ranked[0][0]:
                    add(cand, occasion, ranked[0][1], "role.dateline_today")
    return sorted(items.values(), key=lambda d: d.evidence.start)


# What joins a range's two ends: "from April 30 to May 4", "June 30 – July 2"
# ("and" joins a list as often: "Fiscal Years 2022 and 2023")
_RANGE_JOINT = re.compile(r"\s*(?:to|through|until|till|[-–—])\s*")


def _ranges(ctx: Context, cands: list[Candidate]) -> list[tuple[int, int]]:
    """(i, j) of each pair of candidates that are a range's two ends."""
    return [(i, i + 1) for i in range(len(cands) - 1)
            if cands[i].end <= cands[i + 1].start
            and _RANGE_JOINT.fullmatch(ctx.text, cands[i].end, cands[i + 1].start) is not None]


def _today_occasions(ctx: Context, cand: Candidate) -> list[str]:
    """'NEW DELHI, 22 February 2024 – India and Chile today signed ...': the
    roles of the occasions a dateline's "today" refers to (a meeting "today",
    and "Also today, A and B signed ..." below it: both)."""
    block = ctx.block_at(cand.start)
    following = ctx.text[cand.end:ctx.sentence_at(cand.end)[1]] if block else ""
    at = cand.end
    if block is not None and _closes_document(ctx, block):
        # "CANBERRA 12 February 1971" under the text: its "today" is above
        today = _TODAY.search(ctx.text, 0, block.start)
        if today is None:
            return []
        s_start, s_end = ctx.sentence_at(today.start())
        return ["signed" if ctx.found(_SIGN_WORDS, s_start, s_end) else "event"]
    # (a date, or a place and date, on its own line; or a "Published 17
    # December 2021" line over the text)
    if block is not None and (any(_block_shape(ctx, block)) or _published_line(ctx, block, cand)):
        nxt = _next_block(ctx, block)
        following, at = (ctx.block_text(nxt), nxt.start) if nxt else ("", at)
    today = _TODAY.search(following[:300])
    if today is None:
        return []
    # (the sentence of "today" says what it was: "met ... today. The leaders
    # welcomed the signing on June 21 of ..." is a meeting's day)
    s_start, s_end = ctx.sentence_at(at + today.start())
    roles = ["signed" if ctx.found(_SIGN_WORDS, s_start, s_end) else "event"]
    # ("Also today, the two ministers signed ...": a signing the lead's later
    # paragraphs date by the same "today")
    if roles == ["event"]:
        lead_end = min(len(ctx.text), s_end + TODAY_LEAD_CHARS)
        for later in _TODAY.finditer(ctx.text, s_end, lead_end):
            l_start, l_end = ctx.sentence_at(later.start())
            if ctx.found(_SIGNED_DONE, l_start, l_end) and _signs_an_instrument(ctx, l_start, l_end):
                roles.append("signed")
                break
    return roles


#: How far after the dateline's first "today" a signing's "today" is read.
TODAY_LEAD_CHARS = 1500


def _published_line(ctx: Context, block, cand: Candidate) -> bool:
    """'Published 17 December 2021' alone on its line, the date its end."""
    return (_PUBLISHED_LINE.match(ctx.text, block.start, cand.start) is not None
            and cand.start - block.start <= 20 and not ctx.text[cand.end:block.end].strip(" .\t"))


# What may stand before a dateline's date in its block: the place, in capitals
_DATELINE_PLACE = re.compile(r"[A-Z][A-Z.'’ -]{1,40},?\s*")
# and after it, the dash that opens the text
_DATELINE_DASH = re.compile(r"\s*[-–—]\s")


def _opens_its_block(ctx: Context, cand: Candidate) -> bool:
    """'PUTRAJAYA, 25 January 2022 – The Prime Minister today ...': a
    dateline that opens the first paragraph, its place in capitals."""
    block = ctx.block_at(cand.start)
    return (block is not None and len(cand.value) == 10 and block.start < cand.start
            and _DATELINE_PLACE.fullmatch(ctx.text, block.start, cand.start) is not None
            and _DATELINE_DASH.match(ctx.text, cand.end) is not None)


#: Front matter: the blocks over the body (headline, kicker, place and date
#: lines), each at most this long, at most this many.
_FRONT_LINE = 200
_FRONT_BLOCKS = 6


def _front_dateline(ctx: Context, cand: Candidate) -> bool:
    """'May 20, 2023' or 'Vilnius, 12 October 2023' on a line of its own
    above the body, the first such line: the page's date, whatever else it
    dates ("the leaders met today")."""
    block = ctx.block_at(cand.start)
    if block is None or len(cand.value) != 10 or not any(_block_shape(ctx, block)):
        return False
    index = ctx.block_index(block.start)
    if index is None or index >= _FRONT_BLOCKS:
        return False
    before = ctx.parsed.blocks[:index]
    return all(b.end - b.start <= _FRONT_LINE and not any(_block_shape(ctx, b)) for b in before)


CLOSING_BLOCKS = 3


def _closes_document(ctx: Context, block) -> bool:
    """A dateline on a line of its own among the last lines of the text,
    after the body (in a page of two paragraphs the dateline over the body is
    among its last lines too)."""
    index = ctx.block_index(block.start)
    return bool(index) and any(_block_shape(ctx, block)) and _among_closing_lines(ctx, index)


def _among_closing_lines(ctx: Context, index: int | None) -> bool:
    """Whether the block at ``index`` is among the text's last blocks, only
    short lines after it (a place, a name, a contact line)."""
    blocks = ctx.parsed.blocks
    return (index is not None and index >= len(blocks) - CLOSING_BLOCKS
            and all(b.end - b.start <= _LINE_OF_ITS_OWN for b in blocks[index + 1:]))


_SPACES = re.compile(r"\s*")
#: The longest closing sentence read as a place and date ("Port Moresby, 12 September 1990").
_CLOSING_LINE_CHARS = 80


def _closing_sentence(ctx: Context, block, sentence: str, s_end: int) -> bool:
    """A place and date, or a date, that is the last sentence of a block
    among the last lines of the text, the lines after it short."""
    # (the sentence must end its block: read from its end, not to the block's)
    if _SPACES.fullmatch(ctx.text, s_end, block.end) is None or len(sentence) > _CLOSING_LINE_CHARS:
        return False
    line = sentence.strip()
    return ((standalone_place_date(line) or _titled_place_date(line))
            and _among_closing_lines(ctx, ctx.block_index(block.start)))


def _titled_place_date(line: str) -> bool:
    """'Canberra November 1993', 'Port Moresby, 3 May 1990': a place of up
    to three words in title case, then a date alone."""
    words = line.split()
    return any(all(w[:1].isupper() for w in words[:k]) and _is_standalone_date(" ".join(words[k:]).lstrip(", "))
               for k in range(1, min(3, len(words) - 1) + 1))


#: The longest block that may follow a closing dateline (a place, a name, a
#: contact line; not a paragraph of the body).
_LINE_OF_ITS_OWN = 60


# Every date form holds a month name, a year or a numeric date: the patterns
# run only around those anchors, so their cost follows the dates, not the text.
_ANCHOR = CaselessPattern(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|"
                          r"(?:19|20|1[6-8])\d\d|\d{1,2}/\d{1,2}/|\bfy\s?\d")
_REACH = 60  # characters a date form can extend from its anchor
_DIGIT = re.compile(r"\d")
# _ANCHOR's two kinds, each written to open with a character the engine can
# skip to (a pattern opening with \b or a group is tried at every character):
# month words without the \b (see _anchor_spans), and the numbers opening
# with their first digit ("(?<=1)9" reads "19").
_MONTH_WORD = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?")
_NUMBER_ANCHOR = re.compile(r"\d(?:(?<=1)[6-9]\d\d|(?<=2)0\d\d|\d?/\d{1,2}/)")
_FISCAL_ANCHOR = re.compile(r"fy\s?\d")
_WORD_START = re.compile(r"\b")


def _anchor_spans(text: str) -> list[tuple[int, int]]:
    """``_ANCHOR.spans(text)``, in about half the time.

    A month word never shares a character with a number (letters and "."
    against digits and "/"), so one scan for each finds what one scan for
    both does.  A month word's letters found inside a word are dropped:
    they run to the word's end, where no word starts, so they hide none."""
    lower = literals.lowered(text)
    if lower is None:
        return _ANCHOR.spans(text)
    months = [m.span() for m in _MONTH_WORD.finditer(lower) if _WORD_START.match(lower, m.start())]
    fiscal = [m.span() for m in _FISCAL_ANCHOR.finditer(lower) if _WORD_START.match(lower, m.start())]
    return sorted(months + fiscal + [m.span() for m in _NUMBER_ANCHOR.finditer(lower)])


def _windows(text: str) -> list[tuple[int, int]]:
    """Merged spans around the anchors, widened to whitespace so that word
    boundaries read the same as in the whole text."""
    spans: list[tuple[int, int]] = []
    for anchor_start, anchor_end in _anchor_spans(text):
        start, end = max(0, anchor_start - _REACH), min(len(text), anchor_end + _REACH)
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return spans


def document_candidates(ctx: Context) -> list[Candidate]:
    """The date candidates of the whole text, found once per document (the
    extractor and the document's own time both read them; neither changes them)."""
    if "date_candidates" not in ctx.analyses:
        ctx.analyses["date_candidates"] = find_candidates(ctx.text)
    return ctx.analyses["date_candidates"]


# Every spelling of _MONTH opens with one of these (a pattern holding _MONTH
# cannot match where none is written).
_MONTH_PREFIX = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|"
                           r"JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC")
_NEEDS_MONTH = ["(?P<month>" in pattern.pattern for _, pattern in PATTERNS]
_DAY_OF = re.compile(r"\bof\s+(?:the\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", re.I)


def find_candidates(text: str) -> list[Candidate]:
    taken = bytearray(len(text) + 1)  # 1 where a URL or an earlier date stands
    for start, end in _URL.word_spans(text, _URL_HINT):
        taken[start:end] = b"\x01" * (end - start)
    found: list[Candidate] = []

    def free(s: int, e: int) -> bool:
        return taken.find(1, s, e) < 0  # (a byte search in C, not a loop over the bytes)

    # Every date form holds a digit: a window without one (around "may" or
    # "market") holds no date.
    all_windows = _windows(text)
    windows = [(start, end) for start, end in all_windows if _DIGIT.search(text, start, end)]
    # The forms with a month name run only where one is written (most
    # windows hold only a year).
    month_windows = [(start, end) for start, end in windows if _MONTH_PREFIX.search(text, start, end)]
    # (an attestation may write its day and year in words: "this twentieth
    # day of October, two thousand and twenty-five" holds no digit)
    worded = [(start, end) for start, end in all_windows if _DAY_OF.search(text, start, end)]
    for (rule, pattern), needs_month in zip(PATTERNS, _NEEDS_MONTH):
        spans = worded if rule == "dates.day_of_month" else month_windows if needs_month else windows
        for m in (m for start, end in spans for m in pattern.finditer(text, start, end)):
            if not free(m.start(), m.end()):
                continue
            if rule in ("dates.year", "dates.year_range") and _NOT_A_YEAR_BEFORE.search(
                    text[max(0, m.start() - 20):m.start()]):
                continue
            if rule == "dates.year" and _COUNTED.match(text, m.end()) and _QUANTIFIER_BEFORE.search(
                    text[max(0, m.start() - 20):m.start()]):
                continue  # "up to 2000 schools": a count of things
            values = [] if rule == "dates.not_a_date" else _normalise(rule, m)
            if not values and rule in ("dates.year", "dates.year_range"):
                continue
            # (an early year is the year alone, not the word that makes it one)
            start, end = m.span("year") if rule in ("dates.early_year", "dates.prefixed_year") else m.span()
            # An impossible date ("February 30, 2023") still claims its words,
            # so its year is not read again as a bare year.
            taken[start:end] = b"\x01" * (end - start)
            for value in values:
                found.append(Candidate(start, end, value, rule, text[start:end]))
    found.sort(key=lambda c: (c.start, c.value))
    return found


def _normalise(rule: str, m: re.Match) -> list[str]:
    g = m.groupdict()
    if rule == "dates.iso":
        y, m, d = g["iso"].split("-")
        return [v for v in [_iso(int(y), int(m), int(d))] if v]
    if rule == "dates.numeric_mdy":
        month, day = int(g["m"]), int(g["d"])
        if month > 12 >= day:
            month, day = day, month  # "14/02/2024": a day above 12 first is the day of a day-month order
        return [v for v in [_iso(int(g["y"]), month, day)] if v]
    if rule == "dates.year_range":
        y1, y2 = g["y1"], g["y2"]
        if len(y2) == 2:
            y2 = y1[:2] + y2
        if not int(y1) < int(y2) <= int(y1) + 50:
            return []
        return [y1, y2]
    if rule in ("dates.year", "dates.fiscal_year", "dates.early_year", "dates.prefixed_year"):
        year = g["year"]
        return ["20" + year if len(year) == 2 else year]  # ("FY22")
    month, year = g.get("month"), g.get("year") or _year_in_words(g.get("yearw"))
    days = [d for d in (g.get("day"), g.get("day2")) if d]
    if g.get("dayw"):
        days = [str(ORDINAL_DAYS[g["dayw"].casefold()])]
    if not days:
        months = [month] + ([g["month2"]] if g.get("month2") else [])
        return [v for v in (_parse(f"1 {name} {year}", "month") for name in months) if v]
    months = [month, g.get("month2") or month]
    out = []
    for day, day_month in zip(days, months):
        value = _parse(f"{day} {day_month} {year or 2000}", "day")
        if value is None:
            return []
        out.append(value if year else "--" + value[5:])
    return out


_MONTH_NUMBERS = {name: i for i, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")), start=1) for name in names}


def _year_in_words(words: str | None) -> str | None:
    """"two thousand and twenty-five" -> "2025"."""
    if not words:
        return None
    rest = re.sub(r"^two\s+thousand(?:\s+and)?\s*", "", words.casefold())
    return str(2000 + sum(_NUMBER_WORDS[w] for w in re.split(r"[\s-]+", rest) if w))


@lru_cache(maxsize=4096)
def _parse(text: str, granularity: str) -> str | None:
    """'5 May 2024' (day granularity) or '1 May 2024' (month) -> ISO; None
    for an impossible date ("30 February")."""
    day, month, year = text.split()
    number = _MONTH_NUMBERS.get(month.rstrip(".").casefold())
    if number is None:
        return None
    if granularity == "month":
        return f"{int(year):04d}-{number:02d}"
    return _iso(int(year), number, int(day))


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def assign_role(ctx: Context, cand: Candidate, kind: Kind) -> tuple[DateRole, str, float]:
    text = ctx.text
    s_start, s_end = ctx.sentence_at(cand.start)
    sentence = text[s_start:s_end]
    before_start = max(s_start, cand.start - 40)
    before = text[before_start:cand.start]
    block = ctx.block_at(cand.start)
    standalone, place_date = _block_shape(ctx, block) if block else (False, standalone_place_date(sentence))
    lowered = ctx.lowered

    def found_in(pattern: re.Pattern, start: int, end: int) -> bool:
        # (screened by its words, and searched in the lowered text where it
        # reads the same: literals.occurs_in; most cues are case-insensitive)
        return occurs_in(pattern, text[start:end], lowered and lowered[start:end])

    if block is not None and _labelled_above(ctx, block, cand.start, _MAINTENANCE):
        # ("Last updated" / "9 December 2022": a page's label on the line above its date)
        return DateRole.other, "role.page_maintenance", 0.8
    if standalone:
        nxt = _next_block(ctx, block)
        if _after_signature_block(ctx, block):
            return DateRole.signed, "role.signature_block", 0.9
        following = ctx.block_text(nxt) if nxt else ""
        if re.search(r"\btoday\b", following, re.I) and _SIGN_WORDS.search(following):
            return DateRole.signed, "role.dateline_signed_today", 0.85
        if (re.search(r"\btoday\b", following, re.I) and _EVENT_WORDS.search(following)
                and not any(c for c in find_candidates(following) if c.rule != "dates.year")):
            return DateRole.event, "role.dateline_event_today", 0.8
        if _in_front_matter(ctx, block):
            return DateRole.published, "role.dateline", 0.85
        if nxt is None and not _in_lead(ctx, cand.start):
            # a date alone on a line that closes the page, after the body (and
            # after the issuer's name and place: "Ministry of Foreign Affairs /
            # Putrajaya / 27 January 2023") dates the page
            return DateRole.published, "role.closing_date", 0.8
    elif block is not None and _closing_sentence(ctx, block, sentence, s_end):
        # "... sourced from APEC. Canberra November 1993": the closing place
        # and date run into the last paragraph (a typescript's OCR)
        return DateRole.published, "role.closing_date", 0.8
    block_before = text[block.start:cand.start] if block else ""
    if found_in(_MAINTENANCE, before_start, cand.start):
        return DateRole.other, "role.page_maintenance", 0.8
    if place_date and _after_signature_block(ctx, block):
        return DateRole.signed, "role.signature_block", 0.85
    if place_date and not standalone and _in_front_matter(ctx, block):
        return DateRole.published, "role.place_dateline", 0.8
    if _DATELINE.match(block_before) and re.match(r"\s*(?:[—–-]|\(|$)", text[cand.end:cand.end + 3]):
        return DateRole.published, "role.dateline", 0.8
    if _DONE_AT.match(block_before) or (_DONE_AT.match(text[s_start:cand.start])):
        return DateRole.signed, "role.done_at", 0.85
    # "signed on March 2, 2023" in the lead of an announcement of the signing;
    # a report or a readout mentions other instruments' signings.
    if (kind in (Kind.press_release, Kind.joint_statement, Kind.other) and len(cand.value) == 10
            and found_in(_SIGNED_BEFORE, max(s_start, cand.start - 80), cand.start)
            and not _SIGNED_APPOSED.search(text, max(s_start, cand.start - 80), cand.start)
            and not _SIGNED_PARTICIPLE.search(text, max(s_start, cand.start - 160), cand.start)
            and not ctx.found(_EARLIER_INSTRUMENT, s_start, s_end) and _signs_an_instrument(ctx, s_start, s_end)
            and (_in_lead(ctx, cand.start) or re.search(r"\bthis (?:statement|agreement|memorandum|mou|arrangement|declaration)\b", sentence, re.I))):
        return DateRole.signed, "role.signed_on", 0.75
    if found_in(_PUBLISHED, max(s_start, cand.start - 80), cand.start) and cand.value[:1] != "-":
        # ("Published 19 November 2018", "Published in the United States of
        # America, 2024.": a line of the page's own; "the report released in
        # 2019" in a sentence dates another text as often)
        if _PUBLISHED_LINE.match(text, s_start, cand.start):
            return DateRole.published, "role.published_line", 0.8
        return DateRole.published, "role.published_statement", 0.75
    if (found_in(_OTHER_BEFORE, before_start, cand.start) or found_in(_APPLIES_FROM, before_start, cand.start)
            or cand.rule == "dates.fiscal_year"):
        return DateRole.other, "role.deadline_or_term", 0.75
    # "On Monday, June 17, 2024, X and Y signed ...": a lead sentence built on
    # the date reports the occasion (a signing, or another event).
    opening = re.match(r"^\s*On\s+(?:\w+day,\s+)?$", text[s_start:cand.start])
    if opening and _in_lead(ctx, cand.start, numbered=True) and kind is not Kind.report:
        if (ctx.found(_SIGN_WORDS, s_start, s_end) and not ctx.found(_EARLIER_INSTRUMENT, s_start, s_end)
                and _signs_an_instrument(ctx, s_start, s_end)):
            return DateRole.signed, "role.on_date_signed", 0.75
        return DateRole.event, "role.on_date", 0.7
    # ("On March 6, Assistant Secretary A and Principal Secretary B signed ...":
    # a day without its year is the occasion's, wherever its paragraph stands)
    if (opening and cand.value.startswith("--") and kind is not Kind.report
            and ctx.found(_SIGNED_DONE, s_start, s_end) and not ctx.found(_EARLIER_INSTRUMENT, s_start, s_end)
            and _signs_an_instrument(ctx, s_start, s_end)):
        return DateRole.signed, "role.on_date_signed", 0.75
    if cand.rule == "dates.year_range" and re.search(r"\bfor\s+(?:the\s+)?(?:period\s+)?$", before, re.I):
        return DateRole.other, "role.period", 0.7
    if re.search(r"\(\s*(?:since|through|until|from)\s*$", before, re.I):
        return DateRole.other, "role.term_of_office", 0.8
    if found_in(_SIGN_WORDS, max(s_start, cand.start - 120), min(s_end, cand.end + 60)) and (
            re.search(r"\bthis (?:statement|agreement|memorandum|arrangement|declaration|document)\b",
                      sentence, re.I) or re.search(r"\btoday\b", sentence, re.I)) and (
            _signs_an_instrument(ctx, s_start, s_end) and not found_in(_OTHER_BEFORE, before_start, cand.start)
            and not _RELATIVE_BEFORE.search(before) and ctx.found(_SIGNED_DONE, s_start, s_end)):
        return DateRole.signed, "role.signed_this", 0.7
    near = (max(s_start, cand.start - 100), min(s_end, cand.end + 40))
    if (found_in(_EVENT_WORDS, *near) and not found_in(_FUTURE_OR_PAST, *near)
            and kind is not Kind.report
            and (_in_lead(ctx, cand.start) or cand.value.startswith("--"))):
        return DateRole.event, "role.occasion", 0.75
    if cand.value.startswith("--") and kind is Kind.readout:
        return DateRole.event, "role.no_year_in_readout", 0.6
    return DateRole.referenced, "role.mentioned", 0.6


def _has_day(value: str) -> bool:
    """A day's date ("2024-06-13", "--12-18"), not a month's or a year's: a
    year beside a signing names an earlier instrument as often ("a protocol
    amending the 2011 Air Transport Agreement")."""
    return len(value) == 10 or value.startswith("--")


def _signs_an_instrument(ctx: Context, s_start: int, s_end: int) -> bool:
    """Does the sentence name no law or order, and its paragraph an
    instrument?  (A typescript's sentence may stop at its line's end: "...
    signed on Monday 18 December in New York, two International" / "Covenants
    on Human Rights.")"""
    block = ctx.block_at(s_start)
    b_start, b_end = (block.start, block.end) if block is not None else (s_start, s_end)
    if block is not None and not ctx.text[b_start:b_end].rstrip().endswith((".", "!", "?", ":")):
        nxt = _next_block(ctx, block)  # (the sentence runs on into the next line)
        b_end = nxt.end if nxt is not None else b_end
    return ctx.found(_INSTRUMENT, b_start, b_end) and not ctx.found(_LEGISLATION, s_start, s_end)


#: The longest line above a date that may be its label ("Last updated").
LABEL_LINE = 40


def _labelled_above(ctx: Context, block, at: int, label: re.Pattern) -> bool:
    """Whether the date opens its block and the line above it is a label
    that ``label`` reads ("Last updated" over "9 December 2022")."""
    if ctx.text[block.start:at].strip():
        return False
    index = ctx.block_index(at)
    if not index:
        return False
    above = ctx.parsed.blocks[index - 1]
    return above.end - above.start <= LABEL_LINE and label.search(ctx.block_text(above)) is not None


_FULL_FORMS = {"dates.cross_month_range", "dates.month_day_range", "dates.day_month_range",
               "dates.month_day_year", "dates.day_month_year", "dates.iso", "dates.numeric_mdy",
               "dates.month_year", "dates.month_day", "dates.day_month", "dates.day_of_month"}


def _is_standalone_date(block_text: str) -> bool:
    """A line that is only a date (not a bare year): a dateline or cover date."""
    # ("CANBERRA, 14th July, 1964." closes older releases with a full stop)
    stripped = block_text.strip().removesuffix(".").rstrip()
    return len(stripped) <= 40 and any(p.fullmatch(stripped) for rule, p in PATTERNS
                                       if rule in _FULL_FORMS)


def _block_shape(ctx: Context, block) -> tuple[bool, bool]:
    """(a date alone, a place and date alone) of a block, read once per block
    rather than once for each date in it."""
    shapes = ctx.analyses.setdefault("date_block_shapes", {})
    key = (block.start, block.end)
    if key not in shapes:
        block_text = ctx.block_text(block)
        shapes[key] = (_is_standalone_date(block_text), standalone_place_date(block_text))
    return shapes[key]


def standalone_place_date(block_text: str) -> bool:
    """'Vilnius, 12 October 2023', 'CANBERRA 12 February 1971' (a place in
    capitals needs no comma) or 'May 20, 2023' alone on a line."""
    line = block_text.strip()
    if _is_standalone_date(line):
        return True
    # ("Washington, D.C., June 22, 2023", "Nairobi, Kenya, 3 May 2023": a
    # place of up to three parts before the date)
    rest = line
    for _ in range(3):
        place = _PLACE_COMMA.match(rest)
        if place is None:
            break
        rest = place.group(1)
        if _is_standalone_date(rest):
            return True
    place = _PLACE_CAPITALS.match(line)
    return place is not None and _is_standalone_date(place.group(1))


_PLACE_COMMA = re.compile(r"^[A-Z][\w .'’-]{1,40},\s+(.+)$")
_PLACE_CAPITALS = re.compile(r"^[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}\s+(.+)$")


def _next_block(ctx: Context, block):
    """The body paragraph this dateline stands over; None when another dateline
    stands between them (then this one dates the page, not the body)."""
    blocks = ctx.parsed.blocks
    i = ctx.block_index(block.start)  # (by bisection: a dateline per line must not be quadratic)
    if i is None:
        return None
    for j in range(i + 1, len(blocks)):
        nxt = blocks[j]
        if _block_shape(ctx, nxt)[0]:
            return None
        if nxt.end - nxt.start > 60:
            return nxt
    return None


def _after_signature_block(ctx: Context, block) -> bool:
    mentions = find_mentions(ctx)
    return any("signature_block" in m.tags and 0 <= block.start - m.extent_end <= 80 for m in mentions)


def _in_front_matter(ctx: Context, block) -> bool:
    """Among the first blocks, before the body starts (datelines, cover pages)."""
    for i, b in enumerate(ctx.parsed.blocks[:12]):
        if b.start == block.start:
            return True
        if b.kind is BlockKind.paragraph and b.end - b.start > 200:
            return False
    return False


def _first_lead_date(ctx: Context) -> int:
    """Where the first date of the lead stands (-1 where it has none)."""
    if "first_lead_date" not in ctx.analyses:
        ctx.analyses["first_lead_date"] = next(
            (c.start for c in document_candidates(ctx) if _in_lead(ctx, c.start)), -1)
    return ctx.analyses["first_lead_date"]


def _in_lead(ctx: Context, offset: int, numbered: bool = False) -> bool:
    """In the first two body paragraphs (the lead states the occasion)."""
    # The lead's blocks are found once per document, not once per date.
    leads = ctx.analyses.setdefault("date_leads", {})
    if numbered not in leads:
        lead_kinds = (BlockKind.paragraph,)
        first_long = next((b for b in ctx.parsed.blocks if b.end - b.start > 120), None)
        if numbered and first_long is not None and first_long.kind is BlockKind.list_item:
            # The body is numbered paragraphs ("1. On 3 July, the meeting ..."): they are the lead.
            lead_kinds = (BlockKind.paragraph, BlockKind.list_item)
        long_blocks = (b for b in ctx.parsed.blocks if b.kind in lead_kinds and b.end - b.start > 120)
        leads[numbered] = [b for _, b in zip(range(2), long_blocks)]
    return any(b.start <= offset < b.end for b in leads[numbered])

"""Parties: governments (or bodies such as the G7) party to the instrument the
document is or announces, jointly issuing it, or taking part in the meeting it
reports.

Candidates are every country and body the entity ruler finds (names, aliases,
demonyms, "Government of X"), grouped by country; a trained model
(``trained/party.json``) decides from where and how each is named: in the
title, in a signing sentence, in a list of participants, as the country of an
official who met or spoke, as the place of the meeting, or only in passing.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from pipeline.extract import register
from pipeline.extract.literals import JointScreen, may_occur, occurs_in
from pipeline.extract.context import Context
from pipeline.extract.kind import feature_kind
from pipeline.extract.mentions import find_mentions
from pipeline.extract.names import given_and_surname
from pipeline.extract.persons import country_signed_for, persons
from pipeline.gazetteer import (BODY_COUNTRIES, CAPITALS, COUNCIL_MEMBERS, GROUPING_FORMS, LEADER_GOVERNMENTS,
                                OFFICE_COUNTRIES, OFFICE_HOLDERS, short_name, trailing_country)
from pipeline.models import BlockKind, Party
from pipeline.resources import trained

_PARTY_LABELS = ("GPE", "ORG", "NORP", "AGENCY")
_SIGN = re.compile(r"\b(?:sign|signs|signed|signing|signature|signatories|signatory|co-signed|"
                   r"countersigned|ratif\w+|accede\w*|accession|conclude[ds]?)\b", re.I)
_PARTICIPANTS = re.compile(
    r"\b(?:gathered|participants?|participating|participated|attended|attendees|joined|took part|"
    r"representatives|delegations?|members|partners|endorsed|endorsing|co-sponsor\w*|"
    r"(?:officials|ministers|leaders|delegates|experts) (?:of|from)|countries|governments|nations)\b", re.I)
# Who took part, not who is a partner or a member of something: "The
# roundtable gathered the heads of quantum strategy offices from the United
# States, Australia, ...", "attended by representatives of ...".
_ATTENDANCE = re.compile(
    r"\b(?:gathered|brought together|attended|attendees|participants|participated|took part|in attendance|"
    r"joined by|(?:representatives|delegations|officials|ministers|leaders|delegates|heads of (?:\w+\s+){0,5}?\w+)"
    r"\s+(?:from|of))\b", re.I)
# "Canada and Chile today signed": a party is the subject of the signing.
_SIGN_SUBJECT = re.compile(r"[^.;]{0,80}?\b(?:signed|signs|sign|have signed|will sign)\b(?!\s+by)", re.I)
_MEETING = re.compile(r"\b(?:met|meet|meeting|call|spoke|talks|dialogue|consultations|summit|"
                      r"discussed|visit\w*|hosted|welcomed|convened|conversation)\b", re.I)
_MET_WITH = re.compile(r"\b(?:met|meeting|call|spoke|talks|consultations|dialogue|conversation|"
                       r"discussion)s?\b[^.;]{0,40}?\bwith\b[^.;]{0,80}$", re.I)
_ISSUED_BY = re.compile(r"\b(?:released|issued|adopted|agreed|made|signed) by\b|\bon behalf of\b|"
                        r"\bgovernments? of\b|\bbetween\b", re.I)
_PAST = re.compile(r"\b(?:earlier|previous(?:ly)?|prior|last (?:year|month|week)|since|ago|former|"
                   r"in (?:19|20)\d\d|history|historic)\b", re.I)
_OBSERVER = re.compile(r"\bobservers?\b|\bguests?\b|\binvited\b", re.I)
_ADVERSARIAL = re.compile(r"\b(?:against|condemn\w*|sanction\w*|attack\w*|aggression|invasion|regime)\b",
                          re.I)
_TITLE_WORD = re.compile(r"^\s*(?:[A-Z][\w-]*\s+){0,3}(?:President|Prime|Minister|Secretary|Foreign|"
                         r"Ambassador|Chancellor|Premier|King|Queen|Emperor|Crown|Deputy|Vice|Defense|"
                         r"Defence|Trade|Finance|National|Special|Envoy|Director|Counterpart|Government|"
                         r"Officials?|Delegation|Leaders?|Ministry|Department)\b")
# A line that opens "We, ..." (after spaces only): the words are looked for,
# then the start of their line read back (a search from every line start
# tries every character of the text).
_WE = re.compile(r"(?:We|WE),?\s")


# The words that open a title's topic, then up to six words before the name
# ("on the Situation in", "regarding", "about the people of")
_TITLE_TOPIC = re.compile(r"\b(?:on|about|regarding|concerning)\s+(?:[\w’'-]+\s+){0,6}$", re.I)
# A name paired with another by a hyphen or a dash ("U.S.-India", "Australia – Japan")
_PAIRED = re.compile(r"\s?[-–—/]\s?\w")
_PAIRED_BEFORE = re.compile(r"\w\s?[-–—/]\s?$")


def _line_opens_with_we(text: str) -> bool:
    return any(not text[text.rfind("\n", 0, m.start()) + 1:m.start()].strip() for m in _WE.finditer(text))


# The cues read in the words right before or after a mention (compiled once:
# they are asked of every mention).
_WITH_BEFORE = re.compile(r"\bwith\s*$")
# The partner of a relation the parties have, not a party: "cooperation with
# Japan and India", "our partnership with the European Union".
# The country a visit goes to: "an Official Visit to Malaysia", "during his visit to Japan",
# "travelled to Fiji"
_VISIT_TO = re.compile(r"\b(?:visits?|visited|visiting|trip|travel(?:s|led|ed|ling|ing)?|arriv(?:e|es|ed|ing))\s+"
                       r"(?:to|in)\s+(?:the\s+)?$", re.I)
_RELATION_WITH = re.compile(r"\b(?:cooperation|relations?|relationship|partnerships?|ties|trade|engagement|"
                            r"collaboration|coordination)\s+with\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){0,3}"
                            r"(?:and\s+(?:the\s+)?)?$")
# (and its head of government: "the Premier of South Australia")
_GOVERNMENT_OF_BEFORE = re.compile(r"\b(?:Government|Republic|Kingdom|State|People|Premier|Chief Minister|"
                                   r"First Minister)s? of\s+(?:the\s+)?$", re.I)
_SIGNATURE_FOR_BEFORE = re.compile(r"\bFor the Government of\b|\bFor the\s*$")
_COORDINATED_BEFORE = re.compile(r"\b(?:and|with)\s+(?:the\s+)?$")
_COORDINATED_AFTER = re.compile(r"\s*(?:and|,)\s")
_POSSESSIVE_AFTER = re.compile(r"[’']s?\b")
_PAIR_AFTER = re.compile(r"-[A-Z]")
_PAIR_BEFORE = re.compile(r"[A-Za-z.]-$")
_ISO_CODE = re.compile(r"[A-Z]{2}")


# Mentions that imply a country without writing it: a capital ("talks in
# Canberra"), an office only one government has, one of its states (the
# federation of "the Premier of Victoria"), a council of the federation's
# governments (each member of "COAG"), a grouping of states (each of the "Quad").
_IMPLIED = ("CAPITAL", "OFFICE", "FEDERATION", "COUNCIL", "GROUPING")
#: The labels of a membership's mentions: they name the member without writing it.
_MEMBERSHIP = ("COUNCIL", "GROUPING")


@dataclass
class PartyCandidate:
    code: str                    # ISO alpha-2, or a body's name
    mentions: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, label
    features: dict[str, float] = field(default_factory=dict)

    @property
    def is_country(self) -> bool:
        return _ISO_CODE.fullmatch(self.code) is not None


#: Characters over which the offset of a country's first mention is read
#: (a lead of two or three paragraphs).
_FIRST_CHARS_SCALE = 2000


def candidates(ctx: Context) -> list[PartyCandidate]:
    """Every country or body named, with the features of how it is named."""
    found: dict[str, PartyCandidate] = {}
    for start, end, label, code in ctx.entities:
        if label in _PARTY_LABELS and code:
            found.setdefault(code, PartyCandidate(code)).mentions.append((start, end, label))
    for m in _capital_mentions(ctx):
        found.setdefault(m[2], PartyCandidate(m[2])).mentions.append((m[0], m[1], "CAPITAL"))
    offices = list(_office_mentions(ctx))
    for start, end, code in offices:
        found.setdefault(code, PartyCandidate(code)).mentions.append((start, end, "OFFICE"))
    # "The Prime Minister spoke to President Zelenskyy": a government the
    # page names only by its leader's title and name (data/leaders.toml)
    named = set(found)
    leaders = list(_leader_mentions(ctx))
    for start, end, code in leaders:
        if code not in named:
            found.setdefault(code, PartyCandidate(code)).mentions.append((start, end, "OFFICE"))
    for start, end, code in _unnamed_office_mentions(ctx, offices + leaders):
        found[code].mentions.append((start, end, "OFFICE"))
    for start, end, label, body in ctx.entities:
        if label == "ORG" and body in BODY_COUNTRIES:
            found.setdefault(BODY_COUNTRIES[body], PartyCandidate(BODY_COUNTRIES[body])).mentions.append(
                (start, end, "FEDERATION"))
    for start, end, members, label in _council_mentions(ctx):
        for member in members:
            found.setdefault(member, PartyCandidate(member)).mentions.append((start, end, label))
    cands = list(found.values())
    _describe(ctx, cands)
    return cands


_COUNCIL = re.compile(r"\b(?:" + "|".join(re.escape(form) for form in sorted(COUNCIL_MEMBERS, key=len, reverse=True))
                      + r")(?!\w)")


def _council_mentions(ctx: Context):
    """(start, end, members, label) of each council or grouping the page names."""
    if not ctx.may_match(_COUNCIL, 0, len(ctx.text)):
        return  # (most pages name none)
    for m in _COUNCIL.finditer(ctx.text):
        yield m.start(), m.end(), COUNCIL_MEMBERS[m.group()], "GROUPING" if m.group() in GROUPING_FORMS else "COUNCIL"


def _named(cand: PartyCandidate) -> int:
    """How many of its mentions name the candidate itself (a council's name
    stands for its members without naming them one by one)."""
    return sum(1 for *_, label in cand.mentions if label not in _MEMBERSHIP)


# A capital after "in", "at", "to" or "from" ("met in Canberra").  The names
# are looked for first (a capital letter starts each, which the engine skips
# to) and the preposition then read before them: the same spans as
# r"\b(?:in|at|to|from)\s+(<capital>)\b" from each preposition, since no
# capital's name holds one of those words (so no match can hide another).
_CAPITAL = re.compile("(?:" + "|".join(
    re.escape(name) for name in sorted(CAPITALS, key=len, reverse=True)) + r")\b")
_PREPOSITION = re.compile(r"\b(?:in|at|to|from)\Z")
assert not any(_PREPOSITION.search(word) for name in CAPITALS for word in name.split())


def _office_mentions(ctx: Context):
    """The titles of officials whose bare office names its government ("Secretary
    of State Antony J. Blinken": the United States, never written out), or
    whose office and name do ("President Biden", "the Prime Minister, Mr.
    Harold Holt": ``data/officeholders.toml``)."""
    return _titles_naming(ctx, lambda m: OFFICE_COUNTRIES.get(m.title)
                          or OFFICE_HOLDERS.get((m.title, _surname(m.name))))


def _unnamed_office_mentions(ctx: Context, titled: list[tuple[int, int, str]]):
    """"The Prime Minister spoke to the French President" after "Prime
    Minister Theresa May": the bare title of an official the page has named
    refers to them, and so to their government.  Only a title that one
    government holds on the page is read so ("the President" of a page
    with President Biden and President Macron is either)."""
    holders: dict[str, set[str]] = {}
    for start, end, code in titled:
        holders.setdefault(ctx.text[start:end], set()).add(code)
    taken = {start for start, _, _ in titled}
    for title, codes in holders.items():
        if len(codes) != 1:
            continue
        (code,) = codes
        for m in _bare_title(title).finditer(ctx.text):
            if m.start(1) not in taken:
                yield m.start(1), m.end(1), code


@functools.lru_cache(maxsize=1024)
def _bare_title(title: str) -> re.Pattern:
    """ "the <title>" with no name, country or office of its own after it."""
    return re.compile(rf"\b[Tt]he\s+(?:Acting\s+)?({re.escape(title)})\b(?!{_NAMED_AFTER})")


# After a bare title, what makes it another's: a name ("The Prime Minister,
# Mr John Gorton"), a country ("the President of Kenya"), a possessive office.
_NAMED_AFTER = r"[’']s\s+(?:Office|Department)|,?\s+(?:of\b|for\b|[A-Z])"


def _leader_mentions(ctx: Context):
    """The titles of foreign leaders named with them ("President Zelenskyy",
    "Foreign Minister Wang Yi"), with the government the name gives."""
    return _titles_naming(ctx, lambda m: _leader_government(m.name))


def _titles_naming(ctx: Context, government):
    """(start, end, code) of each titled mention with no country of its own
    whose ``government(mention)`` gives one: the span of its title."""
    for m in find_mentions(ctx):
        if not m.title or m.country:
            continue
        code = government(m)
        at = ctx.text.rfind(m.title, m.extent_start, m.start) if code else -1
        if at >= 0:
            yield at, at + len(m.title), code


def _leader_government(name: str) -> str | None:
    """The government a leader's name names ("Volodymyr Zelenskyy": UA), by
    the whole name or its last words ("Xi Jinping", "Andrés Manuel López Obrador")."""
    words = name.split()
    for n in range(min(len(words), 3), 0, -1):
        code = LEADER_GOVERNMENTS.get(" ".join(words[-n:]))
        if code:
            return code
    return None


def _surname(name: str) -> str:
    both = given_and_surname(name)
    return both[1] if both else name.casefold()


def _capital_mentions(ctx: Context):
    text = ctx.text
    for m in _CAPITAL.finditer(text):
        before = m.start()
        while before > 0 and text[before - 1].isspace():  # (what \s matches)
            before -= 1
        if before < m.start() and _PREPOSITION.search(text, max(0, before - 4), before):
            yield m.start(), m.end(), CAPITALS[m.group()]


def _signer_countries(ctx: Context) -> set[str]:
    """Countries the signing rules give the signers ("signed for Ghana",
    "President of the United States" in a signature block, "X signed the
    Accords on behalf of Nigeria")."""
    out = set()
    for cand in persons(ctx):
        if "verdict:signatory" not in cand.features:
            continue
        for m in cand.mentions:
            behalf = country_signed_for(ctx, m)
            # (a signature line's title names the country: "Prime Minister of Japan")
            country = m.country or (trailing_country(m.title) if m.title else None)
            out.update(code for code in (country, behalf[0] if behalf else None) if code)
    return out


# A line that is only a country's name, in a list of them ("- Australia",
# "the Netherlands,")
_LINE_MARKER = re.compile(r"^\s*(?:[-•*–]|\d{1,2}[.)])?\s*(?:the\s+)?", re.I)
#: The fewest such lines in a row that make a list.
LISTED_LINES = 3


def _listed_lines(ctx: Context, cands: list[PartyCandidate]) -> dict[int, tuple[int, int]]:
    """Mentions that are a line of their own in a run of such lines under a
    lead-in ("Signed by the Governments of:" over "- Australia", "- Canada",
    ...): each mention's start, with the span of the lead-in and the run,
    which is read as one sentence (the list's sentence, set out one item to a
    line)."""
    blocks = ctx.parsed.blocks
    alone: dict[int, int] = {}  # block index -> mention start
    for c in cands:
        for start, end, label in c.mentions:
            if label in _IMPLIED:
                continue
            i = ctx.block_index(start)
            if i is None or i < 0:
                continue
            line = ctx.block_text(blocks[i])
            rest = line[_LINE_MARKER.match(line).end():].rstrip(" ,;.")
            named = ctx.text[start:end]
            if rest and (named == rest or named.lower().removeprefix("the ") == rest.lower()):
                alone[i] = start
    out: dict[int, tuple[int, int]] = {}
    indices = sorted(alone)
    k = 0
    while k < len(indices):
        j = k
        while j + 1 < len(indices) and indices[j + 1] == indices[j] + 1:
            j += 1
        first, last = indices[k], indices[j]
        if j - k + 1 >= LISTED_LINES and first > 0 and ctx.block_text(blocks[first - 1]).rstrip().endswith(":"):
            span = (blocks[first - 1].start, blocks[last].end)
            out.update({alone[i]: span for i in indices[k:j + 1]})
        k = j + 1
    return out


def _describe(ctx: Context, cands: list[PartyCandidate]) -> None:
    text = ctx.text
    kind = feature_kind(ctx)
    blocks = ctx.parsed.blocks
    title_block = ctx.title_block()
    lead = next((b for b in blocks if b.kind in (BlockKind.paragraph, BlockKind.list_item)
                 and b.end - b.start > 80), None)
    first_sentence = ctx.sentence_at(lead.start) if lead else (0, 0)
    # Countries per sentence: lists of participants name three or more.
    per_sentence: dict[tuple[int, int], set[str]] = {}
    listed = _listed_lines(ctx, cands)

    def sentence_of(start: int) -> tuple[int, int]:
        return listed.get(start) or ctx.sentence_at(start)

    for c in cands:
        for start, _, label in c.mentions:
            if label not in _IMPLIED:
                per_sentence.setdefault(sentence_of(start), set()).add(c.code)
    n_codes = max(1, sum(1 for c in cands if _named(c)))
    total_mentions = sum(_named(c) for c in cands) or 1

    # Each sentence is searched once per pattern, not once per mention in it
    # (a long list of countries in one sentence would be quadratic).
    def in_sentence(sentence: tuple[int, int], pattern: re.Pattern) -> bool:
        return ctx.found(pattern, *sentence)

    # What a sentence says of every country in it, read once per sentence:
    # the cues below are asked for each mention, and a sentence holds many.
    sentence_words: dict[tuple[int, int], frozenset[str]] = {}

    def words_of(sentence: tuple[int, int]) -> frozenset[str]:
        words = sentence_words.get(sentence)
        if words is None:
            hits = ctx.found_each(_SENTENCE_SCREEN, *sentence)
            words = sentence_words[sentence] = frozenset(cue for (cue, _), hit in zip(_SENTENCE_CUES, hits) if hit)
        return words

    we_doc = _line_opens_with_we(text)
    signer_countries = _signer_countries(ctx)
    person_countries = {m.country for cand in persons(ctx) for m in cand.mentions if m.country}
    home = _home_side(ctx, cands, [first_sentence] + ([(title_block.start, title_block.end)] if title_block else []),
                      person_countries)
    officials_lists = _officials_of_lists(ctx, cands)
    # "The Prime Minister met ...", never saying of where: the publisher's own
    # leader, whose country is most often the one the page names most.
    top = max((c for c in cands if c.is_country), default=None,
              key=lambda c: (sum(label not in _IMPLIED for *_, label in c.mentions), -min(c.mentions)[0]))
    unnamed_leader = top is not None and _UNNAMED_LEADER.search(text) is not None
    subjects = _sentence_subjects(ctx, cands)
    lowered = ctx.lowered
    for c in cands:
        f = c.features
        f["bias"] = 1.0
        if c is top:
            f["most_named"] = 1.0
            if unnamed_leader:
                f["most_named_unnamed_leader"] = 1.0
                f[f"most_named_unnamed_leader|kind:{kind}"] = 1.0
        if c.code == home:
            f["home_side"] = 1.0
            f[f"home_side|kind:{kind}"] = 1.0
        f["country" if c.is_country else "body"] = 1.0
        n = _named(c)
        f["count:" + ("0" if n == 0 else "1" if n == 1 else "2-3" if n <= 3 else "4+")] = 1.0
        f["share"] = n / total_mentions
        f["ncodes:" + ("1" if n_codes == 1 else "2" if n_codes == 2 else "3-5" if n_codes <= 5 else "6+")] = 1.0
        first = min(start for start, _, label in c.mentions)
        cues: set[str] = set()
        for start, end, label in c.mentions:
            sentence = sentence_of(start)
            # (a cue the candidate already has is not looked for again: the
            # candidate's features are the set of its mentions' cues)
            if label == "CAPITAL":
                if "capital_meeting" not in cues and in_sentence(sentence, _MEETING):
                    cues.add("capital_meeting")
                continue
            if label in _MEMBERSHIP:
                cues.add(f"label:{label}")
                if title_block and title_block.start <= start < title_block.end:
                    cues.add(f"{label.lower()}_title")
                continue
            if label == "FEDERATION":
                cues.add("label:FEDERATION")
                if title_block and title_block.start <= start < title_block.end:
                    cues.add("federation_title")
                continue
            if label == "OFFICE":
                cues.add("label:OFFICE")
                if sentence == first_sentence:
                    cues.add("office_first_sentence")
                if lead and lead.start <= start < lead.end:
                    cues.add("office_lead")
                # ("The Prime Minister spoke to ...", "Prime Minister Theresa
                # May held talks with ...": the official takes part)
                if "office_meeting" not in cues and in_sentence(sentence, _MEETING):
                    cues.add("office_meeting")
                if title_block and title_block.start <= start < title_block.end:
                    cues.add("office_title")
                continue
            before = text[max(sentence[0], start - 100):start]
            after = text[end:min(sentence[1], end + 60)]
            # (the searches anchored at its end run only where their words are,
            # in the lowered words where they read the same: literals.occurs_in)
            low_before = lowered[max(sentence[0], start - 100):start] if lowered is not None else None
            cues.add(f"label:{label}")
            if title_block and title_block.start <= start < title_block.end:
                cues.add("title")
                cues.add(f"title_{label}")
                # ("Statement on Ukraine", "Joint Statement on the Situation
                # in Sudan": the title's topic, not its issuers; "on the
                # U.S.-India Dialogue" names two sides)
                if (_TITLE_TOPIC.search(text, title_block.start, start)
                        and not _PAIRED.match(text, end) and not _PAIRED_BEFORE.search(text, title_block.start, start)):
                    cues.add("title_topic")
            if sentence == first_sentence:
                cues.add("first_sentence")
            if lead and lead.start <= start < lead.end:
                cues.add("lead")
            in_it = words_of(sentence)
            if "sign_subject" not in cues and "sign_sentence" in in_it:
                cues.add("sign_sentence")
                if _SIGN_SUBJECT.match(text, end) and not occurs_in(_WITH_BEFORE, before, low_before):
                    cues.add("sign_subject")
            others = len(per_sentence.get(sentence, ()))
            if others >= 3:
                cues.add("list3")
                if "participant_list" not in cues and in_sentence(sentence, _PARTICIPANTS):
                    cues.add("participant_list")
                if "attendance_list" not in cues and in_sentence(sentence, _ATTENDANCE):
                    cues.add("attendance_list")
            if others >= 6:
                cues.add("list6")
            if "official_first_sentence" not in cues and _TITLE_WORD.match(after):
                cues.add("official_of")
                if sentence == first_sentence:
                    cues.add("official_first_sentence")
            if "met_with" in cues and "relation_with" in cues:
                pass  # (the mention can add neither)
            elif occurs_in(_MET_WITH, before, low_before):
                cues.add("met_with")
            elif occurs_in(_RELATION_WITH, before, low_before):
                cues.add("relation_with")  # "welcome cooperation with Japan and India"
            if "visit_to" not in cues and occurs_in(_VISIT_TO, before, low_before):
                cues.add("visit_to")  # "an Official Visit to Malaysia": the host of a visit
            if "issued_by" not in cues and occurs_in(_ISSUED_BY, before[-40:], low_before and low_before[-40:]):
                cues.add("issued_by")
            if "past_sentence" in in_it:
                cues.add("past_sentence")
            if "observer_sentence" in in_it:
                cues.add("observer_sentence")
            if "government_of" not in cues and occurs_in(_GOVERNMENT_OF_BEFORE, before, low_before):
                cues.add("government_of")
            if "signature_for" not in cues and occurs_in(_SIGNATURE_FOR_BEFORE, before, low_before):
                cues.add("signature_for")
            if "coordinated" not in cues and (
                    start in listed  # (a list set out one to a line is coordinated too)
                    or occurs_in(_COORDINATED_BEFORE, before, low_before)
                    or _COORDINATED_AFTER.match(after)):
                cues.add("coordinated")
            if "possessive" not in cues and _POSSESSIVE_AFTER.match(after):
                cues.add("possessive")
            if "pair_compound" in cues and "modifier" in cues:
                pass  # (the mention can add neither)
            elif _PAIR_AFTER.match(after) or ("-" in before and _PAIR_BEFORE.search(before)):
                cues.add("pair_compound")  # "U.S.-Denmark", "U.S.-ROK"
            elif _MODIFIES.match(after):
                cues.add("modifier")  # "continued U.S. support"
            if start in officials_lists:
                cues.add("officials_of_list")
            if start in subjects:
                cues.add("subject")
            if "adversarial" in in_it:
                cues.add("adversarial")
        for cue in cues:
            f[cue] = 1.0
            f[f"{cue}|kind:{kind}"] = 1.0
        f[f"kind:{kind}"] = 1.0
        f["first_pos"] = min(first / max(len(text), 1), 1.0)
        # (and in characters: on a short page a country of its lead is
        # already far into it as a share of its length)
        f["first_chars"] = min(first / _FIRST_CHARS_SCALE, 1.0)
        if we_doc:
            f["we_doc"] = 1.0
        if c.code in person_countries:
            f["person_country"] = 1.0  # "Prime Minister Vola of Fiji", "Danish Foreign Minister Holm"
            f[f"person_country|kind:{kind}"] = 1.0
        if c.code in signer_countries:
            f["signer_country"] = 1.0
            f[f"signer_country|kind:{kind}"] = 1.0
        if all(label == "CAPITAL" for *_, label in c.mentions):
            f["only_capital"] = 1.0
        if all(label == "OFFICE" for *_, label in c.mentions):
            f["only_office"] = 1.0  # the country is never written
        if all(label == "FEDERATION" for *_, label in c.mentions):
            f["only_federation"] = 1.0  # only its states are
        if all(label == "COUNCIL" for *_, label in c.mentions):
            f["only_council"] = 1.0  # only the council it belongs to is
        if all(label == "GROUPING" for *_, label in c.mentions):
            f["only_grouping"] = 1.0  # only a grouping of states it belongs to is


# A leader by office alone: "the Prime Minister" (not "the Prime Minister of
# Fiji", nor "the Fijian Prime Minister", whose "the" stands before the adjective)
_UNNAMED_LEADER = re.compile(r"\b(?:the|The|THE)\s+(?:Acting\s+|ACTING\s+)?(?:Prime\s+Minister|PRIME\s+MINISTER|"
                             r"President|PRESIDENT)\b(?![’']?s?\s+(?:of|OF)\b)")


# The cues of the sentence a country is named in (each the name of the
# feature it gives): signing, the past, observers, an adversary.
_SENTENCE_CUES = (("sign_sentence", _SIGN), ("past_sentence", _PAST), ("observer_sentence", _OBSERVER),
                  ("adversarial", _ADVERSARIAL))
# (their words looked for in one scan of a sentence, not one scan per cue)
_SENTENCE_SCREEN = JointScreen(pattern for _, pattern in _SENTENCE_CUES)


# a lower-case word after a country that is not a function word: the country
# modifies a noun ("U.S. support"), it does not act
_MODIFIES = re.compile(r"\s+(?!(?:and|or|of|to|in|on|at|for|with|from|by|as|is|are|was|were|has|have|"
                       r"had|will|would|can|could|should|must|may|the|a|an|that|which|who|also|"
                       r"today|jointly|together|both)\b)[a-z]")
# "The Foreign Ministers of Canada, France, ... and the United States",
# "We, the leaders of Australia, India, Japan and the United States"
_OFFICIALS_OF = re.compile(r"\b(?:leaders|ministers|heads of (?:state|government)|governments?|presidents|"
                           r"prime ministers|representatives?|delegations|officials|envoys|"
                           r"secretaries|members)\s+of\s+(?:the\s+)?$", re.I)
_LIST_GAP = re.compile(r"(?:\s*,\s*|\s+and\s+|\s*,\s+and\s+)(?:the\s+)?")


def _officials_of_lists(ctx: Context, cands: list[PartyCandidate]) -> set[int]:
    """Starts of the mentions in a list that follows "<officials> of": the
    governments whose officials speak or meet (every item, not only the first)."""
    text, lowered = ctx.text, ctx.lowered
    mentions = sorted((start, end) for c in cands for start, end, label in c.mentions if label not in _IMPLIED)
    out: set[int] = set()
    run_end = None
    for start, end in mentions:
        if run_end is not None and _LIST_GAP.fullmatch(text, run_end, start):
            out.add(start)
            run_end = end
            continue
        run_end = None
        s_start, _ = ctx.sentence_at(start)
        piece = max(s_start, start - 60)
        if may_occur(_OFFICIALS_OF, lowered and lowered[piece:start]) and _OFFICIALS_OF.search(text, piece, start):
            out.add(start)
            run_end = end
    return out


# What may stand before a sentence's subject list, and the verb after it:
# "Canada, Mexico, and the United States condemn ...", "Today, Japan and
# Australia reaffirmed ...".
_SUBJECT_OPENING = re.compile(r"\s*(?:(?:Today|Together|Jointly|Also),?\s+)?(?:The\s+|the\s+)?")
_SUBJECT_VERB = re.compile(r"\s+(?:(?:also|jointly|together|today|strongly|firmly)\s+)?[a-z]{3,}\b")


def _sentence_subjects(ctx: Context, cands: list[PartyCandidate]) -> set[int]:
    """Starts of the mentions that open their sentence as the subject of its
    verb, alone or as a list: the governments the sentence says act."""
    text = ctx.text
    mentions = sorted((start, end) for c in cands for start, end, label in c.mentions if label not in _IMPLIED)
    out: set[int] = set()
    i = 0
    while i < len(mentions):
        start, end = mentions[i]
        s_start, _ = ctx.sentence_at(start)
        if not _SUBJECT_OPENING.fullmatch(text, s_start, start):
            i += 1
            continue
        run = [start]
        j = i + 1
        while j < len(mentions) and _LIST_GAP.fullmatch(text, end, mentions[j][0]):
            run.append(mentions[j][0])
            end = mentions[j][1]
            j += 1
        if _SUBJECT_VERB.match(text, end):
            out.update(run)
        i = j
    return out


def _home_side(ctx: Context, cands: list[PartyCandidate], leads: list[tuple[int, int]],
               tied: set[str]) -> str | None:
    """The side a readout leaves unnamed: "Secretary of State Antony J. Blinken
    met today with Danish Foreign Minister Jeppe Kofod" names the visitor's
    country and not the publisher's.  When a person in the first sentence
    (or in the headline: "Readout of Vice President Harris's Meeting with
    President Samia of Tanzania") has no country while another has one, the
    most mentioned country that no person is tied to is that side."""
    for lead in leads:
        lead_people = [m for cand in persons(ctx) for m in cand.mentions if lead[0] <= m.start < lead[1]]
        if not any(m.country for m in lead_people) or all(m.country for m in lead_people):
            continue
        untied = [c for c in cands if c.is_country and c.code not in tied]
        if not untied:
            return None
        return max(untied, key=lambda c: (len(c.mentions), -min(s for s, *_ in c.mentions))).code
    return None


@register("parties")
def extract_parties(ctx: Context) -> list[Party]:
    model = trained("party")
    parties = []
    for cand in candidates(ctx):
        p = model.proba(cand.features)["party"]
        if p < 0.5:
            continue
        start, end, _ = min(cand.mentions)
        parties.append(Party(name=short_name(cand.code) if cand.is_country else cand.code,
                             country_code=cand.code if cand.is_country else None,
                             evidence=ctx.evidence(start, end), confidence=round(p, 3),
                             rule="parties.model"))
    return parties

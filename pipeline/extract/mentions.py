"""Person mentions in running text, and the entry point for all mentions.

Names are found where the genre anchors them: after an honorific or an
official title ("Foreign Minister Jeppe Kofod"), beside a title set off by
commas ("Francis Ngabo, CEO of Rwanda Space Agency"; "Administrator of NASA,
Bill Nelson"), or attributed ("said Ana Silva").  :func:`find_mentions` adds
the roster lines (:mod:`~pipeline.extract.rosters`) and signature blocks
(:mod:`~pipeline.extract.signature_blocks`).
"""

from __future__ import annotations

import re as stdre
from collections.abc import Container
from functools import cached_property, lru_cache
from itertools import takewhile
from typing import NamedTuple

from pipeline.extract.attributions import capitals_mentions
from pipeline.extract.peers import peer_mentions
from pipeline.extract.context import Context
from pipeline.extract.names import (
    ATTRIBUTING_GENRE,
    HONORIFIC_SET,
    PARTICLES,
    RUN,
    TITLE_HEAD_SET,
    TRAILING_SUFFIX,
    WEEKDAYS,
    Mention,
    clean_title,
    country_ends_at,
    holds_name,
    is_name_suffix,
    is_name_word,
    name_words,
    org_like,
    split_org,
    split_run,
    strip_name_decorations,
    title_head,
    title_like,
)
from pipeline.extract.rosters import roster_mentions
from pipeline.extract.signature_blocks import (
    attested,
    columns as _columns,
    is_signature_name_line,
    in_closing,
    signature_block_mentions,
    two_names as _two_names,
)
from pipeline.gazetteer import (
    CAPITALS,
    DEMONYMS,
    HONORIFICS,
    LEADER_NAMES,
    NON_NAME_WORDS,
    ORG_HEADS,
    PERSON_NOUNS,
    PERSON_TITLES,
    PLACE_HEADS,
    VENUE_HEADS,
    PLURAL_HONORIFICS,
    POST_NOMINALS,
    ROYAL_STYLES,
    SENTENCE_OPENERS,
    STYLE_WORDS,
    TITLE_HEAD_WORDS,
    TITLE_HEADS,
    country_names,
    is_given_name,
    lookup_body,
    lookup_country,
    trailing_country,
)
from pipeline.models import BlockKind
from pipeline.resources import load_data

__all__ = ["Mention", "find_mentions", "name_words"]

_UNATTRIBUTED = "people.given_name_only"  # a given name and a surname, nothing said of them


def find_mentions(ctx: Context) -> list[Mention]:
    """All person mentions in document order (cached on the context)."""
    if "mentions" in ctx.analyses:
        return ctx.analyses["mentions"]
    text = ctx.text
    mentions: list[Mention] = []
    roster = roster_mentions(ctx)
    # (a roster line's office before the name is its too: "Councillor Joanne Bright, Chair, ...")
    taken = [(m.extent_start, m.end) for m in roster]
    mentions += roster
    mentions += signature_block_mentions(ctx)
    mentions += capitals_mentions(ctx)
    mentions += [m for m in peer_mentions(ctx) if not _overlaps(m, mentions)]
    taken += [(m.start, m.end) for m in mentions]
    # Headlines are in title case, where every word looks like a name: there a
    # name counts only when a title or an honorific anchors it.
    headings = [(b.start, b.end) for b in ctx.parsed.blocks if b.kind is BlockKind.heading]
    body = _BodyWords(text, headings[0][1] if headings else 0)
    taken_mask = _mask(len(text), taken)
    heading_mask = _mask(len(text), headings)
    # ("Senators Buttfield, Hannaford and Laught": the names after a plural
    # title's first one may run on past a comma, as runs of their own)
    carry: tuple[int, _Shared, stdre.Pattern] | None = None
    for m in RUN.finditer(text):
        inherited = carry[1] if carry and carry[2].fullmatch(text, carry[0], m.start()) else None
        carry = None
        if m.group(0) in _PLURAL_HONORIFIC_WORDS:  # "Messrs. Kelly": the run stops at its full stop
            carry = (m.end(), _HONORIFIC, _AFTER_HONORIFIC)
            continue
        if taken_mask[m.start()]:
            continue
        leader = _leader_alone(text, m.group(0), m.start())
        if leader is not None:
            if heading_mask[m.start()]:
                leader.tags.add("in_title")
            mentions.append(leader)
            continue
        # One capitalised word is never a mention alone (a title or an
        # honorific must come with it, or a plural one before it, or it is
        # a leader's name), and a span already read is skipped.
        if not _SPACE.search(m.group(0)) and not inherited:
            continue
        # (lines after an attestation clause are signature lines, whatever their case)
        in_heading = heading_mask[m.start()] and not attested(ctx, m.start())
        run = _before_headline_verb(m.group(0))
        if in_heading:
            run = _without_headline_verb(_GENRE_TAIL.sub("", run), body)
        shared = inherited
        for run, start in _split_coordinated(run, m.start(), body if in_heading else None):
            mention, shared = _read_piece(ctx, run, start, shared)
            if mention is None and not in_heading:
                mention = _after_portfolio_parts(ctx, run, start)
            if shared:
                carry = (start + len(run.rstrip()), shared, _LIST_JOINT)
            if mention and in_heading:
                # the name must be one the body uses too, or start with a given name
                # (or the headline attributes the document to it: "Joint
                # Statement by President Biden and President von der Leyen")
                attributing = (_ATTRIBUTING_HEADING.search(_heading_before(headings, mention.extent_start, text))
                               or _OWNERS_BEFORE_GENRE.match(_heading_after(headings, mention.end, text)))
                if mention.rule not in _ANCHORED or not (
                        _headline_name(mention.name, body)
                        # (a headline that attributes the document names its authors whole)
                        or (attributing and len(mention.name.split()) <= 4)) or not (
                        is_given_name(mention.name.split()[0])
                        or any(w in body.words for w in mention.name_words)
                        or attributing):
                    continue
                mention.tags.add("in_title")
            if mention and not _INITIALS_ONLY.fullmatch(mention.name):
                # ("The Honourable E. G." at a line's end: initials alone name no one)
                mentions.append(mention)
    # (a name read with nothing said of it does not keep a closing line that
    # stands apart from being read as a signature line: "Joseph R. Biden, Jr.
    # Emmanuel Macron" over the date; a line of a hard-wrapped paragraph may
    # hold a name alone mid-sentence)
    lines = _name_lines(ctx, [(m.start, m.end) for m in mentions
                              if m.rule != _UNATTRIBUTED or not _apart_in_closing(ctx, m.start)])
    if lines:
        line_mask = _mask(len(text), [(m.extent_start, m.extent_end) for m in lines])
        mentions = [m for m in mentions if m.rule != _UNATTRIBUTED or not line_mask[m.start]] + lines
    mentions.sort(key=lambda x: x.start)
    mentions = _without_title_words(mentions)
    for mention in mentions:
        mention.country = mention.country or _line_country(ctx, mention) or _closing_country(ctx, mention)
    ctx.analyses["mentions"] = mentions
    return mentions


_INITIALS_ONLY = stdre.compile(r"(?:[A-Z]\.\s*)+")


def _overlaps(m: Mention, others: list[Mention]) -> bool:
    return any(o.start < m.end and m.start < o.end for o in others)


def _without_title_words(mentions: list[Mention]) -> list[Mention]:
    """Drop a one-word "name" read inside another person's title, after
    their name ("..., President of the United Mexican States", "..., Minister
    for Energy Transition") or before it ("Japan's Minister for Digital
    Transformation, Taro Kono", the name right after the word and its
    comma): the title's last word, not a person."""
    titles_before = [(m.extent_start, m.start) for m in mentions if m.extent_start < m.start]
    out, title_end = [], -1
    for m in mentions:  # in text order
        if m.rule == "people.title_name" and len(m.name.split()) == 1 and (
                m.start < title_end or any(s <= m.extent_start and 0 < e - m.end <= 2 for s, e in titles_before)):
            continue
        out.append(m)
        if m.extent_end > m.end:
            title_end = max(title_end, m.extent_end)
    return out


# "Australia: The Hon Anika Wells MP, Minister for Sport", "Czech Republic
# Petr Gazdík, Minister ...": a line of a list of signers or delegates that
# opens with the person's country.
LINE_LABEL_CHARS, LINE_LABEL_WORDS = 60, 4


def _line_country(ctx: Context, m: Mention) -> str | None:
    block = ctx.block_at(m.start)
    if block is None or m.start - block.start > LINE_LABEL_CHARS:
        return None
    words = ctx.text[block.start:m.start].replace(":", " ").strip(" •*–-").split()
    names = country_names()
    for n in range(min(LINE_LABEL_WORDS, len(words)), 0, -1):
        code = names.get(" ".join(words[:n]))
        # only the person's title may stand between ("France and Germany
        # welcomed President X" is no label)
        if code and all(w[:1].isupper() or w in ("the", "of", "for") for w in words[n:]):
            return code
    return None


_SPACE = stdre.compile(r"\s")
# "Spokesperson Adrienne Watson Welcoming the Agreement": a headline's verb
# (a capitalised -ing word before an article) ends the name before it; so
# does a meeting verb that ends the run ("Under Secretary Fernandez Meet with").
_HEADLINE_VERB = stdre.compile(r"\s[A-Z][a-z]+ing\s+(?:the|a|an|its|their|our|his|her)\s|"
                               r"\s(?:Meets?|Speaks?|Talks?)$")


# The joint before a portfolio's last part: "..., Energy, and the Environment Jose W. Fernandez"
_PORTFOLIO_JOINT_BEFORE = stdre.compile(r",\s+(?:and\s+)?(?:the\s+)?$")


def _after_portfolio_parts(ctx: Context, run: str, start: int) -> Mention | None:
    """"Under Secretary of State for Economic Growth, Energy, and the
    Environment Jose W. Fernandez": the run after the portfolio's last comma
    holds its last part and the name, which a given name opens; the name is
    read from there, its title back over the commas to the office."""
    if not _PORTFOLIO_JOINT_BEFORE.search(ctx.text, max(0, start - 12), start):
        return None
    words = run.split()
    k = next((i for i, w in enumerate(words) if i and is_given_name(w)), None)
    if k is None:
        return None
    at = start + run.index(words[k], len(" ".join(words[:k])))
    mention = _mention_from_run(ctx, run[at - start:], at)
    # (only as a titled official's: "the National Museum and Art Gallery" names no one)
    return mention if mention is not None and mention.title else None


def _before_headline_verb(run: str) -> str:
    verb = _HEADLINE_VERB.search(run)
    run = run[:verb.start()] if verb else run
    # "thanked Foreign Minister Kamikawa for Japan’s support": a connector
    # before a possessive that ends the run opens the sentence's next phrase,
    # not the title's portfolio ("Minister for Women’s Affairs" runs on)
    tail = _POSSESSIVE_TAIL.search(run)
    run = run[:tail.start()] if tail else run
    # "by Mr Philip Flood AO. The Flood inquiry": post-nominal letters with
    # a full stop end the sentence, and the name, before the next capital
    # (a run reads "AO." as it reads an initial).
    if "." in run:
        for stop in _POST_NOMINAL_STOP.finditer(run):
            if stop.group(1) in POST_NOMINALS:
                return run[:stop.start() + len(stop.group(1))]
    return run


_POSSESSIVE_TAIL = stdre.compile(r"\s+(?:for|of|to|at|on|and)\s+[A-Z][\w.-]*['’]s$")
_POST_NOMINAL_STOP = stdre.compile(r"(?<=\s)([A-Za-z.]{2,5})\.\s+(?=[A-Z])")


def _without_headline_verb(run: str, body_names: Container[str]) -> str:
    """"President Biden Announces", "President Macron of France Announcing":
    a headline's verb closes the run when the body never writes the word
    capitalised."""
    words = run.split()
    # ("PM Anwar Holds Bilateral Meeting": a verb of the headline's present
    # tense ends the name, whatever follows it)
    verb = next((m for k, m in enumerate(_WORD_SPAN.finditer(run)) if k and m.group() in _HEADLINE_VERBS), None)
    if verb is not None:
        return run[:verb.start()].rstrip()
    # (a possessive is no verb: "President Joe Biden’s Call with ...")
    if (len(words) >= 3 and words[-1].endswith(("s", "ing")) and not words[-1].endswith(("’s", "'s"))
            and words[-1] not in body_names):
        return run[:run.rstrip().rfind(words[-1])].rstrip()
    return run


_HEADLINE_VERBS = frozenset(load_data("title_ending_verbs")["headline_verbs"])
_WORD_SPAN = stdre.compile(r"\S+")


# "\b[A-Z]\w+" written to open with the capital (the engine skips to one):
# a capital starts a word where the character before it is not a word's.
_CAPITALISED_WORD = stdre.compile(r"[A-Z](?<!\w[A-Z])\w+")


class _BodyWords:
    """The words of the body (the text after the first heading), which only
    the runs of a headline are checked against: read on first use.

    ``word in body`` asks whether the body writes the word capitalised (in
    :attr:`names`): the helpers that read a headline's run take the body
    itself, so that its names are read only when a run needs them."""

    def __init__(self, text: str, start: int):
        self._text, self._start = text, start

    def __contains__(self, word: str) -> bool:
        return word in self.names

    @cached_property
    def names(self) -> set[str]:
        """Its capitalised words."""
        return set(_CAPITALISED_WORD.findall(self._text[self._start:]))

    @cached_property
    def words(self) -> set[str]:
        """Its words, capitalised or lower-case, case-folded."""
        lower = stdre.findall(r"\b[a-z]\w*", self._text[self._start:])
        return {w.casefold() for w in self.names} | {w.casefold() for w in lower}


# A headline that names the document's authors: "Statement by", "Joint
# Statement with", "Message from", "Joint Statement, Prime Minister A, President B".
_ATTRIBUTING_HEADING = stdre.compile(rf"\b{ATTRIBUTING_GENRE}(?:\s+(?:by|from|with)\b|,)", stdre.IGNORECASE)
_GENRE_TAIL = stdre.compile(rf"(?:(?:\s+(?:Joint|Leaders[’']?))+(?:\s+{ATTRIBUTING_GENRE})?|\s+{ATTRIBUTING_GENRE})\s*$",
                            stdre.IGNORECASE)
# "President Biden and President Lopez Obrador Joint Statement": the names
# before a headline's closing genre are its authors (read after the name)
_OWNERS_BEFORE_GENRE = stdre.compile(rf"(?:\s+and\s+[^,;:]*?)?\s+(?:Joint\s+|Leaders[’']?\s+)*{ATTRIBUTING_GENRE}\s*$",
                                     stdre.IGNORECASE)


def _heading_before(headings: list[tuple[int, int]], at: int, text: str) -> str:
    """The heading's text before the offset."""
    start = next((s for s, e in headings if s <= at < e), at)
    return text[start:at]


def _heading_after(headings: list[tuple[int, int]], at: int, text: str) -> str:
    """The heading's text after the offset."""
    end = next((e for s, e in headings if s <= at < e), at)
    return text[at:end]


def _mask(length: int, spans: list[tuple[int, int]]) -> bytearray:
    """1 at every character inside one of the spans."""
    mask = bytearray(length + 1)
    for s, e in spans:
        mask[s:e] = b"\x01" * (e - s)
    return mask


_ANCHORED = {"people.title_name", "people.honorific_name", "people.title_comma_name"}


def _apart_in_closing(ctx: Context, at: int) -> bool:
    """The offset's line stands where signatures may, after a blank line or
    a line that ends a sentence (not inside a hard-wrapped paragraph)."""
    block = ctx.block_at(at)
    if block is None or not in_closing(ctx, at):
        return False
    before = ctx.text[max(0, block.start - 200):block.start].rstrip(" \t")
    previous = before.rsplit("\n", 2)[-2] if before.count("\n") >= 2 else ""
    after = ctx.text[block.end:block.end + 200].lstrip(" \t\n").split("\n", 1)[0]
    return ((not previous.strip() or previous.rstrip().endswith((".", "!", "?", "”", '"')))
            and bool(_DATE_LINE.fullmatch(after.strip())))


# A signing date on its own line: "October 29, 2021", "15 July 2021".
_DATE_LINE = stdre.compile(r"(?:[A-Z][a-z]+\.?\s+\d{1,2},?|\d{1,2}\s+[A-Z][a-z]+)\s+(?:19|20)\d\d")


def _name_lines(ctx: Context, taken: list[tuple[int, int]]) -> list[Mention]:
    """A line that is nothing but one or two persons' names ("Joseph R. Biden,
    Jr.", "Angela Merkel", "Donald J. Trump Anthony Albanese"): signature
    lines and bylines."""
    out = []
    blocks = ctx.parsed.blocks
    taken_mask = _mask(len(ctx.text), taken)
    outline = _outline_letters(ctx)
    for index, block in enumerate(blocks):
        if block.kind is BlockKind.heading or block.end - block.start > 80:
            continue
        if ctx.text[block.start:block.start + 2] in outline:
            continue  # "A. Accountability" among "B. Sanctions": a lettered heading
        if 1 in taken_mask[block.start:block.end]:
            continue
        line = ctx.block_text(block)
        if line.split() and line.split()[-1].strip(",.") in ORG_HEADS:
            continue  # "Robert Wood Johnson Foundation": an organisation's name
        # Two signature columns flattened into one line: the lines around hold
        # everything twice ("President President"), so the line holds two names.
        # (a given name no dictionary holds counts beside a line that has one:
        # "John Howard Prime Minister of Australia" / "Mekere Morauta Prime
        # Minister of Papua New Guinea")
        titled = _name_then_title(line, known_given=False)
        if titled is not None and not is_given_name(line.split()[0]) and not any(
                _name_then_title(ctx.block_text(b)) for b in blocks[max(0, index - 2):index + 3]
                if b is not block and b.end - b.start <= 80):
            titled = None
        if titled is not None:
            # "John Howard Prime Minister of Australia": a signature line whose
            # title follows the name on the same line
            end, title = titled
            title, country = clean_title(title)
            out.append(Mention(name=line[:end], start=block.start, end=block.start + end, title=title,
                               country=country, extent_start=block.start, extent_end=block.end,
                               rule="people.name_title_line", confidence=0.6, tags={"name_line"}))
            continue
        near = [ctx.block_text(b) for b in blocks[max(0, index - 2):index + 2] if b is not block]
        pair = _two_names(line) if any(_columns(n) == 2 for n in near) else None
        for start, end in pair or _names_side_by_side(line):
            piece = line[start:end]
            probe = piece.title() if piece.isupper() else piece
            bare = TRAILING_SUFFIX.sub("", probe.strip())
            first = bare.split()[0] if bare.split() else ""
            # (the cheap test first: most short lines start with no given name)
            if not (pair or is_given_name(first) or stdre.fullmatch(r"(?:[A-Z]\.)+", first)) or not (
                    is_signature_name_line(bare)):
                break
            s, e = strip_name_decorations(piece)
            out.append(Mention(name=piece[s:e].rstrip(","), start=block.start + start + s,
                               end=block.start + start + e, extent_start=block.start,
                               extent_end=block.end, rule="people.name_line", confidence=0.6,
                               tags={"name_line"}))
    return out


def _name_then_title(line: str, known_given: bool = True) -> tuple[int, str] | None:
    """(end of the name, the title) of a line that is a given name and a
    surname, then an office: "John Howard Prime Minister of Australia"."""
    words = list(stdre.finditer(r"\S+", line))
    if len(words) < 3 or stdre.search(r"[.;:!?]$", line) or not (
            is_given_name(words[0].group()) if known_given else words[0].group()[:1].isupper()):
        return None
    for k in range(2, min(5, len(words))):
        word = words[k].group()
        if title_head(word) in TITLE_HEAD_SET or word in TITLE_HEADS:
            name_words = [w.group() for w in words[:k]]
            title = line[words[k].start():]
            if all(is_name_word(w) for w in name_words) and title_like(title) and not holds_name(title):
                return words[k - 1].end(), title
            return None
    return None


def _outline_letters(ctx: Context) -> set[str]:
    """The "A."-style letters that open blocks in sequence (an outline's
    lettered headings: a letter whose neighbour letter opens another block)."""
    opening = {ctx.text[b.start:b.start + 2] for b in ctx.parsed.blocks
               if stdre.match(r"[A-Z]\.\s", ctx.text[b.start:b.start + 3])}
    return {o for o in opening if f"{chr(ord(o[0]) + 1)}." in opening or f"{chr(ord(o[0]) - 1)}." in opening}


def _names_side_by_side(line: str) -> list[tuple[int, int]]:
    """Spans of the names on a signature line: a new name starts at a given
    name that follows a complete name (surname, or suffix)."""
    tokens = [(m.start(), m.end(), m.group(0)) for m in stdre.finditer(r"\S+", line)]
    cuts = [0]
    for i in range(2, len(tokens)):
        word = tokens[i][2]
        prev = tokens[i - 1][2].rstrip(",")
        if (i - cuts[-1] >= 2 and is_given_name(word.title() if word.isupper() else word)
                and not stdre.fullmatch(r"[A-Z]\.", prev) and len(tokens) - i >= 2):
            cuts.append(i)
    cuts.append(len(tokens))
    return [(tokens[a][0], tokens[b - 1][1]) for a, b in zip(cuts, cuts[1:]) if b > a]


def _plural_office(mention: Mention | None) -> str:
    """'President' of "Presidents Biden and Erdogan": the office a plural
    title gives the names coordinated after the first one ('' for none)."""
    if mention is None or mention.rule != "people.title_name" or not mention.title:
        return ""
    *rest, last = mention.title.split()
    head = title_head(last)
    if not last.endswith("s") or head == last or head not in TITLE_HEAD_SET:
        return ""  # (a hyphenated office is one person's: "Secretary-General Guterres")
    # ("Vice-Presidents X and Y": each is "Vice-President")
    singular = next((word for word in (last[:-1], last[:-3] + "y") if title_head(word) == head), head)
    return " ".join([*rest, singular])


def _read_piece(ctx: Context, run: str, start: int,
                shared: _Shared | None) -> tuple[Mention | None, _Shared | None]:
    """A piece of a run as a mention, and what a plural title or honorific
    before it gives the next piece ("Presidents Biden and Erdogan", "Messrs.
    Kelly, Forbes and Wilson")."""
    plural_honorific = _PLURAL_HONORIFIC.match(run)
    if plural_honorific:
        return _sharing(run[plural_honorific.end():], start + plural_honorific.end(), _HONORIFIC), _HONORIFIC
    mention = _leader_alone(ctx.text, run, start) or _mention_from_run(ctx, run, start)
    if mention is None:
        mention = _sharing(run, start, shared) if shared else None
        return mention, shared if mention else None
    office = _plural_office(mention)
    if not office:
        return mention, None
    mention.title = office  # (Biden is "President" of "Presidents Biden and ...")
    return mention, _Shared(office, "people.title_name")


def _leader_alone(text: str, run: str, start: int) -> Mention | None:
    """"Putin's war", "Kishida and Lula met": a run (or a piece of one)
    that is a leader's name alone (``data/leaders.toml``), but not an
    administration or a government named after one ("the Biden
    administration")."""
    name = _POSSESSIVE_END.sub("", run.strip().rstrip(","))
    if name not in LEADER_NAMES:
        return None
    at = start + run.find(name)
    if _NAMED_AFTER.match(text, start + len(run.rstrip().rstrip(","))):
        return None
    mention = Mention(name=name, start=at, end=at + len(name), extent_start=at, extent_end=at + len(name),
                      rule="people.leader_alone", confidence=0.6)
    # ("met with Wang Yi, Director of ... and Minister of Foreign Affairs of the
    # People's Republic of China, in Bangkok": the title set off after the name)
    after = text[mention.end:mention.end + _LEADER_TITLE_CHARS]
    m = _TITLE_AFTER.match(after)
    if m and title_like(m.group(1)):
        title_end = m.end(1) + _portfolio_goes_on_after(m.group(1), after[m.end(1):])
        mention.title, mention.country = clean_title(after[m.start(1):title_end])
        mention.extent_end = mention.end + title_end
        _settle_title(mention)
    return mention


#: How far after a leader's name its title set off by a comma is read.
_LEADER_TITLE_CHARS = 300


_POSSESSIVE_END = stdre.compile(r"[’']s?$")
_NAMED_AFTER = stdre.compile(r"[\s-]*(?:administration|government|era|years|doctrine|campaign|cabinet|"
                             r"presidency|team|white house|regime)\b", stdre.I)


class _Shared(NamedTuple):
    """What a plural title or honorific gives each name it coordinates."""
    title: str
    rule: str


_HONORIFIC = _Shared("", "people.honorific_name")


def _sharing(run: str, start: int, shared: _Shared) -> Mention | None:
    """'Erdogan' of "Presidents Biden and Erdogan", 'Forbes' of "Messrs.
    Kelly, Forbes and Wilson": a name alone after a plural title or
    honorific holds that office or style too."""
    # ("Presidents Biden and Macron on March 25": the run goes on past the name)
    name = _SHARED_NAME_ENDS.split(stdre.sub(r"[’']s$", "", run.strip().rstrip(",")), maxsplit=1)[0]
    words = name.split()
    if not 1 <= len(words) <= 3 or not all(is_name_word(w) for w in words) or lookup_country(name):
        return None
    at = start + run.find(name)
    return Mention(name=name, start=at, end=at + len(name), title=shared.title, extent_start=at,
                   extent_end=at + len(name), rule=shared.rule, confidence=0.85)


_SHARED_NAME_ENDS = stdre.compile(r"\s+(?:on|to|at|for|in|of)\s")
_LIST_JOINT = stdre.compile(r"\s*,\s*(?:and\s+)?")
_AFTER_HONORIFIC = stdre.compile(r"\.?[ \t]+")
_PLURAL_HONORIFIC_WORDS = frozenset(h.rstrip(".") for h in PLURAL_HONORIFICS)
_PLURAL_HONORIFIC = stdre.compile(r"(?:" + "|".join(stdre.escape(h) for h in PLURAL_HONORIFICS) + r")\s+(?=\S)")


def _split_coordinated(run: str, start: int, known_names: Container[str] | None = None):
    """'President Biden and Prime Minister Trudeau' is two runs; 'Advisor and
    Director of X' is one: split at 'and' only after a name word.  A
    possessive ends a name ('President Biden’s Executive Order').

    (piece, start) of each; a run outside a headline is split once per process."""
    pieces = _coordinated_pieces(run) if known_names is None else _pieces(run, known_names)
    return [(piece, start + offset) for piece, offset in pieces]


@lru_cache(maxsize=50000)  # runs recur: offices, countries, the same people
def _coordinated_pieces(run: str) -> tuple[tuple[str, int], ...]:
    return tuple(_pieces(run, None))


def _pieces(run: str, known_names: Container[str] | None) -> list[tuple[str, int]]:
    """(piece, offset in the run) of :func:`_split_coordinated`."""
    pieces, offset = [], 0
    for m in _COORDINATION.finditer(run):
        if m.group(1) and m.group(1) != "and":
            # "Spokesperson Emily Horne on National Security Advisor Jake
            # Sullivan": a titled full name ends before a connector
            # ("Special Envoy for Climate" has no name before "for"); so does
            # a name after an honorific ("Dr. S. Jaishankar to the Department").
            # ("of" only after an honorific's name and before no country,
            # "Professor Richard Snape of Monash University": "of Pakistan"
            # names the person's country, which the run's reading keeps)
            left = run[offset:m.start()]
            if m.group(1) == "of":
                name_ends = _honorific_name(left) and not _country_opening(run[m.end():].split())
            else:
                name_ends = (_titled_full_name(left, known_names) or _honorific_name(left)
                             or (known_names is None and _given_and_surname(left))
                             # ("Statement by President Biden on Trilateral Agreement ...":
                             # an office's holder by surname, then what the headline is about)
                             or (m.group(1) in ("on", "to", "at") and _office_and_surname(left)))
            if name_ends:
                pieces.append((left, offset))
                offset = m.end()
            continue
        if not m.group(0).strip():
            # ("King Prajadhipok’s Institute", "Lowy’s Foundation": a body
            # named after a person names no one)
            after = run[m.end():].split()[:4]
            if _country_owns_title(run[offset:m.start()], after):
                continue  # "Australia’s Prime Minister Anthony Albanese": one person, of that country
            if _possessive_in_country(run[offset:m.start()], after):
                continue  # "Foreign Minister Wang Yi of the People’s Republic of China"
            if not any(w in ORG_HEADS for w in after):
                pieces.append((run[offset:m.start()], offset))
            offset = m.end()
            continue
        left = run[offset:m.start()]
        left_words = left.split()
        # "His Majesty King Abdullah II and Foreign Minister Safadi": a name
        # suffix closes a name as its last word does; so do post-nominal
        # letters ("Defence Secretary John Healey MP and Australian Deputy
        # Prime Minister Richard Marles").
        if (len(left_words) >= 2 and (is_name_suffix(left_words[-1]) or left_words[-1] in POST_NOMINALS)
                and is_name_word(left_words[-2])):
            pieces.append((left, offset))
            offset = m.end()
            continue
        # "Prime Minister of Australia and the Hon. Mike Rann": an honorific
        # after "and" starts another person whatever closes the left part.
        if left.split() and _starts_with_honorific(run[m.end():]):
            pieces.append((left, offset))
            offset = m.end()
            continue
        # "Prime Minister Somare of Papua New Guinea and Prime Minister Tuilaepa"
        cut, country = _cut_of_country(left)
        if country and cut.split() and is_name_word(cut.split()[-1]):
            pieces.append((left, offset))
            offset = m.end()
        # (split_run reads a name's last word: a word that is no name word
        # alone closes one after a given name, "Jayme White", "Theresa May")
        elif (left.split() and split_run(left)[1] != ""
              # "Under Secretary for Arms Control and International Security
              # Bonnie Jenkins": a portfolio's words are no name before "and"
              and _read_run(left) is not None):
            pieces.append((left, offset))
            offset = m.end()
    pieces.append((run[offset:], offset))
    return pieces


# (compiled once: both are read in every run)
# (a headline capitalises its prepositions: "... President Lula da Silva Following Call")
# ("Prime Minister Edi Rama At a Signing": a headline's preposition of the
# occasion, its run's last word, ends the titled name before it too)
_COORDINATION = stdre.compile(r"(?<=[’']s)\s+|(?<!\s)\s+(and|on|to|at|for|of|Following|After|During|Regarding|"
                              r"At|Before|Upon)(?:\s+|$)")  # (?<!\s): from a run's start only
_PLACE_CONNECTOR = stdre.compile(r"(?<!\s)\s+(of|to|in|at|on|for)\s+(?:the\s+)?")


def _office_and_surname(words: str) -> bool:
    """"President Biden", "Secretary of State Blinken": a person's office, then one name word."""
    title, name = split_run(words)
    return len(name.split()) == 1 and is_name_word(name) and _names_person_title(title.split())


def _titled_full_name(words: str, known_names: Container[str] | None) -> bool:
    """'NSC Spokesperson Emily Horne': a title word, then a given name and a
    surname (in a headline, where "Donald J. Trump Provides" reads as a name,
    a longer name must end with a word the body writes)."""
    title, name = split_run(words)
    parts, title_words = name.split(), title.split()
    # (a given name no dictionary holds stands right after a complete title:
    # "Prime Minister Narendra Modi to the White House")
    return (len(parts) >= 2 and bool(title_words)
            and (is_given_name(parts[0]) or title_head(title_words[-1]) in TITLE_HEAD_SET)
            and any(title_head(w) in TITLE_HEAD_SET for w in title_words)
            and (known_names is None or len(parts) == 2 or parts[-1] in known_names or _particle_name(parts)))


def _headline_name(name: str, body_names: Container[str]) -> bool:
    """In a headline every word is capitalised ("President Donald J. Trump
    Addresses Threats to ..."): a long name read there must end with a word
    the body writes, and a name of three words ("President Yoon Suk Yeol")
    must at least start with one."""
    parts = [p for p in name.split() if not p.endswith(".")]
    if len(parts) > 1 and is_name_suffix(parts[-1]):
        parts = parts[:-1]  # ("President Joseph R. Biden Jr.’s Meeting": the surname is before "Jr")
    return (len(parts) <= 2 or parts[-1] in body_names
            or (len(parts) == 3 and parts[0] in body_names) or _particle_name(parts))


def _given_and_surname(words: str) -> bool:
    """'Brian D. McFeeters' (at Parliament House): a given name a dictionary
    holds, an initial or none and a surname, no title, nothing else (read
    outside a headline, whose title case makes any two words look so)."""
    parts = words.split()
    return (2 <= len(parts) <= 3 and is_given_name(parts[0]) and is_name_word(parts[-1])
            and all(stdre.fullmatch(r"[A-Z]\.", p) for p in parts[1:-1]) and not split_run(words)[0])


def _honorific_name(words: str) -> bool:
    """'Dr. S. Jaishankar', 'Foreign Minister Dr. Retno Marsudi': an honorific,
    then nothing but name words and initials."""
    title, name = split_run(words)
    title_words, parts = title.split(), name.split()
    return (bool(title_words) and title_words[-1].rstrip(".") in HONORIFIC_SET and bool(parts)
            and all(is_name_word(p) or stdre.fullmatch(r"[A-Z]\.", p) for p in parts))


def _particle_name(parts: list[str]) -> bool:
    """"von der Leyen", "Lula da Silva": a particle before the last word marks
    a name, which a headline's verbs and topics never hold."""
    return len(parts) >= 2 and parts[-2] in PARTICLES and parts[-1][:1].isupper()


def _starts_with_honorific(words: str) -> bool:
    """'the Hon. Mike Rann', 'Mr Kim Beazley' (an article may come first)."""
    parts = words.split()
    if parts and parts[0] in ("the", "The"):
        parts = parts[1:]
    return bool(parts) and parts[0].rstrip(".") in HONORIFIC_SET


def _country_owns_title(left: str, after: list[str]) -> bool:
    """"Japan’s Foreign Minister": the possessive is a country's and a title
    follows it within three words."""
    return (lookup_country(left[:-2]) is not None
            and any(title_head(w) in TITLE_HEAD_SET for w in after[:3]))


def _possessive_in_country(left: str, after: list[str]) -> bool:
    """"... of the People’s Republic of China", "the Lao People’s Democratic
    Republic": the possessive is inside a state's name, which runs on past it."""
    tail = left.split()[-3:]
    return any(lookup_country(" ".join(tail[-k:] + after[:n])) is not None
               for k in range(1, len(tail) + 1) for n in range(1, len(after) + 1))


def _country_opening(words: list[str]) -> str | None:
    """The code of the country the words open with and end on, or before a
    word in lower case ("Communist Party of Vietnam External Relations
    Commission Chairman Le Hoai Trung": a country inside a longer name is none)."""
    for n in range(min(6, len(words)), 0, -1):
        code = lookup_country(" ".join(words[:n]))
        if code and (n == len(words) or not words[n][:1].isupper()):
            return code
    return None


def _cut_of_country(run: str) -> tuple[str, str | None]:
    """Cut the run before 'of [the] <Country>' or 'of <AGENCY>' that follows a
    name word ("Radek Dvořáček of the Czech Republic", "Choi Eun-young of MSIT
    and Marc-André Tremblay"); what follows an agency is read again."""
    for m in _PLACE_CONNECTOR.finditer(run):  # (?<!\s): from a run's start only
        before_words = run[:m.start()].split()
        if not before_words or not (is_name_word(before_words[-1]) or is_name_suffix(before_words[-1])):
            continue
        rest = run[m.end():].split()
        # "of <Country>" names the person's country; "Commissioner Malmström
        # to Australia" only ends the name.
        code = _country_opening(rest)
        if code:
            return run[:m.start()], (code if m.group(1) == "of" else None)
        # "Prime Minister Kishida to the White House", "Chancellor Scholz at the
        # Chancellery": the place a name is taken to or met at ends the run
        # (not an office's: "Ambassador to the United Nations Linda ...")
        # ("President Macron to Downing Street": a street's or a square's name)
        if (m.group(1) in ("to", "at") and (m.group(0).rstrip().endswith("the") or _names_a_place(rest))
                and before_words[-1] not in TITLE_HEADS and not any(is_given_name(w) for w in rest)):
            return run[:m.start()], None
        if m.group(1) != "of":
            continue
        # "of the Government of New Caledonia", "of the Republic of Portugal":
        # a state's style (a title word) before "of <Country>" names it too.
        if rest and rest[0] in TITLE_HEADS and len(rest) <= 8:
            code = trailing_country(" ".join(rest))
            if code:
                return run[:m.start()], code
        if rest and stdre.fullmatch(r"[A-Z][A-Z&]{1,9}", rest[0]):
            return run[:m.start()], trailing_country(rest[0])
        # "of Aotearoa New Zealand": a country's name in its own language before
        # the English one (the words that close the run name the country)
        # (up to a connector: "... New Zealand to the White House")
        place = list(takewhile(lambda w: w[:1].isupper(), rest))
        if 2 <= len(place) <= 4:
            code = next((c for n in range(len(place) - 1, 0, -1) if (c := lookup_country(" ".join(place[-n:])))),
                        None)
            if code:
                return run[:m.start()], code
        # "Director-General Ngozi Okonjo-Iweala of the World Trade
        # Organization": an organisation after a name ends it too
        if len(rest) <= 8 and org_like(" ".join(rest)) and not any(is_given_name(w) for w in rest):
            return run[:m.start()], None
    return run, None


def _names_a_place(words: list[str]) -> bool:
    """Capitalised words that close on a street's, a square's or a building's last word."""
    place = list(takewhile(lambda w: w[:1].isupper(), words))
    return 2 <= len(place) <= 4 and (place[-1].rstrip(".,;") in PLACE_HEADS or place[-1].rstrip(".,;") in VENUE_HEADS)


class _RunReading(NamedTuple):
    """What a run's words say, wherever it stands: its name, the title before
    it and how the title anchors it."""
    length: int  # of the run without a trailing comma
    country: str | None  # named by "of <Country>" after the name
    name: str
    at: int  # the name's offset in the run
    words: tuple[str, ...]  # the name's
    title_words: tuple[str, ...]  # the title's, without a closing honorific
    honorific: bool
    given: bool  # the name starts with a given name
    anchored_by_title: bool
    line_country: str | None = None  # a country's name was all the title ("Cyprus Prodromos Prodromou")


_CONNECTORS = {"of", "for", "the", "on", "to", "at"}


_SPACED_EXCELLENCY = stdre.compile(r"H\.\s+E\.\s+")


_HONORIFIC_FORMS = frozenset(HONORIFICS)  # as written ("Eng." is an honorific, "Eng" a name's word)


def _after_honorific(title_part: str, name: str) -> tuple[str, str]:
    """"Mr. Tan See Leng", "Dr Ng Eng Hen": the capitalised words between an
    honorific and the name are the name's, whatever a word list says of one
    of them ("See", "Eng"), when a name's word opens them and none is an
    office's, a body's or a place's word."""
    words = title_part.split()
    # (the honorifics in a row that open the name: "Eng." is an engineer's
    # too, and "Dr Ng Eng Hen" holds it after the name has begun)
    last = next((i for i, w in enumerate(words) if w.rstrip(".") in HONORIFIC_SET), None)
    while last is not None and last + 1 < len(words) and words[last + 1].rstrip(".") in HONORIFIC_SET:
        last += 1
    if not name or last is None or last == len(words) - 1:
        return title_part, name
    rest = words[last + 1:]
    # (the name opens after the honorific: "Mr Justice Stewart" is a judge's
    # style; "YB Tan Sri Muhyiddin Yassin" holds a style of two words, which
    # stays out of the name)
    if not is_name_word(rest[0]) or not all(_may_open_a_name(w) for w in rest):
        return title_part, name
    return " ".join(words[:last + 1]), " ".join(rest + [name])


def _may_open_a_name(word: str) -> bool:
    """A capitalised word (not an acronym) that is no style, office, body,
    place or country: one of a name's words before its last."""
    return (word.isalpha() and word[0].isupper() and not word.isupper() and word not in _HONORIFIC_FORMS
            and title_head(word) not in TITLE_HEAD_SET and word not in ORG_HEADS and word not in PLACE_HEADS
            and lookup_country(word) is None)


@lru_cache(maxsize=50000)  # a document names the same people and offices again and again
def _read_run(run: str) -> _RunReading | None:
    """The run's reading, or None when it holds no name."""
    run = run.rstrip(",")
    length = len(run)
    # "Prime Minister Radek Dvořáček of the Czech Republic": the country
    # closes the run but is not part of the name.
    run, run_country = _cut_of_country(run)
    # "Kang Min-seo on Tuesday": a connector and a date word close the run.
    words = run.split()
    while len(words) > 2 and words[-1] in NON_NAME_WORDS and words[-2].islower():
        words = words[:-2]
    # "Prime Minister Andrew Holness Friday": a weekday closes the run after a name.
    if len(words) > 2 and words[-1] in WEEKDAYS and is_name_word(words[-2]):
        words = words[:-1]
    run = " ".join(words) if len(words) != len(run.split()) else run
    # "The Hon. John Howard MP": post-nominal letters close the run; the name
    # ends before them (split_run reads the run from its end).
    words = run.split()
    while len(words) > 2 and words[-1].rstrip(".,") in POST_NOMINALS:
        words = words[:-1]
    run = " ".join(words) if len(words) != len(run.split()) else run
    title_part, name = split_run(run)
    title_part, name = _after_honorific(title_part, name)
    # "Vice President JD Vance": two capitals after an office are initials, not
    # the office's acronym (a country's code aside)
    title_split = title_part.split()
    if (len(title_split) >= 2 and stdre.fullmatch(r"[A-Z]{2}", title_split[-1]) and name
            and title_head(title_split[-2]) in TITLE_HEAD_SET and lookup_country(title_split[-1]) is None):
        title_part, name = title_part[:title_part.rstrip().rfind(title_split[-1])].rstrip(), f"{title_split[-1]} {name}"
    # Possessive: "Prime Minister Trudeau’s commitment".
    name = stdre.sub(r"[’']s$", "", name)
    # ("YAB Dato' Sri Ismail Sabri Yaakob": a run cut at a style's apostrophe
    # leaves forms of address alone, which name no one)
    if name and all(w.rstrip(".’'") in HONORIFIC_SET for w in name.split()):
        return None
    if not name or lookup_country(name):  # "Officer of the United States", "Viet Nam's"
        return None
    # "H. E. Gerardo P. Sicat": "His Excellency" spaced out reads as two initials
    # (a given name after them says they are none)
    spaced = _SPACED_EXCELLENCY.match(name)
    excellency = spaced is not None and is_given_name(name[spaced.end():].split()[0])
    if excellency:
        title_part, name = run[:run.find(name) + spaced.end()], name[spaced.end():]
    # "Mr Murray McLean OAM": letters after the name are not part of it.
    while len(name.split()) > 1 and name.split()[-1].rstrip(".,") in POST_NOMINALS:
        name = name.rsplit(None, 1)[0]
    # (nor when a typescript spaces them out as initials: "R. G. Menzies C. H.",
    # "J. D. Anthony, M. P.")
    parts = name.split()
    k = len(parts)
    while k > 1 and stdre.fullmatch(r"[A-Z]\.,?", parts[k - 1]):
        k -= 1
    if (1 < k < len(parts) and len(parts[k - 1].rstrip(",")) > 2
            and "".join(p[0] for p in parts[k:]) in POST_NOMINALS):
        name = " ".join(parts[:k]).rstrip(",")
    # The name as it stands in the text (words may be apart by tabs or runs of spaces).
    at = run.find(name, len(title_part))
    if at < 0:
        located = stdre.search(r"\s+".join(map(stdre.escape, name.split())), run[len(title_part):])
        if located is None:
            return None
        name, at = located.group(0), len(title_part) + located.start()
    words = name.split()
    if words[-1] in ORG_HEADS or words[-1] in PLACE_HEADS:
        return None  # "Export Bank", "Nordic Mining Group", "Forrest Place": an organisation's or a place's name
    title_words = title_part.split()
    if title_words and title_words[0] in SENTENCE_OPENERS:
        title_words = title_words[1:]  # "Today James Marape and I signed": the sentence's adverb
    if title_words and (title_words[-1] in _CONNECTORS
                        or (title_words[-1] == "and" and not is_given_name(words[0]))
                        # "Premier of New South Wales": the rest of a place's name
                        or (len(title_words) >= 2 and title_words[-2] in ("of", "for")
                            and (title_words[-1] in NON_NAME_WORDS or title_words[-1] in DEMONYMS)
                            and not is_given_name(words[0]))):
        # "Minister for Aged Care", "Minister for Health and Long-term Care": a
        # portfolio follows, not a name ("Tom Reed and Lena Berg" are names)
        return None
    # "Denmark Ane Halsboe-Jørgensen, Minister for Culture": a list of
    # signers by country; the country before the name is not a title.
    # ("Venezuela’s Nicolas Maduro": the country's possessive, the same)
    leading_country = country_names().get(stdre.sub(r"[’']s$", "", title_part.strip()))  # a name, not a code ("Mr" is Mauritania's)
    if leading_country and is_given_name(words[0]):
        run_country, title_words = run_country or leading_country, []
        leading_country = None
    honorific = excellency or (bool(title_words) and title_words[-1].rstrip(".") in HONORIFIC_SET)
    if honorific and (lookup_country(f"{title_words[-1]} {name}")
                      or lookup_country(f"{title_words[-1]} {name.removesuffix('s')}")):
        return None  # ("Sri Lanka", "Sri Lankans": the style's word opens a country's name)
    if honorific:
        title_words = title_words[:-2] if excellency else title_words[:-1]
    # "Director of National Security Hojin Chang": a title part that holds a
    # title head anchors a full name; a bare surname needs a person title
    # right before it ("President Biden", not "Executive Branch").
    given = is_given_name(words[0])
    person_title = _names_person_title(title_words)
    anchored_by_title = bool(title_words) and (
        title_head(title_words[-1]) in TITLE_HEAD_SET or person_title
        or (len(words) >= 2 and any(title_head(w) in TITLE_HEAD_SET for w in title_words)
            and not title_words[-1].islower()
            and (given or _ends_in_portfolio(title_words) or not any(is_name_word(w) for w in title_words)
                 # ("Ambassador to the United States Akosua Frimpong-Boateng")
                 or country_ends_at(list(title_words), len(title_words)))))
    if anchored_by_title and len(words) == 1 and not person_title:
        return None  # "Executive Branch", "Space Council"
    return _RunReading(length, run_country, name, at, tuple(words), tuple(title_words), honorific,
                       given, anchored_by_title, leading_country)


def _ends_in_portfolio(title_words) -> bool:
    """"Coordinating Minister for Maritime Affairs and Investment", "Senior
    Official for Arms Control and International Security": an office, then
    its portfolio after "for", "of" or "on", closed by a word of the title
    vocabulary; a full name after it starts where the title ends, whatever
    other words the portfolio holds ("Arms", "Law Enforcement")."""
    head = next((i for i, w in enumerate(title_words) if title_head(w) in TITLE_HEAD_SET), None)
    return (head is not None and any(w in ("for", "of", "on") for w in title_words[head + 1:])
            and title_words[-1] in TITLE_HEADS)


def _mention_from_run(ctx: Context, run: str, start: int) -> Mention | None:
    reading = _read_run(run)
    if reading is None or run[:reading.length].strip() in CAPITALS:
        return None  # ("Bandar Seri Begawan": a capital whose name holds a style's word)
    text = ctx.text
    run_end = start + reading.length
    run_country, name, words, title_words = reading.country, reading.name, reading.words, reading.title_words
    honorific, given, anchored_by_title = reading.honorific, reading.given, reading.anchored_by_title
    name_start = start + reading.at
    name_end = name_start + len(name)
    title_text = " ".join(title_words)
    s_start, s_end = ctx.sentence_at(start)
    before = text[max(s_start, start - 200):start]
    if honorific and not title_words and len(words) == 1 and _AT_PLACE.search(before):
        return None  # "a courtesy call at Seri Perdana": a style's word opens a building's name
    if (title_words and not anchored_by_title and len(words) >= 2
            and (given or not any(is_name_word(w) for w in title_words))):
        # "Minister of Science, Technology and Innovation Luciana Barbosa
        # Araújo": the comma split the title; read it back from the sentence.
        # ("Secretary for Democracy, Human Rights, and Labor Lisa Peterson")
        # ("..., The Hon John Howard", "..., His Excellency X": a style's
        # words belong to its honorific, not to the title, which is all in
        # the words before: none of them may be a name)
        styled = all(w in STYLE_WORDS for w in title_words)
        lead = _comma_split_lead(before, title_text)
        if lead and not (styled and holds_name(lead.group(1))):
            title_text = lead.group(1) + ("" if styled else lead.group(2) + title_text)
            start = start - len(before) + lead.start(1)
            # ("Today, Acting Assistant Secretary ...": a sentence's opening word is no title)
            opening = stdre.match(r"(\w+),\s+", title_text)
            if opening and opening.group(1) in NON_NAME_WORDS:
                title_text, start = title_text[opening.end():], start + opening.end()
            anchored_by_title = True
    # Post-nominal letters after the name ("John Howard MP, Prime Minister")
    # belong to the mention's extent, so what follows them reads as its apposition.
    decorated = _POST_NOMINALS_AFTER.match(text, name_end)
    decor_end = decorated.end() if decorated else name_end
    after = text[decor_end:min(s_end, decor_end + 300)]
    mention = Mention(name=name, start=name_start, end=name_end, extent_start=start,
                      extent_end=decor_end)

    if anchored_by_title:
        mention.extent_start = start
        mention.title, mention.country = clean_title(title_text)
        mention.rule, mention.confidence = "people.title_name", 0.85
    elif reading.line_country and len(words) >= 2 and _opens_signers_line(ctx, start, after_name=name_end):
        # "Cyprus Prodromos Prodromou, Minister of Education": a line of a list
        # of signers or delegates, whose given name no dictionary holds
        mention.country, mention.rule, mention.confidence = reading.line_country, "people.line_country_name", 0.7
    elif honorific or (len(words) >= 2 and _has_given_name_shape(words)):
        # ("Economist Steve Yates: “...”": who labels a quotation is described before the name)
        labels_quote = given and _LABELS_QUOTE.match(text, decor_end) is not None
        if (not honorific and title_words and not labels_quote
                and not (given and all(_office_acronym(w) for w in title_words))):
            return None  # a capitalised phrase that is not a name ("Science Minister Freeman" is anchored)
        if not honorific and title_words:
            # "UNSE Geir Pedersen": an office's acronym before a full name is its title.
            mention.title = title_text
            mention.rule, mention.confidence = "people.title_name", 0.7
            mention.extent_start = start
        else:
            mention.rule = "people.honorific_name" if honorific else "people.name"
            mention.confidence = 0.85 if honorific else 0.6
        # "…, Title, Name" : title set off before the name (a style's article
        # between them: "the Minister for Defence, the Hon Richard Marles")
        m = _title_before(_STYLE_ARTICLE.sub(", ", before) if honorific else before)
        if m and not given and not honorific and _PORTFOLIO_GOES_ON.match(after) and not _another_official(after):
            return None  # "Secretary for Democracy, Human Rights, and Labor": a portfolio's words
        if m and not _APPOSITIVE_AFTER.match(after):
            title_at, title_text = m
            mention.title, mention.country = clean_title(title_text)
            mention.extent_start = start - len(before) + title_at
            mention.rule, mention.confidence = "people.title_comma_name", 0.8
    else:
        return None
    if name in CAPITALS and not honorific and not mention.title:
        return None  # a seat of government is a place: "Kuala Lumpur, I will also meet ..."
    # "Name, Title[, Organisation]," after the name.
    m = _TITLE_AFTER.match(after)
    # (a royal style is a rank, the office after the comma the title: "Prince
    # Faisal bin Farhan Al Saud, Minister of Foreign Affairs of ...")
    if (m and (not mention.title or mention.title in ROYAL_STYLES) and title_like(m.group(1))
            and not _reads_as_clause(m.group(1))):
        mention.country = None if mention.title in ROYAL_STYLES else mention.country
        title_end = m.end(1) + _portfolio_goes_on_after(m.group(1), after[m.end(1):])
        mention.title, country = clean_title(after[m.start(1):title_end])
        mention.country = mention.country or country
        mention.extent_end = decor_end + title_end
        rest = stdre.match(r",\s+((?:the\s+|The\s+)?[^,;.“”\"]+?(?:\([A-Z]{2,}\))?)(?=[,;.]|$)", after[title_end:])
        if rest and org_like(rest.group(1)) and not title_like(rest.group(1)):
            mention.organization = stdre.sub(r"^(?:the|The)\s+", "", rest.group(1)).strip()
            mention.extent_end += len(rest.group(0))
        if mention.rule == "people.name":
            mention.rule, mention.confidence = "people.name_comma_title", 0.8
    # ("Venezuela’s Nicolas Maduro": a country's own, a given name first, is a person)
    owner = _OWNER_BEFORE.search(before) if given else None
    owned = owner is not None and lookup_country(owner.group(1)) is not None
    if mention.rule == "people.name" and (org_like(name) or not (owned or _attributed(before, after))):
        # (a surname's particles are no extra words: "Ursula von der Leyen")
        if (org_like(name) or not given or sum(w not in PARTICLES for w in words) > 3
                or _PLACE_OR_THING_BEFORE.search(before)
                or _LABEL_AFTER.match(after) or _COMPOUND_GOES_ON.match(text, name_end)
                or _in_quoted_title(before, after) or name in CAPITALS):
            # (a seat of government is a place: "Abu Dhabi", "Addis Ababa")
            return None  # an unanchored pair of capitalised words is too weak alone
        # A given name and a surname with nothing said of them ("sanctions on
        # Konstantin Malofeyev"): a candidate the person model may reject
        # ("none": "Grace Hopper Prize" has its words too).
        mention.rule, mention.confidence = _UNATTRIBUTED, 0.5
    if run_country:
        mention.country = mention.country or run_country
        mention.extent_end = max(mention.extent_end, run_end)
    _settle_title(mention)
    return mention


def _settle_title(mention: Mention) -> None:
    """The organisation a title names, and the country it ends on where no
    other says it ("Minister of Foreign Affairs of the People's Republic of China")."""
    if mention.title and not mention.organization:
        mention.title, mention.organization = split_org(mention.title)
    if not mention.country:
        mention.country = trailing_country(f"{mention.title} of {mention.organization}" if mention.organization
                                           else mention.title)


_LABELS_QUOTE = stdre.compile(r"\s*:\s*[“\"]")
_STYLE_ARTICLE = stdre.compile(r",\s*the\s+$")
# A preposition of place right before the run: what it opens is a place
_AT_PLACE = stdre.compile(r"\b(?:at|in)\s+$")


_TITLE_ENDING_VERBS = load_data("title_ending_verbs")
# "Name, Title" (or "Name - Title" on a signature line) up to the next comma,
# or to the verb ("..., Premier of South Australia have signed", "...,
# Minister of Foreign Affairs of Malaysia will undertake") or to the next
# honorific-led person ("..., Prime Minister of Australia and the Hon.
# Mike Rann").
# (a country's initials may open the title: "Rahm Emanuel, U.S. Ambassador to Japan")
# (a verb's clause is none: "..., met the Minister for Foreign Affairs of Botswana")
_TITLE_AFTER = stdre.compile(
    r"(?:,|[ \t]+[-–—])\s+(?!and\s|or\s)(?![a-z][\w-]*\s+(?:the|a|an|with|to|on|at|in|for|by)\s)((?:the\s+)?(?:(?:[A-Z]\.){2,}\s+)?[^,;:.“”\"]+?(?:\([A-Z]{2,}\))?)(?=[,;:.]|$|"
    r"\s+(?:(?:jointly|today|also|both)\s+)?(?:"
    + "|".join(map(stdre.escape, _TITLE_ENDING_VERBS["auxiliaries"] + _TITLE_ENDING_VERBS["verbs"])) + r")\b|"
    r"\s+and\s+(?:the\s+)?(?:" + "|".join(sorted((stdre.escape(h) for h in HONORIFIC_SET), key=len, reverse=True))
    + r")\b)")
_POST_NOMINALS_AFTER = stdre.compile(
    r"(?:,?[ \t]+(?:" + "|".join(sorted((stdre.escape(p) for p in POST_NOMINALS), key=len, reverse=True))
    + r")(?![\w.]))+")


# A title set off after the name ("Name, Title,") belongs to it; the one before
# it may be the previous person's ("A, Title of A, B, Title of B").
# (the title's head may be its first word: "B, Minister of Finance")
_APPOSITIVE_AFTER = stdre.compile(r",\s+(?!and\s)(?:the\s+)?(?=[A-Z])[^,;.]*?\b(?:" + "|".join(
    sorted({w.split()[-1] for w in TITLE_HEAD_WORDS}, key=len, reverse=True)) + r")\b")


# Possessive: the title's words, spaces and an "(ACRONYM)" are read one way
# only ("[^,;:()]*(?:...)?[^,;:()]*" splits a run of words every possible way).
_TITLE_BEFORE = stdre.compile(r"(?:^|[,;:(]|\bby\b|\band\b|\bwith\b)\s*+"
                             r"([^,;:()]*+(?:\([A-Z]{2,}\)[^,;:()]*+)?),\s*$")


_TITLE_CONNECTORS = frozenset({"of", "for", "and", "the", "on", "to", "at", "in", "de", "du", "la"})


def _title_start(segment: str) -> int:
    """Where the title ends a clause set off by a comma: "... was an
    achievement for the Foreign Minister" -> "Foreign Minister" (a title is
    capitalised words and their connectors; the sentence's own lower-case
    words come before it)."""
    words = list(stdre.finditer(r"\S+", segment))
    i = len(words)
    while i > 0 and (words[i - 1].group()[:1].isupper() or words[i - 1].group() in _TITLE_CONNECTORS
                     or not words[i - 1].group()[:1].isalpha()):
        i -= 1
    while i < len(words) and words[i].group() in _TITLE_CONNECTORS:
        i += 1
    return words[i].start() if 0 < i < len(words) else 0


# The words of a title before the comma that split it, from a capitalised
# word's start ("invitation of the" opens no title); a comma inside it
# joins capitalised words only ("Minister for Trade, Tourism and
# Investment": ", and the" or ", and UK Minister" joins a list's items).
_SPLIT_LEAD = stdre.compile(r"(?<![\w’'.-])([A-Z][\w’'.-]*"
                            r"(?:,\s+[A-Z][\w’'.-]*|\s+(?:[A-Z][\w’'.-]*|of|for|and|the|on|to|at))*)"
                            r"(,\s*(?:and\s+)?)$")


def _comma_split_lead(before: str, title_text: str):
    """The first part of a title a comma split, read back from the words
    before the run: the longest that reads as a title with the rest and
    crosses no other person (an honorific inside it opens another's name:
    "the Prime Minister of Malaysia, YAB Dato' Seri Anwar Ibrahim, His
    Excellency Joko Widodo"; so do two name words: "signed by Piyush Goyal,
    Minister of Commerce, and Thani Al Zeyoudi")."""
    pos = 0
    while (lead := _SPLIT_LEAD.search(before, pos)) is not None:
        words = [w.strip(",.") for w in lead.group(1).split()]
        if "," in lead.group(1) and holds_name(lead.group(1).split(",")[0]):
            return None  # "Piyush Goyal, Minister of Commerce, and": another's name and title
        if (title_like(lead.group(1) + ", " + title_text)
                and not any(w in HONORIFIC_SET and w not in STYLE_WORDS for w in words)):
            return lead
        pos = lead.start(1) + 1
    return None


def _title_before(before: str) -> tuple[int, str] | None:
    """The title set off before a name: '..., and the Japanese Minister of
    Education, Keiko Nagaoka'.  Of the possible starts, the first whose
    title holds no other person's name wins; (its offset in ``before``, the
    title)."""
    pos = 0
    while True:
        m = _TITLE_BEFORE.search(before, pos)
        if m is None:
            return _portfolio_title_before(before)
        group = m.group(1)
        # "co-chaired by U.S. Acting Deputy ..., Name": the title starts after "by"
        # (or after "and the": "President A of Indonesia and the Prime Minister, Mr B";
        # or after "and" before another government's office: "signed by the Business
        # and Trade Secretary and Ghana's Minister for Trade and Industry, K.T. Hammond")
        intro = list(stdre.finditer(r"\b(?:by|with|from)\s+(?=(?:the\s+)?[A-Z])|\band\s+(?=the\s+[A-Z])|"
                                    r"\band\s+(?=[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2}[’']s\s+[A-Z])", group))
        opening = intro[-1].end() if intro else 0
        skip = max(opening, _title_start(group))
        title = group[skip:]
        if (title_like(title) and not honorific_only(title) and not holds_name(title)
                and not _reads_as_clause(title)):
            # (the mention's extent keeps the words that join it to a list, "and
            # the visiting Minister for Transport, Dr X", unless the clause
            # before its title is long: "... was an achievement for the Minister")
            return m.start(1) + (opening if title_like(group[opening:]) else skip), title
        pos = m.start() + 1


#: The most lower-case words (connectors aside) a title set off before a name
#: holds ("the foreign minister of Japan"): past them it is a clause ("the
#: Prime Minister in April 1997 and presented its final report, Staying
#: Connected, ...": a report's name after it).
TITLE_LOWER_WORDS = 2


def _reads_as_clause(title: str) -> bool:
    return sum(1 for w in title.split() if w.islower() and w not in _TITLE_CONNECTORS) > TITLE_LOWER_WORDS


# A portfolio's further words after a comma: "Energy", "and the Environment"
_PORTFOLIO_PART = stdre.compile(r"\s*(?:and\s+)?(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:and\s+|of\s+|the\s+)?[A-Z][\w’'-]*){0,3}\s*")
#: The most comma-separated parts a portfolio's title runs on for.
PORTFOLIO_PARTS = 4


def _portfolio_title_before(before: str) -> tuple[int, str] | None:
    """A title whose portfolio runs on past commas before the name: "Under
    Secretary of State for Economic Growth, Energy, and the Environment, Jose
    W. Fernandez" (each comma's part alone is no title)."""
    parts = before.rstrip().removesuffix(",").split(",")
    for k in range(2, min(len(parts), PORTFOLIO_PARTS + 1) + 1):
        if not _PORTFOLIO_PART.fullmatch(parts[-k + 1]):
            return None
        head = parts[-k]
        office = _title_before(head.rstrip() + ", ") if _PORTFOLIO_OF.search(head) else None
        if office is not None:
            at, title = office
            start = len(",".join(parts[:-k])) + (1 if len(parts) > k else 0)
            return start + at, title + "," + ",".join(parts[-k + 1:])
    return None


# (a head that names an office's portfolio: "Secretary of State for Economic Growth")
_PORTFOLIO_OF = stdre.compile(r"\s(?:for|of)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}\s*$")


def _portfolio_goes_on_after(title: str, rest: str) -> int:
    """How far past the title after a name its portfolio runs on: ",
    Minister of Investment, Trade and Industry, and Mr. Ahn" (the comma's
    parts up to the one that holds "and" are the portfolio's; a part that is a
    country, a person or another office ends it).  0 when it does not."""
    if not _PORTFOLIO_OF.search(title):
        return 0
    clause = _CLAUSE_END.split(rest, maxsplit=1)[0]
    parts = clause.split(",")
    for k in range(1, min(len(parts), PORTFOLIO_PARTS + 1)):
        part = parts[k]
        # ("..., Industry and Energy of the Republic of Korea": the last part
        # may close on the office's country)
        country = _OF_COUNTRY_END.search(part)
        if country and lookup_country(country.group(1)):
            part = part[:country.start()]
        words = [w for w in part.split() if w not in ("and", "the", "of")]
        if (not _PORTFOLIO_PART.fullmatch(part) or lookup_country(" ".join(words)) is not None
                or _another_official(part) or any(w in HONORIFIC_SET for w in words)
                or (part.lstrip().startswith("and ") and _has_given_name_shape(words))):
            return 0
        if stdre.search(r"\band\s", part):
            # (the part that holds "and" closes the portfolio)
            return len(",".join(parts[:k + 1]).rstrip())
    return 0


_OF_COUNTRY_END = stdre.compile(r"\s+of\s+(?:the\s+)?([A-Z][\w’'-]*(?:\s+(?:of\s+)?[A-Z][\w’'-]*){0,4})\s*$")


# Where a clause ends after a title: a full stop, a semicolon or a colon
_CLAUSE_END = stdre.compile(r"[;:]|\.(?=\s|$)")


def honorific_only(segment: str) -> bool:
    return segment.strip().rstrip(".") in HONORIFIC_SET


_ACRONYM = stdre.compile(r"[A-Z]{2,6}")


def _office_acronym(word: str) -> bool:
    """"UNSE" (an office's initials), not a body's acronym ("ASEAN Five Point
    Consensus") nor a title word in capitals ("MINISTER")."""
    return bool(_ACRONYM.fullmatch(word)) and word.title() not in TITLE_HEADS and lookup_body(word) is None


def _names_person_title(title_words: list[str]) -> bool:
    """Whether the title before a name is a person's office: 'President',
    'Director General', 'Secretary of State', 'Minister for Foreign Affairs'."""
    if not title_words:
        return False
    if title_words[-1] in PERSON_TITLES or title_head(title_words[-1]) in PERSON_TITLES:
        return True
    for n in (2, 3):
        phrase = " ".join(title_words[-n:])
        if len(title_words) >= n and (phrase in PERSON_TITLES or (
                phrase in TITLE_HEAD_WORDS and title_head(title_words[-n]) in PERSON_TITLES)):
            return True
    # a portfolio after the office: "<Office> of|for <Capitalised words>"
    # (short and single: in "Minister for Foreign Affairs and Regional
    # Integration" the last word is the portfolio's, not a surname)
    for k, word in enumerate(title_words[:-2]):
        if title_words[k + 1] in ("of", "for") and title_head(word) in PERSON_TITLES:
            portfolio = [w for w in title_words[k + 2:] if w != "the"]
            return 1 <= len(portfolio) <= 3 and all(w[:1].isupper() for w in portfolio)
    return False


def _opens_signers_line(ctx: Context, start: int, after_name: int) -> bool:
    """The run opens its line, and a title set off by a comma follows the name."""
    block = ctx.block_at(start)
    if block is None or block.start != start:
        return False
    title = _TITLE_AFTER.match(ctx.text, after_name, block.end)
    return title is not None and title_like(title.group(1))


_PORTFOLIO_GOES_ON = stdre.compile(r",?\s+and\s+(?=[A-Z])")


def _another_official(after: str) -> bool:
    """", and Indian Commerce Minister Piyush Goyal": what follows "and" is a
    second person's title (a portfolio's words hold no title's head)."""
    following = stdre.split(r"[,;.:]", _PORTFOLIO_GOES_ON.sub("", after, count=1), maxsplit=1)[0].split()[:6]
    return any(title_head(w) in TITLE_HEAD_SET for w in following)


def _closing_country(ctx: Context, m: Mention) -> str | None:
    """The country that closes the line of a name and its title after a
    comma ("Jean-Noël Barrot, Minister for Europe and Foreign Affairs,
    France": a line of signers or delegates); the line holds no sentence."""
    block = ctx.block_at(m.start)
    if block is None or not m.title:
        return None
    line = ctx.text[m.end:block.end].split("\n", 1)[0].rstrip(" .;")
    head, comma, last = line.rpartition(",")
    if not comma or len(line) > _TITLE_LINE or not title_like(head) or _CLAUSE_VERB.search(line):
        return None
    code = lookup_country(last.strip())
    if code and m.title.rstrip().endswith(last.strip()):
        m.title = m.title.rstrip()[:-len(last.strip())].rstrip(" ,")
    return code


_CLAUSE_VERB = stdre.compile(r"\b(?:is|are|was|were|has|have|had|will|said|signed|met|visited|called)\b")


#: The longest line read as a title that closes on its country.
_TITLE_LINE = 200


def _has_given_name_shape(words: list[str]) -> bool:
    return 2 <= len(words) <= 5 and not all(w.isupper() for w in words)


_LOWER_OFFICE = stdre.compile(r"\b(?:" + "|".join(sorted({t.lower() for t in PERSON_TITLES if " " not in t}
                                                           | PERSON_NOUNS)) + r")\s+$")


_LOWER_OFFICE_OF = stdre.compile(r"\b(?:the|its|their|his|her)\s+(?:" + "|".join(
    sorted({t.lower() for t in PERSON_TITLES if " " not in t} | {"chairman", "chairwoman", "chairperson", "head"}))
    + r")\s+of\s+[^,;.]{1,80},\s*$")
_APPOSITION_TO_ROLE = stdre.compile(
    r"\b(?:counterparts?|colleagues?|successors?|predecessors?|deput(?:y|ies)|envoys?|advis[eo]rs?|"
    # (the comma may be left out, and a list may follow: "his counterparts
    # Akiba Takeo of Japan, Cho Tae-yong of the ROK, and Eduardo Ano")
    r"representatives?|spokespersons?),?\s+(?:(?:[A-Z][\w.’'-]*,?|of|the|and)\s+){0,16}$")
_MET_WITH_BEFORE = stdre.compile(r"\b(?:met|meets|meet|meeting|spoke|speaks|called|talks|talked|visited)\b"
                                r"[^.;]{0,40}\bwith\s*$")


# What stands before a place or a named thing and seldom before a person's
# bare name: "the Red Sea", "the Doha Round", "in San Antonio"; and the colon
# of a label ("Asset Recovery: ...").
# "Major Non-NATO Allies": the run ends inside a hyphenated word.
_COMPOUND_GOES_ON = stdre.compile(r"[-‑–]\w")
_OPEN_QUOTE = stdre.compile(r"[“\"]([^“”\"]*)$")
_CLOSE_QUOTE = stdre.compile(r"^([^“”\"]*)[”\"]")


def _in_quoted_title(before: str, after: str) -> bool:
    """Inside a quoted title ("guidance titled “Gender-affirming Care and
    Young People,”"): a short quotation whose words are capitalised."""
    opened, closed = _OPEN_QUOTE.search(before), _CLOSE_QUOTE.match(after)
    if opened is None or closed is None:
        return False
    words = (opened.group(1) + " " + closed.group(1)).split()
    content = [w for w in words if w[:1].isalpha() and w.lower() not in _TITLE_SMALL_WORDS]
    return len(words) <= 15 and all(w[:1].isupper() for w in content)


_TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "and", "or", "of", "for", "in", "on", "to", "with", "at", "by"})
_PLACE_OR_THING_BEFORE = stdre.compile(r"\b(?:the|The|THE|in|In|at|At|near|across)\s+$")
_LABEL_AFTER = stdre.compile(r"\s*:")


_OWNER_BEFORE = stdre.compile(r"((?:the\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3})[’']s\s+$")


def _attributed(before: str, after: str) -> bool:
    """An unanchored name counts when the sentence attributes something to it."""
    return bool(stdre.search(r"\b(said|says|stated|noted|added|by|between|attributable to)\s*$", before)
                # an apposition to a role noun: "his Chilean counterpart, Ana Ruiz"
                # (or the pair after it: "their climate envoys, John Kerry and Sultan al-Jaber")
                or _APPOSITION_TO_ROLE.search(before)
                # an office written in lower case: "opposition leader Tom Reed",
                # "the chairman of the Authority (IGAD), Abdallah Hamdok"
                or _LOWER_OFFICE.search(before) or _LOWER_OFFICE_OF.search(before)
                # the other side of a meeting or call: "met yesterday with Ana Ruiz"
                or _MET_WITH_BEFORE.search(before)
                or stdre.match(r"\s*(said|says|stated|noted|added|signed|met|welcomed|hosted)\b", after))

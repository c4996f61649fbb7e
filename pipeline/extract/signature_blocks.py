"""Signature blocks: names above their titles at the end of an instrument.

Two layouts: one person per pair of lines ("The Honourable Priya Deshpande" /
"Minister of ..."), possibly under "For the Government of Canada:", and
several names in capitals side by side with their titles on the next line
("JOSEPH R. BIDEN JR. ANTHONY ALBANESE").
"""

from __future__ import annotations

import re as stdre

import regex as re

from pipeline.extract.context import Context
from pipeline.extract.names import (
    TITLE_HEAD_SET,
    UP,
    Mention,
    caps_surname,
    clean_title,
    is_name_suffix,
    is_name_word,
    is_style_word,
    split_org,
    strip_name_decorations,
    title_like,
)
from pipeline.gazetteer import (
    INNER_HONORIFICS,
    TITLE_HEAD_WORDS,
    TITLE_HEADS,
    is_given_name,
    lookup_country,
    trailing_country,
)
from pipeline.models import BlockKind
from pipeline.parse.furniture import PARTY_THEN_SIGNER, SIGNING_MARK


_CAPS_NAME = re.compile(rf"{UP}{{2,}}(?:[-'’]{UP}+)*|{UP}\.")


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
        if j < len(tokens) and is_name_suffix(tokens[j][2]):
            j += 1
        names.append((start, tokens[j - 1][1]))
        i = j
    return names






def columns(line: str) -> int:
    """How many times the line repeats one phrase: 2 for "President President"
    or "For the Government of the For the Government of the" (the line of a
    two-column signature block read across both columns), else 1."""
    words = line.split()
    half = len(words) // 2
    return 2 if len(words) >= 2 and len(words) % 2 == 0 and words[:half] == words[half:] else 1


# A column of a line read across a table or a page set in columns: text
# between tabs or runs of three spaces or more.
_COLUMN = stdre.compile(r"\S(?:[^\t]*?\S)??(?=\t|\s{3,}|\s*$)")


def two_names(line: str) -> list[tuple[int, int]] | None:
    """Spans of the two names on a line known to hold two ("Donald J. Trump
    Prabowo Subianto"): each name has two words at least, the first does not
    end with an initial, the second does not start with a suffix.  Where
    several cuts fit, a known given name starting the second decides; no
    cut is made when it stays ambiguous.  Columns set apart by a tab or a
    run of spaces are the names' own division."""
    columns = [(m.start(), m.end()) for m in _COLUMN.finditer(line)]
    if len(columns) == 2:
        # (each column's styles are no part of its name: "Dato' Seri Anwar Ibrahim")
        return [(start + s, start + e) for start, end in columns
                for s, e in [strip_name_decorations(line[start:end])]]
    tokens = [(m.start(), m.end(), m.group(0)) for m in stdre.finditer(r"\S+", line)]
    cuts = [i for i in range(2, len(tokens) - 1)
            if not stdre.fullmatch(r"[A-Z]\.", tokens[i - 1][2])
            and not is_name_suffix(tokens[i][2]) and not tokens[i][2].islower()]
    if len(cuts) > 1:
        cuts = [i for i in cuts if is_given_name(tokens[i][2].title() if tokens[i][2].isupper()
                                                 else tokens[i][2])]
    if len(cuts) != 1:
        return None
    i = cuts[0]
    return [(tokens[0][0], tokens[i - 1][1]), (tokens[i][0], tokens[-1][1])]


def is_signature_name_line(line: str) -> bool:
    """'Kristjan Saar' or 'Anda Ozoliņa' alone on a line: a person's name."""
    s, e = strip_name_decorations(line)
    styled = s > 0  # (an honorific before it says a name follows: "YB Datuk Seri Zafrul Tengku Abdul Aziz")
    line = line[s:e]
    words = line.split()
    if len(words) > 2 and is_name_suffix(words[-1]):
        # ("Joseph R. Biden Jr.", "Joseph R. Biden, Jr.": the suffix's stop ends no sentence)
        line = line[:line.rindex(words[-1])].rstrip().rstrip(",")
        words = line.split()
    if len(words) >= 2 and caps_surname(words[0]) and is_given_name(words[1]):
        return len(words) <= 4 and len(line) <= 60  # "MATSUMOTO Keiko", surname first
    return (2 <= len(words) <= 5 and len(line) <= 60 and not stdre.search(r"[.,;:!?]$", line)
            and all(is_name_word(w) or stdre.fullmatch(r"[A-Z]\.", w)
                    or (0 < k < len(words) - 1 and w in INNER_HONORIFICS)
                    # (a surname that is a title's word after a given name: "Madeleine King")
                    or (k == len(words) - 1 and w in TITLE_HEAD_SET and is_given_name(words[k - 1])
                        and "," not in line)
                    for k, w in enumerate(words))
            and (is_given_name(words[0]) or len(words) <= 3 or styled))


def signature_block_mentions(ctx: Context) -> list[Mention]:
    """Signature blocks: a name on one line and a title on the next, either one
    person per pair of lines or several names in capitals side by side."""
    mentions = []
    blocks = ctx.blocks()
    for i, block in enumerate(blocks[:-1]):
        line = ctx.block_text(block)
        nxt = blocks[i + 1]
        # (after an attestation clause, lines apart by a blank line belong together too)
        tight = ctx.text[block.end:nxt.start] == "\n" or attested(ctx, block.start)
        # Two columns read across ("Anthony Albanese Fumio Kishida" over
        # "Prime Minister Prime Minister"): the title line repeats one title,
        # so the name line holds two names.
        # (whether the line stands where signatures may is asked before its
        # titles are read: most lines are in the body, and reading costs more)
        titles_line = ctx.block_text(nxt)
        if "\t" in line and tight and in_closing(ctx, block.start):
            # (a table of three signature columns or more, a cell each: "For Australia",
            # "For the United Kingdom", "For the United States" over names over titles)
            across = _names_across(ctx, blocks, i, line, titles_line)
            if across:
                mentions += across
                continue
        pair = (two_names(line) if tight and not line.isupper() and in_closing(ctx, block.start)
                and title_count(titles_line) == 2 and title_like(titles_line) else None)
        if pair and all(is_signature_name_line(line[s:e]) for s, e in pair):
            above = _columns_of_parties(ctx, blocks, i)
            for k, ((s, e), title) in enumerate(zip(pair, _titles_of(titles_line, 2))):
                title, country = clean_title(title)
                country = country or trailing_country(title) or (above[k] if len(above) == 2 else None)
                mentions.append(Mention(
                    name=line[s:e], start=block.start + s, end=block.start + e, title=title,
                    country=country, extent_start=block.start, extent_end=nxt.end,
                    rule="signatories.signature_block", confidence=0.8, tags={"signature_block"}))
            continue
        # (where the line stands first: reading it as a name costs more)
        if (tight and not line.isupper() and in_closing(ctx, block.start) and title_like(ctx.block_text(nxt))
                and is_signature_name_line(line)):
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
            if above is not None and _next_lines(ctx, above, block):
                country = _signed_for(ctx.block_text(above)) or country
            s, e = strip_name_decorations(line)
            mentions.append(Mention(
                name=line[s:e], start=block.start + s, end=block.start + e, title=title,
                organization=organization, country=country, extent_start=block.start,
                extent_end=extent_end, rule="signatories.signature_block", confidence=0.8,
                tags={"signature_block"}))
            continue
        if not (line.isupper() and 2 <= len(line.split()) <= 12 and _CAPS_NAME.match(line)
                and in_closing(ctx, block.start)):
            continue
        if any(w.rstrip(".,") in TITLE_HEADS or w.title() in TITLE_HEADS for w in line.split()):
            continue  # a heading in capitals ("COMMITTEE ON SCIENCE")
        nxt = blocks[i + 1]
        titles_line = ctx.block_text(nxt)
        # ("PRIME MINISTER OF AUSTRALIA   PRESIDENT OF INDONESIA": titles in
        # capitals too, read in title case)
        if titles_line.isupper():
            titles_line = _FUNCTION_WORD.sub(lambda w: w.group().lower(), titles_line.title())
        if not title_like(titles_line):
            continue
        # (its styles in capitals are no name: "DATO' SRI TENGKU ZAFRUL ..." over one title is one signer)
        bare_start, bare_end = strip_name_decorations(line)
        if bare_start > 0 and bare_start < bare_end and title_count(titles_line) == 1:
            spans = [(bare_start, bare_end)]
        else:
            spans = [(s, e) for s, e in _split_caps_names(line)
                     if (is_given_name(line[s:e].split()[0].title()) or re.match(r"[A-Z]\.", line[s:e]))
                     and not lookup_country(line[s:e])]  # "VIET NAM"
        names = [(s, e) for s, e in _split_caps_names(line) if not lookup_country(line[s:e])]
        if spans and len(names) == 2 and len(spans) == 1 and title_count(titles_line) == 2:
            # ("MARCUS TENBY BUDI SANTOSO" over two titles: the second given
            # name is one no list holds; the titles count the signers)
            spans = names
        above = _columns_of_parties(ctx, blocks, i)
        whole = bool(spans) and spans[0][0] == 0 and spans[-1][1] == len(line.rstrip())
        # (the styles are no name's words: "DATO' SERI ANWAR IBRAHIM JOKO WIDODO")
        words = [w for w in stdre.finditer(r"\S+", line) if not is_style_word(w.group().rstrip(","))]
        if len(above) == 2 and not (len(spans) == 2 and whole) and len(words) in (4, 6):
            # ("FOR THE GOVERNMENT OF MALAYSIA FOR THE GOVERNMENT OF SINGAPORE"
            # over "TENGKU ZAFRUL AZIZ GAN KIM YONG": two columns, two names of
            # as many words, whatever given names the lists hold)
            half = len(words) // 2
            spans = [(words[0].start(), words[half - 1].end()), (words[half].start(), words[-1].end())]
        if not spans:
            # ("GOUGH WHITLAM" over "Prime Minister of Australia": a given name
            # the list does not know, under an office its country names, or
            # under the party it signs for: "FOR THE GOVERNMENT OF MALAYSIA")
            party = _signed_for(ctx.block_text(blocks[i - 1])) if i and _next_lines(ctx, blocks[i - 1], block) else None
            if _one_signer_of_a_country(line, titles_line) or (party is not None and title_count(titles_line) == 1):
                spans = [strip_name_decorations(line)]
                above = above or [party]
        if not spans:
            continue
        for k, ((s, e), title) in enumerate(zip(spans, _titles_of(titles_line, len(spans)))):
            title_clean, country = clean_title(title)
            country = country or trailing_country(title_clean) or (above[k] if len(above) == len(spans) else None)
            mentions.append(Mention(
                name=line[s:e], start=block.start + s, end=block.start + e, title=title_clean,
                country=country, extent_start=block.start, extent_end=nxt.end,
                rule="signatories.signature_block", confidence=0.85, tags={"signature_block"}))
    mentions += _names_under_their_party(ctx, blocks, {m.extent_start for m in mentions})
    mentions += _marked_signatures(ctx, blocks, {m.extent_start for m in mentions})
    return mentions


_FUNCTION_WORD = stdre.compile(r"(?<=\s)(?:Of|The|And|For|To|On|In)\b")


# (where a line read across two columns starts its second "For ...")
_NEXT_COLUMN = stdre.compile(r"\s+(?=For\b)", stdre.IGNORECASE)


def _names_across(ctx: Context, blocks, i: int, line: str, titles_line: str) -> list[Mention]:
    """A row of three names or more set apart by tabs (a table's cells) over
    as many titles: a signature each, its country from the title or from the
    party's column above.  None unless every cell is a name and every title
    cell a title."""
    names = [(m.start(), m.end()) for m in _COLUMN.finditer(line)]
    titles = [titles_line[s:e] for s, e in ((m.start(), m.end()) for m in _COLUMN.finditer(titles_line))]
    if len(names) < 3 or len(titles) != len(names) or not all(title_like(t) for t in titles):
        return []
    if not all(is_signature_name_line(line[s:e]) for s, e in names):
        return []
    above = _columns_of_parties(ctx, blocks, i)
    block, nxt = blocks[i], blocks[i + 1]
    out = []
    for k, ((start, end), title) in enumerate(zip(names, titles)):
        s, e = strip_name_decorations(line[start:end])
        title, country = clean_title(title)
        country = country or trailing_country(title) or (above[k] if len(above) == len(names) else None)
        out.append(Mention(
            name=line[start + s:start + e], start=block.start + start + s, end=block.start + start + e,
            title=title, country=country, extent_start=block.start, extent_end=nxt.end,
            rule="signatories.signature_block", confidence=0.8, tags={"signature_block"}))
    return out


def _titles_of(titles_line: str, n: int) -> list[str]:
    """The ``n`` titles of a line read across two or more columns."""
    # (columns set apart by a tab or a run of spaces are the titles' own division)
    columns_apart = stdre.split(r"\s*\t\s*|\s{3,}", titles_line.strip())
    return columns_apart if len(columns_apart) == n else _split_titles(titles_line, n)


def _columns_of_parties(ctx: Context, blocks, i: int) -> list[str]:
    """The countries of a "For the Government of X  For the Government of Y"
    line right above line ``i`` (a two-column signature block read across),
    in their order; none unless every column names one."""
    if i == 0:
        return []
    gap = ctx.text[blocks[i - 1].end:blocks[i].start]
    if gap.strip() or gap.count("\n") > 2:
        return []  # (a blank line may stand between)
    codes = [_signed_for(column) for column in _NEXT_COLUMN.split(ctx.block_text(blocks[i - 1]))]
    return codes if len(codes) >= 2 and all(codes) else []


def _one_signer_of_a_country(line: str, titles_line: str) -> bool:
    """One name of two or three words in capitals over one title that names its
    country: a signature, not a heading in capitals."""
    words = line.split()
    return (2 <= len(words) <= 3 and len(_split_caps_names(line)) == 1 and title_count(titles_line) == 1
            and bool(clean_title(titles_line)[1] or trailing_country(titles_line))
            and all(is_name_word(w.title()) for w in words))


def _marked_signatures(ctx: Context, blocks, taken: set[int]) -> list[Mention]:
    """A name after a signing mark (:data:`~pipeline.parse.furniture.SIGNING_MARK`),
    wherever its line stands, with the title after its comma or on the line below."""
    out = []
    for i, block in enumerate(blocks):
        line = ctx.block_text(block)
        mark = SIGNING_MARK.match(line)
        if block.start in taken or mark is None:
            continue
        name_part, _, title = line[mark.end():].partition(",")
        s, e = strip_name_decorations(name_part)
        name = name_part[s:e]
        if not (is_signature_name_line(name) or is_signature_name_line(name.title())):
            continue
        extent_end = block.end
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if not title.strip() and nxt is not None and ctx.text[block.end:nxt.start] == "\n":
            below = ctx.block_text(nxt)
            if title_like(below) and not SIGNING_MARK.match(below):
                title, extent_end = below, nxt.end
        title, country = clean_title(title)
        # (read before the organisation is split off: "Minister of Foreign
        # Affairs of Canada" would leave "Minister", naming no country)
        country = country or trailing_country(title)
        title, organization = split_org(title)
        start = block.start + mark.end() + s
        out.append(Mention(name=name, start=start, end=start + len(name), title=title,
                           organization=organization, country=country, extent_start=block.start,
                           extent_end=extent_end, rule="signatories.signed_mark", confidence=0.85,
                           tags={"signature_block"}))
    return out


# ("FOR THE GOVERNMENT OF THE REPUBLIC OF KENYA:" in an instrument set in capitals too;
# "Signed for and on behalf of the Government of Australia", "On behalf of the Government of Viet Nam:")
_FOR_PARTY = stdre.compile(r"^(?:(?:Signed\s+)?(?:for\s+and\s+)?on\s+behalf\s+of|For) (?:the )?(?:Government of |Republic of )?"
                           r"(?:the )?(.+?):?$", stdre.IGNORECASE)


def _signed_for(line: str) -> str | None:
    """The country of a "For the Government of Japan:" line above a signature."""
    m = _FOR_PARTY.match(line)
    return (lookup_country(m.group(1)) or trailing_country(" of " + m.group(1))) if m else None


def _next_lines(ctx: Context, above, block) -> bool:
    """Whether ``block`` is the line right under ``above``, or under it after
    one blank line (a page's paragraphs: "For the Government of Japan:",
    a blank line, the name)."""
    gap = ctx.text[above.end:block.start]
    return gap.count("\n") <= 2 and not gap.strip()


def _names_under_their_party(ctx: Context, blocks, taken: set[int]) -> list[Mention]:
    """A name alone under the party it signed for, no title below it ("For
    the Government of Japan:" then "Yoshimasa Hayashi"), or after its colon
    on the same line ("For the Republic of Korea: Park Jin, Minister of
    Foreign Affairs"), in the closing part."""
    out = []
    for above, block in zip([None, *blocks], blocks):
        if block.start in taken or not in_closing(ctx, block.start):
            continue
        beside = PARTY_THEN_SIGNER.match(ctx.block_text(block))
        if beside is not None:
            country = _signed_for(beside.group("party"))
            start, extent_start = block.start + beside.start("signer"), block.start
        elif above is not None and _next_lines(ctx, above, block):
            country = _signed_for(ctx.block_text(above))
            start, extent_start = block.start, above.start
        else:
            continue
        if country is None:
            continue
        mention = _signer_line(ctx.text[start:block.end], start, country)
        if mention is not None:
            mention.extent_start, mention.extent_end = extent_start, block.end
            out.append(mention)
    return out


def _signer_line(line: str, start: int, country: str) -> Mention | None:
    """The signer written on ``line`` (at ``start``): a name, its title after a
    comma or none ("Jason Clare, Minister for Education")."""
    name_part, _, title = line.partition(",")
    if title and not title_like(title):
        name_part, title = line, ""
    # (an instrument set in capitals signs in capitals: "ANTONY J. BLINKEN")
    if not (is_signature_name_line(name_part) or (name_part.isupper() and is_signature_name_line(name_part.title()))):
        return None
    s, e = strip_name_decorations(name_part)
    title, _ = clean_title(title)
    title, organization = split_org(title)
    return Mention(name=name_part[s:e], start=start + s, end=start + e, title=title, organization=organization,
                   country=country, rule="signatories.signature_block", confidence=0.75,
                   tags={"signature_block"})


# An attestation clause opens an instrument's closing part, where the
# signatures stand, even when notes or annexes follow it ("IN WITNESS WHEREOF
# ... have signed this Agreement", "Done at Canberra, this ...", "Signed in
# Washington on the seventh day ...").
_ATTESTATION = re.compile(r"^(?:in witness whereof\b|done\b[^.\n]{0,40}?\b(?:at|in)\s|"
                          r"signed\s+(?:at|in)\s[^.\n]{0,80}?\b(?:this|on|the)\s)", re.IGNORECASE)
LONG_PARAGRAPH = 200
CLOSING_MAX_BLOCKS = 100


def closing_parts(ctx: Context) -> list[tuple[int, int]]:
    """The spans of the text where signatures may stand: after the body (from
    its last long paragraph on), and after an attestation clause up to the next
    long paragraph (footnotes and annexes may follow a signed instrument)."""
    if "closing_parts" not in ctx.analyses:
        # found once per document, not once per candidate line (a long
        # roster of name lines would be quadratic)
        blocks = ctx.parsed.blocks
        long_starts = [b.start for b in blocks
                       if b.kind is BlockKind.paragraph and b.end - b.start > LONG_PARAGRAPH]
        # (a short text's signatures follow its last sentence, whose bylines
        # above the body sign nothing: "The Hon Anthony Albanese MP / Prime
        # Minister" over a joint media release)
        tail = max(long_starts, default=None)
        if tail is None:
            tail = max((b.start for b in blocks if b.kind is BlockKind.paragraph
                        and _is_sentence(ctx.block_text(b))), default=0)
        # a signature area is short: a long run of short lines after the body
        # is a table or an annex (names of grantees, figures), not signatures
        short_tail = sum(b.start >= tail for b in blocks) <= CLOSING_MAX_BLOCKS
        parts = [(tail, len(ctx.text) + 1) if short_tail else (len(ctx.text) + 1, len(ctx.text) + 1)]
        for b in blocks:
            if b.kind is BlockKind.paragraph and _ATTESTATION.match(ctx.block_text(b)):
                until = next((s for s in long_starts if s > b.start), len(ctx.text) + 1)
                parts.append((b.start, until))
        ctx.analyses["closing_parts"] = parts
    return ctx.analyses["closing_parts"]


def _is_sentence(paragraph: str) -> bool:
    """A paragraph that is a sentence of the body: eight words or more, closed by its stop."""
    return paragraph.rstrip().rstrip("\"”’'").endswith((".", "!", "?")) and len(paragraph.split()) >= 8


def in_closing(ctx: Context, at: int) -> bool:
    """Does the offset fall where signatures may stand (:func:`closing_parts`)?"""
    return any(start <= at < end for start, end in closing_parts(ctx))


def attested(ctx: Context, at: int) -> bool:
    """Does the offset follow an attestation clause, within its closing part?"""
    return any(start <= at < end for start, end in closing_parts(ctx)[1:])


def title_count(line: str) -> int:
    """How many titles a line under a row of names holds: 2 for "President
    President" (one title read across two columns) and for "President Prime
    Minister" (two titles, each starting with a title word), else 1."""
    if columns(line) == 2:
        return 2
    parts = _split_titles(line, 2)
    return 2 if parts[0] != parts[1] and all(title_like(p) for p in parts) else 1


_TITLE_HEAD = stdre.compile(r"\b(?:" + "|".join(map(stdre.escape, sorted(TITLE_HEAD_WORDS, key=len, reverse=True)))
                           + r")\b")


def _split_titles(line: str, count: int) -> list[str]:
    if count <= 1:
        return [line]
    starts = [0]
    for m in _TITLE_HEAD.finditer(line):
        # a new title starts where a head follows a complete previous title
        if m.start() > starts[-1] + 3 and not stdre.search(r"\b(of|the|and|for|to)\s*$", line[:m.start()]):
            starts.append(m.start())
    if len(starts) != count:
        return [line] * count
    starts.append(len(line))
    return [line[a:b].strip() for a, b in zip(starts, starts[1:])]

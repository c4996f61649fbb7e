"""Who a document says it is by: the by-list of a heading near the top, such
as "Statement by the Prime Minister, the Hon P J Keating MP" or "JOINT
STATEMENT BY THE PRIME MINISTER, MR HAWKE, AND THE SOUTH AUSTRALIAN PREMIER,
MR BANNON".

A statement's by-list names its authors; a remarks heading ("Remarks by ...")
names its speakers.  Archive headlines are often in capitals, where
capitalisation marks no name: there a name is what follows an honorific
("Mr", "the Hon") up to a post-nominal, a comma or "and", or what follows an
office ("PRIME MINISTER HOWARD") when the body writes that name too.
"""

from __future__ import annotations

import re

from pipeline.extract.context import Context
from pipeline.extract.names import Mention
from pipeline.gazetteer import (HONORIFICS, NON_NAME_WORDS, POST_NOMINALS, TITLE_HEAD_WORDS, is_given_name,
                                lookup_country)
from pipeline.models import BlockKind, PersonRole

# Only the first blocks of a page are its headings and bylines; further down a
# "statement by" is reported, not the page's own attribution.
TOP_BLOCKS = 6
MAX_HEADING_CHARS = 300
_BY = re.compile(r"\b(?P<what>remarks|statement|release|message|comment|communiqu[eé]|declaration)s?\s+(?:by|from|between)\s+",
                 re.IGNORECASE)
# The by-list ends where the heading turns to its subject ("... on Ukraine").
_LIST_END = re.compile(r"\s(?:on|regarding|concerning|about|following|at|to)\s|\s[-–—:]\s|[;:]\s", re.IGNORECASE)
_HONORIFIC = re.compile(
    r"(?<![A-Za-z])(?:THE\s+)?(?:(?:RT\.?|RIGHT)\s+)?(?:"
    + "|".join(sorted({re.escape(h.rstrip(".").upper()) for h in HONORIFICS}, key=len, reverse=True))
    + r")\.?\s+")
_OFFICE = re.compile(r"(?<![A-Za-z])(?:"
                     + "|".join(sorted({re.escape(t.upper()) for t in TITLE_HEAD_WORDS}, key=len, reverse=True))
                     + r")\s+")
_CAPS_WORD = re.compile(r"[A-Z][A-Z'’-]*\.?")
MAX_NAME_WORDS = 3


def by_lists(ctx: Context) -> list[tuple[int, int, PersonRole]]:
    """The spans of the top headings' by-lists, each with the role it gives
    the persons named in it (cached on the context)."""
    if "by_lists" in ctx.analyses:
        return ctx.analyses["by_lists"]
    out = []
    for index, block in enumerate(ctx.parsed.blocks[:TOP_BLOCKS]):
        if block.end - block.start > MAX_HEADING_CHARS and block.kind is not BlockKind.heading:
            continue
        text = ctx.block_text(block)
        found = _BY.search(text)
        if not found:
            continue
        end = _LIST_END.search(text, found.end())
        role = PersonRole.speaker if found.group("what").lower() == "remarks" else PersonRole.author
        out.append((block.start + found.end(), block.start + (end.start() if end else len(text)), role))
    ctx.analyses["by_lists"] = out
    return out


def by_list_role(ctx: Context, m: Mention) -> PersonRole | None:
    """The role a top heading's by-list gives this mention, if it is in one."""
    return next((role for start, end, role in by_lists(ctx) if start <= m.start < end), None)


# An office in a by-list, in any case ("by the Prime Minister and the Premier of
# South Australia", "BY THE PRIME MINISTER AND THE PREMIER").
#: The title vocabulary as one alternation, longest first.
TITLE_HEADS_PATTERN = "|".join(sorted({re.escape(t) for t in TITLE_HEAD_WORDS}, key=len, reverse=True))
_OFFICE_ANY_CASE = re.compile(rf"(?<![A-Za-z])(?:{TITLE_HEADS_PATTERN})(?![A-Za-z])", re.IGNORECASE)


def office_of(title: str) -> str | None:
    """The office a title holds ("the New South Wales Premier": "premier"),
    the longest the title vocabulary knows, case-folded."""
    found = [m.group(0).casefold() for m in _OFFICE_ANY_CASE.finditer(title)]
    return max(found, key=len) if found else None


def bare_offices(ctx: Context, named: list[tuple[int, int]]) -> dict[str, int]:
    """The offices of top by-lists that name no one ("JOINT PRESS RELEASE BY
    THE PRIME MINISTER AND THE PREMIER OF SOUTH AUSTRALIA": the body names
    their holders), each with where its by-list ends; ``named`` are the spans
    of the page's person mentions."""
    out: dict[str, int] = {}
    for start, end, role in by_lists(ctx):
        if role is not PersonRole.author or any(start <= s < end for s, _ in named):
            continue
        for office in _OFFICE_ANY_CASE.finditer(ctx.text, start, end):
            out.setdefault(office.group(0).casefold(), end)
    return out


def capitals_mentions(ctx: Context) -> list[Mention]:
    """The honorific- or office-anchored names of by-lists written in capitals."""
    out = []
    for start, end, _role in by_lists(ctx):
        segment = ctx.text[start:end]
        if sum(c.islower() for c in segment) > 0.1 * sum(c.isalpha() for c in segment):
            continue
        spans = [_name_after(segment, hon.end()) for hon in _HONORIFIC.finditer(segment)]
        spans += [span for office in _OFFICE.finditer(segment)
                  if (span := _name_after(segment, office.end())) and _body_writes(ctx, segment[span[0]:span[1]])]
        for s, e in sorted({span for span in spans if span}):
            out.append(Mention(name=ctx.text[start + s:start + e], start=start + s, end=start + e,
                               extent_start=start + s, extent_end=start + e, rule="people.statement_by",
                               confidence=0.7, tags={"statement_by", "in_title"}))
    return out


def _body_writes(ctx: Context, name: str) -> bool:
    """An office's next words are a name only if the body writes it as one
    ("PRIME MINISTER HOWARD" and "Prime Minister Howard")."""
    words = [w.title() for w in name.split()]
    if any(w in NON_NAME_WORDS or lookup_country(w) for w in words):
        return False  # "PREMIER AUSTRALIAN HEALTH CARE AGREEMENT": no name
    return re.search(r"\b" + re.escape(" ".join(words)) + r"\b", ctx.text) is not None


def _name_after(segment: str, at: int) -> tuple[int, int] | None:
    """The name's span from ``at``: initials then words, ended by a
    post-nominal, a comma, "and" or the segment's end.  More than three words
    mean the heading ran on into its subject: the name is cut to the given
    name and surname it starts with (or its first word)."""
    words = []
    for word in _CAPS_WORD.finditer(segment, at):
        if segment[words[-1].end() if words else at:word.start()].strip():
            break  # a comma or other punctuation between words ends the name
        bare = word.group(0).rstrip(".")
        if bare in POST_NOMINALS or bare in ("AND", "OF", "THE"):
            break
        words.append(word)
    initials = 0
    while initials < len(words) and len(words[initials].group(0).rstrip(".")) == 1:
        initials += 1
    if initials == len(words):
        return None
    if len(words) - initials > MAX_NAME_WORDS:
        first = words[initials].group(0).title()
        words = words[:initials + (2 if is_given_name(first) else 1)]
    return words[0].start(), words[-1].end()

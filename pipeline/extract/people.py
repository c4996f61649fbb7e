"""People: every named person who did not sign, with the role the text gives.

Mentions of one person ("Secretary of State Antony J. Blinken", later
"Secretary Blinken") are merged by surname; the fullest name is kept, as
written, honorifics dropped.  The role comes from the strongest cue among
the person's mentions.
"""

from __future__ import annotations

import re

from pipeline.extract import register
from pipeline.extract.context import Context
from pipeline.extract.mentions import Mention, find_mentions, name_words
from pipeline.models import Person, PersonRole

_PRIORITY = [PersonRole.author, PersonRole.host, PersonRole.quoted, PersonRole.speaker,
             PersonRole.member, PersonRole.other]
_SAY = r"(?:said|says|stated|noted|added|remarked|explained|emphasized|underscored)"
# "welcomed ... by A, Title, and B": the by-phrase runs to the person through
# names, titles and commas only (lower-case words are connectors).
_HOST_BY = re.compile(r"\b(?:welcomed|hosted|co-?hosted|co-?chaired|chaired|convened|moderated)\b"
                      r"[^.;]{0,80}?\bby\s+(?P<list>(?:[A-Z(][^\s]*|of|for|at|to|on|in|and|the|,|\s)*)$")
_HOST_AFTER = re.compile(r"^[\s,]*(?:who\s+)?(?:hosted|co-?hosted|co-?chaired|chaired|convened)\b", re.I)
# Speaking at an event, not speaking with someone ("spoke with", "briefed on").
_SPEAK_AFTER = re.compile(r"^[\s,]*(?:who\s+)?(?:keynot\w+|delivered (?:remarks|a speech|an address|the keynote)|"
                          r"gave (?:remarks|a speech|a presentation|the keynote)|spoke at|addressed the|"
                          r"presented)\b", re.I)
_SPEAK_BEFORE = re.compile(r"\b(?:remarks|keynote|speech|address|presentation|statement) (?:by|from)\s*$|"
                           r"^\s*Speaking\b[^.]{0,80}$", re.I)


def mention_role(ctx: Context, m: Mention) -> tuple[PersonRole, str]:
    if "roster" in m.tags:
        return PersonRole.member, "people.roster"
    s_start, s_end = ctx.sentence_at(m.start)
    text = ctx.text
    before = text[s_start:m.extent_start]
    after = text[m.extent_end:s_end]
    # "We, Title Name, Title Name, and Title Name, congratulate ..."
    lead = re.match(r"^\s*We,\s", text[s_start:s_end])
    if lead:
        list_end = re.search(r",\s+(?!and\b)[a-z]", text[s_start:s_end])
        if list_end and m.start < s_start + list_end.start():
            return PersonRole.author, "people.we_authors"
    if re.search(r"attributable to\s*$", text[max(0, m.extent_start - 40):m.extent_start], re.I):
        return PersonRole.author, "people.attributable_to"
    if _HOST_BY.search(before) or _HOST_AFTER.match(after):
        return PersonRole.host, "people.hosted_by"
    block = ctx.block_at(m.start)
    block_text = ctx.text[block.start:block.end] if block else ""
    has_quote = "“" in block_text or '"' in block_text
    if has_quote and (re.search(rf"\b{_SAY}\s+(?:[\w.’'-]+\s+){{0,10}}$", before)
                      or re.match(rf"^[^.“”]{{0,200}}?\b{_SAY}\b", after)):
        return PersonRole.quoted, "people.said"
    if re.match(r"^\s*to\s+[“\"]", after) or re.match(r"^\s*[,:]\s*[“\"]", after):
        return PersonRole.quoted, "people.quote_follows"
    if _SPEAK_AFTER.match(after) or _SPEAK_BEFORE.search(before):
        return PersonRole.speaker, "people.speaker"
    return PersonRole.other, "people.mentioned"


@register("people")
def extract_people(ctx: Context) -> list[Person]:
    signed_words = set().union(*(name_words(s.name) for s in ctx.results.get("signatories", [])))
    groups: dict[str, list[Mention]] = {}
    order: list[str] = []
    for m in find_mentions(ctx):
        if "signature_block" in m.tags or _same_person(m, signed_words):
            continue
        key = _merge_key(m, groups)
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(m)
    people = []
    for key in order:
        mentions = groups[key]
        roles = [mention_role(ctx, m) for m in mentions]
        role, rule = min(roles, key=lambda r: _PRIORITY.index(r[0]))
        best = max(mentions, key=lambda m: (len(m.name.split()), -m.start))
        titled = next((m for m in mentions if m.title), None)
        evidence_mention = next((m for m, r in zip(mentions, roles) if r[0] == role), best)
        confidence = min(0.95, max(m.confidence for m in mentions) + (0.05 if len(mentions) > 1 else 0))
        people.append(Person(
            name=best.name, role=role, title=(titled.title if titled else ""),
            organization=(titled.organization if titled else ""),
            evidence=ctx.evidence(evidence_mention.extent_start, evidence_mention.extent_end),
            confidence=round(confidence, 2), rule=f"{evidence_mention.rule}+{rule}"))
    return people


def _same_person(m: Mention, words: set[str]) -> bool:
    """A mention is someone already named when all its name words belong to
    that name: 'Minister Cardozo' is 'María Fernanda Cardozo Estévez', 'President
    Lee' is 'Lee Ho-seong' (surname first)."""
    mine = m.name_words
    return bool(mine) and mine <= words


def _merge_key(m: Mention, groups: dict[str, list[Mention]]) -> str:
    """Merge 'President Biden' and 'President Fuentes Aravena' into the full
    names; 'John Smith' and 'Jane Smith' stay two people."""
    for key, mentions in groups.items():
        if any(_same_person(m, x.name_words) or _same_person(x, m.name_words) for x in mentions):
            return key
    return f"{m.surname}#{len(groups)}"

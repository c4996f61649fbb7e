"""Signatories: persons the text says signed.

Three forms cover the genre: a signature block (names in capitals above
their titles), "signed by A and B", and "A[, title,] and B[, title,] signed".
Naming nobody ("We, signed below") gives no signatory.
"""

from __future__ import annotations

import re

from pipeline.extract import register
from pipeline.extract.context import Context
from pipeline.extract.mentions import Mention, find_mentions
from pipeline.extract.names import title_like
from pipeline.gazetteer import lookup_country, short_name
from pipeline.models import Signatory

# "signed by", also with the date or place between: "signed on March 2, 2023, by"
_SIGNED_BY = re.compile(r"\b(?:signed|co-signed|countersigned)(?:\s+(?:on|in|at)\s+[^.;]{1,60}?,?)?\s+by\b", re.I)
_WITNESS = re.compile(r"\b(?:in the presence of|witnessed by|with the participation of|attended by|"
                      r"as witnessed by)\b|;", re.I)
_VERB_AFTER = re.compile(
    r"^[\s,]*(?:(?:today|jointly|formally|also|officially|have|has|had|both|together)\s+)*"
    r"(?:signed|signs|co-signed)\b(?!\s+by)", re.I)
_CHAIN_GAP = re.compile(r"^\s*(?:,\s*)?(?:and\s+|as well as\s+)?$")
def _chained(gap: str) -> bool:
    """Two signers joined by 'and', possibly with the second one's title
    between them that was not read with the name ('…, and the Netherlands'
    Minister of Education, Culture and Science, Mr Pieter van der Linden')."""
    if _CHAIN_GAP.match(gap):
        return True
    rest = re.sub(r"^\s*,?\s*(?:and|as well as)\s+", "", gap)
    if rest == gap:
        return False
    rest = rest.strip(" ,")
    return title_like(rest) and not re.search(r"\b(?:signed|said|met|will|was|were|is|are)\b", rest)


_ON_BEHALF = re.compile(r"on behalf of\s+(?:the\s+(?:Government|Republic|Kingdom)\s+of\s+)?(?:the\s+)?"
                        r"([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})")


@register("signatories")
def extract_signatories(ctx: Context) -> list[Signatory]:
    mentions = find_mentions(ctx)
    found: list[tuple[Mention, int, int, str, float]] = []
    for m in mentions:
        if "signature_block" in m.tags:
            found.append((m, m.extent_start, m.extent_end, m.rule, m.confidence))
    for s_start, s_end in ctx.sentences:
        sentence = ctx.text[s_start:s_end]
        in_sentence = [m for m in mentions if s_start <= m.start < s_end and "roster" not in m.tags]
        if not in_sentence:
            continue
        for verb in _SIGNED_BY.finditer(sentence):
            after = s_start + verb.end()
            # Witnesses are not signers: "... in the presence of X".
            stop = _WITNESS.search(ctx.text, after, s_end)
            until = stop.start() if stop else s_end
            for m in in_sentence:
                if after <= m.start < until:
                    found.append((m, s_start + verb.start(), m.extent_end, "signatories.signed_by", 0.85))
        for i, m in enumerate(in_sentence):
            tail = ctx.text[m.extent_end:s_end]
            verb = _VERB_AFTER.match(tail)
            if not verb:
                continue
            end = m.extent_end + verb.end()
            chain = [m]
            for prev in reversed(in_sentence[:i]):
                if _chained(ctx.text[prev.extent_end:chain[-1].extent_start]):
                    chain.append(prev)
                else:
                    break
            begin = min(c.extent_start for c in chain)
            for c in chain:
                found.append((c, begin, end, "signatories.subject_signed", 0.85))
    return _to_signatories(ctx, found)


def _to_signatories(ctx: Context, found) -> list[Signatory]:
    by_name: dict[str, Signatory] = {}
    mentions = find_mentions(ctx)
    for mention, start, end, rule, confidence in found:
        # "Minister Ishii ... signed": name the signer as the text first did in full.
        if len(mention.name.split()) == 1:
            fuller = next((m for m in mentions if len(m.name.split()) > 1
                           and mention.name.casefold() in m.name_words), None)
            if fuller is not None:
                mention = fuller
        key = mention.surname
        if key in by_name:
            continue
        _, s_end = ctx.sentence_at(mention.start)
        country = mention.country
        behalf = _ON_BEHALF.search(ctx.text[mention.end:s_end])
        if behalf:
            country = lookup_country(behalf.group(1)) or country
            end = max(end, mention.end + behalf.end())
        by_name[key] = Signatory(
            name=mention.name, title=mention.title, organization=mention.organization,
            country=short_name(country) if country else "", country_code=country,
            evidence=ctx.evidence(start, end), confidence=confidence, rule=rule)
    return list(by_name.values())

"""Parties: governments (or bodies such as the G7) party to the instrument the
document is or announces, or taking part in the meeting it reports.

Evidence is read in order of strength: who signed (signatories' countries,
"the signing of X by Nigeria and Rwanda", "the United States and Japan today
signed"); the title ("Joint Statement of the United States and Finland");
"released by the Governments of A and B"; a list of participating countries;
for a readout, the officials' countries and the place of the meeting.
A country merely mentioned is not a party.
"""

from __future__ import annotations

import re

from pipeline.extract import register
from pipeline.extract.context import Context
from pipeline.gazetteer import CAPITALS, lookup_country, short_name
from pipeline.models import BlockKind, Kind, Party

_SIGN_NOW = re.compile(r"\b(?:today|this week|jointly)\b[^.]{0,150}?\b(?:signed|sign)\b|\bsigning of\b[^.]{0,120}?\bby\b|"
                       r"\bsigned\b[^.]{0,200}\bon behalf of\b|\b(?:signs|signed)\b[^.]{0,80}\bwith\b",
                       re.I)
_GOVERNMENTS = re.compile(r"\b(?:released|issued|adopted) by the (?:Governments|governments|leaders|Leaders)\s+of\b")
_PARTICIPANTS = re.compile(
    r"\b(?:gathered|participants?|participating|participated|attended|attendees|joined|took part|"
    r"representatives|delegations|(?:officials|ministers|delegates|experts|heads of [\w\s]{1,40}?) from|"
    r"leaders of|countries)\b", re.I)
_PLACES = {**CAPITALS, "the White House": "US", "White House": "US", "Downing Street": "GB",
           "the Kremlin": "RU", "the Élysée": "FR", "the Kantei": "JP"}
_MET_IN = re.compile(r"\b(?:met|meet|meeting|talks|spoke|hosted|co-hosted|visit)\b[^.]{0,200}?\b(?:in|at)\s+(" +
                     "|".join(map(re.escape, sorted(_PLACES, key=len, reverse=True))) + r")\b")
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?([A-Z][\w .’'-]+?)\s+and\s+(?:the\s+)?([A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)*)")


@register("parties")
def extract_parties(ctx: Context) -> list[Party]:
    kind = ctx.results["kind"][0]
    found: dict[str, Party] = {}

    def add(code: str, start: int, end: int, rule: str, confidence: float) -> None:
        if code and code not in found:
            is_country = re.fullmatch(r"[A-Z]{2}", code) is not None  # not "G7"
            found[code] = Party(name=short_name(code) if is_country else code,
                                country_code=code if is_country else None,
                                evidence=ctx.evidence(start, end), confidence=confidence, rule=rule)

    # 1. Who signed.
    for s in ctx.results.get("signatories", []):
        if s.country_code:
            add(s.country_code, s.evidence.start, s.evidence.end, "parties.signatory_country", 0.9)
    signer_sentences = {ctx.sentence_at(s.evidence.start) for s in ctx.results.get("signatories", [])}
    for s_start, s_end in ctx.sentences:
        sentence = ctx.text[s_start:s_end]
        if (s_start, s_end) in signer_sentences or (kind is not Kind.report and _SIGN_NOW.search(sentence)):
            for code, start, end in _countries_in(ctx, s_start, s_end):
                add(code, start, end, "parties.signing_sentence", 0.85)
    if found or kind is Kind.report:
        return _fill_signatory_countries(ctx, list(found.values()))

    # 2. The title names the parties of statements, meetings and signings.
    title_block = next((b for b in ctx.parsed.blocks[:3] if b.kind is BlockKind.heading), None)
    if title_block:
        for code, start, end in _countries_in(ctx, title_block.start, title_block.end, demonyms=True):
            add(code, start, end, "parties.title", 0.85)
    # 3. "released by the Governments of A and B"; a list of participants.
    for s_start, s_end in ctx.sentences:
        sentence = ctx.text[s_start:s_end]
        countries = _countries_in(ctx, s_start, s_end)
        if _GOVERNMENTS.search(sentence):
            for code, start, end in countries:
                add(code, start, end, "parties.released_by_governments", 0.9)
        elif len({c for c, _, _ in countries}) >= 3 and _PARTICIPANTS.search(sentence) \
                and kind in (Kind.readout, Kind.joint_statement):
            for code, start, end in countries:
                add(code, start, end, "parties.participant_list", 0.8)
    # A forum named in the title ("Quad Foreign Ministers") is not a party when
    # its member countries are.
    if sum(1 for p in found.values() if p.country_code) >= 2:
        for code in [c for c, p in found.items() if p.country_code is None and p.rule == "parties.title"]:
            del found[code]
    # 4. A readout: who met, where, and "the partnership between X and Y" in
    #    the lead paragraph; the officials' countries.
    if kind is Kind.readout:
        lead = _lead_paragraph(ctx)
        if lead is not None:
            lead_text = ctx.text[lead.start:lead.end]
            for m in _BETWEEN.finditer(lead_text):
                codes = [lookup_country(m.group(1)), lookup_country(m.group(2))]
                if all(codes):
                    for code, g in zip(codes, (1, 2)):
                        add(code, lead.start + m.start(g), lead.start + m.end(g), "parties.between", 0.75)
            # The officials who met are named in the first sentence; others
            # ("Russian President Putin") come later.
            first_end = ctx.sentence_at(lead.start)[1]
            for mention in ctx.results.get("mentions", []):
                if lead.start <= mention.start < first_end and mention.country:
                    add(mention.country, mention.extent_start, mention.extent_end,
                        "parties.official_country", 0.7)
        if found:
            for m in _MET_IN.finditer(ctx.text):
                add(_PLACES[m.group(1)], m.start(1), m.end(1), "parties.meeting_place", 0.7)
    return _fill_signatory_countries(ctx, list(found.values()))


def _lead_paragraph(ctx: Context):
    """The first body paragraph (after title, bylines and datelines)."""
    for block in ctx.parsed.blocks:
        if block.kind is BlockKind.paragraph and len(ctx.text[block.start:block.end]) > 80:
            return block
    return None


def _countries_in(ctx: Context, start: int, end: int, demonyms: bool = False):
    out = []
    for ent in ctx.doc.char_span(start, end, alignment_mode="expand").ents:
        if ent.label_ in ("GPE", "ORG", "AGENCY") or (demonyms and ent.label_ == "NORP"):
            out.append((ent.ent_id_, ent.start_char, ent.end_char))
    return out


def _fill_signatory_countries(ctx: Context, parties: list[Party]) -> list[Party]:
    """Signatories named without a country get the parties not yet accounted for,
    in the order the text names them (low confidence, marked by rule)."""
    signatories = ctx.results.get("signatories", [])
    missing = [s for s in signatories if not s.country_code]
    free = [p for p in parties if p.country_code not in {s.country_code for s in signatories}]
    if missing and len(missing) == len(free):
        free.sort(key=lambda p: _first_body_mention(ctx, p.country_code))
        for s, p in zip(missing, free):
            s.country, s.country_code = p.name, p.country_code
            s.rule += "+country_from_parties"
            s.confidence = round(min(s.confidence, 0.6), 2)
    return parties


def _first_body_mention(ctx: Context, code: str | None) -> int:
    title_end = ctx.parsed.blocks[0].end if ctx.parsed.blocks else 0
    for ent in ctx.doc.ents:
        if ent.ent_id_ == code and ent.start_char >= title_end:
            return ent.start_char
    return len(ctx.text)

"""Kind: joint statement, press release, readout, report or other.

A small scored classifier over lexical cues of the title and the text.  Each
cue is named, so the rule id says why a document got its kind.
"""

from __future__ import annotations

import re

from pipeline.extract import register
from pipeline.extract.context import Context
from pipeline.models import BlockKind, Kind, Provenance

# (kind, where, pattern, weight, cue name)
CUES: list[tuple[Kind, str, str, float, str]] = [
    # "Joint Statement of A and B" is one; "A and B Sign Joint Statement" announces one.
    (Kind.joint_statement, "title", r"^(?:(?!\b(?:signs?|signed|announces?|launch(?:es)?|issues?|releases?|adopts?)\b).)*\bjoint (?:statement|declaration|communiqu[eé])\b", 4, "title_joint"),
    (Kind.joint_statement, "title", r"^(?:(?!\b(?:signs?|signed|announces?|launch(?:es)?|issues?|releases?|adopts?)\b).)*"
     r"(?:\bstatement of intent\b|\bleaders['’] statement\b|\bdeclaration\b)", 4, "title_declaration"),
    (Kind.joint_statement, "text", r"\bjoint statement was (?:released|issued) by\b|\breleased by the governments of\b", 3, "released_by_governments"),
    (Kind.joint_statement, "text", r"^We, (?:[A-Z][\w.’'-]*\s?)+,", 3, "we_officials"),
    (Kind.joint_statement, "text", r"^(?:Recognizing|Affirming|Acknowledging|Understanding|Reaffirming|Noting|Appreciating|Mindful|Welcoming) (?:that|of|the)\b", 1, "preamble"),
    (Kind.joint_statement, "text", r"\b(?:the leaders|both leaders|the two leaders|we) (?:reaffirm|affirm|welcome|commit|intend|direct)\w*", 1, "we_commit"),
    (Kind.press_release, "title", r"\b(?:signs?|announces?|launch(?:es)?|unveils?|celebrates?|welcomes?|travels?|"
     r"visits?|to visit|will visit)\b", 2.5, "title_announcement"),
    (Kind.press_release, "title", r"^(?:statement|press release|media note)\b", 2, "title_statement_by_one"),
    (Kind.press_release, "text", r"^(?:media note|press release|news release|for immediate release|media release)$", 3, "release_label"),
    (Kind.press_release, "text", r"[”\"],?\s+(?:said|says)\b|\b(?:said|says)\s+(?:Dr\.\s)?[A-Z]", 1.5, "quotes"),
    (Kind.press_release, "text", r"\b(?:today|this week) (?:signed|announced|launched|issued)\b", 1.5, "today_announced"),
    (Kind.readout, "title", r"\breadout\b|\bmeeting with\b|\bcall with\b|\bmeets?\b|\btalks with\b", 4, "title_meeting"),
    (Kind.readout, "title", r"\bmeeting\b|\bvideo ?conference\b|\bphone call\b|\btelephone\b|\btalks\b|"
     r"\bconsultations\b|\bjoint committee\b|\bworking group\b|\bholds?\b", 3, "title_meeting_word"),
    (Kind.readout, "text", r"\b(?:held|holds|hold)\b[^.\n]{0,100}?\b(?:meeting|committee|dialogue|council|"
     r"video ?conference|video call|phone call|talks|consultations|session)\b|\bco-?chaired by\b|"
     r"\bwas (?:held|co-?chaired)\b", 2.5, "held_meeting"),
    (Kind.readout, "text", r"\bmet (?:today |yesterday )?with\b|\bspoke (?:today )?with\b|\bheld a (?:call|meeting)\b", 2, "met_with"),
    (Kind.readout, "text", r"\b(?:hosted|convened|co-?chaired)\b[^\n]{0,120}?\b(?:meeting|dialogue|roundtable|working group|session)\b", 2, "hosted_meeting"),
    (Kind.readout, "text", r"\b(?:discussed|discussions focused|the group discussed|they also discussed)\b", 1, "discussed"),
    (Kind.readout, "text", r"\battributable to\b", 1, "attributable"),
    (Kind.report, "text", r"\bA Report (?:by|of|to)\b|\bthis report\b|\breport (?:by|of) the\b", 3, "report_self"),
    (Kind.report, "text", r"\bexecutive summary\b|\btable of contents\b", 2, "report_sections"),
    (Kind.other, "title", r"\bfact sheet\b|\bfactsheet\b", 5, "fact_sheet"),
]
_COMPILED = [(k, where, re.compile(p, re.I if where == "title" else re.M | re.I), w, n)
             for k, where, p, w, n in CUES]


@register("kind")
def extract_kind(ctx: Context) -> tuple[Kind, Provenance]:
    if ctx.kind_hint is not None:
        return ctx.kind_hint, Provenance(confidence=1.0, rule="kind.source_hint")
    title = ctx.results.get("title", (None, None))[0] or ""
    text = ctx.text
    scores: dict[Kind, float] = {k: 0.0 for k in Kind}
    reasons: dict[Kind, list[str]] = {k: [] for k in Kind}
    first_hit: dict[Kind, tuple[int, int] | None] = {k: None for k in Kind}
    for kind, where, pattern, weight, name in _COMPILED:
        haystack = title if where == "title" else text
        m = pattern.search(haystack)
        if m:
            scores[kind] += weight
            reasons[kind].append(name)
            if where == "text" and first_hit[kind] is None:
                first_hit[kind] = (m.start(), m.end())
    headings = sum(1 for b in ctx.parsed.blocks if b.kind is BlockKind.heading)
    if headings >= 8 and len(text) > 15000:
        scores[Kind.report] += 2
        reasons[Kind.report].append("long_structured")
    best = max(scores, key=lambda k: scores[k])
    total = sum(scores.values())
    if scores[best] < 1.5:
        return Kind.other, Provenance(confidence=0.4, rule="kind.no_cue")
    confidence = round(min(0.95, 0.4 + 0.55 * scores[best] / total), 2) if total else 0.4
    # Point at the title when the title decided, else at the first cue in the text.
    title_prov = ctx.results.get("title", (None, None))[1]
    title_cue = any(where == "title" and name in reasons[best] for _, where, _, _, name in _COMPILED)
    if title_cue and title_prov is not None:
        evidence = title_prov.evidence
    else:
        hit = first_hit[best]
        evidence = ctx.evidence(*hit) if hit else None
    return best, Provenance(evidence=evidence, confidence=confidence,
                            rule="kind." + "+".join(reasons[best]))

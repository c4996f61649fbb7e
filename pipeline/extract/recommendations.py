"""Recommendations: the numbered or labelled recommendations of a report,
the items under "recommends that", or the enumerated commitments of a joint
fact sheet.  The numbered paragraphs of a statement and the outcome bullets
of a readout look alike and are not recommendations.

Candidates are every list item and every "Recommendation N" paragraph, with
the sentence that introduces their list; trained models decide, one for a
report's items (``trained/recommendation.json``) and one for a joint fact
sheet's bullets (``trained/commitment.json``), from the item's wording (should,
that, will, intend), its lead-in (recommends, commit, the following), its
numbering and the kind of document.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from pipeline.extract import register
from pipeline.extract.context import Context, first_sentence
from pipeline.extract.kind import feature_kind
from pipeline.models import BlockKind, Recommendation
from pipeline.resources import trained

# (a number spelt out: "Recommendation one:")
_NUMBER_WORDS = ("(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
                 "fifteen|sixteen|seventeen|eighteen|nineteen|twenty)")
# "Recommendation 4", "RECOMMENDATION 4" (a typescript's capitals), "Recommendation
# No. 4", "Rec. 4", "R4" (a report's short label, a digit right after the R)
_LABEL = (r"\(?(?:(?:Recommendation|RECOMMENDATION)\s+(?:(?:No|NO)\.?\s*(?=\d))?|Rec\.\s*|R(?=\d))"
          r"(?P<num>\d{1,2}(?:\.\d{1,2})*|[IVX]{1,4}|[A-Z]|" + _NUMBER_WORDS + r")(?![a-z])\)?")
_LABELLED = re.compile(rf"^(?:{_LABEL}\s*[:.–—-]?\s*)(?P<text>.+)$", re.S)
_LABEL_ALONE = re.compile(rf"^{_LABEL}\s*[:.]?\s*$")
# "The Secretary should ensure that ... . (Recommendation 1)": an audit
# report's label closes its item
_LABEL_AFTER = re.compile(r"\s*\((?:Recommendation|Rec\.)\s+(?P<num>\d{1,2}(?:\.\d{1,2})*)\)\s*$")
# "Recommendation 1: Governance" over the paragraph that recommends: the
# label's words name a topic, the paragraph is the item
_TOPIC_WORDS = 4
# ("1.", "2.3", "(a)", "A.", "(iv)", "IV.": a roman number is one of a list's markers too)
_NUMBERED = re.compile(r"^\(?(?P<num>\d{1,2}(?:\.\d{1,2})*|[ivx]{1,5}|[IVX]{1,5}|[a-zA-Z])[.)]\s+(?P<text>.+)$", re.S)
# "1 The Government should ...": a number without its stop, then a capital
_BARE_NUMBERED = re.compile(r"^(?P<num>\d{1,2})\s+(?P<text>[A-Z](?:[a-z]|\s).+)$", re.S)
_ACTOR = re.compile(r"^(?P<actor>(?:The\s+)?[A-Z][\w.\s,-]{1,80}?)\s+(?:should|must|shall|will|is to)\b")
# "The Home Office should:" over a numbered list: an inspection report's way
# of writing its recommendations, each item the actor's action ("1. Ensure
# that ...")
def _marker_class(marker: str, lead_in: str | None) -> str:
    """A list marker's class: number, letter, roman or bullet ("(i)" after a
    letter's lead-in is roman, a sub-item's)."""
    bare = marker.strip("().")
    if bare.isdigit():
        return "number"
    if bare and set(bare) <= set("ivx") and (len(bare) > 1 or lead_in == "letter"):
        return "roman"
    if len(bare) == 1 and bare.isalpha():
        return "letter"
    return "bullet"


_ACTOR_LEAD_IN = re.compile(r"(?P<actor>(?:The\s+)?[A-Z][\w’'.\s,-]{1,80}?)\s+(?:should|must)(?:\s+\w+){0,2}\s*:\s*")
# "2.45 The Committee recommends that ...": a report's paragraph number
# before its recommendation's sentence is no part of it
_PARAGRAPH_NUMBER = re.compile(r"^\d{1,2}\.\d{1,3}\s+(?=[A-Z])")


_ITEM_CUES = {
    "should": re.compile(r"\bshould\b|\bmust\b|\bshall\b", re.I),
    # "That the Government establish ...": a recommendation's formula ("That is why" is none)
    "that": re.compile(r"^That\s+(?!is\b|was\b|are\b|were\b|will\b|has\b|have\b|means\b|said\b)"),
    "recommend": re.compile(r"\brecommend", re.I),
    "will": re.compile(r"\bwill\b", re.I),
    "intend": re.compile(r"\bintends?\b|\bcommit\w*\b|\bplans? to\b|\bpledge\w*\b|\bdecided\b|\bwill\b|"
                         r"\bagreed to\b|\bseek to\b|\baim to\b", re.I),
    "two_parties": re.compile(r"\b(?:two|both) (?:countries|sides|governments|nations|leaders|partners)\b|"
                              r"\bthe United States and\b|\band the United States\b", re.I),
    "past": re.compile(r"\b(?:has|have|had|was|were)\b\s+\w+ed\b|\blaunched\b|\bannounced\b", re.I),
    "label": re.compile(r"^[^:.]{3,80}:\s"),
    "money": re.compile(r"\$\s?\d|\bmillion\b|\bbillion\b", re.I),
}
# Lead-ins whose own words make the list below both sides' undertakings,
# whoever the headline says announced them: a subject that is the two
# governments or their leaders ("The two governments will:", "Both countries
# intend to:", "Leaders committed to the following:"),
# or an agreement's terms ("Key terms of the Agreement with Jordan
# include:": what its parties undertake)
# The verbs of an undertaking ("will", "commit to", "decided to", "resolve to")
_UNDERTAKING = (r"(?:will|commit\w*|pledge\w*|intend\w*|agreed to|plan to|decided? to|decides to|resolved? to|"
                r"resolves to)")
_BOTH_COMMITTING = re.compile(
    r"(?:\b(?:(?:[Tt]he|[Oo]ur) two|[Bb]oth(?: our)?|[Oo]ur) (?:countries|governments|sides|nations|leaders|ministers)|"
    r"(?:^|[.:]\s+)(?:The\s+)?(?:Leaders|Ministers))\s+(?:\w+\s+)?"
    + _UNDERTAKING + r"\b[^.!?:]*:\s*$|"
    r"\b(?:[Tt]erms|[Ee]lements|[Pp]rovisions) of (?:the|this) (?:[\w.’'(),-]+\s+){0,12}?(?:Agreement|[Dd]eal|"
    r"[Aa]rrangement|Framework)\b[^.!?:]*\b(?:include|are)\w*\s*:\s*$")

_INTRO_CUES = {
    "recommend": re.compile(r"\brecommend", re.I),
    "commit": re.compile(r"\bcommit\w*|\bpledge\w*|\bdeliverables?\b|\bintend\w*|"
                        r"\b(?:seek|aim|plan|agreed?|decided?|decides|resolved?|resolves) to\b", re.I),
    "will": re.compile(r"\bwill\b", re.I),
    "following": re.compile(r"\bfollowing\b|\binclude\w*\b", re.I),
    "colon": re.compile(r":\s*$"),
    "actions": re.compile(r"\bactions?\b|\bsteps\b|\bmeasures\b|\binitiatives?\b|\bannounce\w*", re.I),
    "outcomes": re.compile(r"\boutcomes?\b|\bdiscussed\b|\bachievements?\b|\bprogress\b|\bhighlights?\b",
                           re.I),
}


@dataclass
class RecommendationCandidate:
    number: str | None
    text: str
    start: int
    source: str
    features: dict[str, float] = field(default_factory=dict)
    actor: str | None = None  # who a lead-in says is to act ("The Home Office should:")


def candidates(ctx: Context) -> list[RecommendationCandidate]:
    """List items that the structure marks as recommendations or commitments:
    "Recommendation N" items anywhere; the items of a list whose lead-in
    speaks of recommendations; numbered "should"/"That" items of a report;
    the commitment bullets of a joint fact sheet."""
    blocks = ctx.parsed.blocks
    kind = feature_kind(ctx)
    title = (ctx.results.get("title") or (None, None))[0] or ""
    # (counted only where the word occurs at all: most pages never write it)
    doc_mentions = (len(_RECOMMENDATION.findall(ctx.text)) if ctx.may_match(_RECOMMENDATION, 0, len(ctx.text))
                    else 0)
    # (a statement's numbered paragraphs are no recommendations, however often
    # it speaks of them: "We welcome the recommendations of ...")
    reportish = kind == "report" or (kind not in _STATEMENTS and (bool(_REPORTISH.search(title))
                                                                  or doc_mentions >= 3))
    # (a headline that pairs governments, "U.S.-India ...", "The United States
    # and India Announce ...", heads the White House's own fact sheets as often
    # as joint ones: what makes a fact sheet joint is its own words)
    # (a headline that has one official or administration announce the sheet,
    # "Vice President Harris Announces New Initiatives ...", is one
    # government's, however often it speaks of "both countries")
    joint_sheet = kind == "other" and (bool(_JOINT.search(title)) or (
        bool(_JOINT_TEXT.search(ctx.text)) and not _ONE_SIDE_ANNOUNCES.search(title)))
    title_recommends = bool(_ITEM_CUES["recommend"].search(title))
    out = []
    intro, intro_recommends, intro_joint, run_length = "", False, False, 0
    intro_actor = None
    explaining = joint_subject = False
    lead_in_class = None  # the marker class of the last item when it leads in sub-items ("3. ..., including:")
    label_alone = None  # "Recommendation 4" on a line of its own: its text is the next block
    unmarked = _unmarked_items(ctx, blocks)
    columns = None  # a table's recommendation column, number column and width, from its header row
    for i, block in enumerate(blocks):
        raw = ctx.block_text(block)
        if block.kind is not BlockKind.table_row or (columns and raw.count("\t") + 1 != columns[2]):
            columns = None  # (a row of another width is another table's)
        if block.kind is BlockKind.table_row and (header := _recommendation_columns(raw)) is not None:
            columns = header
            continue
        if columns is not None:
            # "No. | Recommendation | Response": each row's cell under the
            # header is a recommendation (a government response's table)
            cand = _table_candidate(block, raw, *columns[:2])
            if cand is not None:
                _describe(cand, intro, kind, title, doc_mentions, 1)
                out.append(cand)
            continue
        if i in unmarked:
            # "The key recommendations are:" then one paragraph per recommendation,
            # the list's markers lost (an archive's text, a page's plain paragraphs)
            # (or their stops: "1 The Government should ...")
            cand = _candidate(ctx, block, _BARE_NUMBERED.match(raw), "recommends_list", only_first=True)
            _describe(cand, unmarked[i], kind, title, doc_mentions, 1)
            out.append(cand)
            continue
        if label_alone is not None and block.kind is not BlockKind.heading and not _LABEL_ALONE.match(raw):
            cand = _candidate(ctx, block, None, "labelled", only_first=True)
            cand.number = label_alone
            _describe(cand, intro, kind, title, doc_mentions, 1)
            out.append(cand)
            label_alone = None
            continue
        label_alone = None
        alone = _LABEL_ALONE.match(raw)
        if alone:
            label_alone = alone.group("num")
            continue
        labelled = _LABELLED.match(raw) if block.kind is not BlockKind.table_row else None
        if (labelled and _names_a_topic(labelled.group("text")) and i + 1 < len(blocks)
                and blocks[i + 1].kind is BlockKind.paragraph):
            label_alone = labelled.group("num")
            continue
        if block.kind is BlockKind.paragraph and not labelled:
            for number, start, end in _inline_items(ctx, block):
                # "The Committee recommended that (a) ...; (b) ...; and (c) ...": a
                # lettered list run into its lead-in's paragraph
                cand = RecommendationCandidate(number=number, text=ctx.text[start:end], start=start,
                                               source="recommends_list")
                _describe(cand, ctx.text[block.start:start], kind, title, doc_mentions, 1)
                out.append(cand)
        if block.kind is not BlockKind.list_item:
            if labelled:
                cand = _candidate(ctx, block, labelled, "labelled", only_first=True)
                _describe(cand, intro, kind, title, doc_mentions, 1)
                out.append(cand)
            elif intro_recommends and block.kind is BlockKind.paragraph and _ITEM_CUES["that"].match(raw):
                # "The Committee recommended:" then one "That ..." paragraph per
                # recommendation, unnumbered: each is an item of the lead-in's list
                cand = _candidate(ctx, block, None, "recommends_list", only_first=True)
                _describe(cand, intro, kind, title, doc_mentions, 1)
                out.append(cand)
            elif intro_recommends and block.kind is BlockKind.paragraph and (bare := _BARE_NUMBERED.match(raw)):
                # "Recommendations" then "1 The Government should ...": a
                # report's numbers set in a column of their own lose their
                # stop in its text (a PDF's export, a typescript's OCR)
                cand = _candidate(ctx, block, bare, "recommends_list", only_first=True)
                _describe(cand, intro, kind, title, doc_mentions, 1)
                out.append(cand)
            elif intro_recommends and _subheading(block, raw):
                # "RECOMMENDATIONS", then "Education", "1. ...", "Employment",
                # "3. ...": a section's own headings divide its list, they do
                # not introduce another one
                continue
            elif (title_recommends and i > 0 and _HEADING_RECOMMENDATION.fullmatch(raw) and not _shouted(raw)
                  and not any(ch.isdigit() for ch in raw)):
                # "... Releases Recommendations for Equitable Data", then a
                # heading "Make Disaggregated Data the Norm" over each one's paragraphs
                cand = _candidate(ctx, block, None, "heading", only_first=True)
                _describe(cand, intro, kind, title, doc_mentions, 1)
                out.append(cand)
            elif not (explaining and block.kind is BlockKind.paragraph and not raw.rstrip().endswith(":")):
                # (its last 300 characters; or a heading that names what follows,
                # "Recommendations", "Key recommendations of the Review"; or an
                # actor's "should:" under such a heading, or in a report)
                lead_actor = _ACTOR_LEAD_IN.fullmatch(raw.strip())
                intro_recommends = (ctx.found(_RECOMMENDS_LIST, max(block.start, block.end - 300), block.end)
                                    or _RECOMMENDATIONS_HEADING.fullmatch(raw.strip()) is not None
                                    or (lead_actor is not None and (intro_recommends or reportish)))
                intro_actor = lead_actor.group("actor").strip() if lead_actor and intro_recommends else None
                intro = raw
                # (once two governments have committed jointly, "we will ...:" is both of them;
                # read in an "other" document only, the only one whose items it makes commitments)
                intro_joint = kind == "other" and (_jointly_committing(ctx, block) or ctx.found(
                    _BOTH_COMMITTING, max(block.start, block.end - 300), block.end) or (
                    joint_subject and ctx.found(_WE_COMMITTING, max(block.start, block.end - 300), block.end)))
                joint_subject = joint_subject or intro_joint
            run_length = 0
            explaining = explaining and block.kind is BlockKind.paragraph
            continue
        # Items that are labels, each followed by its paragraphs of explanation
        # ("- Save Lives Now with PPE" then what that means), stay under the
        # lead-in of the first: the paragraphs between them introduce nothing.
        # (a run of three labels or more, "1. Building Back Together", "2. ...",
        # is a list of its own: the paragraphs after it say something new)
        if run_length == 0:
            run_length = sum(1 for _ in _run(blocks, i))
        explaining = run_length <= _EXPLAINED_RUN and bool(_LABEL_ITEM.fullmatch(raw)) and (
            i + 1 < len(blocks) and blocks[i + 1].kind is not BlockKind.list_item)
        # (screened by its words first: a case-insensitive search walks every character)
        if ctx.may_match(_FILE_LINK, block.start, block.end) and _FILE_LINK.search(raw):
            continue  # a link to an attached document ("Statement on X [PDF 69KB]")
        numbered = _NUMBERED.match(raw)
        # "3. That the Commonwealth ... fund measures, including:" over "(a) ...",
        # "(b) ...": a report's sub-items are no recommendations of their own
        # (DESIGN.md; a fact sheet's "recommends that" list gives each one)
        marker_class = _marker_class(block.meta.get("marker", ""), lead_in_class)
        if lead_in_class and marker_class != lead_in_class:
            if kind != "other":
                continue
        else:
            lead_in_class = None
        if labelled:
            source, m = "labelled", labelled
        elif intro_recommends:
            source, m = "recommends_list", numbered
            lead_in_class = marker_class if raw.rstrip().endswith(":") and marker_class != "bullet" else None
            if _REPORTED.match(raw) and not _ITEM_CUES["should"].search(raw):
                continue  # what was agreed or done, listed under what a review recommended
        elif (reportish and numbered and not _PRINCIPLES_INTRO.search(intro[-200:])
              and (_ITEM_CUES["should"].search(raw) or _ITEM_CUES["that"].match(numbered.group("text"))
                   or _ITEM_CUES["recommend"].search(raw))):
            # (a report's list "will follow these guiding principles:" lists principles)
            source, m = "report_item", numbered
        elif _ITEM_CUES["that"].match(raw):
            source, m = "report_item", None
        elif joint_sheet and (_INTRO_CUES["commit"].search(intro[-200:]) or _INTRO_CUES["will"].search(
                intro[-200:]) or _ITEM_CUES["intend"].search(raw)):
            source, m = "joint_commitment", numbered
        elif intro_joint and kind == "other":
            source, m = "joint_commitment", numbered
        elif joint_sheet:
            # (DESIGN.md counts each enumerated commitment of a joint fact
            # sheet; which bullets are commitments the commitment model decides)
            source, m = "sheet_item", numbered
        else:
            continue
        cand = _candidate(ctx, block, m, source, only_first=source not in COMMITMENT_SOURCES)
        if source == "recommends_list":
            cand.actor = intro_actor
        _describe(cand, intro, kind, title, doc_mentions, run_length)
        if raw.rstrip().endswith(":"):
            # a lead-in item: the nested items below it are introduced by it
            cand.text = cand.text.rstrip(":").rstrip()
            intro = raw
        if (block.level or 0) > 1:
            cand.features["nested"] = 1.0
        out.append(cand)
    # (one heading of the kind is a section's name, "Office of the
    # Spokesperson"; the recommendations are a series of them)
    if sum(c.source == "heading" for c in out) < _HEADING_SERIES:
        out = [c for c in out if c.source != "heading"]
    return out


#: Sources whose candidates are a joint fact sheet's bullets: kept whole
#: (DESIGN.md: "each bullet", where a report's item is its first sentence)
#: and decided by their own model.  The two look nothing alike and the gold
#: holds many of the one and few of the other: one model over both learns
#: the bullets and weighs a report's labelled items down.
COMMITMENT_SOURCES = frozenset({"joint_commitment", "sheet_item"})


def decision_for(source: str) -> str:
    """The trained decision that rules on a candidate of this source."""
    return "commitment" if source in COMMITMENT_SOURCES else "recommendation"

_STATEMENTS = ("joint_statement", "readout")
#: The fewest headings that make a series of recommendations.
_HEADING_SERIES = 3


def _shouted(text: str) -> bool:
    """Half of its words in capitals or more ("GRANTS RECOMMENDED BY THE COUNCIL")."""
    words = re.findall(r"[^\W\d_]+", text)
    return sum(w.isupper() for w in words) * 2 >= len(words)


# A lead-in that introduces what is recommended: it ends in a colon, or the
# verb opens the list ("recommends that", "recommended the following").
# A sentence that points at the list ("The main recommendations are
# summarised below.", "... are as follows.") introduces it as well.
# ("healthcare providers can recommend follow-up actions" introduces nothing.)
_RECOMMENDS_LIST = re.compile(r"\brecommend\w*\b(?:[^.!?]*:\s*$|\s+(?:that|the following)\b[^.!?]*$|"
                              r"[^.!?]*\b(?:below|as follows)\W{0,2}$)", re.I)
# An item that reports what someone has done or will do ("The NSW
# Government has agreed that ...", "The Australian Government will pay ..."):
# a subject, then a finite verb within its first words.
_REPORTED = re.compile(r"(?:[-•*]\s*)?(?:\(?\w{1,3}[.)]\s+)?(?:The\s+)?[A-Z][\w’'.-]*(?:\s+(?!which\b|that\b|who\b)[\w’'.-]+){0,5}?\s+"
                       r"(?:has|have|had|was|were|will)\s+(?:\w+ly\s+)?\w+(?:ed|en)?\b")
# A heading (or a short line of its own) that names the list below it as
# recommendations: up to eight words with "recommendations" among them and no
# sentence's end ("The Government's response to the recommendations" is one
# too: which items are recommendations the model decides).
_RECOMMENDATIONS_HEADING = re.compile(r"(?=[^.!?]{0,80}$)(?:\S+\s+){0,6}?(?:[Rr]ecommendations|RECOMMENDATIONS)"
                                      r"(?:\s+\S+){0,6}?\s*:?")
_FILE_LINK = re.compile(r"\b(?:PDF|DOCX?|RTF|XLSX?)\b\W{0,3}\d+(?:\.\d+)?\s?[KMG]B\b", re.I)
_RECOMMENDATION = re.compile(r"\brecommendation", re.I)
# A heading that is a recommendation: two to twelve words in title case,
# no final stop and no figure, opening with a verb or a noun rather than a
# determiner or a section's usual name.
_HEADING_RECOMMENDATION = re.compile(r"(?!(?:The|A|An|Our|This|These|Read|Background|Summary|Introduction|"
                                     r"Conclusion|Next)\b)[A-Z][\w’'.-]*(?:\s+(?:[A-Z0-9][\w’'.-]*|of|the|and|"
                                     r"for|in|on|to|with|a|an|by|at|while|across)){1,11}")
_REPORTISH = re.compile(r"\brecommend|\breport\b|\breview\b|\binquiry\b|\btask ?force\b|\bcommission\b|"
                        r"\bwhite paper\b|\bplan\b", re.I)
# A fact sheet of two governments says so: "Joint", "bilateral" in its
# title, "the two countries" or "both governments" inside its sentences.
# (not at a sentence's start: read there too, the commitment model's
# cross-validated F1 fell 0.856 -> 0.801, more one-government sheets joining)
_JOINT = re.compile(r"\bjoint\b|\bbilateral\b", re.I)
_ONE_SIDE_ANNOUNCES = re.compile(
    r"\b(?:Administration|President|Secretary|Lady|Minister|Government)\b[^:;]{0,60}?\b(?:Announces|Announcing|"
    r"Launches|Unveils|Delivers|Takes|Releases|Issues|Proposes|Highlights|Celebrates|Marks)\b")
_PRINCIPLES_INTRO = re.compile(r"\bprinciples\b", re.I)
_JOINT_TEXT = re.compile(r"\b(?:the two|both) (?:countries|governments|sides|nations)\b")


_SAME_RATIO = 0.9


def _same(a: str, b: str) -> bool:
    """Equal, or (over 20 characters) a difflib ratio of at least 0.9.

    The ratio is 2 * matched / (len(a) + len(b)), and the matched characters
    are at most the shorter length and at most the characters the two have
    in common: pairs those bounds already put under 0.9 are not compared
    (the comparison takes time that grows with the product of the lengths,
    for every pair of items of a long report)."""
    a, b = a.casefold(), b.casefold()
    if a == b:
        return True
    if len(a) <= 20:
        return False
    total = len(a) + len(b)
    if _ratio(min(len(a), len(b)), total) < _SAME_RATIO:
        return False
    if _ratio((Counter(a) & Counter(b)).total(), total) < _SAME_RATIO:
        return False
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= _SAME_RATIO


def _ratio(matched: int, total: int) -> float:
    """difflib's ratio, computed as it computes it (so the bounds compare exactly)."""
    return 2.0 * matched / total


# A short item in title case without a final period, numbered or not: a
# label, not a sentence.
_LABEL_ITEM = re.compile(r"(?:[-•*]\s*|\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]\s+)?[A-Z][\w’'.-]*(?:\s+(?:[A-Z0-9][\w’'.-]*|of|the|and|for|in|on|to|with|a|an|by|at)){1,11}\s*")
#: The longest run of label items that paragraphs of explanation follow.
_EXPLAINED_RUN = 2
_GOVERNMENT_LABELS = ("GPE", "ORG", "NORP")
# "the United States and the G7+ will:", "Japan and Australia commit to:": a
# lead-in whose subject is two governments or bodies and whose verb says what
# they will do, then its colon, introduces joint commitments whatever the
# headline says ("the United States will take the following actions in
# cooperation with our Allies:" is one government's).
_COMMITTING_LEAD_IN = re.compile(r"\b" + _UNDERTAKING + r"\b[^.!?:]*:\s*$", re.I)
_WE_COMMITTING = re.compile(r"\bwe\s+(?:\w+\s+)?" + _UNDERTAKING + r"\b[^.!?:]*:\s*$", re.I)

_JOINED = re.compile(r"\s*,?\s+and\s+(?:the\s+)?")
_BEFORE_VERB = re.compile(r"\W{0,2}(?:\s+(?:together|jointly|also))?\s+")


def _jointly_committing(ctx: Context, block) -> bool:
    tail_start = max(block.start, block.end - 300)
    lead_in = (_COMMITTING_LEAD_IN.search(ctx.text, tail_start, block.end)
               if ctx.may_match(_COMMITTING_LEAD_IN, tail_start, block.end) else None)
    if lead_in is None:
        return False
    verb = lead_in.start()
    named = [(start, end, code) for start, end, label, code in ctx.entities
             if block.start <= start < verb and label in _GOVERNMENT_LABELS and code]
    return any(a[2] != b[2] and _JOINED.fullmatch(ctx.text, a[1], b[0])
               and _BEFORE_VERB.fullmatch(ctx.text, b[1], verb)
               for a, b in zip(named, named[1:]))


# "recommended that (a)", "recommendations: (i)", "recommends: 1)", "the
# recommendations propose 1) ...": the lead-in and the first marker
_INLINE_LEAD = re.compile(r"\brecommend\w*(?:\s+(?:that|propose|include|are))?\s*:?\s*(?=\(?(?:a|i|1)\)\s)", re.I)
_INLINE_MARKER = re.compile(r"(?<![\w)])\(?(?P<num>[a-h]|i{1,3}|iv|v|vi{0,3}|[1-9])\)\s+")
_INLINE_JOINT = re.compile(r"[\s;,]*(?:and|or)?\s*$")


def _inline_items(ctx: Context, block) -> list[tuple[str, int, int]]:
    """(number, start, end) of each item of a lettered or numbered list run
    into a recommending paragraph, from the lead-in to the sentence's end;
    none unless two items at least are marked in order."""
    if not ctx.may_match(_INLINE_LEAD, block.start, block.end):
        return []
    lead = _INLINE_LEAD.search(ctx.text, block.start, block.end)
    if lead is None:
        return []
    end = ctx.sentence_at(lead.end())[1]
    markers = list(_INLINE_MARKER.finditer(ctx.text, lead.end(), end))
    if len(markers) < 2 or markers[0].start() != lead.end():
        return []
    items = []
    for m, nxt in zip(markers, markers[1:] + [None]):
        stop = nxt.start() if nxt is not None else end
        body = ctx.text[m.end():stop]
        body = body[:len(body) - len(_INLINE_JOINT.search(body).group())].rstrip(".")
        if len(body.split()) >= 2:
            items.append((m.group("num"), m.end(), m.end() + len(body)))
    return items if len(items) >= 2 else []


def _unmarked_items(ctx: Context, blocks) -> dict[int, str]:
    """Paragraphs that are the items of a recommending lead-in's list whose
    markers were lost: two or more short paragraphs right after a paragraph
    that ends "... recommendations are:" or "... recommended:", up to the
    first that reports what someone did or will do ("The Government will
    respond to ...") or introduces another list.  A list whose items carry
    their labels ("Recommendation 3.1" over its text) has its markers: it is
    read by the labels.  Index -> lead-in."""
    out: dict[int, str] = {}
    if not ctx.may_match(_ITEM_CUES["recommend"], 0, len(ctx.text)):
        return out  # (most pages never write the word)
    for i, block in enumerate(blocks):
        raw = ctx.block_text(block)
        lead_in = (block.kind is BlockKind.paragraph and raw.rstrip().endswith(":")
                   and ctx.found(_RECOMMENDS_LIST, max(block.start, block.end - 300), block.end))
        # ("Recommendations" over paragraphs that each say what should be
        # done: a heading names the list, and only items that recommend are read)
        heading = not lead_in and _RECOMMENDATIONS_HEADING.fullmatch(raw.strip()) is not None
        if not (lead_in or heading):
            continue
        run = []
        for j in range(i + 1, len(blocks)):
            item = ctx.block_text(blocks[j]).strip()
            if (blocks[j].kind is not BlockKind.paragraph or item.endswith(":")
                    or len(item.split()) > _UNMARKED_ITEM_WORDS or _REPORTED.match(item)
                    or _LABELLED.match(item) or _headline(item)
                    or (heading and not (_ITEM_CUES["should"].search(first_sentence(item))
                                         or _ITEM_CUES["that"].match(item)))):
                break
            run.append(j)
        if len(run) >= 2:
            out.update((j, raw) for j in run)
    return out


def _names_a_topic(text: str) -> bool:
    """A label's few words that name what the paragraph below recommends
    ("Governance", "Water pricing"), not the recommendation itself."""
    text = text.strip()
    return (len(text.split()) <= _TOPIC_WORDS and not text.endswith((".", "!", "?", ":", ";"))
            and not any(cue.search(text) for cue in (_ITEM_CUES["should"], _ITEM_CUES["recommend"])))


def _headline(text: str) -> bool:
    """A section's heading on a line of its own ("Agency Comments", "Next
    Steps"): a few words, each capitalised, ending no sentence."""
    words = text.split()
    return (0 < len(words) <= _SUBHEADING_WORDS and not text.endswith((".", "!", "?", ":", ";"))
            and all(w[0].isupper() for w in words if len(w) > 3))


#: The most words of a paragraph read as an unmarked item of a list.
_UNMARKED_ITEM_WORDS = 80


def _subheading(block, raw: str) -> bool:
    """A heading, or a short line that ends no sentence and introduces nothing
    ("Education", "Part B: Employment")."""
    text = raw.strip()
    if not text or text[-1] in ".!?:;":
        return False
    return block.kind is BlockKind.heading or len(text.split()) <= _SUBHEADING_WORDS


#: The most words of a line read as a section's subheading.
_SUBHEADING_WORDS = 8


# A table's header cells: "Recommendation", "Recommendations", "Committee
# recommendation"; "No.", "#", "Ref." over the numbers.
_RECOMMENDATION_HEADER = re.compile(r"(?:\w+\s+){0,2}(?:recommendations?|RECOMMENDATIONS?)", re.I)
_NUMBER_HEADER = re.compile(r"(?:no\.?|#|number|ref\.?|rec\.?(?:\s+no\.?)?)", re.I)


def _recommendation_columns(row: str) -> tuple[int, int | None, int] | None:
    """The column of a header row that heads recommendations, the one that
    heads their numbers (None without one) and the row's width."""
    cells = [c.strip() for c in row.split("\t")]
    if len(cells) < 2:
        return None
    text_column = next((i for i, c in enumerate(cells) if _RECOMMENDATION_HEADER.fullmatch(c)), None)
    if text_column is None:
        return None
    number_column = next((i for i, c in enumerate(cells) if i != text_column and _NUMBER_HEADER.fullmatch(c)),
                         None)
    return text_column, number_column, len(cells)


def _table_candidate(block, row: str, text_column: int, number_column: int | None) -> RecommendationCandidate | None:
    cells = row.split("\t")
    if text_column >= len(cells):
        return None
    cell = cells[text_column]
    offset = sum(len(c) + 1 for c in cells[:text_column])
    lead = len(cell) - len(cell.lstrip())
    body = cell.strip()
    number = None
    if number_column is not None and number_column < len(cells):
        number = cells[number_column].strip().rstrip(".") or None
    marked = _LABELLED.match(body) or _NUMBERED.match(body)
    if marked:
        number, lead, body = number or marked.group("num"), lead + marked.start("text"), marked.group("text")
    body = first_sentence(body).rstrip().rstrip(".")
    if len(body.split()) < 3:
        return None
    return RecommendationCandidate(number=number, text=body, start=block.start + offset + lead,
                                   source="table_column")


def _run(blocks, i):
    for b in blocks[i:]:
        if b.kind is not BlockKind.list_item:
            return
        yield b


def _candidate(ctx: Context, block, m, source: str, only_first: bool) -> RecommendationCandidate:
    raw = ctx.block_text(block)
    number, body, offset = None, raw, 0
    if m is not None:
        number, body, offset = m.group("num"), m.group("text"), m.start("text")
    after = _LABEL_AFTER.search(body)
    if after:
        number, body = number or after.group("num"), body[:after.start()]
    numbered_paragraph = _PARAGRAPH_NUMBER.match(body)
    if numbered_paragraph:
        body, offset = body[numbered_paragraph.end():], offset + numbered_paragraph.end()
    if only_first:
        body = first_sentence(body)
    body = body.rstrip().rstrip(".")
    # "(a) the Government establish a data office; and": the list's joints are not the item's
    body = re.sub(r"\s*[;,]\s*(?:and|or)?$", "", body)
    return RecommendationCandidate(number=number, text=body, start=block.start + offset, source=source)


#: The most words of an item read as a label when they are in title case.
_LABEL_WORDS = 10


def _describe(cand: RecommendationCandidate, intro: str, kind: str, title: str, doc_mentions: int,
              run_length: int) -> None:
    f = cand.features
    f["bias"] = 1.0
    # (the structural rules' choice: every candidate but a fact sheet's other
    # bullets, which only the commitment model may take)
    f["verdict:" + ("not" if cand.source == "sheet_item" else decision_for(cand.source))] = 1.0
    f[f"source:{cand.source}"] = 1.0
    f[f"kind:{kind}"] = 1.0
    f[f"source:{cand.source}|kind:{kind}"] = 1.0
    for name, pattern in _ITEM_CUES.items():
        if pattern.search(cand.text):
            f[f"item:{name}"] = 1.0
    tail = intro[-200:]
    for name, pattern in _INTRO_CUES.items():
        if pattern.search(tail):
            f[f"intro:{name}"] = 1.0
            f[f"intro:{name}|kind:{kind}"] = 1.0
    words = len(cand.text.split())
    f["words:" + ("<4" if words < 4 else "4-12" if words <= 12 else "13-40" if words <= 40 else "40+")] = 1.0
    f["run:" + ("1" if run_length <= 1 else "2-4" if run_length <= 4 else "5+")] = 1.0
    if re.search(r"\brecommend", title, re.I):
        f["title:recommend"] = 1.0
    if re.search(r"\bfact ?sheet\b", title, re.I):
        f["title:fact_sheet"] = 1.0
    if re.search(r"\breport\b|\breview\b|\binquiry\b|\btaskforce\b|\bcommission\b", title, re.I):
        f["title:report"] = 1.0
    f["doc_recommendation_words:" + ("0" if doc_mentions == 0 else "1-2" if doc_mentions <= 2 else "3+")] = 1.0
    tokens = cand.text.split()
    # ("Trade Facilitation and Infrastructure": a label in title case, over
    # the list's items, not one of them)
    long_words = [t for t in tokens if len(t) > 3]
    if tokens and len(tokens) <= _LABEL_WORDS and 4 * sum(t[:1].isupper() for t in long_words) >= 3 * len(long_words):
        f["item:title_case"] = 1.0
    first = tokens[0] if tokens else ""
    if first[:1].isupper() and not first.endswith("s") and first.isalpha() and first.lower() not in (
            "the", "a", "an", "this", "in", "on", "to", "for", "with", "by"):
        f["item:capitalised_opening"] = 1.0


@register("recommendations")
def extract_recommendations(ctx: Context) -> list[Recommendation]:
    found = []
    seen: list[str] = []
    for cand in candidates(ctx):
        decision = decision_for(cand.source)
        p = trained(decision).proba(cand.features)[decision]
        # The same recommendation in the summary and in the body is one.
        if p < 0.5 or len(cand.text.split()) < 2 or any(_same(cand.text, s) for s in seen):
            continue
        seen.append(cand.text)
        actor = _ACTOR.match(cand.text)
        found.append(Recommendation(number=cand.number, text=cand.text,
                                    actor=actor.group("actor").strip() if actor else cand.actor,
                                    evidence=ctx.evidence(cand.start, cand.start + len(cand.text)),
                                    confidence=round(p, 3), rule=f"recommendations.{cand.source}+{decision}.model"))
    return found

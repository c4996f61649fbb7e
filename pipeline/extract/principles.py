"""Principles: the items of an explicit list of principles, shared values or
ideals, each its own entry, and numbered guiding principles as full sentences.

Candidates come from the structure around the words "principles", "values"
and "ideals": an inline list after them ("shared values such as a, b and
c", "the principles of a, b, and c", "principles ..., including a and b"),
and a numbered or bulleted list introduced by them (a lead-in sentence or a
heading).  A trained model (``trained/principle.json``) decides which
candidates are principles: topics ("issues such as equity"), pillars and
priorities look alike.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from pipeline.extract import literals, register
from pipeline.extract.context import Context, first_sentence
from pipeline.extract.kind import feature_kind
from pipeline.gazetteer import lookup_country
from pipeline.models import BlockKind, Principle
from pipeline.resources import load_data, trained

_TRIGGER = re.compile(
    r"\b(?P<group>(?:(?:our|their|the|of|shared|common|core|democratic|guiding|fundamental|universal|"
    r"key|basic|mutual|founding|same|enduring|key)\s+){0,3}(?:values|principles|principle|ideals)|"
    # the verb: "democracies that value freedom, the rule of law and human rights"
    r"(?:(?<=\bthat\s)|(?<=\bwho\s))(?:value|cherish))\b"
    # (not the first half of a compound: "values-driven vision")
    r"(?![-‐‑])", re.I)
_VALUING_VERBS = ("value", "cherish")
_AND_BEFORE_COMMA = re.compile(r"\band\s[^,;.]+(?=,)")
# What opens the list after the trigger, within the clause.
# (a dash may be typed as a hyphen between spaces: "shared principles - openness, ...")
# The spaces around an optional comma are read one way only ("\s*,?\s+"
# splits a long run of spaces every possible way).
_CONNECTOR = re.compile(r"(?:\s*+,\s+|\s++)(?:such as|including|like|namely|that include|include|includes|notably|particularly|"
                        r"in particular)\s+(?:with (?:respect|regard) to\s+)?|"
                        # the principles as a subject: "The principles address sharing responsibility, ..."
                        # ("are" is left out: "principles are fundamental to ...")
                        r"\s+(?:address|cover|comprise|encompass)\s+|"
                        # what the values rest on: "shared values based on a rules-based order, ..."
                        r",?\s+(?:based on|grounded in|rooted in|anchored in|founded on|built on)\s+(?!the\s+[A-Z])|"
                        # (not a capitalised name, "the principles of Islam", unless a common
                        # noun follows it: "the principles of ASEAN centrality, consensus and ...")
                        r"\s+of\s+(?!the\s|this\s|these\s|that\s|those\s|which\s|our\s|"
                        r"(?-i:[A-Z](?![\w’'-]*\s+[a-z]+[,\s])))|\s*:[ \t]+|(?:\s[–—]|[ \t]-)[ \t]+(?:(?:such as|including|namely|notably)\s+)?|\s+(?:is|are) (?:an? )?(?:unwavering |firm |strong )?"
                        r"(?:commitment|dedication) to\s+|"
                        # a relative clause between: "the values the two countries share are ...",
                        # "among the values we share is an unwavering commitment to ..."
                        r"(?:\s+(?:that|which))?\s+(?:we|they|(?:both|the|our|these)\s+(?:two\s+)?(?:\w+\s+)?"
                        r"(?:countries|nations|governments|leaders|peoples|sides|partners|allies))\s+"
                        # ("the values we hold dear: ...")
                        r"(?:share|hold|uphold|cherish)(?:\s+(?:dear|dearly|in\s+common))?"
                        r"(?:\s+(?:is|are|include|includes)\s+|\s*:[ \t]+|\s+[–—-][ \t]+)", re.I)
# The spaces before "such as" are tried from their start only ((?<!\s)):
# from inside a run they would be read again at each of the 300 steps.
# (an initial's period, "U.S.", "U.N.", and a dash joining two words,
# "Vietnam–U.S. relations", end no clause; a blank line ends the paragraph)
_NEAR_CONNECTOR = re.compile(r"(?:[^.;:!?–—\n]|\n(?![ \t]*\n)|(?<=\b[A-Z])\.|(?<=\w)[–—](?=\w)){0,300}?(?:(?:,|(?<!\s))\s++(?:such as|including|namely|notably)\s+|"
                             r":[ \t]+|(?<=\s)[–—][ \t]+(?:(?:such as|including|namely|notably)\s+)?)", re.I)
_LATER_CLAUSE = re.compile(r",\s+(?:we|they)\s+(?!share\b|hold\b|uphold\b|cherish\b)\w+|"
                           # "... share the values of a and b, and are committed to:"
                           r"\band\s+(?:are|is|will|have|has|shall|remain)\s+\w+|"
                           # "To implement these Principles, the Working Group is tasked to:"
                           r",\s+(?:the\s+)?(?:(?!that\b|which\b|who\b|including\b)[\w-]+\s+){1,5}?"
                           r"(?:is|are|will|has|have|shall|must)\s+\w+", re.I)
# "these values", "those principles" name what was listed before them: a
# list after them is of something else ("measures which may undermine these
# democratic values, such as internet shutdowns").
_POINTS_BACK = re.compile(r"\b(?:these|those)\s+$", re.I)
# A finite verb or a new subject between the trigger and a later connector:
# the trigger's clause has ended ("our approach and values are upheld, and
# ..., we will make high standards – across environmental, social, ...").
_NEW_CLAUSE = re.compile(r"\b(?:are|is|were|was|will|would|shall|has|have|we|they)\b", re.I)
_COMPLEMENT_NOUNS = load_data("complement_nouns")["nouns"]
# ("to" after a noun that takes it as complement goes on with the item: "the right to self-determination")
_NOT_AFTER_COMPLEMENT_NOUN = "".join(rf"(?<!\b{re.escape(n)})" for n in _COMPLEMENT_NOUNS)
_CLAUSE_END = re.compile(r"[;.!?]|\s[–—]\s|[ \t]-[ \t]|" + _NOT_AFTER_COMPLEMENT_NOUN + r"\sto\s|"
                         r"\s(?:are|is|were|was|that|which|will|must|should|guide|"
                         r"guides|underpin|remain|in order)\s|,\s(?:as well as|and (?:to|by|in|for|with|"
                         r"through|on|promoting|supporting)|while|but|guided|which|who|"
                         # a new subject after a comma starts a new clause ("..., we aim to")
                         r"we|they|it|he|she|I|you|this|these|our|their)\s|"
                         r"\s(?:underlying|underpinning|behind|throughout|across|under)\s|"
                         # an adjunct of the clause, not of the last item ("freedom, self-determination,
                         # and sovereignty in response to the war")
                         r"\s(?:in response to|in the face of|in light of|in the wake of|amid|amidst)\s|"
                         # a trailing modifier: "... as stipulated in the Treaty",
                         # "shared responsibility in addressing ..."
                         r"\sas\s(?=\w+ed\b)|\sin\s(?=\w+ing\b)|"
                         # what comes through a means is no item ("transparency,
                         # including through terminating ... measures")
                         r",?\s(?:including|notably|particularly|especially)\s(?=(?:through|by|via|in|with(?! (?:respect|regard) to))\s)")
# (nor does a list of principles start with a preposition: "Joint Principles,
# including through work done in ...")
_BAD_START = re.compile(r"^(?:those|these|this|that|which|the following|all|each|both|such|"
                        r"through|by|via|with|in|on|at|from|for)\b", re.I)
# A piece that opens with a participle and its preposition, or with an
# auxiliary, is the clause going on, not an item ("sovereignty and territorial
# integrity, based on international law, have long underpinned ...").
_CLAUSE_GOES_ON = re.compile(r"\s*(?:\w+ed\s+(?:in|on|by|at|under|within|through|upon|to)\b|"
                             r"(?:have|has|had)\s)", re.I)
_QUOTED = re.compile(r"[‘“\"']([^’”\"'\n]{3,200})[’”\"']")
_NAMED_ITEM = re.compile(r"\b(?:Principles|Values)\b")
_COMMITMENT_TO = re.compile(r"(?:an?|our|their|the)\s+(?:\w+\s+)?(?:commitment|dedication|adherence)\s+to\s+", re.I)
_FOLLOWING = re.compile(r"\bfollowing\s+(?:\w+\s+)?$|\bfollowing\s", re.I)
# ", and the X": the last item when it runs to the sentence's end ("democracy,
# individual liberty, and the rule of law."); else a new clause (", and the
# ministers agreed ...").
_AND_THE = re.compile(r"\s*and\s+the\s", re.I)
_SIGNERS_LEAD = re.compile(r"\s*(?:for|on behalf of)\s+(?:the\s+)?\w", re.I)
_PRONOUN_SUBJECT = re.compile(r"\s*(?:and\s+|but\s+)?(?:we|they|it|he|she|i)\b", re.I)
_NEW_PREDICATE = re.compile(r"\s*and\s+(?:also\s+)?[a-z]+ed\s+(?:the|their|its|a|an|that|to)\b")
_GERUND = re.compile(r"^\w+ing\b")
_MODIFIER_WORDS = load_data("modifiers")
_ADJECTIVE_ENDINGS = tuple(_MODIFIER_WORDS["suffixes"])
_NOUN_EXCEPTIONS = frozenset(_MODIFIER_WORDS["noun_exceptions"])
_EXAMPLE_OF = re.compile(r"\s*(?:including|in particular|notably|especially)\s", re.I)
# "the principles of international law", "the principle of the Charter": one
# body of rules named as the principles' source, not a list of them
_RULE_SOURCES = (r"(?:law|laws|charter|conventions?|treat(?:y|ies)|act|declarations?|resolutions?|agreements?|"
                 r"accords?)")
_SOURCE_OF_RULES = re.compile(r"\b" + _RULE_SOURCES + r"$", re.I)
# "of international law, in particular ...": the source, then its examples
_SOURCE_THEN_EXAMPLES = re.compile(r"(?:[\w’'-]+\s+){0,4}?" + _RULE_SOURCES + r",?\s+"
                                   r"(?:in particular|including|notably|especially|such as|namely)\s+", re.I)
# ("..., including the 1982 UNCLOS": another instrument named, no principle)
_NAMED_INSTRUMENT = re.compile(r"(?:the\s+)?(?:\d{4}\s+)?[A-Z]")
_PREP = re.compile(r"\b(?:in|of|for|to|on|at|with|between|among)\b")
# (a count announces the list below: "The Framework rests on four principles.")
_INTRODUCES = re.compile(r"\b(?:following|these|below|as follows|include|includes|are)\b|"
                         r"\b(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?:[a-z]+\s+)?"
                         r"(?:principles|values|ideals)\W*$", re.I)
_LIST_INTRO = re.compile(r"\b(?:guiding principles|principles|shared values|values|ideals)\b", re.I)
_LOOKALIKE = re.compile(r"\b(?:issues?|topics?|areas?|priorit\w+|pillars?|sectors?|fields?|goals?|"
                        r"objectives?|challenges?|threats?|interests?|elements?|initiatives?|projects?)\b",
                        re.I)
_MODIFIERS = ("shared", "common", "core", "democratic", "guiding", "fundamental", "universal", "key",
              "basic", "mutual", "founding")


# An inline list's item is a noun phrase: a verb or a subordinating word in
# it ("international law has become possible again", "as Poland looks
# forward") is the sentence going on after the list; a name inside it ("the
# Yugoslav economy", "International Telecommunication Union") is no value.
# (3 of the 212 short principles of the development gold hold a name, 1 a
# clause word; a numbered principle is a whole sentence and is not read so.)
_CLAUSE_WORD = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|looks?|becomes?|become|"
                          r"includes?|as|while|when|because|if|since|although|response)\b", re.I)
# A verb and its object is an action, not a value: "..., including respect for
# human rights, advance our respective efforts" (a gerund, "promoting the ...",
# is read elsewhere)
# (or a past tense and its preposition: "..., the rule of law, and agreed on a
# work plan": the sentence's subject acts again)
_VERB_PHRASE = re.compile(r"(?!\w+ing\b)[a-z]+\s+(?:our|their|its|his|her|a|an|the)\s|"
                          r"[a-z]+ed\s+(?:on|upon|to|with|that)\s")
_NAME_INSIDE = re.compile(r"(?<=\s)[A-Z][a-z]")
# ... but for a body of rules the item holds to, and the states themselves:
# "respect for the UN Charter", "political independence of States"
_NAMED_RULES = re.compile(r"(?:[A-Z][\w.’'-]*\s+){0,4}(?=[A-Z])(?i:" + _RULE_SOURCES + r")\b|"
                          r"\b(?:States|Nations)\b")
_EXAMPLE_AFTER = re.compile(r",?\s+(?:including|in particular|notably|especially)\s")
_COUNTRY_OWNER = re.compile(r"\s+(?:of|in|across|throughout)\s+(?P<country>(?:the\s+)?[A-Z][\w’'.-]*"
                            r"(?:\s+(?:of\s+)?[A-Z][\w’'.-]*){0,3})$")


@dataclass
class PrincipleCandidate:
    text: str
    start: int
    group: str
    source: str                     # inline | after_connector | numbered | bulleted
    features: dict[str, float] = field(default_factory=dict)


def candidates(ctx: Context) -> list[PrincipleCandidate]:
    kind = feature_kind(ctx)
    title = (ctx.results.get("title") or (None, None))[0] or ""
    out: list[PrincipleCandidate] = []
    seen: set[tuple[int, str]] = set()
    text = ctx.text
    for m in _triggers(ctx):
        group = re.sub(r"^(?:our|their|the|of)\s+", "", text[m.start("group"):m.end("group")].strip(),
                       flags=re.I).lower()
        # (a named set whose items its colon lists is their list: "the Seven
        # Principles of Public Life: selflessness, integrity, ...")
        named = _named_set(ctx, m)
        listed = _NAME_THEN_COLON.match(text, m.end()) if named else None
        if (named and listed is None) or _POINTS_BACK.search(text, max(0, m.start() - 8), m.start()):
            continue
        if group in _VALUING_VERBS:
            # (what is valued follows the verb: three items at least make it
            # a list, whose item after "and" is its last: "As democracies that
            # value freedom, the rule of law and human rights, the two leaders
            # ..."; two may run into the sentence's verb: "Leaders who
            # cherish peace and stability met today")
            _, s_end = ctx.sentence_at(m.start())
            joint = _AND_BEFORE_COMMA.search(text, m.end(), s_end)
            items = _list_items(text[:joint.end() if joint else s_end], m.end() + 1)
            if len(items) >= 3:
                s_start, _ = ctx.sentence_at(m.start())
                for item_text, start in items:
                    if (start, item_text) not in seen:
                        seen.add((start, item_text))
                        cand = PrincipleCandidate(item_text, start, "values", "inline")
                        _describe(cand, "values", group, text[s_start:m.end()], len(items), kind, title)
                        out.append(cand)
            continue
        direct = listed or _CONNECTOR.match(text, m.end())
        # "the following principles of cooperation:": the list follows, "of"
        # names the topic
        # (a colon with the list after it on the same line reads it: "guided by
        # the following principles: transparency, accountability and ...")
        if (direct is not None and _FOLLOWING.search(text, max(0, m.start() - 20), m.start("group") + 1)
                and not direct.group().strip().startswith(":")):
            continue
        if direct is not None:
            source, pos = "inline", direct.end()
            # "the principles of international law, in particular sovereignty,
            # ...": the law names where they come from, its examples are the list
            examples = _SOURCE_THEN_EXAMPLES.match(text, pos) if text[m.end():pos].strip().lower() == "of" else None
            if examples:
                if _NAMED_INSTRUMENT.match(text, examples.end()):
                    continue
                pos = examples.end()
            # "the principle of non-refoulement, the key tenet of ...": one
            # principle named, what follows its comma is no list
            items = _list_items(text, pos, single=group.endswith("principle"))
            if (len(items) == 1 and text[m.end():pos].strip().lower() == "of"
                    and _SOURCE_OF_RULES.search(items[0][0])):
                continue
        else:
            # "common principles ..., including those enshrined in the Charter,
            # such as transparency, ...": the first connector may open no list
            # ("those ..."); the next one in the clause may.
            source, pos, items, at = "after_connector", None, [], m.end()
            for _ in range(2):
                near = _NEAR_CONNECTOR.match(text, at)
                # "shared values, to address global issues including health
                # security": the list belongs to the nearer noun.
                if (near is None or _LOOKALIKE.search(_last_words(text[m.end():near.end()]))
                        or _NEW_CLAUSE.search(text, m.end(), near.end())):
                    break
                pos, items, at = near.end(), _list_items(text, near.end()), near.end()
                if items:
                    break
            if not items:
                continue
        connector = text[m.end():pos].strip(" ,").lower()
        if source == "after_connector":  # the words that opened the list, not the clause before them
            last = re.search(r"(such as|including|namely|notably|:)\s*$", connector)
            connector = last.group(1) if last else connector
        s_start, s_end = ctx.sentence_at(m.start())
        intro = text[s_start:m.end()]
        for item_text, start in items:
            key = (start, item_text)
            if key in seen:
                continue
            seen.add(key)
            cand = PrincipleCandidate(item_text, start, group, source)
            _describe(cand, group, connector, intro, len(items), kind, title)
            out.append(cand)
    for item_text, start, group, source, intro, n in _listed_principles(ctx):
        if (start, item_text) in seen:
            continue
        seen.add((start, item_text))
        cand = PrincipleCandidate(item_text, start, group, source)
        _describe(cand, group, "list", intro, n, kind, title)
        out.append(cand)
    # (a sentence whose list the words before it introduced is read already)
    read = [(c.start, c.start + len(c.text)) for c in out]
    lists = [(*found, "referred_to") for found in _inline_lists_referred_to(ctx)]
    lists += [(*found, "closed_by_word") for found in _lists_before_the_word(ctx)]
    lists += [(*found, "labelled") for found in _labelled_principles(ctx)]
    for items, group, intro, source in lists:
        if any(start < e and s < start + len(t) for t, start in items for s, e in read):
            continue
        for item_text, start in items:
            if (start, item_text) in seen:
                continue
            seen.add((start, item_text))
            cand = PrincipleCandidate(item_text, start, group, source)
            _describe(cand, group, "list", intro, len(items), kind, title)
            out.append(cand)
    return out


_NAME_THEN_COLON = re.compile(r"(?:\s+(?:of|for|on)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|of|and|the)){0,5})?"
                              r"(?:\s+\([^()\n]{1,40}\))?:[ \t]+(?=[a-z])")


def _named_set(ctx: Context, m: re.Match) -> bool:
    """"Principles" capitalised inside a sentence is a document's
    or a set's name ("the G20 Principles for Quality Infrastructure
    Investment", "the Purposes and Principles of the Charter"), not a list's
    lead-in (a heading's "Guiding Principles" is)."""
    head = ctx.text[m.start("group"):m.end("group")].split()[-1]
    if not head[:1].isupper():
        return False
    block = ctx.block_at(m.start())
    if block is None or block.kind is BlockKind.heading:
        return False
    s_start, _ = ctx.sentence_at(m.start())
    return bool(ctx.text[s_start:m.start("group")].strip())  # not the sentence's first word


def _triggers(ctx: Context) -> Iterator[re.Match]:
    """The matches of _TRIGGER, in the lowered text where it can be read
    there (see ``literals.lower_twin``): only their offsets are read."""
    text, lowered = ctx.text, ctx.lowered
    if not ctx.may_match(_TRIGGER, 0, len(text)):
        return iter(())  # most documents never write the words
    twin = literals.lower_twin(_TRIGGER)
    return _TRIGGER.finditer(text) if twin is None or lowered is None else twin.finditer(lowered)


def _last_words(span: str) -> str:
    """The two words before the connector that ends ``span``."""
    words = re.sub(r"[\s,:]*(?:such as|including|namely|notably)?[\s:]*$", "", span, flags=re.I).split()
    return " ".join(words[-2:])


def _describe(cand: PrincipleCandidate, group: str, connector: str, intro: str, n_items: int,
              kind: str, title: str) -> None:
    f = cand.features
    f["bias"] = 1.0
    f["verdict:principle"] = 1.0  # chosen by the structural rules
    f[f"source:{cand.source}"] = 1.0
    head = group.split()[-1]
    f[f"head:{head.rstrip('s')}"] = 1.0
    for mod in _MODIFIERS:
        if mod in group:
            f[f"mod:{mod}"] = 1.0
    f[f"connector:{connector.split()[0] if connector else 'none'}"] = 1.0
    words = cand.text.split()
    f["item_words:" + ("1" if len(words) == 1 else "2-3" if len(words) <= 3 else "4-7" if len(words) <= 7
                       else "8+")] = 1.0
    f["items:" + ("1" if n_items == 1 else "2-3" if n_items <= 3 else "4+")] = 1.0
    if _GERUND.match(cand.text):
        f["gerund"] = 1.0
    if cand.text[:1].isupper():
        f["capitalised"] = 1.0
    if re.search(r"\d", cand.text):
        f["digit"] = 1.0
    if _LOOKALIKE.search(intro[-120:]):
        f["lookalike_intro"] = 1.0
    if re.search(r"\bprinciples?\b", title, re.I):
        f["title_principles"] = 1.0
    if re.search(r"\bvalues?\b", title, re.I):
        f["title_values"] = 1.0
    f[f"kind:{kind}"] = 1.0


def _list_items(text: str, pos: int, single: bool = False) -> list[tuple[str, int]]:
    """Split 'a, b, c and d' from ``pos`` to the end of the clause; the item
    introduced by 'and' closes the list.  ``single``: one item, which ends
    at the first comma."""
    # "values, including a commitment to democracy and open economies, ...":
    # the commitment names the list, its objects are the items
    lead_in = _COMMITMENT_TO.match(text, pos)
    if lead_in:
        pos = lead_in.end()
    by_semicolons = _semicolon_items(text, pos)
    if by_semicolons:
        return by_semicolons
    end_m = _CLAUSE_END.search(text, pos)
    end = end_m.start() if end_m else len(text)
    segment = text[pos:min(end, pos + 600)]
    quoted = _QUOTED.match(text, pos) if single else None
    if quoted:
        # "the principle of ‘same activity, same risk, same regulation’": the quotation whole
        return [(quoted.group(1), quoted.start(1))]
    if single and not _qualifies_the_last([re.sub(r"^\s*(?:and|or)\s+", "", p) for p in segment.split(",")]):
        segment = segment.split(",", 1)[0]
    if _BAD_START.match(segment):
        return []
    parts: list[tuple[str, int]] = []
    # (a dash closes a list set off by dashes as a full stop does: "values –
    # democracy, pluralism, and the rule of law – and ...")
    sentence_end = end_m is not None and (end_m.group(0) in ".;!?" or end_m.group(0).strip() in ("–", "—")) \
        and end <= pos + 600
    pieces_of_segment = _comma_pieces(segment, pos)
    for k, (piece, offset) in enumerate(pieces_of_segment):
        if parts and (_CLAUSE_GOES_ON.match(piece) or _PRONOUN_SUBJECT.match(piece)):
            break  # (", and we will continue ...": a new clause, its subject a pronoun)
        # ("the principles of A, B, and the peaceful resolution of disputes, and
        # stressed ...": the last item before a new clause's verb closes the list)
        clause_next = k + 1 < len(pieces_of_segment) and _NEW_PREDICATE.match(pieces_of_segment[k + 1][0])
        if _AND_THE.match(piece) and not (sentence_end and offset - pos + len(piece) == len(segment)) \
                and not clause_next:
            break
        # "universality and, specifically, the availability of ...": the
        # conjunction before a comma and the adverb set off by commas are not items.
        piece = re.sub(r"\s+(?:and|or)\s*$", "", piece)
        if re.fullmatch(r"\s*\w+ly\s*", piece):
            continue
        enumerator = _ENUMERATOR.match(piece)
        if enumerator:
            piece, offset = piece[enumerator.end():], offset + enumerator.end()
        lead = _SEMICOLON_LAST.match(piece)
        # "international law, including the UN Charter": the example belongs
        # to the item before it (the list goes on after it, if it does)
        if parts and _EXAMPLE_OF.match(piece):
            before, at = parts[-1]
            parts[-1] = (text[at:offset + len(piece.rstrip())], at)
            continue
        if lead:
            piece, offset = piece[lead.end():], offset + lead.end()
            # "respecting X's principles of A and B, and coordinating a response":
            # a gerund after a list of nouns joins the outer clause
            if parts and _GERUND.match(piece) and not any(_GERUND.match(p.strip()) for p, _ in parts):
                break
        pieces = _split_and(piece, offset)
        # "principles of peaceful coexistence and ensuring our actions ...": the
        # gerund after "and" joins the outer clause, and the list ends
        if len(pieces) == 2 and _GERUND.match(pieces[1][0]) and not _GERUND.match(pieces[0][0]):
            parts.append(pieces[0])
            break
        parts.extend(pieces)
        if lead:
            break  # "..., and d": the list ends here
        # ("..., inclusivity and transparency, the Quad will ...": an "and"
        # with no other after it closed the list; the clause goes on)
        if len(pieces) >= 2 and not any(re.search(r"(?:^|\s)(?:and|or)\s", p)
                                        for p, _ in pieces_of_segment[k + 1:]):
            break
    # "academic freedom, research integrity, openness and reciprocity in
    # international cooperation": the closing phrase scopes over the whole
    # list, so the last pair splits and drops it.
    if len(parts) >= 3 and " and " in parts[-1][0]:
        last, offset = parts.pop()
        m = re.match(r"\s*(\w+)\s+and\s+(\w+(?:[- ]\w+)?)\s+(?:in|for|of|across|within|among|between)\s", last)
        if m:
            parts += [(m.group(1), offset + m.start(1)), (m.group(2), offset + m.start(2))]
        else:
            parts.append((last, offset))
    if len(parts) >= 3 and _qualifies_the_last([p for p, _ in parts]):
        # "safe, orderly, humane, and regular migration": one item
        first, at = parts[0]
        last, last_at = parts[-1]
        parts = [(text[at:last_at + len(last.rstrip())], at)]
    if len(parts) >= 2:
        # "the territorial integrity, sovereignty, and political independence
        # of Ukraine": the country closing the list scopes over it, it is no
        # part of the last item
        last, at = parts[-1]
        owner = _COUNTRY_OWNER.search(last.rstrip())
        if owner and lookup_country(owner.group("country")):
            parts[-1] = (last[:owner.start()], at)
    out = []
    for piece, offset in parts:
        stripped = piece.strip()
        offset += len(piece) - len(piece.lstrip())
        bare = re.sub(r"^(?:the|a|an)\s+", "", stripped)
        offset += len(stripped) - len(bare)
        if (not bare or len(bare.split()) > 12 or _BAD_START.match(bare)
                or not re.search(r"[^\W\d]", bare)):
            break  # the list has ended
        if _NAMED_ITEM.search(bare):
            continue  # "the G20 Principles for Quality Infrastructure": a document, not a principle
        if _CLAUSE_WORD.search(bare) or _VERB_PHRASE.match(bare):
            break
        unnamed = _NAMED_RULES.sub("", _EXAMPLE_AFTER.split(bare, 1)[0])
        if _NAME_INSIDE.search(unnamed) or not re.search(r"[a-z]", unnamed):
            continue  # (the example may name one: "international law, including the Charter")
        out.append((bare.rstrip("”\""), offset))
    return out


# A list whose items hold commas of their own is set with semicolons: "the
# rule of law; protecting human rights; adhering to humanitarian principles,
# including non-refoulement; and upholding resilient democracies."
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")
_SEMICOLON_LAST = re.compile(r"\s*(?:and|or)\s+(?:\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})\)\s+)?")
# "(a) respect for sovereignty; (b) ...": an inline list's enumerator is no
# part of its item (a parenthesis closes it, which a sentence's word never does)
_ENUMERATOR = re.compile(r"\s*\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})\)\s+")
_AND_ITEM = re.compile(r"\s+and\s+(?:\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})\)\s+)?")


def _semicolon_items(text: str, pos: int) -> list[tuple[str, int]]:
    """The items of a list set with semicolons, from ``pos`` to the end of
    its sentence, each whole; none unless the last item opens with "and"."""
    end_m = _SENTENCE_END.search(text, pos, pos + 800)
    if end_m is None or ";" not in text[pos:end_m.start()]:
        return []
    pieces = [(m.group(0), pos + m.start()) for m in re.finditer(r"[^;]+", text[pos:end_m.start()])]
    last = _SEMICOLON_LAST.match(pieces[-1][0])
    if len(pieces) < 3 or last is None:
        return []
    out = []
    for piece, offset in pieces:
        lead = _SEMICOLON_LAST.match(piece) or _ENUMERATOR.match(piece) or re.match(r"\s*", piece)
        bare = piece[lead.end():].rstrip()
        bare_at = offset + lead.end()
        article = re.match(r"(?:the|a|an)\s+", bare, re.I)
        if article:
            bare, bare_at = bare[article.end():], bare_at + article.end()
        if not bare or len(bare.split()) > 12 or _BAD_START.match(bare) or _NAMED_ITEM.search(bare):
            return []
        # ("...; and mutual respect and mutual benefit": two short phrases that
        # stand alone are two items, as DESIGN.md splits them; a gerund's two
        # objects are one: "protecting human rights and human security")
        halves = bare.split(" and ")
        if len(halves) == 2 and all(1 <= len(h.split()) <= 3 and not _PREP.search(h) for h in halves) \
                and not _qualifies_the_last(halves) and not _GERUND.match(halves[0]):
            out += [(halves[0], bare_at), (halves[1], bare_at + len(halves[0]) + len(" and "))]
            continue
        out.append((bare, bare_at))
    return out


def _comma_pieces(segment: str, pos: int) -> list[tuple[str, int]]:
    """The segment's pieces between commas, with their offsets, but for the
    commas of adjectives in a row ("support for a stable, liberal order":
    one piece)."""
    pieces: list[tuple[str, int]] = []
    for m in re.finditer(r"[^,]+", segment):
        if pieces:
            before = _ARTICLE_ADJECTIVE.search(pieces[-1][0])
            if before and all(_modifier(w) for w in re.split(r",\s+", before.group(1))):
                piece, at = pieces.pop()
                pieces.append((segment[at - pos:m.end()], at))
                continue
        pieces.append((m.group(0), pos + m.start()))
    return pieces


_ARTICLE_ADJECTIVE = re.compile(r"\b(?:a|an|the)\s+((?:\w+,\s+){0,4}\w+)\s*$", re.I)


def _modifier(word: str) -> bool:
    """A word that qualifies a noun ("free", "orderly", "economic"), by the
    lists and endings of ``data/modifiers.toml``."""
    word = word.lower()
    if word in _MODIFIER_WORDS["adjectives"]:
        return True
    if word in _NOUN_EXCEPTIONS or word.endswith("ment"):
        return False
    return len(word) > 4 and word.endswith(_ADJECTIVE_ENDINGS)


def _qualifies_the_last(pieces: list[str]) -> bool:
    """'free and fair economic order', 'safe, orderly, humane, and regular
    migration', 'human and labor rights': every piece but the last one word
    that qualifies, and the last a phrase whose noun they share."""
    *firsts, last = [p.strip() for p in pieces]
    # (the last's first word may be a noun that qualifies too: "human and labor rights")
    return (bool(firsts) and len(last.split()) >= 2
            and all(len(p.split()) == 1 and _modifier(p) for p in firsts))


def _split_and(piece: str, offset: int) -> list[tuple[str, int]]:
    """'openness and transparency', 'developing a framework and focussing on
    priorities' -> two; 'balancing openness and security' and 'rigour and
    integrity in research' stay whole."""
    m = _AND_ITEM.search(piece)
    if not m:
        return [(piece, offset)]
    if piece.count(" and ") > 1:
        return _split_ands(piece, offset)
    left, right = piece[:m.start()].strip(), piece[m.end():].strip()
    # ("developing a framework and focussing on priorities": two actions)
    if (_GERUND.match(left) and not _GERUND.match(right) or not left or not right or len(left.split()) > 4
            or _qualifies_the_last([re.sub(r"^(?:a|an|the)\s+", "", left, flags=re.I), right])
            # ("promotion of sustainable and inclusive development": the word
            # before "and" qualifies the noun after it)
            or (len(left.split()) > 1 and _modifier(left.split()[-1]) and len(right.split()) >= 2)
            or re.search(r"\bbetween\b", left)  # "a balance between openness and security"
            # (unless an article opens a noun phrase of its own: "freedom and the rule of law",
            # or the preposition is the complement of the right's own noun: "democracy
            # and respect for human rights")
            or (len(left.split()) == 1 and _PREP.search(right) and not _THE.match(right)
                and not _OWN_COMPLEMENT.match(right))):
        return [(piece, offset)]
    left_start = offset + len(piece) - len(piece.lstrip())
    return [(left, left_start), (right, offset + m.end())]


_THE = re.compile(r"(?:the|a|an)\s", re.I)
_OWN_COMPLEMENT = re.compile(r"(?:" + "|".join(_COMPLEMENT_NOUNS) + r")\s+(?:for|to|of)\s|(?:"
                             + "|".join(load_data("complement_nouns")["in_nouns"]) + r")\s+in\s", re.I)
#: The longest part of "a and b and c" read as an item of its own.
AND_PART_WORDS = 6


def _split_ands(piece: str, offset: int) -> list[tuple[str, int]]:
    """'democracy and respect for human rights and the rule of law' -> three;
    whole if a part is long, a gerund's or empty."""
    parts, at = [], offset
    for m in re.finditer(r"(?:(?<=\s)and\s+|^)(.*?)(?=\s+and\s|$)", piece):
        part = m.group(1).strip()
        if not part or len(part.split()) > AND_PART_WORDS or _GERUND.match(part):
            if len(parts) >= 2 and part and not _CLAUSE_WORD.search(part):
                # "democracy and pluralism and common commitment to the
                # rules-based order": two short parts make the list, the long
                # one after them goes on with the outer clause
                break
            return [(piece, offset)]
        parts.append((part, offset + m.start(1)))
    # ("human rights and free and open markets": a lone word that qualifies
    # shares the next part's noun, and stays with it)
    joined: list[tuple[str, int]] = []
    for part, at in parts:
        if joined and _qualifies_the_last([joined[-1][0], part]):
            first_at = joined.pop()[1]
            part = piece[first_at - offset:at - offset + len(part)]
            at = first_at
        joined.append((part, at))
    return joined


def _listed_principles(ctx: Context):
    """A numbered or bulleted list right after a lead-in sentence or a
    heading that speaks of principles, values or ideals, or right before a
    sentence that refers back to it ("... endorse these principles")."""
    if not ctx.may_match(_LIST_INTRO, 0, len(ctx.text)):
        return  # no lead-in can speak of them
    # (a document that is a statement of principles, "Statement of
    # Principles", "Quad Principles on ...", lists them under any lead-in:
    # "In confronting the challenges of terrorism, we agree that:")
    declared = _DECLARES_PRINCIPLES.search((ctx.results.get("title") or (None, None))[0] or "")
    blocks = ctx.parsed.blocks
    for i, block in enumerate(blocks):
        # (a numbered paragraph of a communiqué may itself lead in a bulleted
        # list: "67. ... Underpinning our approach will be the following key
        # principles:" over "- values-driven vision: ...")
        item_lead_in = block.kind is BlockKind.list_item
        if item_lead_in and not ctx.block_text(block).rstrip().endswith(":"):
            continue
        speaks = ctx.may_match(_LIST_INTRO, block.start, block.end)
        if not speaks and not declared:
            continue  # (its last sentence cannot speak of them either)
        if not speaks and _SIGNERS_LEAD.match(ctx.block_text(block)):
            continue  # ("FOR THE GOVERNMENT OF ZAMBIA:" over a signature: no list of principles)
        intro = ctx.block_text(block)
        last_sentence = re.split(r"(?<=[.!?])\s+", intro.strip())[-1]
        m = _LIST_INTRO.search(last_sentence) if speaks else None
        # (a sentence that names principles in passing, "in line with
        # European principles and practices.", introduces no list: a lead-in
        # ends in a colon, or speaks of the principles that follow)
        # (a short heading that names them, "Guiding Principles", "Our
        # Shared Values", heads the list under it as a lead-in does; in a
        # text file a heading is a short line that ends no sentence)
        if m and not (last_sentence.rstrip().endswith(":") or _INTRODUCES.search(last_sentence)
                      or _heading_like(block, last_sentence)):
            m = None
        # ("Guided by ... our enduring ideals ..., we have agreed an agenda
        # for global action to:": a new clause leads in the list, not the ideals)
        if m and _LATER_CLAUSE.search(last_sentence, m.end()):
            m = None
        group = m.group(0).lower() if m else (
            "principles" if declared and i > 0 and last_sentence.rstrip().endswith(":") else None)
        if group and item_lead_in:
            run = _sub_items(blocks, i)
            if len(run) >= 2:
                yield from _items(ctx, run, group, last_sentence)
            continue
        if group:
            run = _run_under(ctx, blocks, i + 1)
            # (a colon, or a heading: "Our values" over "Respect: we treat ...")
            if len(run) < 2 and (last_sentence.rstrip().endswith(":") or _heading_like(block, last_sentence)):
                run = _labelled_paragraphs(ctx, blocks[i + 1:])
            if len(run) < 2 and last_sentence.rstrip().endswith(":"):
                run = _items_with_explanations(blocks[i + 1:])
            if len(run) < 2 and last_sentence.rstrip().endswith(":"):
                run = _short_lines(ctx, blocks[i + 1:])
            if len(run) >= 2:
                yield from _items(ctx, run, group, last_sentence)
            elif last_sentence.rstrip().endswith(":") or _heading_like(block, last_sentence):
                heads = _heads_over_lists(ctx, blocks, i + 1) if last_sentence.rstrip().endswith(":") else []
                if len(heads) < 2:
                    heads = _labels_over_paragraphs(ctx, blocks, i + 1)
                for head in heads if len(heads) >= 2 else ():
                    body = ctx.block_text(head).strip()
                    yield (body.rstrip("."), head.start + ctx.block_text(head).index(body), group, "headed",
                           last_sentence, len(heads))
        if not speaks:
            continue
        back = _back_reference(intro)
        if back and i > 0 and blocks[i - 1].kind is BlockKind.list_item:
            run = _list_above(ctx, blocks, i)
            # the list had a lead-in of its own ("... position that:"); runs
            # under short headings are sections, whose headings are the principles
            lead = ctx.block_index(run[0].start) - 1 if run else -1
            if len(run) >= 2 and lead >= 0 and ctx.block_text(blocks[lead]).rstrip().endswith(":"):
                yield from _items(ctx, run, back.group("group").lower(), back.group(0))


#: The longest head of a principle over its list of explanations.
HEAD_WORDS = 15


def _heads_over_lists(ctx: Context, blocks, start: int) -> list:
    """'... support the following principles:' then, for each, a short line
    ("Support universal values.") over a bulleted list that explains it:
    the short lines are the principles."""
    heads, j = [], start
    while j < len(blocks):
        text = ctx.block_text(blocks[j]).strip()
        if (blocks[j].kind is BlockKind.list_item or len(text.split()) > HEAD_WORDS
                or len(re.findall(r"[.!?](?=\s|$)", text)) > 1):
            break
        k = j + 1
        while k < len(blocks) and blocks[k].kind is BlockKind.list_item:
            k += 1
        if k == j + 1:
            break  # no list under it: the principles have ended
        heads.append(blocks[j])
        j = k
    return heads


def _labels_over_paragraphs(ctx: Context, blocks, start: int) -> list:
    """'Guiding Principles' then, for each, a label in title case on a line
    of its own ("Respect for Sovereignty") over a paragraph or two that
    explain it: the labels are the principles (DESIGN.md takes a labelled
    item's label).  Anything else, or a third paragraph, ends them."""
    heads, j = [], start
    while j < len(blocks):
        text = ctx.block_text(blocks[j]).strip()
        if not _title_case_label(blocks[j], text):
            break
        k = j + 1
        while k < len(blocks) and k - j <= LABELLED_GAP and blocks[k].kind is BlockKind.paragraph \
                and _ENDS_PROSE.search(ctx.block_text(blocks[k])):
            k += 1
        if k == j + 1:
            break  # no explanation under it: no label
        heads.append(blocks[j])
        j = k
    return heads


# (a sentence's end closes an explanation: "The Parties shall ... law.")
_ENDS_PROSE = re.compile(r"[.!?”\"]\s*$")
_SMALL_WORDS = frozenset({"of", "and", "for", "the", "to", "in", "on", "a", "an", "with", "by", "at", "or"})


_SECTION_NAMES = frozenset(load_data("section_names")["names"])


def _title_case_label(block, text: str) -> bool:
    words = text.split()
    return (text.casefold() not in _SECTION_NAMES and block.kind in (BlockKind.paragraph, BlockKind.heading) and 1 <= len(words) <= _HEADING_WORDS
            and not _ENDS_SENTENCE.search(text) and not any(ch.isdigit() for ch in text)
            and all(w[:1].isupper() or w in _SMALL_WORDS for w in words) and not text.isupper())


def _run_under(ctx: Context, blocks, start: int) -> list:
    """The list items from block ``start`` on (but the lettered ones under
    numbered ones), across the short headings that group numbered items ("Safety", then "1. Everyone has a right to be safe
    ...", "Partnerships", then "2. ..."): the numbers go on across them."""
    run = []
    for j in range(start, len(blocks)):
        block = blocks[j]
        if block.kind is BlockKind.list_item:
            # (the lettered items under a numbered one explain it, the roman ones
            # under a lettered one too: they are no principles of their own)
            if not (run and ((_marker_class(run[0]) == "number" and _marker_class(block) == "letter")
                             or _roman_under_letter(run, block))):
                run.append(block)
            continue
        following = blocks[j + 1] if j + 1 < len(blocks) else None
        expected = (_number(run[-1]) or -1) + 1 if run else 1
        if not (following is not None and following.kind is BlockKind.list_item
                and _heading_like(block, ctx.block_text(block)) and _number(following) == expected):
            break
    return run


def _sub_items(blocks, i: int) -> list:
    """The items right under list item ``i`` that its markers set apart
    (bullets under a numbered paragraph): they end where an item marked as
    ``i`` is comes back."""
    own = _marker_class(blocks[i])
    run = []
    for block in blocks[i + 1:]:
        if block.kind is not BlockKind.list_item or _marker_class(block) == own:
            break
        run.append(block)
    return run


def _marker_class(block) -> str:
    """A list marker's class: numbers, letters or roman numerals, or bullets."""
    marker = block.meta.get("marker", "")
    if re.fullmatch(r"\(?\d{1,3}[.)]", marker):
        return "number"
    if re.fullmatch(r"\(?[a-z][.)]|\(?[ivx]{1,5}[.)]", marker, re.I):
        return "letter"
    return "bullet"


def _letter(block) -> str | None:
    marker = re.fullmatch(r"\(?([a-z]+)[.)]", block.meta.get("marker", ""))
    return marker.group(1) if marker else None


def _roman_under_letter(run: list, block) -> bool:
    """"(i)" after "(a)": a roman numeral that does not go on with the
    letters of the run's items ("(i)" would follow "(h)") opens a sub-item."""
    letters = [_letter(b) for b in run if _letter(b) and len(_letter(b)) == 1]
    mark = _letter(block)
    # (a run that opens on "(i)" is numbered in roman numerals itself)
    if not letters or letters[0] == "i" or not mark or not re.fullmatch(r"[ivx]+", mark):
        return False
    return len(mark) > 1 or mark != chr(ord(letters[-1]) + 1)


def _number(block) -> int | None:
    """The number of a numbered list item ("3." or "3)"), else None."""
    marker = re.fullmatch(r"(\d{1,2})[.)]", block.meta.get("marker", ""))
    return int(marker.group(1)) if marker else None


def _back_reference(block_text: str):
    """ "These principles ..." in a paragraph's first sentence, where the
    paragraph names no principles or values of its own before it."""
    first = re.split(r"(?<=[.!?])\s+", block_text.strip(), maxsplit=1)[0]
    back = _BACK_REFERENCE.search(first)
    if back is None or _TRIGGER.search(first, 0, back.start()):
        return None
    return back


def _list_above(ctx: Context, blocks, i: int) -> list:
    """The list items right above block ``i``, across the lead-in of a
    second run ("In cases where ...:")."""
    run: list = []
    j, crossed = i - 1, False
    while j >= 0:
        block = blocks[j]
        if block.kind is BlockKind.list_item:
            run.insert(0, block)
        elif (not crossed and ctx.block_text(block).rstrip().endswith(":") and j > 0
              and blocks[j - 1].kind is BlockKind.list_item):
            crossed = True  # one second run's lead-in; a page of headed lists is no one list
        else:
            break
        j -= 1
    return run


# A title that names the document a set of principles: "Statement of
# Principles", "Principles for ...", "Quad Principles on Technology".
_DECLARES_PRINCIPLES = re.compile(r"(?i:\b(?:statement|declaration|set) of (?:\w+ )?principles\b)|"
                                  r"\bPrinciples(?: (?:on|for|of)\b|\s*$)")


# A sentence that points back to the list above it: "These principles ...",
# "... endorse these principles" (not "the following", which points ahead).
_BACK_REFERENCE = re.compile(r"\b(?:these|those|the above|such)\s+(?:[a-z]+\s+){0,2}"
                             r"(?P<group>principles|values|ideals)\b", re.I)


#: The longest bullet read as a phrase whose "and" may join two principles.
BULLET_PHRASE_WORDS = 6
_HEAD_OF_BOTH = re.compile(r"\w+\s+(?:of|for|to)\s+[^,]+?\s+and\s+\w+$", re.I)
_MODAL = re.compile(r"\b(?:should|must|shall|may|might|need|needs)\b", re.I)


def _items(ctx: Context, run: list, group: str, intro: str):
    """Each list item as a principle: a labelled bullet's label, else the
    item's first sentence."""
    numbered = bool(re.fullmatch(r"\d{1,2}[.)]", run[0].meta.get("marker", "")))
    for item in run:
        raw = ctx.block_text(item)
        # ("1.", "(a)", "iv)": the list's marker is no part of its item)
        marker = re.match(r"\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]\s+", raw)
        body = raw[marker.end():] if marker else raw
        # "Be on the side of innovators: ...": a labelled bullet is its label.
        label = re.match(r"([^:.]{3,80}):\s", body)
        if label and not numbered:
            body = label.group(1)
        else:
            body = first_sentence(body.strip()).rstrip()
        # ("Non-interference in each other's affairs;", "..., and": the list's joints)
        body = re.sub(r"\s*[;,]\s*(?:and|or)?$", "", body.rstrip(".").rstrip())
        at = item.start + (marker.end() if marker else 0)
        # (DESIGN.md: "X and Y" is split where each half stands alone, a
        # bullet's as an inline list's: "Transparency and accountability";
        # a numbered principle is its whole sentence, a label stays whole)
        # (a bullet that is a sentence, "Refunds and rebates should be paid
        # ...", is one item whatever its "and" joins)
        # (nor one whose commas join qualifiers, "high environmental, social, and
        # governance standards", or whose head scopes over both halves,
        # "freedom of navigation and overflight")
        phrase = (len(body.split()) <= BULLET_PHRASE_WORDS and not _CLAUSE_WORD.search(body)
                  and not _MODAL.search(body) and "," not in body and not _HEAD_OF_BOTH.match(body))
        pieces = _split_and(body, at) if phrase and not (numbered or label) else [(body, at)]
        if len(pieces) == 1 and not numbered:
            # ("(c) equality, mutual trust and mutual benefit;", "- Diversity, Openness,
            # and Predictability: ...": an item or a label that is itself a list)
            pieces = _listed_in_item(body, at) or pieces
        for piece, piece_at in pieces:
            yield (piece, piece_at, group, "numbered" if numbered else "bulleted", intro, len(run))


#: The longest piece of an item that is itself a list ("mutual trust").
ITEM_LIST_PIECE_WORDS = 3
_ITEM_LIST_JOINT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def _listed_in_item(body: str, at: int) -> list[tuple[str, int]]:
    """A bulleted item that lists three short noun phrases or more, "equality,
    mutual trust and mutual benefit": each is an item (DESIGN.md splits what
    stands alone); none when a piece holds a preposition or a verb, whose head
    may scope over the rest ("respect for the independence, sovereignty and
    territorial integrity of States")."""
    pieces, position = [], 0
    for joint in [*_ITEM_LIST_JOINT.finditer(body), None]:
        end = joint.start() if joint else len(body)
        piece = body[position:end]
        if (not piece.strip() or len(piece.split()) > ITEM_LIST_PIECE_WORDS or _PREP.search(piece)
                or _CLAUSE_WORD.search(piece) or _MODAL.search(piece) or re.search(r"\d", piece)):
            return []
        pieces.append((piece.strip(), at + position + len(piece) - len(piece.lstrip())))
        position = joint.end() if joint else len(body)
    # ("high environmental, social, and governance standards": qualifiers that
    # share the last piece's noun)
    if any(_modifier(piece.split()[-1]) for piece, _ in pieces[:-1]):
        return []
    return pieces if len(pieces) >= 3 else []


# A sentence that opens by pointing back at what the sentences before it
# listed: "These democratic values form the very foundation of ...", "These
# are principles that sustain our rules-based order."
_OPENS_BACK = re.compile(r"(?:These|Those|Such)\s+(?:are\s+)?(?:[a-z]+\s+){0,2}(?P<group>principles|values|ideals)\b")
# Where an inline list may open: after a preposition or a verb of upholding
# ("the importance of a, b and c", "safeguarding the a, b, and c").
# (not "to": "determined to overcome them, and we ..." opens no list)
# (nor "to" but after a commitment: "our commitment to democracy, human rights and ...")
_LIST_OPENER = re.compile(r"\b(?:of|for|including|such as|safeguarding|upholding|protecting|promoting|"
                          r"respecting|defending|(?:commitment|dedication|adherence)\s+to)\s+", re.I)
# A possessive before a list scopes over its items ("Ukraine’s sovereignty,
# independence, and territorial integrity"), as a closing "of our people" does.
_POSSESSOR = re.compile(r"^(?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*['’]s\s+")
_CLOSING_OWNER = re.compile(r"\s+(?:of|for)\s+(?:(?:our|their|its|all)\s+\w+|(?:the\s+)?[A-Z][\w’'.-]*"
                            r"(?:\s+(?:of\s+)?[A-Z][\w’'.-]*)*)$")
_PRONOUN = re.compile(r"\b(?:we|they|it|he|she|us|them|you|i)$", re.I)
#: How many sentences back, within the paragraph, a pointing sentence reaches.
REFERRED_SENTENCES = 3
#: The longest item of a list read this way (longer ones are clauses).
REFERRED_ITEM_WORDS = 5


def _inline_lists_referred_to(ctx: Context):
    """The inline lists of the sentences a pointing sentence refers to
    ("... safeguarding the human rights, media freedom, and labor rights of
    our people. These democratic values form ..."): up to three sentences
    back in its paragraph."""
    text = ctx.text
    if not ctx.may_match(_OPENS_BACK, 0, len(text)):
        return
    starts = [start for start, _ in ctx.sentences]
    for m in _OPENS_BACK.finditer(text):
        i = bisect_right(starts, m.start()) - 1
        block = ctx.block_at(m.start())
        if i < 0 or text[starts[i]:m.start()].strip() or block is None:
            continue  # not where its sentence opens
        intro = text[m.start():ctx.sentences[i][1]]
        for j in range(i - 1, max(i - 1 - REFERRED_SENTENCES, -1), -1):
            s_start, s_end = ctx.sentences[j]
            if s_start < block.start:
                break
            for items in _lists_in(text, s_start, s_end):
                yield items, m.group("group").lower(), intro


# The word after its list: "we uphold democracy, transparency, and human
# rights as core values", "the rule of law, labor rights, and other
# democratic principles", "peace, dialogue, and mutual respect, principles
# which ..." (a comma alone before the word needs the relative clause after).
_WORD_AFTER_LIST = re.compile(
    r"(?:,?\s+as\s+(?:our\s+|their\s+|the\s+)?|,?\s+and\s+other\s+|,\s+(?:the\s+|our\s+)?(?=[\w\s]+?\s+(?:that|which)\s))"
    r"(?P<group>(?:(?:shared|common|core|democratic|fundamental|universal|basic|key|guiding)\s+){0,2}"
    r"(?:values|principles|ideals))\b", re.I)
# Where such a list opens: after a verb of holding or upholding, or "including"
# ("of" and "for" are inside its items too: "the rule of law").
_HOLDING_VERBS = (r"uphold|upholds|upheld|upholding|share|shares|shared|sharing|affirm|affirms|reaffirm|reaffirms|"
                  r"reaffirmed|embrace|embraces|champion|champions|value|cherish|cherishes|support|supports|"
                  r"promote|promotes|including|such as|safeguarding|protecting|promoting|respecting|defending")
_OPENS_LIST_BEFORE = re.compile(rf"\b(?:{_HOLDING_VERBS})\s+(?:the\s+|our\s+|their\s+)?", re.I)


def _lists_before_the_word(ctx: Context):
    """Inline lists that the words "values", "principles" or "ideals" close:
    the list runs from its opener (or the sentence's start) to the word."""
    text = ctx.text
    if not ctx.may_match(_WORD_AFTER_LIST, 0, len(text)):
        return
    for m in _WORD_AFTER_LIST.finditer(text):
        s_start, _ = ctx.sentence_at(m.start())
        openers = list(_OPENS_LIST_BEFORE.finditer(text, s_start, m.start()))
        pos = openers[-1].end() if openers else s_start
        items = [(t, at) for t, at in _list_items(text[:m.start()], pos) if t]
        if len(items) < 2:
            items = _items_back_from(text, s_start, m.start())
        if len(items) >= 2:
            yield items, m.group("group").lower(), text[s_start:m.end()]


# Where the first item of a list read back from its end opens: after a
# preposition or a verb ("with freedom from discrimination, ...", "convinced
# of peace, dialogue, ..."); a light noun before "of" holds the list, not an
# item ("the importance of peace, ...").
_OPENS_ITEM = re.compile(rf"\b(?:with|of|for|in|to|on|by|like|as|between|among|{_HOLDING_VERBS})\s+", re.I)
_LIGHT_NOUNS = frozenset(load_data("light_nouns")["nouns"])
#: The longest item of a list read back from the word that closes it.
BACK_ITEM_WORDS = 5


def _items_back_from(text: str, start: int, end: int) -> list[tuple[str, int]]:
    """The list that ends at ``end`` ("... with freedom from discrimination,
    equality of opportunity, transparency and user autonomy| as key
    principles"), read back from its end over short noun phrases; the first
    one opens after a preposition or a verb.  None unless three items at
    least, or two with the closing 'and'."""
    pieces = _comma_pieces(text[start:end], start)
    items: list[tuple[str, int]] = []
    for k, (piece, at) in enumerate(reversed(pieces)):
        lead = re.match(r"\s*(?:and|or)\s+", piece)
        if lead:
            if k > 0:
                break  # "a and b, c": no one list
            piece, at = piece[lead.end():], at + lead.end()
        found = _short_phrases(piece, at, split=k == 0)
        if found:
            items[:0] = found
            continue
        for m in _OPENS_ITEM.finditer(piece):
            found = _short_phrases(piece[m.end():], at + m.end(), split=k == 0)
            light = found and re.match(r"(\w+)\s+of\s", found[0][0])
            if found and not (light and light.group(1).lower() in _LIGHT_NOUNS):
                items[:0] = found
                break
        break
    closed = bool(pieces) and bool(re.match(r"\s*(?:and|or)\s+|.*\sand\s", pieces[-1][0]))
    return items if len(items) >= 3 or (len(items) == 2 and closed) else []


def _short_phrases(piece: str, at: int, split: bool) -> list[tuple[str, int]]:
    """``piece`` as one or (``split``, 'a and b') two short noun phrases, or none."""
    bare = piece.strip()
    at += len(piece) - len(piece.lstrip())
    article = re.match(r"(?:the|a|an)\s+", bare, re.I)
    if article:
        bare, at = bare[article.end():], at + article.end()
    if (not bare or len(bare.split()) > BACK_ITEM_WORDS or not bare[:1].islower() or _CLAUSE_WORD.search(bare)
            or _PRONOUN.search(bare) or _BAD_START.match(bare) or _NAME_INSIDE.search(bare)
            or not re.fullmatch(r"[\w’'\s-]+", bare)):
        return []
    return _split_and(bare, at) if split else [(bare, at)]


def _lists_in(text: str, start: int, end: int) -> list[list[tuple[str, int]]]:
    """The inline lists ("a, b, and c": three items at least) of one sentence."""
    out: list[list[tuple[str, int]]] = []
    pos = start
    for opener in _LIST_OPENER.finditer(text, start, end):
        if opener.start() < pos:
            continue
        items = [(t, at) for t, at in _list_items(text, opener.end()) if at < end]
        if len(items) < 2:
            continue
        first, at = items[0]
        owner = _POSSESSOR.match(first)
        if owner:
            items[0] = (first[owner.end():], at + owner.end())
        last, at = items[-1]
        items[-1] = (_CLOSING_OWNER.sub("", last), at)
        # a list may go on after its "and" ("and respect for human rights,
        # gender equality, and human dignity")
        tail = items[-1][1] + len(items[-1][0])
        more = re.match(r",\s+", text[tail:end])
        if more:
            items += [(t, at) for t, at in _list_items(text, tail + more.end()) if at < end]
        if len(items) >= 3 and all(len(t.split()) <= REFERRED_ITEM_WORDS and t[:1].islower()
                                   and not _PRONOUN.search(t) and not _LIST_INTRO.search(t) for t, _ in items):
            out.append(items)
            pos = items[-1][1] + len(items[-1][0])
    return out


_LABEL = re.compile(r"(?:[A-Z][\w’'-]*)(?:\s+(?:and|of|for|the|[A-Z][\w’'-]*)){0,5}:\s")


def _labelled_paragraphs(ctx: Context, following) -> list:
    """'... these principles:' then paragraphs that each open with a label
    ('Transparency: We intend ...'): the labelled paragraphs are the list,
    though the page set them as paragraphs.  A label's explanation may run
    on for a paragraph or two without a label before the next one;
    three such paragraphs in a row, or a heading, end the list."""
    return _items_across_gaps(following, lambda block, run: True if _LABEL.match(ctx.block_text(block)) else None)


def _items_with_explanations(following) -> list:
    """'... the following guiding principles:' then "1. Decisions should be
    taken ...", a paragraph that explains it, "2. Each partner should ...":
    the items are the list, their numbers going on across the explanations
    (a paragraph or two each), or their bullets alike ("- Transparency: ...",
    a paragraph, "- Security: ..."); a heading, an item out of turn or a
    longer gap ends it."""
    def takes(block, run) -> bool | None:
        if block.kind is not BlockKind.list_item:
            return None
        if (_number(run[0]) if run else _number(block)) is not None:
            return _number(block) == (_number(run[-1]) + 1 if run else 1)
        return not run or block.meta.get("marker") == run[0].meta.get("marker")
    return _items_across_gaps(following, takes)


#: The most blocks between two items of a list read across them.
LABELLED_GAP = 2


def _items_across_gaps(following, takes) -> list:
    """The blocks ``takes(block, run)`` calls the list's items (True), across
    up to LABELLED_GAP blocks between two of them that are none (None); a
    heading, a block it refuses (False) or a longer gap ends the list."""
    run, gap = [], 0
    for block in following:
        if block.kind is BlockKind.heading:
            break
        verdict = takes(block, run)
        if verdict is False:
            break
        if verdict:
            run.append(block)
            gap = 0
        else:
            gap += 1
            if gap == LABELLED_GAP + 1 or not run:
                break
    return run


#: The most words of a line read as an unmarked item.
LINE_ITEM_WORDS = 6
_ENDS_SENTENCE = re.compile(r"[.!?;,]\s*$")


def _short_lines(ctx: Context, following) -> list:
    """'Our values:' then 'Integrity', 'Respect', 'Excellence' on lines of
    their own: a list whose markers the text lost (a PDF's or a page's
    export), each line a few words that end no sentence."""
    run = []
    for block in following:
        line = ctx.block_text(block)
        if (block.kind is not BlockKind.paragraph or len(line.split()) > LINE_ITEM_WORDS
                or _ENDS_SENTENCE.search(line)):
            break
        run.append(block)
    return run
#: Longest heading read as a list's lead-in ("Principles for Responsible AI").
_HEADING_WORDS = 8


# "Principle 1: Transparency" over its explanation: the label is the principle
_PRINCIPLE_LABEL = re.compile(r"(?:Principle|PRINCIPLE)\s+(?:\d{1,2}|[IVX]{1,4})\s*[:.–—-]\s*(?P<label>[^.!?:]{2,80}?)\.?\s*")


def _labelled_principles(ctx: Context):
    """Blocks that number and name a principle each ("Principle 1:
    Transparency", "Principle 2: Accountability"): two at least."""
    if not ctx.may_match(_PRINCIPLE_LABEL, 0, len(ctx.text)):
        return
    items = []
    for block in ctx.parsed.blocks:
        m = _PRINCIPLE_LABEL.fullmatch(ctx.block_text(block))
        if m:
            items.append((m.group("label"), block.start + m.start("label")))
    if len(items) >= 2:
        yield items, "principles", ctx.block_text(ctx.block_at(items[0][1]))


def _heading_like(block, text: str) -> bool:
    # (no figure in it: "Export values 2023" heads a table of trade, not ideals)
    return len(text.split()) <= _HEADING_WORDS and not any(ch.isdigit() for ch in text) and (
        block.kind is BlockKind.heading or not text.rstrip().endswith((".", "!", "?", ";", ",")))


@register("principles")
def extract_principles(ctx: Context) -> list[Principle]:
    model = trained("principle")
    items: list[Principle] = []
    seen: set[str] = set()
    for cand in candidates(ctx):
        p = model.proba(cand.features)["principle"]
        key = cand.text.casefold()
        if p < 0.5 or key in seen:
            continue
        seen.add(key)
        items.append(Principle(text=cand.text, group=cand.group,
                               evidence=ctx.evidence(cand.start, cand.start + len(cand.text)),
                               confidence=round(p, 3), rule=f"principles.{cand.source}+principle.model"))
    return items

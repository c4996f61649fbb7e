"""Persons: every named person, each with the features that say whether they
signed and, if not, what part they played.

Mentions (:mod:`~pipeline.extract.mentions`) of one person ("Secretary of
State Antony J. Blinken", later "Secretary Blinken") are merged; the fullest
name is kept.  One trained model (``trained/person_role.json``) decides
among signatory, the people roles (quoted, speaker, host, author, member,
other) and none (not a person after all); the signatories and people
extractors both read its decision.
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import re

import regex
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from pipeline.extract.context import Context
from pipeline.extract.kind import feature_kind
from pipeline.extract.literals import may_occur, occurs_in
from pipeline.extract.mentions import Mention, find_mentions
from pipeline.extract.names import ATTRIBUTING_GENRE, given_and_surname
from pipeline.extract.person_rules import (
    DELEGATION_LED_BY,
    PRIORITY,
    mention_role,
    quoted_by_office,
    rule_signers,
    signing_sentence,
)
from pipeline.extract.speakers import is_labelled_speaker
from pipeline.gazetteer import SPOUSE_OFFICES, is_given_name, lookup_country
from pipeline.models import PersonRole
from pipeline.resources import trained

ROLES = ("signatory", "quoted", "speaker", "host", "author", "member", "other", "none")

_SIGN_WORD = re.compile(r"\b(?:signed|signs|sign|signing|signature|co-signed|countersigned|initialled)\b",
                        re.I)
_SIGN_AFTER = re.compile(r"^[^.;“”\"]{0,160}?\b(?:signed|signs|co-signed|countersigned|initialled)\b"
                         r"(?!\s+by)", re.I)
# "[^.;]*$" from each "signed" of a long clause would read to its end every
# time: where the rest of the clause stops at a "." or ";", every start
# before that point fails too, so (*SKIP) resumes the search there.
_SIGNED_BY = regex.compile(r"\b(?:signed|co-signed|countersigned|signature|signing)\b(?:\s+by|[^.;]{0,80}?(?<![a-z]ed)\s+by)\b"
                           r"[^.;]*+(?:$|(*SKIP)(*FAIL))|\bsignatures? of\b[^.;]*+(?:$|(*SKIP)(*FAIL))",
                           regex.I)
_SIGNED_FOR = re.compile(r"^[^.;]{0,160}?\b(?:signed|signing) (?:for|on behalf of)\b", re.I)
_WITNESS = re.compile(r"\b(?:in the presence of|witnessed|witnessing|looked on|attended the signing|"
                      r"presided over)\b", re.I)
_PAST_INSTRUMENT = re.compile(r"\b(?:executive order|proclamation|law|act|bill|memorandum)\b", re.I)
_QUOTE_MARK = re.compile(r"[“”\"]")
_SAY = re.compile(r"\b(?:said|says|stated|noted|added|remarked|explained|emphasized|emphasised|"
                  r"underscored|commented|declared)\b", re.I)
_HOST = re.compile(r"\b(?:hosted|hosts|co-?hosted|welcomed|welcomes|convened|convenes|co-?chaired|"
                   r"chaired|chairs|chair|moderated|received|invited|invitation of|led by|"
                   r"headed by)\b", re.I)
_SPEAKER = re.compile(r"\b(?:remarks|keynote|speech|address|delivered|spoke at|addressed|"
                      r"presentation|opening statement|briefed)\b", re.I)
_AUTHOR = re.compile(r"\battributable to\b|^\s*(?:We|WE),|\bstatement (?:by|from)\b|"
                     r"\bjoint statement by\b|\bmessage from\b", re.I)
_MEMBER = re.compile(r"\b(?:delegation|delegations|members?|participants?|attendees|included|"
                     r"including|joined by|accompanied by|panel|roster|board|committee|council|"
                     r"compris\w+|composed of|consist\w* of|represent(?:s|ed|ing)?|representatives?|"
                     r"task ?force|working group|team)\b",
                     re.I)
#: Cues of the sentence a mention is in, by the words it holds.
_SENTENCE_CUES = (("speaker_sentence", _SPEAKER), ("member_sentence", _MEMBER))
_FOR_GOVERNMENT = re.compile(r"\bFor (?:the )?(?:Government|Republic|Kingdom|State|United|People)")
_QUOTE_AFTER = re.compile(r"^\s*[:,]\s*[“\"]")
_MEETING_VERB_AFTER = re.compile(r"^\s*(?:spoke|met|called|held|hosted|welcomed|participated|traveled|travelled)\b")
_DELEGATION_HEAD = re.compile(DELEGATION_LED_BY, re.I)
_MET_WITH = re.compile(r"\b(?:met|meet|meeting|spoke|speak|call|talks?|conversation|consulted)\b"
                       r"[^.;]{0,30}\bwith\s*$", re.I)


@dataclass
class PersonCandidate:
    mentions: list[Mention]
    features: dict[str, float] = field(default_factory=dict)

    @property
    def unattributed(self) -> bool:
        """Only a given name and a surname, with nothing said of them."""
        return all(m.rule == "people.given_name_only" for m in self.mentions)

    @cached_property
    def best(self) -> Mention:
        # the fullest name ("Paul Keating" spells out more of it than "P J
        # Keating", which has more words), written in capitals only where no
        # other form is, as the body writes it rather than the headline
        return max(self.mentions, key=lambda m: (_spelled_out_words(m.name), len(m.name.split()),
                                                 not m.name.isupper(), "in_title" not in m.tags, -m.start))

    @property
    def name(self) -> str:
        return self.best.name

    @property
    def honoured(self) -> bool:
        """An honorific anchors one of its mentions ("Mr", "Ms.", "Dr")."""
        return any(m.rule == "people.honorific_name" for m in self.mentions)

    @cached_property
    def titled(self) -> Mention | None:
        return next((m for m in self.mentions if m.title), None)


def _spelled_out_words(name: str) -> int:
    """Words of a name that are not initials ("P", "J.", "EG")."""
    return sum(not (len(word.strip(".,")) <= 2 and word.strip(".,").isupper()) for word in name.split())


def persons(ctx: Context) -> list[PersonCandidate]:
    """Person candidates with their features (cached on the context)."""
    if "persons" in ctx.analyses:
        return ctx.analyses["persons"]
    groups: list[list[Mention]] = []
    # Only the groups that can hold the mention are compared (a page of
    # thousands of names would otherwise compare every pair): those with a
    # mention whose words are a subset of this one's, and those holding all
    # of this one's words.
    by_word: dict[str, set[int]] = {}
    by_words: dict[frozenset[str], set[int]] = {}
    group_words: list[set[frozenset[str]]] = []  # each group's distinct name-word sets
    for m in find_mentions(ctx):
        mine = m.name_words
        index = next((i for i in _groups_that_may_hold(mine, by_word, by_words)
                      if any(_same_words(mine, theirs) for theirs in group_words[i])
                      and _titles_agree(m, groups[i])), None)
        if index is None:
            index = len(groups)
            groups.append([m])
            group_words.append(set())
        else:
            groups[index].append(m)
        group_words[index].add(mine)
        for w in m.name_words:
            by_word.setdefault(w, set()).add(index)
        by_words.setdefault(m.name_words, set()).add(index)
    cands = [PersonCandidate(g) for g in _merge_given_name_forms(groups)]
    signers = rule_signers(ctx)
    describe = ctx.all_features or _model_reads_cues()
    genre, by_offices = _headline_attribution(ctx) if describe else ("", "")
    # (remarks are given by the one they name: a speaker, not an author)
    by_name = "" if genre.startswith("remark") else _HEADLINE_TOPIC.split(by_offices, 1)[0]
    sole_offices = _sole_offices(cands)
    for c in cands:
        if describe:
            _describe(ctx, c, len(cands), by_offices, by_name)
        _rule_verdicts(ctx, c, signers, sole_offices)
        if c.unattributed and not c.features.get("verdict:signatory"):
            # Weighed apart: most such pairs are places and things ("Abu
            # Dhabi", "Doha Round"), and sharing the cues' weights with the
            # persons the rules found would teach the model that those are too.
            # (A pair the signing rules name is a signer like any other.)
            c.features = {k if k.startswith("verdict:") else f"unattributed|{k}": v for k, v in c.features.items()}
    ctx.analyses["persons"] = cands
    return cands


def decisions(ctx: Context) -> list[tuple[PersonCandidate, str, float, dict[str, float]]]:
    """Each person's role (or "signatory", or "none") and its probability."""
    if "person_roles" in ctx.analyses:
        return ctx.analyses["person_roles"]
    model = trained("person_role")
    out = []
    for cand in persons(ctx):
        probs = model.proba(cand.features)
        label = max(probs, key=probs.__getitem__)
        if rule_decided(cand):
            # (two annotated pages are transcripts and none is remarks under
            # a "Remarks by" headline, too few for the model to learn who
            # spoke: the rules decide, as the genre rules decide their kind)
            label = PersonRole.speaker.value
            probs = {**probs, label: SPEAKER_RULE_CONFIDENCE}
        elif label != "signatory" and _signed_an_instrument_in_a_readout(ctx, cand):
            # (DESIGN.md keeps a readout that reports a signing a readout, but
            # the development part's 315 readouts report none: the model has
            # seen no signer in one, and the signing rules decide)
            label = "signatory"
            probs = {**probs, label: SIGNING_RULE_CONFIDENCE}
        elif label == "none" and cand.honoured:
            # ("none" is a mention that names no person: one an honorific
            # anchors, "Ms. NAKAGAWA Reiko", names one, whatever its role)
            label = max((c for c in probs if c != "none"), key=probs.__getitem__)
        out.append((cand, label, probs[label], probs))
    ctx.analyses["person_roles"] = out
    return out


#: The speakers' rules: a transcript's label ("SECRETARY BLINKEN: ..."), a
#: remarks page's headline ("Remarks by President Biden at ...") and DESIGN.md's
#: own words for a speaker ("Ambassador X delivered remarks"; two development
#: rows, too few for the model, which weighs a rare class down).
_SPEAKER_RULES = ("rule:people.speaker_label", "rule:people.speaker_by_heading", "rule:people.speaker")


def rule_decided(cand: PersonCandidate) -> bool:
    """Whether a rule, not the model, decides the candidate's role (its rows
    teach the model nothing it will be asked)."""
    return "verdict:speaker" in cand.features and any(rule in cand.features for rule in _SPEAKER_RULES)
#: How often a person the speakers' rules name spoke, by the annotated pages
#: that are transcripts (development part: 7 of 8 labelled people).
SPEAKER_RULE_CONFIDENCE = 0.85
#: How often the signing rules' signers signed: 259 of the development
#: part's 267 candidates, 5 of the calibration part's 7.
SIGNING_RULE_CONFIDENCE = 0.9
# An instrument two sides sign, not a law or an order one official signs
# ("signed the bill into law" is no signature of an instrument).
_INSTRUMENT = re.compile(r"\b(?:memorandum|mou|agreement|declaration|treaty|accord|arrangement|protocol|"
                         r"framework|statement of intent|letter of intent|charter|convention)\b", re.I)
_LEGISLATION = re.compile(r"\b(?:law|laws|bill|act|executive order|proclamation|legislation)\b", re.I)


def _signed_an_instrument_in_a_readout(ctx: Context, cand: PersonCandidate) -> bool:
    """A readout's signer the signing rules name, in a sentence that names
    an instrument and no law."""
    if not cand.features.get("verdict:signatory") or feature_kind(ctx) != "readout":
        return False
    for m in cand.mentions:
        s_start, s_end = signing_sentence(ctx, m)
        if (ctx.found(_SIGN_WORD, s_start, s_end) and ctx.found(_INSTRUMENT, s_start, s_end)
                and not ctx.found(_LEGISLATION, s_start, s_end)):
            return True
    return False


def _model_reads_cues() -> bool:
    """Whether the person-role model in use weighs any feature but the rules'
    verdicts.  The "rule" variant (``learn.decisions``) reads the verdicts
    alone: the cues :func:`_describe` reads around every mention would add
    features it gives no weight, so they are not computed (the verdicts are
    added after them, and scores sum the weighted features in their order,
    so the scores are the same)."""
    return any(not name.startswith("verdict:") for name in trained("person_role").weights)


def _sole_offices(cands: list[PersonCandidate]) -> dict[int, frozenset[str]]:
    """Each candidate's offices (by the candidate's id) that no other candidate holds."""
    offices = {id(c): {m.title.casefold() for m in c.mentions if m.title} for c in cands}
    held = Counter(o for titles in offices.values() for o in titles)
    return {key: frozenset(o for o in titles if held[o] == 1) for key, titles in offices.items()}


def _rule_verdicts(ctx: Context, cand: PersonCandidate, signers: set[int],
                   sole_offices: dict[int, frozenset[str]]) -> None:
    """The hand-written rules' verdicts, as features the model weighs."""
    kind = feature_kind(ctx)
    roles = [mention_role(ctx, m) for m in cand.mentions]
    role, rule = min(roles, key=lambda r: PRIORITY.index(r[0]))
    signed = any(m.start in signers or "signature_block" in m.tags for m in cand.mentions)
    verdict = "signatory" if signed else role.value
    # (a transcript's label says who spoke; a host stays one: DESIGN.md's
    # roles are ranked, and hosting ranks first among those the labels meet)
    if not signed and role is not PersonRole.host and is_labelled_speaker(ctx, cand.best.name.split(),
                                                                          sole_offices[id(cand)]):
        verdict, rule = PersonRole.speaker.value, "people.speaker_label"
    # ("Defence Secretary Grant Shapps met ...", then "The Defence Secretary said:")
    if verdict in (PersonRole.member.value, PersonRole.other.value) and quoted_by_office(ctx, sole_offices[id(cand)]):
        verdict, rule = PersonRole.quoted.value, "people.office_said"
    # (a name the rules found no word about, only given name and surname, is
    # no person to them: the model alone may take it for one)
    if verdict == PersonRole.other.value and cand.unattributed:
        verdict, rule = "none", "people.unattributed"
    verdicts = [f"verdict:{verdict}", f"rule:{rule}"]
    for v in verdicts:
        cand.features[v] = 1.0
        cand.features[f"{v}|kind:{kind}"] = 1.0


def _groups_that_may_hold(words: frozenset[str], by_word: dict[str, set[int]],
                          by_words: dict[frozenset[str], set[int]]) -> list[int]:
    """Indices, in order, of the groups where a mention with these name words may belong."""
    if not words:
        return []
    smallest = min((by_word.get(w, set()) for w in words), key=len)
    found = {i for i in smallest if all(i in by_word.get(w, ()) for w in words)}
    ordered = sorted(words)
    if len(ordered) <= 8:  # names have a handful of words; a run of dozens is no name
        for size in range(1, len(ordered) + 1):
            for subset in combinations(ordered, size):
                found |= by_words.get(frozenset(subset), set())
    else:
        found |= {i for w in words for i in by_word.get(w, ())}
    return sorted(found)


def _merge_given_name_forms(groups: list[list[Mention]]) -> list[list[Mention]]:
    """'Joe Biden' and 'Joseph R. Biden, Jr.' are one person: full names with
    one surname and one first initial, when nobody else in the document has
    that surname with another initial."""
    keys: dict[str, dict[str, list[int]]] = {}  # surname -> first initial -> groups
    given: dict[int, set[str]] = {}  # group -> its given names
    for i, group in enumerate(groups):
        for key in {given_and_surname(m.name) for m in group} - {None}:
            keys.setdefault(key[1], {}).setdefault(key[0][:1], []).append(i)
            given.setdefault(i, set()).add(key[0].rstrip("."))
    merged_into: dict[int, int] = {}
    for initials in keys.values():
        if len(initials) != 1:
            continue
        indices = sorted(set(next(iter(initials.values()))))
        for i in indices[1:]:
            # "Jill Biden" is not "Joseph R. Biden, Jr.": two given names
            # written out that differ from their second letter on, or a
            # spouse's office, name two people ("Joe" is "Joseph", "J." either)
            first = next((j for j in indices if j < i and _given_names_agree(given[j], given[i])
                          and all(_titles_agree(m, groups[j]) for m in groups[i])), None)
            if first is not None:
                merged_into[i] = merged_into.get(first, first)
    if not merged_into:
        return groups
    out: dict[int, list[Mention]] = {}
    for i, group in enumerate(groups):
        target = i
        while target in merged_into:
            target = merged_into[target]
        out.setdefault(target, []).extend(group)
    return [sorted(g, key=lambda m: m.start) for _, g in sorted(out.items())]


def _given_names_agree(mine: set[str], theirs: set[str]) -> bool:
    return any(len(a) == 1 or len(b) == 1 or a[:2] == b[:2] for a in mine for b in theirs)


def _persons_per_sentence(ctx: Context) -> dict[tuple[int, int], int]:
    """How many person mentions each sentence holds (cached on the context)."""
    if "persons_per_sentence" not in ctx.analyses:
        counts: dict[tuple[int, int], int] = {}
        for m in find_mentions(ctx):
            sentence = ctx.sentence_at(m.start)
            counts[sentence] = counts.get(sentence, 0) + 1
        ctx.analyses["persons_per_sentence"] = counts
    return ctx.analyses["persons_per_sentence"]


def _same_words(mine: frozenset[str], theirs: frozenset[str]) -> bool:
    """All of one name's words belong to the other's ('Minister Cardozo' is
    'María Fernanda Cardozo Estévez')."""
    return bool(mine) and bool(theirs) and (mine <= theirs or theirs <= mine)


def _titles_agree(m: Mention, group: list[Mention]) -> bool:
    """"First Lady Jill Biden" is not "President Biden": a spouse's office
    and another title name two people of one surname."""
    spouse = m.title in SPOUSE_OFFICES
    return all(not other.title or not m.title or (other.title in SPOUSE_OFFICES) == spouse for other in group)


#: Characters before a mention that its cues read (the longest, _HOST's).
_CUES_BEFORE = 120


# The words of a headline after its genre's "by", "of", "between" or "with":
# "Joint Statement by the Prime Ministers of Australia and Vietnam" names its
# authors by office, and the persons of the text who hold it are they.
_HEADLINE_BY = re.compile(rf"\b(?P<genre>{ATTRIBUTING_GENRE})\s+(?:(?:issued|released|adopted)\s+(?:on\s+[^,;:]{{1,40}}?\s+)?)?"
                          r"(?:by|of|between|with|from)\s+(?P<who>.+)$", re.I | re.S)


# Where a headline's attribution ends and its topic begins: "Statement by NSC
# Spokesperson Emily Horne on National Security Advisor Jake Sullivan's Meeting".
_HEADLINE_TOPIC = re.compile(r"\s(?:on|regarding|about|concerning|following|welcoming|at|after|to mark)\s")


# ... or the words before it: "President Biden and President Lopez Obrador
# Joint Statement" (a headline that ends in its genre).
_HEADLINE_OWNERS = re.compile(rf"^(?P<who>[^:;]+?)\s+(?:Joint\s+|Leaders[’']?\s+)*(?P<genre>{ATTRIBUTING_GENRE})\s*$",
                              re.I)


# "signed the Accords on behalf of Nigeria", "signing for the Government of Japan"
_FOR_COUNTRY = re.compile(r"\b(?:signed |signing )?(?:for|on behalf of)\s+(?:the\s+)?(?:Government of\s+"
                          r"(?:the\s+)?)?([A-Z][\w'’.-]*(?:\s+(?:of\s+)?[A-Z][\w'’.-]*){0,3})")


# "... on behalf of Australia by Defence Minister X", "Signing on behalf of
# Brazil was Minister X": the country comes before the signer it is signed for
_SIGNER_FOLLOWS = re.compile(r"\s*,?\s+(?:by|was|were)\s")
#: The most characters of title between "on behalf of X by" and the signer's name.
_TITLE_BEFORE_SIGNER = 100


def country_signed_for(ctx: Context, mention: Mention) -> tuple[str, int] | None:
    """The country a signer signed for, as the sentence says after the name
    ("X, Minister of ..., signed the Accords on behalf of Nigeria") or just
    before it ("signed on behalf of Australia by Minister X"), and where the
    evidence ends; None where it names none."""
    s_start, s_end = ctx.sentence_at(mention.start)
    if not ctx.found(_SIGN_WORD, s_start, s_end):
        return None  # ("welcomed ... Boris Pistorius ... for talks on continued support for Ukraine")
    before = [m for m in _FOR_COUNTRY.finditer(ctx.text, max(s_start, mention.start - 300), mention.start)
              if _SIGNER_FOLLOWS.match(ctx.text, m.end())]
    if before and mention.start - before[-1].end() <= _TITLE_BEFORE_SIGNER:
        code = country_prefix(before[-1].group(1))
        if code:
            return code, mention.end
    behalf = _FOR_COUNTRY.search(ctx.text, mention.end, min(s_end, mention.end + 200))
    if behalf is None or _SIGNER_FOLLOWS.match(ctx.text, behalf.end()):
        return None  # (nothing said, or the country of the signer named next)
    code = country_prefix(behalf.group(1))
    return (code, behalf.end(1)) if code else None


def country_prefix(words: str) -> str | None:
    """The country the longest leading run of words names ("Rwanda. They" -> RW)."""
    parts = words.replace(".", " . ").split()
    for n in range(len(parts), 0, -1):
        code = lookup_country(" ".join(parts[:n]))
        if code:
            return code
    return None


def _headline_attribution(ctx: Context) -> tuple[str, str]:
    """The genre the headline gives the document and the lowered words
    naming who issued it (empty where it attributes it to nobody)."""
    blocks = ctx.parsed.blocks
    # (the title under a genre label, "PRESS RELEASE", is the headline)
    block = ctx.title_block() or (blocks[0] if blocks else None)
    headline = ctx.block_text(block)[:300] if block is not None else ""
    m = _HEADLINE_BY.search(headline) or _HEADLINE_OWNERS.match(headline)
    return (m.group("genre").lower(), m.group("who").lower()) if m else ("", "")


def _office(title: str) -> str:
    """A title's office without its government: "Papua New Guinea Prime
    Minister", "Prime Minister of Fiji" -> "prime minister"."""
    words = re.split(r"\s+(?:of|for)\s+", title.lower(), maxsplit=1)[0].split()
    return " ".join(words[-2:])


def _held_office_named(office: str, words: str) -> bool:
    """Does the headline's attribution name the office, as a whole ("the
    prime ministers of ..." names "prime minister", not "minister")?"""
    return _office_named(office).search(words) is not None


@lru_cache(maxsize=4096)
def _office_named(office: str) -> re.Pattern:
    # (compiled once per office: re's own cache of 512 patterns is churned by every document's names)
    return re.compile(rf"(?:^|\bthe\s+|\band\s+|,\s*){re.escape(office)}(?:s|[’']s)?\b")


@lru_cache(maxsize=4096)
def _surname_word(surname: str) -> re.Pattern:
    return re.compile(rf"\b{re.escape(surname)}\b")


def _describe(ctx: Context, cand: PersonCandidate, n_persons: int, by_offices: str = "",
              by_name: str = "") -> None:
    kind = feature_kind(ctx)
    f = cand.features
    f["bias"] = 1.0
    f[f"kind:{kind}"] = 1.0
    words = cand.name.split()
    f["name_words:" + str(min(len(words), 4))] = 1.0
    if is_given_name(words[0]):
        f["given_name_first"] = 1.0
    if cand.name.isupper():
        f["name_caps"] = 1.0
    if cand.titled is not None:
        f["has_title"] = 1.0
    n = len(cand.mentions)
    f["mentions:" + ("1" if n == 1 else "2-3" if n <= 3 else "4+")] = 1.0
    f["persons:" + ("1" if n_persons == 1 else "2-3" if n_persons <= 3 else "4-8" if n_persons <= 8
                    else "9+")] = 1.0
    cues: set[str] = set()
    for m in cand.mentions:
        _add_mention_cues(ctx, m, cues)
        if by_offices and m.title and _held_office_named(_office(m.title), by_offices):
            cues.add("office_attributed_in_headline")
    # "Joint Statement with the Hon. John Bannon, Premier of South Australia",
    # "Joint Communique issued by ... Prime Minister Holyoake and ...": the
    # headline attributes the document to the person by name
    surname = words[-1].strip(",.").lower()
    if by_name and len(surname) > 2 and _surname_word(surname).search(by_name):
        cues.add("name_attributed_in_headline")
    for cue in cues:
        f[cue] = 1.0
        f[f"{cue}|kind:{kind}"] = 1.0


def _add_mention_cues(ctx: Context, m: Mention, cues: set[str]) -> None:
    """Add to ``cues`` what the words around one mention say of its person
    (a cue the candidate already has is not looked for again: the
    candidate's features are the set of its mentions' cues)."""
    text = ctx.text
    cues.add(f"rule:{m.rule}")
    cues.update(f"tag:{t}" for t in m.tags)
    s_start, s_end = ctx.sentence_at(m.start)
    # a sentence naming three or more people is a list of them (a
    # delegation, a panel, the attendees) more often than a narrative
    if _persons_per_sentence(ctx).get((s_start, s_end), 0) >= 3:
        cues.add("crowded_sentence")
    block_index = ctx.block_index(m.start)
    block = None if block_index is None else ctx.parsed.blocks[block_index]
    if m.start >= _closing_start(ctx):
        cues.add("closing")
    if block is not None and block_index <= 2:
        cues.add("opening")
    if block is not None and block.end - block.start < 120 and m.start - block.start < 5:
        cues.add("line_start")
    # (the sentence's and the block's searches are cached on the context)
    if ctx.found(_SIGN_WORD, s_start, s_end):
        cues.add("sign_sentence")
        if "witness_sentence" not in cues and ctx.found(_WITNESS, s_start, s_end):
            cues.add("witness_sentence")
        if "sign_instrument_word" not in cues and ctx.found(_PAST_INSTRUMENT, s_start, s_end):
            cues.add("sign_instrument_word")
    block_span = (block.start, block.end) if block else (s_start, s_end)
    if "said_quote" not in cues and ctx.found(_QUOTE_MARK, *block_span):
        cues.add("quote_in_block")
        if ctx.found(_SAY, s_start, s_end):
            cues.add("said_quote")
    for cue, pattern in _SENTENCE_CUES:
        if cue not in cues and ctx.found(pattern, s_start, s_end):
            cues.add(cue)
    before = text[s_start:m.extent_start]
    after = text[m.extent_end:s_end]
    # (the searches anchored at its end run only where their words are,
    # in the last characters before it that they read, and in the lowered
    # words where they read the same: literals.occurs_in; those anchored at
    # its start, where their words are in the rest of the sentence)
    lowered = ctx.lowered
    low_before = (lowered[max(s_start, m.extent_start - _CUES_BEFORE):m.extent_start]
                  if lowered is not None else None)
    low_after = lowered[m.extent_end:s_end] if lowered is not None else None
    if "sign_after" not in cues and may_occur(_SIGN_AFTER, low_after) and _SIGN_AFTER.match(after):
        cues.add("sign_after")
    if "signed_by_before" not in cues and _SIGNED_BY.search(before):
        cues.add("signed_by_before")
    if "signed_for" not in cues and may_occur(_SIGNED_FOR, low_after) and _SIGNED_FOR.match(after):
        cues.add("signed_for")
    if "for_government_above" not in cues and _FOR_GOVERNMENT.search(
            text[max(0, m.extent_start - 120):m.extent_start]):
        cues.add("for_government_above")
    if "said_near" not in cues and (
            occurs_in(_SAY, before[-40:], low_before and low_before[-40:])
            or _SAY.match(after.lstrip(" ,")) or _QUOTE_AFTER.match(after)):
        cues.add("said_near")
    # (a delegation "led by" its head is no hosting: the head is a member)
    if "host_before" not in cues and occurs_in(_HOST, before[-120:], low_before and low_before[-120:]) \
            and not _DELEGATION_HEAD.search(before[-120:]):
        cues.add("host_before")
    if "host_after" not in cues and _HOST.match(after.lstrip(" ,").removeprefix("who ")):
        cues.add("host_after")
    if "author_cue" not in cues and (_AUTHOR.search(before[-60:])
                                     or _AUTHOR.search(text[s_start:min(s_end, s_start + 20)])):
        cues.add("author_cue")
    if "met_with" not in cues and occurs_in(_MET_WITH, before[-80:], low_before and low_before[-80:]):
        cues.add("met_with")
    if "subject_of_meeting" not in cues and _MEETING_VERB_AFTER.match(after):
        cues.add("subject_of_meeting")


def _closing_start(ctx: Context) -> int:
    """Where the document's last four blocks start (its closing lines)."""
    blocks = ctx.parsed.blocks
    return blocks[max(0, len(blocks) - 4)].start if blocks else 0

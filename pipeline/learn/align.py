"""Labels for candidates, read from the gold records (training only).

Gold records give values (a date and its role, a party's name, a person's
name and role, a principle's text), sometimes with an evidence phrase; the
extractor's candidates are spans.  Alignment says which candidate is which
gold value, so each candidate gets the label it should have been given.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.evaluate import norm

IGNORE = None  # a candidate that gives no training signal


@lru_cache(maxsize=4096)
def _loose(snippet: str) -> re.Pattern:
    words = [re.escape(w) for w in snippet.split()]
    return re.compile(r"\s+".join(words))


def locate(text: str, snippet: str) -> list[tuple[int, int]]:
    """Every place a gold phrase occurs in the parsed text (whitespace may differ)."""
    if not snippet or not snippet.strip():
        return []
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(snippet), text)]
    if not spans:
        spans = [(m.start(), m.end()) for m in _loose(snippet).finditer(text)]
    return spans


def date_labels(text: str, cands, gold_dates: list[dict]) -> list[list[str] | None]:
    """Roles of each date mention: the gold roles of its value whose evidence
    covers it; a value the gold does not have is "none"; a repeated mention the
    evidence does not point at is ignored."""
    labels: list[list[str] | None] = [[] for _ in cands]
    by_value: dict[str, list[dict]] = {}
    for g in gold_dates:
        by_value.setdefault(g["date"], []).append(g)
    for g in gold_dates:
        same = [i for i, c in enumerate(cands) if c.value == g["date"]]
        spans = locate(text, g.get("evidence") or "")
        covered = [i for i in same if any(s <= cands[i].start and cands[i].end <= e for s, e in spans)]
        for i in covered or same:
            if g["role"] not in labels[i]:
                labels[i].append(g["role"])
    out: list[list[str] | None] = []
    for cand, roles in zip(cands, labels):
        if roles:
            out.append(roles)
        elif cand.value in by_value:
            out.append(IGNORE)
        else:
            out.append(["none"])
    return out


def same_text(a: str, b: str) -> bool:
    from difflib import SequenceMatcher

    a, b = norm(a), norm(b)
    return a == b or SequenceMatcher(None, a, b).ratio() >= 0.85


def party_key(name: str) -> str:
    """A party's identity: ISO code for a country, record name for a body."""
    from pipeline.gazetteer import lookup_body, lookup_country

    return lookup_country(name) or lookup_body(name) or norm(name)


def party_labels(cands, gold_parties: list) -> list[str]:
    gold = {party_key(p if isinstance(p, str) else p["name"]) for p in gold_parties}
    return ["party" if c.code in gold else "not" for c in cands]


def _name_tokens(name: str) -> set[str]:
    from pipeline.evaluate import norm_name

    return {t for t in norm_name(name).split() if len(t) > 1}


def person_labels(cands, gold: dict) -> list[str]:
    """Each person candidate's gold role ("signatory" for a signer), "none"
    when the gold has no such person."""
    golds = [(s["name"], "signatory") for s in gold.get("signatories", [])]
    golds += [(p["name"], p["role"]) for p in gold.get("people", [])]
    out = []
    for cand in cands:
        mine = _name_tokens(cand.name)
        best, best_overlap = "none", 0
        for name, role in golds:
            theirs = _name_tokens(name)
            overlap = len(mine & theirs)
            if overlap and (mine <= theirs or theirs <= mine) and overlap > best_overlap:
                best, best_overlap = role, overlap
        out.append(best)
    return out


def text_labels(cands, gold_texts: list[str], positive: str) -> list[str]:
    """A list-item candidate is positive when its text matches a gold item's."""
    return [positive if any(same_text(c.text, g) for g in gold_texts) else "not" for c in cands]

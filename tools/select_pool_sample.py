"""Pick the pool documents to annotate, stratified by publisher and kind guess.

Run once; its output (the list of pool ids) is kept in ``tests/real/split.tsv``.
Deterministic: the same pool and seed give the same sample.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

POOL = Path(__file__).resolve().parents[1].parent / "shared" / "corpus-pool"
# (publisher, kind_guess) -> how many to annotate
QUOTAS = {
    ("US Department of State", "readout"): 14, ("US Department of State", "joint_statement"): 10,
    ("US Department of State", "press_release"): 5, ("US Department of State", "report"): 3,
    ("US Department of State", None): 2, ("US Department of State", "other"): 1,
    ("The White House", "joint_statement"): 12, ("The White House", "readout"): 6,
    ("The White House", "other"): 8, ("The White House", "press_release"): 3,
    ("The White House", "report"): 3,
    ("Prime Minister of Australia", "joint_statement"): 10,
    ("Prime Minister of Australia", "press_release"): 6,
    ("Prime Minister of Australia", "readout"): 5, ("Prime Minister of Australia", "report"): 3,
    ("Prime Minister of Australia", "other"): 1,
    ("UK Government", "readout"): 2, ("UK Government", "press_release"): 2,
    ("UK Government", "report"): 1,
}
# Second round (after the split was fixed): more development documents where the
# extractor learns least, signed and joint texts; they join the development part only.
QUOTAS_ROUND2 = {
    ("US Department of State", "joint_statement"): 8, ("US Department of State", "press_release"): 6,
    ("US Department of State", "readout"): 6,
    ("The White House", "joint_statement"): 8, ("The White House", "readout"): 4,
    ("The White House", "press_release"): 4, ("The White House", "other"): 3,
    ("Prime Minister of Australia", "joint_statement"): 5,
    ("Prime Minister of Australia", "press_release"): 4,
}
# Third round: a fresh sample across every publisher and kind, measured first as
# unseen documents, then split into the development and test parts like round one.
QUOTAS_ROUND3 = {
    ("US Department of State", "readout"): 6, ("US Department of State", "joint_statement"): 5,
    ("US Department of State", "press_release"): 4, ("US Department of State", "report"): 2,
    ("US Department of State", "other"): 1,
    ("The White House", "joint_statement"): 5, ("The White House", "readout"): 4,
    ("The White House", "other"): 4, ("The White House", "press_release"): 3,
    ("The White House", "report"): 2,
    ("Prime Minister of Australia", "joint_statement"): 4,
    ("Prime Minister of Australia", "press_release"): 4,
    ("Prime Minister of Australia", "readout"): 2, ("Prime Minister of Australia", "report"): 2,
    ("UK Government", "readout"): 1, ("UK Government", "press_release"): 2,
    ("UK Government", "report"): 1,
}
# Fourth round: like the third, a fresh sample across publishers and kinds measured
# whole as unseen documents first, plus the remaining pages that speak of
# recommendations often (the test part held essentially one such document).
QUOTAS_ROUND4 = {
    ("US Department of State", "readout"): 9, ("US Department of State", "joint_statement"): 6,
    ("US Department of State", "press_release"): 2, ("US Department of State", "report"): 2,
    ("US Department of State", None): 2,
    ("The White House", "joint_statement"): 8, ("The White House", "readout"): 5,
    ("The White House", "other"): 4, ("The White House", "press_release"): 2,
    ("The White House", "report"): 1,
    ("Prime Minister of Australia", "joint_statement"): 6,
    ("Prime Minister of Australia", "press_release"): 5,
    ("Prime Minister of Australia", "readout"): 4, ("Prime Minister of Australia", "report"): 2,
    ("UK Government", "readout"): 1, ("UK Government", "press_release"): 1,
}
# Fifth round: the fourth round's quotas again, fresh documents; measured whole
# as unseen first, and the documents the rules were never developed on for the
# rule-decided fields' calibration (their confidence on unseen text).
QUOTAS_ROUND5 = QUOTAS_ROUND4
# Sixth round: pages that speak of signing (signatories were the field with the
# fewest test values and the lowest recall on unseen pages), by publisher only;
# measured whole as unseen first, then split like the third and fourth.
QUOTAS_ROUND6_BY_PUBLISHER = {"US Department of State": 8, "The White House": 12,
                              "Prime Minister of Australia": 15, "UK Government": 1}
# Seventh round: pages that speak of principles or recommendations (the two
# weakest fields on unseen pages, with the fewest test values), by publisher,
# plus readouts, the pool's commonest page; measured whole as unseen first.
QUOTAS_ROUND7_PRINCIPLES = {"US Department of State": 8, "The White House": 12,
                            "Prime Minister of Australia": 10}
QUOTAS_ROUND7 = {("US Department of State", "readout"): 6, ("The White House", "readout"): 3,
                 ("Prime Minister of Australia", "readout"): 3}
# Eighth round: a fresh sample across publishers and kinds (the fourth
# round's mix, smaller), measured whole as unseen first, at the end of the
# session whose rules it did not see.
QUOTAS_ROUND8 = {
    ("US Department of State", "readout"): 8, ("US Department of State", "joint_statement"): 4,
    ("The White House", "joint_statement"): 6, ("The White House", "readout"): 4,
    ("The White House", "other"): 3,
    ("Prime Minister of Australia", "joint_statement"): 5,
    ("Prime Minister of Australia", "press_release"): 4,
    ("Prime Minister of Australia", "readout"): 3, ("Prime Minister of Australia", "report"): 1,
    ("UK Government", "readout"): 1, ("UK Government", "press_release"): 1,
}
# Ninth round: the eighth round's mix again, fresh pages, measured whole as
# unseen first with the extractor as the previous session left it.
QUOTAS_ROUND9 = QUOTAS_ROUND8
# Tenth round: pages that speak of signing and pages that say "principle"
# twice or more, by publisher (signatories, principles and recommendations
# have the fewest test values), measured whole as unseen first.
QUOTAS_ROUND10_SIGNING = {"US Department of State": 6, "The White House": 8,
                          "Prime Minister of Australia": 8, "UK Government": 1}
QUOTAS_ROUND10_PRINCIPLES = {"US Department of State": 4, "The White House": 6,
                             "Prime Minister of Australia": 4}
# (the State Department's and GOV.UK's remaining pages rarely speak of
# signing or principles: their share of the round is a general mix)
QUOTAS_ROUND10 = {("US Department of State", "readout"): 7, ("US Department of State", "joint_statement"): 6,
                  ("US Department of State", "press_release"): 3, ("US Department of State", "report"): 1,
                  ("UK Government", "readout"): 1, ("UK Government", "press_release"): 1}
# Eleventh to thirteenth rounds: the eighth round's mix again, fresh pages.
QUOTAS_ROUND11 = QUOTAS_ROUND12 = QUOTAS_ROUND13 = QUOTAS_ROUND8
# Fourteenth round: pages with three or more bulleted or numbered lines (where
# principles and recommendations are listed: the two weakest fields on the test
# part, with the fewest values), by publisher, plus a smaller general mix;
# measured whole as unseen first.
QUOTAS_ROUND14_LISTS = {"US Department of State": 3, "The White House": 14,
                        "Prime Minister of Australia": 8}
QUOTAS_ROUND14 = {
    ("US Department of State", "readout"): 5, ("US Department of State", "joint_statement"): 3,
    ("The White House", "joint_statement"): 2, ("Prime Minister of Australia", "joint_statement"): 2,
    ("Prime Minister of Australia", "press_release"): 1,
}
# Fifteenth, seventeenth and eighteenth rounds: the eighth round's mix again, fresh pages.
QUOTAS_ROUND15 = QUOTAS_ROUND17 = QUOTAS_ROUND18 = QUOTAS_ROUND8
# Sixteenth round: the tenth round's pages that speak of signing or of
# principles (few are left), with the eighth round's mix, fresh pages.
SIGNING_AND_PRINCIPLE_ROUNDS = (10, 16)
QUOTAS_ROUND16 = QUOTAS_ROUND8
# Nineteenth round: what is left of the pool, across its strata (State
# Department readouts are most of it, and the best read already).
QUOTAS_ROUND19 = {
    ("US Department of State", "readout"): 8, ("US Department of State", "joint_statement"): 4,
    ("US Department of State", None): 2, ("The White House", "readout"): 10,
    ("The White House", "joint_statement"): 10, ("Prime Minister of Australia", "readout"): 8,
    ("Prime Minister of Australia", "joint_statement"): 4, ("UK Government", "readout"): 1,
}
# Twentieth round: the nineteenth's strata again, what is left of them.
QUOTAS_ROUND20 = QUOTAS_ROUND19
# Twenty-third round: the readouts left (the State Department's most of them).
QUOTAS_ROUND23 = {
    ("US Department of State", "readout"): 30, ("The White House", "readout"): 10,
    ("Prime Minister of Australia", "readout"): 2, ("UK Government", "readout"): 1,
    ("The White House", "press_release"): 1,
}
# Twenty-second round: every page left that is longer than the other rounds
# allowed (reports, long joint statements and fact sheets: where principles
# and recommendations are).
LONG_ROUND, LONG_MAX_CHARS = 22, 60_000
# Twenty-first round: what is left after the twentieth (readouts, most of it
# the State Department's, and the last joint statements).
QUOTAS_ROUND21 = {
    ("US Department of State", "readout"): 18, ("US Department of State", "joint_statement"): 4,
    ("The White House", "readout"): 8, ("The White House", "joint_statement"): 4,
    ("Prime Minister of Australia", "readout"): 4, ("Prime Minister of Australia", "joint_statement"): 1,
    ("UK Government", "readout"): 1,
}
# Twenty-fourth round: every page left that no earlier round drew and whose
# output was never read (the pool's last unseen pages; State Department
# readouts most of them).
REMAINDER_ROUND = 24
# Twenty-fifth round: the pages whose output was read while developing (not
# unseen, so development only) that speak of signing, principles, values or
# recommendations: the fields weakest on unseen pages, joint statements most
# of them.
LOOKED_AT_ROUND = 25
LOOKED_AT_TOPICS = re.compile(r"\b(?:signed|signing|signature|signatories|principles?|values|ideals|"
                              r"recommend\w*)\b", re.IGNORECASE)
LIST_LINE = re.compile(r"(?m)^\s*(?:[•\-*]|\d+\.)")
PRINCIPLE = re.compile(r"\bprinciple", re.IGNORECASE)
SIGNING = re.compile(r"\b(?:signed|signing|signature|signatories)\b", re.IGNORECASE)
SIGNING_MAX_CHARS = 15_000
MAX_CHARS = 20_000
# Enumerated recommendations are rare in the pool; every document that speaks of
# recommendations at least this often (and is not too long to annotate) is added.
RECOMMENDATION_MENTIONS, RECOMMENDATION_MAX_CHARS = 3, 25_000
# Round four also counts "recommend" and "recommended": round one took every page
# that says "recommendation" often enough.
RECOMMENDATION_WORD = {1: "recommendation", 4: "recommend", 7: "recommend"}


def _shingles(text: str, n: int = 12) -> set[str]:
    words = text.split()
    return {" ".join(words[i:i + n]) for i in range(max(1, len(words) - n))}


def _already_annotated() -> list[set[str]]:
    """Texts of the documents that have gold elsewhere (some pool pages repeat them)."""
    shared = POOL.parent
    paths = [*shared.glob("corpus-train/docs/*.txt"), *shared.glob("corpus-extra/docs/*.txt"),
             *shared.glob("seeds/*")]
    return [_shingles(p.read_text("utf-8")) for p in paths]


def _is_copy(text: str, annotated: list[set[str]]) -> bool:
    mine = _shingles(text)
    return any(len(mine & other) >= 0.5 * len(mine) for other in annotated)


def _speaks_of_signing(pool_id: str) -> bool:
    text = (POOL / "text" / f"{pool_id}.txt").read_text("utf-8")
    return len(text) <= SIGNING_MAX_CHARS and SIGNING.search(text) is not None


def _speaks_of(pattern: re.Pattern, pool_id: str, at_least: int = 2) -> bool:
    text = (POOL / "text" / f"{pool_id}.txt").read_text("utf-8")
    return len(text) <= MAX_CHARS and len(pattern.findall(text)) >= at_least


def main(seed: int = 20261201, round_: int = 1) -> None:
    annotated = _already_annotated()
    rows = [json.loads(line) for line in (POOL / "manifest.jsonl").open(encoding="utf-8")]
    rows = [r for r in rows
            if not _is_copy((POOL / "text" / f"{r['id']}.txt").read_text("utf-8"), annotated)]
    rng = random.Random(seed)
    picked = []
    if round_ >= 2:
        real = Path(__file__).resolve().parents[1] / "tests" / "real"
        done = set((real / "pool-sample.txt").read_text().split())
        for earlier in range(2, round_):
            done |= set((real / f"pool-sample-round{earlier}.txt").read_text().split())
        rows = [r for r in rows if r["id"] not in done]
        if round_ == LOOKED_AT_ROUND:
            looked_at = set((real / "pool-looked-at.txt").read_text().split())
            rows = [r for r in rows if r["id"] in looked_at]
        elif round_ >= 8:
            # pages whose extracted output was read while developing (unlabelled
            # pages looked at for errors): not unseen any more
            rows = [r for r in rows if r["id"] not in set((real / "pool-looked-at.txt").read_text().split())]
        if round_ == 6:
            rows = [r for r in rows if _speaks_of_signing(r["id"])]
            quotas = {}  # by publisher only (below)
        elif round_ in SIGNING_AND_PRINCIPLE_ROUNDS:
            quotas = {10: QUOTAS_ROUND10, 16: QUOTAS_ROUND16}[round_]  # and by publisher (below)
        elif round_ == 7:
            quotas = QUOTAS_ROUND7
        elif round_ == 14:
            quotas = QUOTAS_ROUND14  # and by publisher (below)
        elif round_ in (LONG_ROUND, REMAINDER_ROUND, LOOKED_AT_ROUND):
            quotas = {}  # (below)
        elif round_ in (19, 20, 21, 23):
            quotas = {19: QUOTAS_ROUND19, 20: QUOTAS_ROUND20, 21: QUOTAS_ROUND21, 23: QUOTAS_ROUND23}[round_]
        elif round_ in (8, 9, 11, 12, 13, 15, 17, 18):
            quotas = {8: QUOTAS_ROUND8, 9: QUOTAS_ROUND9, 11: QUOTAS_ROUND11, 12: QUOTAS_ROUND12,
                      13: QUOTAS_ROUND13, 15: QUOTAS_ROUND15, 17: QUOTAS_ROUND17, 18: QUOTAS_ROUND18}[round_]
        else:
            quotas = {2: QUOTAS_ROUND2, 3: QUOTAS_ROUND3, 4: QUOTAS_ROUND4, 5: QUOTAS_ROUND5}[round_]
    else:
        quotas = QUOTAS
    if round_ == 6:
        for publisher, n in QUOTAS_ROUND6_BY_PUBLISHER.items():
            group = sorted((r for r in rows if r["publisher"] == publisher), key=lambda r: r["id"])
            picked += rng.sample(group, min(n, len(group)))
    if round_ == 7:
        for publisher, n in QUOTAS_ROUND7_PRINCIPLES.items():
            group = sorted((r for r in rows if r["publisher"] == publisher
                            and _speaks_of(PRINCIPLE, r["id"])), key=lambda r: r["id"])
            picked += rng.sample(group, min(n, len(group)))
        rows = [r for r in rows if r not in picked]
    if round_ == 14:
        for publisher, n in QUOTAS_ROUND14_LISTS.items():
            group = sorted((r for r in rows if r["publisher"] == publisher
                            and _speaks_of(LIST_LINE, r["id"], at_least=3)), key=lambda r: r["id"])
            picked += rng.sample(group, min(n, len(group)))
        rows = [r for r in rows if r not in picked]
    for (publisher, kind), n in quotas.items():
        group = [r for r in rows if r["publisher"] == publisher and r["kind_guess"] == kind
                 and (POOL / "text" / f"{r['id']}.txt").stat().st_size <= MAX_CHARS]
        group.sort(key=lambda r: r["id"])
        picked += rng.sample(group, min(n, len(group)))
    if round_ in SIGNING_AND_PRINCIPLE_ROUNDS:
        for publisher, n in QUOTAS_ROUND10_SIGNING.items():
            group = sorted((r for r in rows if r["publisher"] == publisher and _speaks_of_signing(r["id"])),
                           key=lambda r: r["id"])
            picked += rng.sample(group, min(n, len(group)))
        rows = [r for r in rows if r not in picked]
        for publisher, n in QUOTAS_ROUND10_PRINCIPLES.items():
            group = sorted((r for r in rows if r["publisher"] == publisher
                            and _speaks_of(PRINCIPLE, r["id"])), key=lambda r: r["id"])
            picked += rng.sample(group, min(n, len(group)))
    if round_ == LONG_ROUND:
        picked += sorted((r for r in rows
                          if MAX_CHARS < (POOL / "text" / f"{r['id']}.txt").stat().st_size <= LONG_MAX_CHARS),
                         key=lambda r: r["id"])
    if round_ == REMAINDER_ROUND:
        picked += sorted((r for r in rows if (POOL / "text" / f"{r['id']}.txt").stat().st_size <= LONG_MAX_CHARS),
                         key=lambda r: r["id"])
    if round_ == LOOKED_AT_ROUND:
        picked += sorted((r for r in rows
                          if (POOL / "text" / f"{r['id']}.txt").stat().st_size <= LONG_MAX_CHARS
                          and LOOKED_AT_TOPICS.search((POOL / "text" / f"{r['id']}.txt").read_text("utf-8"))),
                         key=lambda r: r["id"])
    chosen = {r["id"] for r in picked}
    for r in rows if round_ in (1, 4, 7) else []:
        text = (POOL / "text" / f"{r['id']}.txt").read_text("utf-8")
        if (r["id"] not in chosen and len(text) <= RECOMMENDATION_MAX_CHARS
                and text.lower().count(RECOMMENDATION_WORD[round_]) >= RECOMMENDATION_MENTIONS):
            picked.append(r)
    # (a page the quotas took may be drawn again by its publisher's draw: once)
    picked = list({r["id"]: r for r in picked}.values())
    for r in picked:
        size = (POOL / "text" / f"{r['id']}.txt").stat().st_size
        print(r["id"], r["publisher"], r["kind_guess"], size, r["title"][:80], sep="\t")


if __name__ == "__main__":
    # select_pool_sample.py [SEED [ROUND]]
    main(*(int(a) for a in sys.argv[1:]))

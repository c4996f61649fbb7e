"""Split the real gold by document into a development part and a test part.

About 70/30, stratified by publisher and kind: documents are ordered by
(publisher, kind, hash of the id) and every third of each ten goes to the
test part, so each stratum is cut the same way.  The documents the rules were
first written from (the corpus and the extra corpus) are development only,
and so are the pool documents of the second annotation round
(``pool-sample-round2.txt``), annotated after the test part was fixed: adding
them to the test part would change what earlier measurements measured; and
those of the twenty-fifth and twenty-sixth (``pool-sample-round25.txt``,
``-round26.txt``), pages whose output had been read while developing
(``pool-looked-at.txt``), so not unseen.
The third, fourth, sixth to nineteenth, twenty-third and twenty-fourth rounds (``pool-sample-round3.txt``, ``-round4.txt``,
``-round6.txt`` to ``-round19.txt``)
were each measured whole as unseen documents first, then cut like the first:
every third of each ten of its own strata to the test part.  The fifth and
twentieth rounds (``pool-sample-round5.txt``, ``-round20.txt``) are the
calibration part, whole: the confidence maps are fitted on it (``tenets
train``), nothing is developed on it.
Writes ``tests/real/split.tsv``; run once, then the file is the split.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TEST_SLOTS = {2, 5, 8}          # of every ten documents in stratum order
TRAIN_PUBLISHERS = {"ts": "US Department of State", "tw": "The White House",
                    "tx": "The White House"}


def train_publisher(name: str) -> str:
    if name[:2] in TRAIN_PUBLISHERS:
        return TRAIN_PUBLISHERS[name[:2]]
    number = int(name[2:4])
    if number <= 6:
        return "Prime Minister of Australia"
    return "UK Government" if number <= 11 else "Other foreign ministries"


def _measured_round(round_: int, manifest: dict) -> list[str]:
    """A round measured whole as unseen documents first, then cut like the
    first: every third of each ten of its own strata to the test part."""
    sample = ROOT / "tests" / "real" / f"pool-sample-round{round_}.txt"
    docs = [(f"corpus-pool/{pool_id}", manifest[pool_id]["publisher"],
             manifest[pool_id]["kind_guess"] or "none")
            for pool_id in (sample.read_text().split() if sample.exists() else [])]
    docs.sort(key=lambda r: (r[1], r[2], hashlib.sha1(r[0].encode()).hexdigest()))
    return [f"{key}\tpool{round_}\t{pub}\t{kind}\t{'test' if i % 10 in TEST_SLOTS else 'dev'}"
            for i, (key, pub, kind) in enumerate(docs)]


def _calibration_round(round_: int, manifest: dict) -> list[str]:
    """A round kept whole as the calibration part: documents no rule or model
    is developed on, whose outcomes fit the confidence maps (their errors
    are not read)."""
    sample = ROOT / "tests" / "real" / f"pool-sample-round{round_}.txt"
    return [f"corpus-pool/{pool_id}\tpool{round_}\t{manifest[pool_id]['publisher']}\t"
            f"{manifest[pool_id]['kind_guess'] or 'none'}\tcalibration"
            for pool_id in (sample.read_text().split() if sample.exists() else [])]


def main() -> None:
    rows = []          # (key, set, publisher, kind)
    for gold in sorted((ROOT / "tests" / "gold").glob("*.json")):
        rows.append((f"corpus/{gold.stem}", "corpus", "seed", json.loads(gold.read_text())["kind"]))
    for gold in sorted((SHARED / "corpus-extra" / "gold").glob("*.json")):
        rows.append((f"corpus-extra/{gold.stem}", "extra", "extra",
                     json.loads(gold.read_text())["kind"]))
    candidates = []
    for gold in sorted((SHARED / "corpus-train" / "gold").glob("*.json")):
        candidates.append((f"corpus-train/{gold.stem}", "train", train_publisher(gold.stem),
                           json.loads(gold.read_text())["kind"]))
    manifest = {json.loads(line)["id"]: json.loads(line)
                for line in (SHARED / "corpus-pool" / "manifest.jsonl").open()}
    for pool_id in (ROOT / "tests" / "real" / "pool-sample.txt").read_text().split():
        entry = manifest[pool_id]
        candidates.append((f"corpus-pool/{pool_id}", "pool", entry["publisher"],
                           entry["kind_guess"] or "none"))
    candidates.sort(key=lambda r: (r[2], r[3], hashlib.sha1(r[0].encode()).hexdigest()))
    lines = ["document\tset\tpublisher\tkind\tpart"]
    lines += [f"{key}\t{kind_set}\t{pub}\t{kind}\tdev" for key, kind_set, pub, kind in rows]
    lines += [f"{key}\t{kind_set}\t{pub}\t{kind}\t{'test' if i % 10 in TEST_SLOTS else 'dev'}"
              for i, (key, kind_set, pub, kind) in enumerate(candidates)]
    round2 = ROOT / "tests" / "real" / "pool-sample-round2.txt"
    for pool_id in (round2.read_text().split() if round2.exists() else []):
        entry = manifest[pool_id]
        lines.append(f"corpus-pool/{pool_id}\tpool2\t{entry['publisher']}\t"
                     f"{entry['kind_guess'] or 'none'}\tdev")
    for round_ in (3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 23, 24):
        lines += _measured_round(round_, manifest)
    # (the twenty-fifth round annotated pages whose output had been read while
    # developing: not unseen, so development only, like the second)
    # (and so did the twenty-sixth, the pool's last pages less those that copy
    # a `corpus-train` page, whose gold would otherwise cross the parts)
    for round_ in (25, 26):
        sample = ROOT / "tests" / "real" / f"pool-sample-round{round_}.txt"
        for pool_id in (sample.read_text().split() if sample.exists() else []):
            entry = manifest[pool_id]
            lines.append(f"corpus-pool/{pool_id}\tpool{round_}\t{entry['publisher']}\t"
                         f"{entry['kind_guess'] or 'none'}\tdev")
    # (rounds 21 and 22 joined it when the calibration part began to choose
    # each learned decision's variant too: more unseen examples to choose on)
    lines += [line for round_ in (5, 20, 21, 22) for line in _calibration_round(round_, manifest)]
    (ROOT / "tests" / "real" / "split.tsv").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()

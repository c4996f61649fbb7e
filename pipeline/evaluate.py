"""Per-field precision, recall and F1 of records against gold files.

Gold files use the annotation format of ``tests/gold`` (and of the extra
corpus): ``kind``, ``title``, ``dates[{date, role}]``, ``parties[]``,
``signatories[{name}]``, ``people[{name, role}]``, ``principles[]``,
``recommendations[{number, text}]``.  Values are compared after light
normalisation (case, punctuation, honorifics, country aliases); each gold
item matches at most one predicted item.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from pipeline.gazetteer import HONORIFICS, lookup_country

EVAL_FIELDS = ("kind", "title", "dates", "parties", "signatories", "people", "principles",
               "recommendations")
_HONORIFIC_RE = re.compile(r"^(?:" + "|".join(re.escape(h) for h in HONORIFICS) + r")\s+", re.I)


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = text.replace("’", "'")
    text = re.sub(r"[^\w\s]", " ", text)
    text = re.sub(r"^\s*the\s+", "", text)
    return re.sub(r"\s+", " ", text).strip()


def norm_name(name: str) -> str:
    return norm(_HONORIFIC_RE.sub("", name.strip()))


def norm_party(name: str) -> str:
    return lookup_country(name) or norm(name)


def _similar(a: str, b: str) -> bool:
    return a == b or SequenceMatcher(None, a, b).ratio() >= 0.85


def gold_items(gold: dict, field: str) -> list:
    value = gold.get(field)
    if field in ("kind", "title"):
        return [norm(value)] if value else []
    if field == "dates":
        return [(d["date"], d["role"]) for d in value or []]
    if field == "parties":
        return [norm_party(p if isinstance(p, str) else p["name"]) for p in value or []]
    if field == "signatories":
        return [norm_name(s["name"]) for s in value or []]
    if field == "people":
        return [(norm_name(p["name"]), p["role"]) for p in value or []]
    if field == "principles":
        return [norm(p if isinstance(p, str) else p["text"]) for p in value or []]
    if field == "recommendations":
        return [norm(r["text"]) for r in value or []]
    raise KeyError(field)


def record_items(record: dict, field: str) -> list:
    if field in ("kind", "title"):
        return [norm(record.get(field))] if record.get(field) else []
    if field == "dates":
        return [(d["value"], d["role"]) for d in record.get("dates", [])]
    converted = {
        "parties": [p["name"] for p in record.get("parties", [])],
        "signatories": [{"name": s["name"]} for s in record.get("signatories", [])],
        "people": [{"name": p["name"], "role": p["role"]} for p in record.get("people", [])],
        "principles": [p["text"] for p in record.get("principles", [])],
        "recommendations": [{"text": r["text"]} for r in record.get("recommendations", [])],
    }
    return gold_items(converted, field)


@dataclass
class FieldScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    missing: list = field(default_factory=list)
    extra: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: FieldScore) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


def score_field(gold: list, predicted: list, fuzzy: bool = False) -> FieldScore:
    score = FieldScore()
    remaining = list(predicted)
    for g in gold:
        match = next((p for p in remaining if (_similar(g, p) if fuzzy else g == p)), None)
        if match is None:
            score.fn += 1
            score.missing.append(g)
        else:
            remaining.remove(match)
            score.tp += 1
    score.fp = len(remaining)
    score.extra = remaining
    return score


@dataclass
class Evaluation:
    totals: dict[str, FieldScore]
    per_document: dict[str, dict[str, FieldScore]]
    unmatched_gold: list[str]

    def as_dict(self) -> dict:
        return {
            "fields": {f: {"precision": round(s.precision, 4), "recall": round(s.recall, 4),
                           "f1": round(s.f1, 4), "tp": s.tp, "fp": s.fp, "fn": s.fn}
                       for f, s in self.totals.items()},
            "documents": {doc: {f: {"missing": s.missing, "extra": s.extra}
                                for f, s in fields.items() if s.missing or s.extra}
                          for doc, fields in self.per_document.items()},
            "unmatched_gold": self.unmatched_gold,
        }


def load_records(out_dir: Path) -> dict[str, dict]:
    """Records by id and by the stem of their source file."""
    out_dir = Path(out_dir)
    records_dir = out_dir / "records" if (out_dir / "records").is_dir() else out_dir
    by_key: dict[str, dict] = {}
    for path in sorted(records_dir.glob("*.json")):
        record = json.loads(path.read_text("utf-8"))
        by_key[record["id"]] = record
        uri = record.get("source", {}).get("uri", "")
        stem = re.sub(r"\.[^./]+$", "", uri.rsplit("/", 1)[-1])
        by_key.setdefault(stem, record)
    return by_key


def evaluate(gold_dir: Path, out_dir: Path) -> Evaluation:
    records = load_records(out_dir)
    totals = {f: FieldScore() for f in EVAL_FIELDS}
    per_document: dict[str, dict[str, FieldScore]] = {}
    unmatched = []
    for gold_path in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        record = records.get(gold_path.stem)
        if record is None:
            unmatched.append(gold_path.stem)
            record = {}
        doc_scores = {}
        for f in EVAL_FIELDS:
            s = score_field(gold_items(gold, f), record_items(record, f) if record else [],
                            fuzzy=f in ("recommendations", "principles", "title"))
            totals[f].add(s)
            doc_scores[f] = s
        per_document[gold_path.stem] = doc_scores
    return Evaluation(totals=totals, per_document=per_document, unmatched_gold=unmatched)

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
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from pipeline.models import SPECS, _name_key, _norm

EVAL_FIELDS = tuple(SPECS)


def norm(text: str | None) -> str:
    """Case, punctuation and a leading "the" do not count."""
    return _norm(text)


def norm_name(name: str) -> str:
    """A person's name without its honorific, normalised."""
    return _name_key(name)


def _similar(a: str, b: str) -> bool:
    return a == b or SequenceMatcher(None, a, b).ratio() >= 0.85


def field_values(doc: dict, field: str) -> list:
    """What evaluation compares of a gold file's or a record's field (each
    field's key is declared with it, in ``models.FIELD_SPECS``)."""
    spec = SPECS[field]
    value = doc.get(field)
    if spec.item is None:
        return [spec.key(value)] if value else []
    return [spec.key(v) for v in value or []]


gold_items = record_items = field_values


def record_confidences(record: dict, field: str) -> list[float | None]:
    """The confidence of each of :func:`record_items`' values, in the same order."""
    if field in ("kind", "title"):
        prov = (record.get("provenance") or {}).get(field)
        return [prov.get("confidence") if prov else None] if record.get(field) else []
    return [item.get("confidence") for item in record.get(field, [])]


@dataclass
class FieldScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    missing: list = field(default_factory=list)
    extra: list = field(default_factory=list)
    #: (confidence, was the value right) of every predicted value with a confidence
    calibration: list[tuple[float, bool]] = field(default_factory=list)

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

    @property
    def ece(self) -> float | None:
        from pipeline.learn.calibration import expected_calibration_error

        if not self.calibration:
            return None
        return expected_calibration_error([c for c, _ in self.calibration],
                                          [ok for _, ok in self.calibration])

    def add(self, other: FieldScore) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.calibration += other.calibration

    def as_dict(self) -> dict:
        out = {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
               "f1": round(self.f1, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}
        if self.calibration:
            out["ece"] = round(self.ece, 4)
        return out


def score_field(gold: list, predicted: list, fuzzy: bool = False,
                confidences: list[float | None] | None = None) -> FieldScore:
    """Match each gold value to at most one predicted value."""
    score = FieldScore()
    confidences = confidences or [None] * len(predicted)
    remaining = list(range(len(predicted)))
    matched: set[int] = set()
    for g in gold:
        match = next((i for i in remaining
                      if (_similar(g, predicted[i]) if fuzzy else g == predicted[i])), None)
        if match is None:
            score.fn += 1
            score.missing.append(g)
        else:
            remaining.remove(match)
            matched.add(match)
            score.tp += 1
    score.fp = len(remaining)
    score.extra = [predicted[i] for i in remaining]
    score.calibration = [(c, i in matched) for i, c in enumerate(confidences) if c is not None]
    return score


def score_record(gold: dict, record: dict) -> dict[str, FieldScore]:
    return {f: score_field(gold_items(gold, f), record_items(record, f) if record else [],
                           fuzzy=SPECS[f].fuzzy,
                           confidences=record_confidences(record, f) if record else None)
            for f in EVAL_FIELDS}


def macro_f1(totals: dict[str, FieldScore]) -> float:
    return sum(s.f1 for s in totals.values()) / len(totals)


@dataclass
class Evaluation:
    totals: dict[str, FieldScore]
    per_document: dict[str, dict[str, FieldScore]]
    unmatched_gold: list[str]
    #: group kind ("kind", "publisher") -> group value -> field -> score
    groups: dict[str, dict[str, dict[str, FieldScore]]] = field(default_factory=dict)
    #: (group kind, group value) -> documents in it
    group_sizes: dict[tuple[str, str], int] = field(default_factory=dict)

    @property
    def macro_f1(self) -> float:
        return macro_f1(self.totals)

    def as_dict(self) -> dict:
        return {
            "documents_scored": len(self.per_document),
            "macro_f1": round(self.macro_f1, 4),
            "fields": {f: s.as_dict() for f, s in self.totals.items()},
            "groups": {g: {value: {"documents": self.group_sizes.get((g, value)),
                                   "macro_f1": round(macro_f1(fields), 4),
                                   "fields": {f: s.as_dict() for f, s in fields.items()}}
                           for value, fields in sorted(by_value.items())}
                       for g, by_value in self.groups.items()},
            "documents": {doc: {f: {"missing": s.missing, "extra": s.extra}
                                for f, s in fields.items() if s.missing or s.extra}
                          for doc, fields in self.per_document.items()},
            "unmatched_gold": self.unmatched_gold,
        }


def evaluate_pairs(pairs) -> Evaluation:
    """Score (key, gold, record or None, {group: value}) tuples."""
    totals = {f: FieldScore() for f in EVAL_FIELDS}
    per_document: dict[str, dict[str, FieldScore]] = {}
    groups: dict[str, dict[str, dict[str, FieldScore]]] = {}
    unmatched = []
    counts: dict[tuple[str, str], int] = {}
    for key, gold, record, group_values in pairs:
        if record is None:
            unmatched.append(key)
        doc_scores = score_record(gold, record or {})
        per_document[key] = doc_scores
        for f, s in doc_scores.items():
            totals[f].add(s)
            for group, value in group_values.items():
                bucket = groups.setdefault(group, {}).setdefault(value, {})
                bucket.setdefault(f, FieldScore()).add(s)
        for group, value in group_values.items():
            counts[(group, value)] = counts.get((group, value), 0) + 1
    return Evaluation(totals=totals, per_document=per_document, unmatched_gold=unmatched,
                      groups=groups, group_sizes=counts)


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
    """Gold files of a folder against the records of an output folder (matched by name)."""
    records = load_records(out_dir)
    pairs = []
    for gold_path in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        pairs.append((gold_path.stem, gold, records.get(gold_path.stem), {}))
    return evaluate_pairs(pairs)

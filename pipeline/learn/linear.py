"""A logistic-regression decision stored as a small JSON file.

Features are named (``"prev:signed"``, ``"title:readout"``) and sparse, so a
candidate's features are a dict and scoring is a sum over the few it has:
no vectoriser, no NumPy and no pickle at extraction time, and the trained
file is readable and diffable in the repository.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

Features = Mapping[str, float]


@dataclass
class LinearModel:
    name: str
    classes: tuple[str, ...]
    #: feature -> one weight per class
    weights: dict[str, tuple[float, ...]]
    bias: tuple[float, ...]
    #: temperature fitted on held-out folds (probabilities are softmax(scores / T))
    temperature: float = 1.0
    meta: dict = field(default_factory=dict)

    def scores(self, features: Features) -> list[float]:
        weights = self.weights
        # (w holds one weight per class; each class's score is summed in the
        # features' order, the same additions as one feature at a time)
        rows = [(w, value) for name, value in features.items() if (w := weights.get(name)) is not None]
        out = []
        for k, score in enumerate(self.bias):
            for w, value in rows:
                score = score + w[k] * value
            out.append(score)
        return out

    def proba(self, features: Features) -> dict[str, float]:
        scores = [s / self.temperature for s in self.scores(features)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps)}

    def best(self, features: Features) -> tuple[str, float]:
        probs = self.proba(features)
        label = max(probs, key=probs.__getitem__)
        return label, probs[label]

    # -- persistence -----------------------------------------------------------------

    def to_json(self) -> dict:
        return {"name": self.name, "classes": list(self.classes), "bias": _round(self.bias),
                "temperature": round(self.temperature, 4), "meta": self.meta,
                "weights": {f: _round(w) for f, w in sorted(self.weights.items())}}

    @classmethod
    def from_json(cls, data: dict) -> LinearModel:
        return cls(name=data["name"], classes=tuple(data["classes"]),
                   weights={f: tuple(w) for f, w in data["weights"].items()},
                   bias=tuple(data["bias"]), temperature=data.get("temperature", 1.0),
                   meta=data.get("meta", {}))

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), indent=1, ensure_ascii=False) + "\n", "utf-8")

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        return cls.from_json(json.loads(Path(path).read_text("utf-8")))


def _round(values) -> list[float]:
    return [round(float(v), 5) for v in values]

"""Confidence that means a probability.

A value's raw score (a model's probability, or a rule's prior) is mapped to
the chance that the value is right, by Platt scaling fitted on values
extracted from held-out folds: ``p = sigmoid(a * logit(raw) + b)``.  The
expected calibration error (ECE) says how far the confidences are from the
observed accuracy.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

_EPS = 1e-4


def _logit(p: float) -> float:
    p = min(max(p, _EPS), 1 - _EPS)
    return math.log(p / (1 - p))


@dataclass(frozen=True)
class Platt:
    a: float = 1.0
    b: float = 0.0

    def __call__(self, raw: float) -> float:
        z = self.a * _logit(raw) + self.b
        return 1 / (1 + math.exp(-z)) if z > -30 else 0.0

    def to_json(self) -> dict:
        return {"a": round(self.a, 5), "b": round(self.b, 5)}


def fit_platt(raw: Sequence[float], correct: Sequence[bool]) -> Platt:
    """Fit on (raw score, was it right) pairs; identity when there is too little data."""
    if len(raw) < 10 or len(set(correct)) < 2:
        return Platt()
    from sklearn.linear_model import LogisticRegression

    X = [[_logit(r)] for r in raw]
    model = LogisticRegression(C=10.0).fit(X, [int(c) for c in correct])
    return Platt(a=float(model.coef_[0][0]), b=float(model.intercept_[0]))


def expected_calibration_error(confidence: Sequence[float], correct: Sequence[bool],
                               bins: int = 10) -> float:
    """Mean |accuracy - confidence| over equal-width bins, weighted by their size."""
    if not confidence:
        return 0.0
    total, n = 0.0, len(confidence)
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        members = [i for i, c in enumerate(confidence) if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        if members:
            accuracy = sum(correct[i] for i in members) / len(members)
            mean_conf = sum(confidence[i] for i in members) / len(members)
            total += len(members) / n * abs(accuracy - mean_conf)
    return total

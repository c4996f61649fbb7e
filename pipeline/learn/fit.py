"""Fitting linear decisions with scikit-learn (training only)."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.learn.linear import Features, LinearModel

#: Inverse regularisation strength: features are many and documents few.
DEFAULT_C = 1.0


def fit(name: str, X: Sequence[Features], y: Sequence[str], *, C: float = DEFAULT_C,
        classes: Sequence[str] | None = None, balanced: bool = False,
        weights: Sequence[float] | None = None) -> LinearModel:
    """Multinomial logistic regression over named sparse features.

    ``classes`` fixes the order (and keeps classes absent from this sample,
    with no weights, so that every fold's model has the same outputs).
    """
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    present = sorted(set(y))
    classes = tuple(classes or present)
    if len(present) == 1:
        # Nothing to learn: a constant decision.
        bias = tuple(0.0 if c == present[0] else -20.0 for c in classes)
        return LinearModel(name=name, classes=classes, weights={}, bias=bias,
                           meta={"examples": len(y), "constant": present[0]})
    vec = DictVectorizer(sparse=True)
    matrix = vec.fit_transform([dict(x) for x in X])
    model = LogisticRegression(C=C, max_iter=5000, class_weight="balanced" if balanced else None)
    model.fit(matrix, list(y), sample_weight=weights)
    coef, intercept = model.coef_, model.intercept_
    if len(model.classes_) == 2:  # scikit-learn keeps one column for two classes
        coef = [[-c / 2 for c in coef[0]], [c / 2 for c in coef[0]]]
        intercept = [-intercept[0] / 2, intercept[0] / 2]
        coef = list(zip(*coef))
    else:
        coef = list(zip(*coef))
    fitted = list(model.classes_)
    weights = {}
    for feature, column in zip(vec.get_feature_names_out(), coef):
        by_class = dict(zip(fitted, column))
        row = tuple(float(by_class.get(c, 0.0)) for c in classes)
        if any(abs(w) > 1e-6 for w in row):
            weights[str(feature)] = row
    by_class = dict(zip(fitted, intercept))
    bias = tuple(float(by_class.get(c, -20.0)) for c in classes)
    return LinearModel(name=name, classes=classes, weights=weights, bias=bias,
                       meta={"examples": len(y), "C": C})

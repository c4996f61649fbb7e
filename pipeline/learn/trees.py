"""A boosted-trees decision stored as a small JSON file.

Where a decision's evidence interacts (a country named first matters in a
readout and not in a list of participants; a large share of the mentions
matters only when the country is also named early), shallow trees read the
interactions that a linear model over the same named features cannot.  Like
:class:`~pipeline.learn.linear.LinearModel` it scores a dict of named
features with no vectoriser, NumPy or pickle at extraction time, and its file
is plain JSON.  Only yes/no decisions are fitted this way.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pipeline.learn.linear import Features

#: One node: (feature, threshold, left, right, value).  A leaf has feature
#: None; a sample goes left when its feature's value is <= threshold (an
#: absent feature is 0.0).
Node = tuple[str | None, float, int, int, float]


@dataclass
class TreeModel:
    name: str
    classes: tuple[str, str]
    #: the log-odds of the second class before any tree
    init: float
    trees: list[list[Node]]
    temperature: float = 1.0
    meta: dict = field(default_factory=dict)

    def scores(self, features: Features) -> list[float]:
        """(0, log-odds of the second class): softmax of it is the probability."""
        return [0.0, self._compiled(features.get)]

    @cached_property
    def _compiled(self) -> Callable[[Callable[[str, float], float]], float]:
        """The trees as one Python function of nested comparisons.

        Walking 200 trees node by node costs a few hundred interpreted steps
        per candidate; as code, each feature is read once and each node is
        one comparison of local floats (the way treelite or m2cgen turn trees
        into code).  Built from the numbers alone: every name is a literal
        (``repr``) and every threshold and value a float."""
        names = sorted({node[0] for nodes in self.trees for node in nodes if node[0] is not None})
        local = {name: f"x{i}" for i, name in enumerate(names)}
        lines = ["def score(get):"]
        lines += [f"    {local[name]} = get({name!r}, 0.0)" for name in names]
        lines.append(f"    total = {float(self.init)!r}")

        def emit(nodes: list[Node], i: int, depth: int) -> None:
            feature, threshold, left, right, value = nodes[i]
            pad = "    " * depth
            if feature is None:
                lines.append(f"{pad}total += {float(value)!r}")
                return
            lines.append(f"{pad}if {local[feature]} <= {float(threshold)!r}:")
            emit(nodes, int(left), depth + 1)
            lines.append(f"{pad}else:")
            emit(nodes, int(right), depth + 1)

        for nodes in self.trees:
            emit(nodes, 0, 1)
        lines.append("    return total")
        namespace: dict = {}
        exec(compile("\n".join(lines), f"<trees {self.name}>", "exec"), namespace)  # noqa: S102
        return namespace["score"]

    def proba(self, features: Features) -> dict[str, float]:
        z = self.scores(features)[1] / self.temperature
        p = 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0
        return {self.classes[0]: 1.0 - p, self.classes[1]: p}

    def best(self, features: Features) -> tuple[str, float]:
        probs = self.proba(features)
        label = max(probs, key=probs.__getitem__)
        return label, probs[label]

    # -- persistence -----------------------------------------------------------------

    def to_json(self) -> dict:
        return {"name": self.name, "type": "trees", "classes": list(self.classes),
                "init": round(self.init, 6), "temperature": round(self.temperature, 4), "meta": self.meta,
                "trees": [[[f, round(t, 6), left, right, round(v, 6)] for f, t, left, right, v in nodes]
                          for nodes in self.trees]}

    @classmethod
    def from_json(cls, data: dict) -> TreeModel:
        return cls(name=data["name"], classes=tuple(data["classes"]), init=data["init"],
                   trees=[[tuple(node) for node in nodes] for nodes in data["trees"]],
                   temperature=data.get("temperature", 1.0), meta=data.get("meta", {}))

    def save(self, path: Path) -> None:
        """One tree per line (a retrained file's diff shows which trees changed)."""
        data = self.to_json()
        trees = data.pop("trees")
        head = json.dumps(data, indent=1, ensure_ascii=False)[:-2]
        lines = ",\n".join("  " + json.dumps(nodes, ensure_ascii=False, separators=(",", ":")) for nodes in trees)
        path.write_text(f'{head},\n "trees": [\n{lines}\n ]\n}}\n', "utf-8")

    @classmethod
    def load(cls, path: Path) -> TreeModel:
        return cls.from_json(json.loads(Path(path).read_text("utf-8")))

"""Pin the quality gates: measure every set of ``pipeline.learn.quality.SETS``
and write its per-field F1 to ``tests/real/baselines.json``.

Raising a baseline is a deliberate commit: run this after an improvement,
look at the diff, commit it with the change that earned it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.learn.quality import SETS, evaluate_set  # noqa: E402

BASELINES = ROOT / "tests" / "real" / "baselines.json"


def main() -> None:
    baselines = {}
    for name in SETS:
        evaluation = evaluate_set(name)
        if evaluation is None:
            raise SystemExit(f"set {name}: no documents (is ../shared present?)")
        baselines[name] = {"documents": len(evaluation.per_document),
                           "macro_f1": round(evaluation.macro_f1, 4),
                           "f1": {f: round(s.f1, 4) for f, s in evaluation.totals.items()}}
        print(name, baselines[name]["documents"], baselines[name]["macro_f1"])
    BASELINES.write_text(json.dumps(baselines, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()

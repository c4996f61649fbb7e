"""Each learned decision's quality for a range of inverse regularisation
strengths C: under 5-fold cross-validation on the development part, and on
the calibration part (fitted on all the development part), as training
measures its variants.  The C of each decision in
``pipeline/learn/decisions.py`` is chosen from this table.

    python tools/sweep_c.py [--c 0.25,0.5,1,2,4]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--c", default="0.25,0.5,1,2,4", help="comma-separated values of C")
    args = parser.parse_args()
    from pipeline.goldset import load_split
    from pipeline.learn.dataset import load_examples
    from pipeline.learn.train import regularisation_sweep

    strengths = [float(c) for c in args.c.split(",")]
    docs = load_split(part="dev")
    if not docs:
        raise SystemExit("no annotated documents: ../shared is missing")
    keys = {d.key for d in docs}
    held_out = load_examples([d for d in load_split(part="calibration") if d.key not in keys])
    table = regularisation_sweep(load_examples(docs), held_out, strengths)
    print(f"{'decision':<16}" + "".join(f"{'C=' + format(c, 'g'):>20}" for c in strengths))
    print(f"{'':<16}" + "".join(f"{'CV / calibration':>20}" for _ in strengths))
    for name, by_c in table.items():
        cells = "".join(f"{cv:>11.4f} / {'-' if held is None else format(held, '.4f'):>6}"
                        for cv, held in by_c.values())
        print(f"{name:<16}{cells}")


if __name__ == "__main__":
    main()

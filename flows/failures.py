"""How many failed documents a run tolerates before its state is Failed.

A scheduled run in which some documents failed must not look green: Prefect's
notifications and automations react to the run's final state.  By default one
failed document fails the run; ``max_failures`` tolerates a number of
documents (an int, ``3``) or a share of them (a fraction below 1, ``0.1``).
"""

from __future__ import annotations

import math


def parse_max_failures(text: str) -> int | float:
    """``"3"`` -> 3 documents; ``"0.1"`` or ``"10%"`` -> a tenth of them."""
    raw = text.strip()
    try:
        value = float(raw[:-1]) / 100 if raw.endswith("%") else float(raw)
    except ValueError:
        raise ValueError(f"{text!r} is neither a number of documents (3) nor a share (0.1, 10%)") from None
    if value < 0 or math.isnan(value) or math.isinf(value):
        raise ValueError(f"{text!r} must be 0 or more")
    if raw.endswith("%") and value >= 1:
        raise ValueError(f"{text!r}: a share is below 100% (to tolerate any number, give a count)")
    if value >= 1 and not value.is_integer():
        raise ValueError(f"{text!r}: a number of documents is whole (3), a share is below 1 (0.1)")
    return int(value) if value >= 1 or value == 0 else value


def allowed_failures(max_failures: int | float, documents: int) -> int:
    """The number of failed documents tolerated among ``documents``."""
    if max_failures < 1:
        return math.floor(max_failures * documents + 1e-9)
    return int(max_failures)


def run_failed(failed: int, documents: int, max_failures: int | float) -> bool:
    return failed > allowed_failures(max_failures, documents)


def describe(max_failures: int | float) -> str:
    if max_failures == 0:
        return "no failed document is tolerated"
    if max_failures < 1:
        return f"up to {max_failures:.0%} of the documents may fail"
    return f"up to {int(max_failures)} documents may fail"

"""Word lists and patterns kept as data (``pipeline/data/*.toml``), and the
trained decisions (``pipeline/trained/*.json``), loaded once per process.

Every data file names its source in its header; nothing in them comes from
one particular document.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
TRAINED_DIR = Path(__file__).resolve().parent / "trained"


@lru_cache(maxsize=None)
def load_data(name: str) -> dict:
    """A TOML data file by stem: ``load_data("kind_cues")``."""
    with (DATA_DIR / f"{name}.toml").open("rb") as f:
        return tomllib.load(f)


@dataclass(frozen=True)
class Cue:
    name: str
    where: str
    pattern: re.Pattern
    count: int = 1  # how many times the pattern must occur
    kind: str = "other"  # (a genre rule's) the kind it gives the page
    title: re.Pattern | None = None  # (a genre rule's) what the title must say as well


@lru_cache(maxsize=None)
def cues(name: str, table: str = "cue") -> tuple[Cue, ...]:
    """Named regular-expression cues of a data file."""
    out = []
    for entry in load_data(name)[table]:
        flags = re.M | (0 if entry.get("case_sensitive") else re.I)
        title = re.compile(entry["title"], re.M | re.I) if "title" in entry else None
        out.append(Cue(entry["name"], entry.get("where", "text"), re.compile(entry["pattern"], flags),
                       entry.get("count", 1), entry.get("kind", "other"), title))
    return tuple(out)


_override: dict | None = None


def trained(name: str):
    """A trained decision (``trained/<name>.json``), or the model that
    :func:`using_models` put in its place."""
    if _override is not None:
        return _override[name]
    return _trained_file(name)


@lru_cache(maxsize=None)
def _trained_file(name: str):
    path = TRAINED_DIR / f"{name}.json"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: run `tenets train` to make the trained decisions")
    return load_trained(path)


def load_trained(path: Path):
    """A trained file, read as what it holds: the field calibration, a
    boosted-trees decision or a linear one."""
    import json

    from pipeline.learn.calibration import FieldCalibration
    from pipeline.learn.linear import LinearModel
    from pipeline.learn.trees import TreeModel

    data = json.loads(Path(path).read_text("utf-8"))
    if Path(path).stem == "calibration":
        return FieldCalibration.from_json(data)
    return TreeModel.from_json(data) if data.get("type") == "trees" else LinearModel.from_json(data)


@contextmanager
def using_models(models: dict | None):
    """Extract with these models instead of the files (cross-validation)."""
    global _override
    previous, _override = _override, models if models is not None else _override
    try:
        yield
    finally:
        _override = previous

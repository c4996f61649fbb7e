"""The real annotated documents: where each one's text and gold record are,
and which part of the split (development or test) it belongs to.

``tests/real/split.tsv`` lists every annotated real document with its
publisher, kind and part.  Texts stay in ``../shared`` (they are not copied
into the repository); gold files are in ``tests/`` for the corpus and the
pool sample, and in ``../shared`` for the extra and training corpora.  A
document whose text or gold is absent is skipped, so the tests that need the
shared folder skip cleanly where it is missing.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SPLIT = ROOT / "tests" / "real" / "split.tsv"
DEFAULT_SHARED = ROOT.parent / "shared"


@dataclass(frozen=True)
class GoldDocument:
    key: str          # "corpus-train/ts01_...", "corpus-pool/dos-27f479cfb3"
    set: str          # corpus | extra | train | pool
    publisher: str
    kind: str         # the stratum's kind (gold kind; the pool's title guess)
    part: str         # dev | test
    text_path: Path | None
    gold_path: Path

    def read_text(self) -> str:
        """The annotated text (a reviewed record carries its own)."""
        if self.text_path is None:
            return self.gold["text"]
        return self.text_path.read_text("utf-8")

    @property
    def name(self) -> str:
        return self.key.split("/", 1)[1]

    @property
    def annotated_by(self) -> str:
        """Whose gold it is: "independent" (the extra and training corpora,
        annotated outside the project with DESIGN.md's conventions, as the
        independent evaluation is), "reviewers" (exports) or "project" (the
        corpus and the pool pages this project annotated)."""
        return _ANNOTATED_BY.get(self.set, "project")

    @cached_property
    def gold(self) -> dict:
        return json.loads(self.gold_path.read_text("utf-8"))

    @property
    def html_path(self) -> Path | None:
        """The page's original HTML body, where the annotated set keeps it
        (805 pool pages and 31 of the training corpus); None otherwise."""
        if self.text_path is None:
            return None
        folder = self.text_path.parent
        pool = self.key.startswith("corpus-pool/")
        path = (folder.parent / "html" if pool else folder) / f"{self.text_path.stem}.html"
        return path if path.is_file() else None

    @property
    def available(self) -> bool:
        return (self.text_path is None or self.text_path.is_file()) and self.gold_path.is_file()


_ANNOTATED_BY = {"extra": "independent", "train": "independent", "reviewed": "reviewers"}


def _paths(key: str, shared: Path) -> tuple[Path, Path]:
    folder, name = key.split("/", 1)
    if folder == "corpus":
        return ROOT / "corpus" / f"{name}.txt", ROOT / "tests" / "gold" / f"{name}.json"
    if folder == "corpus-pool":
        return (shared / "corpus-pool" / "text" / f"{name}.txt",
                ROOT / "tests" / "real" / "pool" / f"{name}.json")
    return shared / folder / "docs" / f"{name}.txt", shared / folder / "gold" / f"{name}.json"


def load_split(split_file: Path = DEFAULT_SPLIT, shared: Path = DEFAULT_SHARED, *,
               part: str | None = None, include_missing: bool = False) -> list[GoldDocument]:
    """The annotated documents of the split (one part, or all)."""
    docs = []
    with Path(split_file).open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if part and row["part"] != part:
                continue
            text_path, gold_path = _paths(row["document"], Path(shared))
            doc = GoldDocument(key=row["document"], set=row["set"], publisher=row["publisher"],
                               kind=row["kind"], part=row["part"], text_path=text_path,
                               gold_path=gold_path)
            if include_missing or doc.available:
                docs.append(doc)
    return docs


def load_reviewed(directory: Path) -> list[GoldDocument]:
    """Reviewers' exports (``tenets review export``): each carries its record's text."""
    docs = []
    for path in sorted(Path(directory).glob("*.json")):
        doc = GoldDocument(key=f"reviewed/{path.stem}", set="reviewed", publisher="reviewed",
                           kind="", part="dev", text_path=None, gold_path=path)
        if "text" in doc.gold:
            docs.append(doc)
    return docs

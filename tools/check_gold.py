"""Check gold files against the annotation format and their document's text.

    python tools/check_gold.py tests/real/pool/dos-27f479cfb3.json [...]

Each gold file names its document (``"document"``: a path relative to
``../shared``, or for the older sets the document of the same name).  Every
evidence string, name, principle and recommendation must be a verbatim
substring of the document; kinds, roles and date values must be well formed.
Prints one line per problem and exits 1 if there is any.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
KINDS = {"joint_statement", "press_release", "readout", "report", "other"}
DATE_ROLES = {"published", "signed", "event", "referenced", "other"}
PEOPLE_ROLES = {"quoted", "speaker", "host", "author", "member", "other"}
DATE_VALUE = re.compile(r"^(?:\d{4}(?:-\d{2}(?:-\d{2})?)?|--\d{2}-\d{2})$")
KEYS = ("kind", "title", "dates", "parties", "signatories", "people", "principles",
        "recommendations")


def problems(gold: dict, text: str) -> list[str]:
    out = []
    missing = [k for k in KEYS if k not in gold]
    if missing:
        return [f"missing keys {missing}"]
    if gold["kind"] not in KINDS:
        out.append(f"kind {gold['kind']!r}")

    def verbatim(what: str, value: str | None) -> None:
        if value and value not in text:
            out.append(f"{what} not verbatim in the document: {value[:90]!r}")

    verbatim("title", gold["title"])
    for d in gold["dates"]:
        if not DATE_VALUE.match(str(d.get("date"))):
            out.append(f"date value {d.get('date')!r}")
        if d.get("role") not in DATE_ROLES:
            out.append(f"date role {d.get('role')!r}")
        verbatim("date evidence", d.get("evidence"))
    seen = set()
    for d in gold["dates"]:
        key = (d.get("date"), d.get("role"))
        if key in seen:
            out.append(f"duplicate date entry {key}")
        seen.add(key)
    for p in gold["parties"]:
        if not isinstance(p, str) or not p.strip():
            out.append(f"party {p!r} (a name string)")
    for s in gold["signatories"]:
        verbatim("signatory name", s.get("name"))
        verbatim("signatory evidence", s.get("evidence"))
    for p in gold["people"]:
        verbatim("person name", p.get("name"))
        if p.get("role") not in PEOPLE_ROLES:
            out.append(f"person role {p.get('role')!r}")
    for p in gold["principles"]:
        verbatim("principle", p)
    for r in gold["recommendations"]:
        verbatim("recommendation", r.get("text"))
    return out


def document_text(gold_path: Path, gold: dict) -> str:
    doc = gold.get("document")
    if not doc:
        raise SystemExit(f"{gold_path}: no \"document\" key naming the annotated text")
    return (SHARED / doc).read_text("utf-8")


def main(paths: list[str]) -> int:
    bad = 0
    for name in paths:
        path = Path(name)
        try:
            gold = json.loads(path.read_text("utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            print(f"{path}: cannot read: {exc}")
            bad += 1
            continue
        for problem in problems(gold, document_text(path, gold)):
            print(f"{path}: {problem}")
            bad += 1
    if not bad:
        print(f"{len(paths)} file(s) ok")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

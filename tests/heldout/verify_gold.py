"""Check the held-out gold records against their documents (standalone: python verify_gold.py).

Every gold file must load as JSON with exactly the corpus-extra keys, and every evidence
string, name, principle, recommendation text and the title must be a verbatim substring
of the document with the same stem. Also checks date formats, roles, kinds and that no
(value, role) pair is repeated.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
KEYS = ["kind", "title", "dates", "parties", "signatories", "people", "principles", "recommendations"]
KINDS = {"joint_statement", "press_release", "readout", "report", "other"}
DATE_ROLES = {"published", "signed", "event", "referenced", "other"}
PEOPLE_ROLES = {"quoted", "speaker", "host", "author", "member", "other"}
DATE_RE = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}-\d{2})$")


def check(stem: str, doc: str, g: dict) -> list[str]:
    errs = []
    def sub(what, s):
        if not isinstance(s, str) or not s or s not in doc:
            errs.append(f"{what} not a substring: {s!r}")
    if list(g) != KEYS:
        errs.append(f"keys {list(g)}")
    if g["kind"] not in KINDS:
        errs.append(f"kind {g['kind']!r}")
    sub("title", g["title"])
    if doc.split("\n", 1)[0] != g["title"]:
        errs.append("title is not the first line")
    seen = set()
    for x in g["dates"]:
        if set(x) != {"date", "role", "evidence"}:
            errs.append(f"date keys {x}")
        if not DATE_RE.match(x["date"]):
            errs.append(f"date value {x['date']!r}")
        if x["role"] not in DATE_ROLES:
            errs.append(f"date role {x['role']!r}")
        if (x["date"], x["role"]) in seen:
            errs.append(f"duplicate date {x['date']} {x['role']}")
        seen.add((x["date"], x["role"]))
        sub("date evidence", x["evidence"])
    for x in g["signatories"]:
        if set(x) != {"name", "title", "organization", "country", "evidence"}:
            errs.append(f"signatory keys {x}")
        sub("signatory name", x["name"])
        sub("signatory evidence", x["evidence"])
        if x["name"] not in x["evidence"]:
            errs.append(f"signatory name not in its evidence: {x['name']!r}")
    signers = {x["name"] for x in g["signatories"]}
    for x in g["people"]:
        if set(x) != {"name", "role", "title", "organization"}:
            errs.append(f"person keys {x}")
        if x["role"] not in PEOPLE_ROLES:
            errs.append(f"person role {x['role']!r}")
        if x["name"] in signers:
            errs.append(f"signatory also listed in people: {x['name']!r}")
        sub("person name", x["name"])
    for t in g["principles"]:
        sub("principle", t)
    for x in g["recommendations"]:
        if set(x) != {"number", "text"}:
            errs.append(f"recommendation keys {x}")
        sub("recommendation", x["text"])
    words = len(doc.split())
    if not 150 <= words <= 700:
        errs.append(f"{words} words")
    return errs


def main() -> int:
    docs = {p.stem: p for p in (HERE / "docs").glob("*.txt")}
    golds = {p.stem: p for p in (HERE / "gold").glob("*.json")}
    bad = 0
    if set(docs) != set(golds):
        print("unpaired:", sorted(set(docs) ^ set(golds)))
        bad += 1
    for stem in sorted(set(docs) & set(golds)):
        doc = docs[stem].read_text(encoding="utf-8")
        try:
            g = json.loads(golds[stem].read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            print(f"{stem}: invalid JSON: {e}")
            bad += 1
            continue
        errs = check(stem, doc, g)
        bad += bool(errs)
        print(f"{'FAIL' if errs else 'ok  '} {stem}")
        for e in errs:
            print("     ", e)
    print(f"{len(golds)} gold files, {bad} with problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

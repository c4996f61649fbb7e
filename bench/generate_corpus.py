"""Make a synthetic corpus of N documents from the bundled ones.

    python bench/generate_corpus.py OUT_DIR -n 1000 --seed 7 [--formats txt,html,pdf]

Each document is a bundled document (corpus/ and tests/heldout*/docs) with its
countries, person names and years replaced consistently by others, its lists
shuffled, and written as text, HTML (with site furniture) or PDF.  The same
seed gives the same corpus, so benchmark runs compare like with like.
"""

from __future__ import annotations

import argparse
import html
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COUNTRIES = ["Australia", "Austria", "Belgium", "Brazil", "Canada", "Chile", "Denmark", "Estonia",
             "Finland", "France", "Germany", "Ghana", "Greece", "India", "Ireland", "Italy", "Japan",
             "Kenya", "Mexico", "Netherlands", "New Zealand", "Nigeria", "Norway", "Peru", "Poland",
             "Portugal", "Rwanda", "Singapore", "Spain", "Sweden", "Switzerland", "Uruguay",
             "Vietnam"]
GIVEN = ["Amina", "Bruno", "Chen", "Dalia", "Erik", "Fatima", "Goran", "Hana", "Ivan", "Julia",
         "Kenji", "Lucia", "Marek", "Nadia", "Omar", "Paula", "Rafael", "Sofia", "Tomas", "Ulla"]
FAMILY = ["Andersen", "Baptiste", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Hoffmann",
          "Ivanova", "Jensen", "Kowalski", "Larsen", "Moreau", "Novak", "Okafor", "Petrova",
          "Rossi", "Silva", "Tanaka", "Varga"]
_COUNTRY_RE = re.compile(r"\b(" + "|".join(sorted(
    {"Australia", "Canada", "Denmark", "Finland", "France", "Germany", "Japan", "Sweden",
     "Switzerland", "Netherlands", "Chile", "Singapore", "Uruguay", "Kenya", "Ghana", "Estonia"},
    key=len, reverse=True)) + r")\b")
_PERSON_RE = re.compile(r"\b(Jason Matheny|Charles Tahan|Eric Lander|George Freeman|Kelvin Droegemeier|"
                        r"Michael Kratsios|Jake Taylor|Arati Prabhakar|Kei Koizumi)\b")
_YEAR_RE = re.compile(r"(?<![\d/])(20[0-2]\d)(?![\d/])")


def templates() -> list[Path]:
    paths = sorted((ROOT / "corpus").glob("*.txt"))
    for folder in ("heldout", "heldout2"):
        paths += sorted((ROOT / "tests" / folder / "docs").glob("*.txt"))
    return paths


def vary(text: str, rng: random.Random) -> str:
    countries = rng.sample(COUNTRIES, len(COUNTRIES))
    country_map: dict[str, str] = {}
    text = _COUNTRY_RE.sub(lambda m: country_map.setdefault(m.group(1), countries[len(country_map)]), text)
    people: dict[str, str] = {}
    text = _PERSON_RE.sub(lambda m: people.setdefault(
        m.group(1), f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"), text)
    shift = rng.randint(-3, 3)
    text = _YEAR_RE.sub(lambda m: str(int(m.group(1)) + shift), text)
    # Shuffle each run of bullet items (lists of principles, commitments ...).
    lines, out, run = text.split("\n"), [], []
    for line in lines + [""]:
        if line.lstrip().startswith(("- ", "• ")):
            run.append(line)
            continue
        if run:
            rng.shuffle(run)
            out += run
            run = []
        out.append(line)
    return "\n".join(out[:-1])


def to_html(text: str, title: str) -> str:
    body = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        if all(ln.startswith(("- ", "• ")) for ln in lines):
            body.append("<ul>" + "".join(f"<li>{html.escape(ln[2:])}</li>" for ln in lines) + "</ul>")
        else:
            body.extend(f"<p>{html.escape(ln.lstrip('#* '))}</p>" for ln in lines)
    return ("<!doctype html><html><head><meta charset='utf-8'><title>" + html.escape(title)
            + " | Example Office</title></head><body>"
            "<header><div class='banner'>An official website of the United States government</div>"
            "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav></header>"
            "<main><article><h1>" + html.escape(title) + "</h1>" + "".join(body[1:]) + "</article></main>"
            "<footer><p>Stay Connected</p><a href='/privacy'>Privacy</a></footer></body></html>")


def to_pdf(text: str, path: Path) -> None:
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    story = []
    for i, block in enumerate(re.split(r"\n\s*\n", text.strip())):
        for line in [ln.strip() for ln in block.split("\n") if ln.strip()]:
            style = styles["Title"] if i == 0 else styles["BodyText"]
            story.append(Paragraph(html.escape(line.lstrip("#* ")), style))
        story.append(Spacer(1, 6))
    SimpleDocTemplate(str(path), pagesize=letter).build(story)


def generate(out_dir: Path, n: int, seed: int = 7, formats: tuple[str, ...] = ("txt", "html")) -> list[Path]:
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    sources = [(p, p.read_text("utf-8")) for p in templates()]
    written = []
    for i in range(n):
        path, text = sources[i % len(sources)]
        text = vary(text, rng)
        fmt = formats[i % len(formats)]
        target = out_dir / f"doc{i:05d}_{path.stem[:40]}.{fmt}"
        if fmt == "txt":
            target.write_text(text, "utf-8")
        elif fmt == "html":
            title = next((ln.strip("#* ") for ln in text.split("\n") if ln.strip()), "Document")
            target.write_text(to_html(text, title), "utf-8")
        elif fmt == "pdf":
            to_pdf(text, target)
        written.append(target)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("-n", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--formats", default="txt,html,pdf")
    args = parser.parse_args()
    paths = generate(args.out_dir, args.n, args.seed, tuple(args.formats.split(",")))
    print(f"{len(paths)} documents in {args.out_dir}")


if __name__ == "__main__":
    main()

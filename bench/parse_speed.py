"""Parser speed against the bare libraries, on the same inputs, in one run.

    python bench/parse_speed.py [--repeat 3] [--no-memory]

Inputs are built from the bundled documents (corpus/ and, when present,
../shared/corpus-extra/docs) by the test fixtures: each document typeset as
a PDF (the NSTC report with its title page, two-column section, footnotes and
tables) and as a web page with its site furniture.

- PDF: ``pipeline.parse.pdf.parse_pdf`` (lines, columns, headers, footnotes,
  headings, tables, hyphenation) against pdfplumber's bare
  ``page.extract_text()`` over every page.  Goal: at most 1.5x.
- HTML: ``pipeline.parse.html.parse_html`` (charset, main content, blocks,
  metadata) against BeautifulSoup's bare ``get_text()`` with lxml.  Goal: at
  most 2x.

Each side runs ``--repeat`` times, alternating, and the fastest run counts
(the least disturbed by the rest of the machine).  With ``--memory`` (the
default) it also shows that PDF parsing holds one page at a time: the peak
memory of a three times longer PDF is not three times higher.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
import tracemalloc
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the fixture builders

import pdfplumber  # noqa: E402
from bs4 import BeautifulSoup  # noqa: E402
from fixtures.html_pages import html_page  # noqa: E402
from fixtures.pdf_report import report_pdf  # noqa: E402

from pipeline.fetch import RawDocument  # noqa: E402
from pipeline.parse.html import parse_html  # noqa: E402
from pipeline.parse.pdf import parse_pdf  # noqa: E402
from pipeline.sources import Source  # noqa: E402

REPORT = "001_deaef4ef2796e198"


def documents() -> list[Path]:
    docs = sorted((ROOT / "corpus").glob("*.txt"))
    extra = ROOT.parent / "shared" / "corpus-extra" / "docs"
    return docs + (sorted(extra.glob("*.txt")) if extra.is_dir() else [])


def raw(doc_id: str, data: bytes, media_type: str) -> RawDocument:
    return RawDocument(source=Source(id=doc_id, uri=f"bench:{doc_id}"), data=data, media_type=media_type,
                       sha256="0" * 64, fetched_at=datetime.now(timezone.utc))


def build_inputs() -> tuple[list[RawDocument], list[RawDocument]]:
    pdfs, pages = [], []
    for path in documents():
        text = path.read_text("utf-8")
        options = {"two_column_heading": "ABOUT THE NATIONAL SCIENCE AND TECHNOLOGY COUNCIL",
                   "running_title": "Advancing International Cooperation in QIST"} \
            if path.stem == REPORT else {"running_title": "Briefing Room"}
        pdfs.append(raw(path.stem, report_pdf(text, **options), "application/pdf"))
        pages.append(raw(path.stem, html_page(path.stem, text).encode("utf-8"), "text/html"))
    return pdfs, pages


def bare_pdf(doc: RawDocument) -> int:
    with pdfplumber.open(io.BytesIO(doc.data)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()
        return len(pdf.pages)


def full_pdf(doc: RawDocument) -> int:
    return parse_pdf(doc).pages


def bare_html(doc: RawDocument) -> int:
    BeautifulSoup(doc.data, "lxml").get_text()
    return 1


def full_html(doc: RawDocument) -> int:
    parse_html(doc)
    return 1


def timed(func, docs: list[RawDocument]) -> tuple[float, int]:
    started = time.perf_counter()
    units = sum(func(d) for d in docs)
    return time.perf_counter() - started, units


def compare(name: str, bare, full, docs: list[RawDocument], repeat: int, unit: str, goal: float) -> float:
    best_bare = best_full = float("inf")
    units = 0
    for _ in range(repeat):
        seconds, units = timed(bare, docs)
        best_bare = min(best_bare, seconds)
        seconds, _ = timed(full, docs)
        best_full = min(best_full, seconds)
    ratio = best_full / best_bare
    print(f"{name}: {len(docs)} docs, {units} {unit}")
    print(f"  bare      {best_bare:7.3f} s  {units / best_bare:8.1f} {unit}/s  {len(docs) / best_bare:7.1f} docs/s")
    print(f"  tenets    {best_full:7.3f} s  {units / best_full:8.1f} {unit}/s  {len(docs) / best_full:7.1f} docs/s")
    print(f"  ratio     {ratio:7.2f}x  (goal <= {goal}x: {'met' if ratio <= goal else 'NOT met'})")
    return ratio


def peak_memory(doc: RawDocument) -> tuple[int, int]:
    tracemalloc.start()
    pages = parse_pdf(doc).pages
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return pages, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per side; the fastest counts")
    parser.add_argument("--no-memory", action="store_true", help="skip the peak-memory check")
    args = parser.parse_args()

    pdfs, pages = build_inputs()
    print(f"inputs: {len(pdfs)} documents from corpus/ and the extra corpus, as PDF and as HTML\n")
    pdf_ratio = compare("PDF  (parse_pdf vs pdfplumber page.extract_text)", bare_pdf, full_pdf, pdfs,
                        args.repeat, "pages", 1.5)
    print()
    html_ratio = compare("HTML (parse_html vs BeautifulSoup get_text)", bare_html, full_html, pages,
                         args.repeat, "pages", 2.0)
    if not args.no_memory:
        text = (ROOT / "corpus" / f"{REPORT}.txt").read_text("utf-8")
        one = raw("x1", report_pdf(text, running_title="Report"), "application/pdf")
        three = raw("x3", report_pdf("\n\n".join([text] * 3), running_title="Report"), "application/pdf")
        (p1, m1), (p3, m3) = peak_memory(one), peak_memory(three)
        print(f"\nPDF peak memory (tracemalloc): {p1} pages {m1 / 1e6:.1f} MB, {p3} pages {m3 / 1e6:.1f} MB "
              f"({m3 / m1:.2f}x for {p3 / p1:.1f}x the pages)")
    print(f"\nratios: PDF {pdf_ratio:.2f}x (goal 1.5x), HTML {html_ratio:.2f}x (goal 2x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Extraction speed on the pool's real texts, beside spaCy's tokenizer on the
same texts in the same run (the floor any spaCy-based extractor pays).

    python bench/extract_speed.py [--limit N] [--profile]

Prints documents per second (one core) for: parse (text parser), the
tokenizer alone, extraction (make_context + every extractor, trained
decisions included), and the ratio extraction / tokenizer.
"""

from __future__ import annotations

import argparse
import cProfile
from collections import Counter
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
POOL = ROOT.parent / "shared" / "corpus-pool" / "text"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N texts")
    parser.add_argument("--profile", action="store_true", help="print the top functions of extraction")
    parser.add_argument("--tottime", action="store_true", help="sort the profile by own time")
    parser.add_argument("--fields", action="store_true",
                        help="print each field's share of extraction time (a drifting machine slows every "
                             "field alike: shares compare two commits where docs/s cannot)")
    args = parser.parse_args()
    from pipeline.extract import extract
    from pipeline.nlp import get_nlp
    from pipeline.parse.text import parse_text

    paths = sorted(POOL.glob("*.txt"))
    if args.limit:
        paths = paths[:args.limit]
    if not paths:
        raise SystemExit(f"no texts in {POOL}")
    texts = [p.read_text("utf-8") for p in paths]
    nlp = get_nlp()
    extract(parse_text(texts[0]))  # load models and lexicons outside the timings
    spent = _time_fields() if args.fields else None

    t0 = time.perf_counter()
    parsed = [parse_text(t) for t in texts]
    t_parse = time.perf_counter() - t0

    t0 = time.perf_counter()
    for p in parsed:
        nlp.tokenizer(p.text)
    t_tok = time.perf_counter() - t0

    profiler = cProfile.Profile() if args.profile else None
    t0 = time.perf_counter()
    if profiler:
        profiler.enable()
    for p in parsed:
        extract(p)
    if profiler:
        profiler.disable()
    t_extract = time.perf_counter() - t0

    n = len(texts)
    chars = sum(len(p.text) for p in parsed)
    print(f"{n} pool texts, {chars / n:,.0f} characters on average")
    print(f"parse (text parser)     {n / t_parse:8.1f} docs/s")
    print(f"spaCy tokenizer alone   {n / t_tok:8.1f} docs/s")
    print(f"extraction              {n / t_extract:8.1f} docs/s  "
          f"({t_extract / t_tok:.1f}x the tokenizer's time)")
    if spent:
        total = sum(spent.values())
        print("share of extraction: " + ", ".join(f"{field} {seconds / total:.1%}"
                                                for field, seconds in spent.most_common()))
    if profiler:
        pstats.Stats(profiler).sort_stats("tottime" if "--tottime" in sys.argv else "cumulative").print_stats(35)


def _time_fields() -> Counter:
    """Wrap every registered extractor, and the spaCy analysis, to add up their time."""
    import pipeline.extract as extraction

    spent: Counter = Counter()
    for field, func in list(extraction.REGISTRY.items()):
        def timed(ctx, func=func, field=field):
            t0 = time.perf_counter()
            try:
                return func(ctx)
            finally:
                spent[field] += time.perf_counter() - t0
        extraction.REGISTRY[field] = timed
    make_context = extraction.make_context

    def timed_context(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return make_context(*args, **kwargs)
        finally:
            spent["spaCy analysis"] += time.perf_counter() - t0
    extraction.make_context = timed_context
    return spent


if __name__ == "__main__":
    main()

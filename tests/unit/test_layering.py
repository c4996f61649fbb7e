"""The library stands alone: ``pipeline`` never imports the orchestrator
(``prefect``) or the flows (``flows``), and parsing depends neither on the
HTTP client nor on the extractor's word lists.  Checked in a fresh
interpreter, so nothing imported by another test hides an import."""

from __future__ import annotations

import json
import subprocess
import sys

_PROBE = r"""
import importlib, json, pkgutil, sys
import pipeline

failed = {}
for info in pkgutil.walk_packages(pipeline.__path__, "pipeline."):
    try:
        importlib.import_module(info.name)
    except ImportError as exc:  # an optional dependency that is not installed
        failed[info.name] = str(exc)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("prefect", "flows"))
print(json.dumps({"loaded": loaded, "failed": failed,
                  "modules": sorted(m for m in sys.modules if m.startswith("pipeline"))}))
"""


def _run(code: str) -> dict:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_importing_every_pipeline_module_never_imports_flows_or_prefect():
    report = _run(_PROBE)
    assert len(report["modules"]) > 30  # the walk did reach the whole package
    assert report["loaded"] == []
    assert not any("prefect" in why or "flows" in why for why in report["failed"].values())


def test_parsing_needs_neither_the_http_client_nor_the_name_lexicon():
    report = _run("""
import json, sys
import pipeline.parse, pipeline.parse.text, pipeline.parse.html, pipeline.parse.pdf
print(json.dumps({"loaded": sorted(m for m in sys.modules
                                   if m in ("pipeline.fetch", "httpx", "pipeline.gazetteer"))}))
""")
    assert report["loaded"] == []


def test_the_raw_document_is_its_own_model():
    from pipeline import fetch
    from pipeline.raw import RawDocument

    assert RawDocument.__module__ == "pipeline.raw"
    assert fetch.RawDocument is RawDocument  # callers of the fetch stage still find it there

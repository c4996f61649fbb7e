"""tenets: policy documents in, validated JSON records out.

The public API is small::

    from pipeline import extract_path
    record = extract_path("corpus/004_2e1f0053462c66cc.txt")

Stages (each a pure function of its input plus settings) live in their own
modules: :mod:`pipeline.fetch`, :mod:`pipeline.parse`, :mod:`pipeline.extract`,
:mod:`pipeline.records`, :mod:`pipeline.review`, :mod:`pipeline.store`.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("tenets")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+local"

try:
    from pipeline.api import extract_path, process  # noqa: E402
except ImportError:  # pragma: no cover - during bootstrap
    pass

__all__ = ["__version__", "extract_path", "process"]

"""What a folder run leaves out, and why, so the user is told rather than
left to wonder why a file has no record.

A folder without a ``sources.toml`` means every supported document directly
in it (:func:`pipeline.sources.folder_sources`); everything else there is
skipped.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.sources import SOURCES_FILE, SUPPORTED_SUFFIXES

_READABLE = " ".join(sorted({".txt", ".md", ".html", ".pdf"}))


def skipped_files(args: list[str]) -> list[tuple[Path, str]]:
    """(path, reason) for each entry of a folder argument that is not read."""
    skipped: list[tuple[Path, str]] = []
    for arg in args:
        folder = Path(arg)
        if not folder.is_dir() or (folder / SOURCES_FILE).exists():
            continue
        for path in sorted(folder.iterdir()):
            if path.name.startswith("."):
                continue  # hidden files (.DS_Store, editor backups) are not documents
            if path.is_dir():
                skipped.append((path, "a folder (sub-folders are not read; name it, or list it in "
                                      "sources.toml)"))
            elif path.suffix.lower() not in SUPPORTED_SUFFIXES:
                kind = f"'{path.suffix}'" if path.suffix else "no extension"
                skipped.append((path, f"not a document type tenets reads ({kind}; it reads {_READABLE})"))
    return skipped


def describe_skipped(skipped: list[tuple[Path, str]], limit: int = 10) -> list[str]:
    """Lines for the user: one per skipped file, at most ``limit``."""
    lines = [f"skipped {path}: {reason}" for path, reason in skipped[:limit]]
    if len(skipped) > limit:
        lines.append(f"skipped {len(skipped) - limit} more files")
    return lines

"""One typed settings object for the whole pipeline.

Values come from keyword arguments, then ``TENETS_*`` environment variables,
then the defaults below, so a data engineer can tune a scheduled run without
touching code.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def state_root() -> Path:
    """Where tenets keeps its working state by default: the project folder of
    a checkout (the one holding pyproject.toml), else the user's data folder.
    Never the current folder, so running tenets elsewhere creates nothing
    there (only what the user asks for: --out, TENETS_DATA_DIR, ...)."""
    import os

    project = Path(__file__).resolve().parents[1]
    if (project / "pyproject.toml").is_file():
        return project
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "tenets"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TENETS_", extra="ignore")

    # Where things live.
    data_dir: Path = Field(default_factory=lambda: state_root() / ".data",
                           description="Raw store, caches and other working state.")
    corrections_dir: Path = Field(
        default_factory=lambda: state_root() / "corrections",
        description="Reviewers' append-only correction logs (commit them).")
    prefect_home: Path = Field(default_factory=lambda: state_root() / ".prefect",
                               description="PREFECT_HOME for the embedded server.")
    reviewers_file: Path = Field(
        default_factory=lambda: state_root() / ".tenets" / "reviewers.json",
        description="Review app accounts: password hashes, API token hashes (keep out of git).",
    )
    review_session_hours: float = Field(12.0, gt=0, description="Review app login lifetime.")
    review_allowed_hosts: list[str] = Field(
        default_factory=lambda: ["localhost", "127.0.0.1", "::1"],
        description="Host names the review app answers to ('*.example.org' allowed); others get "
                    "400, which stops DNS rebinding; TENETS_REVIEW_ALLOWED_HOSTS='[\"review.lan\"]'.")
    review_max_body_bytes: int = Field(
        1_000_000, gt=0, description="Largest request body the review app reads (413 beyond).")

    # NLP.
    spacy_model: str | None = Field(
        None, description="Installed spaCy pipeline to build on; the default is spacy.blank('en')."
    )

    # Fetching.
    max_bytes: int = Field(50 * 1024 * 1024, description="Size cap for one document.")
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_retries: int = Field(3, ge=0, description="Retries after the first attempt (library path).")
    retry_backoff: float = Field(0.5, ge=0, description="First retry delay in seconds; doubles each time.")
    retry_backoff_max: float = Field(30.0, ge=0, description="Longest delay between two attempts.")
    retry_after_max: float = Field(
        120.0, ge=0, description="Longest Retry-After honoured; a longer one fails the document.")
    max_redirects: int = 5
    per_host_concurrency: int = 4
    user_agent: str = "tenets/0.1 (policy-document ingestion; +https://example.invalid/tenets)"
    fetch_deadline: float = Field(
        60.0, ge=0, description="Wall-clock seconds for one fetch of a URL (every hop, retry, header "
                                "and body byte), however slowly the server trickles; 0 disables it.")
    allowed_hosts: list[str] = Field(
        default_factory=list,
        description="Hosts a redirect (or discovered link) may reach although they resolve to a "
                    "loopback, private or link-local address (tests, intranets); "
                    'TENETS_ALLOWED_HOSTS=\'["intranet.example"]\'.')

    # Discovery from feeds and sitemaps (pipeline.discover).
    max_listing_entries: int = Field(
        5000, ge=1, description="Documents taken from one feed or sitemap (a sitemap index counts "
                                "all its sitemaps); the rest are left out with a warning.")
    max_sitemap_depth: int = Field(3, ge=0, description="Sitemap indexes followed inside one another.")
    max_crawl_delay: float = Field(
        30.0, ge=0, description="Longest robots.txt Crawl-delay honoured between two requests to a "
                                "host; a site asking for more is paced at this.")
    respect_robots: bool = Field(True, description="Fetch only what robots.txt allows for documents "
                                                   "found in feeds and sitemaps.")

    # Per-document limit: a document that takes longer is reported as failed.
    document_timeout: float = Field(120.0, description="Seconds per document; 0 disables the limit.")

    # Worker processes that parse and extract (pipeline.workers).
    workers: int = Field(0, ge=0, description="Worker processes; 0 means one per core.")
    worker_memory_mb: int = Field(
        1024, ge=0, description="Address-space cap of each worker in MB (a document that needs "
                                "more fails with E023); 0 disables it.")

    # Scale-out.
    dask_address: str | None = Field(
        None, description="Scheduler of the Dask cluster the Dask deployment runs on "
                          "(tcp://host:8786); unset: a local 2-worker cluster.")

    # Extraction.
    min_confidence: float = Field(0.0, ge=0.0, le=1.0, description="Drop values below this.")

    def config_hash(self) -> str:
        """Hash of the settings that change extraction output (cache key part)."""
        relevant = {"spacy_model": self.spacy_model, "min_confidence": self.min_confidence}
        return hashlib.sha256(repr(sorted(relevant.items())).encode()).hexdigest()[:16]


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

"""The record contract: the single source of truth for what tenets writes.

The JSON Schema in ``schemas/`` is generated from these models (``tenets
schema``); downstream apps read that schema, reviewers' corrections point at
the item ids defined here.  Field names of DESIGN.md's contract are never
renamed; new fields may be added.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import lru_cache
import hashlib
import re
import unicodedata
from datetime import datetime
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model, field_validator, model_validator

SCHEMA_VERSION = "1.0.0"

# ---------------------------------------------------------------------------
# Parsed documents (the library's intermediate form; not part of the record)
# ---------------------------------------------------------------------------


class BlockKind(str, Enum):
    heading = "heading"
    paragraph = "paragraph"
    list_item = "list_item"
    table_row = "table_row"
    footnote = "footnote"
    quote = "quote"


class Block(BaseModel):
    """A span of the normalised text with its structural role."""

    model_config = ConfigDict(frozen=True)

    kind: BlockKind
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    level: int | None = Field(None, description="Heading level (1 = top) or list nesting depth.")
    page: int | None = Field(None, ge=1, description="1-based PDF page.")
    bbox: tuple[float, float, float, float] | None = None
    meta: dict[str, Any] = Field(default_factory=dict)


class DocumentMetadata(BaseModel):
    """What the container tells us besides the text (HTML head, PDF info)."""

    title: str | None = None
    description: str | None = None
    published: str | None = Field(None, description="Raw published date/time string.")
    extra: dict[str, Any] = Field(default_factory=dict)


class ParsedDocument(BaseModel):
    text: str
    blocks: list[Block]
    media_type: str
    metadata: DocumentMetadata = Field(default_factory=DocumentMetadata)
    pages: int | None = None

    def block_at(self, offset: int) -> Block | None:
        for block in self.blocks:
            if block.start <= offset < block.end:
                return block
        return None

    def page_at(self, offset: int) -> int | None:
        block = self.block_at(offset)
        return block.page if block else None


# ---------------------------------------------------------------------------
# Record
# ---------------------------------------------------------------------------

_PARTIAL_DATE = re.compile(r"^(?:(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?|--(\d{2})-(\d{2}))$")


def validate_partial_date(value: str) -> str:
    """ISO 8601 date, complete or partial: YYYY-MM-DD, YYYY-MM, YYYY, --MM-DD."""
    m = _PARTIAL_DATE.match(value)
    if not m:
        raise ValueError(f"not an ISO 8601 (partial) date: {value!r}")
    year, month, day, nm, nd = m.groups()
    if nm:
        month, day = nm, nd
    if month is not None and not 1 <= int(month) <= 12:
        raise ValueError(f"month out of range in {value!r}")
    if day is not None:
        leap_year = 2000 if year is None else int(year)
        if not 1 <= int(day) <= calendar.monthrange(leap_year, int(month))[1]:
            raise ValueError(f"day out of range in {value!r}")
    return value


PartialDate = Annotated[
    str,
    Field(
        pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}-\d{2})$",
        description="ISO 8601 date; partial allowed: YYYY-MM-DD, YYYY-MM, YYYY or --MM-DD.",
        examples=["2024-08-01", "2024-08", "2024", "--05-06"],
    ),
]


class Evidence(BaseModel):
    """Where a value was read: a character span into the record's ``text``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    page: int | None = Field(None, ge=1, description="1-based page, for PDFs.")

    @model_validator(mode="after")
    def _ordered(self) -> Evidence:
        if self.end < self.start:
            raise ValueError("evidence end precedes start")
        return self


class Item(BaseModel):
    """Common part of every extracted item."""

    id: str = Field("", description="Stable id from field, normalised value and evidence text.")
    evidence: Evidence
    confidence: float = Field(ge=0.0, le=1.0)
    rule: str = Field(description="Id of the rule that produced the value, e.g. 'dates.month_day_year'.")
    reviewed: Literal["accepted", "edited", "added"] | None = Field(
        None, description="Set when a reviewer's correction touched this item."
    )

    def key(self) -> str:
        """Normalised value that, with the evidence text, identifies the item."""
        raise NotImplementedError

    def with_id(self, field: str) -> Item:
        self.id = item_id(field, self.key(), self.evidence.text)
        return self


def normalise_key(value: str) -> str:
    value = unicodedata.normalize("NFKC", value).casefold()
    return re.sub(r"\W+", " ", value).strip()


def item_id(field: str, key: str, evidence_text: str) -> str:
    digest = hashlib.sha256(
        f"{field}\x1f{normalise_key(key)}\x1f{normalise_key(evidence_text)}".encode()
    ).hexdigest()
    return f"{field[:3]}_{digest[:12]}"


class DateRole(str, Enum):
    published = "published"
    signed = "signed"
    event = "event"
    referenced = "referenced"
    other = "other"


class DateItem(Item):
    value: PartialDate
    role: DateRole
    text: str = Field(description="The date as written.")

    @field_validator("value")
    @classmethod
    def _valid_calendar_date(cls, value: str) -> str:
        return validate_partial_date(value)

    def key(self) -> str:
        return f"{self.value} {self.role.value}"


class Party(Item):
    name: str
    country_code: str | None = Field(None, pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2.")

    def key(self) -> str:
        return self.country_code or self.name


class Signatory(Item):
    name: str
    title: str = ""
    organization: str = ""
    country: str = ""
    country_code: str | None = Field(None, pattern=r"^[A-Z]{2}$")

    def key(self) -> str:
        return self.name


class PersonRole(str, Enum):
    quoted = "quoted"
    speaker = "speaker"
    host = "host"
    author = "author"
    member = "member"
    other = "other"


class Person(Item):
    name: str
    role: PersonRole
    title: str = ""
    organization: str = ""

    def key(self) -> str:
        return self.name


class Principle(Item):
    text: str
    group: str = Field("", description="The list it came from, e.g. 'shared values'.")

    def key(self) -> str:
        return self.text


class Recommendation(Item):
    number: str | None = None
    text: str
    actor: str | None = Field(None, description="Who is to act, e.g. 'The U.S. Government'.")

    def key(self) -> str:
        return self.text


class Kind(str, Enum):
    joint_statement = "joint_statement"
    press_release = "press_release"
    readout = "readout"
    report = "report"
    other = "other"


class Provenance(BaseModel):
    """Evidence for a single-valued field (kind, title)."""

    evidence: Evidence | None = None
    confidence: float = Field(ge=0.0, le=1.0)
    rule: str


class SourceInfo(BaseModel):
    uri: str
    media_type: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    fetched_at: datetime
    final_uri: str | None = None
    feed_url: str | None = Field(
        None, description="The feed or sitemap the document was found in (discovery), if any.")
    entry_title: str | None = Field(None, description="The title the feed entry gave the document.")
    entry_published: str | None = Field(
        None, description="The date the feed entry gave (ISO 8601: its published date, else its "
                          "updated date or sitemap lastmod). Metadata of the listing, not of the text: "
                          "`dates` holds what the text states.")


class StaleCorrection(BaseModel):
    """A reviewer's correction that no longer anchors (kept, shown, never dropped)."""

    correction_id: str
    op: str
    target: str | None = None
    reason: str
    field: str | None = Field(None, description="Field the correction is about, e.g. 'signatories'.")
    value: str | None = Field(None, description="The value the reviewer saw or entered.")
    reviewer: str | None = None
    at: datetime | None = Field(None, description="When the correction was made.")


class RejectedItem(BaseModel):
    """An extracted item a reviewer rejected: left out of the record's fields."""

    field: str
    id: str
    value: str = Field(description="The item's value, e.g. a principle's text.")
    correction_id: str


class OriginalItem(BaseModel):
    """The extractor's version of an item a correction changed or removed.

    Kept so the overlay can be undone and replayed on a record read back from
    disk (the review app does this) and so the extractor's and the reviewers'
    versions can be compared."""

    field: str
    index: int = Field(ge=0, description="Position in the field's list before corrections.")
    item: dict[str, Any]


class ReviewStatus(str, Enum):
    unreviewed = "unreviewed"
    in_review = "in_review"
    reviewed = "reviewed"


class ReviewInfo(BaseModel):
    status: ReviewStatus = ReviewStatus.unreviewed
    corrections_applied: list[str] = Field(default_factory=list)
    stale_corrections: list[StaleCorrection] = Field(default_factory=list)
    rejected: list[RejectedItem] = Field(default_factory=list)
    reviewers: list[str] = Field(default_factory=list, description="Who corrected this record.")
    last_corrected_at: datetime | None = None
    originals: list[OriginalItem] = Field(default_factory=list)


@dataclass(frozen=True)
class FieldSpec:
    """Everything about one field, declared once: the record, the extractor,
    the review app, ``tenets eval`` and the flow's counts read it from here."""

    name: str
    label: str
    #: the item model of a list field; None for a single value on the record
    item: type[Item] | None
    #: module of ``pipeline.extract`` whose function registers the field
    extractor: str
    #: fields whose results the extractor reads
    requires: tuple[str, ...]
    #: a gold or record value -> what evaluation compares
    key: Callable[[Any], Hashable]
    #: compare texts by similarity rather than equality
    fuzzy: bool = False


def _norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold().replace("’", "'")
    text = re.sub(r"[^\w\s]", " ", text)
    text = re.sub(r"^\s*the\s+", "", text)
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=1)
def _honorific() -> re.Pattern:
    from pipeline.gazetteer import HONORIFICS  # word lists load lazily

    return re.compile(r"^(?:" + "|".join(re.escape(h) for h in HONORIFICS) + r")\s+", re.I)


def _name_key(value: Any) -> str:
    name = (value if isinstance(value, str) else value["name"]).strip()
    return _norm(_honorific().sub("", name))


def _party_key(value: Any) -> str:
    """A country by its code, a body by its record name ("IMF" and
    "International Monetary Fund" are one party), else the name."""
    from pipeline.gazetteer import lookup_body, lookup_country

    name = value if isinstance(value, str) else value["name"]
    return lookup_country(name) or _norm(lookup_body(name) or name)


def _text_key(value: Any) -> str:
    return _norm(value if isinstance(value, str) else value["text"])


FIELD_SPECS: tuple[FieldSpec, ...] = (
    FieldSpec("title", "Title", None, "title", (), _norm, fuzzy=True),
    FieldSpec("kind", "Kind", None, "kind", ("title",), _norm),
    FieldSpec("dates", "Dates", DateItem, "dates", ("kind",),
              lambda d: (d.get("date") or d.get("value"), d["role"])),
    FieldSpec("parties", "Parties", Party, "parties", ("kind",), _party_key),
    FieldSpec("signatories", "Signatories", Signatory, "signatories", ("kind",), _name_key),
    FieldSpec("people", "People", Person, "people", ("kind",), lambda p: (_name_key(p), p["role"])),
    FieldSpec("principles", "Principles", Principle, "principles", ("kind", "title"), _text_key,
              fuzzy=True),
    FieldSpec("recommendations", "Recommendations", Recommendation, "recommendations",
              ("kind", "title"), _text_key, fuzzy=True),
)
SPECS: dict[str, FieldSpec] = {spec.name: spec for spec in FIELD_SPECS}
#: The list fields of a record, in record order.
FIELDS: tuple[str, ...] = tuple(spec.name for spec in FIELD_SPECS if spec.item is not None)
ITEM_MODELS: dict[str, type[Item]] = {spec.name: spec.item for spec in FIELD_SPECS if spec.item}


class _RecordHead(BaseModel):
    """One document's extraction: what downstream apps read."""

    model_config = ConfigDict(json_schema_extra={"title": "tenets DocumentRecord"})

    schema_version: str = SCHEMA_VERSION
    pipeline_version: str
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
    source: SourceInfo
    kind: Kind
    title: str | None
    text: str = Field(description="Normalised document text; every evidence span indexes into it.")

    @model_validator(mode="after")
    def _evidence_matches_text(self) -> DocumentRecord:
        for field, item in self.iter_items():
            _check_span(self.text, item.evidence, f"{field}[{item.id or '?'}]")
        for name, prov in self.provenance.items():
            if prov.evidence is not None:
                _check_span(self.text, prov.evidence, name)
        return self

    def iter_items(self):
        for field in FIELDS:
            for item in getattr(self, field):
                yield field, item

    def counts(self) -> dict[str, int]:
        return {field: len(getattr(self, field)) for field in FIELDS}


DocumentRecord = create_model(
    "DocumentRecord",
    __base__=_RecordHead,
    __doc__=_RecordHead.__doc__,
    **{name: (list[ITEM_MODELS[name]], Field(default_factory=list)) for name in FIELDS},
    provenance=(dict[Literal["kind", "title"], Provenance], Field(default_factory=dict)),
    review=(ReviewInfo, Field(default_factory=ReviewInfo)),
)


def _check_span(text: str, ev: Evidence, where: str) -> None:
    if ev.end > len(text) or text[ev.start : ev.end] != ev.text:
        raise ValueError(
            f"{where}: evidence [{ev.start}:{ev.end}] does not match the record text "
            f"(expected {ev.text!r})"
        )

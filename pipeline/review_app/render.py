"""What the document page shows: the text with highlighted evidence, item
summaries and the edit form of each field.

The document text is untrusted: it is escaped here, in one place, and only
the <mark>/<span> tags this module writes are markup.

Unicode direction controls (RLO and friends) in untrusted text could make a
value read differently from what it is ("Jane Roe" shown for "eoR enaJ"): in
values they are replaced by visible markers such as ``⟦U+202E⟧`` (every
template output passes through :func:`show_controls`); in the document text,
whose characters the page counts, each stays but is isolated in its own span
that shows its marker and cannot reorder anything around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from markupsafe import Markup, escape

from pipeline.models import FIELDS, ITEM_MODELS, SPECS, Item, Kind
from pipeline.review import CORRECTABLE, editable_attrs

FIELD_LABELS = {name: SPECS[name].label for name in CORRECTABLE}

# Bidi embeddings, overrides, isolates and marks (UAX #9), the Arabic letter mark.
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def marker(char: str) -> str:
    return f"⟦U+{ord(char):04X}⟧"


def show_controls(value):
    """Jinja's ``finalize``: every value a template prints, controls made visible.
    Markup (the highlighted text) is left alone: it handles them itself."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return BIDI_CONTROLS.sub(lambda m: marker(m.group()), value)
    return value


def _isolate_controls(escaped: str) -> str:
    return BIDI_CONTROLS.sub(
        lambda m: f'<span class="bidi" data-cp="{marker(m.group())}">{m.group()}</span>', escaped)


@dataclass(frozen=True)
class Span:
    """One item's evidence as the page highlights it."""

    item_id: str
    field: str
    start: int
    end: int
    rejected: bool = False


def highlight(text: str, spans: list[Span]) -> Markup:
    """``text`` escaped, with each stretch covered by evidence in a <mark>.

    Evidence may overlap or nest, so the text is cut at every span boundary
    and each piece lists all items covering it; its colour is that of the
    narrowest live item.  An empty anchor at each span's start is the scroll
    target, so the rendered text stays exactly the record's text (the page
    turns selections back into offsets by counting characters).
    """
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    starts: dict[int, list[Span]] = {}
    for s in spans:
        starts.setdefault(s.start, []).append(s)
    out: list[str] = []
    active: list[Span] = []
    for a, b in zip(cuts, cuts[1:]):
        active = [s for s in active if s.end > a] + starts.get(a, [])
        out += [f'<span class="anchor" id="ev-{escape(s.item_id)}"></span>' for s in starts.get(a, [])]
        piece = Markup(_isolate_controls(str(escape(text[a:b]))))
        if not active:
            out.append(piece)
            continue
        live = [s for s in active if not s.rejected] or active
        primary = min(live, key=lambda s: s.end - s.start)
        classes = ["ev", f"f-{primary.field}"]
        if len({s.item_id for s in active}) > 1:
            classes.append("multi")
        if primary.rejected:
            classes.append("rejected")
        ids = " ".join(s.item_id for s in active)
        out.append(f'<mark class="{" ".join(classes)}" data-items="{escape(ids)}">{piece}</mark>')
    return Markup("".join(out))


def describe(field: str, item: Item) -> str:
    """A one-line summary of an item for the panel and the history."""
    if field == "dates":
        return f"{item.value} ({item.role.value}) — “{item.text}”"
    if field == "parties":
        return f"{item.name}" + (f" ({item.country_code})" if item.country_code else "")
    if field == "signatories":
        rest = ", ".join(x for x in (item.title, item.organization, item.country) if x)
        return f"{item.name}" + (f" — {rest}" if rest else "")
    if field == "people":
        rest = ", ".join(x for x in (item.title, item.organization) if x)
        return f"{item.name} ({item.role.value})" + (f" — {rest}" if rest else "")
    if field == "recommendations":
        return f"{item.number + '. ' if item.number else ''}{item.text}"
    return item.text


@dataclass
class FormField:
    name: str
    label: str
    value: str = ""
    options: list[str] = field(default_factory=list)  # a <select> when given
    required: bool = False
    pattern: str | None = None
    long: bool = False  # a <textarea>


def scalar_form(field_name: str, value: str | None) -> list[FormField]:
    """The one input of the kind or title edit form."""
    if field_name == "kind":
        return [FormField(name="value", label="kind", value=value or "", options=[k.value for k in Kind],
                          required=True)]
    return [FormField(name="value", label="title", value=value or "", long=True)]


def form_fields(field_name: str, item: Item | None = None) -> list[FormField]:
    """The inputs of an edit (prefilled from ``item``) or add form."""
    model = ITEM_MODELS[field_name]
    result = []
    for name in editable_attrs(field_name):
        info = model.model_fields[name]
        value: Any = getattr(item, name) if item is not None else ""
        if isinstance(value, Enum):
            value = value.value
        annotation = info.annotation
        options = [e.value for e in annotation] if isinstance(annotation, type) and issubclass(annotation, Enum) else []
        pattern = next((m.pattern for m in info.metadata if getattr(m, "pattern", None)), None)
        result.append(FormField(
            name=name, label=name.replace("_", " "), value="" if value is None else str(value),
            options=options, required=info.is_required() and name not in ("text", "name"),
            pattern=pattern, long=name == "text" and field_name in ("principles", "recommendations"),
        ))
    return result


def field_labels() -> list[tuple[str, str]]:
    return [(f, FIELD_LABELS[f]) for f in FIELDS]


def item_labels() -> dict[str, str]:
    """The list fields' labels (the legend and the add form)."""
    return {f: FIELD_LABELS[f] for f in FIELDS}

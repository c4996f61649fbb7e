"""JSON Schemas generated from the pydantic models (the models are the source
of truth; ``schemas/`` holds the published copies, checked by a test)."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.models import SCHEMA_VERSION, DocumentRecord

SCHEMA_BASE = "https://schemas.tenets.dev"


def record_schema() -> dict:
    schema = DocumentRecord.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE}/record/{SCHEMA_VERSION}/record.schema.json",
        "version": SCHEMA_VERSION,
        **schema,
    }


def all_schemas() -> dict[str, dict]:
    schemas = {"record.schema.json": record_schema()}
    try:
        from pipeline.review import correction_schema
    except ImportError:
        return schemas
    schemas["correction.schema.json"] = correction_schema()
    return schemas


def render(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_schemas(out_dir: Path) -> list[Path]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in all_schemas().items():
        path = out_dir / name
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written

"""The spaCy pipeline: ``spacy.blank("en")`` plus rule components.

Pretrained pipelines cannot be installed here, and rules are what the task
needs anyway: documents of a narrow genre whose cues (titles, "signed by",
"shared values such as") are lexical.  An installed pipeline can be named in
the settings; its components are kept and ours are added.

Sentences are not split here: the extractor splits blocks into sentences
itself (``extract.context.split_sentences``), once, in linear time.

Components:
- ``entity_ruler``: countries (GPE, id = ISO alpha-2), demonyms (NORP),
  bodies such as the G7 (ORG) and national agencies (AGENCY, id = country).
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from pipeline.gazetteer import AGENCIES, BODIES, DEMONYMS, country_names
from pipeline.settings import get_settings


def entity_patterns() -> list[dict]:
    patterns = [{"label": "GPE", "pattern": name, "id": code}
                for name, code in country_names().items()]
    patterns += [{"label": "NORP", "pattern": name, "id": code} for name, code in DEMONYMS.items()]
    patterns += [{"label": "ORG", "pattern": form, "id": body}
                 for body, forms in BODIES.items() for form in {body, *forms}]
    patterns += [{"label": "AGENCY", "pattern": acronym, "id": code}
                 for acronym, code in AGENCIES.items()]
    return patterns


def build_nlp(model: str | None = None) -> Language:
    nlp = spacy.load(model, exclude=["ner"]) if model else spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH",
                                                 "overwrite_ents": True})
    ruler.add_patterns(entity_patterns())
    return nlp


@lru_cache(maxsize=4)
def _cached(model: str | None) -> Language:
    return build_nlp(model)


def get_nlp() -> Language:
    """The pipeline for the current settings, built once per process."""
    return _cached(get_settings().spacy_model)

"""People: every named person who did not sign, with the part the text gives
them (quoted, speaker, host, author, member, other), as decided by the
person-role model (:mod:`~pipeline.extract.persons`)."""

from __future__ import annotations

from pipeline.extract import register
from pipeline.extract.context import Context
from pipeline.extract.persons import decisions
from pipeline.models import Person, PersonRole


@register("people")
def extract_people(ctx: Context) -> list[Person]:
    people = []
    for cand, label, p, _ in decisions(ctx):
        if label in ("signatory", "none"):
            continue
        mention = cand.titled or cand.best
        people.append(Person(name=cand.name, role=PersonRole(label), title=mention.title,
                             organization=mention.organization,
                             evidence=ctx.evidence(mention.extent_start, mention.extent_end),
                             confidence=round(p, 3), rule=f"{cand.best.rule}+person_role.model"))
    return people

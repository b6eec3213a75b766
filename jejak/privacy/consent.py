"""UU PDP consent for the tracer study: refusing or withdrawing it takes back what rested on it.

Survey answers, and the outcome events made from them (self-reported, or typed in by a
teacher, the BKK or other staff from a phone call or a paper form: `ANSWER_SOURCES`), exist
only because the person agreed. When they refuse (on the survey, even after answering) or
withdraw (on /me/, or as staff record it), those rows are deleted, the indicator rollups of
the cohort are marked stale so every figure drops them, and one audit row says how many
went. Placements recorded by the BKK (its legal register, Permenaker 39/2016) and imported
register data rest on the school's duties, not on this consent, and stay.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from jejak.alumni.models import Alumnus, Consent
from jejak.audit.services import log_action
from jejak.indicators import services as indicator_services

ENDED = {Consent.REFUSED, Consent.WITHDRAWN}


@dataclass(frozen=True)
class Removed:
    responses: int
    outcomes: int

    @property
    def any(self) -> bool:
        return bool(self.responses or self.outcomes)


def consented_rows_remove(alumnus: Alumnus) -> Removed:
    """Delete the alumnus's survey answers and the outcome events resting on consent."""
    from jejak.outcomes.models import ANSWER_SOURCES, OutcomeEvent
    from jejak.tracer.models import Response

    events = OutcomeEvent.objects.filter(alumnus=alumnus).filter(
        Q(response__isnull=False) | Q(source__in=ANSWER_SOURCES)
    )
    outcomes = events.delete()[1].get("outcomes.OutcomeEvent", 0)
    responses = Response.objects.filter(alumnus=alumnus).delete()[1].get("tracer.Response", 0)
    if outcomes or responses:
        indicator_services.mark_stale(alumnus.organisation_id, alumnus.cohort)
    return Removed(responses=responses, outcomes=outcomes)


@transaction.atomic
def consent_end(
    *, alumnus: Alumnus, actor: Any, state: str, action: str, note: str = ""
) -> Removed:
    """Record a refusal or withdrawal (`state` in ENDED) and remove what rested on consent;
    one audit row `action` with the counts."""
    if state not in ENDED:
        raise ValueError(f"{state} does not end consent")
    old = alumnus.consent
    alumnus.consent, alumnus.consent_at = state, timezone.now()
    alumnus.save(update_fields=["consent", "consent_at", "updated_at"])
    removed = consented_rows_remove(alumnus)
    log_action(
        actor=actor, action=action, obj=alumnus,
        changes={"consent": [old, state], "note": note, "responses_removed": removed.responses,
                 "outcomes_removed": removed.outcomes},
    )  # fmt: skip
    return removed

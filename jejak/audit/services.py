"""Write audit events. Every state change in a service calls `log_action`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from jejak.audit.models import AuditEvent


def _describe(obj: Any) -> tuple[str, str, str]:
    return obj._meta.model_name, str(getattr(obj, "code", obj.pk)), str(obj)[:200]


def audit_row(
    *,
    actor: Any,
    action: str,
    obj: Any,
    organisation: Any = None,
    changes: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One audit event as a plain row, for `log_action` and for bulk writes."""
    object_type, object_code, label = _describe(obj)
    organisation = organisation or getattr(obj, "organisation", None)
    return {
        "organisation_id": getattr(organisation, "pk", None),
        "province_code": getattr(organisation, "province_code", "") or "",
        "actor_id": getattr(actor, "pk", None),
        "actor_label": str(actor)[:150] if actor else "sistem",
        "action": action,
        "object_type": object_type,
        "object_code": object_code,
        "object_label": label,
        "changes": changes or {},
    }


def log_action(
    *,
    actor: Any,
    action: str,
    obj: Any,
    organisation: Any = None,
    changes: dict[str, Any] | None = None,
) -> None:
    row = audit_row(actor=actor, action=action, obj=obj, organisation=organisation, changes=changes)
    AuditEvent.objects.create(**row)


def log_actions(rows: Iterable[dict[str, Any]]) -> None:
    """Write many events at once (imports): one INSERT per thousand."""
    AuditEvent.objects.bulk_create([AuditEvent(**row) for row in rows], batch_size=1000)


def object_history(organisation: Any, obj: Any) -> list[AuditEvent]:
    object_type, object_code, _ = _describe(obj)
    return list(
        AuditEvent.objects.filter(
            organisation=organisation, object_type=object_type, object_code=object_code
        ).select_related("actor")
    )


def log_view(*, request: Any, action: str, obj: Any, organisation: Any, **details: Any) -> None:
    """UU PDP: someone saw or downloaded personal data (a list of people, a person's answers);
    recorded like a change, against the organisation whose data it is."""
    log_action(
        actor=request.user, action=action, obj=obj, organisation=organisation, changes=details
    )

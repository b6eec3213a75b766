"""The orders panel on a company's and a BLK's first page: graduates announced to the company
lately, orders waiting for the BLK's answer."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone

from jejak.training.models import OrderBatch, TrainingOrder

register = template.Library()
RECENT_DAYS = 90


@register.inclusion_tag("training/order_notices.html")
def order_notices(access: Any) -> dict[str, Any]:
    if not access:
        return {}
    org = access.organisation
    if org.kind == org.Kind.COMPANY and access.can("training_orders.place"):
        since = timezone.now() - dt.timedelta(days=RECENT_DAYS)
        announced = (
            OrderBatch.objects.filter(order__company=org, notified_at__gte=since)
            .select_related("order__organisation", "batch")
            .order_by("-notified_at")[:10]
        )
        return {"org": org, "announced": list(announced)}
    if org.kind == org.Kind.TRAINING_CENTRE and access.can("training.view"):
        waiting = TrainingOrder.objects.filter(
            organisation=org, state=TrainingOrder.State.SUBMITTED
        ).count()
        return {"org": org, "waiting": waiting}
    return {}

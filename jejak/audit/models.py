"""The audit trail: every change, and every look at personal data, with who, what and when."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    # Indexed through the composite indexes below, which lead with the organisation.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
        db_index=False,
    )
    province_code = models.CharField(max_length=2, blank=True)
    actor = models.ForeignKey(  # indexed below where set
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        db_index=False,
    )  # fmt: skip
    actor_label = models.CharField(max_length=150, blank=True)  # survives the user's deletion
    action = models.CharField(_("tindakan"), max_length=60)  # dotted: "alumnus.updated"
    object_type = models.CharField(max_length=40)
    object_code = models.CharField(max_length=40)
    object_label = models.CharField(max_length=200, blank=True)
    changes = models.JSONField(default=dict, blank=True)  # {"field": [old, new]}
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "object_type", "object_code"]),
            models.Index(fields=["organisation", "created_at"]),
            # What alumni do through their links names no user and skips this index.
            models.Index(
                fields=["actor"], condition=models.Q(actor__isnull=False), name="audit_actor"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

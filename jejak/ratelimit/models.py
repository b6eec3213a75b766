"""Counters for rate limits when no shared cache is configured."""

from django.db import models


class RateCounter(models.Model):
    """How many counted events one key has had in one fixed window.

    `key` is a SHA-256 of the scope, the thing guessed and the client address, so no email
    address or IP is stored here. Rows outlive their window only until the next clean-up.
    """

    key = models.CharField(max_length=64)
    window = models.BigIntegerField()  # start of the window, in seconds since the epoch
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window"], name="ratecounter_key_window")
        ]

    def __str__(self) -> str:
        return f"{self.key[:8]}@{self.window}: {self.count}"

"""Text messages (SMS or WhatsApp) to a phone number, pluggable like Django's email backends.

`settings.SMS_BACKEND` names a class; empty means Jejak has no text channel, and callers
say so to the person instead of sending. A gateway backend subclasses `BaseBackend` and
implements `send_messages`, returning how many went out; it is constructed once per send,
with no arguments, and reads its own settings (API key, sender id) from the environment.
A failure to deliver returns fewer than given (or raises, when `fail_silently` is False);
it must never write the message body to a log, since bodies carry one-time links.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class TextMessage:
    to: str  # E.164, +62…
    body: str


class BaseBackend:
    def __init__(self, fail_silently: bool = False) -> None:
        self.fail_silently = fail_silently

    def send_messages(self, messages: list[TextMessage]) -> int:
        raise NotImplementedError


class ConsoleBackend(BaseBackend):
    """Development: prints each message to standard output."""

    def send_messages(self, messages: list[TextMessage]) -> int:
        for message in messages:
            sys.stdout.write(f"SMS to {message.to}:\n{message.body}\n{'-' * 40}\n")
        return len(messages)


# What LocmemBackend sent, for tests (like django.core.mail.outbox).
outbox: list[TextMessage] = []


class LocmemBackend(BaseBackend):
    """Tests: keeps messages in `jejak.messaging.outbox`."""

    def send_messages(self, messages: list[TextMessage]) -> int:
        outbox.extend(messages)
        return len(messages)


def can_send_text() -> bool:
    """Whether a text channel is configured at all."""
    return bool(settings.SMS_BACKEND)


def send_text(to: str, body: str, *, fail_silently: bool = True) -> bool:
    """Send one message through the configured backend; False when none is configured
    or it did not go out."""
    if not can_send_text() or not to:
        return False
    backend = import_string(settings.SMS_BACKEND)(fail_silently=fail_silently)
    return backend.send_messages([TextMessage(to=to, body=body)]) == 1

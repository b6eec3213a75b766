"""A request id on every request and every log line written while it runs.

nginx (or any proxy) sends X-Request-ID; one that looks like an id is kept so a line in the
proxy's log and one in Jejak's can be matched, anything else is replaced by a fresh one. The
id goes back to the client in the response's X-Request-ID (a person reporting a problem can
quote it).
"""

from __future__ import annotations

import contextvars
import logging
import re
import uuid
from collections.abc import Callable

from django.core.signals import request_finished
from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
_ACCEPTED = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_current: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def current() -> str:
    """The id of the request this thread serves, '-' outside one."""
    return _current.get()


class RequestIdFilter(logging.Filter):
    """Puts `request_id` on every record (the log formats name it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _current.get()
        return True


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        offered = request.headers.get(HEADER, "")
        request_id = offered if _ACCEPTED.match(offered) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        # Not reset on the way out: Django logs an error response ("Internal Server Error:
        # /…") after the middleware has returned, and that line should carry the id too.
        # request_finished (the response closed) resets it.
        _current.set(request_id)
        response = self.get_response(request)
        response[HEADER] = request_id
        return response


def _forget(**kwargs: object) -> None:
    _current.set("-")


request_finished.connect(_forget, dispatch_uid="jejak.operations.requestid")

"""Listeners told of every hire made at a fair.

The job exchange turns each hire into a placement in its register. It registers a listener
at start-up, so this app does not depend on it:

    from jejak.fairs.hooks import register_hire_listener
    register_hire_listener(lambda *, hire, actor: placement_from_fair_hire(hire=hire, actor=actor))

Listeners run inside the transaction that records the hire: if one fails, nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

HireListener = Callable[..., None]  # called as listener(hire=FairHire, actor=User)

_listeners: list[HireListener] = []


def register_hire_listener(listener: HireListener) -> HireListener:
    """Add a listener (usable as a decorator). Registering the same one twice is a no-op."""
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def unregister_hire_listener(listener: HireListener) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def notify_hire(*, hire: Any, actor: Any) -> None:
    for listener in list(_listeners):
        listener(hire=hire, actor=actor)

"""The domain-event bus: how a lower app tells the apps above it that something happened, without importing them.

An event is a frozen dataclass, one class per event (the dispute events live in `disputes/signals.py`, the
account events in `accounts/signals.py`). The app that owns the fact emits it; the apps that react subscribe in
their `AppConfig.ready()`:

    subscribe(DisputeTransitioned, announce, phase="in_transaction")  # chat
    emit(DisputeTransitioned(dispute=d, ...))                          # disputes

Two phases:

- ``"in_transaction"``: the handler runs at once, inside the emitter's atomic block, so the rows it writes
  (a notice, a queued e-mail, a room) commit or roll back with the fact itself. An exception propagates to the
  emitter and undoes the whole transaction, exactly as a direct call would.
- ``"after_commit"`` (the default): the handler runs once the emitter's transaction commits (at once when there
  is none), through `transaction.on_commit`; a rolled-back transaction drops it. A failing handler is logged and
  does not stop the others or undo the committed fact.

Handlers of one event run in the order they were subscribed (that is, in the order of `INSTALLED_APPS`).
Not to be confused with the `events.py` modules of the apps (`disputes/events.py`, `chat/events.py`): those
publish pokes to the browsers' sockets over the channel layer.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import is_dataclass
from typing import Any, Literal, TypeVar

from django.db import transaction

logger = logging.getLogger(__name__)

Phase = Literal["after_commit", "in_transaction"]
PHASES: tuple[Phase, ...] = ("after_commit", "in_transaction")

E = TypeVar("E")
Handler = Callable[[Any], None]

_handlers: dict[type, list[tuple[Phase, Handler]]] = {}


def subscribe(event_type: type[E], handler: Callable[[E], None], *, phase: Phase = "after_commit") -> None:
    """Run `handler(event)` for every emitted `event_type`, in `phase`. Subscribing the same handler twice for
    the same event and phase is a no-op (a `ready()` may run more than once)."""
    if not (isinstance(event_type, type) and is_dataclass(event_type)):
        raise TypeError(f"{event_type!r} is not an event class (a frozen dataclass)")
    if not event_type.__dataclass_params__.frozen:  # type: ignore[attr-defined]
        raise TypeError(f"{event_type.__name__} must be a frozen dataclass")
    if phase not in PHASES:
        raise ValueError(f"unknown phase {phase!r}; one of {PHASES}")
    entries = _handlers.setdefault(event_type, [])
    if (phase, handler) not in entries:
        entries.append((phase, handler))


def unsubscribe(event_type: type, handler: Handler) -> None:
    """Remove `handler` from `event_type` in every phase (for tests)."""
    entries = _handlers.get(event_type, [])
    entries[:] = [(p, h) for p, h in entries if h != handler]


def subscribers(event_type: type) -> list[tuple[Phase, Handler]]:
    """The (phase, handler) pairs of `event_type`, in running order."""
    return list(_handlers.get(event_type, []))


def emit(event: Any) -> None:
    """Hand `event` to its subscribers: the in-transaction ones now (their exceptions propagate), the
    after-commit ones when the current transaction commits."""
    event_type = type(event)
    if not is_dataclass(event) or not event_type.__dataclass_params__.frozen:
        raise TypeError(f"{event!r} is not an event (a frozen dataclass instance)")
    entries = list(_handlers.get(event_type, []))
    for phase, handler in entries:
        if phase == "in_transaction":
            handler(event)
    for phase, handler in entries:
        if phase == "after_commit":
            transaction.on_commit(functools.partial(_run_after_commit, handler, event))


def _run_after_commit(handler: Handler, event: Any) -> None:
    try:
        handler(event)
    except Exception:  # the fact is committed: one broken subscriber must not stop the others
        logger.exception("after-commit handler %s of %s failed", getattr(handler, "__qualname__", handler),
                         type(event).__name__)

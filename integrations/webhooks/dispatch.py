"""The activity dispatcher: after commit, hand new event ids to the fan-out task."""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


def events_dispatch(event_ids: list[str]) -> None:
    """Registered in ``activity.services.DISPATCHERS``; runs after commit. A broker
    failure is only logged: the sweep dispatches events left undispatched."""
    from integrations.tasks import events_fan_out

    try:
        events_fan_out.delay(event_ids)
    except Exception:
        logger.warning("Could not queue events %s; the sweep will", event_ids)

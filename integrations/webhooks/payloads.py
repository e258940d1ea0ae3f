"""What a webhook says: the event's type, time and data, and who it is about.

Event data holds ids and scores only (never answer text), so it can be passed on as is.
"""

from __future__ import annotations

import json
from typing import Any

from activity.models import Event


def event_payload(event: Event) -> dict[str, Any]:
    learner = event.learner
    return {
        "type": event.type,
        "timestamp": event.occurred_at.isoformat(),
        "data": {
            **event.data,
            "event_id": str(event.pk),
            "learner": {
                "id": learner.pk,
                "employee_id": learner.employee_id or None,
                "name": learner.display_name,
            }
            if learner
            else None,
        },
    }


def payload_body(event: Event) -> bytes:
    return json.dumps(event_payload(event), separators=(",", ":"), sort_keys=True).encode()

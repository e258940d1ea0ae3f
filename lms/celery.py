"""The one Celery app, configured from Django settings (``CELERY_*``)."""

from __future__ import annotations

import logging
import os
from typing import Any

from celery import Celery
from celery.signals import celeryd_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.base")

app = Celery("lms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger("lms.celery")


def broker_description(url: str) -> str:
    """Say which broker is in use without printing a password."""
    if url.startswith("filesystem://"):
        return "embedded filesystem broker (no service needed; for development only)"
    scheme, _, rest = url.partition("://")
    host = rest.rsplit("@", 1)[-1]
    return f"{scheme} broker at {host}"


@celeryd_init.connect
def _prepare_worker(**_: Any) -> None:
    from django.conf import settings

    # The embedded broker's folders are made by the settings, for whichever process
    # publishes first.
    logger.warning("Attune worker using the %s", broker_description(settings.CELERY_BROKER_URL))

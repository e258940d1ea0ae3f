from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "integrations"

    def ready(self) -> None:
        from activity.services import DISPATCHERS

        from . import signals  # noqa: F401  (tombstones for deleted enrolments)
        from .webhooks.dispatch import events_dispatch

        if events_dispatch not in DISPATCHERS:
            DISPATCHERS.append(events_dispatch)

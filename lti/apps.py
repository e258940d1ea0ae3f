from django.apps import AppConfig


class LtiConfig(AppConfig):
    name = "lti"
    verbose_name = "LTI 1.3"

    def ready(self) -> None:
        from activity.services import DISPATCHERS

        from .scores.dispatch import scores_dispatch

        if scores_dispatch not in DISPATCHERS:
            DISPATCHERS.append(scores_dispatch)

"""Demo and benchmark data. Not used by the product itself: ``seed_demo`` builds the
Northwind demo with it, the bench and the query-count tests build large organisations."""

from django.conf import settings
from django.core.management.base import CommandError


def refuse_unless_demo_allowed() -> None:
    """Accounts with a published password exist only under the local and test settings."""
    if not settings.ATTUNE["DEMO_ACCOUNTS_ALLOWED"]:
        raise CommandError(
            "Refusing to create demo accounts with a published password under "
            f"{settings.SETTINGS_MODULE}: they are for lms.settings.local (make run) only."
        )

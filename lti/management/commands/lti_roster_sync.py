"""Pre-create the roster of every course a platform launched Attune from (NRPS)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lti.models import PlatformContext
from lti.services.roster import roster_sync


class Command(BaseCommand):
    help = "Read each known course's membership from the platform and enrol its learners."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--platform", type=int, help="only this platform's id")

    def handle(self, *args: Any, **options: Any) -> None:
        contexts = PlatformContext.objects.select_related("platform")
        if options["platform"]:
            contexts = contexts.filter(platform_id=options["platform"])
        for context in contexts:
            enrolled = roster_sync(context_id=context.pk)
            name = context.platform.name
            self.stdout.write(f"{name} / {context}: {enrolled} learner(s) enrolled")

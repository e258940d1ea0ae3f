"""``manage.py seed_demo_integrator``: a demo credential and a curl to try the API at once."""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.urls import reverse

from accounts.models import Organisation
from hr.demo import refuse_unless_demo_allowed
from integrations.models import ApiClient, Scope
from integrations.selectors.learners import learners_of
from integrations.services.clients import api_client_create, api_client_revoke

DEMO_NAME = "Demo integrator"


class Command(BaseCommand):
    help = "Create (or rotate) the demo organisation's integrator credential and print it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", default="northwind")
        parser.add_argument("--base-url", default=None, help="default: where `make run` serves")

    @transaction.atomic
    def handle(self, *args: Any, organisation: str, base_url: str, **options: Any) -> None:
        refuse_unless_demo_allowed()
        org, _ = Organisation.objects.get_or_create(
            slug=organisation, defaults={"name": "Northwind Retail"}
        )
        for old in ApiClient.objects.filter(organisation=org, name=DEMO_NAME, revoked_at=None):
            api_client_revoke(client=old)  # rotate: only the newest demo key works
        issued = api_client_create(organisation=org, name=DEMO_NAME, scopes=Scope.values)
        host, port = (
            os.environ.get("ATTUNE_HOST", "127.0.0.1"),
            os.environ.get("ATTUNE_PORT", "8000"),
        )
        base = (base_url or f"http://{host}:{port}").rstrip("/")
        self.stdout.write(self.style.SUCCESS(f"Demo integrator credential for {org.name}:"))
        self.stdout.write(f"  {issued.token}")
        self.stdout.write(f"  API docs: {base}{reverse('api-docs')}")
        self.stdout.write(f"  SCIM 2.0 (tenant URL for Entra ID / Okta): {base}/scim/v2/")
        self.stdout.write(
            f'  curl -H "Authorization: Bearer {issued.token}" '
            f'"{base}{reverse("scim:users")}?count=2"'
        )
        self.stdout.write(
            f'  curl -H "Authorization: Bearer {issued.token}" '
            f"{base}{reverse('api-progress')}?page_size=5"
        )
        learner = learners_of(org.pk).exclude(employee_id="").order_by("employee_id").first()
        if learner is not None:  # a learner who exists, by the id integrators match on
            path = reverse("api-learner", args=[learner.employee_id])
            self.stdout.write(f'  curl -H "Authorization: Bearer {issued.token}" {base}{path}')

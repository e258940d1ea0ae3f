"""Create the provider's people and clients; every redirect URI given on the command line
is allowed for every client (run again to add one)."""

from __future__ import annotations

import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.accounts.oidc_provider.settings")
django.setup()

from django.contrib.auth.models import User  # noqa: E402
from oauth2_provider.models import Application  # noqa: E402

from tests.accounts.oidc_provider.people import CLIENTS, PASSWORD, PEOPLE, secret_of  # noqa: E402


def main(redirect_uris: list[str]) -> None:
    for username, email, first, last in PEOPLE:
        if not User.objects.filter(username=username).exists():
            User.objects.create_user(username, email, PASSWORD, first_name=first, last_name=last)
    for client_id in CLIENTS:
        app = Application.objects.filter(client_id=client_id).first()
        if app is None:
            app = Application(
                client_id=client_id,
                client_secret=secret_of(client_id),
                name=client_id,
                client_type=Application.CLIENT_CONFIDENTIAL,
                authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
                algorithm=Application.RS256_ALGORITHM,
                skip_authorization=True,
                redirect_uris="",
            )
        known = app.redirect_uris.split()
        app.redirect_uris = " ".join(known + [u for u in redirect_uris if u not in known])
        app.save()


if __name__ == "__main__":
    main(sys.argv[1:])

"""The liveness probe: answers without the database, a session or a login."""

import os
import subprocess
import sys

from django.test import Client

from tests.conftest import ROOT

# No django_db mark: any query in these requests would fail the test.


def test_healthz_answers_ok_to_anyone_without_touching_the_database():
    response = Client().get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]  # a proxy must not answer for a dead server
    assert "sessionid" not in response.cookies


def test_healthz_answers_head_and_refuses_writes():
    client = Client()

    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_healthz_is_not_redirected_to_https_in_production_but_pages_are():
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    probe = (
        "from django.test import Client; c = Client(); "
        "print(c.get('/healthz').status_code, c.get('/accounts/login/').status_code)"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", probe],
        cwd=ROOT,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "lms.settings.production",
            "DJANGO_SECRET_KEY": "x" * 50,
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "ATTUNE_SITE_URL": "https://attune.example.com",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["200", "301"]

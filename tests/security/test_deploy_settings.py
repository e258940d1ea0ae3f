"""Production settings take their secrets from the environment only, and cannot be talked
into debug mode (tests/test_settings.py runs the deploy checklist itself)."""

from __future__ import annotations

import secrets

from tests.test_settings import run_manage

HOSTS = "attune.example.com"


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_manage("check", DJANGO_SECRET_KEY=secrets.token_urlsafe(50))

    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_the_secret_key_is_the_environments_and_debug_stays_off():
    key = secrets.token_urlsafe(50)
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.SECRET_KEY, s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)",
        DJANGO_SECRET_KEY=key,
        DJANGO_ALLOWED_HOSTS=HOSTS,
        DJANGO_DEBUG="true",  # the base settings honour it; production must not
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == [key, "False", "True", "True"]


def test_the_checklist_stays_clean_with_debug_asked_for():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=HOSTS,
        DJANGO_DEBUG="true",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_development_key_does_not_pass_the_checklist():
    """Copying the dev default into production is caught before it goes live."""
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="dev-only-insecure-key-change-me",
        DJANGO_ALLOWED_HOSTS=HOSTS,
    )

    # (the production settings refuse it outright, before Django's own W009 would)
    assert result.returncode != 0
    assert "ImproperlyConfigured: Production settings: DJANGO_SECRET_KEY" in result.stderr


def test_production_serves_metrics_to_no_address_by_default():
    """Behind a same-host proxy every request looks local: only the token, or an address
    listed on purpose, may read /metrics in production."""
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.ATTUNE_METRICS_ALLOWED_IPS)",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=HOSTS,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"

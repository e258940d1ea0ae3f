"""Production settings: secure by default, the default of every entry point, and refusing
to start on development secrets or services."""

import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import ROOT

SECRET = "x" * 20 + "a-long-random-production-secret-key-value"
SERVICES = ("DJANGO_", "DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "CACHE_URL")
SITE = "ATTUNE_SITE_URL"


def production_env(**env: str) -> dict[str, str]:
    """A production environment, plus ``env`` (an empty value removes a variable). Nothing
    here connects to the services: the addresses only have to be of the right kind."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith((*SERVICES, SITE))}
    full = {
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_ALLOWED_HOSTS": "attune.example.com",
        "DATABASE_URL": "postgres://attune@db.invalid:5432/attune",
        "REDIS_URL": "redis://redis.invalid:6379/0",
        SITE: "https://attune.example.com",
        **env,
    }
    return {**clean, **{k: v for k, v in full.items() if v}}


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``manage.py`` on production settings with services of the right kind, and of the
    ``DJANGO_`` variables only those given."""
    return run(
        ["manage.py", *args],
        {**production_env(DJANGO_SECRET_KEY="", DJANGO_ALLOWED_HOSTS=""), **env},
    )


def test_production_passes_the_deploy_checklist():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env())

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("env", "names"),
    [
        ({"DJANGO_SECRET_KEY": ""}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "dev-only-insecure-key-change-me"}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "short-but-random-3f9a"}, "DJANGO_SECRET_KEY"),
        ({"DATABASE_URL": ""}, "DATABASE_URL"),
        ({"DATABASE_URL": "sqlite:////tmp/attune.sqlite3"}, "DATABASE_URL"),
        ({"REDIS_URL": ""}, "REDIS_URL or CELERY_BROKER_URL"),
        (
            {"REDIS_URL": "", "CELERY_BROKER_URL": "sqla+sqlite:////tmp/broker.sqlite3"},
            "REDIS_URL or CELERY_BROKER_URL",
        ),
        (
            {"REDIS_URL": "", "CELERY_BROKER_URL": "redis://redis.invalid:6379/0"},
            "CACHE_URL",
        ),
        ({"CACHE_URL": "locmemcache://"}, "CACHE_URL"),
        ({SITE: ""}, SITE),
        ({SITE: "http://127.0.0.1:8000"}, SITE),
        ({SITE: "attune.example.com"}, SITE),
    ],
    ids=[
        "no secret", "dev secret", "short secret", "no database", "sqlite",
        "no broker", "embedded broker", "no shared cache", "per-process cache",
        "no site url", "loopback site url", "site url without scheme",
    ],
)  # fmt: skip
def test_production_refuses_to_start_on_development_secrets_or_services(env, names):
    result = run(["manage.py", "check"], production_env(**env))

    assert result.returncode != 0
    assert "ImproperlyConfigured: Production settings:" in result.stderr
    assert names in result.stderr
    assert "lms.settings.local" in result.stderr  # and says how to run for development


@pytest.mark.parametrize(
    "entry_point",
    [
        ["manage.py", "check"],
        ["-c", "import lms.wsgi"],
        ["-c", "import lms.asgi"],
        ["-c", "from lms.celery import app; print(app.conf.broker_url)"],
    ],
    ids=["manage.py", "wsgi", "asgi", "celery"],
)
def test_every_entry_point_defaults_to_production_settings(entry_point):
    # Given no settings module and no services: what a server would have by accident
    env = production_env(
        DJANGO_SETTINGS_MODULE="", DJANGO_SECRET_KEY="", DATABASE_URL="", REDIS_URL=""
    )

    result = run(entry_point, env)

    assert result.returncode != 0
    assert "ImproperlyConfigured: Production settings: DJANGO_SECRET_KEY" in result.stderr


def test_the_development_settings_start_with_no_variable_at_all(tmp_path):
    env = production_env(
        DJANGO_SETTINGS_MODULE="lms.settings.local", DJANGO_SECRET_KEY="", DATABASE_URL="",
        REDIS_URL="", ATTUNE_VAR_DIR=str(tmp_path),
    )  # fmt: skip
    probe = "from lms.celery import app; print(app.conf.broker_url)"

    result = run(["-c", f"import django; django.setup(); {probe}"], env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"sqla+sqlite:///{tmp_path}/broker.sqlite3"


def test_production_refuses_to_seed_demo_accounts():
    result = run(["manage.py", "seed_demo"], production_env())

    assert result.returncode != 0
    assert "Refusing to create demo accounts" in result.stderr


@pytest.mark.parametrize("command", ["seed_demo", "seed_demo_integrator"])
def test_demo_accounts_are_refused_unless_the_settings_allow_them(command, db, settings):
    from accounts.models import User

    settings.ATTUNE = {**settings.ATTUNE, "DEMO_ACCOUNTS_ALLOWED": False}

    with pytest.raises(CommandError, match="published password"):
        call_command(command)

    assert not User.objects.exists()

"""Production settings: secure by default, and refuse to start without their secrets."""

import os
import subprocess
import sys

from tests.conftest import ROOT


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "lms.settings.production", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_passes_the_deploy_checklist():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="x" * 20 + "a-long-random-production-secret-key-value",
        DJANGO_ALLOWED_HOSTS="attune.example.com",
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_ALLOWED_HOSTS="attune.example.com")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr

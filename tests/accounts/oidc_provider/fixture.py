"""The ``oidc_provider`` fixture: the test identity provider as a live process, and a
person signing in at it over HTTP (``sign_in_at_provider``)."""

from __future__ import annotations

import html
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from .people import PASSWORD, secret_of

ROOT = Path(__file__).resolve().parents[3]
SEED = "tests.accounts.oidc_provider.seed"


@dataclass
class OidcProvider:
    issuer: str
    env: dict[str, str]

    def allow_redirect(self, uri: str) -> None:
        subprocess.run([sys.executable, "-m", SEED, uri], cwd=ROOT, env=self.env, check=True)

    @staticmethod
    def secret_of(client_id: str) -> str:
        return secret_of(client_id)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OidcProvider]:
    folder = tmp_path_factory.mktemp("oidc-provider")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    (folder / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    port = _free_port()
    issuer = f"http://127.0.0.1:{port}/o"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.accounts.oidc_provider.settings",
        "OIDC_PROVIDER_DB": str(folder / "provider.sqlite3"),
        "OIDC_PROVIDER_KEY": str(folder / "key.pem"),
        "OIDC_PROVIDER_ISSUER": issuer,
    }
    subprocess.run(
        [sys.executable, "-m", "django", "migrate", "-v0"], cwd=ROOT, env=env, check=True
    )
    provider = OidcProvider(issuer=issuer, env=env)
    provider.allow_redirect("http://testserver/accounts/sso/north/callback/")
    log = open(folder / "provider.log", "wb")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            if requests.get(f"{issuer}/.well-known/openid-configuration", timeout=1).ok:
                break
        except requests.ConnectionError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError((folder / "provider.log").read_text()[-3000:])
        time.sleep(0.2)
    yield provider
    process.terminate()
    process.wait(timeout=10)
    log.close()


def sign_in_at_provider(
    authorize_url: str, username: str, *, back_to: str = "http://testserver/"
) -> str:
    """What a browser does at the provider: open the authorisation URL, log in, follow
    redirects until the provider sends it back to Attune (``back_to``); that URL."""
    session = requests.Session()
    login_page = session.get(authorize_url, timeout=10)
    assert "Northwind sign-in" in login_page.text, login_page.text[:500]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page.text)
    next_url = re.search(r'name="next" value="([^"]*)"', login_page.text)
    assert token is not None and next_url is not None
    response = session.post(
        login_page.url,
        data={
            "csrfmiddlewaretoken": token.group(1),
            "username": username,
            "password": PASSWORD,
            "next": html.unescape(next_url.group(1)),
        },
        headers={"Referer": login_page.url},
        allow_redirects=False,
        timeout=10,
    )
    while response.is_redirect:
        location = urljoin(response.url, response.headers["Location"])
        if location.startswith(back_to):
            return location
        response = session.get(location, allow_redirects=False, timeout=10)
    raise AssertionError(f"the provider did not send the browser back: {response.text[:500]}")

"""A test LTI 1.3 platform on a real port: what Moodle or Canvas does for Attune.

Built on joserfc (authlib's JOSE library) with its own RSA key: it publishes its keyset,
answers the OIDC authentication request with a signed id_token (posted back by the
"browser", the test's client), issues access tokens for client_credentials grants whose
JWT assertion it verifies against Attune's published keyset, receives AGS scores,
serves an NRPS membership, and verifies Deep Linking responses. Launches that must
fail are built here too: expired, tampered, for another audience, from another issuer,
from an unknown deployment.
"""

from __future__ import annotations

import html
import json
import re
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

LTI = "https://purl.imsglobal.org/spec/lti/claim/"
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
LINEITEM_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"
NRPS_SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"
LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"
INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"
CLIENT_ID = "attune-tool"
DEPLOYMENT_ID = "deployment-1"

PEOPLE = {
    "alice": {"email": "alice@north.example", "given_name": "Alice", "family_name": "Adams"},
    "nadia": {"email": "nadia@north.example", "given_name": "Nadia", "family_name": "New"},
    "sam": {"email": "sam@south.example", "given_name": "Sam", "family_name": "South"},
    "teacher": {"email": "tess@north.example", "given_name": "Tess", "family_name": "Teach"},
}


@dataclass
class LaunchSpec:
    """What the platform puts in (or does to) the next id_token."""

    person: str = "alice"
    message_type: str = "LtiResourceLinkRequest"
    roles: list[str] = field(default_factory=lambda: [LEARNER])
    custom: dict[str, str] = field(default_factory=dict)
    lineitem: str | None = "/lineitems/1"
    exp_in: int = 300
    aud: Any = None  # default: our client id
    iss: str | None = None  # default: the platform's issuer
    deployment_id: str = DEPLOYMENT_ID
    tamper: bool = False
    version: str = "1.3.0"
    target_link_uri: str = "http://testserver/lti/launch/"


@dataclass
class Received:
    scores: list[dict[str, Any]] = field(default_factory=list)
    deep_links: list[dict[str, Any]] = field(default_factory=list)
    tokens: list[dict[str, Any]] = field(default_factory=list)
    score_statuses: list[int] = field(default_factory=list)  # answers to the next posts


class TestPlatform:
    __test__ = False  # a counterpart, not a test class

    def __init__(self, host: str = "127.0.0.1") -> None:
        """``host``: the name it goes by (it listens on the loopback address either way);
        ``localhost`` makes it the same site as pytest-django's live server."""
        self.key = RSAKey.generate_key(2048, parameters={"kid": "platform-key-1", "alg": "RS256"})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base = f"http://{host}:{self.server.server_address[1]}"
        self.tool_keyset: Callable[[], dict[str, Any]] = lambda: {"keys": []}
        self.specs: dict[str, LaunchSpec] = {}
        self.received = Received()
        self.tokens: set[str] = set()
        self.members: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    # -- what HR enters in Attune
    @property
    def issuer(self) -> str:
        return self.base

    def registration(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "client_id": CLIENT_ID,
            "deployment_ids": [DEPLOYMENT_ID],
            "keyset_url": f"{self.base}/jwks",
            "auth_login_url": f"{self.base}/auth",
            "access_token_url": f"{self.base}/token",
        }

    def reset(self) -> None:
        self.specs.clear()
        self.received = Received()
        self.tokens.clear()
        self.members = []

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # -- the launch, as the platform starts it
    def login_params(self, spec: LaunchSpec) -> dict[str, str]:
        """The third-party login initiation a platform sends the browser to Attune with."""
        hint = secrets.token_urlsafe(8)
        self.specs[hint] = spec
        return {
            "iss": self.issuer,
            "login_hint": spec.person,
            "target_link_uri": "http://testserver/lti/launch/",
            "lti_message_hint": hint,
            "client_id": CLIENT_ID,
            "lti_deployment_id": spec.deployment_id,
        }

    def start_url(self, attune: str, spec: LaunchSpec) -> str:
        """Where the platform's link to Attune takes the browser: the login initiation."""
        return f"{attune}/lti/login/?{urlencode(self.login_params(spec))}"

    def id_token(self, spec: LaunchSpec, nonce: str) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": spec.iss or self.issuer,
            "aud": spec.aud if spec.aud is not None else CLIENT_ID,
            "sub": f"user-{spec.person}",
            "iat": now - 5 if spec.exp_in > 0 else now - 7200,
            "exp": now + spec.exp_in,
            "nonce": nonce,
            **PEOPLE[spec.person],
            LTI + "message_type": spec.message_type,
            LTI + "version": spec.version,
            LTI + "deployment_id": spec.deployment_id,
            LTI + "target_link_uri": spec.target_link_uri,
            LTI + "roles": spec.roles,
            LTI + "context": {"id": "course-7", "title": "Customer care onboarding"},
            "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice": {
                "context_memberships_url": f"{self.base}/memberships/course-7",
                "service_versions": ["2.0"],
            },
        }
        if spec.custom:
            claims[LTI + "custom"] = spec.custom
        if spec.message_type == "LtiResourceLinkRequest":
            claims[LTI + "resource_link"] = {"id": "link-1", "title": "Attune"}
            endpoint: dict[str, Any] = {
                "scope": [SCORE_SCOPE, LINEITEM_SCOPE],
                "lineitems": f"{self.base}/lineitems",
            }
            if spec.lineitem:
                endpoint["lineitem"] = self.base + spec.lineitem
            claims["https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"] = endpoint
        else:
            claims["https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"] = {
                "deep_link_return_url": f"{self.base}/deep-link-return",
                "accept_types": ["ltiResourceLink"],
                "accept_presentation_document_targets": ["iframe", "window"],
                "data": "platform-opaque-data",
            }
        token = jwt.encode({"alg": "RS256", "kid": self.key.kid}, claims, self.key)
        if spec.tamper:  # someone on the way gives the launch to another person
            header, _payload, signature = token.split(".")
            claims["email"] = "ceo@north.example"
            body = jwt.encode({"alg": "RS256", "kid": self.key.kid}, claims, self.key)
            token = ".".join([header, body.split(".")[1], signature])
        return token

    def authenticate(self, query: dict[str, str]) -> dict[str, str]:
        """The platform's OIDC authentication endpoint: the form it posts back."""
        assert query["response_type"] == "id_token" and query["response_mode"] == "form_post"
        assert query["scope"] == "openid" and query["prompt"] == "none"
        assert query["client_id"] == CLIENT_ID, query
        spec = self.specs[query["lti_message_hint"]]
        assert query["login_hint"] == spec.person
        return {
            "action": query["redirect_uri"],
            "id_token": self.id_token(spec, query["nonce"]),
            "state": query["state"],
        }

    # -- services
    def _verify_tool_jwt(self, token: str, audience: str) -> dict[str, Any]:
        keys = KeySet.import_key_set(self.tool_keyset())  # type: ignore[arg-type]
        decoded = jwt.decode(token, keys, algorithms=["RS256"])
        claims = decoded.claims
        assert claims["iss"] == CLIENT_ID and claims["aud"] in (audience, [audience]), claims
        assert claims["exp"] > time.time(), "expired assertion"
        return {"header": decoded.header, "claims": claims}

    def _token(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        if form.get("grant_type") != "client_credentials":
            return 400, {"error": "unsupported_grant_type"}
        try:
            self._verify_tool_jwt(form["client_assertion"], f"{self.base}/token")
        except Exception as error:
            return 401, {"error": "invalid_client", "error_description": str(error)}
        token = secrets.token_urlsafe(16)
        with self.lock:
            self.tokens.add(token)
            self.received.tokens.append({"scope": form.get("scope", "")})
        return 200, {"access_token": token, "token_type": "Bearer", "expires_in": 3600,
                     "scope": form.get("scope", "")}  # fmt: skip

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        platform = self

        class Handler(BaseHTTPRequestHandler):
            def _send(self, status: int, body: Any, content_type: str = "application/json") -> None:
                data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _authorised(self) -> bool:
                auth = self.headers.get("Authorization", "")
                return auth.startswith("Bearer ") and auth[7:] in platform.tokens

            def do_GET(self) -> None:
                url = urlsplit(self.path)
                if url.path == "/jwks":
                    return self._send(200, {"keys": [platform.key.as_dict(private=False)]})
                if url.path == "/frame":  # a course page of the LMS showing the tool
                    src = html.escape(parse_qs(url.query)["src"][0])
                    page = (
                        '<!doctype html><html lang="en"><head><title>Course</title></head>'
                        "<body><main><h1>Customer care onboarding</h1>"
                        f'<iframe src="{src}" title="Attune" width="380" height="600"></iframe>'
                        "</main></body></html>"
                    )
                    return self._send(200, page, "text/html")
                if url.path == "/auth":
                    query = {k: v[0] for k, v in parse_qs(url.query).items()}
                    form = platform.authenticate(query)
                    fields = "".join(
                        f'<input type="hidden" name="{k}" value="{html.escape(v)}">'
                        for k, v in form.items()
                        if k != "action"
                    )
                    # As a platform does: the browser posts the form at once.
                    page = (
                        f'<form method="post" action="{form["action"]}">{fields}</form>'
                        "<script>document.forms[0].submit()</script>"
                    )
                    return self._send(200, page, "text/html")
                if url.path.startswith("/memberships/"):
                    if not self._authorised():
                        return self._send(401, {"error": "no token"})
                    container = {
                        "id": platform.base + url.path,
                        "context": {"id": "course-7", "title": "Customer care onboarding"},
                        "members": platform.members,
                    }
                    return self._send(
                        200, container, "application/vnd.ims.lti-nrps.v2.membershipcontainer+json"
                    )
                return self._send(404, {"error": "not found"})

            def do_POST(self) -> None:
                url = urlsplit(self.path)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                if url.path == "/token":
                    form = {k: v[0] for k, v in parse_qs(body).items()}
                    return self._send(*platform._token(form))
                if url.path == "/deep-link-return":
                    token = parse_qs(body)["JWT"][0]
                    verified = platform._verify_tool_jwt(token, platform.issuer)
                    with platform.lock:
                        platform.received.deep_links.append(verified)
                    return self._send(200, "<p>Added.</p>", "text/html")
                if re.fullmatch(r"/lineitems/\d+/scores", url.path):
                    if not self._authorised():
                        return self._send(401, {"error": "no token"})
                    if self.headers.get("Content-Type") != "application/vnd.ims.lis.v1.score+json":
                        return self._send(415, {"error": "score media type expected"})
                    with platform.lock:
                        status = (
                            platform.received.score_statuses.pop(0)
                            if platform.received.score_statuses
                            else 200
                        )
                        if status == 200:
                            score = json.loads(body)
                            platform.received.scores.append({"lineitem": url.path, **score})
                    return self._send(status, {} if status == 200 else {"error": "try later"})
                return self._send(404, {"error": "not found"})

            def log_message(self, *args: Any) -> None:
                pass

        return Handler


def posted_form(page: str) -> dict[str, str]:
    """The fields of the auto-posting form a platform page carries."""
    action = re.search(r'<form[^>]*action="([^"]+)"', page)
    fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', page))
    assert action is not None, page[:500]
    return {
        "action": html.unescape(action.group(1)),
        **{k: html.unescape(v) for k, v in fields.items()},
    }


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


__all__ = ["LaunchSpec", "TestPlatform", "posted_form", "query_of", "urlencode"]

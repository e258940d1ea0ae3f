"""Service calls to a platform (AGS, NRPS) with pylti1p3's connector: an access token
from the platform's token URL through a client_credentials grant with a JWT assertion
signed by our current key, kept in the shared cache for a few minutes."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from django.core.cache import cache
from pylti1p3.service_connector import ServiceConnector

from .http import PlatformSession
from .models import Platform
from .tool_conf import registration_of

TOKEN_SECONDS = 300  # platforms issue tokens for an hour; a rejected one is dropped at once


class PlatformConnector(ServiceConnector):
    def __init__(self, platform: Platform) -> None:
        super().__init__(registration_of(platform), PlatformSession())
        self.platform = platform

    def _cache_key(self, scopes: Sequence[str]) -> str:
        scope_hash = hashlib.sha256(" ".join(sorted(scopes)).encode()).hexdigest()[:16]
        return f"lti-token:{self.platform.pk}:{self.platform.updated_at.timestamp()}:{scope_hash}"

    def get_access_token(self, scopes: Sequence[str]) -> str:
        key = self._cache_key(scopes)
        token = cache.get(key)
        if not token:
            token = super().get_access_token(scopes)
            cache.set(key, token, TOKEN_SECONDS)
        return str(token)

    def forget_token(self, scopes: Sequence[str]) -> None:
        cache.delete(self._cache_key(scopes))

"""Where webhooks may be sent: http(s) to a public address.

An HR user chooses the URL and the worker makes the request, from inside our network. So
a URL whose host is (or resolves to) a loopback, private, link-local or otherwise
non-public address is refused — at subscription time and again before every send, since
DNS can change meanwhile — unless ``WEBHOOK_ALLOW_PRIVATE_TARGETS`` is on (the default in
development and tests, where receivers run on this machine; off in production).
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from integrations.conf import setting
from integrations.errors import IntegrationError


def webhook_target_check(url: str) -> None:
    """Raise ``IntegrationError`` with the reason when ``url`` may not receive webhooks."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise IntegrationError("The URL must start with https:// (or http://) and name a host.")
    if setting("WEBHOOK_ALLOW_PRIVATE_TARGETS"):
        return
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = {str(info[4][0]) for info in socket.getaddrinfo(parts.hostname, port)}
    except (OSError, ValueError) as error:
        raise IntegrationError(f"The host {parts.hostname} cannot be resolved.") from error
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if not ip.is_global:
            raise IntegrationError(
                f"The host {parts.hostname} is an internal address ({ip}); webhooks go "
                "only to public addresses."
            )

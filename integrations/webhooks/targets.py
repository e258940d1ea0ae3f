"""Where webhooks may be sent: http(s) to a public address, and only the address checked.

An HR user chooses the URL and the worker makes the request, from inside our network. So
a URL whose host is (or resolves to) a loopback, private, link-local or otherwise
non-public address is refused — at subscription time and again before every send, since
DNS can change meanwhile — unless ``WEBHOOK_ALLOW_PRIVATE_TARGETS`` is on (the default in
development and tests, where receivers run on this machine; off in production).

Before a send the host is resolved once and the request goes to that very address (the
URL keeps its name in the Host header and in TLS's SNI and certificate check): a second
lookup at connect time could answer differently (DNS rebinding).
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit, urlunsplit

from integrations.conf import setting
from integrations.errors import IntegrationError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# IPv6 ranges that carry an IPv4 address a router will deliver to: the address counts as
# the IPv4 it embeds. Python's ``is_global`` calls most of these global.
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")  # deprecated ::a.b.c.d


def embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """Every IPv4 address ``ip`` leads to: IPv4-mapped, 6to4, Teredo, NAT64, compatible."""
    found = [ip.ipv4_mapped, ip.sixtofour, *(ip.teredo or ())]
    if any(ip in network for network in _NAT64) or ip in _IPV4_COMPATIBLE:
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return [address for address in found if address is not None]


def is_public(ip: IPAddress) -> bool:
    """Global, and so is every IPv4 address it embeds. The local-use NAT64 prefix and
    Teredo are refused outright: what they reach depends on a translator we do not know."""
    if not ip.is_global:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        if ip in _NAT64[1] or ip.teredo is not None:
            return False
        return all(is_public(inner) for inner in embedded_ipv4(ip))
    return True


@dataclass(frozen=True)
class PinnedTarget:
    """A webhook URL with its host resolved and checked: send to ``url`` (the address),
    with ``host`` as the Host header and, for https, as SNI and certificate name."""

    url: str
    host: str
    address: str

    @property
    def tls_name(self) -> str | None:
        return self.host.rsplit(":", 1)[0] if self.url.startswith("https:") else None


def _parts(url: str) -> SplitResult:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise IntegrationError("The URL must start with https:// (or http://) and name a host.")
    return parts


def _resolve(parts: SplitResult) -> list[IPAddress]:
    assert parts.hostname
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except (OSError, ValueError) as error:
        raise IntegrationError(f"The host {parts.hostname} cannot be resolved.") from error
    addresses: list[IPAddress] = []
    for info in infos:
        ip = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if ip not in addresses:
            addresses.append(ip)
    if not setting("WEBHOOK_ALLOW_PRIVATE_TARGETS"):
        for ip in addresses:
            if not is_public(ip):
                raise IntegrationError(
                    f"The host {parts.hostname} is an internal address ({ip}); webhooks go "
                    "only to public addresses."
                )
    return addresses


def webhook_target_check(url: str) -> None:
    """Raise ``IntegrationError`` with the reason when ``url`` may not receive webhooks.
    With private targets allowed (development) a name need not resolve yet."""
    parts = _parts(url)
    if not setting("WEBHOOK_ALLOW_PRIVATE_TARGETS"):
        _resolve(parts)


def webhook_target_pin(url: str) -> PinnedTarget:
    """Resolve ``url``'s host once, check every address, and return the URL rewritten to
    the first one (IPv4 first: what a dual-stack receiver is likeliest to listen on)."""
    parts = _parts(url)
    addresses = sorted(_resolve(parts), key=lambda ip: ip.version)
    ip = addresses[0]
    literal = f"[{ip}]" if ip.version == 6 else str(ip)
    netloc = f"{literal}:{parts.port}" if parts.port else literal
    host = parts.netloc.rsplit("@", 1)[-1]
    return PinnedTarget(url=urlunsplit(parts._replace(netloc=netloc)), host=host, address=str(ip))

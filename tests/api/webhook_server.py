"""Local HTTP servers for webhook tests: the README's receiver, and scripted endpoints."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_receiver(secret: str) -> dict[str, Any]:
    """Execute the README's receiver example with ``secret``; return its namespace.

    Calls to ``verify`` and ``print`` are recorded, so a test sees what it accepted."""
    match = re.search(r"```python\n(# webhook_receiver\.py.*?)```", README.read_text(), re.S)
    assert match, "the README's receiver example is missing"
    import os

    os.environ["ATTUNE_WEBHOOK_SECRET"] = secret
    namespace: dict[str, Any] = {"__name__": "webhook_receiver"}
    exec(compile(match.group(1), "README.md", "exec"), namespace)
    received: list[tuple[Any, ...]] = []
    requests: list[tuple[dict[str, str], bytes]] = []
    verify = namespace["verify"]

    def recording_verify(secret: str, headers: Any, body: bytes) -> Any:
        requests.append(({k.lower(): v for k, v in headers.items()}, body))
        return verify(secret, headers, body)

    namespace["verify"] = recording_verify
    namespace["print"] = lambda *args: received.append(args)
    namespace["received"], namespace["requests"], namespace["readme_verify"] = (
        received,
        requests,
        verify,
    )
    return namespace


@contextmanager
def serve(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hooks"
    finally:
        server.shutdown()
        server.server_close()


def scripted(statuses: list[int]) -> tuple[type[BaseHTTPRequestHandler], list[bytes]]:
    """A handler answering with ``statuses`` in turn (the last one repeats)."""
    bodies: list[bytes] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            bodies.append(self.rfile.read(int(self.headers.get("content-length", 0))))
            status = statuses[min(len(bodies) - 1, len(statuses) - 1)]
            self.send_response(status)
            self.end_headers()
            self.wfile.write(b"nope" if status >= 400 else b"")

        def log_message(self, *args: Any) -> None:
            pass

    return Handler, bodies

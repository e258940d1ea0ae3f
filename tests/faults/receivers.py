"""Loopback endpoints the worker talks to: a webhook receiver and an SMTP server.

Both record what they were sent and can *hold* one request (it has arrived, but gets
no answer) so a test can kill the worker in the middle of the send.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import json
import socketserver
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from integrations.webhooks.signing import signature

HOLD_AT_MOST = 30  # seconds; longer than any test waits before killing the sender


@dataclass
class Hold:
    """Hold a request once ``skip`` more have passed: ``arrived`` is set when it is in,
    ``release`` lets it go."""

    skip: int = 0
    arrived: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)


class _Holding:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.hold: Hold | None = None

    def hold_next(self, *, skip: int = 0) -> Hold:
        with self.lock:
            self.hold = Hold(skip=skip)
            return self.hold

    def _take_hold(self) -> Hold | None:
        with self.lock:
            hold = self.hold
            if hold is not None and hold.skip:
                hold.skip -= 1
                return None
            self.hold = None
            return hold

    def _maybe_wait(self) -> None:
        hold = self._take_hold()
        if hold is not None:
            hold.arrived.set()
            hold.release.wait(HOLD_AT_MOST)


@dataclass(frozen=True)
class Post:
    webhook_id: str
    type: str
    data: dict[str, Any]


class WebhookReceiver(_Holding):
    """Accepts Standard-Webhooks-signed POSTs (204), rejects bad signatures (400)."""

    def __init__(self) -> None:
        super().__init__()
        self.secret = ""
        self.posts: list[Post] = []
        self.rejected = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                webhook_id = self.headers.get("webhook-id", "")
                expected = signature(
                    secret=receiver.secret,
                    message_id=webhook_id,
                    timestamp=int(self.headers.get("webhook-timestamp", "0")),
                    body=body,
                )
                if expected not in self.headers.get("webhook-signature", "").split():
                    receiver.rejected += 1
                    self.send_response(400)
                    self.end_headers()
                    return
                event = json.loads(body)
                with receiver.lock:
                    receiver.posts.append(Post(webhook_id, event["type"], event["data"]))
                receiver._maybe_wait()
                with contextlib.suppress(OSError):  # the sender was killed while held
                    self.send_response(204)
                    self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks"

    def ids_by(self, key: str) -> dict[Any, set[str]]:
        """The distinct webhook-ids received per value of ``data[key]``."""
        with self.lock:
            posts = list(self.posts)
        found: dict[Any, set[str]] = {}
        for post in posts:
            found.setdefault(post.data.get(key), set()).add(post.webhook_id)
        return found

    def __enter__(self) -> WebhookReceiver:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


class SmtpServer(_Holding):
    """Just enough SMTP for Django's backend: records each message's recipients and
    subject, then answers 250 (after the hold, if one is set)."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[email.message.EmailMessage] = []
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def reply(self, line: str) -> None:
                self.wfile.write(f"{line}\r\n".encode())

            def handle(self) -> None:
                with contextlib.suppress(OSError):  # the sender was killed while held
                    self.converse()

            def converse(self) -> None:
                self.reply("220 faults ESMTP")
                while line := self.rfile.readline():
                    verb = line[:4].upper()
                    if verb == b"EHLO":
                        self.reply("250 faults")
                    elif verb == b"DATA":
                        self.reply("354 go ahead")
                        sink._received(self._read_data())
                        sink._maybe_wait()
                        self.reply("250 queued")
                    elif verb == b"QUIT":
                        self.reply("221 bye")
                        return
                    else:  # HELO, MAIL, RCPT, RSET, NOOP
                        self.reply("250 ok")

            def _read_data(self) -> bytes:
                lines = []
                while (line := self.rfile.readline()) not in (b".\r\n", b""):
                    lines.append(line[1:] if line.startswith(b"..") else line)
                return b"".join(lines)

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = int(self.server.server_address[1])

    def _received(self, data: bytes) -> None:
        message = email.message_from_bytes(data, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)  # type: ignore[arg-type]

    def recipients(self) -> list[str]:
        with self.lock:
            return [str(message["To"]) for message in self.messages]

    def __enter__(self) -> SmtpServer:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

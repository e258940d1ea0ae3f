"""Simulated learners for ``bench/load/run.py`` (which starts locust with this file).

``Learner`` does what a person does in the browser: opens the login page (fetching the
static files once, cold cache), logs in, then studies: course overview, a lesson, one of
its written exercises, submits a real reply from the calibration set and then waits for
feedback exactly as the page does: the redirected page either shows the result already,
or htmx polls the status fragment with the delay the fragment itself asks for
(``hx-trigger``), until it shows the graded result. That wait, from the start of the POST
to the response that shows the feedback, is reported as "submit → feedback".

``Bare`` requests ``/healthz`` (no database, no session, no template) as fast as it can:
the baseline of what Django and gunicorn themselves serve on this machine. ``Probe``
requests it once a second beside the learners.

Requests go over plain HTTP with ``X-Forwarded-Proto: https``, as from the TLS proxy in
front of production; locust's fast client sends the secure cookies over it.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time
from http.cookiejar import Cookie, DefaultCookiePolicy
from urllib.parse import urlencode

import gevent
from locust import FastHttpUser, constant, events, task
from locust.exception import StopUser

with open(os.environ["ATTUNE_LOAD_PLAN"], encoding="utf-8") as _plan:
    PLAN = json.load(_plan)
THINK = float(os.environ.get("ATTUNE_LOAD_THINK", "1"))  # 0: no reading or writing time
SAMPLES: list[list[object]] = []  # [start, name, ms, ok]: written out when locust quits
_accounts = itertools.count()

FEEDBACK = "submit → feedback"
PROBE = "healthz, beside the learners"
FINAL = ("graded", "needs_review")
PANEL_RE = re.compile(r'<div class="feedback [^>]*>')
ATTR_RE = re.compile(r'([\w-]+)="([^"]*)"')
DELAY_RE = re.compile(r"(?:every |delay:)(\d+(?:\.\d+)?)(ms|s)")


@events.request.add_listener
def _record(name: str, start_time: float, response_time: float, exception: object, **_: object):
    SAMPLES.append([start_time, name, response_time, exception is None])


@events.quitting.add_listener
def _write_samples(**_: object) -> None:
    with open(os.environ["ATTUNE_LOAD_SAMPLES"], "w", encoding="utf-8") as out:
        json.dump(SAMPLES, out)


def think(low: float, high: float) -> None:
    if THINK > 0:
        gevent.sleep(random.uniform(low, high) * THINK)


def poll_delay(trigger: str) -> float:
    """Seconds the browser waits before the next poll, from the fragment's hx-trigger."""
    match = DELAY_RE.search(trigger)
    if match is None:
        raise ValueError(f"unexpected hx-trigger {trigger!r}")
    value, unit = float(match.group(1)), match.group(2)
    return value / 1000 if unit == "ms" else value


def feedback_panel(html: str, start: int = 0) -> dict[str, str] | None:
    """The attributes of the first feedback panel from ``start``: data-status, and
    hx-get / hx-trigger while the page keeps polling."""
    match = PANEL_RE.search(html, start)
    return dict(ATTR_RE.findall(match.group(0))) if match else None


def latest_feedback(html: str) -> dict[str, str] | None:
    """The panel of the newest attempt (not the earlier reply a revision exercise shows)."""
    return feedback_panel(html, max(html.find('id="latest-heading"'), 0))


class BehindTheProxy(DefaultCookiePolicy):
    """The browser talks https to the proxy, so it returns the secure cookies; here the
    proxy is skipped (plain HTTP to gunicorn), so they must be returned over http."""

    def return_ok_secure(self, cookie: Cookie, request: object) -> bool:
        return True


class Browser(FastHttpUser):
    abstract = True
    host = PLAN["host"]
    default_headers = {"X-Forwarded-Proto": "https"}  # what the TLS proxy adds

    def on_start(self) -> None:
        self.client.cookiejar.set_policy(BehindTheProxy())

    def post_form(self, path: str, fields: dict[str, str], *, name: str, referer: str):
        origin = "https://" + self.host.split("://", 1)[1]  # the page's origin, as sent
        return self.client.post(
            path,
            data=urlencode(fields),
            name=name,
            allow_redirects=False,
            catch_response=True,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": origin,
                "Referer": origin + referer,
            },
        )


class Learner(Browser):
    wait_time = constant(0)  # the think time is inside the task, where a person pauses

    def on_start(self) -> None:
        super().on_start()
        self.username = PLAN["learners"][next(_accounts) % len(PLAN["learners"])]
        self.rng = random.Random(self.username)
        login = self.client.get("/accounts/login/", name="login page")
        for asset in re.findall(r'(?:href|src)="(/static/[^"]+)"', login.text):
            self.client.get(asset, name="static file (cold cache)")
        think(1, 3)
        with self.post_form(
            "/accounts/login/",
            {
                "csrfmiddlewaretoken": csrf_token(login.text),
                "username": self.username,
                "password": PLAN["password"],
                "next": "",
            },
            name="log in (POST)",
            referer="/accounts/login/",
        ) as response:
            if response.status_code != 302 or "/accounts/login/" in response.headers.get(
                "Location", ""
            ):
                response.failure(f"login refused: {response.status_code}")
                raise StopUser()
        self.client.get("/", name="home")

    @task
    def study_one_exercise(self) -> None:
        course = PLAN["course"]
        overview = self.client.get(f"/courses/{course}/", name="course overview")
        lessons = re.findall(rf'href="(/courses/{course}/lessons/[\w-]+/)"', overview.text)
        think(1, 3)
        lesson_url = self.rng.choice(lessons)
        lesson = self.client.get(lesson_url, name="lesson")
        written = [
            (url, slug)
            for url, slug in re.findall(
                rf'href="(/courses/{course}/exercises/([\w-]+)/)"', lesson.text
            )
            if slug in PLAN["exercises"]
        ]
        think(3, 8)  # reading
        if not written:
            return
        url, slug = self.rng.choice(written)
        page = self.client.get(url, name="exercise")
        think(5, 15)  # writing the reply
        self.submit(url, slug, page.text)
        think(3, 6)  # reading the feedback

    def submit(self, url: str, slug: str, page: str) -> None:
        fields = {
            "csrfmiddlewaretoken": csrf_token(page),
            "client_token": re.search(r'name="client_token" value="([\w-]+)"', page).group(1),  # type: ignore[union-attr]
            "answer": self.rng.choice(PLAN["answers"][PLAN["exercises"][slug]]),
        }
        started = time.time()
        clock = time.perf_counter()
        with self.post_form(url + "submit/", fields, name="submit answer (POST)", referer=url) as r:
            if r.status_code != 302:
                r.failure(f"submit answered {r.status_code}")
                return
            location = r.headers["Location"]
        shown = self.client.get(location.split("#")[0], name="exercise after submit")
        panel = latest_feedback(shown.text)
        while panel is not None and "hx-get" in panel:
            gevent.sleep(poll_delay(panel["hx-trigger"]))
            fragment = self.client.get(panel["hx-get"], name="status fragment (poll)")
            panel = feedback_panel(fragment.text)
        status = panel.get("data-status") if panel else None
        ok = status in FINAL
        events.request.fire(
            request_type="FLOW",
            name=FEEDBACK,
            start_time=started,
            response_time=(time.perf_counter() - clock) * 1000,
            response_length=0,
            exception=None if ok else RuntimeError(f"no feedback shown: {status}"),
            context={},
        )


class Bare(Browser):
    wait_time = constant(0)

    @task
    def healthz(self) -> None:
        self.client.get("/healthz", name="healthz (bare view)")


class Probe(Browser):
    """One bare-view request a second beside the learners: the framework's own latency
    at the same moment, to compare each page with."""

    fixed_count = 1
    wait_time = constant(1)

    @task
    def healthz(self) -> None:
        self.client.get("/healthz", name=PROBE)


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if match is None:
        raise ValueError("no CSRF token on the page")
    return match.group(1)

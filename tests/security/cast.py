"""The cast of the hostile-input and access tests: the HR tests' two organisations, plus
employee ids, answers, a certificate, integrator credentials and webhooks.

Employee A is ``ana`` (reports to the manager), employee B is ``cleo`` (same
organisation, no manager); ``sam`` is in the other organisation.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django.db.models import Model
from django.test import Client
from django.utils import timezone

from accounts.models import User
from accounts.services import hr_group
from accounts.sso.models import IdentityProvider
from accounts.sso.sealing import seal
from activity.models import Event
from courses.models import Course
from courses.services.enrollments import certificate_issue
from exercises.models import Submission, SubmissionStatus
from exercises.services.conversations import conversation_start
from hr.models import CompletionRecord, CoursePolicy, MessageKind, ReminderMessage
from integrations.models import (
    ApiClient,
    IdempotencyRecord,
    Scope,
    WebhookDelivery,
    XapiStatement,
)
from integrations.services.clients import api_client_create, api_client_revoke
from integrations.webhooks.subscriptions import webhook_subscription_create
from lti.keys import current_tool_key
from lti.models import GradeLink, Platform, ScorePost
from tests.exercises.conversations import add_conversation_to
from tests.factories import UserFactory
from tests.hr.conftest import World
from tests.hr.helpers import graded_answer

# Session roles (a person logged in), then integrator roles (a Bearer credential).
PEOPLE = ["anonymous", "employee_a", "employee_b", "manager", "hr", "hr_south", "staff"]
WITHOUT = {scope: f"api_without_{scope.split(':')[0]}_{scope.split(':')[1]}" for scope in Scope}
INTEGRATORS = ["api", "api_south", "api_expired", "api_revoked", *WITHOUT.values()]
ROLES = [*PEOPLE, *INTEGRATORS]


@dataclass
class Cast:
    world: World
    course: Course
    users: dict[str, User | None]
    tokens: dict[str, str]
    ids: dict[str, Any] = field(default_factory=dict)

    def client(self, role: str, **extra: Any) -> Client:
        """A client acting as ``role``: logged in, holding a credential, or neither."""
        if role in self.tokens:
            return Client(HTTP_AUTHORIZATION=f"Bearer {self.tokens[role]}", **extra)
        client = Client(**extra)
        user = self.users.get(role)
        if user is not None:
            client.force_login(user)
        return client


def _token(organisation: Any, scopes: list[str], **extra: Any) -> str:
    return api_client_create(
        organisation=organisation,
        name="Sync",
        scopes=scopes,
        expires_at=timezone.now() + timedelta(days=30),
        **extra,
    ).token


def make_cast(world: World, course: Course) -> Cast:
    cache.clear()  # rate-limit budgets start full
    w = world
    for person, employee_id in [(w.ana, "N-ANA"), (w.ben, "N-BEN"), (w.cleo, "N-CLEO"),
                                (w.sam, "S-SAM")]:  # fmt: skip
        person.employee_id = employee_id
        person.save(update_fields=["employee_id"])
    for hr in (w.hr, w.hr_south):  # HR have admin access, as ``seed_demo`` gives them
        hr.is_staff = True
        hr.save(update_fields=["is_staff"])
        hr.groups.add(hr_group())
    dora = UserFactory(username="dora", organisation=w.north, employee_id="N-DORA")
    # North signs in through a provider nobody can reach here: every start is refused.
    identity_provider = IdentityProvider.objects.create(
        organisation=w.north, issuer="http://127.0.0.1:9/o", client_id="attune",
        client_secret_sealed=seal("a-long-client-secret"),
    )  # fmt: skip

    # North's LMS, unreachable here too: its connection test fails, launches are refused.
    lti_platform = Platform.objects.create(
        organisation=w.north, name="Moodle", issuer="http://127.0.0.1:9/lms", client_id="attune",
        deployment_ids=["1"], keyset_url="http://127.0.0.1:9/lms/jwks",
        auth_login_url="http://127.0.0.1:9/lms/auth", access_token_url="http://127.0.0.1:9/lms/token",
        course=course,
    )  # fmt: skip
    tool_key = current_tool_key()

    answer = graded_answer(w.enrollments["ana"], [2, 1, 1, 2, 1], "Sorry, Dana. I'll refund it.")
    review = graded_answer(w.enrollments["ana"], [1, 1, 0, 1, 0], "Let me look into it.")
    Submission.objects.filter(pk=review.pk).update(status=SubmissionStatus.NEEDS_REVIEW)
    cleo_answer = graded_answer(w.enrollments["cleo"], [1, 1, 1, 1, 1], "We'll sort it.")
    failed = graded_answer(w.enrollments["cleo"], [0, 0, 0, 0, 0], "It broke the grader.")
    Submission.objects.filter(pk=failed.pk).update(status="failed", error="grader crashed")
    certificate = certificate_issue(enrollment=w.enrollments["ana"])
    talk = add_conversation_to(course)
    ana_talk = conversation_start(
        enrollment=w.enrollments["ana"], exercise=talk, client_token=uuid.uuid4()
    )
    cleo_talk = conversation_start(
        enrollment=w.enrollments["cleo"], exercise=talk, client_token=uuid.uuid4()
    )
    sam_certificate = certificate_issue(enrollment=w.enrollments["sam"])

    north_client = api_client_create(
        organisation=w.north, name="North HRIS", scopes=Scope.values, created_by=w.hr
    ).client
    north_hook = webhook_subscription_create(
        organisation=w.north, url="https://hooks.north.example/attune",
        event_types=["enrollment.created"], created_by=w.hr,
    ).subscription  # fmt: skip
    south_hook = webhook_subscription_create(
        organisation=w.south, url="https://hooks.south.example/attune",
        event_types=["enrollment.created"],
    ).subscription  # fmt: skip
    event = Event.objects.filter(learner=w.ana).first()
    assert event is not None
    delivery = WebhookDelivery.objects.create(subscription=north_hook, event=event)
    statement = XapiStatement.objects.create(
        statement_id=uuid.uuid4(), organisation=w.north, event=event, verb="launched",
        statement={"verb": "launched"},
    )  # fmt: skip
    reminder = ReminderMessage.objects.create(
        key=f"due_soon:{w.enrollments['ana'].pk}:1", kind=MessageKind.DUE_SOON,
        enrollment=w.enrollments["ana"], recipient=w.ana, organisation=w.north,
        to_email=w.ana.email, subject="Reminder", body="Due soon",
    )  # fmt: skip
    record = CompletionRecord.objects.create(
        enrollment=w.enrollments["ana"], completed_at=timezone.now() - timedelta(days=400),
        expired_at=timezone.now(), certificate_code=certificate.code,
    )  # fmt: skip
    policy = CoursePolicy.objects.create(organisation=w.north, course=course)
    idempotency = IdempotencyRecord.objects.create(
        client=north_client, key="k-1", fingerprint="0" * 64, status_code=201, body={}
    )

    grade_link = GradeLink.objects.create(
        platform=lti_platform, enrollment=w.enrollments["ana"], subject="moodle-ana",
        lineitem_url="http://127.0.0.1:9/lms/lineitems/1", target="course",
    )  # fmt: skip
    score_post = ScorePost.objects.create(
        grade_link=grade_link, version=1, score_given=40, activity_progress="InProgress",
        grading_progress="FullyGraded", timestamp=timezone.now(), status="sent",
    )  # fmt: skip

    tokens = {
        "api": _token(w.north, Scope.values),
        "api_south": _token(w.south, Scope.values),
        "api_expired": _token(w.north, Scope.values),
        "api_revoked": _token(w.north, Scope.values),
    }
    for scope, role in WITHOUT.items():
        tokens[role] = _token(w.north, [s for s in Scope.values if s != scope])
    expired = ApiClient.objects.get(key_id=tokens["api_expired"].split("_")[1])
    ApiClient.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(1))
    api_client_revoke(client=ApiClient.objects.get(key_id=tokens["api_revoked"].split("_")[1]))

    users: dict[str, User | None] = {
        "anonymous": None,
        "employee_a": w.ana,
        "employee_b": w.cleo,
        "manager": w.manager,
        "hr": w.hr,
        "hr_south": w.hr_south,
        "staff": w.staff,
    }
    ids = {
        "course": course.slug,
        "lesson": "the-feeling-first",
        "exercise": "reply-double-charge",
        "ana": w.ana.pk,
        "cleo": w.cleo.pk,
        "sam": w.sam.pk,
        "ana_enrollment": w.enrollments["ana"].pk,
        "sam_enrollment": w.enrollments["sam"].pk,
        "ana_submission": answer.pk,
        "cleo_submission": cleo_answer.pk,
        "review_submission": review.pk,
        "failed_submission": failed.pk,
        "certificate": certificate.code,
        "sam_certificate": sam_certificate.code,
        "north_client": north_client.pk,
        "north_hook": north_hook.pk,
        "south_hook": south_hook.pk,
        "delivery": delivery.pk,
        "dora": dora.pk,
        "group": hr_group().pk,
        "exercise_id": answer.exercise_id,
        "lesson_id": answer.exercise.lesson_id,
        "course_id": course.pk,
        "organisation": w.north.pk,
        "department": w.care.pk,
        "team": w.phones.pk,
        "statement": statement.pk,
        "reminder": reminder.pk,
        "record": record.pk,
        "idempotency": idempotency.pk,
        "policy": policy.pk,
        "cert_pk": certificate.pk,
        "identity_provider": identity_provider.pk,
        "lti_platform": lti_platform.pk,
        "tool_key": tool_key.pk,
        "score_post": score_post.pk,
        "conversation_exercise": talk.slug,
        "ana_conversation": ana_talk.pk,
        "cleo_conversation": cleo_talk.pk,
    }
    return Cast(world=w, course=course, users=users, tokens=tokens, ids=ids)


# The tables the application writes; sessions and "last used/login" stamps are not state
# a refused request may have changed on anyone's behalf.
APP_LABELS = {"accounts", "activity", "auth", "courses", "exercises", "hr", "integrations", "lti"}
VOLATILE = {"last_login", "last_used_at"}


def _models() -> list[type[Model]]:
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in APP_LABELS
    ]


def db_state() -> dict[str, Any]:
    """Every application table's rows (a digest of them on PostgreSQL, in one query),
    for "nothing changed" assertions."""
    if connection.vendor != "postgresql":
        return {
            model._meta.label: [
                {k: v for k, v in row.items() if k not in VOLATILE}
                for row in model._default_manager.order_by("pk").values()
            ]
            for model in _models()
        }
    quote = connection.ops.quote_name
    selects = []
    for model in _models():
        columns = [f.column for f in model._meta.concrete_fields if f.attname not in VOLATILE]
        row = f"ROW({', '.join(quote(c) for c in columns)})::text"
        digest = f"md5(coalesce(string_agg({row}, ',' ORDER BY {row}), ''))"
        selects.append(f"SELECT '{model._meta.label}', {digest} FROM {quote(model._meta.db_table)}")
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects))
        return dict(cursor.fetchall())


def assert_unchanged(before: dict[str, Any]) -> None:
    after = db_state()
    changed = [label for label in before if before[label] != after[label]]
    assert not changed, f"a refused request changed {changed}"

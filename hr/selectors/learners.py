"""The learner drill-down: one person in the viewer's scope, their progress and history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from accounts.access import people_visible_to
from accounts.models import User
from activity.models import AuditEntry
from courses.models import Certificate, Enrollment, StageCompletion
from exercises.models import CriterionScore, ExerciseKind, Grading, Submission
from learning.path import course_map, enrollment_progress

from ..models import CompletionRecord, MessageStatus, ReminderMessage


def learner_get(*, viewer: User, learner_id: int) -> User:
    """A person ``viewer`` may see; anyone else is a 404."""
    return get_object_or_404(
        people_visible_to(viewer).select_related("organisation", "department", "team", "manager"),
        pk=learner_id,
    )


def enrollment_get_for(*, viewer: User, enrollment_id: int) -> Enrollment:
    """An enrolment of a person ``viewer`` may see; anyone else's is a 404."""
    return get_object_or_404(
        Enrollment.objects.select_related("user", "course"),
        pk=enrollment_id,
        user__in=people_visible_to(viewer),
    )


@dataclass(frozen=True)
class StageRow:
    title: str
    state: str
    completed_at: datetime | None


@dataclass(frozen=True)
class HistoryItem:
    at: datetime
    what: str
    who: str = ""
    why: str = ""


@dataclass
class EnrollmentDetail:
    enrollment: Enrollment
    stages: list[StageRow]
    attempts: list[Submission]  # written answers, oldest first, with current grading
    history: list[HistoryItem]

    @property
    def exercises(self) -> list[tuple[str, list[Submission]]]:
        """Attempts grouped by exercise, in course order."""
        groups: dict[str, list[Submission]] = {}
        for submission in self.attempts:
            groups.setdefault(submission.exercise.title, []).append(submission)
        return list(groups.items())


def enrollment_details(learner: User) -> list[EnrollmentDetail]:
    """Everything the drill-down shows, per enrolment (a few queries per course)."""
    enrollments = list(
        Enrollment.objects.filter(user=learner)
        .select_related("course", "assigned_by")
        .prefetch_related(
            Prefetch("certificates", queryset=Certificate.objects.order_by("issued_at")),
            Prefetch("completion_records", queryset=CompletionRecord.objects.all()),
            Prefetch("stage_completions", queryset=StageCompletion.objects.all()),
            Prefetch(
                "reminders",
                queryset=ReminderMessage.objects.filter(status=MessageStatus.SENT),
            ),
        )
        .order_by("course__title")
    )
    audit = list(
        AuditEntry.objects.filter(
            target_type="Enrollment", target_id__in=[str(e.pk) for e in enrollments]
        )
    )
    attempts = list(
        Submission.objects.filter(learner=learner, exercise__kind=ExerciseKind.FREE_TEXT)
        .select_related("exercise")
        .prefetch_related(
            Prefetch(
                "gradings",
                queryset=Grading.objects.filter(is_current=True).prefetch_related(
                    Prefetch("criteria", queryset=CriterionScore.objects.order_by("position"))
                ),
                to_attr="current_gradings",
            )
        )
        .order_by(
            "exercise__lesson__stage__position",
            "exercise__lesson__position",
            "exercise__position",
            "attempt",
        )
    )
    return [
        EnrollmentDetail(
            enrollment=e,
            stages=_stages(e),
            attempts=[s for s in attempts if s.enrollment_id == e.pk],
            history=_history(e, [a for a in audit if a.target_id == str(e.pk)]),
        )
        for e in enrollments
    ]


def _stages(enrollment: Enrollment) -> list[StageRow]:
    course = course_map(enrollment.course)
    progress = enrollment_progress(enrollment, course)
    done = {c.stage_id: c.completed_at for c in enrollment.stage_completions.all()}
    return [
        StageRow(stage.title, progress.state_of(stage.pk).value, done.get(stage.pk))
        for stage in course.stages
    ]


def _action_label(action: str) -> str:
    """ "enrollment.due_date_changed" -> "Due date changed"."""
    return action.removeprefix("enrollment.").replace("_", " ").capitalize()


def _history(enrollment: Enrollment, audit: list[AuditEntry]) -> list[HistoryItem]:
    assigned_by = enrollment.assigned_by.display_name if enrollment.assigned_by else ""
    items = [HistoryItem(enrollment.enrolled_at, "Assigned", assigned_by)]
    items += [
        HistoryItem(c.issued_at, f"Completed · certificate {c.code}")
        for c in enrollment.certificates.all()
    ]
    items += [
        HistoryItem(r.expired_at, "Certification expired; re-assigned")
        for r in enrollment.completion_records.all()
    ]
    items += [
        HistoryItem(a.created_at, _action_label(a.action), a.actor_label, a.reason) for a in audit
    ]
    items += [
        HistoryItem(m.sent_at or m.created_at, f"Email sent: {m.get_kind_display()}", m.to_email)
        for m in enrollment.reminders.all()
    ]
    return sorted(items, key=lambda item: item.at, reverse=True)

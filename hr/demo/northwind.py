"""The Northwind Retail demo organisation, so the HR dashboard shows something real on
first start. Idempotent: ``seed_demo`` runs it on every ``make run``.

People and assignments go through the real services. Learners' *progress* is written
directly (lesson views, exercise standings and graded answers with realistic rubric
levels), then the real progress service computes percent, stages and certificates.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Department, Organisation, Role, Team, User
from accounts.services import user_upsert
from courses.models import Course, Enrollment, Lesson, LessonView
from courses.services.assignments import enrollment_assign
from exercises.grading import RUBRICS
from exercises.models import (
    CriterionScore,
    Exercise,
    ExerciseKind,
    ExerciseProgress,
    Grading,
    Submission,
)
from learning.path import course_map
from learning.services.progress import enrollment_refresh_progress

SLUG, NAME = "northwind", "Northwind Retail"
# Department -> team -> (manager username, first, last)
STRUCTURE = {
    "Customer Care": {
        "Phone Support": ("omar", "Omar", "Haddad"),
        "Chat & Email": ("priya", "Priya", "Raman"),
    },
    "Store Operations": {
        "Flagship Store": ("tomas", "Tomás", "Ferreira"),
        "Outlet Stores": ("lena", "Lena", "Vogel"),
    },
    "E-commerce": {
        "Returns": ("kofi", "Kofi", "Mensah"),
        "Marketplace": ("ines", "Inês", "Duarte"),
    },
}
LEARNERS = (
    "Aisha Bello", "Ben Carter", "Chloé Martin", "Dan Novak", "Eva Lindqvist",
    "Farid Nasser", "Grace Kim", "Hugo Laurent", "Isla Murray", "Jonas Berg",
    "Keiko Tanaka", "Liam Walsh", "Mia Rossi", "Noah Fischer", "Olga Petrova",
    "Pablo Ruiz", "Quinn Taylor", "Rosa Silva", "Sven Olsen", "Tara Singh",
    "Umar Farouk", "Vera Novak", "Wes Brooks", "Xenia Popova", "Yusuf Demir",
    "Zoe Clarke", "Amara Obi", "Bruno Costa", "Carla Mendes", "Dmitri Volkov",
    "Elif Yilmaz", "Femi Adeyemi", "Gia Tran", "Henrik Dahl",
)  # fmt: skip


# The README's demo learners, as `GET /api/v1/learners/NW-0001/` finds them.
DEMO_EMPLOYEE_IDS = {"maya": "NW-0001", "leo": "NW-0002"}


@dataclass(frozen=True)
class DemoLogins:
    hr: str
    manager: str


def northwind_seed(*, password: str) -> DemoLogins:
    """Create (or complete) the Northwind organisation; existing people are kept."""
    course = Course.objects.order_by("pk").first()
    organisation, _ = Organisation.objects.get_or_create(slug=SLUG, defaults={"name": NAME})
    hana = _place(user_upsert(username="hana", password=None, first_name="Hana",
                              last_name="Kowalski", email="hana@demo.attune.example",
                              role=Role.HR)[0], organisation)  # fmt: skip
    teams: list[tuple[Team, User]] = []
    for department_name, team_specs in STRUCTURE.items():
        department, _ = Department.objects.get_or_create(
            organisation=organisation, name=department_name
        )
        for team_name, (username, first, last) in team_specs.items():
            team, _ = Team.objects.get_or_create(
                organisation=organisation, department=department, name=team_name
            )
            manager, created = User.objects.get_or_create(username=username)
            if created or manager.role != Role.MANAGER:
                manager, _ = user_upsert(
                    username=username, password=password, first_name=first, last_name=last,
                    email=f"{username}@demo.attune.example", role=Role.MANAGER,
                )  # fmt: skip
            # Every demo person has an employee id: integrators look people up by it.
            employee_id = f"NW-{101 + len(teams):04d}"
            teams.append((team, _place(manager, organisation, team, employee_id=employee_id)))
    phone_support, omar = teams[0]
    for username, employee_id in DEMO_EMPLOYEE_IDS.items():
        person = User.objects.filter(username=username).first()
        if person is not None:
            _place(person, organisation, phone_support, omar, employee_id=employee_id)
    if course is None:
        return DemoLogins(hr="hana", manager="omar")
    rng = random.Random(20240601)
    for index, full_name in enumerate(LEARNERS):
        team, manager = teams[index % len(teams)]
        first, last = full_name.split(" ", 1)
        username = f"nw-{first.lower()}"
        person, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last,
                      "email": f"{username}@demo.attune.example"},
        )  # fmt: skip
        _place(person, organisation, team, manager, employee_id=f"NW-{1001 + index}")
        profile = rng.random()
        due_days = rng.randint(-21, 45)
        if created or not Enrollment.objects.filter(user=person, course=course).exists():
            _learn(person, course, hana, profile=profile, due_days=due_days, rng=rng, team=team)
    for username, due_days in (("maya", 21), ("leo", -3)):
        person = User.objects.filter(username=username).first()
        enrollment = Enrollment.objects.filter(user__username=username, course=course).first()
        if person and (enrollment is None or enrollment.due_at is None):
            enrollment_assign(
                learner=person, course=course,
                due_at=timezone.now() + timedelta(days=due_days), assigned_by=hana,
            )  # fmt: skip
    return DemoLogins(hr="hana", manager="omar")


def _place(
    person: User,
    organisation: Organisation,
    team: Team | None = None,
    manager: User | None = None,
    employee_id: str = "",
) -> User:
    person.organisation = organisation
    if team is not None:
        person.team, person.department_id = team, team.department_id
    if manager is not None:
        person.manager = manager
    person.employee_id = employee_id or person.employee_id
    person.save(update_fields=["organisation", "team", "department", "manager", "employee_id"])
    return person


@transaction.atomic
def _learn(
    person: User,
    course: Course,
    assigned_by: User,
    *,
    profile: float,
    due_days: int,
    rng: random.Random,
    team: Team,
) -> None:
    """Assign the course and walk the learner some way through it: about a third have
    finished, half are part-way, the rest have not started."""
    enrollment = enrollment_assign(
        learner=person, course=course,
        due_at=timezone.now() + timedelta(days=due_days), assigned_by=assigned_by,
    )  # fmt: skip
    lessons = [lesson for stage in course_map(course).stages for lesson in stage.active_lessons]  # type: ignore[attr-defined]
    if profile < 0.25:
        return
    done = len(lessons) if profile > 0.65 else rng.randint(1, len(lessons) - 1)
    # Each team has one skill it finds hard, so the skill view has something to say.
    weak = ("exploration", "interpretation", "next_step", "emotional_reaction")[team.pk % 4]
    skill = rng.uniform(-0.3, 0.4)
    for lesson in lessons[:done]:
        LessonView.objects.get_or_create(enrollment=enrollment, lesson=lesson)
        for exercise in lesson.active_exercises:
            _practise(enrollment, exercise, rng, weak=weak, skill=skill)
    if done < len(lessons) and rng.random() < 0.4:  # some are stuck on what comes next
        LessonView.objects.get_or_create(enrollment=enrollment, lesson=lessons[done])
        _get_stuck(enrollment, lessons[done], rng, weak=weak)
    enrollment_refresh_progress(enrollment_id=enrollment.pk)
    _measure(enrollment, rng, weak=weak, skill=skill, finished=done == len(lessons))


def _measure(
    enrollment: Enrollment, rng: random.Random, *, weak: str, skill: float, finished: bool
) -> None:
    """The skills checks: every starter answered the pre check, finishers the post check
    too, about half a level better on average, so "What the course changed" has a story."""
    checks = {"pre": 0.95, "post": 1.45} if finished else {"pre": 0.95}
    for exercise in Exercise.objects.filter(
        course=enrollment.course, diagnostic__kind__in=list(checks), is_active=True
    ).select_related("diagnostic"):
        assert exercise.diagnostic is not None
        mean = checks[exercise.diagnostic.kind] + skill
        criteria = RUBRICS[exercise.rubric]
        levels = [max(0, min(2, round(rng.gauss(mean - (c == weak) * 0.5, 0.5)))) for c in criteria]
        _graded(enrollment, exercise, 1, criteria, levels)


def _practise(
    enrollment: Enrollment, exercise: Exercise, rng: random.Random, *, weak: str, skill: float
) -> None:
    attempts = 1
    if exercise.kind == ExerciseKind.FREE_TEXT and exercise.rubric in RUBRICS:
        attempts = rng.choice((1, 1, 2, 2, 3))
        criteria = RUBRICS[exercise.rubric]
        for attempt in range(1, attempts + 1):
            improving = 0.35 * (attempt - attempts)  # earlier attempts were weaker
            levels = [
                max(0, min(2, round(rng.gauss(1.45 + skill + improving - (c == weak) * 0.8, 0.5))))
                for c in criteria
            ]
            if attempt == attempts:  # the last attempt passed
                levels = [max(level, 1) for level in levels]
            _graded(enrollment, exercise, attempt, criteria, levels)
    ExerciseProgress.objects.get_or_create(
        enrollment=enrollment,
        exercise=exercise,
        defaults={"attempts": attempts, "best_score": 80.0, "passed_at": timezone.now()},
    )


def _get_stuck(enrollment: Enrollment, lesson: Lesson, rng: random.Random, *, weak: str) -> None:
    """Several failed attempts at the lesson's first customer reply (the team's weak
    skill absent, the rest at most generic: under any pass mark), so the dashboard's
    "Struggling" list has someone to show."""
    exercises = lesson.active_exercises  # type: ignore[attr-defined]  # prefetched by course_map
    replies = (
        e for e in exercises if e.kind == ExerciseKind.FREE_TEXT and e.rubric == "customer_reply"
    )
    exercise = next(replies, None)
    if exercise is None:
        return
    criteria = RUBRICS[exercise.rubric]
    attempts, best = rng.randint(3, 5), 0.0
    for attempt in range(1, attempts + 1):
        levels = [0 if c == weak else min(1, round(rng.gauss(0.8, 0.4))) for c in criteria]
        levels = [max(0, level) for level in levels]
        best = max(best, _graded(enrollment, exercise, attempt, criteria, levels))
    ExerciseProgress.objects.get_or_create(
        enrollment=enrollment,
        exercise=exercise,
        defaults={"attempts": attempts, "best_score": best, "passed_at": None},
    )


def _graded(
    enrollment: Enrollment,
    exercise: Exercise,
    attempt: int,
    criteria: tuple[str, ...],
    levels: list[int],
) -> float:
    score = round(100 * sum(levels) / (2 * len(levels)), 1)
    submission = Submission.objects.create(
        exercise=exercise, enrollment=enrollment, learner=enrollment.user, attempt=attempt,
        answer_text="(Demo answer written by the seed.)", status="graded", score=score,
        passed=score >= exercise.pass_mark, graded_at=timezone.now(), grader_version="demo",
    )  # fmt: skip
    grading = Grading.objects.create(
        submission=submission,
        grader_version="demo",
        score=score,
        passed=score >= exercise.pass_mark,
    )
    CriterionScore.objects.bulk_create(
        CriterionScore(grading=grading, position=i, criterion=c, level=level, feedback="(demo)")
        for i, (c, level) in enumerate(zip(criteria, levels, strict=True))
    )
    return score

"""Large organisations fast: people, enrolments and graded answers written with
``bulk_create`` (no services, no events) for the benchmark and query-count tests."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.models import Department, Organisation, Role, Team, User
from courses.models import Course, Enrollment, EnrollmentStatus
from exercises.grading import RUBRICS
from exercises.models import CriterionScore, Exercise, ExerciseKind, Grading, Submission

FIRST = (
    "Ada", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun",
    "Kai", "Lea", "Max", "Nia", "Oli", "Pia", "Raj", "Sia", "Tom", "Uma",
)  # fmt: skip
LAST = (
    "Adams", "Brandt", "Chen", "Diaz", "Evans", "Fox", "Grant", "Hale",
    "Ito", "Jones", "Kim", "Lopez", "Moss", "Nkosi", "Ortiz",
)  # fmt: skip
BATCH = 2000


def bulk_organisation_create(
    *, slug: str, name: str, learners: int, course: Course, seed: int = 7, graded: bool = True
) -> Organisation:
    """An organisation of ``learners`` people with realistic progress: about a third
    completed, two fifths in progress (some overdue), the rest not started."""
    rng = random.Random(seed)
    now = timezone.now()
    organisation, _ = Organisation.objects.get_or_create(slug=slug, defaults={"name": name})
    teams: list[Team] = []
    for d in range(5):
        department, _ = Department.objects.get_or_create(
            organisation=organisation, name=f"Department {d + 1}"
        )
        for t in range(4):
            team, _ = Team.objects.get_or_create(
                organisation=organisation, department=department, name=f"Team {d + 1}.{t + 1}"
            )
            teams.append(team)
    unusable = make_password(None)
    managers = User.objects.bulk_create(
        User(
            username=f"{slug}-manager-{i}",
            email=f"manager{i}@{slug}.example",
            first_name=rng.choice(FIRST),
            last_name=rng.choice(LAST),
            role=Role.MANAGER,
            organisation=organisation,
            department_id=team.department_id,
            team=team,
            password=unusable,
        )
        for i, team in enumerate(teams)
    )
    people = []
    for i in range(learners):
        team_index = i % len(teams)
        people.append(
            User(
                username=f"{slug}-{i}",
                email=f"learner{i}@{slug}.example",
                first_name=rng.choice(FIRST),
                last_name=rng.choice(LAST),
                employee_id=f"{slug.upper()}-{i:06d}",
                organisation=organisation,
                department_id=teams[team_index].department_id,
                team=teams[team_index],
                manager=managers[team_index],
                password=unusable,
            )
        )
    people = User.objects.bulk_create(people, batch_size=BATCH)
    enrollments = []
    for person in people:
        roll = rng.random()
        due = now + timedelta(days=rng.randint(-30, 60))
        began = now - timedelta(days=rng.randint(10, 60))
        started: datetime | None = began
        completed: datetime | None = None
        if roll < 0.35:
            status, percent, completed = EnrollmentStatus.COMPLETED, 100, began + timedelta(days=9)
        elif roll < 0.75:
            status, percent = EnrollmentStatus.IN_PROGRESS, rng.randint(5, 95)
        else:
            status, percent, started = EnrollmentStatus.NOT_STARTED, 0, None
        enrollments.append(
            Enrollment(
                user=person, course=course, status=status, progress_percent=percent,
                started_at=started, completed_at=completed, due_at=due,
            )
        )  # fmt: skip
    enrollments = Enrollment.objects.bulk_create(enrollments, batch_size=BATCH)
    if graded:
        _graded_answers(enrollments, course, rng)
    return organisation


def _graded_answers(enrollments: list[Enrollment], course: Course, rng: random.Random) -> None:
    """One to three graded written answers per started learner, each team weaker in one
    criterion, so the skill view has something to say."""
    exercises = list(
        Exercise.objects.filter(
            course=course,
            lesson__isnull=False,
            kind=ExerciseKind.FREE_TEXT,
            rubric="customer_reply",
        ).order_by("lesson__stage__position", "lesson__position", "position")
    )[:3]
    if not exercises:
        return
    criteria = RUBRICS["customer_reply"]
    submissions: list[Submission] = []
    levels: list[list[int]] = []
    for enrollment in enrollments:
        if enrollment.status == EnrollmentStatus.NOT_STARTED:
            continue
        weak = criteria[(enrollment.user.team_id or 0) % len(criteria)]
        for attempt, exercise in enumerate(exercises[: rng.randint(1, 3)], start=1):
            row = [
                max(0, min(2, round(rng.gauss(0.8 if c == weak else 1.5, 0.6)))) for c in criteria
            ]
            score = round(100 * sum(row) / (2 * len(row)), 1)
            submissions.append(
                Submission(
                    exercise=exercise, enrollment=enrollment, learner_id=enrollment.user_id,
                    attempt=attempt, answer_text="(demo answer)", status="graded",
                    score=score, passed=score >= exercise.pass_mark, graded_at=timezone.now(),
                )
            )  # fmt: skip
            levels.append(row)
    submissions = Submission.objects.bulk_create(submissions, batch_size=BATCH)
    gradings = Grading.objects.bulk_create(
        [
            Grading(submission=s, grader_version="demo", score=s.score or 0, passed=bool(s.passed))
            for s in submissions
        ],
        batch_size=BATCH,
    )
    CriterionScore.objects.bulk_create(
        [
            CriterionScore(grading=grading, position=p, criterion=c, level=level, feedback="(demo)")
            for grading, row in zip(gradings, levels, strict=True)
            for p, (c, level) in enumerate(zip(criteria, row, strict=True))
        ],
        batch_size=BATCH * 5,
    )

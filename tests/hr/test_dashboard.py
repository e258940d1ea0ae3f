"""What HR see on the dashboard: the numbers, the charts, the filters and the exports."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from courses.models import Lesson
from courses.services.assignments import enrollment_change_due_date, enrollment_complete_manually
from learning.services.progress import lesson_view_record
from tests.hr.helpers import graded_answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def progress(world):
    """Ana (Care · Phones) completed; Ben (Sales · Chat) in progress; Cleo (Sales · Chat)
    not started and two days overdue."""
    e = world.enrollments
    lesson_view_record(enrollment=e["ben"], lesson=Lesson.objects.get(slug="the-feeling-first"))
    enrollment_complete_manually(enrollment=e["ana"], actor=world.hr, reason="Done on paper")
    enrollment_change_due_date(
        enrollment=e["cleo"],
        due_at=timezone.now() - timedelta(days=2, hours=1),
        actor=world.hr,
        reason="test",
    )
    graded_answer(e["ana"], [2, 2, 1, 2, 2])
    graded_answer(e["ben"], [1, 0, 0, 2, 1])
    graded_answer(e["ben"], [2, 1, 0, 2, 1])
    graded_answer(e["sam"], [0, 0, 0, 0, 0])  # another organisation: never counted
    return world


def test_the_counts_rates_and_overdue_list_are_right(progress, client_for):
    response = client_for(progress.hr).get("/hr/")

    counts = response.context["counts"]
    assert (counts.total, counts.not_started, counts.in_progress, counts.completed) == (3, 1, 1, 1)
    assert counts.overdue == 1 and counts.completion_rate == 33
    departments = {g.label: (g.completed, g.total, g.rate) for g in response.context["departments"]}
    assert departments == {"Care": (1, 1, 100), "Sales": (0, 2, 0)}
    teams = {g.label: g.rate for g in response.context["teams"]}
    assert teams == {"Care · Phones": 100, "Sales · Chat": 0}
    [late] = response.context["overdue"]
    assert late.enrollment.user == progress.cleo and late.days_overdue == 2
    page = response.content.decode()
    assert '<dd data-count="overdue">1</dd>' in page
    assert "<title>Care: 100% (1 of 1 completed)</title>" in page  # the chart's own label


def test_the_skill_view_averages_levels_per_criterion_and_team(progress, client_for):
    response = client_for(progress.hr).get("/hr/")

    skills = response.context["skills"]
    chat = {c: skills.cells[("Sales · Chat", c)].average for c in skills.criteria}
    assert chat == {
        "emotional_reaction": 1.5, "interpretation": 0.5, "exploration": 0.0,
        "non_judgment": 2.0, "next_step": 1.0,
    }  # fmt: skip
    assert skills.weakest == "exploration"
    page = response.content.decode()
    assert "Sales · Chat · Explores with an open question: average level 0.00 of 2" in page
    assert "Weakest overall: <strong data-weakest>Explores with an open question" in page


def test_learners_stuck_on_an_exercise_are_listed_as_struggling(world, client_for):
    from exercises.models import Exercise, ExerciseProgress

    reply = Exercise.objects.get(slug="reply-double-charge")
    e = world.enrollments
    for name, attempts, passed in (("ben", 4, False), ("cleo", 2, False), ("sam", 5, False)):
        ExerciseProgress.objects.create(
            enrollment=e[name], exercise=reply, attempts=attempts, best_score=40,
            passed_at=timezone.now() if passed else None,
        )  # fmt: skip
    ExerciseProgress.objects.create(
        enrollment=e["ana"], exercise=reply, attempts=6, best_score=70, passed_at=timezone.now()
    )

    hr_view = client_for(world.hr).get("/hr/")
    manager_view = client_for(world.manager).get("/hr/?team=" + str(world.phones.pk))

    struggling = hr_view.context["struggling"]
    assert struggling.learners == 1  # two attempts is not stuck; a pass is not; sam is south
    assert [(p.enrollment.user, p.attempts) for p in struggling.rows] == [(world.ben, 4)]
    page = hr_view.content.decode()
    assert "Struggling (1)" in page and '40% <span class="muted">(pass' in page
    assert manager_view.context["struggling"].learners == 0  # ben is not in Phones


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=overdue", {"cleo"}),
        ("status=completed", {"ana"}),
        ("status=in_progress", {"ben"}),
        ("department={care}", {"ana"}),
        ("team={chat}", {"ben", "cleo"}),
        ("due_to={yesterday}", {"cleo"}),
        ("due_from={today}", {"ana", "ben"}),
        ("q=ben@example", {"ben"}),
    ],
)
def test_filters_narrow_the_dashboard_and_the_export_alike(progress, client_for, query, expected):
    today = timezone.localdate()
    query = query.format(
        care=progress.care.pk,
        chat=progress.chat.pk,
        yesterday=today - timedelta(days=1),
        today=today,
    )
    client = client_for(progress.hr)

    shown = {e.user.username for e in client.get(f"/hr/?{query}").context["page"].object_list}
    exported = client.get(f"/hr/export.csv?{query}").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(exported)))

    assert shown == expected
    assert {r["Email"].split("@")[0] for r in rows} == expected


def test_the_csv_export_has_one_row_per_learner_with_what_hr_need(progress, client_for):
    response = client_for(progress.hr).get("/hr/export.csv")

    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = {
        r["Email"]: r for r in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    }
    cleo = rows[progress.cleo.email]
    assert (cleo["Status"], cleo["Overdue"], cleo["Days overdue"]) == ("Not started", "yes", "2")
    assert cleo["Team"] == "Sales · Chat" and cleo["Department"] == "Sales"
    ben = rows[progress.ben.email]
    assert ben["Manager email"] == progress.manager.email and ben["Status"] == "In progress"
    assert rows[progress.ana.email]["Completed"] == timezone.localdate().isoformat()
    assert "An answer" not in response.content.decode()  # scores and status, never answers


def test_the_xlsx_export_matches_the_csv(progress, client_for):
    client = client_for(progress.hr)

    workbook = load_workbook(
        io.BytesIO(client.get(f"/hr/export.xlsx?team={progress.chat.pk}").content)
    )
    rows = list(workbook.active.iter_rows(values_only=True))

    assert rows[0][:4] == ("Employee id", "First name", "Last name", "Email")
    assert sorted(r[3] for r in rows[1:]) == sorted([progress.ben.email, progress.cleo.email])


def test_a_formula_in_a_name_stays_text_in_the_export(progress, client_for):
    progress.ben.first_name = '=HYPERLINK("http://evil")'
    progress.ben.save()

    body = client_for(progress.hr).get("/hr/export.csv").content.decode("utf-8-sig")

    assert "'=HYPERLINK" in body


def test_staff_can_narrow_to_one_organisation(progress, client_for):
    client = client_for(progress.staff)

    everyone = client.get("/hr/").context["counts"].total
    south = client.get(f"/hr/?organisation={progress.south.pk}").context["counts"].total

    assert (everyone, south) == (4, 1)


def test_a_manager_sees_only_their_reports(progress, client_for):
    response = client_for(progress.manager).get("/hr/")

    assert response.context["counts"].total == 2  # Ana and Ben, not Cleo
    assert set(response.context["skills"].teams) == {"Care · Phones", "Sales · Chat"}
    assert "Assign" not in response.content.decode().split("<h1")[0]  # HR-only actions hidden


def test_the_page_passes_the_strict_csp_no_inline_style_or_script(progress, client_for):
    page = client_for(progress.hr).get("/hr/").content.decode()

    assert "style=" not in page and "<script>" not in page
    assert 'src="http' not in page and 'href="http' not in page  # nothing from another host

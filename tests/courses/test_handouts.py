"""A job aid and a manager's coaching guide per stage, one page of PDF each, linked from
the course overview and the HR dashboard."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from django.test import Client

from accounts.models import Organisation, Role
from authoring.content import ContentError, load_course
from authoring.services import course_import
from courses.handout_pdf import handout_pdf
from courses.models import Course
from courses.services.enrollments import enrollment_start
from tests.conftest import FULL_COURSE, MINI_COURSE
from tests.factories import UserFactory

PAGE = re.compile(rb"/Type /Page\b(?!s)")


def test_every_stage_of_the_course_has_both_handouts_on_one_page():
    spec = load_course(FULL_COURSE)
    for stage in spec.stages:
        for title, sections in (("Job aid", stage.job_aid), ("Guide", stage.manager_guide)):
            assert sections, f"{stage.source}: no {title}"
            pdf = handout_pdf(course=spec.title, stage=stage.title, title=title, sections=sections)
            assert pdf.startswith(b"%PDF-")
            assert len(PAGE.findall(pdf)) == 1, f"{stage.source}: {title} runs over a page"


def test_typographic_punctuation_does_not_break_the_pdf():
    pdf = handout_pdf(
        course="Empathy",
        stage="Listening",
        title="Job aid",
        sections=[{"heading": "Don’t say “calm down”", "points": ["Pause – then reply…"]}],
    )
    assert pdf.startswith(b"%PDF-")


def test_a_handout_too_long_for_a_page_is_rejected(tmp_path: Path):
    target = tmp_path / "course"
    shutil.copytree(MINI_COURSE, target)
    stage = target / "01-noticing" / "stage.yaml"
    points = "\n".join(f"      - Point {i}" for i in range(30))
    stage.write_text(
        stage.read_text() + f"manager_guide:\n  - heading: Too much\n    points:\n{points}\n"
    )

    with pytest.raises(ContentError) as error:
        load_course(target)
    assert "must fit on one page" in str(error.value)


@pytest.mark.django_db
def test_the_handouts_download_from_the_course_and_the_hr_pages():
    course_import(spec=load_course(FULL_COURSE))
    organisation = Organisation.objects.create(name="Northwind", slug="north")
    maya = UserFactory(role=Role.EMPLOYEE, organisation=organisation)
    enrollment_start(user=maya, course=Course.objects.get())
    learner, hr = Client(), Client()
    learner.force_login(maya)
    hr.force_login(UserFactory(role=Role.HR, organisation=organisation))
    slug = "empathy-in-customer-service"

    overview = learner.get(f"/courses/{slug}/").content.decode()
    dashboard = hr.get("/hr/").content.decode()

    url = f"/courses/{slug}/stages/listening-and-responding/manager-guide.pdf"
    assert f"/courses/{slug}/stages/self-awareness/job-aid.pdf" in overview
    assert url in overview and url in dashboard
    response = hr.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF-")
    assert learner.get(f"/courses/{slug}/stages/no-such-stage/job-aid.pdf").status_code == 404
    assert Client().get(url).status_code == 302  # sign in first

"""Invisible characters: an answer made only of zero-width or bidi controls is refused;
names lose bidi overrides on the way in (CSV import, admin) and in exports, existing
names are cleaned by a migration, and an export cell cannot hide a formula behind them."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Department, User
from exercises.errors import SubmissionRejected
from exercises.models import Submission
from exercises.validation import clean_answer
from hr.exports import to_csv

from .cast import Cast

pytestmark = pytest.mark.django_db

RLO, ZWSP, ZWJ = "\u202e", "\u200b", "\u200d"


@pytest.mark.parametrize(
    "raw",
    [ZWSP * 3, f"{RLO}\u202c", "\u2066\u2069\u200e\u200f", f" {ZWSP}\n{ZWJ}\ufeff "],
    ids=["zero-width spaces", "override", "isolates and marks", "mixed with whitespace"],
)
def test_an_answer_of_only_invisible_characters_is_refused(raw):
    with pytest.raises(SubmissionRejected, match="no visible text"):
        clean_answer(raw)


def test_text_with_joiners_or_marks_inside_is_still_an_answer():
    assert clean_answer(f"I hear you{ZWSP}, Dana 👩{ZWJ}💻") == f"I hear you{ZWSP}, Dana 👩{ZWJ}💻"


def test_an_invisible_answer_sent_through_the_form_stores_nothing(cast: Cast, unchanged):
    check = unchanged()
    url = f"/courses/{cast.ids['course']}/exercises/{cast.ids['exercise']}/submit/"

    response = cast.client("employee_a").post(
        url, {"answer": ZWSP * 5 + RLO, "client_token": "7c1e0c39-8a0f-4a43-9df1-1f1b4f3f3c11"}
    )

    assert response.status_code == 400
    assert "no visible text" in response.content.decode()
    assert not Submission.objects.filter(answer_text__contains=ZWSP).exists()
    check()


def test_a_csv_import_strips_bidi_controls_from_names_departments_and_teams(
    world, client_for, course
):
    text = (
        "employee id,email,name,department,team\n"
        f"E-7,eve@north.example,Eve {RLO}gnp.exe,Ca{ZWSP}re,{RLO}Nights\n"
    )
    form = {"file": SimpleUploadedFile("p.csv", text.encode(), "text/csv"), "course": course.pk}
    form["import_valid_rows"] = form["create_teams"] = "on"

    client_for(world.hr).post("/hr/import/", form)

    eve = User.objects.get(email="eve@north.example")
    assert (eve.first_name, eve.last_name) == ("Eve", "gnp.exe")
    assert eve.department.name == "Care" and eve.team.name == "Nights"


def test_the_admin_strips_bidi_controls_from_names(world, client_for):
    client = client_for(world.staff)
    page = client.get(f"/admin/accounts/user/{world.ana.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "password"}
    data.update(
        first_name=f"Ana{RLO}", last_name=f"{ZWSP}Lima", date_joined_0="2026-01-01",
        date_joined_1="10:00", groups=[], user_permissions=[], organisation=world.north.pk,
        department="", team="", manager="", last_login_0="", last_login_1="",
    )  # fmt: skip

    response = client.post(f"/admin/accounts/user/{world.ana.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    world.ana.refresh_from_db()
    assert (world.ana.first_name, world.ana.last_name) == ("Ana", "Lima")


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (f"Ben {RLO}gnp.exe", "Ben gnp.exe"),
        (f'{RLO}=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        (f"{ZWSP}+1+1", "'+1+1"),
        (" =1+1", "' =1+1"),
    ],
)
def test_export_cells_lose_controls_and_cannot_start_a_formula(value, cell):
    (row,) = csv.reader(io.StringIO(to_csv([(value,)]).decode("utf-8-sig")))

    assert row == [cell]


def test_the_migration_cleans_names_already_stored(transactional_db):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, after = (
        ("accounts", "0003_answers_shared_with"),
        ("accounts", "0004_strip_invisible_controls"),
    )
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old = executor.loader.project_state([before]).apps
    Org = old.get_model("accounts", "Organisation")
    org = Org.objects.create(name="N", slug="n")
    old.get_model("accounts", "Department").objects.create(organisation=org, name=f"Sa{RLO}les")
    old.get_model("accounts", "User").objects.create(
        username="zed", first_name=f"Zed{RLO}", last_name=f"{ZWSP}Moe"
    )

    executor = MigrationExecutor(connection)
    executor.migrate([after])
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    zed = User.objects.get(username="zed")
    assert (zed.first_name, zed.last_name) == ("Zed", "Moe")
    assert Department.objects.get().name == "Sales"

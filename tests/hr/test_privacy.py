"""Written answers are the learner's: HR see scores, and the text only with consent."""

from __future__ import annotations

import pytest

from activity.models import AuditEntry
from tests.hr.helpers import graded_answer

pytestmark = pytest.mark.django_db

SECRET = "I felt my stomach drop when she raised her voice"


@pytest.fixture
def answered(world):
    graded_answer(world.enrollments["ana"], [2, 1, 1, 2, 0], text=SECRET)
    return world


def test_hr_see_scores_but_not_the_answer_by_default(answered, client_for):
    page = client_for(answered.hr).get(f"/hr/learners/{answered.ana.pk}/").content.decode()

    assert answered.ana.answers_shared_with == "nobody"
    assert SECRET not in page
    assert "Responds to the feeling" in page and "2/2" in page  # the scores are there
    assert "has not chosen to share them" in page


def test_after_the_learner_opts_in_hr_can_read_it_and_opting_out_hides_it(answered, client_for):
    learner = client_for(answered.ana)
    hr = client_for(answered.hr)
    url = f"/hr/learners/{answered.ana.pk}/"

    assert "HR of my organisation" in learner.get("/accounts/privacy/").content.decode()
    learner.post("/accounts/privacy/", {"answers_shared_with": "hr"})
    shared = hr.get(url).content.decode()
    learner.post("/accounts/privacy/", {"answers_shared_with": "nobody"})
    private = hr.get(url).content.decode()

    assert SECRET in shared and SECRET not in private
    assert list(
        AuditEntry.objects.filter(action="user.answer_sharing_changed").values_list(
            "changes", flat=True
        )
    ) == [{"answers_shared_with": ["hr", "nobody"]}, {"answers_shared_with": ["nobody", "hr"]}]


def test_a_manager_never_sees_an_answer_without_consent_either(answered, client_for):
    page = client_for(answered.manager).get(f"/hr/learners/{answered.ana.pk}/").content.decode()

    assert SECRET not in page


@pytest.mark.parametrize(
    ("shared_with", "hr_reads", "manager_reads"),
    [("nobody", False, False), ("hr", True, False), ("hr_and_manager", True, True)],
)
def test_the_consent_names_who_and_each_viewer_is_held_to_it(
    answered, client_for, shared_with, hr_reads, manager_reads
):
    """Sharing "with HR" used to show the answers to the learner's manager too."""
    client_for(answered.ana).post("/accounts/privacy/", {"answers_shared_with": shared_with})
    url = f"/hr/learners/{answered.ana.pk}/"

    hr_page = client_for(answered.hr).get(url).content.decode()
    manager_page = client_for(answered.manager).get(url).content.decode()

    assert (SECRET in hr_page) is hr_reads
    assert (SECRET in manager_page) is manager_reads


def test_hr_reads_in_the_admin_only_with_consent(answered, client_for):
    from accounts.services import hr_group

    answered.hr.is_staff = True  # HR with admin access, view-only (the HR group)
    answered.hr.save()
    answered.hr.groups.add(hr_group())
    submission = answered.ana.submissions.get()
    url = f"/admin/exercises/submission/{submission.pk}/change/"
    hr = client_for(answered.hr)

    private = hr.get(url).content.decode()
    client_for(answered.ana).post("/accounts/privacy/", {"answers_shared_with": "hr"})
    shared = hr.get(url).content.decode()

    assert SECRET not in private and SECRET in shared


def test_the_old_with_hr_consent_becomes_hr_only(transactional_db):
    """The data migration: yes (with HR) maps to HR only, no to nobody."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([("accounts", "0002_user_updated_at")])
    old = executor.loader.project_state([("accounts", "0002_user_updated_at")]).apps
    OldUser = old.get_model("accounts", "User")
    OldUser.objects.create(username="yes", share_answers_with_hr=True)
    OldUser.objects.create(username="no", share_answers_with_hr=False)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from accounts.models import User

    assert dict(User.objects.values_list("username", "answers_shared_with")) == {
        "yes": "hr", "no": "nobody"
    }  # fmt: skip

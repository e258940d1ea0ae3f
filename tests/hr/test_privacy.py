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

    assert not answered.ana.share_answers_with_hr
    assert SECRET not in page
    assert "Responds to the feeling" in page and "2/2" in page  # the scores are there
    assert "has not chosen to share them" in page


def test_after_the_learner_opts_in_hr_can_read_it_and_opting_out_hides_it(answered, client_for):
    learner = client_for(answered.ana)
    hr = client_for(answered.hr)
    url = f"/hr/learners/{answered.ana.pk}/"

    assert "Let HR read my written answers" in learner.get("/accounts/privacy/").content.decode()
    learner.post("/accounts/privacy/", {"share_answers_with_hr": "on"})
    shared = hr.get(url).content.decode()
    learner.post("/accounts/privacy/", {})
    private = hr.get(url).content.decode()

    assert SECRET in shared and SECRET not in private
    assert list(
        AuditEntry.objects.filter(action="user.answer_sharing_changed").values_list(
            "changes", flat=True
        )
    ) == [{"share_answers_with_hr": [True, False]}, {"share_answers_with_hr": [False, True]}]


def test_a_manager_never_sees_an_answer_without_consent_either(answered, client_for):
    page = client_for(answered.manager).get(f"/hr/learners/{answered.ana.pk}/").content.decode()

    assert SECRET not in page

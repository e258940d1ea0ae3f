"""The Attune user: an employee by default, with a role for what else they may see."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    EMPLOYEE = "employee", "Employee"
    MANAGER = "manager", "Manager"
    HR = "hr", "HR"
    STAFF = "staff", "Staff"


class User(AbstractUser):
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.EMPLOYEE)
    # The communication style from the self-assessment; tailors grader feedback.
    communication_style = models.CharField(max_length=32, blank=True)
    # Privacy: HR and integrators see scores, never answers, unless this is set.
    share_answers_with_hr = models.BooleanField(
        default=False,
        help_text="The learner allows HR to read their free-text answers.",
    )

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

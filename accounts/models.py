"""The Attune user: an employee by default, with a role for what else they may see."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    EMPLOYEE = "employee", "Employee"
    MANAGER = "manager", "Manager"
    HR = "hr", "HR"
    STAFF = "staff", "Staff"


class AnswerSharing(models.TextChoices):
    """Who besides the learner may read their written answers (scores are always seen)."""

    NOBODY = "nobody", "Nobody: my written answers stay private"
    HR = "hr", "HR of my organisation"
    HR_AND_MANAGER = "hr_and_manager", "HR and my manager"


class Organisation(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="departments"
    )
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="department_name_unique_in_org"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="teams")
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.SET_NULL, related_name="teams"
    )
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "department", "name"], name="team_name_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.EMPLOYEE)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    manager = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    # The employer's own id for this person: the key HR systems and integrators use.
    employee_id = models.CharField(max_length=64, blank=True)
    # The communication style from the self-assessment; tailors grader feedback.
    communication_style = models.CharField(max_length=32, blank=True)
    # Privacy: the learner's own choice of who may read their free-text answers; HR and
    # managers see scores either way, integrators never see answers.
    answers_shared_with = models.CharField(
        max_length=16,
        choices=AnswerSharing.choices,
        default=AnswerSharing.NOBODY,
        help_text="Who the learner allows to read their free-text answers.",
    )

    # When the person's record last changed: integrators sync learners incrementally on it.
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta(AbstractUser.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "employee_id"],
                condition=~models.Q(employee_id=""),
                name="employee_id_unique_in_org",
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


# Single sign-on lives in its own module; imported here so Django registers its models.
from .sso.models import IdentityProvider, SsoIdentity  # noqa: E402, F401

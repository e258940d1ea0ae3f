"""Teams and departments of an organisation: made, renamed and removed here, so their
members' records (which show the names) move with them."""

from __future__ import annotations

from django.db import transaction

from accounts.models import Department, Organisation, Team

from .people import people_touch


@transaction.atomic
def department_get_or_create(*, organisation: Organisation, name: str) -> Department:
    """The organisation's department called ``name``, made when it has none."""
    department, _ = Department.objects.get_or_create(organisation=organisation, name=name)
    return department


@transaction.atomic
def team_create(
    *, organisation: Organisation, name: str, department: Department | None = None
) -> Team:
    """A new, empty team."""
    return Team.objects.create(organisation=organisation, name=name, department=department)


@transaction.atomic
def team_rename(*, team: Team, name: str) -> Team:
    """Rename ``team``; its members' records show the new name from now on."""
    if team.name != name:
        team.name = name
        team.save(update_fields=["name"])
        people_touch(team=team)
    return team


@transaction.atomic
def team_delete(*, team: Team) -> None:
    """Remove ``team``. Its members stay, with no team, and their records say so."""
    people_touch(team=team)
    team.delete()

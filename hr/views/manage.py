"""Assigning the course, importing people and setting the course policy (HR, staff)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import may_manage_assignments, page_for, sees_everyone
from accounts.http import AuthedRequest
from accounts.models import Organisation

from ..csv_rows import CsvFileError
from ..forms import AssignForm, ImportForm, PolicyForm
from ..models import CoursePolicy
from ..services.assignments import people_assign
from ..services.people_import import due_at_end_of, people_import
from ..services.policies import default_terms, policy_set


@page_for(may_manage_assignments)
def assign(request: AuthedRequest) -> HttpResponse:
    form = AssignForm(request.POST or None, viewer=request.user)
    if request.method == "POST" and form.is_valid():
        day = form.cleaned_data["due_date"]
        report = people_assign(
            actor=request.user,
            course=form.cleaned_data["course"],
            due_at=due_at_end_of(day) if day else None,
            department_ids=form.cleaned_data["departments"],
            team_ids=form.cleaned_data["teams"],
            identifiers=form.identifiers(),
        )
        messages.success(
            request,
            f"Assigned to {report.assigned} new learner{'s' * (report.assigned != 1)}; "
            f"{report.already} already had it (due date updated where given).",
        )
        if report.not_found:
            messages.warning(request, "Not found in your scope: " + ", ".join(report.not_found))
        return redirect("hr:assign")
    return render(request, "hr/assign.html", {"form": form})


def _organisation_for(request: AuthedRequest, form: ImportForm) -> Organisation:
    if sees_everyone(request.user):
        organisation: Organisation = form.cleaned_data["organisation"]
        return organisation
    if request.user.organisation is None:
        raise Http404("You belong to no organisation.")
    return request.user.organisation


@page_for(may_manage_assignments)
def import_people(request: AuthedRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None, viewer=request.user)
    report, file_error = None, ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = people_import(
                data=upload.read(),
                organisation=_organisation_for(request, form),
                course=form.cleaned_data["course"],
                actor=request.user,
                import_valid_rows=form.cleaned_data["import_valid_rows"],
                create_teams=form.cleaned_data["create_teams"],
                filename=upload.name or "",
            )
        except CsvFileError as error:
            file_error = str(error)
    rejected = request.method == "POST" and not form.is_valid()
    failed = file_error or rejected or (report and report.errors and not report.imported)
    status = 400 if failed else 200
    return render(
        request,
        "hr/import.html",
        {"form": form, "report": report, "file_error": file_error},
        status=status,
    )


@page_for(may_manage_assignments)
def policy(request: AuthedRequest) -> HttpResponse:
    organisation = request.user.organisation
    if sees_everyone(request.user):
        wanted = request.GET.get("organisation") or request.POST.get("organisation")
        organisations = Organisation.objects.order_by("name")
        # isdecimal, not isdigit: "²" is a digit that int() (and so the query) refuses.
        organisation = (
            organisations.filter(pk=wanted).first() if wanted and wanted.isdecimal() else None
        ) or organisations.first()
    if organisation is None:
        raise Http404("No organisation to set a policy for.")
    policies = list(CoursePolicy.objects.filter(organisation=organisation).select_related("course"))
    defaults = default_terms()
    form = PolicyForm(
        request.POST or None,
        initial={
            "remind_days_before": defaults.remind_days_before,
            "recertify_due_days": defaults.recertify_due_days,
        },
    )
    if request.method == "POST" and form.is_valid():
        policy_set(organisation=organisation, actor=request.user, **form.cleaned_data)
        messages.success(request, "Course policy saved.")
        return redirect(f"{request.path}?organisation={organisation.pk}")
    return render(
        request,
        "hr/policy.html",
        {
            "form": form,
            "organisation": organisation,
            "policies": policies,
            "organisations": Organisation.objects.order_by("name")
            if sees_everyone(request.user)
            else None,
        },
    )

"""Single sign-on pages: find your organisation, go to its provider, come back signed
in (or see why not); and HR's settings page with the connection test."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ..access import may_manage_organisation, page_for
from ..http import AuthedRequest
from ..lockout import client_address
from .errors import SsoError
from .forms import FindOrganisationForm, IdentityProviderForm
from .models import IdentityProvider
from .oidc import connection_check, sign_in_redirect, verified_claims
from .selectors import provider_for_sign_in, provider_of, signs_in_with_a_provider
from .services import identity_provider_save, sso_refusal_record, sso_user_resolve

NEXT_KEY = "sso_next"
BACKEND = "accounts.sso.backends.SingleSignOnBackend"


def callback_url(request: HttpRequest, provider: IdentityProvider) -> str:
    path = reverse("accounts:sso_callback", args=[provider.organisation.slug])
    return request.build_absolute_uri(path)


def _safe_next(request: HttpRequest, url: str) -> str:
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if url and allowed else reverse("learning:home")


def _refused(request: HttpRequest, provider: IdentityProvider, error: SsoError) -> HttpResponse:
    sso_refusal_record(provider=provider, error=error, address=client_address(request))
    context = {"provider": provider, "error": error}
    return render(request, "accounts/sso/refused.html", context, status=403)


def sso_find(request: HttpRequest) -> HttpResponse:
    form = FindOrganisationForm(request.GET or None)
    if form.is_valid():
        slug = form.cleaned_data["organisation"]
        if signs_in_with_a_provider(slug):
            return redirect(
                f"{reverse('accounts:sso_landing', args=[slug])}?{request.GET.urlencode()}"
            )
        form.add_error("organisation", "No organisation signs in with this code. Check it with HR.")
    return render(request, "accounts/sso/find.html", {"form": form})


def sso_landing(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    provider = provider_for_sign_in(organisation_slug)
    # A link, not a form: the CSP's form-action would stop a form's redirect to the provider.
    start = reverse("accounts:sso_login", args=[organisation_slug])
    if request.GET.get("next"):
        start += "?" + urlencode({"next": request.GET["next"]})
    return render(request, "accounts/sso/landing.html", {"provider": provider, "start": start})


def sso_login(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    provider = provider_for_sign_in(organisation_slug)
    request.session[NEXT_KEY] = _safe_next(request, request.GET.get("next", ""))
    try:
        return sign_in_redirect(request, provider, callback_url(request, provider))
    except SsoError as error:
        return _refused(request, provider, error)


def sso_callback(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    provider = provider_for_sign_in(organisation_slug)
    try:
        claims = verified_claims(request, provider)
        user = sso_user_resolve(provider=provider, claims=claims)
    except SsoError as error:
        return _refused(request, provider, error)
    next_url = request.session.pop(NEXT_KEY, "")
    login(request, user, backend=BACKEND)  # a new session key: no fixation
    return redirect(_safe_next(request, next_url))


@page_for(may_manage_organisation)
def sso_settings(request: AuthedRequest) -> HttpResponse:
    provider = provider_of(request.user.organisation_id)  # type: ignore[arg-type]
    form = IdentityProviderForm(request.POST or None, instance=provider)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "client_secret"}
        identity_provider_save(
            organisation=request.user.organisation,  # type: ignore[arg-type]
            actor=request.user,
            client_secret=form.cleaned_data["client_secret"],
            **fields,
        )
        messages.success(request, "Single sign-on settings saved. Test the connection below.")
        return redirect("accounts:sso_settings")
    return _settings_page(request, form, provider, checks=None)


@page_for(may_manage_organisation)
@require_POST
def sso_settings_test(request: AuthedRequest) -> HttpResponse:
    provider = provider_of(request.user.organisation_id)  # type: ignore[arg-type]
    if provider is None:
        messages.error(request, "Save the provider's settings first.")
        return redirect("accounts:sso_settings")
    form = IdentityProviderForm(instance=provider)
    return _settings_page(request, form, provider, checks=connection_check(provider))


def _settings_page(
    request: AuthedRequest,
    form: IdentityProviderForm,
    provider: IdentityProvider | None,
    checks: list[tuple[bool, str]] | None,
) -> HttpResponse:
    organisation = request.user.organisation
    assert organisation is not None  # may_manage_organisation
    landing = reverse("accounts:sso_landing", args=[organisation.slug])
    callback = reverse("accounts:sso_callback", args=[organisation.slug])
    context = {
        "form": form,
        "provider": provider,
        "checks": checks,
        "checks_passed": checks is not None and all(ok for ok, _ in checks),
        "redirect_uri": request.build_absolute_uri(callback),
        "sign_in_url": request.build_absolute_uri(landing),
        "organisation": organisation,
    }
    return render(request, "accounts/sso/settings.html", context)

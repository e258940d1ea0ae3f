"""Telling an organisation's HR that a webhook endpoint was disabled."""

from __future__ import annotations

from django.core.mail import send_mail

from accounts.models import Role, User
from integrations.conf import setting
from integrations.models import WebhookSubscription


def subscription_disabled_notify(*, subscription_id: int) -> int:
    subscription = WebhookSubscription.objects.filter(pk=subscription_id).first()
    if subscription is None:
        return 0
    recipients = list(
        User.objects.filter(
            organisation_id=subscription.organisation_id, role=Role.HR, is_active=True
        )
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not recipients:
        return 0
    return send_mail(
        subject="Attune: a webhook endpoint was disabled",
        message=(
            f"Attune stopped sending webhooks to {subscription.url}.\n\n"
            f"{subscription.disabled_reason}\n\n"
            f"Fix the endpoint, then enable it again and re-send what it missed at "
            f"{setting('SITE_URL')}/integrations/."
        ),
        from_email=None,
        recipient_list=recipients,
        fail_silently=True,
    )

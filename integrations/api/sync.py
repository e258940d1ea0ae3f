"""The query parameters and envelope shared by every sync (list) endpoint."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from rest_framework import serializers
from rest_framework.request import Request

from integrations.selectors.sync import SyncPage, SyncQuery

PAGE_SIZE, MAX_PAGE_SIZE = 100, 500
# What a signed cursor is made of (Django's signing: URL-safe base64 and ':').
CURSOR_PATTERN = r"^[A-Za-z0-9_\-:.]{1,2000}$"


class PageParams(serializers.Serializer):
    cursor = serializers.RegexField(
        CURSOR_PATTERN,
        required=False,
        help_text="`next_cursor` of the previous page. Carries the sync's filters, which "
        "are then taken from it rather than from this request.",
    )
    page_size = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE_SIZE, default=PAGE_SIZE
    )


class SyncParams(PageParams):
    updated_since = serializers.DateTimeField(
        required=False,
        help_text="Only rows changed after this instant: pass `next_updated_since` from "
        "your previous sync. Leave out for a full sync.",
    )


class SyncInfoSerializer(serializers.Serializer):
    started_at = serializers.DateTimeField(help_text="When this sync's first page was read.")
    next_updated_since = serializers.DateTimeField(
        help_text="Store this and send it as `updated_since` to start your next sync."
    )


def envelope(item: type[serializers.Serializer], name: str) -> type[serializers.Serializer]:
    """A page of ``item``: a distinct schema component per resource."""
    fields: dict[str, Any] = {
        "results": item(many=True),
        "next_cursor": serializers.CharField(
            allow_null=True, help_text="Pass as `cursor` for the next page; null on the last."
        ),
        "next": serializers.URLField(allow_null=True, help_text="The next page's full URL."),
        "sync": SyncInfoSerializer(),
    }
    return type(name, (serializers.Serializer,), fields)


def sync_query(
    params: dict[str, Any], *, resource: str, filters: dict[str, str] | None = None
) -> SyncQuery:
    if params.get("cursor"):
        return SyncQuery.decode(params["cursor"], resource=resource)
    return SyncQuery.start(
        resource=resource, updated_since=params.get("updated_since"), filters=filters or {}
    )


def page_body(request: Request, page: SyncPage[Any], page_size: int) -> dict[str, Any]:
    next_url = None
    if page.next_cursor:
        query = urlencode({"cursor": page.next_cursor, "page_size": page_size})
        next_url = request.build_absolute_uri(f"{request.path}?{query}")
    return {
        "results": page.items,
        "next_cursor": page.next_cursor,
        "next": next_url,
        "sync": {"started_at": page.started_at, "next_updated_since": page.next_updated_since},
    }

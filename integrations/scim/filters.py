"""SCIM filters (RFC 7644 §3.4.2.2) as Django ``Q`` objects, by the filter parser of
django-scim2 (``scim2-filter-parser``). Only the attributes mapped here can be filtered
on; any other is an ``invalidFilter`` error, never a filter silently dropped (the
parser's own transpiler skips attributes it does not know, which widens the result)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from scim2_filter_parser.lexer import SCIMLexer
from scim2_filter_parser.parser import SCIMParser, SCIMParserError
from scim2_filter_parser.transpilers.django_q_object import Transpiler

from .errors import ScimError
from .resources import ENTERPRISE_SCHEMA, USER_SCHEMA

# (attribute, sub-attribute, schema URN) → the ORM path, relative to a person.
Attributes = dict[tuple[str, str | None, str | None], str]
PERSON_ATTRIBUTES: Attributes = {
    ("userName", None, None): "username",
    ("externalId", None, None): "scim_external_id__value",
    ("emails", None, None): "email",
    ("emails", "value", None): "email",
    ("name", "givenName", None): "first_name",
    ("name", "familyName", None): "last_name",
    ("active", None, None): "is_active",
    ("employeeNumber", None, ENTERPRISE_SCHEMA): "employee_id",
    ("department", None, ENTERPRISE_SCHEMA): "department__name",
    # Unambiguous without the extension's URN, and some clients leave it off.
    ("employeeNumber", None, None): "employee_id",
    ("department", None, None): "department__name",
    **{
        (attribute, sub, USER_SCHEMA): path
        for (attribute, sub, uri), path in [
            (("userName", None, None), "username"),
            (("emails", "value", None), "email"),
            (("active", None, None), "is_active"),
        ]
    },
}
TEAM_ATTRIBUTES: Attributes = {
    ("displayName", None, None): "name",
    ("externalId", None, None): "scim_external_id__value",
}


class _StrictTranspiler(Transpiler):
    def visit_AttrPath(self, node: Any) -> str:
        path: str | None = super().visit_AttrPath(node)
        if path is None:
            name = ".".join(filter(None, [node.attr_name, node.sub_attr and node.sub_attr.value]))
            raise ScimError(400, f"Filtering on '{name}' is not supported.", "invalidFilter")
        return path


def filter_q(text: str, attributes: Attributes) -> Q:
    """The ``Q`` that selects what the SCIM filter ``text`` selects."""
    try:
        tree = SCIMParser().parse(SCIMLexer().tokenize(text))
        query = _StrictTranspiler(attributes).transpile(tree)
    except (SCIMParserError, ValueError, AttributeError, TypeError) as error:
        raise ScimError(400, f"The filter cannot be read: {error}", "invalidFilter") from error
    if not isinstance(query, Q):
        raise ScimError(400, "The filter selects nothing that can be compared.", "invalidFilter")
    return query

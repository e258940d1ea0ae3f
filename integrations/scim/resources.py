"""The SCIM resources Attune serves, as ``scim2-models`` classes: only the attributes it
keeps, so ``/Schemas`` tells an identity provider exactly what round-trips. Anything else
in a request is ignored (``ScimPolicy.Unknown.ignore``), as Entra ID and Okta expect."""

from typing import Annotated, Any, ClassVar

from pydantic import EmailStr, Field
from scim2_models import (
    URN,
    AnyExtension,
    CaseExact,
    ComplexAttribute,
    Extension,
    Mutability,
    Reference,
    Required,
    Resource,
    ScimPolicy,
    Uniqueness,
)

USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group"

# Lenient where the big identity providers deviate from the RFC and nothing can be
# confused: Entra ID sends ``remove`` with a value, and ``emails[type eq "work"].value``
# for an address that has no type yet.
POLICY = ScimPolicy(
    unknown=ScimPolicy.Unknown.ignore,
    remove_value_as_filter=ScimPolicy.RemoveValue.apply,
    unmatched_path_filter=ScimPolicy.UnmatchedPathFilter.create,
)


class Name(ComplexAttribute):
    given_name: str | None = None
    family_name: str | None = None


class Email(ComplexAttribute):
    """Attune keeps one address a person: the primary one (or the first) of a request."""

    value: EmailStr | None = None
    type: str | None = Field(None, examples=["work"])
    primary: bool | None = None


class GroupMembership(ComplexAttribute):
    value: Annotated[str | None, Mutability.read_only, CaseExact.true] = None
    ref: Annotated[Reference["Group"] | None, Mutability.read_only] = Field(
        None, serialization_alias="$ref", validation_alias="$ref"
    )
    display: Annotated[str | None, Mutability.read_only] = None


class Manager(ComplexAttribute):
    """The manager is named by their SCIM ``id``; ``$ref`` is optional, as Entra ID
    sends only the value."""

    value: Annotated[str | None, CaseExact.true] = None
    ref: Annotated[Reference["User"] | None, Mutability.read_only] = Field(
        None, serialization_alias="$ref", validation_alias="$ref"
    )
    display_name: Annotated[str | None, Mutability.read_only] = None


class EnterpriseUser(Extension):
    __schema__ = URN(ENTERPRISE_SCHEMA)

    employee_number: str | None = None
    department: str | None = None
    manager: Manager | None = None


class BareUser(Resource[AnyExtension]):
    __schema__ = URN(USER_SCHEMA)

    user_name: Annotated[str | None, Uniqueness.server, Required.true] = None
    name: Name | None = None
    display_name: Annotated[str | None, Mutability.read_only] = None
    emails: list[Email] | None = None
    active: bool | None = None
    groups: Annotated[list[GroupMembership] | None, Mutability.read_only] = None

    Name: ClassVar[type[ComplexAttribute]] = Name
    Emails: ClassVar[type[ComplexAttribute]] = Email
    Groups: ClassVar[type[ComplexAttribute]] = GroupMembership


# The User resource as served: the core schema with the enterprise extension.
User = BareUser[EnterpriseUser]


class GroupMember(ComplexAttribute):
    """A team's members are people; nested groups are not a thing in Attune."""

    value: Annotated[str | None, Mutability.immutable, CaseExact.true] = None
    ref: Annotated[Reference["User"] | None, Mutability.immutable] = Field(
        None, serialization_alias="$ref", validation_alias="$ref"
    )
    display: Annotated[str | None, Mutability.read_only] = None


class Group(Resource[Any]):
    __schema__ = URN(GROUP_SCHEMA)

    display_name: Annotated[str | None, Required.true] = None
    members: list[GroupMember] | None = None

    Members: ClassVar[type[ComplexAttribute]] = GroupMember

"""The discovery documents (RFC 7644 §4): what this server supports, described from the
resource classes themselves so the description cannot drift from what is served."""

from typing import Any

from scim2_models import (
    AuthenticationScheme,
    Bulk,
    ChangePassword,
    ETag,
    Filter,
    Meta,
    Patch,
    ResourceType,
    Schema,
    ServiceProviderConfig,
    Sort,
)

from .presenters import Locations
from .resources import BareUser, EnterpriseUser, Group, User
from .selectors import MAX_PAGE

RESOURCES: list[Any] = [User, Group]


def service_provider_config(locations: Locations) -> ServiceProviderConfig:
    return ServiceProviderConfig(
        documentation_uri=None,
        patch=Patch(supported=True),
        bulk=Bulk(supported=False, max_operations=0, max_payload_size=0),
        filter=Filter(supported=True, max_results=MAX_PAGE),
        change_password=ChangePassword(supported=False),
        sort=Sort(supported=False),
        etag=ETag(supported=False),
        authentication_schemes=[
            AuthenticationScheme(
                type=AuthenticationScheme.Type.oauthbearertoken,
                name="Integrator credential",
                description="An Attune integrator credential with the scim:provision scope, "
                "sent as 'Authorization: Bearer atn_…'.",
                primary=True,
            )
        ],
        meta=Meta(
            resource_type="ServiceProviderConfig",
            location=f"{locations.base}/ServiceProviderConfig",
        ),
    )


def resource_types(locations: Locations) -> list[ResourceType]:
    types = []
    for model in RESOURCES:
        resource_type = ResourceType.from_resource(model)
        resource_type.meta = Meta(
            resource_type="ResourceType",
            location=f"{locations.base}/ResourceTypes/{resource_type.id}",
        )
        types.append(resource_type)
    return types


def schemas(locations: Locations) -> list[Schema]:
    found = []
    models: list[Any] = [BareUser, EnterpriseUser, Group]
    for model in models:
        schema = model.to_schema()
        schema.meta = Meta(resource_type="Schema", location=f"{locations.base}/Schemas/{schema.id}")
        found.append(schema)
    return found

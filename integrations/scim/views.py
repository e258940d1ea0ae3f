"""``/scim/v2/``: Users (people) and Groups (teams) of the credential's organisation,
and the discovery documents. Views parse, call one selector or service, and render."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from scim2_models import (
    Context,
    ListResponse,
    PatchOp,
    ResourceType,
    ResponseParameters,
    Schema,
    SearchRequest,
)

from . import discovery, presenters, selectors
from .errors import ScimError
from .http import ScimView, scim_response
from .resources import Group, User
from .services import people as people_services
from .services import teams as team_services

QUERY = Context.RESOURCE_QUERY_RESPONSE
DEFAULT_COUNT = 100


def _int(value: str | None, name: str, default: int) -> int:
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ScimError(400, f"{name} must be an integer.", "invalidValue") from None


class _Resources(ScimView):
    """What Users and Groups share: list, search, read, create, replace, patch, delete."""

    model: Any

    def matching(self, filter: str | None) -> QuerySet[Any]:
        raise NotImplementedError

    def get_one(self, resource_id: str) -> Any:
        raise NotImplementedError

    def present(self, obj: Any) -> Any:
        raise NotImplementedError

    def parameters(self, attributes: Any, excluded: Any) -> ResponseParameters[Any]:
        return ResponseParameters[self.model].model_validate(  # type: ignore[name-defined]
            {"attributes": attributes, "excludedAttributes": excluded}
        )

    def render(
        self, obj: Any, *, status: int = 200, parameters: ResponseParameters[Any] | None = None
    ) -> HttpResponse:
        resource = self.present(obj)
        ctx = Context.RESOURCE_CREATION_RESPONSE if status == 201 else QUERY
        data = resource.model_dump(scim_ctx=ctx, response_parameters=parameters)
        return scim_response(data, status=status, location=resource.meta.location)

    def listing(
        self, *, filter: str | None, start_index: int, count: int, parameters: Any
    ) -> HttpResponse:
        page = selectors.page_of(self.matching(filter), start_index=start_index, count=count)
        body = ListResponse[self.model](  # type: ignore[name-defined]
            total_results=page.total,
            start_index=page.start_index,
            items_per_page=len(page.items),
            resources=[self.present(obj) for obj in page.items],
        )
        return scim_response(
            body.model_dump(scim_ctx=Context.SEARCH_RESPONSE, response_parameters=parameters)
        )

    def get(self, request: HttpRequest, resource_id: str | None = None) -> HttpResponse:
        query = request.GET
        parameters = self.parameters(query.get("attributes"), query.get("excludedAttributes"))
        if resource_id is not None:
            return self.render(self.get_one(resource_id), parameters=parameters)
        return self.listing(
            filter=query.get("filter"),
            start_index=_int(query.get("startIndex"), "startIndex", 1),
            count=_int(query.get("count"), "count", DEFAULT_COUNT),
            parameters=parameters,
        )

    def post(self, request: HttpRequest, resource_id: str | None = None) -> HttpResponse:
        if resource_id == ".search":
            search: SearchRequest = SearchRequest.model_validate(
                self.body(), scim_ctx=Context.SEARCH_REQUEST
            )
            return self.listing(
                filter=search.filter,
                start_index=search.start_index or 1,
                count=DEFAULT_COUNT if search.count is None else search.count,
                parameters=self.parameters(search.attributes, search.excluded_attributes),
            )
        if resource_id is not None:
            raise ScimError(405, "POST creates at the collection, e.g. /Users.")
        resource = self.model.model_validate(
            self.body(), scim_ctx=Context.RESOURCE_CREATION_REQUEST
        )
        return self.render(self.create(resource), status=201)

    def put(self, request: HttpRequest, resource_id: str | None = None) -> HttpResponse:
        obj = self.get_one(self._id(resource_id))
        resource = self.model.model_validate(
            self.body(), scim_ctx=Context.RESOURCE_REPLACEMENT_REQUEST
        )
        return self.render(self.update(obj, resource, before=None))

    def patch(self, request: HttpRequest, resource_id: str | None = None) -> HttpResponse:
        obj = self.get_one(self._id(resource_id))
        operations = PatchOp[self.model].model_validate(  # type: ignore[name-defined]
            self.body(), scim_ctx=Context.RESOURCE_PATCH_REQUEST
        )
        before = self.present(obj)
        resource = before.model_copy(deep=True)
        operations.patch(resource)
        return self.render(self.update(obj, resource, before=before))

    def delete(self, request: HttpRequest, resource_id: str | None = None) -> HttpResponse:
        self.remove(self.get_one(self._id(resource_id)))
        return HttpResponse(status=204)

    def _id(self, resource_id: str | None) -> str:
        if resource_id is None or resource_id == ".search":
            raise ScimError(405, f"{self.request.method} needs a resource id.")
        return resource_id

    def create(self, resource: Any) -> Any:
        raise NotImplementedError

    def update(self, obj: Any, resource: Any, *, before: Any) -> Any:
        """PUT (``before`` None) or PATCH (``before``: the resource as it was)."""
        raise NotImplementedError

    def remove(self, obj: Any) -> None:
        raise NotImplementedError


class UsersView(_Resources):
    model = User

    def matching(self, filter: str | None) -> QuerySet[Any]:
        return selectors.people_matching(self.organisation_id, filter)

    def get_one(self, resource_id: str) -> Any:
        return selectors.person_get(organisation_id=self.organisation_id, resource_id=resource_id)

    def present(self, obj: Any) -> Any:
        return presenters.user_resource(obj, self.locations)

    def create(self, resource: Any) -> Any:
        person = people_services.scim_user_create(client=self.client, resource=resource)
        return self.get_one(str(person.pk))

    def update(self, obj: Any, resource: Any, *, before: Any) -> Any:
        people_services.scim_user_update(
            client=self.client, person=obj, resource=resource, before=before
        )
        return self.get_one(str(obj.pk))

    def remove(self, obj: Any) -> None:
        people_services.scim_user_deactivate(client=self.client, person=obj)


class GroupsView(_Resources):
    model = Group

    def matching(self, filter: str | None) -> QuerySet[Any]:
        return selectors.teams_matching(self.organisation_id, filter)

    def get_one(self, resource_id: str) -> Any:
        return selectors.team_get(organisation_id=self.organisation_id, resource_id=resource_id)

    def present(self, obj: Any) -> Any:
        return presenters.group_resource(obj, self.locations)

    def create(self, resource: Any) -> Any:
        team = team_services.scim_group_create(client=self.client, resource=resource)
        return self.get_one(str(team.pk))

    def update(self, obj: Any, resource: Any, *, before: Any) -> Any:
        team_services.scim_group_update(
            client=self.client, team=obj, resource=resource, before=before
        )
        return self.get_one(str(obj.pk))

    def remove(self, obj: Any) -> None:
        team_services.scim_group_delete(client=self.client, team=obj)


class ServiceProviderConfigView(ScimView):
    def get(self, request: HttpRequest) -> HttpResponse:
        config = discovery.service_provider_config(self.locations)
        return scim_response(config.model_dump(scim_ctx=QUERY))


class _Discovery(ScimView):
    model: Any

    def documents(self) -> list[Any]:
        raise NotImplementedError

    def get(self, request: HttpRequest, resource_id: str | None = None) -> HttpResponse:
        documents = self.documents()
        if resource_id is not None:
            found = next((d for d in documents if d.id == resource_id), None)
            if found is None:
                raise ScimError(404, f"{resource_id} not found.")
            return scim_response(found.model_dump(scim_ctx=QUERY))
        body = ListResponse[self.model](  # type: ignore[name-defined]
            total_results=len(documents),
            start_index=1,
            items_per_page=len(documents),
            resources=documents,
        )
        return scim_response(body.model_dump(scim_ctx=QUERY))


class ResourceTypesView(_Discovery):
    model = ResourceType

    def documents(self) -> list[Any]:
        return discovery.resource_types(self.locations)


class SchemasView(_Discovery):
    model = Schema

    def documents(self) -> list[Any]:
        return discovery.schemas(self.locations)


class SearchAllView(ScimView):
    """``POST /.search`` across resource types: not offered (RFC 7644 §3.4.3 lets a server
    answer 501); each type has its own ``/.search``."""

    def post(self, request: HttpRequest) -> HttpResponse:
        raise ScimError(501, "Search one resource type: POST /Users/.search or /Groups/.search.")


@method_decorator(csrf_exempt, name="dispatch")  # its own dispatch: exempt it again
class NotFoundView(ScimView):
    """Any other path under /scim/v2/: a SCIM 404, not the site's HTML page."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.http_method_names = [request.method.lower()] if request.method else []
        return super().dispatch(request, *args, **kwargs)

    def http_method_not_allowed(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        raise ScimError(404, f"{request.path} is not a SCIM endpoint.")

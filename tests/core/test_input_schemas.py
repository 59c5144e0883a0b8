"""Every API input is strict and every id bounded: walks over the OpenAPI document and over every
operation's parameter models, so a new schema that forgets StrictSchema or the id bound fails here."""

from __future__ import annotations

from pydantic import BaseModel

from watchkeeper.api import api
from watchkeeper.core.input import MAX_ID, StrictSchema


def _request_bodies():
    """(method path, schema component) for every JSON request body in the OpenAPI document."""
    schema = api.get_openapi_schema()
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            content = operation.get("requestBody", {}).get("content", {})
            for media in content.values():
                yield f"{method.upper()} {path}", media["schema"], schema["components"]["schemas"]


def _open_objects(node, components, seen=None):
    """Names of object schemas reachable from `node` that do not say additionalProperties: false."""
    seen = set() if seen is None else seen
    found = []
    if isinstance(node, dict):
        ref = node.get("$ref")
        if ref:
            name = ref.rsplit("/", 1)[1]
            if name not in seen:
                seen.add(name)
                found += _open_objects(components[name], components, seen)
            return found
        if node.get("type") == "object" and "properties" in node and node.get("additionalProperties") is not False:
            found.append(node.get("title", "?"))
        for value in node.values():
            found += _open_objects(value, components, seen)
    elif isinstance(node, list):
        for value in node:
            found += _open_objects(value, components, seen)
    return found


def test_every_api_request_body_forbids_unknown_fields(db):
    bodies = list(_request_bodies())
    assert len(bodies) > 20  # the walk found the API's writes
    open_bodies = {where: names for where, node, components in bodies if (names := _open_objects(node, components))}
    # A file upload is multipart form data: django-ninja's File parameters are not a JSON body, and
    # the service checks the one file part it reads (type, size, hash).
    open_bodies = {where: names for where, names in open_bodies.items() if names != ["FileParams"]}
    assert open_bodies == {}


def _operation_fields():
    """(path, parameter source, field name, field) for every parameter of every API operation."""
    for _prefix, router in api._routers:  # noqa: SLF001 - ninja keeps its operations there
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for model in operation.models:
                    for name, field in model.model_fields.items():
                        yield path, model.__name__, name, field


def test_every_input_schema_class_is_strict():
    """Query filters and pagination are inputs too: every schema an operation reads (body or query)
    derives from StrictSchema (unknown fields refused, NaN and infinity are not numbers)."""
    loose = {
        f"{path} {field.annotation.__qualname__}"
        for path, _source, _name, field in _operation_fields()
        if isinstance(field.annotation, type)
        and issubclass(field.annotation, BaseModel)
        and not issubclass(field.annotation, StrictSchema)
    }
    assert loose == set()


def test_every_id_in_a_path_has_the_one_bound():
    unbounded = set()
    for path, source, name, field in _operation_fields():
        if source == "PathParams" and field.annotation is int:
            bounds = {type(m).__name__: m for m in field.metadata}
            if getattr(bounds.get("Ge"), "ge", None) != 1 or getattr(bounds.get("Le"), "le", None) != MAX_ID:
                unbounded.add(f"{path} {name}")
    assert unbounded == set()

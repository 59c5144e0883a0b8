"""Before/after values for the audit trail: {"field": [before, after]} in plain JSON, so an entry
says what a value was and what it became, not only which fields moved. Secrets (password hashes,
token digests, second-factor keys) appear as a short keyed fingerprint: a change is visible, the
value is not. Long values (ward boundaries) are summarised."""

from __future__ import annotations

import hashlib
import hmac
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder

SECRET_FIELDS = frozenset({"password", "digest", "key", "totp_secret"})
MAX_CHARS = 200


def plain(value):
    """A JSON value that hashes the same before and after a trip through the database."""
    value = json.loads(json.dumps(value, cls=DjangoJSONEncoder))
    if isinstance(value, str) and len(value) > MAX_CHARS:
        return f"{value[:MAX_CHARS]}... ({len(value)} characters)"
    if isinstance(value, dict | list):
        size = len(json.dumps(value))
        if size > MAX_CHARS:
            return f"({type(value).__name__} of {size} characters)"
    return value


def hidden(value) -> str:
    if not value:
        return "(none)"
    mark = hmac.new(settings.SECRET_KEY.encode(), str(value).encode(), hashlib.sha256).hexdigest()[:8]
    return f"(hidden #{mark})"


def snapshot(obj, related: bool = True) -> dict:
    """Every stored field of `obj` (foreign keys as ids), plus many-to-many ids when saved."""
    values = {}
    for field in obj._meta.concrete_fields:
        raw = getattr(obj, field.attname)
        values[field.attname] = hidden(raw) if field.name in SECRET_FIELDS else plain(raw)
    if related and obj.pk is not None:
        for field in obj._meta.many_to_many:
            values[field.name] = sorted(getattr(obj, field.name).values_list("pk", flat=True))
    return values


def diff(before: dict, after: dict) -> dict:
    """{"field": [before, after]} for each field whose value differs (absent counts as None)."""
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def created(after: dict) -> dict:
    return {key: [None, value] for key, value in after.items() if value not in (None, "", [], {})}


def deleted(before: dict) -> dict:
    return {key: [value, None] for key, value in before.items() if value not in (None, "", [], {})}


def of_fields(obj, names, secret: bool = False) -> dict:
    """The current values of `names` on `obj`, for services that change a few fields."""
    return {name: hidden(getattr(obj, name)) if secret else plain(getattr(obj, name)) for name in names}

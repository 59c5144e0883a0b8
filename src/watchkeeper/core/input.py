"""The one input convention, used by the API schemas, the HTML forms and the exports:

- `StrictSchema`: the base of every input schema. Unknown fields are refused (a misspelt
  "recieved_at" must be a 422 naming it, not silently dropped) and NaN/infinity are not numbers.
- `Id`, `PK` and `MAX_ID`: the one bound on record ids, in bodies, query strings, paths and pages.
- `PastDate`, `RecentTimestamp` and `PlanDate`: plausible-date bounds (a date of birth in 9999 or a
  unit status in 1970 is a typing error). The bounds are settings with defaults below.
- `parse(Schema, request.POST)`: an HTML form post validated by the same schema as the API.
- `UnsafeInputMiddleware`: NUL bytes (PostgreSQL cannot store them: a 500 before this) and JSON
  NaN/Infinity are a 400 on every route, pages and API alike.
- `csv_writer`: every CSV export neutralises cells a spreadsheet would run as a formula.
"""

from __future__ import annotations

import csv
import json
import math
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any, get_args, get_origin

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from ninja import Path, Schema
from pydantic import AfterValidator, ConfigDict, Field
from pydantic import ValidationError as PydanticValidationError

from watchkeeper.core.errors import Invalid

# --- strict schemas ------------------------------------------------------------------------------


class StrictSchema(Schema):
    """Base of every request schema (bodies and query strings)."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


# --- ids -----------------------------------------------------------------------------------------

# Ids are BigAutoField, but the browser reads them as JavaScript numbers: past 2**53 they are not
# exact any more, so no real id is larger and a larger one is a typing error or a probe.
MAX_ID = 2**53 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
PK = Path(..., ge=1, le=MAX_ID)


def id_or_none(value: Any) -> int | None:
    """A page's id from a query string or form (a string of digits within the bound), else None."""
    text = str(value or "").strip()
    if not text.isascii() or not text.isdigit():
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None


def finite_or_none(value: Any) -> float | None:
    """A page's number from a query string (map clicks, positions), or None if absent or not finite."""
    try:
        number = float(str(value or "").strip() or "nan")
    except ValueError:
        return None
    return number if math.isfinite(number) else None


# --- plausible dates -----------------------------------------------------------------------------


def _setting(name: str, default):
    return getattr(settings, name, default)


def earliest_birth() -> date:
    return _setting("WATCHKEEPER_EARLIEST_BIRTH", date(1900, 1, 1))


def earliest_event() -> datetime:
    # The control room's earliest plausible call (control.rules.EARLIEST): nothing here is older.
    return _setting("WATCHKEEPER_EARLIEST_EVENT", datetime(2000, 1, 1, tzinfo=UTC))


def clock_skew() -> timedelta:
    return _setting("WATCHKEEPER_CLOCK_SKEW", timedelta(minutes=2))


def plan_horizon() -> timedelta:
    return _setting("WATCHKEEPER_PLAN_HORIZON", timedelta(days=5 * 366))


def today() -> date:
    return timezone.localdate()


def past_date_problem(value: date) -> str | None:
    if value > today():
        return f"{value.isoformat()} is in the future."
    if value < earliest_birth():
        return f"{value.isoformat()} is before {earliest_birth().isoformat()}."
    return None


def plan_date_problem(value: date) -> str | None:
    if value < earliest_event().date():
        return f"{value.isoformat()} is before {earliest_event().date().isoformat()}."
    if value > today() + plan_horizon():
        return f"{value.isoformat()} is too far in the future."
    return None


def timestamp_problem(value: datetime) -> str | None:
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    if value > timezone.now() + clock_skew():
        return f"{value.isoformat()} is in the future."
    if value < earliest_event():
        return f"{value.isoformat()} is before {earliest_event().date().isoformat()}."
    return None


def _pydantic(problem):
    def check(value):
        found = problem(value)
        if found:
            raise ValueError(found)
        if isinstance(value, datetime) and timezone.is_naive(value):
            return timezone.make_aware(value)
        return value

    return AfterValidator(check)


def _django(problem):
    def check(value):
        found = value is not None and problem(value)
        if found:
            raise DjangoValidationError(found)

    return check


PastDate = Annotated[date, _pydantic(past_date_problem)]
PlanDate = Annotated[date, _pydantic(plan_date_problem)]
RecentTimestamp = Annotated[datetime, _pydantic(timestamp_problem)]

# The same bounds for Django forms and model-form fields: validators=[validate_recent_timestamp].
validate_past_date = _django(past_date_problem)
validate_plan_date = _django(plan_date_problem)
validate_recent_timestamp = _django(timestamp_problem)


# --- HTML posts through the API's schemas --------------------------------------------------------


def _is_list(annotation) -> bool:
    if get_origin(annotation) is list:
        return True
    return any(_is_list(a) for a in get_args(annotation) if a is not type(None))


def parse(schema: type[StrictSchema], data, **values) -> StrictSchema:
    """Validate a form post (a QueryDict) with an API schema; `values` override or add fields.
    Only the schema's fields are read (a form also carries its CSRF token and buttons); an empty
    text box means "not given". Raises Invalid naming each bad field."""
    for name, field in schema.model_fields.items():
        if name in values or name not in data:
            continue
        if _is_list(field.annotation):
            values[name] = [v for v in data.getlist(name) if v != ""]
        elif data.get(name, "") != "" or field.annotation is str:
            values[name] = data.get(name)
    try:
        return schema.model_validate(values)
    except PydanticValidationError as exc:
        raise Invalid(describe(exc)) from None


def describe(exc: PydanticValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error["loc"])
        parts.append(f"{where}: {error['msg']}" if where else error["msg"])
    return "; ".join(parts)


# --- NUL bytes and non-finite numbers ------------------------------------------------------------


class _Unsafe(ValueError):
    pass


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Unsafe(f"the number {text[:20]} is out of range")
    return value


def _constant(name: str):
    raise _Unsafe(f"{name} is not a number JSON allows")


def _walk(value) -> None:
    if isinstance(value, str):
        if "\x00" in value:
            raise _Unsafe("text contains a NUL character")
    elif isinstance(value, dict):
        for key, item in value.items():
            _walk(key)
            _walk(item)
    elif isinstance(value, list):
        for item in value:
            _walk(item)


def unsafe_input(request) -> str | None:
    """Why the request's path, query string, form or JSON body cannot be accepted, or None."""
    try:
        _walk(request.path)
        for key, items in request.GET.lists():
            _walk([key, *items])
        content_type = request.content_type or ""
        if request.method in ("POST", "PUT", "PATCH", "DELETE"):
            if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
                for key, items in request.POST.lists():
                    _walk([key, *items])
            elif content_type == "application/json" or content_type.endswith("+json"):
                try:
                    body = request.body
                except RequestDataTooBig:
                    return None  # the view answers 413
                try:
                    _walk(json.loads(body, parse_constant=_constant, parse_float=_finite))
                except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
                    return None  # not JSON: the API's own parser answers that
    except _Unsafe as exc:
        return f"Refused: {exc}."
    return None


class UnsafeInputMiddleware:
    """Refuse NUL bytes and JSON NaN/Infinity with a 400 before any view or database sees them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = unsafe_input(request)
        if problem is None:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": problem}, status=400)
        return refusal_page(request, problem, 400)


def refusal_page(request, message: str, status: int):
    """The page every refusal renders: the message and a way back, with the refusal's status."""
    return render(request, "core/refused.html", {"message": message, "status": status}, status=status)


# --- CSV exports ---------------------------------------------------------------------------------

# OWASP CSV injection advice: a spreadsheet runs a cell starting with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutral(value):
    """A cell as text a spreadsheet shows rather than runs (numbers are left as numbers)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class _SafeWriter:
    def __init__(self, out, **options):
        self._writer = csv.writer(out, **options)

    def writerow(self, row):
        return self._writer.writerow([neutral(v) for v in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(out, **options) -> _SafeWriter:
    """csv.writer for exports: every text cell neutralised (see FORMULA_START)."""
    return _SafeWriter(out, **options)

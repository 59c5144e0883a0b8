"""Sign-in, home, account, health and map pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from watchkeeper.core import accounts, audit, changes, home_panels
from watchkeeper.core.access import allowed
from watchkeeper.core.forms import MALFORMED_CODE, MALFORMED_SIGN_IN, AccountStepForm, CodeForm, SignInForm
from watchkeeper.core.input import refusal_page
from watchkeeper.core.models import ApiToken, AuditEntry, Ward
from watchkeeper.core.roles import HOME_TITLES
from watchkeeper.core.web import actor_of, client_address, page, public


@public
def healthz(request):
    return JsonResponse({"status": "ok"})


@public
def readyz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # any driver error means "not ready"; the message helps the operator
        return JsonResponse(
            {"status": "unavailable", "detail": f"database unreachable: {exc.__class__.__name__}"}, status=503
        )
    return JsonResponse({"status": "ready"})


def _safe_next(request, posted: str = "") -> str:
    """Where to go after signing in: the posted (validated) or linked `next`, if it is this site."""
    target = posted or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return "/"


@public
@require_http_methods(["GET", "POST"])
def sign_in(request):
    if request.user.is_authenticated:
        return redirect("home")
    error, status, target = "", 200, _safe_next(request)
    if request.method == "POST":
        form = SignInForm(request.POST)
        if not form.is_valid():
            return render(request, "core/login.html", {"error": MALFORMED_SIGN_IN, "next": target}, status=400)
        username, password = form.cleaned_data["username"], form.cleaned_data["password"]
        target = _safe_next(request, form.cleaned_data["next"])
        try:
            user = accounts.check_password(request, username, password, client_address(request))
        except accounts.SignInRefused as exc:
            error, status = str(exc), 401
        else:
            if accounts.has_second_factor(user):
                request.session.cycle_key()
                request.session["pending_user"] = user.pk
                request.session["pending_next"] = target
                request.session["pending_attempts"] = 0
                return redirect("second_factor")
            accounts.signed_in(user, client_address(request))
            login(request, user)
            return redirect(target)
    return render(request, "core/login.html", {"error": error, "next": target}, status=status)


def _end_pending(request) -> None:
    for key in ("pending_user", "pending_next", "pending_attempts"):
        request.session.pop(key, None)


@public
@require_http_methods(["GET", "POST"])
def second_factor(request):
    from watchkeeper.core.models import User

    pending = request.session.get("pending_user")
    user = User.objects.filter(pk=pending, is_active=True).first() if pending else None
    if user is None or user.is_locked():
        _end_pending(request)
        return redirect("login")
    error = ""
    if request.method == "POST":
        form = CodeForm(request.POST)
        if not form.is_valid():  # not a try at a code: not counted
            return render(request, "core/second_factor.html", {"error": MALFORMED_CODE}, status=400)
        try:
            verified = accounts.check_totp(user, form.cleaned_data["code"], client_address(request))
        except accounts.SignInRefused as exc:
            _end_pending(request)
            return render(request, "core/login.html", {"error": str(exc), "next": "/"}, status=401)
        if verified:
            target = request.session.get("pending_next", "/")
            _end_pending(request)
            accounts.signed_in(user, client_address(request))
            login(request, user, backend=accounts.BACKEND)
            return redirect(target)
        attempts = request.session.get("pending_attempts", 0) + 1
        if attempts >= accounts.CODE_ATTEMPTS_PER_SIGN_IN:
            _end_pending(request)  # start again from the password: each try there is counted too
            error = "Too many wrong codes. Sign in again."
            return render(request, "core/login.html", {"error": error, "next": "/"}, status=401)
        request.session["pending_attempts"] = attempts
        error = accounts.CODE_FAILURE
    return render(request, "core/second_factor.html", {"error": error}, status=401 if error else 200)


@public
@require_http_methods(["POST"])
def sign_out(request):
    if request.user.is_authenticated:
        audit.record(actor_of(request), AuditEntry.Kind.LOGOUT, request.user, summary="signed out")
    logout(request)
    return redirect("login")


@page("home.view")
def home(request):
    user = request.user
    context = {
        "title": HOME_TITLES.get(user.role, "Home"),
        "panels": home_panels.for_user(user),
    }
    return render(request, "core/home.html", context)


@page("account.manage")
@require_http_methods(["GET", "POST"])
def account(request):
    user = request.user
    provisioning = ""
    password_form = PasswordChangeForm(user)
    secret = ""
    if request.method == "POST":
        chosen = AccountStepForm(request.POST)
        if not chosen.is_valid():
            return refusal_page(request, "Choose what to change: the password or the second factor.", 400)
        step = chosen.cleaned_data["step"]
        if step == "start_totp" and not accounts.has_second_factor(user):
            device = accounts.pending_device(user)
            provisioning, secret = device.config_url, accounts.secret_of(device)
        elif step == "password":
            form = PasswordChangeForm(user, request.POST)
            before = user.password
            if form.is_valid():
                form.save()
                update_session_auth_hash(request, form.user)
                audit.record(
                    actor_of(request),
                    AuditEntry.Kind.UPDATE,
                    user,
                    changes={"password": [changes.hidden(before), changes.hidden(form.user.password)]},
                    summary="changed own password",
                )
                messages.success(request, "Password changed.")
                return redirect("account")
            password_form = form
        elif step == "confirm_totp":
            code = CodeForm(request.POST)
            if code.is_valid() and accounts.confirm_totp(user, code.cleaned_data["code"], client_address(request)):
                messages.success(request, "Second factor enabled. You will be asked for a code at sign-in.")
                return redirect("account")
            messages.error(request, "That code did not match; scan the key again and enter a fresh code.")
            device = accounts.pending_device(user)
            provisioning, secret = device.config_url, accounts.secret_of(device)
    tokens = ApiToken.objects.filter(user=user).order_by("-created_at")
    context = {
        "provisioning": provisioning,
        "secret": secret,
        "second_factor": accounts.has_second_factor(user),
        "tokens": tokens,
        "password_form": password_form,
    }
    return render(request, "core/account.html", context, status=400 if password_form.errors else 200)


@page("map.view")
def map_page(request):
    from django.conf import settings

    return render(request, "core/map.html", {"layers": _map_layers(request.user), "tile_url": settings.MAP_TILE_URL})


def _map_layers(user) -> list[dict]:
    layers = [{"name": "Wards", "url": "/map/layers/wards.geojson", "style": "ward"}]
    if allowed(user, "network.view"):
        layers.append({"name": "Roads", "url": "/map/layers/roads.geojson", "style": "road"})
    return layers


@page("map.view")
def ward_layer(request):
    partnerships = request.user.partnership_ids()
    wards = Ward.objects.filter(district__partnership_id__in=partnerships).select_related("district")
    district = request.user.agency.district_id if request.user.agency_id else None
    if district:
        wards = wards.filter(district_id=district)
    features = [
        {
            "type": "Feature",
            "geometry": w.boundary,
            "properties": {"id": w.id, "code": w.code, "name": w.name, "district": w.district.name},
        }
        for w in wards
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features})


@page("network.view")
def road_layer(request):
    from watchkeeper.core import roads

    body = roads.geojson_bytes()
    return HttpResponse(body, content_type="application/geo+json")

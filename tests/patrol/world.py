"""A small patrol world built with the factories: a partnership with one ward near Camden Town, a
contractor, its officer (a patrol persona of its own), the council's contract manager, a contract."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from django.test import Client
from django.utils import timezone

from tests import factories
from watchkeeper.core.models import Agency
from watchkeeper.core.roles import Role
from watchkeeper.patrol.models import Accreditation, Contract, Officer, Power


@dataclass
class World:
    partnership: object
    ward: object
    contract: Contract
    officer: Officer
    officer_user: object
    manager: object

    def client(self, user) -> Client:
        c = Client()
        c.force_login(user)
        return c


def build(shift_start=time(16, 0), shift_end=time(3, 0)) -> World:
    partnership, ward, _ = factories.control_room()
    contractor = factories.agency(partnership, kind=Agency.Kind.PATROL)
    council = factories.agency(partnership)
    officer_user = factories.user(Role.PATROL_OFFICER, contractor)
    manager = factories.user(Role.ANALYST, council)
    today = timezone.localdate()
    contract = Contract.objects.create(
        partnership=partnership,
        contractor=contractor,
        name="Responsive Security Patrol",
        starts_on=today - timedelta(days=60),
        ends_on=today + timedelta(days=300),
        shift_start=shift_start,
        shift_end=shift_end,
    )
    officer = Officer.objects.create(
        contract=contract,
        partnership=partnership,
        user=officer_user,
        name="Jordan Ellis",
        collar_number="RSP01",
        sia_licence="1012345678901234",
        sia_expires=today + timedelta(days=400),
    )
    return World(partnership, ward, contract, officer, officer_user, manager)


def grant(officer: Officer, code: str, expires_on: date) -> Accreditation:
    return Accreditation.objects.create(
        officer=officer, power=Power.objects.get(code=code), granted_on=date(2024, 1, 1), expires_on=expires_on
    )

"""Reference data (grades, categories, channels, settings) is kept in memory per process and
re-read when its token changes: at once after a save in this process, and as soon as another
process's change is committed (seen here as the rows and the token changing underneath)."""

from __future__ import annotations

import pytest
from django.db import connection

from tests import factories
from watchkeeper.control.models import Grade, IncidentCategory, ReferenceVersion, reference_data
from watchkeeper.control.services import Invalid
from watchkeeper.control.services.common import active_grades
from watchkeeper.core.roles import Role

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


def test_an_administrators_save_is_seen_by_the_next_call():
    home, _, handler = factories.control_room(Role.CALL_HANDLER)
    assert factories.incident(handler, home, category="theft").category.code == "theft"
    theft = IncidentCategory.objects.get(code="theft")
    theft.active = False
    theft.save()  # as the admin page does
    with pytest.raises(Invalid, match="Unknown incident category 'theft'"):
        factories.incident(handler, home, category="theft")
    immediate = next(g for g in active_grades() if g.immediate)
    Grade.objects.filter(pk=immediate.pk).update(target_minutes=11)
    immediate.refresh_from_db()
    immediate.save()
    assert next(g for g in active_grades() if g.pk == immediate.pk).target_minutes == 11


def test_another_processes_change_is_seen_once_its_token_is_committed():
    first = reference_data()
    assert reference_data() is first, "unchanged token: no reload"
    with connection.cursor() as cursor:  # another process: rows and token change, no signal here
        cursor.execute("UPDATE control_channel SET label = 'Nine nine nine' WHERE code = '999'")
        assert reference_data().channels["999"].label != "Nine nine nine", "cached until the token moves"
        cursor.execute("UPDATE control_referenceversion SET token = 'from-another-process'")
        if not ReferenceVersion.objects.exists():
            ReferenceVersion.objects.bulk_create([ReferenceVersion(pk=1, token="from-another-process")])
    assert reference_data().channels["999"].label == "Nine nine nine"
    assert reference_data().token == "from-another-process"

"""`watchkeeper import_roads`: a good extract becomes the one active network (stored, recorded,
audited, loaded by the next request); a corrupt or empty file is refused in one line with exit code
2 and the previous network stays active; edited speeds are used by the next import."""

import numpy as np
import pytest
from django.core.management import CommandError, call_command

from watchkeeper.core import roads
from watchkeeper.core.models import AuditEntry, RoadNetworkVersion, RoadSpeed
from watchkeeper.routing import RoadNetwork, build_network

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]


def test_a_good_extract_becomes_the_active_network(data_dir, granary, capsys):
    assert roads.active_path() == roads.BUNDLED  # nothing imported yet: the demo network
    call_command("import_roads", str(granary), "--name", "Granary Square")
    version = RoadNetworkVersion.objects.get(active=True)
    expected = build_network(granary)
    assert (version.source_name, version.name) == ("granary-square.osm.pbf", "Granary Square")
    assert version.sha256 == expected.metadata["sha256"]
    assert (version.junctions, version.links) == (expected.n_nodes, expected.n_edges)
    assert version.attribution == "(c) OpenStreetMap contributors"
    assert (data_dir / "network" / version.file_name).exists()
    active = roads.network()
    assert roads.active_path() == data_dir / "network" / "active.npz"
    assert active.metadata["sha256"] == version.sha256 and active.n_nodes == expected.n_nodes
    entry = AuditEntry.objects.get(object_type="core.roadnetworkversion", object_id=str(version.pk))
    assert entry.kind == AuditEntry.Kind.CREATE and "granary-square" in entry.summary
    assert "now active" in capsys.readouterr().out
    # A second import replaces it: still exactly one active version.
    call_command("import_roads", str(granary))
    assert RoadNetworkVersion.objects.count() == 2
    assert RoadNetworkVersion.objects.filter(active=True).count() == 1
    assert RoadNetworkVersion.objects.get(active=True).pk != version.pk


@pytest.mark.parametrize("content", [b"", b"this is not an OSM file\n" * 100], ids=["empty", "corrupt"])
def test_an_unusable_file_is_refused_and_the_previous_network_stays_active(data_dir, granary, tmp_path, content):
    call_command("import_roads", str(granary))
    before = RoadNetworkVersion.objects.get(active=True)
    active_bytes = (data_dir / "network" / "active.npz").read_bytes()
    audit_count = AuditEntry.objects.count()
    broken = tmp_path / "broken.osm.pbf"
    broken.write_bytes(content)
    with pytest.raises(CommandError) as refused:
        call_command("import_roads", str(broken))
    assert refused.value.returncode == 2
    message = str(refused.value)
    assert "\n" not in message and "broken.osm.pbf" in message and "previous road network is still active" in message
    assert RoadNetworkVersion.objects.get(active=True) == before
    assert RoadNetworkVersion.objects.count() == 1
    assert AuditEntry.objects.count() == audit_count
    assert (data_dir / "network" / "active.npz").read_bytes() == active_bytes
    assert roads.network().metadata["sha256"] == before.sha256


def test_a_missing_file_is_refused_with_exit_code_2(data_dir):
    with pytest.raises(CommandError) as refused:
        call_command("import_roads", str(data_dir / "nowhere.osm.pbf"))
    assert refused.value.returncode == 2
    assert not RoadNetworkVersion.objects.exists()
    assert roads.active_path() == roads.BUNDLED


def test_the_speed_table_is_seeded_and_edits_reach_the_next_import(data_dir, granary):
    from watchkeeper.routing import DEFAULT_SPEEDS_KPH

    assert dict(RoadSpeed.objects.values_list("highway", "kph")) == pytest.approx(DEFAULT_SPEEDS_KPH)
    RoadSpeed.objects.filter(highway="residential").update(kph=16.0)
    call_command("import_roads", str(granary))
    version = RoadNetworkVersion.objects.get(active=True)
    assert version.speeds_kph["residential"] == 16.0
    stored = RoadNetwork.load(data_dir / "network" / version.file_name)
    residential = stored.road_classes.index("residential") if "residential" in stored.road_classes else None
    if residential is not None:
        untagged = stored.class_index == residential
        assert np.any(np.isclose(stored.speed_kph[untagged], 16.0))

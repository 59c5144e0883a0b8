"""Demo gazetteer: Camden's OpenStreetMap addresses, streets and landmarks (bundled in
demo/data/camden-places.csv.gz, see SOURCE-camden-places.txt) added to the demo places."""

from __future__ import annotations

from pathlib import Path

from watchkeeper.control.gazetteer import loading, osm
from watchkeeper.core.models import Place

DATA = Path(__file__).resolve().parents[2] / "demo" / "data"


def load(partnerships: dict) -> dict:
    camden = partnerships.get("safer-camden")
    path = DATA / "camden-places.csv.gz"
    if camden is None or not path.exists():
        return {}
    if Place.objects.filter(partnership=camden, kind=Place.Kind.ADDRESS).exists():
        return {"addresses": Place.objects.filter(partnership=camden, kind=Place.Kind.ADDRESS).count()}
    added = loading.load_rows(camden, osm.load_rows(path))
    return {"gazetteer_added": added["added"]}

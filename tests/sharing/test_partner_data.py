"""Partner data imports (issue #5 item 1): a partner's CSV or Excel file read with a saved column
mapping and recorded against its sharing agreement; through the pages, the API and the command."""

import io
from datetime import date, datetime, timedelta

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from watchkeeper.cli import main as watchkeeper_main
from watchkeeper.core.models import Agency, AuditEntry
from watchkeeper.sharing.models import (
    ColumnMapping,
    PartnerDataset,
    PartnerImportRun,
    PartnerRecord,
    SharingAgreement,
)

pytestmark = pytest.mark.django_db

CAMDEN = "safer-camden"
PAGE = "/intel/partner-data/"
HEADER = "Ref,Date reported,Time,Type,Details,Lat,Long\n"
GOOD = (
    "FT1,03/01/2024,09:15,Fly tipping - household,Mattress on pavement,51.5291,-0.1262\n"
    "FT2,15/01/2024,14:00,Graffiti,Tag on wall,51.5390,-0.1430\n"
    "FT3,02/02/2024,,fly tipping - commercial,Trade waste bags,51.5291,-0.1262\n"
)
CATEGORY_MAP = (
    "Fly tipping - household = Fly-tipping\nFly tipping - commercial = Fly-tipping\n"
    "Graffiti = Graffiti\nDeliberate fire - refuse = Deliberate fire"
)


def agreement_form(**overrides) -> dict:
    today = date.today()
    form = {
        "partnership": CAMDEN,
        "partner_agency": str(Agency.objects.get(slug="camden-asb").pk),
        "partner_name": "",
        "title": "Environmental crime sharing",
        "reference": "ISA-ENV-01",
        "lawful_basis": "art6_1e",
        "processing_condition": "",
        "purpose": "Tasking patrols to fly-tipping hotspots",
        "data_categories": "Fly-tipping and graffiti reports: date, type, location",
        "starts_on": f"{today - timedelta(days=400):%Y-%m-%d}",
        "ends_on": f"{today + timedelta(days=400):%Y-%m-%d}",
        "review_on": f"{today + timedelta(days=200):%Y-%m-%d}",
    }
    form.update(overrides)
    return {k: v for k, v in form.items() if v is not None}


def mapping_form(**overrides) -> dict:
    form = {
        "partnership": CAMDEN,
        "name": "ASB team env",
        "date_column": "Date reported",
        "date_format": "%d/%m/%Y",
        "time_column": "Time",
        "category_column": "Type",
        "category_map": CATEGORY_MAP,
        "description_column": "Details",
        "location": "latlon",
        "lat_column": "Lat",
        "lon_column": "Long",
        "easting_column": "",
        "northing_column": "",
        "address_column": "",
        "external_id_column": "Ref",
        "personal_columns": "",
    }
    form.update(overrides)
    return form


@pytest.fixture
def analyst(as_user):
    return as_user("analyst")


@pytest.fixture
def setup(analyst):
    """An in-force agreement and a mapping, made through the pages."""
    assert analyst.post("/intel/partner-data/agreements/new/", agreement_form()).status_code == 302
    assert analyst.post("/intel/partner-data/mappings/new/", mapping_form()).status_code == 302
    return SharingAgreement.objects.get(reference="ISA-ENV-01"), ColumnMapping.objects.get(name="ASB team env")


def upload(client, body, agreement, mapping, name="asb-env.csv", dataset=""):
    data = body.encode() if isinstance(body, str) else body
    return client.post(
        PAGE,
        {
            "partnership": CAMDEN,
            "agreement": str(agreement.pk),
            "mapping": str(mapping.pk),
            "dataset": dataset,
            "file": SimpleUploadedFile(name, data),
        },
    )


def xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_agreement_and_mapping_pages_save_audit_and_list(analyst, setup):
    agreement, mapping = setup
    assert agreement.created_by.username == "analyst" and agreement.partner == "Camden Council ASB Team"
    assert mapping.category_map["Graffiti"] == "Graffiti" and mapping.external_id_column == "Ref"
    for obj, kind in ((agreement, "sharing.sharingagreement"), (mapping, "sharing.columnmapping")):
        assert AuditEntry.objects.filter(object_type=kind, object_id=str(obj.pk), actor__username="analyst").exists()
    page = analyst.get(PAGE).content.decode()
    assert "ISA-ENV-01" in page and "In force" in page and "ASB team env" in page
    # Review due within 30 days, expired, and not yet in force are shown as such.
    today = date.today()
    analyst.post(
        "/intel/partner-data/agreements/new/",
        agreement_form(reference="ISA-FIRE-02", review_on=f"{today + timedelta(days=5):%Y-%m-%d}"),
    )
    analyst.post(
        "/intel/partner-data/agreements/new/",
        agreement_form(reference="ISA-OLD-03", ends_on=f"{today - timedelta(days=1):%Y-%m-%d}", review_on=""),
    )
    page = analyst.get(PAGE).content.decode()
    assert "Review due" in page and "Expired" in page
    # A duplicate reference and an agreement with neither agency nor partner name are refused.
    again = analyst.post("/intel/partner-data/agreements/new/", agreement_form())
    assert again.status_code == 400 and SharingAgreement.objects.filter(reference="ISA-ENV-01").count() == 1
    nameless = analyst.post("/intel/partner-data/agreements/new/", agreement_form(reference="X-1", partner_agency=""))
    assert nameless.status_code == 400 and b"Name the partner" in nameless.content
    # A lat/lon mapping without a longitude column is refused.
    bad = analyst.post("/intel/partner-data/mappings/new/", mapping_form(name="broken", lon_column=""))
    assert bad.status_code == 400 and not ColumnMapping.objects.filter(name="broken").exists()


def test_csv_upload_loads_places_audits_and_reimport_adds_nothing(analyst, setup):
    agreement, mapping = setup
    response = upload(analyst, "\ufeff" + HEADER + GOOD, agreement, mapping)
    assert response.status_code == 200, response.content.decode()[:2000]
    run = PartnerImportRun.objects.get()
    assert (run.rows_good, run.rows_new, run.rows_already, run.rows_bad) == (3, 3, 0, 0)
    assert run.user.username == "analyst" and run.file_name == "asb-env.csv" and len(run.sha256) == 64
    assert run.agreement == agreement and run.dataset.name == "ISA-ENV-01: ASB team env"
    records = PartnerRecord.objects.filter(dataset=run.dataset)
    assert sorted(records.values_list("external_id", flat=True)) == ["FT1", "FT2", "FT3"]
    ft1 = records.get(external_id="FT1")
    assert ft1.category == "Fly-tipping" and ft1.source_category == "Fly tipping - household"
    assert ft1.ward is not None and ft1.district is not None and ft1.agreement == agreement
    assert ft1.occurred_at.astimezone().strftime("%Y-%m-%d") == "2024-01-03"
    assert records.get(external_id="FT3").category == "Fly-tipping"  # matched case-insensitively
    assert (
        AuditEntry.objects.filter(
            object_type="sharing.partnerimportrun", object_id=str(run.pk), actor__username="analyst"
        ).count()
        == 1
    )

    again = upload(analyst, HEADER + GOOD, agreement, mapping)
    assert again.status_code == 200 and b"3 already held" in again.content
    second = PartnerImportRun.objects.order_by("-pk").first()
    assert (second.rows_good, second.rows_new, second.rows_already) == (3, 0, 3)
    assert PartnerRecord.objects.count() == 3
    page = analyst.get(PAGE).content.decode()
    assert page.count("asb-env.csv") >= 2


def test_xlsx_through_the_command_with_grid_references(setup, analyst, tmp_path):
    agreement, _ = setup
    analyst.post(
        "/intel/partner-data/mappings/new/",
        mapping_form(
            name="LFB fires",
            date_column="Call date",
            date_format="%Y-%m-%d %H:%M",
            time_column="",
            category_column="Incident type",
            location="grid",
            lat_column="",
            lon_column="",
            easting_column="Easting",
            northing_column="Northing",
            external_id_column="Incident number",
            description_column="",
        ),
    )
    assert ColumnMapping.objects.filter(name="LFB fires").exists()
    body = xlsx(
        [
            ["Incident number", "Call date", "Incident type", "Easting", "Northing"],
            [240001, datetime(2024, 3, 4, 22, 10), "Deliberate fire - refuse", 530078, 182796],
            [240002, "2024-03-09 01:30", "Graffiti", 528885, 183867],
            [240003, "09/03/2024", "Graffiti", 528885, 183867],
        ]
    )
    tmp = tmp_path / "lfb-march.xlsx"
    tmp.write_bytes(body)
    out = io.StringIO()
    call_command(
        "import_partner_data",
        str(tmp),
        "--mapping",
        "LFB fires",
        "--agreement",
        "ISA-ENV-01",
        "--partnership",
        CAMDEN,
        stdout=out,
    )
    text = out.getvalue()
    assert "2 good rows (2 new, 0 already held), 1 bad" in text
    assert "lfb-march.xlsx line 4, column Call date" in text
    records = PartnerRecord.objects.filter(dataset__name="ISA-ENV-01: LFB fires")
    assert sorted(records.values_list("external_id", flat=True)) == ["240001", "240002"]
    fire = records.get(external_id="240001")
    assert fire.category == "Deliberate fire" and fire.ward is not None
    assert fire.lat == pytest.approx(51.5291, abs=1e-3) and fire.lon == pytest.approx(-0.1262, abs=1e-3)
    run = PartnerImportRun.objects.get(file_name="lfb-march.xlsx")
    assert run.user is None and run.actor_label == "system"
    assert AuditEntry.objects.filter(object_type="sharing.partnerimportrun", object_id=str(run.pk)).count() == 1
    call_command(
        "import_partner_data",
        str(tmp),
        "--mapping",
        "LFB fires",
        "--agreement",
        "ISA-ENV-01",
        "--partnership",
        CAMDEN,
        stdout=io.StringIO(),
    )
    assert records.count() == 2


def test_bad_rows_are_reported_with_line_and_column_while_good_rows_load(analyst, setup):
    agreement, mapping = setup
    body = HEADER + (
        "B1,03/01/2024,09:15,Graffiti,ok,51.5291,-0.1262\n"
        "B2,2024-01-03,09:15,Graffiti,iso date not the mapped format,51.5291,-0.1262\n"
        "B3,04/01/2024,09:15,Abandoned car,not in the category map,51.5291,-0.1262\n"
        "B4,05/01/2024,09:15,Graffiti,City of London,51.5155,-0.0922\n"
        "B5,06/01/2024,09:15,Graffiti,lat out of range,95.0,-0.1262\n"
        "B6,,09:15,Graffiti,no date,51.5291,-0.1262\n"
        "B7,07/01/2024,09:15,Graffiti,no coordinates,,\n"
        "B1,08/01/2024,09:15,Graffiti,same id again,51.5291,-0.1262\n"
        "B9,09/01/2024,25:99,Graffiti,bad time,51.5291,-0.1262\n"
    )
    response = upload(analyst, body, agreement, mapping, name="mixed.csv")
    assert response.status_code == 200
    run = PartnerImportRun.objects.get(file_name="mixed.csv")
    assert (run.rows_good, run.rows_bad) == (1, 8)
    found = {(e["line"], e["column"]) for e in run.errors}
    assert found == {
        (3, "Date reported"),
        (4, "Type"),
        (5, "Lat"),
        (6, "Lat"),
        (7, "Date reported"),
        (8, "Lat"),
        (9, "Ref"),
        (10, "Time"),
    }
    assert all(e["file"] == "mixed.csv" for e in run.errors)
    problems = {e["line"]: e["problem"] for e in run.errors}
    assert "outside the partnership's wards" in problems[5] and "outside -90..90" in problems[6]
    assert "Abandoned car" in problems[4] and "repeats line 2" in problems[9]
    page = response.content.decode()
    assert "not in the mapping" in page and "<td>10</td><td>Time</td>" in page
    assert list(PartnerRecord.objects.values_list("external_id", flat=True)) == ["B1"]


def test_wrong_layout_writes_nothing(analyst, setup):
    agreement, mapping = setup
    audit_before = AuditEntry.objects.count()
    response = upload(
        analyst,
        "Ref,When,Type,Lat,Long\nX1,03/01/2024,Graffiti,51.5291,-0.1262\n",
        agreement,
        mapping,
        name="other-layout.csv",
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Nothing imported" in text and "other-layout.csv" in text
    assert "Date reported" in text and "Details" in text
    assert not PartnerImportRun.objects.exists() and not PartnerRecord.objects.exists()
    assert not PartnerDataset.objects.exists() and AuditEntry.objects.count() == audit_before
    broken = upload(analyst, b"PK\x03\x04 not really a workbook", agreement, mapping, name="broken.xlsx")
    assert broken.status_code == 400 and b"Excel" in broken.content
    latin = upload(analyst, (HEADER + GOOD).replace("Mattress", "Caf\xe9").encode("latin-1"), agreement, mapping)
    assert latin.status_code == 400 and b"UTF-8" in latin.content
    assert not PartnerRecord.objects.exists()


def test_expired_or_future_agreement_is_refused(analyst, setup):
    _, mapping = setup
    today = date.today()
    analyst.post(
        "/intel/partner-data/agreements/new/",
        agreement_form(
            reference="ISA-OLD",
            starts_on=f"{today - timedelta(days=800):%Y-%m-%d}",
            ends_on=f"{today - timedelta(days=10):%Y-%m-%d}",
            review_on="",
        ),
    )
    analyst.post(
        "/intel/partner-data/agreements/new/",
        agreement_form(reference="ISA-NEXT", starts_on=f"{today + timedelta(days=10):%Y-%m-%d}", review_on=""),
    )
    expired, future = (
        SharingAgreement.objects.get(reference="ISA-OLD"),
        SharingAgreement.objects.get(reference="ISA-NEXT"),
    )
    response = upload(analyst, HEADER + GOOD, expired, mapping)
    assert response.status_code == 400 and b"ISA-OLD expired on" in response.content
    response = upload(analyst, HEADER + GOOD, future, mapping)
    assert response.status_code == 400 and b"not in force until" in response.content
    with pytest.raises(CommandError, match="expired on"):
        call_command(
            "import_partner_data",
            __file__,
            "--mapping",
            mapping.name,
            "--agreement",
            "ISA-OLD",
            "--partnership",
            CAMDEN,
        )
    assert not PartnerRecord.objects.exists() and not PartnerImportRun.objects.exists()


def test_personal_data_needs_an_agreement_that_allows_it(analyst, setup):
    agreement, _ = setup
    analyst.post(
        "/intel/partner-data/mappings/new/",
        mapping_form(name="with complainant", personal_columns="Complainant name\nComplainant phone"),
    )
    analyst.post("/intel/partner-data/mappings/new/", mapping_form(name="sneaky", description_column="Reporter phone"))
    declared, sneaky = ColumnMapping.objects.get(name="with complainant"), ColumnMapping.objects.get(name="sneaky")
    header = "Ref,Date reported,Time,Type,Details,Lat,Long,Complainant name,Complainant phone,Reporter phone\n"
    body = header + "P1,03/01/2024,09:15,Graffiti,Tag,51.5291,-0.1262,Ann Example,07700900999,07700900999\n"
    for mapping in (declared, sneaky):
        response = upload(analyst, body, agreement, mapping)
        assert response.status_code == 400 and b"does not allow personal data" in response.content
    assert b"Reporter phone" in response.content
    assert not PartnerRecord.objects.exists()

    analyst.post(
        "/intel/partner-data/agreements/new/",
        agreement_form(
            reference="ISA-ASB-PD",
            title="ASB complainants",
            personal_data_allowed="on",
            processing_condition="sch1_p10",
        ),
    )
    allowing = SharingAgreement.objects.get(reference="ISA-ASB-PD")
    assert upload(analyst, body, allowing, declared).status_code == 200
    record = PartnerRecord.objects.get(external_id="P1")
    assert record.personal == {"Complainant name": "Ann Example", "Complainant phone": "07700900999"}
    assert record.agreement == allowing


def test_other_partnerships_never_see_the_records(analyst, setup, as_user, token_for):
    agreement, mapping = setup
    assert upload(analyst, HEADER + GOOD, agreement, mapping).status_code == 200
    mine = analyst.get("/api/intel/partner-records").json()
    assert mine["count"] == 3
    assert as_user("partner").get("/api/intel/partner-records").json()["count"] == 3  # a Camden partner viewer
    for username in ("stevenage", "eastherts"):
        headers = token_for(username, ["intel.view"])
        listed = analyst.get("/api/intel/partner-records", **headers)
        assert listed.status_code == 200 and listed.json()["count"] == 0
        counts = analyst.get("/api/intel/partner-records/counts", **headers).json()
        assert counts["total"] == 0 and counts["by_month"] == []
        assert analyst.get("/api/intel/partner-datasets", **headers).json()["count"] == 0
        filtered = analyst.get("/api/intel/partner-records", {"partnership": CAMDEN}, **headers).json()
        assert filtered["count"] == 0
        page = as_user(username).get(PAGE)
        assert page.status_code == 403 and b"Mattress" not in page.content
    # Roles without intel.view get nothing; a token not scoped to intel.view neither.
    assert as_user("cctv").get("/api/intel/partner-records").status_code == 403
    assert analyst.get("/api/intel/partner-records", **token_for("analyst", ["intel.import"])).status_code == 403


def test_api_filters_and_trend_counts(analyst, setup, token_for):
    agreement, mapping = setup
    upload(analyst, HEADER + GOOD, agreement, mapping)
    headers = token_for("analyst", ["intel.view"])
    get = lambda params: analyst.get("/api/intel/partner-records", params, **headers).json()  # noqa: E731
    assert get({"category": "Graffiti"})["count"] == 1
    assert [r["external_id"] for r in get({"start": "2024-01-01", "end": "2024-01-31"})["items"]] == ["FT1", "FT2"]
    assert get({"start": "2024-02-01"})["items"][0]["external_id"] == "FT3"
    dataset = PartnerDataset.objects.get()
    row = get({"dataset": dataset.pk})["items"][0]
    assert row["dataset"] == dataset.name and row["agreement"] == "ISA-ENV-01" and row["ward_id"]
    assert get({"dataset": dataset.pk + 1000})["count"] == 0
    assert (
        analyst.get("/api/intel/partner-records", {"start": "2024-02-01", "end": "2024-01-01"}, **headers).status_code
        == 400
    )
    counts = analyst.get("/api/intel/partner-records/counts", **headers).json()
    assert counts["total"] == 3
    assert counts["months"] == {"2024-01": 2, "2024-02": 1}
    assert counts["categories"] == {"Fly-tipping": 2, "Graffiti": 1}
    assert {"month": "2024-01", "category": "Fly-tipping", "count": 1} in counts["by_month"]
    only = analyst.get("/api/intel/partner-records/counts", {"category": "Fly-tipping"}, **headers).json()
    assert only["months"] == {"2024-01": 1, "2024-02": 1}


def test_command_errors_are_one_line_and_exit_non_zero(setup, tmp_path, capsys, monkeypatch):
    from django.db import connections

    # `watchkeeper CMD` closes the connections when it ends; the test's transaction must survive that.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    agreement, mapping = setup
    good = tmp_path / "ok.csv"
    good.write_text(HEADER + GOOD)
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("a,b\n1,2\n")
    base = ["--mapping", mapping.name, "--agreement", agreement.reference, "--partnership", CAMDEN]
    cases = [
        (
            [str(good), "--mapping", mapping.name, "--agreement", agreement.reference, "--partnership", "nowhere"],
            "No partnership 'nowhere'",
        ),
        (
            [str(good), "--mapping", "nope", "--agreement", agreement.reference, "--partnership", CAMDEN],
            "No column mapping 'nope'",
        ),
        (
            [str(good), "--mapping", mapping.name, "--agreement", "NOPE", "--partnership", CAMDEN],
            "No sharing agreement 'NOPE'",
        ),
        ([str(tmp_path / "missing.csv"), *base], "no such file"),
        ([str(wrong), *base], "missing column(s): Date reported, Time, Type"),
    ]
    for args, message in cases:
        with pytest.raises(SystemExit) as exit_:
            watchkeeper_main(["import_partner_data", *args])
        assert exit_.value.code not in (0, None)
        err = capsys.readouterr().err
        assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not PartnerRecord.objects.exists()

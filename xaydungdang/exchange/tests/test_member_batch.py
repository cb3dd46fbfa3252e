"""The batch path of a large import writes exactly what `member_create` writes, member by member:
members, events, periods, history, and the report rollups (which `rebuild_rollups --verify` then finds
equal to the raw rows)."""

import datetime as dt
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from xaydungdang.access.choices import Role
from xaydungdang.access.models import Assignment
from xaydungdang.accounts.models import User
from xaydungdang.core import bulk
from xaydungdang.exchange import member_commit, services
from xaydungdang.exchange.columns import member_columns
from xaydungdang.exchange.models import ImportBatch, ImportedRow
from xaydungdang.exchange.services import import_batch_run, import_batch_start
from xaydungdang.exchange.writers import write_xlsx
from xaydungdang.members.models import Member, MembershipEvent
from xaydungdang.members.services import member_create
from xaydungdang.organizations.choices import OrganizationKind as K
from xaydungdang.organizations.tests.factories import make_org
from xaydungdang.reports.models import RollupDay, RollupFootprint, RollupMonth
from xaydungdang.reports.rollups.rebuild import verify

HISTORY_SKIP = {"history_id", "history_date", "id"}
EVENT_SKIP = {"id", "member_id", "recorded_at"}


@pytest.fixture
def country(db):
    """A central root over two provinces (members count in two rollup organizations), and an officer."""
    root = make_org(None, K.CENTRAL, "Đảng Cộng sản Việt Nam", "TW")
    can_tho = make_org(root, K.PROVINCIAL, "Đảng bộ thành phố Cần Thơ", "Q92")
    hau_giang = make_org(root, K.PROVINCIAL, "Đảng bộ tỉnh Hậu Giang", "Q93")
    commune = make_org(can_tho, K.UPPER_GRASSROOTS, "Đảng bộ phường An Hòa", "Q92-X")
    cells = [
        make_org(commune, K.GRASSROOTS_CELL, "Chi bộ khu vực 1", "Q92-X-1"),
        make_org(commune, K.GRASSROOTS_CELL, "Chi bộ khu vực 2", "Q92-X-2"),
        make_org(hau_giang, K.GRASSROOTS_CELL, "Chi bộ ấp Thạnh Hòa", "Q93-1"),
    ]
    officer = User.objects.create_user(username="tochuc-tw", password="x")  # noqa: S106
    Assignment.objects.create(user=officer, role=Role.OFFICER, organization=root)
    return officer, cells


def _rows(cells, count=24):
    """Members alike in some ways and not others: band edges, 29/02, minorities, probationary ones."""
    births = [dt.date(1960, 2, 29), dt.date(1995, 6, 15), dt.date(1975, 1, 1), dt.date(1988, 12, 31)]
    admissions = [dt.date(2000, 3, 1), dt.date(2019, 5, 19), dt.date(2024, 2, 29), dt.date(1985, 9, 2)]
    for i in range(count):
        birth = births[i % 4] + dt.timedelta(days=(i // 4) * 40)
        admitted = max(admissions[(i + 1) % 4], birth + dt.timedelta(days=365 * 19))
        official = admitted + dt.timedelta(days=366) if i % 3 else None
        gender = "female" if i % 2 else "male"
        yield {
            "full_name": f"Nguyễn {'Thị' if i % 2 else 'Văn'} Thử {i}",
            "gender": gender,
            "birth_date": birth,
            "ethnicity": ["01", "04", "05"][i % 3],
            "religion": ["none", "buddhism"][i % 2],
            "national_id": f"092{1 if gender == 'female' else 0}{birth.year % 100:02d}{i:06d}",
            "organization_code": cells[i % len(cells)].code,
            "admission_date": admitted,
            "admission_decision_date": admitted - dt.timedelta(days=10) if i % 4 else None,
            "official_date": official if official and official < dt.date(2025, 1, 1) else None,
            "record_number": f"T{i:07d}",
            "qualification": ["bachelor", "none"][i % 2],
            "occupation": ["farmer", "public_employee", ""][i % 3],
        }


def _import(user, content) -> ImportBatch:
    batch = import_batch_start(actor=user, file_name="lon.xlsx", content=content)
    batch = import_batch_run(batch_id=batch.pk, commit=True)
    assert batch.status == ImportBatch.Status.DONE, batch.errors
    return batch


def _written() -> dict:
    """Everything the import wrote, keyed by national ID (ids differ between the two paths)."""
    national = dict(Member.objects.values_list("pk", "national_id"))
    members = {m.national_id: m for m in Member.objects.all()}
    snapshot = {}
    for national_id, member in members.items():
        history = member.history.order_by("-history_id").first()  # member_create saves twice; the last
        events = [
            {
                f.attname: getattr(e, f.attname)
                for f in MembershipEvent._meta.concrete_fields
                if f.attname not in EVENT_SKIP
            }
            for e in member.events.order_by("effective_date", "kind")
        ]
        event_history = sorted(
            (h.kind, h.effective_date, h.history_type, h.history_user_id, h.history_change_reason)
            for h in MembershipEvent.history.filter(member_id=member.pk)
        )
        periods = list(
            member.periods.order_by("valid_from").values_list(
                "organization_id", "attachment", "status", "is_exempted", "valid_from", "valid_to"
            )
        )
        row = {f.attname: getattr(member, f.attname) for f in Member._meta.concrete_fields if f.attname != "id"}
        tracked = {
            f.attname: getattr(history, f.attname)
            for f in history._meta.concrete_fields
            if f.attname not in HISTORY_SKIP and not f.attname.startswith("history_")
        }
        who = (history.history_user_id, history.history_change_reason)
        snapshot[national_id] = (row, tracked, who, events, event_history, periods)
    footprints = {national[f.member_id]: f.data for f in RollupFootprint.objects.all()}
    return {"members": snapshot, "footprints": footprints, "rollups": _rollups()}


def _rollups() -> tuple[Counter, Counter]:
    days = Counter(
        {
            key[:-1]: key[-1]
            for key in RollupDay.objects.values_list("organization_id", "day", "dimension", "bucket", "delta")
        }
    )
    months = Counter(
        {
            key[:-1]: key[-1]
            for key in RollupMonth.objects.values_list("organization_id", "month", "dimension", "bucket", "delta")
        }
    )
    return +days, +months  # zero rows (left by a later change) are no difference


class Rollback(Exception):
    pass


def _member_create_path(user, content, monkeypatch) -> dict:
    """What the file writes one member_create at a time, then rolled back."""
    monkeypatch.setattr(member_commit, "BATCH_THRESHOLD", 10**6)
    try:
        with transaction.atomic():
            _import(user, content)
            written = _written()
            raise Rollback
    except Rollback:
        return written


@pytest.mark.django_db
def test_the_batch_path_writes_what_member_create_writes_member_by_member(country, monkeypatch):
    officer, cells = country
    member_create(
        actor=officer, organization=cells[0], full_name="Lê Văn Cũ", gender="male",
        birth_date=dt.date(1970, 3, 3), admission_date=dt.date(2000, 3, 1), official_date=dt.date(2001, 3, 1),
    )  # fmt: skip
    assert RollupDay.objects.exists()  # the batch adds to stored rows as well as new ones
    content = write_xlsx(member_columns(), _rows(cells), title="Danh sách")
    one_by_one = _member_create_path(officer, content, monkeypatch)

    monkeypatch.setattr(member_commit, "BATCH_THRESHOLD", 1)
    _import(officer, content)
    batched = _written()

    assert len(batched["members"]) == 25
    assert batched["members"] == one_by_one["members"]
    _row, _tracked, who, _events, event_history, _periods = batched["members"]["092060000000"]
    assert who == (officer.pk, "Nhập từ tệp lon.xlsx")
    assert {(kind, kind_of, user) for kind, _day, kind_of, user, _reason in event_history} == {
        ("admitted", "+", officer.pk)
    }
    assert batched["footprints"] == one_by_one["footprints"]
    assert batched["rollups"] == one_by_one["rollups"]
    assert verify() == []


@pytest.mark.django_db
def test_after_a_batch_import_rebuild_rollups_verify_finds_no_difference(country, monkeypatch):
    officer, cells = country
    monkeypatch.setattr(member_commit, "BATCH_THRESHOLD", 1)
    _import(officer, write_xlsx(member_columns(), _rows(cells, count=40), title="Danh sách"))
    out = StringIO()
    call_command("rebuild_rollups", "--verify", stdout=out)
    assert "Số liệu tổng hợp khớp với dữ liệu gốc." in out.getvalue()
    assert RollupFootprint.objects.count() == 40


@pytest.mark.django_db
def test_reserved_ids_are_new_and_distinct(country):
    officer, cells = country
    ids = bulk.reserve_ids(Member, 5)
    assert len(set(ids)) == 5
    assert not Member.objects.filter(pk__in=ids).exists()
    created = member_create(
        actor=officer, organization=cells[0], full_name="Lê Văn Sau", gender="male",
        birth_date=dt.date(1970, 3, 3), admission_date=dt.date(2000, 3, 1),
    )  # fmt: skip
    if bulk.is_postgresql():  # the sequence moved past them (SQLite: one writer, the batch writes them)
        assert created.pk not in ids


@pytest.mark.django_db
def test_the_rows_remembered_for_new_members_hold_their_cell_and_keys_as_stored(country, monkeypatch):
    """A member without a national ID, one without a record number: the remembered rows say what the members'
    rows say (the trigger and the next import compare with those)."""
    officer, cells = country
    monkeypatch.setattr(member_commit, "BATCH_THRESHOLD", 1)
    rows = list(_rows(cells, count=12))
    rows[0]["national_id"], rows[1]["record_number"] = None, None
    _import(officer, write_xlsx(member_columns(), rows, title="Danh sách"))
    stored = {
        (m.pk, m.organization_id, m.national_id, m.record_number, m.organization.code.upper())
        for m in Member.objects.select_related("organization")
    }
    remembered = ImportedRow.objects.values_list(
        "member_id", "organization_id", "national_id", "record_number", "organization_code"
    )
    assert set(remembered) == stored
    assert None in {key for _pk, _cell, *keys, _code in stored for key in keys}


@pytest.mark.skipif(not bulk.is_postgresql(), reason="ids from the sequence: PostgreSQL")
@pytest.mark.django_db
def test_reserved_ids_with_gaps_are_those_the_sequence_gave(country):
    """Another session's nextval between two of ours leaves gaps: the ids are then read one by one (here the
    sequence steps by 3, as if two sessions took one each between ours)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence('members_member', 'id')")
        (sequence,) = cursor.fetchone()
        cursor.execute(f"ALTER SEQUENCE {sequence} INCREMENT BY 3")
        ids = bulk.reserve_ids(Member, 4)
        cursor.execute(f"SELECT currval('{sequence}')")
        (last,) = cursor.fetchone()
    assert ids == [last - 9, last - 6, last - 3, last]
    assert len(bulk.reserve_ids(MembershipEvent, 2000)) == 2000


@pytest.mark.django_db
def test_a_file_written_chunk_by_chunk_writes_what_member_create_writes(country, monkeypatch):
    """Chunks of 5 rows: the batch path writes each chunk as it is read, the rollups once at the end."""
    officer, cells = country
    monkeypatch.setattr(services, "CHUNK", 5)
    content = write_xlsx(member_columns(), _rows(cells, count=23), title="Danh sách")
    one_by_one = _member_create_path(officer, content, monkeypatch)

    monkeypatch.setattr(member_commit, "BATCH_THRESHOLD", 1)
    batch = _import(officer, content)
    assert (batch.created_count, batch.updated_count, batch.unchanged_count) == (23, 0, 0)
    assert _written() == one_by_one
    assert verify() == []
    again = _import(officer, content)  # the same file again, chunk by chunk: nothing to write
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 23)

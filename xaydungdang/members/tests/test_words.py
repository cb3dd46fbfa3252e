"""The word index of the name search (members.words, MemberWord): kept by every writer of the name (save,
rename, the import batch, delete), filled by migration 0012 the same way on both databases, and the set-based
SQL copy of the split (PostgreSQL) equal to the Python owner."""

import datetime as dt
import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from xaydungdang.exchange.member_batch import PROFILE, members_create_in_bulk
from xaydungdang.members.models import Member, MemberWord
from xaydungdang.members.search_plan import driving_word
from xaydungdang.members.services import member_update
from xaydungdang.members.tests.factories import MemberFactory
from xaydungdang.members.words import WORDS_SQL, name_words, query_words, word_rows

pytestmark = pytest.mark.django_db
ODD_NAMES = ["Nguyễn Nguyễn Văn", "H'Hen Niê", "Lý 50% Hùng", "Võ_Văn  An", "Đặng   Thị Ánh", "Ông 😀 Ba", "Ư"]


def _stored(member_ids=None) -> set[tuple]:
    rows = MemberWord.objects.values_list("member_id", "word", "sort_name")
    return set(rows if member_ids is None else rows.filter(member_id__in=member_ids))


def _expected(members) -> set[tuple]:
    return {row for m in members for row in word_rows(m.pk, m.search_name, m.sort_name)}


def test_the_words_of_a_name_are_its_folded_words_once_each():
    assert name_words("nguyen nguyen van") == ["nguyen", "van"]
    assert query_words("Ng  NGUYỄN vă h") == ["nguyen", "va", "h"]  # `ng` asks less than `nguyen`
    assert query_words("  ") == []


def test_a_new_member_has_the_words_of_its_name(tree):
    member = MemberFactory(organization=tree.cell_1, full_name="Nguyễn  Văn Hùng")
    assert _stored([member.pk]) == {(member.pk, word, member.sort_name) for word in ("nguyen", "van", "hung")}


def test_a_rename_rewrites_the_words_and_other_saves_keep_them(users, tree):
    member = MemberFactory(organization=tree.cell_1, full_name="Nguyễn Văn Hùng")
    member_update(actor=users.officer, member=member, reason="Sai chính tả", full_name="Trần Văn Hưng")
    member.refresh_from_db()
    assert _stored([member.pk]) == _expected([member])
    assert {word for _pk, word, _key in _stored([member.pk])} == {"tran", "van", "hung"}
    member_update(actor=users.officer, member=member, reason="Bổ sung", phone="0912345678")
    assert _stored([member.pk]) == _expected([member])


def test_a_deleted_member_takes_its_words_along(tree):
    member = MemberFactory(organization=tree.cell_1, full_name="Lê Thị Hồng Nhung")
    kept = MemberFactory(organization=tree.cell_1, full_name="Lê Văn Nam")
    member.delete()
    assert _stored() - _stored([kept.pk]) == set() and _stored([kept.pk]) == _expected([kept])


def test_the_import_batch_writes_the_words(users, tree):
    blank = Member()  # every field member_create takes, at its default
    values = {name: getattr(blank, name) for name in PROFILE}
    values.update(gender="male", birth_date=dt.date(1980, 1, 2), admission_date=dt.date(2005, 3, 4))
    fields = [(tree.cell_1, {**values, "full_name": name}) for name in ODD_NAMES]
    ids = members_create_in_bulk(actor=users.officer, fields=fields, reason="Nhập tệp")
    assert _stored(ids) == _expected(Member.objects.filter(pk__in=ids))
    assert len(_stored(ids)) == sum(len(name_words(m.search_name)) for m in Member.objects.filter(pk__in=ids))


def test_the_migration_fills_the_words_of_every_member(tree):
    for name in ODD_NAMES:
        MemberFactory(organization=tree.cell_1, full_name=name)
    expected = _expected(Member.objects.all())
    MemberWord.objects.all().delete()
    migration = importlib.import_module("xaydungdang.members.migrations.0012_member_words")
    with connection.cursor() as cursor:  # what fill_words uses of a schema editor
        migration.fill_words(apps, SimpleNamespace(connection=connection, execute=cursor.execute))
    assert _stored() == expected


def test_the_sql_split_gives_the_rows_of_the_python_owner(tree):
    if connection.vendor != "postgresql":
        pytest.skip("the set-based split is PostgreSQL's")
    members = [MemberFactory(organization=tree.cell_1, full_name=name) for name in ODD_NAMES]
    Member.objects.filter(pk=members[0].pk).update(search_name=" a  b a ")  # spaces the fold never leaves
    members[0].refresh_from_db()
    with connection.cursor() as cursor:
        cursor.execute(WORDS_SQL + " AND m.id = ANY(%s)", [[m.pk for m in members]])  # noqa: S608
        assert set(cursor.fetchall()) == _expected(members)


def test_the_rarest_word_drives_and_a_prefix_of_several_words_says_so(tree):
    for index in range(6):
        MemberFactory(organization=tree.cell_1, full_name=f"Nguyễn Văn {'Hùng' if index < 2 else 'Nam'}")
    MemberFactory(organization=tree.cell_1, full_name="Nguyễn Hưng Nguyên")  # nguyen once, hung
    MemberFactory(organization=tree.cell_1, full_name="Lê Thị Hà")
    assert driving_word(["nguyen", "hung"]) == ("hung", "hung")
    assert driving_word(["nguyen", "h"]) == ("h", None)  # 4 rows (ha, hung): rarer, and several words
    assert driving_word(["nguyen", "xo"]) == ("xo", "xo")  # no stored word: the walk finds nothing

"""The review tallies equal a live grouped count of the reviews after every kind of write, and the results
read from them give the figures a live count gives, for every subtree (on SQLite and on PostgreSQL)."""

from collections import Counter
from random import Random

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.db.models import Count

from xaydungdang.access.policy import OutOfScope
from xaydungdang.demo.builder.reviews import build_reviews
from xaydungdang.members.tests.factories import MemberFactory
from xaydungdang.organizations.choices import OrganizationKind
from xaydungdang.organizations.tests.factories import make_org
from xaydungdang.reorganizations.services import organization_move
from xaydungdang.reviews import selectors, self_reviews, services
from xaydungdang.reviews.choices import DossierStatus, Level, TaskProgress
from xaydungdang.reviews.models import Dossier, Review, ReviewPeriodTally, ReviewTally
from xaydungdang.reviews.tally import tally_differences, tally_rebuild
from xaydungdang.reviews.tests.conftest import rows_by_name
from xaydungdang.reviews.tests.test_self_review import TEXT


def _live_rows(periods, organization) -> dict:
    """The former read: the subtree's member reviews grouped by level, self-review and approval."""
    rows = (
        Review.objects.filter(
            member__isnull=False, period__in=periods, dossier__organization__path__startswith=organization.path
        )
        .order_by()
        .values_list("period_id", "level", "self_assessed", "dossier__status")
        .annotate(n=Count("id"))
    )
    result: dict = {period.pk: {} for period in periods}
    for period_id, level, assessed, status, n in rows:
        key = (level, assessed, status == DossierStatus.APPROVED)
        result[period_id][key] = result[period_id].get(key, 0) + n
    return result


def _live_organizations(period, organization) -> dict:
    """The former read of the organizations' results: their rows in approved dossiers by kind and level."""
    rows = (
        Review.objects.of_organizations()
        .decided()
        .filter(period=period, organization__path__startswith=organization.path)
        .order_by()
        .values_list("organization__kind", "level")
        .annotate(n=Count("id"))
    )
    return {(kind, level): n for kind, level, n in rows}


def _organization_counts(period, organization) -> dict:
    counts: dict = {}
    for kind, level, n in selectors._organization_counts(period, organization):
        counts[(kind, level)] = counts.get((kind, level), 0) + n
    return {key: n for key, n in counts.items() if n}


def _assert_exact(period, tree) -> None:
    assert tally_differences() == []
    for organization in vars(tree).values():
        organization.refresh_from_db()  # a move changes paths
        periods = [*selectors._earlier_periods(period, organization), period]
        assert selectors._member_rows(periods, organization) == _live_rows(periods, organization), organization
        assert _organization_counts(period, organization) == _live_organizations(period, organization), organization


def _rate(dossier, actor, levels: dict) -> None:
    rows = rows_by_name(dossier)
    for name, level in levels.items():
        services.review_update(actor=actor, review=rows[name], chosen_level=level, task_progress=TaskProgress.EXCEEDED)


def test_every_write_of_a_review_keeps_the_tallies_exact(period, users, tree, members):
    cell_1 = services.dossier_open(actor=users.secretary, period=period, organization=tree.cell_1)  # rows added
    services.dossier_open(actor=users.officer, period=period, organization=tree.cell_2)
    services.dossier_open(actor=users.officer, period=period, organization=tree.village_b)
    _assert_exact(period, tree)
    _rate(
        cell_1,
        users.secretary,
        {"Nguyễn Văn Hùng": Level.GOOD, "Trần Thị Lan": Level.GOOD, str(tree.cell_1): Level.GOOD},
    )
    _assert_exact(period, tree)
    self_reviews.self_review_submit(actor=users.member, period=period, member=members.hung, **TEXT)
    _assert_exact(period, tree)
    services.dossier_submit(actor=users.secretary, dossier=cell_1)
    lan = rows_by_name(cell_1)["Trần Thị Lan"]
    services.review_override(actor=users.officer, review=lan, level=Level.COMPLETED, reason="Chưa đạt chỉ tiêu")
    _assert_exact(period, tree)
    services.dossier_return(actor=users.officer, dossier=cell_1, comment="Xem lại")
    MemberFactory(organization=tree.cell_1, full_name="Võ Thị Mai")  # joined since: her row is added
    services.dossier_open(actor=users.secretary, period=period, organization=tree.cell_1)
    _rate(cell_1, users.secretary, {"Võ Thị Mai": Level.GOOD})
    services.review_update(actor=users.secretary, review=rows_by_name(cell_1)["Võ Thị Mai"], self_assessed=True)
    _assert_exact(period, tree)
    services.dossier_submit(actor=users.secretary, dossier=cell_1)
    services.dossier_approve(actor=users.officer, dossier=cell_1)
    _assert_exact(period, tree)
    assert selectors.member_results(period, tree.province).counts == {Level.GOOD: 2, Level.COMPLETED: 1}
    assert [(g.kind, g.counts) for g in selectors.organization_results(period, tree.province)] == [
        ("cell", {Level.GOOD: 1})
    ]


def test_a_moved_subtree_is_counted_where_it_sits_now(period, users, tree, members):
    for cell in (tree.cell_1, tree.cell_2, tree.village_b):
        dossier = services.dossier_open(actor=users.officer, period=period, organization=cell)
        Review.objects.filter(dossier=dossier).update(level=Level.GOOD)  # a set-up shortcut past the services:
    Dossier.objects.filter(period=period).update(status=DossierStatus.APPROVED)
    tally_rebuild([period.pk])  # so the tallies are rebuilt from the rows
    organization_move(actor=users.admin, organization=tree.school, new_parent=tree.commune_b)
    _assert_exact(period, tree)
    assert selectors.member_results(period, tree.commune_b).counts == {Level.GOOD: 4}
    other_root = make_org(None, OrganizationKind.PROVINCIAL, "Đảng bộ tỉnh thử", "P99")
    organization_move(actor=users.admin, organization=tree.commune_a, new_parent=other_root)
    tree.other_root = other_root
    _assert_exact(period, tree)  # the root's period tally, less the dossiers now under another root


def test_a_random_sequence_of_writes_keeps_the_tallies_exact(period, users, tree, members):
    """A seeded walk over the writes (rate, self-review, submit, override, return, approve) on two cells."""
    random = Random(366)
    dossiers = [
        services.dossier_open(actor=users.officer, period=period, organization=cell)
        for cell in (tree.cell_1, tree.cell_2)
    ]
    MemberFactory.create_batch(4, organization=tree.cell_2)
    dossiers[1] = services.dossier_open(actor=users.officer, period=period, organization=tree.cell_2)
    for dossier in dossiers:  # every row rated, so that submissions can pass
        _rate(dossier, users.officer, dict.fromkeys(rows_by_name(dossier), Level.GOOD))
    levels = [Level.GOOD, Level.GOOD, Level.COMPLETED, Level.FAILED, Level.EXCELLENT, ""]
    done: Counter = Counter()
    for _ in range(60):
        dossier = random.choice(dossiers)
        dossier.refresh_from_db()
        rows = list(dossier.reviews.order_by("pk"))
        step = random.choice(["rate", "rate", "assess", "submit", "override", "return", "approve"])
        try:
            if step == "rate":
                services.review_update(
                    actor=users.officer, review=random.choice(rows), chosen_level=random.choice(levels)
                )
            elif step == "assess":
                row = random.choice(rows)
                services.review_update(actor=users.officer, review=row, self_assessed=not row.self_assessed)
            elif step == "submit":
                services.dossier_submit(actor=users.officer, dossier=dossier)
            elif step == "override":
                row = random.choice(rows)
                services.review_override(actor=users.officer, review=row, level=random.choice(levels[:4]), reason="Thử")
            elif step == "return":
                services.dossier_return(actor=users.officer, dossier=dossier, comment="Xem lại")
            else:
                services.dossier_approve(actor=users.officer, dossier=dossier)
            done[step] += 1
        except (ValidationError, OutOfScope):
            pass  # refused writes change nothing (their transaction rolls back, the tallies with it)
        _assert_exact(period, tree)
    assert set(done) == {"rate", "assess", "submit", "override", "return", "approve"}, done


def test_the_command_rebuilds_and_verifies_the_tallies(period, users, tree, members, capsys):
    dossier = services.dossier_open(actor=users.secretary, period=period, organization=tree.cell_1)
    ReviewTally.objects.filter(dossier=dossier).update(count=7)
    ReviewPeriodTally.objects.filter(period=period).delete()
    with pytest.raises(SystemExit):
        call_command("rebuild_review_tally", "--verify")
    assert "chênh lệch" in capsys.readouterr().out
    call_command("rebuild_review_tally")
    assert tally_differences() == []
    call_command("rebuild_review_tally", "--verify")
    assert "khớp" in capsys.readouterr().out


def test_deleting_a_period_takes_its_tallies(period, users, tree, members):
    services.dossier_open(actor=users.secretary, period=period, organization=tree.cell_1)
    assert ReviewTally.objects.filter(period=period).exists()
    period.delete()
    assert not ReviewTally.objects.exists() and not ReviewPeriodTally.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the benchmark's set-based builder is PostgreSQL SQL")
def test_the_benchmark_builder_fills_the_tallies(users, tree, members):
    written = build_reviews([2023], tree.province.pk)
    assert written["tallies"] > 0
    assert tally_differences() == []
    assert ReviewPeriodTally.objects.filter(approved=True).exists()

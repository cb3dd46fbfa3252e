"""Reads of the review: scoped lists, the live checks of a dossier, results and rates."""

from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy
from treebeard.exceptions import PathOverflow

from xaydungdang.organizations.models import Organization
from xaydungdang.reviews import rules
from xaydungdang.reviews.choices import LEVELS_BEST_FIRST, DossierStatus, Level, PeriodKind
from xaydungdang.reviews.models import Dossier, Review, ReviewPeriod, ReviewPeriodTally, ReviewTally
from xaydungdang.reviews.querysets import approved_dossier, under_any
from xaydungdang.reviews.subjects import facts_for


def periods_visible_to(user):
    return ReviewPeriod.objects.visible_to(user).select_related("organization")


def grid_rows(dossier: Dossier, user):
    """The dossier's rows the user may see: members first (by name), then the organization's own row."""
    return (
        Review.objects.visible_to(user)
        .filter(dossier=dossier)
        .select_related("member", "organization", "period")
        .order_by("organization_id", "member__sort_name", "id")
    )


# --- live checks --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Violation:
    review_id: int | None
    message: str


def review_errors(review: Review, params: rules.Params | None = None) -> list[str]:
    params = params if params is not None else rules.Params.on(review.period.ends_on)
    proposal = rules.propose(facts_for(review), params=params)
    errors = rules.level_errors(
        name=review.subject_name,
        chosen=review.chosen_level or None,
        proposal=proposal,
        score=review.score,
        params=params,
    )
    return [str(m) for m in errors]


@dataclass(frozen=True)
class QuotaState:
    group: object  # organizations.Organization
    quota: rules.Quota
    excellent_names: tuple[str, ...]
    outstanding_unit: bool

    @property
    def message(self) -> str:
        return str(rules.quota_message(self.quota, group=str(self.group), names=list(self.excellent_names)))


OTHER_ORGANIZATIONS = gettext_lazy("%(count)s đảng viên ở các tổ chức khác")


def _quota_rows_loaded(dossier: Dossier, group, rows) -> bool:
    """The rows already loaded are the whole group when the group is the dossier's own organization and
    has no organization below it (a chi bộ cơ sở, or the 'dossier' scope on a cell)."""
    return rows is not None and group.pk == dossier.organization_id and not group.numchild


def quota_state(
    dossier: Dossier, params: rules.Params | None = None, *, rows: list | None = None, ancestors: list | None = None
) -> QuotaState:
    """The excellent quota of the dossier's group, counting every member row of the group in the period.

    From the dossier's `rows` when they are the whole group (no query), otherwise in one query over the
    group's excellent and good rows and the group's own row, whatever the number of members.
    """
    params = params if params is not None else rules.Params.on(dossier.period.ends_on)
    group = rules.quota_organization(dossier.organization, params, ancestors)
    if _quota_rows_loaded(dossier, group, rows):
        found = [
            (
                row.organization_id,
                row.level,
                row.member.full_name if row.member_id else "",
                row.member.sort_name if row.member_id else "",
                dossier.pk,
            )
            for row in rows
            if row.organization_id == group.pk or row.level in (Level.EXCELLENT, Level.GOOD)
        ]
        found.sort(key=lambda item: item[3])
    else:
        found = list(
            Review.objects.filter(period_id=dossier.period_id)
            .filter(
                Q(
                    member__isnull=False,
                    level__in=(Level.EXCELLENT, Level.GOOD),
                    dossier__organization__path__startswith=group.path,
                )
                | Q(organization=group)
            )
            .order_by("member__sort_name")
            .values_list("organization_id", "level", "member__full_name", "member__sort_name", "dossier_id")
        )
    counts = Counter(level for org_id, level, *_ in found if org_id is None)
    excellent = [
        (name, dossier_id)
        for org_id, level, name, _, dossier_id in found
        if org_id is None and level == Level.EXCELLENT
    ]
    # Members of other organizations in the group are counted, not named: they may be outside the user's scope.
    names = tuple(name for name, dossier_id in excellent if dossier_id == dossier.pk)
    others = len(excellent) - len(names)
    if others:
        names = (*names, OTHER_ORGANIZATIONS % {"count": others})
    outstanding = any(org_id == group.pk and level == Level.EXCELLENT for org_id, level, *_ in found)
    quota = rules.excellent_quota(
        excellent=counts[Level.EXCELLENT],
        good=counts[Level.GOOD],
        outstanding_unit=outstanding,
        params=params,
    )
    return QuotaState(group=group, quota=quota, excellent_names=names, outstanding_unit=outstanding)


def quota_violations(dossier: Dossier, params: rules.Params | None = None) -> list[Violation]:
    state = quota_state(dossier, params)
    return [] if state.quota.ok else [Violation(None, state.message)]


@dataclass(frozen=True)
class DossierChecks:
    violations: list[Violation]
    quota: QuotaState


def dossier_checks(
    dossier: Dossier, rows: list | None = None, *, params: rules.Params | None = None, ancestors: list | None = None
) -> DossierChecks:
    """Every broken rule of the dossier (naming the member or organization and the rule) and its quota.

    `rows` are the dossier's rows when the caller has loaded them (with member and organization), so the
    page that shows them checks them without reading them again.
    """
    params = params if params is not None else rules.Params.on(dossier.period.ends_on)
    if rows is None:
        rows = list(Review.objects.filter(dossier=dossier).select_related("member", "organization"))
    violations = [Violation(row.pk, message) for row in rows for message in review_errors(row, params)]
    quota = quota_state(dossier, params, rows=rows, ancestors=ancestors)
    if not quota.quota.ok:
        violations.append(Violation(None, quota.message))
    return DossierChecks(violations=violations, quota=quota)


def dossier_violations(dossier: Dossier) -> list[Violation]:
    return dossier_checks(dossier).violations


def sub_dossiers(organization, period, ancestors: list | None = None, *, user):
    """Dossiers of the organizations directly below that the user may see, and which of them this
    organization decides. Two queries whatever the number of children."""
    children = list(
        Organization.objects.visible_to(user)
        .filter(path__startswith=organization.path, depth=organization.depth + 1)
        .order_by("code")
    )
    if not children:
        return []
    above = [*(rules.ancestors_of(organization) if ancestors is None else ancestors), organization]
    by_org = {d.organization_id: d for d in Dossier.objects.filter(period=period, organization__in=children)}
    return [
        (child, by_org.get(child.pk), rules.approving_organization(child, above) == organization) for child in children
    ]


# --- results -------------------------------------------------------------------------------------------
def rate(part: int, whole: int) -> Decimal | None:
    """A percentage with two decimals, rounded half up (15,38%); None when there is nothing to divide."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class LevelCounts:
    label: str
    counts: dict
    not_rated: int = 0
    self_assessed: int = 0
    listed: int = 0
    kind: str = ""  # the organizations' kind (GRASSROOTS for the combined row), "" for members

    @property
    def rated(self) -> int:
        return sum(self.counts.get(level, 0) for level in LEVELS_BEST_FIRST)

    def rows(self):
        return [
            (str(Level(level).label), self.counts.get(level, 0), rate(self.counts.get(level, 0), self.rated))
            for level in LEVELS_BEST_FIRST
        ]

    @property
    def self_review_rate(self):
        return rate(self.self_assessed, self.listed)

    @property
    def good_or_better(self) -> int:
        """ "Hoàn thành tốt nhiệm vụ trở lên": excellent and good together, as the committees publish it."""
        return self.counts.get(Level.EXCELLENT, 0) + self.counts.get(Level.GOOD, 0)

    @property
    def good_or_better_rate(self):
        return rate(self.good_or_better, self.rated)

    def summary_rows(self):
        """The levels' rows and then the published rate of "good or better"."""
        return [*self.rows(), (str(GOOD_OR_BETTER), self.good_or_better, self.good_or_better_rate)]


GOOD_OR_BETTER = gettext_lazy("Hoàn thành tốt nhiệm vụ trở lên")
GRASSROOTS_KIND = "grassroots"
GRASSROOTS = gettext_lazy("Tổ chức cơ sở đảng (đảng bộ cơ sở và chi bộ cơ sở)")


def _counts(queryset) -> dict:
    return {row["level"]: row["n"] for row in queryset.values("level").annotate(n=Count("id"))}


def member_results(period: ReviewPeriod, organization) -> LevelCounts:
    """Members of the subtree: levels of approved dossiers; self-review over every listed member."""
    return member_results_and_comparison(period, organization)[0]


def _member_rows(periods: list[ReviewPeriod], organization) -> dict[int, dict]:
    """{period id: {(level, self_assessed, approved): n}} of the subtree's member reviews (reviews.tally).

    A root of the tree reads the periods' own tallies (a few rows each, whatever the size), less what
    dossiers moved under another root hold; any other subtree sums the per-dossier tally over its dossiers,
    joined to their status and today's tree. Grouped queries only, no ordering (no join the Meta orderings add).
    """
    result: dict[int, dict] = {period.pk: {} for period in periods}
    if organization.depth == 1:  # a root of the tree
        rows = ReviewPeriodTally.objects.filter(period__in=periods, organization_kind="").values_list(
            "period_id", "level", "self_assessed", "approved", "count"
        )
        _add_rows(result, rows.order_by())
        if others := _other_roots(organization):
            moved = ReviewTally.objects.filter(under_any(others, "dossier__organization__path"), period__in=periods)
            _add_rows(result, _dossier_sums(moved), sign=-1)
        return result
    tallies = ReviewTally.objects.filter(period__in=periods, dossier__organization__path__startswith=organization.path)
    _add_rows(result, _dossier_sums(tallies))
    return result


def _other_roots(root) -> list[str]:
    """The paths of the tree's other roots, read from the path index: they sort before `root` or after all
    of its subtree (treebeard's order), so a tree with one root reads two empty ranges."""
    try:
        after = Q(path__gte=root._inc_path())
    except PathOverflow:
        after = Q(pk__in=[])
    return list(Organization.objects.filter(Q(path__lt=root.path) | after, depth=1).values_list("path", flat=True))


def _dossier_sums(tallies):
    return (
        tallies.order_by()
        .annotate(approved=approved_dossier())
        .values_list("period_id", "level", "self_assessed", "approved")
        .annotate(n=Sum("count"))
    )


def _add_rows(result: dict, rows, sign: int = 1) -> None:
    for period_id, level, assessed, approved, n in rows:
        key = (level, assessed, bool(approved))
        total = result[period_id].get(key, 0) + sign * n
        if total:
            result[period_id][key] = total
        else:
            result[period_id].pop(key, None)


def _decided_levels(rows: dict) -> dict:
    counts: dict[str, int] = {}
    for (level, _assessed, approved), n in rows.items():
        if approved:
            counts[level] = counts.get(level, 0) + n
    return counts


def member_results_and_comparison(period: ReviewPeriod, organization) -> tuple[LevelCounts, list[LevelCounts]]:
    """member_results and comparison together, from the tallies of the periods compared (_member_rows)."""
    periods = [*_earlier_periods(period, organization), period]
    rows = _member_rows(periods, organization)
    mine = rows[period.pk]
    counts = _decided_levels(mine)
    members = LevelCounts(
        label=str(period),
        counts=counts,
        not_rated=counts.get("", 0),
        self_assessed=sum(n for (_level, assessed, _approved), n in mine.items() if assessed),
        listed=sum(mine.values()),
    )
    return members, [LevelCounts(label=_short_label(p), counts=_decided_levels(rows[p.pk])) for p in periods]


def organization_results(period: ReviewPeriod, organization) -> list[LevelCounts]:
    """Organizations of the subtree by kind (approved dossiers only), highest level of the tree first."""
    from xaydungdang.organizations.choices import OrganizationKind

    by_kind: dict[str, dict] = {}
    for kind, level, n in _organization_counts(period, organization):
        levels = by_kind.setdefault(kind, {})
        levels[level] = levels.get(level, 0) + n
    by_kind = {kind: {lv: n for lv, n in levels.items() if n} for kind, levels in by_kind.items()}
    by_kind = {kind: levels for kind, levels in by_kind.items() if levels}
    groups = []
    grassroots_kinds = (OrganizationKind.GRASSROOTS_COMMITTEE, OrganizationKind.GRASSROOTS_CELL)
    for kind, label in OrganizationKind.choices:
        if kind == OrganizationKind.GRASSROOTS_COMMITTEE and any(k in by_kind for k in grassroots_kinds):
            combined: dict = {}
            for grassroots in grassroots_kinds:
                for level, n in by_kind.get(grassroots, {}).items():
                    combined[level] = combined.get(level, 0) + n
            groups.append(
                LevelCounts(label=str(GRASSROOTS), counts=combined, not_rated=combined.get("", 0), kind=GRASSROOTS_KIND)
            )
        if kind in by_kind:
            groups.append(
                LevelCounts(label=str(label), counts=by_kind[kind], not_rated=by_kind[kind].get("", 0), kind=kind)
            )
    return groups


def _organization_counts(period: ReviewPeriod, organization) -> list[tuple[str, str, int]]:
    """(kind, level, n) of the subtree's organizations rated in approved dossiers: a root reads the period's
    tally, less the organizations now under another root; any other subtree counts their rows."""
    decided = Review.objects.of_organizations().decided().filter(period=period).order_by()
    if organization.depth == 1:  # a root of the tree
        rows = list(
            ReviewPeriodTally.objects.filter(period=period, approved=True)
            .exclude(organization_kind="")
            .values_list("organization_kind", "level", "count")
        )
        if others := _other_roots(organization):
            moved = decided.filter(under_any(others, "organization__path"))
            moved = moved.values_list("organization__kind", "level").annotate(n=Count("id"))
            rows += [(kind, level, -n) for kind, level, n in moved]
        return rows
    subtree = decided.filter(organization__path__startswith=organization.path)
    return list(subtree.values_list("organization__kind", "level").annotate(n=Count("id")))


def pending_dossiers(period: ReviewPeriod, organization) -> int:
    return (
        Dossier.objects.filter(period=period, organization__path__startswith=organization.path)
        .exclude(status=DossierStatus.APPROVED)
        .count()
    )


def _earlier_periods(period: ReviewPeriod, organization) -> list[ReviewPeriod]:
    """Up to four periods of the same kind before this one that covered the organization, oldest first."""
    earlier = list(
        ReviewPeriod.objects.covering(organization)
        .filter(kind=period.kind, year__lte=period.year)
        .exclude(pk=period.pk)
        .filter(Q(year__lt=period.year) | Q(quarter__lt=period.quarter or 0))
        .order_by("-year", "-quarter")[:4]
    )
    earlier.reverse()
    return earlier


def comparison(period: ReviewPeriod, organization) -> list[LevelCounts]:
    """The same kind of period in earlier years (periods that covered the organization), oldest first."""
    return member_results_and_comparison(period, organization)[1]


def _short_label(period: ReviewPeriod) -> str:
    if period.kind == PeriodKind.QUARTER:
        return f"Q{period.quarter}/{period.year}"
    if period.kind == PeriodKind.TERM:
        return period.term_label
    return str(period.year)


def failed_two_years(period: ReviewPeriod, organization):
    """Members rated "không hoàn thành nhiệm vụ" in this year and the year before (a screening signal:
    grounds for xóa tên, QĐ 24 §8.1; rules.md §2.8)."""
    if period.kind != PeriodKind.YEAR:
        return Review.objects.none()
    failed = Review.objects.filter(level=Level.FAILED, member__isnull=False)  # index review_failed_member
    failed_before = failed.filter(period__kind=PeriodKind.YEAR, period__year=period.year - 1).values("member_id")
    # The rows found first from the failed members' index alone, then read with their joins: the planner
    # otherwise walks the whole period by its own index and filters the failed out of it.
    twice = failed.filter(period=period, member_id__in=failed_before).values("pk")
    return (
        Review.objects.filter(pk__in=twice)
        .in_subtree(organization)
        .select_related("member", "dossier__organization")
        .order_by("member__sort_name")
    )


def member_reviews(member, user):
    """A member's review results over the years, newest first; `final` when the dossier was approved or the
    period locked (before that the level may still change)."""
    rows = (
        Review.objects.visible_to(user)
        .filter(member=member)
        .select_related("period", "dossier")
        .order_by("-period__year", "-period__ends_on", "-id")
    )
    rows = list(rows)
    for row in rows:
        row.final = row.period.is_locked or row.dossier.is_approved
    return rows

"""Who is reviewed in a dossier, and the facts each rating depends on (read from the member registry)."""

import datetime as dt

from xaydungdang.core.dates import today
from xaydungdang.members.choices import EventKind
from xaydungdang.members.models import MembershipEvent, MembershipPeriod
from xaydungdang.reviews import rules
from xaydungdang.reviews.models import Dossier, Review, SelfReview


def roll_day(period) -> dt.date:
    """The day whose membership the dossier lists: the end of the period, or today while it runs."""
    return min(period.ends_on, today())


def discipline_notes(member_ids, period) -> dict[int, str]:
    """Members whose discipline caps the rating of `period`, with what and when ("Khiển trách 12/05/2025").

    A discipline counts once (rules.discipline_counts): one already inside an earlier period of the same kind
    in which the member was reviewed is left out. Two queries at most, whatever the number of members.
    """
    from xaydungdang.members.lifecycle.choices import DisciplineForm

    events = list(
        MembershipEvent.objects.filter(
            member_id__in=member_ids,
            kind=EventKind.DISCIPLINED,
            effective_date__range=(period.starts_on, period.ends_on),
        )
        .order_by("effective_date", "id")
        .values_list("member_id", "data", "effective_date")
    )
    if not events:
        return {}
    counted: dict[int, list[tuple[dt.date, dt.date]]] = {}
    earlier = Review.objects.filter(
        member_id__in={member_id for member_id, _, _ in events},
        period__kind=period.kind,
        period__ends_on__lt=period.ends_on,
        period__ends_on__gte=period.starts_on,  # only earlier periods overlapping this one can hold its dates
    ).values_list("member_id", "period__starts_on", "period__ends_on")
    for member_id, start, end in earlier:
        counted.setdefault(member_id, []).append((start, end))
    labels = dict(DisciplineForm.choices)
    window = (period.starts_on, period.ends_on)
    notes: dict[int, list[str]] = {}
    for member_id, data, day in events:
        if rules.discipline_counts(day, window=window, counted=counted.get(member_id, [])):
            form = (data or {}).get("form", "")
            notes.setdefault(member_id, []).append(f"{labels.get(form, form)} {day:%d/%m/%Y}".strip())
    return {member_id: "; ".join(items) for member_id, items in notes.items()}


def _unlisted(dossier: Dossier):
    """Memberships of the dossier's organization on the roll day whose member has no row in the period."""
    period = dossier.period
    return MembershipPeriod.objects.of(dossier.organization, on=roll_day(period), subtree=False).exclude(
        member__reviews__period=period
    )


def unlisted_count(dossier: Dossier) -> int:
    """How many members of the organization the dossier still lacks (joined since it was opened)."""
    return _unlisted(dossier).count()


def member_rows(dossier: Dossier, params: rules.Params | None = None) -> list[Review]:
    """Unsaved rows for members of the dossier's organization on the roll day who have no row in the period."""
    period = dossier.period
    memberships = list(_unlisted(dossier).select_related("member"))
    if not memberships:
        return []
    params = rules.Params.on(period.ends_on) if params is None else params
    notes = discipline_notes([m.member_id for m in memberships], period)
    assessed = set(
        SelfReview.objects.filter(period=period, member_id__in=[m.member_id for m in memberships])
        .exclude(submitted_at=None)
        .values_list("member_id", flat=True)
    )
    rows = []
    for membership in memberships:
        member = membership.member
        rows.append(
            Review(
                period=period,
                dossier=dossier,
                member=member,
                not_rated=rules.member_not_rated(
                    admission_date=member.admission_date,
                    is_exempted=membership.is_exempted,
                    start=period.starts_on,
                    end=period.ends_on,
                    params=params,
                ),
                disciplined=member.pk in notes,
                discipline_note=notes.get(member.pk, ""),
                self_assessed=member.pk in assessed,
            )
        )
    return rows


def organization_row(dossier: Dossier) -> list[Review]:
    """The organization's own rating (self-rated, decided by the level above), unless it already exists."""
    period, organization = dossier.period, dossier.organization
    if Review.objects.filter(period=period, organization=organization).exists():
        return []
    not_rated = rules.organization_not_rated(
        founded_on=organization.founded_on, start=period.starts_on, end=period.ends_on
    )
    return [Review(period=period, dossier=dossier, organization=organization, not_rated=not_rated)]


def facts_for(review: Review) -> rules.Facts:
    return rules.Facts(
        subject=review.subject,
        score=review.score,
        task_progress=review.task_progress,
        serious_violation=review.serious_violation,
        disciplined=review.disciplined,
        discipline_note=review.discipline_note,
        sick_leave_months=review.sick_leave_months or 0,
        shortcomings_fixed=review.shortcomings_fixed,
        unit_disciplined=review.unit_disciplined,
        not_rated=review.not_rated,
    )

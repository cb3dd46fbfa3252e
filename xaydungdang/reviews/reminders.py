"""Review deadline reminders, a daily django-q2 job (Schedule made by migration 0006): a week before each
submission deadline the secretaries of the organizations whose dossier is not submitted yet are reminded,
and members with an account who have not written their self-review. Keys make each reminder once."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from xaydungdang.access.choices import Role
from xaydungdang.access.policy import office_holders
from xaydungdang.members.choices import ACTIVE_STATUSES
from xaydungdang.members.models import Member
from xaydungdang.notifications.services import notify
from xaydungdang.organizations.models import Organization
from xaydungdang.reviews import self_reviews
from xaydungdang.reviews.choices import DossierStatus
from xaydungdang.reviews.models import Dossier, ReviewPeriod, SelfReview

REMIND_DAYS = 7
KIND = "review.deadline"
SELF_KIND = "review.self_review"


def _window(due: dt.date, on: dt.date) -> bool:
    return 0 <= (due - on).days <= REMIND_DAYS


def send_deadline_reminders(on: dt.date | None = None) -> int:
    day = on or timezone.localdate()
    sent = 0
    for period in (
        ReviewPeriod.objects.filter(is_locked=False).select_related("organization").prefetch_related("deadlines")
    ):
        sent += _dossier_reminders(period, day) + _self_review_reminders(period, day)
    return sent


def _dossier_reminders(period: ReviewPeriod, day: dt.date) -> int:
    sent = 0
    done = set(
        Dossier.objects.filter(period=period, status__in=(DossierStatus.SUBMITTED, DossierStatus.APPROVED)).values_list(
            "organization_id", flat=True
        )
    )
    for deadline in period.deadlines.all():
        if not _window(deadline.due_on, day):
            continue
        organizations = Organization.objects.filter(
            path__startswith=period.organization.path, kind=deadline.organization_kind, dissolved_on__isnull=True
        ).exclude(pk__in=done)
        for organization in organizations.order_by("path"):
            created = notify(
                recipients=office_holders(organization, roles=(Role.SECRETARY,)),
                kind=KIND,
                title=_("Hạn trình hồ sơ đánh giá %(org)s: %(day)s")
                % {"org": organization.name, "day": f"{deadline.due_on:%d/%m/%Y}"},
                body=str(period),
                url=reverse("reviews:dossier", kwargs={"period_pk": period.pk, "org_pk": organization.pk}),
                key=f"review-deadline:{period.pk}:{organization.pk}:{deadline.due_on.isoformat()}",
            )
            sent += len(created)
    return sent


def _self_review_reminders(period: ReviewPeriod, day: dt.date) -> int:
    sent = 0
    written = SelfReview.objects.filter(period=period).values("member_id")
    members = (
        Member.objects.filter(
            user__isnull=False,
            user__is_active=True,
            status__in=ACTIVE_STATUSES,
            organization__path__startswith=period.organization.path,
        )
        .exclude(pk__in=written)
        .select_related("organization", "user")
    )
    for member in members:
        due = self_reviews.deadline(period, member.organization)
        if not _window(due, day):
            continue
        created = notify(
            recipients=[member.user],
            kind=SELF_KIND,
            title=_("Hạn nộp bản tự kiểm điểm: %(day)s") % {"day": f"{due:%d/%m/%Y}"},
            body=str(period),
            url=reverse("reviews:self_review", args=[period.pk]),
            key=f"self-review:{period.pk}:{member.pk}",
        )
        sent += len(created)
    return sent

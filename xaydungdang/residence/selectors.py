"""Reads of the residence liaison. Every read is scoped: the workplace side by `visible_to(user)`, the residence
side by the policy's narrow grant (`residence_received`)."""

from django.db.models import QuerySet

from xaydungdang.access.policy import policy_for
from xaydungdang.residence.models import Comment, Introduction


def introductions_visible_to(user) -> QuerySet:
    """The workplace side: introductions of members in the user's scope."""
    return Introduction.objects.visible_to(user).select_related("member", "workplace", "residence_organization")


def received_by(user) -> QuerySet:
    """The residence side: introductions addressed to a cell the user may change, current ones only."""
    return (
        policy_for(user)
        .residence_received(Introduction.objects.filter(ended_on__isnull=True))
        .select_related("member", "workplace", "residence_organization")
        .order_by("residence_organization__path", "member__sort_name", "pk")
    )


def for_user(user, pk: int) -> tuple[Introduction, bool] | None:
    """The introduction and whether the user sees its workplace side (False: only what the residence cell
    needs); None when neither side reaches it."""
    introduction = (
        Introduction.objects.select_related("member__organization", "workplace", "residence_organization")
        .filter(pk=pk)
        .first()
    )
    if introduction is None:
        return None
    policy = policy_for(user)
    if policy.sees_residence_workplace_side(introduction):
        return introduction, True
    if policy.can_comment_on_residence(introduction):
        return introduction, False
    return None


def grid_marks(member_ids, year: int) -> dict[int, dict]:
    """For the workplace cell's review grid: member id → {"comment": Comment | None, "exempted": label}, for
    members who have a current introduction (or one that covered `year`). Two queries."""
    introductions = (
        Introduction.objects.filter(member_id__in=list(member_ids), letter_date__year__lte=year)
        .exclude(ended_on__year__lt=year)
        .select_related("residence_organization")
        .order_by("member_id", "-letter_date")
    )
    marks: dict[int, dict] = {}
    by_intro: dict[int, int] = {}
    for introduction in introductions:
        if introduction.member_id in marks:
            continue
        marks[introduction.member_id] = {
            "introduction": introduction,
            "comment": None,
            "exempted": introduction.get_exemption_display() if introduction.exemption else "",
        }
        by_intro[introduction.pk] = introduction.member_id
    for comment in Comment.objects.filter(introduction_id__in=list(by_intro), year=year):
        marks[by_intro[comment.introduction_id]]["comment"] = comment
    return marks

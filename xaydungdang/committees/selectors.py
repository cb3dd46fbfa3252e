"""Reads: the committee of an organization on a date, the posts of a member, vacancies, the structure table."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet

from xaydungdang.committees import rules
from xaydungdang.committees.choices import ObtainedBy
from xaydungdang.committees.models import Holding, PostKind, Term
from xaydungdang.core import parameters
from xaydungdang.members.choices import Gender, Qualification, TheoryLevel
from xaydungdang.members.ethnicities import KINH


def terms_of(organization, user) -> QuerySet:
    return Term.objects.visible_to(user).filter(organization=organization).order_by("-starts_on")


def committee_on(organization, day: dt.date, user) -> QuerySet:
    """The posts held in the organization's committee on `day`, senior first."""
    return (
        Holding.objects.visible_to(user)
        .filter(term__organization=organization)
        .on(day)
        .select_related("member", "post_kind", "term")
        .order_by("-post_kind__rank", "post_kind__order", "member__sort_name", "id")
    )


def posts_of(member, user, day: dt.date | None = None) -> QuerySet:
    """A member's posts: all of them, or those held on `day`."""
    rows = (
        Holding.objects.visible_to(user)
        .filter(member=member)
        .select_related("post_kind", "term__organization")
        .order_by("-started_on", "id")
    )
    return rows.on(day) if day else rows


@dataclass
class Vacancy:
    post_kind: PostKind
    seats: int
    held: int

    @property
    def vacant(self) -> int:
        return max(self.seats - self.held, 0)


def vacancies(term: Term, day: dt.date) -> list[Vacancy]:
    """Per kind of post with seats in the term: seats, held on `day`, and vacant."""
    held: dict[int, int] = {}
    for post_kind_id in Holding.objects.filter(term=term).on(day).values_list("post_kind_id", flat=True):
        held[post_kind_id] = held.get(post_kind_id, 0) + 1
    return [
        Vacancy(seat.post_kind, seat.seats, held.get(seat.post_kind_id, 0))
        for seat in term.seats.select_related("post_kind").order_by("post_kind__order")
    ]


def term_on(organization, day: dt.date) -> Term | None:
    return next(
        (t for t in Term.objects.filter(organization=organization).order_by("-starts_on") if t.covers(day)), None
    )


# --- the committee-structure table ----------------------------------------------------------------------
HIGHER_EDUCATION = frozenset({Qualification.BACHELOR, Qualification.MASTER, Qualification.DOCTOR})
POSTGRADUATE = frozenset({Qualification.MASTER, Qualification.DOCTOR})
ADVANCED_THEORY = frozenset({TheoryLevel.ADVANCED, TheoryLevel.BACHELOR})


@dataclass
class StructureRow:
    """One kind of post across a subtree on a day: how many hold it and their make-up."""

    post_kind: PostKind
    count: int = 0
    women: int = 0
    bands: list[int] = field(default_factory=lambda: [0, 0, 0])
    minority: int = 0
    higher_education: int = 0
    postgraduate: int = 0
    advanced_theory: int = 0
    reelected: int = 0

    def add(self, holding: Holding, day: dt.date, reelected: bool) -> None:
        member = holding.member
        self.count += 1
        self.women += member.gender == Gender.FEMALE
        self.bands[rules.age_band(rules.age_on(member.birth_date, day), on=day)] += 1
        self.minority += member.ethnicity != KINH
        self.higher_education += member.qualification in HIGHER_EDUCATION
        self.postgraduate += member.qualification in POSTGRADUATE
        self.advanced_theory += member.theory_level in ADVANCED_THEORY
        self.reelected += reelected


def structure(organization, day: dt.date, user) -> list[StructureRow]:
    """The committee structure of the subtree on `day`, by kind of post (a person with two posts counts in
    each). Re-elected: the member held a post in an earlier term of the same organization."""
    holdings = list(
        Holding.objects.visible_to(user)
        .filter(term__organization__path__startswith=organization.path)
        .on(day)
        .select_related("member", "post_kind", "term")
    )
    earlier = set(
        Holding.objects.filter(
            term__organization__path__startswith=organization.path, member__in={h.member_id for h in holdings}
        ).values_list("member_id", "term__organization_id", "term__starts_on")
    )
    rows: dict[int, StructureRow] = {}
    with parameters.cached():  # the age bands are read once, not once per person
        for holding in holdings:
            _add(rows, holding, earlier, day)
    return sorted(rows.values(), key=lambda row: (-row.post_kind.rank, row.post_kind.order))


def _add(rows: dict, holding: Holding, earlier: set, day: dt.date) -> None:
    row = rows.setdefault(holding.post_kind_id, StructureRow(holding.post_kind))
    reelected = holding.obtained_by != ObtainedBy.CARRIED_OVER and any(
        member_id == holding.member_id and org_id == holding.term.organization_id and start < holding.term.starts_on
        for member_id, org_id, start in earlier
    )
    row.add(holding, day, reelected)


# --- who signs a document -------------------------------------------------------------------------------
SIGNING_POSTS = ("bi-thu", "pho-bi-thu")


def signer_on(organization, day: dt.date):
    """The secretary holding office on `day`, else a deputy (the signature block of a document, HD 36)."""
    from xaydungdang.core.docx import Signer

    holdings = (
        Holding.objects.filter(term__organization=organization, post_kind__code__in=SIGNING_POSTS)
        .on(day)
        .select_related("member", "post_kind")
    )
    chosen = min(holdings, key=lambda h: (SIGNING_POSTS.index(h.post_kind.code), h.started_on, h.id), default=None)
    if chosen is None:
        return None
    post = "BÍ THƯ" if chosen.post_kind.code == "bi-thu" else "PHÓ BÍ THƯ"
    return Signer(post, chosen.member.full_name)

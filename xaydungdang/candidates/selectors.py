"""Reads of the admission pipeline: the candidates of a subtree that the user may see."""

from django.db.models import QuerySet

from xaydungdang.candidates.models import Candidate


def candidates_of(organization, user) -> QuerySet:
    return (
        Candidate.objects.visible_to(user)
        .filter(organization__path__startswith=organization.path)
        .select_related("organization")
        .order_by("organization__path", "full_name", "id")
    )

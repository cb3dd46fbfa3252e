"""The one owner of the rollups' version: each writer of rollup rows bumps it, readers cache under it.

A token per rollup organization (RollupVersion), replaced by a new random one in the writer's
transaction: a reader that saw the old token read the old rows or the new ones (cached under a token
that is then dead), one that sees the new token reads the new rows. Random rather than counted, so a
rolled-back transaction or a restored backup never brings back a token whose figures were cached.
"""

import secrets

from django.core.cache import cache

from xaydungdang.organizations.models import Organization
from xaydungdang.reports.models import RollupVersion


def _token() -> int:
    return secrets.randbits(63)


def bump(organization_ids) -> None:
    """New tokens for these organizations (their rollup rows were just written)."""
    rows = [RollupVersion(organization_id=pk, token=_token()) for pk in sorted(set(organization_ids))]
    RollupVersion.objects.bulk_create(
        rows, batch_size=1000, update_conflicts=True, unique_fields=["organization"], update_fields=["token"]
    )


def bump_all() -> None:
    """New tokens for every rollup organization (a rebuild or a bulk write rewrote rows anywhere)."""
    from xaydungdang.reports.rollups.store import ROLLUP_KINDS  # store imports this module

    bump(Organization.objects.filter(kind__in=ROLLUP_KINDS).values_list("pk", flat=True))


def token_of(organization_id: int) -> int | None:
    """The organization's current token; None when it has none (then nothing is cached)."""
    return RollupVersion.objects.filter(organization_id=organization_id).values_list("token", flat=True).first()


CACHE_SECONDS = 24 * 3600  # a token dies on any write: the timeout only frees the memory of dead ones


def cached(token: int | None, key: tuple, compute):
    """compute(), cached under the rollup token (computed afresh when there is none)."""
    if token is None:
        return compute()
    name = "rollup:" + ":".join(str(part) for part in (*key, token))
    value = cache.get(name)
    if value is None:
        value = compute()
        cache.set(name, value, CACHE_SECONDS)
    return value

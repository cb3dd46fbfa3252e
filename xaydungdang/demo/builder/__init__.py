"""Builds a demo or benchmark dataset: a planned tree of organizations, then members cell by cell.

Everything is drawn from seeded random streams (`<seed>-tree`, `-people`, `-names`, `-lives`), so the
same seed, size and day give the same rows. Rows go to the database in bulk (see writer.py); call
`build()` inside a transaction.
"""

import datetime as dt
import string
import time
from dataclasses import dataclass

from django.utils import timezone
from vietnam_provinces import Province

from xaydungdang.core.text import fold
from xaydungdang.demo.builder import people
from xaydungdang.demo.builder.plan import Node, number, organization_row
from xaydungdang.demo.builder.population import (
    EVENT_COLUMNS,
    MEMBER_COLUMNS,
    PERIOD_COLUMNS,
    Cell,
    Population,
    ProvinceNumbers,
)
from xaydungdang.demo.builder.writer import Sink, Table, secondary_indexes_dropped
from xaydungdang.members.models import Member, MembershipEvent, MembershipPeriod, MemberWord
from xaydungdang.members.words import WORD_COLUMNS, word_rows
from xaydungdang.organizations.choices import OrganizationKind as K
from xaydungdang.organizations.choices import Sector
from xaydungdang.organizations.models import Organization

ORGANIZATION_COLUMNS = tuple(organization_row(Node("", "", K.CELL, Sector.OTHER)))


@dataclass
class BuildResult:
    root: Node
    organizations: int
    members: int
    events: int
    periods: int
    seconds: float


def allocate(total: int, weights: list[float]) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainders), so the counts add up exactly."""
    whole = sum(weights)
    exact = [total * weight / whole for weight in weights]
    counts = [int(value) for value in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (counts[i] - exact[i], i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _suffix(place: str, used: set[str]) -> str:
    """The province's letters in record numbers: initials (Cần Thơ → CT), made unique, at most 3 letters."""
    words = fold(place).upper().split()
    initials = "".join(word[0] for word in words)[:3]
    candidates = [
        initials,
        initials[:2] + words[-1][1:2],
        *(initials[:2] + letter for letter in string.ascii_uppercase),
    ]
    suffix = next(candidate for candidate in candidates if candidate not in used)
    used.add(suffix)
    return suffix


def _cells(nodes: list[Node]) -> list[Cell]:
    """Each member-holding node with who admits its members, where they live and its province's numbers."""
    provinces: dict[int, ProvinceNumbers] = {}
    used: set[str] = set()
    cells = []
    for node in nodes:
        if node.kind == K.PROVINCIAL:
            place = node.name.removeprefix("Đảng bộ ")
            hometowns = [
                f"{child.name.removeprefix('Đảng bộ ')}, {place}"
                for child in node.children
                if child.sector == Sector.TERRITORIAL
            ] or [place]
            short = place.removeprefix("thành phố ").removeprefix("tỉnh ")
            provinces[node.id] = ProvinceNumbers(node.code, _suffix(short, used), hometowns)
        if not node.holds_members:
            continue
        province = commune = authority = None
        ancestor = node.parent
        while ancestor:
            if ancestor.kind == K.UPPER_GRASSROOTS and authority is None:
                authority = ancestor
            if ancestor.sector == Sector.TERRITORIAL and commune is None:
                commune = ancestor
            if ancestor.kind == K.PROVINCIAL:
                province = ancestor
                break
            ancestor = ancestor.parent
        province_place = province.name.removeprefix("Đảng bộ ")
        place = f"{commune.name.removeprefix('Đảng bộ ')}, {province_place}" if commune else province_place
        decider = (authority or province).name.replace("Đảng bộ", "Ban Thường vụ Đảng ủy", 1)
        cells.append(Cell(node, people.PROFILES[node.profile], decider, place, provinces[province.id]))
    return cells


def build(root: Node, *, members: int, seed: int, today: dt.date, actor_id=None, progress=None) -> BuildResult:
    """Insert the planned tree and `members` members; `progress(n)` is called as members are written."""
    started = time.perf_counter()
    tables = {
        "organization": Table(Organization, ORGANIZATION_COLUMNS),
        "member": Table(Member, MEMBER_COLUMNS),
        "event": Table(MembershipEvent, EVENT_COLUMNS),
        "period": Table(MembershipPeriod, PERIOD_COLUMNS),
        "word": Table(MemberWord, WORD_COLUMNS),
    }
    sink = Sink()
    nodes = number(root, tables["organization"].next_id())
    cells = _cells(nodes)
    counts = allocate(members, [cell.node.weight for cell in cells])
    provinces = {node.name for node in nodes if node.kind == K.PROVINCIAL}
    elsewhere = [f"Đảng bộ {p.name[0].lower()}{p.name[1:]}" for p in Province.iter_all()]
    population = Population(
        seed=seed,
        today=today,
        cells=[cell.node.id for cell in cells],
        elsewhere=[name for name in elsewhere if name not in provinces],
        now=timezone.now(),
        actor_id=actor_id,
    )
    ids = {name: tables[name].next_id() for name in ("member", "event", "period")}
    totals = {"event": 0, "period": 0}
    models = [Member, MembershipEvent, MembershipPeriod, MemberWord]
    with secondary_indexes_dropped(models):
        for start in range(0, len(nodes), 5000):
            sink.write(
                tables["organization"], [tuple(organization_row(node).values()) for node in nodes[start : start + 5000]]
            )
        batch: dict[str, list] = {"member": [], "event": [], "period": [], "word": []}
        for cell, count in zip(cells, counts, strict=True):
            for _ in range(count):
                member, events, periods = population.member(cell, ids["member"], ids["event"], ids["period"])
                ids["member"] += 1
                ids["event"] += len(events)
                ids["period"] += len(periods)
                batch["member"].append(member)
                batch["event"].extend(events)
                batch["period"].extend(periods)
                batch["word"].extend(word_rows(member[0], member[2], member[3]))  # id, search_name, sort_name
            if len(batch["member"]) >= 5000:
                _flush(sink, tables, batch, totals, progress)
        _flush(sink, tables, batch, totals, progress)
    sink.reset_sequences()
    return BuildResult(root, len(nodes), members, totals["event"], totals["period"], time.perf_counter() - started)


def _flush(sink: Sink, tables: dict, batch: dict, totals: dict, progress) -> None:
    for name in ("member", "event", "period", "word"):
        sink.write(tables[name], batch[name])
    totals["event"] += len(batch["event"])
    totals["period"] += len(batch["period"])
    if progress:
        progress(len(batch["member"]))
    for rows in batch.values():
        rows.clear()

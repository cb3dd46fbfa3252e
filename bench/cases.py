"""The benchmarked questions, each as (through the application, raw-SQL lower bound) on the same rows."""

import datetime as dt
import importlib

from django.db import connection
from django.db.models import Count, F, Q
from django.test import Client

from xaydungdang.members.models import Member, MembershipPeriod
from xaydungdang.organizations.models import Organization

# The raw bound for subtree statistics: the members counted on the day (active, official attachment), counted
# once per bucket of every dimension the dashboard shows (GROUPING SETS: one scan, like the application's
# filtered counts), so the comparison is like for like.
STATS_SQL = """
SELECT p.status, p.is_exempted, m.gender, m.ethnicity, m.religion, m.education_level, m.qualification,
       m.theory_level, m.occupation,
       width_bucket(extract(year FROM age(%(day)s, m.birth_date)), ARRAY[31, 41, 51, 61]) AS age_band,
       width_bucket(extract(year FROM age(%(day)s, p.party_age_start)), ARRAY[10, 20, 30, 40, 50]) AS party_band,
       count(*)
FROM members_membershipperiod p
JOIN organizations_organization o ON o.id = p.organization_id
JOIN members_member m ON m.id = p.member_id
WHERE o.path LIKE %(prefix)s AND p.attachment = 'official' AND p.status IN ('probationary', 'official')
  AND p.valid_from <= %(day)s AND (p.valid_to IS NULL OR p.valid_to > %(day)s)
GROUP BY GROUPING SETS ((p.status), (p.is_exempted), (m.gender), (m.ethnicity), (m.religion), (m.education_level),
                        (m.qualification), (m.theory_level), (m.occupation), (10), (11))
"""
# The search's bound (members.querysets.search: every word of the text begins a word of the name): the same 50
# rows in the list's order and the same bounded count (up to 1,001 matches, in any order), by hand over the
# word index: the rarest word's rows walked in (word, sort_name, member) order when it begins one stored word
# (the list's index walked when it begins several), the other words checked on the member's folded name.
SEARCH_COLUMNS = "m.id, m.full_name, m.birth_date, m.status, m.organization_id"
CURRENT = "m.status IN ('probationary', 'official')"
CELL_PAGE_SQL = """
SELECT m.id, m.full_name, m.birth_date, m.status, o.name FROM members_member m
JOIN organizations_organization o ON o.id = m.organization_id
WHERE o.path LIKE %(prefix)s ORDER BY m.sort_name, m.id LIMIT 50
"""
CELL_COUNT_SQL = """
SELECT count(*) FROM members_member m JOIN organizations_organization o ON o.id = m.organization_id
WHERE o.path LIKE %(prefix)s
"""


def raw(sql: str, **params):
    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    return run


def both(*runs):
    return lambda: [run() for run in runs]


def statistics_function():
    """reports.selectors.subtree_statistics, or None when that module is not there yet."""
    try:
        return importlib.import_module("xaydungdang.reports.selectors").subtree_statistics
    except (ImportError, AttributeError):
        return None


def orm_statistics(organization: Organization, day: dt.date) -> dict:
    """The fallback: the same counts through the ORM over the subtree's periods."""
    periods = MembershipPeriod.objects.on(day).filter(
        attachment="official", status__in=["probationary", "official"], organization__path__startswith=organization.path
    )
    return {
        "status": dict(periods.values_list("status").annotate(n=Count("id"))),
        "gender": dict(periods.values_list("member__gender").annotate(n=Count("id"))),
        "minority": periods.aggregate(n=Count("id", filter=~Q(member__ethnicity="01"))),
    }


def statistics_cases(orgs: dict[str, Organization], day: dt.date) -> list[tuple]:
    function = statistics_function()
    cases = []
    for label, org in orgs.items():
        sql = raw(STATS_SQL, day=day, prefix=f"{org.path}%")
        if function is None:
            cases.append((f"stats {label} (ORM fallback)", lambda org=org: orm_statistics(org, day), sql))
            continue
        cases.append((f"stats {label}", lambda org=org: function(organization=org, on=None), sql))
        if org.depth <= 2:  # the big subtrees: also the live path, without the rollups
            live = lambda org=org: function(organization=org, on=None, use_rollups=False)  # noqa: E731
            cases.append((f"stats {label} (live, no rollups)", live, sql))
    return cases


def search_sql(text: str, *, current: bool) -> tuple[str, str, dict]:
    """(page SQL, bounded count SQL, parameters) of a search; `current`: among current members (the list)."""
    from xaydungdang.members.search_plan import driving_word
    from xaydungdang.members.words import query_words

    words = query_words(text)
    driver, stored = driving_word(words)
    params, checks = {}, [CURRENT] if current else []
    for index, word in enumerate(w for w in words if stored is None or w != driver):
        params[f"start{index}"], params[f"inside{index}"] = f"{word}%", f"% {word}%"
        checks.append(f"(m.search_name LIKE %(start{index})s OR m.search_name LIKE %(inside{index})s)")
    if stored is not None:  # the word's rows in the list's order, each member looked up by id
        params["word"] = stored
        where = "".join(f" AND {check}" for check in checks)
        rows = f"FROM members_memberword w JOIN members_member m ON m.id = w.member_id WHERE w.word = %(word)s{where}"
        order = "w.sort_name, w.member_id"
    else:  # the list's index walked, every word checked on the folded name it includes
        rows, order = f"FROM members_member m WHERE {' AND '.join(checks)}", "m.sort_name, m.id"
    keys = f"SELECT m.id {rows} ORDER BY {order} LIMIT 50"  # the page's keys, then its rows (as the app does)
    page = f"SELECT {SEARCH_COLUMNS} FROM ({keys}) AS k JOIN members_member m ON m.id = k.id"
    return page, f"SELECT count(*) FROM (SELECT 1 {rows} LIMIT 1001) AS bounded", params


def search_bound(text: str, *, current: bool = False):
    page, count, params = search_sql(text, current=current)
    return both(raw(page, **params), raw(count, **params))


def search_cases(common: str, rare: str) -> list[tuple]:
    from xaydungdang.members.paging import SEARCH_CAP

    cases = []
    for label, text in (("common", common), ("rare", rare)):

        def app(text=text):
            rows = Member.objects.search(text)  # the order and the bounded count the member list uses
            fields = ("id", "full_name", "birth_date", "status", "organization_id")
            return list(rows.values(*fields)[:50]), rows.order_by()[: SEARCH_CAP + 1].count()

        cases.append((f"search {label} '{text}'", app, search_bound(text)))
    return cases


def page_getter(user):
    """url → a function that GETs the page as `user` (Django's test Client) and fails on anything but 200."""
    client = Client()
    client.force_login(user)

    def get(url):
        def run():
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"GET {url} answered {response.status_code}")
            return response

        return run

    return get


def page_cases(user, cell: Organization, common: str) -> list[tuple]:
    get = page_getter(user)

    prefix = f"{cell.path}%"
    return [
        (f"page cell ({cell.members_count} members)", get(f"/members/?org={cell.pk}"),
         both(raw(CELL_PAGE_SQL, prefix=prefix), raw(CELL_COUNT_SQL, prefix=prefix))),
        ("page search 'nguyen van hung'", get(f"/members/?q={common.replace(' ', '+')}"),
         search_bound(common, current=True)),
    ]  # fmt: skip


def pick_subtrees(root: Organization) -> dict[str, Organization]:
    """A commune of about 1,500 members, the largest province, and the root."""
    counts = (
        Member.objects.filter(status__in=["probationary", "official"])
        .values("organization__path")
        .annotate(n=Count("id"))
    )
    totals: dict[str, int] = {}
    for row in counts:
        path = row["organization__path"]
        for end in range(Organization.steplen, len(path) + 1, Organization.steplen):
            totals[path[:end]] = totals.get(path[:end], 0) + row["n"]
    communes = Organization.objects.filter(kind="upper_grassroots", sector="territorial")
    sizes = {c: totals.get(c.path, 0) for c in communes}
    commune = min(sizes, key=lambda c: (abs(sizes[c] - 1500), c.path))
    province = max(Organization.objects.filter(kind="provincial"), key=lambda p: totals.get(p.path, 0))
    return {f"commune ({sizes[commune]:,})": commune, f"province {province.name}": province, "root": root}


def biggest_cell() -> Organization:
    row = (
        Member.objects.values("organization")
        .annotate(n=Count("id"))
        .order_by("-n", "organization")
        .annotate(org=F("organization"))
        .first()
    )
    cell = Organization.objects.get(pk=row["org"])
    cell.members_count = row["n"]
    return cell


# The pages themselves (issue 10), through Django's test Client as a logged-in administrator with the
# test settings (DEBUG off). Each: (name, goal in ms at national size, page, raw-SQL bound).
CHANGES_SQL = """
SELECT count(*) FILTER (WHERE p.valid_from > %(start)s AND p.valid_from <= %(day)s),
       count(*) FILTER (WHERE p.valid_to > %(start)s AND p.valid_to <= %(day)s)
FROM members_membershipperiod p JOIN organizations_organization o ON o.id = p.organization_id
WHERE o.path LIKE %(prefix)s AND p.attachment = 'official' AND p.status IN ('probationary', 'official')
  AND (p.valid_from > %(start)s OR p.valid_to > %(start)s)
"""
LIST_PAGE_SQL = """
SELECT m.id, m.full_name, m.birth_date, m.status, o.name FROM members_member m
JOIN organizations_organization o ON o.id = m.organization_id
ORDER BY m.sort_name, m.id LIMIT 50 OFFSET %(offset)s
"""
LIST_COUNT_SQL = "SELECT count(*) FROM members_member"
PAST_LIST_SQL = """
SELECT p.member_id, p.status FROM members_membershipperiod p
WHERE p.attachment = 'official' AND p.valid_from <= %(day)s AND (p.valid_to IS NULL OR p.valid_to > %(day)s)
ORDER BY p.member_id LIMIT 50
"""
PAST_COUNT_SQL = """
SELECT count(*) FROM members_membershipperiod p
WHERE p.attachment = 'official' AND p.valid_from <= %(day)s AND (p.valid_to IS NULL OR p.valid_to > %(day)s)
"""
CHILDREN_SQL = """
SELECT substr(o.path, 1, %(length)s) AS child, count(*) FROM members_membershipperiod p
JOIN organizations_organization o ON o.id = p.organization_id
WHERE o.path LIKE %(prefix)s AND p.attachment = 'official' AND p.status IN ('probationary', 'official')
  AND p.valid_from <= %(day)s AND (p.valid_to IS NULL OR p.valid_to > %(day)s)
GROUP BY 1
"""
PAGE_GOALS_MS = {
    "dashboard commune": 100,
    "dashboard": 500,
    "tables": 500,
    "review results": 500,
    "list": 200,
    "search page": 100,
    "cell": 50,
}


def page_goal(name: str) -> int | None:
    for prefix, goal in PAGE_GOALS_MS.items():
        if name.startswith(prefix):
            return goal
    return None


def pages(user, orgs: dict[str, Organization], cell: Organization, day: dt.date, words: dict[str, str]) -> list:
    """(name, page, SQL bound) of every page issue 10 names."""
    get = page_getter(user)

    past = dt.date(day.year - 3, 12, 31)
    year_start = dt.date(past.year, 1, 1)
    cases = []
    for label, org in orgs.items():
        kind = "commune" if org.depth > 2 else label.split()[0]
        prefix = f"{org.path}%"
        cases.append(
            (
                f"dashboard {kind} today",
                get(f"/reports/?org={org.pk}"),
                both(
                    raw(STATS_SQL, day=day, prefix=prefix),
                    raw(CHANGES_SQL, day=day, start=dt.date(day.year, 1, 1), prefix=prefix),
                ),
            )
        )
        cases.append(
            (
                f"dashboard {kind} {past:%d/%m/%Y}, window from 1/1",
                get(f"/reports/?org={org.pk}&on={past:%d/%m/%Y}&since={year_start:%d/%m/%Y}"),
                both(
                    raw(STATS_SQL, day=past, prefix=prefix), raw(CHANGES_SQL, day=past, start=year_start, prefix=prefix)
                ),
            )
        )
        length = len(org.path) + Organization.steplen
        for on in (day, past):
            when = "today" if on == day else f"{on:%d/%m/%Y}"
            cases.append(
                (
                    f"tables {kind} {org.code} {when}",
                    get(f"/reports/tables/?org={org.pk}&on={on:%d/%m/%Y}"),
                    raw(CHILDREN_SQL, day=on, prefix=prefix, length=length),
                )
            )
    cases += [
        ("list whole scope page 1", get("/members/"), both(raw(LIST_PAGE_SQL, offset=0), raw(LIST_COUNT_SQL))),
        (
            "list whole scope page 1000",
            get("/members/?page=1000"),
            both(raw(LIST_PAGE_SQL, offset=49950), raw(LIST_COUNT_SQL)),
        ),
        (
            f"list whole scope on {past:%d/%m/%Y}",
            get(f"/members/?on={past:%d/%m/%Y}"),
            both(raw(PAST_LIST_SQL, day=past), raw(PAST_COUNT_SQL, day=past)),
        ),
    ]
    for label, text in words.items():
        cases.append(
            (
                f"search page {label} '{text}'",
                get(f"/members/?q={text.replace(' ', '+')}"),
                search_bound(text, current=True),
            )
        )
    prefix = f"{cell.path}%"
    cases.append(
        (
            f"cell page ({cell.members_count} members)",
            get(f"/members/?org={cell.pk}"),
            both(raw(CELL_PAGE_SQL, prefix=prefix), raw(CELL_COUNT_SQL, prefix=prefix)),
        )
    )
    return cases  # fmt: skip


# Review results of the latest yearly period (bench/run.py adds the periods): the raw bound is the
# grouped count of the subtree's approved member reviews and of its organizations' reviews by kind, live.
# The page reads the exact tallies instead (reviews.tally): a root reads its periods' few rows, so it may
# answer faster than this bound; a subtree sums its dossiers' rows.
REVIEW_MEMBERS_SQL = """
SELECT r.level, count(*), count(*) FILTER (WHERE r.self_assessed) FROM reviews_review r
JOIN reviews_dossier d ON d.id = r.dossier_id JOIN organizations_organization o ON o.id = d.organization_id
WHERE r.period_id = %(period)s AND r.member_id IS NOT NULL AND o.path LIKE %(prefix)s AND d.status = 'approved'
GROUP BY 1
"""
REVIEW_ORGANIZATIONS_SQL = """
SELECT o.kind, r.level, count(*) FROM reviews_review r
JOIN reviews_dossier d ON d.id = r.dossier_id JOIN organizations_organization o ON o.id = r.organization_id
WHERE r.period_id = %(period)s AND o.path LIKE %(prefix)s AND d.status = 'approved'
GROUP BY 1, 2
"""


def review_cases(user, orgs: dict[str, Organization]) -> list:
    from xaydungdang.reviews.models import ReviewPeriod

    period = ReviewPeriod.objects.filter(kind="year").order_by("-year").first()
    if period is None:
        return []
    get = page_getter(user)

    cases = []
    for label, org in orgs.items():
        kind = "commune" if org.depth > 2 else label.split()[0]
        prefix = f"{org.path}%"
        cases.append(
            (
                f"review results {kind} {period.year}",
                get(f"/reviews/periods/{period.pk}/results/?org={org.pk}"),
                both(
                    raw(REVIEW_MEMBERS_SQL, period=period.pk, prefix=prefix),
                    raw(REVIEW_ORGANIZATIONS_SQL, period=period.pk, prefix=prefix),
                ),
            )
        )
    return cases

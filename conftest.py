"""The cast of the test suite: a small tree and one user per role, whose access is known.

Tỉnh ủy (provincial)                      officer: subtree     admin: all
├── Đảng bộ xã A (upper_grassroots)       leader: subtree
│   ├── Đảng bộ Trường A (grassroots_committee)
│   │   ├── Chi bộ 1 (cell)               secretary: node, member: own record
│   │   └── Chi bộ 2 (cell)
│   └── Chi bộ thôn An (grassroots_cell)
└── Đảng bộ xã B (upper_grassroots)       outsider: subtree
    └── Chi bộ thôn Bình (grassroots_cell)
"""

from types import SimpleNamespace

import pytest
from django.conf import settings
from django.utils import translation

from xaydungdang.access.choices import Role, Scope
from xaydungdang.access.models import Assignment
from xaydungdang.accounts.models import User
from xaydungdang.members.tests.factories import MemberFactory
from xaydungdang.organizations.choices import OrganizationKind as K
from xaydungdang.organizations.tests.factories import make_org

PASSWORD = "test-password-123"


def _user(username: str, role: str | None = None, organization=None, scope: str = Scope.SUBTREE) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, first_name=username)
    if role:
        Assignment.objects.create(user=user, role=role, organization=organization, scope=scope)
    return user


def _build_tree() -> SimpleNamespace:
    province = make_org(None, K.PROVINCIAL, "Đảng bộ thành phố Cần Thơ", "P92")
    commune_a = make_org(province, K.UPPER_GRASSROOTS, "Đảng bộ phường Ninh Kiều", "P92-A")
    school = make_org(commune_a, K.GRASSROOTS_COMMITTEE, "Đảng bộ Trường THPT Châu Văn Liêm", "P92-A-S")
    cell_1 = make_org(school, K.CELL, "Chi bộ Giáo viên 1", "P92-A-S-1")
    cell_2 = make_org(school, K.CELL, "Chi bộ Giáo viên 2", "P92-A-S-2")
    village_a = make_org(commune_a, K.GRASSROOTS_CELL, "Chi bộ khu vực 1", "P92-A-V")
    commune_b = make_org(province, K.UPPER_GRASSROOTS, "Đảng bộ phường Cái Khế", "P92-B")
    village_b = make_org(commune_b, K.GRASSROOTS_CELL, "Chi bộ khu vực 2", "P92-B-V")
    return SimpleNamespace(
        province=province,
        commune_a=commune_a,
        school=school,
        cell_1=cell_1,
        cell_2=cell_2,
        village_a=village_a,
        commune_b=commune_b,
        village_b=village_b,
    )


def _build_members(tree) -> SimpleNamespace:
    """Two members in Chi bộ 1, one in Chi bộ 2, one in each village cell."""
    return SimpleNamespace(
        hung=MemberFactory(organization=tree.cell_1, full_name="Nguyễn Văn Hùng", national_id="092085000123"),
        lan=MemberFactory(organization=tree.cell_1, full_name="Trần Thị Lan"),
        hoa=MemberFactory(organization=tree.cell_2, full_name="Đặng Thị Hoa"),
        nam=MemberFactory(organization=tree.village_a, full_name="Lê Văn Nam"),
        tuan=MemberFactory(organization=tree.village_b, full_name="Phạm Minh Tuấn"),
    )


def _build_users(tree, members) -> SimpleNamespace:
    admin = _user("quantri", Role.ADMIN, tree.province)
    member_user = _user("dangvien", Role.MEMBER, tree.cell_1, Scope.NODE)
    members.hung.user = member_user
    members.hung.save()
    return SimpleNamespace(
        admin=admin,
        officer=_user("bantochuc", Role.OFFICER, tree.province),
        leader=_user("lanhdao", Role.LEADER, tree.commune_a),
        secretary=_user("bithu", Role.SECRETARY, tree.cell_1, Scope.NODE),
        member=member_user,
        outsider=_user("ngoai", Role.OFFICER, tree.commune_b),
        nobody=_user("khongquyen"),
    )


# --- the cast, built once per module ------------------------------------------------------------
# Most tests only read the cast and write inside their own transaction, so a module builds it once inside
# a transaction of its own that wraps every test's transaction (Django's TestCase.setUpTestData, for pytest
# functions) and rolls it back at the module's end. Each test gets deep copies of the instances, so a test
# that changes an instance in memory leaves the next one the pristine rows. A module with a test that
# commits (transaction=True, a live server) builds the cast per test instead, as before.
CAST_FIXTURES = {"tree", "members", "users"}
COMMITTING_FIXTURES = {"transactional_db", "live_server", "browser_page", "django_db_reset_sequences"}


def _commits(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(COMMITTING_FIXTURES & set(item.fixturenames)) or bool(
        marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))
    )


def _uses_database(item) -> bool:
    return "db" in item.fixturenames or item.get_closest_marker("django_db") is not None


def _module_shares_cast(request) -> bool:
    """Share only when every test of the module that touches the database asks for the cast: a test that
    builds its own world (a national tree, an empty database) must not find the cast's rows in it."""
    items = [item for item in request.session.items if item.module is request.module]
    using = [item for item in items if _uses_database(item)]
    return (
        bool(using)
        and all(CAST_FIXTURES & set(item.fixturenames) for item in using)
        and not any(_commits(item) for item in items)
    )


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Vietnamese: a request with the English cookie activates English for the thread
    (core.middleware, like Django's LocaleMiddleware) and it would otherwise leak into the next test."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="module", autouse=True)
def _module_cast(request):
    """The module's cast (None when each test builds its own); see above."""
    if not _module_shares_cast(request):
        yield None
        return
    from django.db import transaction

    request.getfixturevalue("django_db_setup")
    blocker = request.getfixturevalue("django_db_blocker")
    with blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        tree = _build_tree()
        members = _build_members(tree)
        cast = SimpleNamespace(tree=tree, members=members, users=_build_users(tree, members))
    try:
        yield cast
    finally:
        with blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def _cast(request, _module_cast):
    """This test's cast: copies of the module's (one copy, so shared references stay shared), or new rows."""
    import copy

    if _module_cast is not None:
        request.getfixturevalue("db")
        return copy.deepcopy(_module_cast)
    return SimpleNamespace()


@pytest.fixture
def tree(db, _cast):
    if not hasattr(_cast, "tree"):
        _cast.tree = _build_tree()
    return _cast.tree


@pytest.fixture
def members(tree, _cast):
    if not hasattr(_cast, "members"):
        _cast.members = _build_members(tree)
    return _cast.members


@pytest.fixture
def users(tree, members, _cast):
    if not hasattr(_cast, "users"):
        _cast.users = _build_users(tree, members)
    return _cast.users


# --- browser tests -------------------------------------------------------------------------------
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# Reference rows loaded by data migrations: (model, migration module, its forward function). A live-server
# test flushes every table when it ends, so a later one in the same worker finds them gone.
MIGRATED_ROWS = [
    ("fees.FeeRate", "xaydungdang.fees.migrations.0002_tables", "seed"),
    ("committees.PostKind", "xaydungdang.committees.migrations.0001_initial", "load_post_kinds"),
    ("meetings.QualityCriterion", "xaydungdang.meetings.migrations.0002_default_quality_criteria", "add_defaults"),
    ("training.CourseKind", "xaydungdang.training.migrations.0001_initial", "seed_course_kinds"),
    ("reports.RollupFeature", "xaydungdang.reports.migrations.0002_rollup_feature_changes", "mark_changes"),
    (
        "reports.RollupFeature",
        "xaydungdang.reports.migrations.0003_rollup_feature_upper_grassroots",
        "mark_upper_grassroots",
    ),
]


@pytest.fixture
def migrated_rows(transactional_db):
    """Put back the data migrations' reference rows that an earlier live-server test flushed."""
    from importlib import import_module

    from django.apps import apps

    flushed = {label for label, _module, _function in MIGRATED_ROWS if not apps.get_model(label).objects.exists()}
    for label, module, function in MIGRATED_ROWS:  # several migrations may fill one table
        if label in flushed:
            getattr(import_module(module), function)(apps, None)


@pytest.fixture
def browser_page(migrated_rows, live_server, tmp_path, monkeypatch):
    """A Playwright page in Debian's Chromium. Skipped only outside CI when Chromium is missing."""
    import os
    import shutil

    if not shutil.which("chromium") and not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing on CI: .ci/run installs Debian's chromium package")
        pytest.skip("Debian's chromium is not installed")
    # Set for this test only: left in the worker, it fails `check --deploy` run later from the same process.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(locale="vi-VN", viewport={"width": 1366, "height": 900})
        page = context.new_page()
        page.set_default_timeout(15_000)
        yield page
        context.close()
        browser.close()


def browser_login(page, live_server, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


ARTIFACTS = "test-artifacts"

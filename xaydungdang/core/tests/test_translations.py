"""The English catalogs are complete, well-formed and compiled (docs/decisions/0001).

The msgids are the Vietnamese source strings; every app keeps its English catalog in
`<app>/locale/en/LC_MESSAGES/django.po` with the compiled `.mo` committed beside it.
"""

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

PACKAGE = Path(__file__).resolve().parents[2]
APPS = [
    "core",
    "accounts",
    "access",
    "organizations",
    "duework",
    "notifications",
    "members",
    "reorganizations",
    "candidates",
    "fees",
    "committees",
    "reviews",
    "reports",
    "exchange",
    "api",
    "selfservice",
    "residence",
    "meetings",
    "training",
]
PLACEHOLDER = re.compile(r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdif]|\{[A-Za-z_]\w*\}")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstrs: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def key(self) -> str:
        return f"{self.msgctxt}\x04{self.msgid}" if self.msgctxt is not None else self.msgid


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file (obsolete `#~` entries left out); the header is the entry with msgid ""."""
    entries: list[Entry] = []
    entry, target = None, None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            if not line:
                entry, target = None, None
            continue
        if entry is None:
            entry = Entry(line=number)
            entries.append(entry)
        if line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            _append(entry, target, ast.literal_eval(line))
        else:
            keyword, _, value = line.partition(" ")
            target = keyword
            _append(entry, target, ast.literal_eval(value), start=True)
    return entries


def _append(entry: Entry, target: str, text: str, start: bool = False) -> None:
    if target.startswith("msgstr"):
        index = int(target[7:-1]) if target != "msgstr" else 0
        entry.msgstrs[index] = ("" if start else entry.msgstrs[index]) + text
    elif target == "msgid":
        entry.msgid = ("" if start else entry.msgid) + text
    elif target == "msgid_plural":
        entry.msgid_plural = ("" if start else entry.msgid_plural) + text
    elif target == "msgctxt":
        entry.msgctxt = ("" if start else entry.msgctxt) + text
    else:
        raise AssertionError(f"unknown keyword {target!r}")


def catalog(app: str) -> Path:
    return PACKAGE / app / "locale" / "en" / "LC_MESSAGES" / "django.po"


def messages(app: str) -> list[Entry]:
    return [entry for entry in read_po(catalog(app)) if entry.msgid]


def describe(app: str, entry: Entry) -> str:
    return f"{app}/…/django.po:{entry.line} {entry.msgid!r}"


def test_the_parser_reads_multiline_plural_and_escaped_entries(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr "Language: en\\n"\n\n'
        '#: a.py:1\n#, python-format\nmsgid ""\n"Có %(n)s "\n"\\"lỗi\\""\nmsgid_plural "Có %(n)s lỗi"\n'
        'msgstr[0] "%(n)s error"\nmsgstr[1] ""\n"%(n)s errors"\n\n'
        '#~ msgid "Cũ"\n#~ msgstr "Old"\n',
        encoding="utf-8",
    )
    header, entry = read_po(po)
    assert header.msgid == "" and header.msgstrs == {0: "Language: en\n"}
    assert entry.msgid == 'Có %(n)s "lỗi"' and entry.msgid_plural == "Có %(n)s lỗi"
    assert entry.msgstrs == {0: "%(n)s error", 1: "%(n)s errors"} and entry.flags == {"python-format"}


@pytest.mark.parametrize("app", APPS)
def test_every_entry_is_translated(app):
    entries = messages(app)
    assert entries, f"{app} has an empty catalog"
    untranslated = [
        describe(app, entry)
        for entry in entries
        if not entry.msgstrs or any(not text.strip() for text in entry.msgstrs.values())
    ]
    assert untranslated == []


@pytest.mark.parametrize("app", APPS)
def test_no_entry_is_fuzzy(app):
    # msgfmt leaves fuzzy entries out of the .mo, so a fuzzy translation silently shows Vietnamese.
    assert [describe(app, entry) for entry in read_po(catalog(app)) if "fuzzy" in entry.flags] == []


@pytest.mark.parametrize("app", APPS)
def test_plural_entries_have_both_english_forms(app):
    plurals = [entry for entry in messages(app) if entry.msgid_plural is not None]
    assert [describe(app, entry) for entry in plurals if sorted(entry.msgstrs) != [0, 1]] == []


@pytest.mark.parametrize("app", APPS)
def test_placeholders_are_kept(app):
    wrong = []
    for entry in messages(app):
        sources = [entry.msgid] if entry.msgid_plural is None else [entry.msgid, entry.msgid_plural]
        expected = set().union(*(PLACEHOLDER.findall(text) for text in sources))
        for text in entry.msgstrs.values():
            if set(PLACEHOLDER.findall(text)) != expected:
                wrong.append(f"{describe(app, entry)} → {text!r}")
    assert wrong == []


@pytest.mark.parametrize("app", APPS)
def test_the_compiled_catalog_is_up_to_date(app):
    po = catalog(app)
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"run compilemessages in xaydungdang/{app}"
    # Not the file times (a checkout writes them in any order): the .mo holds exactly the .po's translations.
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    expected = {}
    for entry in messages(app):
        if entry.msgid_plural is None:
            expected[entry.key] = entry.msgstrs[0]
        else:
            expected |= {(entry.key, index): text for index, text in entry.msgstrs.items()}
    assert {key: text for key, text in compiled.items() if key != ""} == expected


def test_every_app_with_a_catalog_is_checked():
    found = {path.parts[-5] for path in PACKAGE.glob("*/locale/en/LC_MESSAGES/django.po")}
    assert found == set(APPS)


def test_the_project_catalog_holds_only_the_project_wide_strings():
    """locale/ (LOCALE_PATHS, which wins over the apps' catalogs) keeps what config/ says, all translated; the
    apps' strings live in their own catalogs (a stale copy there once held the meetings' strings, untranslated)."""
    po = PACKAGE.parent / "locale" / "en" / "LC_MESSAGES" / "django.po"
    entries = [entry for entry in read_po(po) if entry.msgid]
    sources = [line[3:].split() for line in po.read_text(encoding="utf-8").splitlines() if line.startswith("#: ")]
    assert entries and all(ref.startswith("config/") for refs in sources for ref in refs)
    assert [entry.msgid for entry in entries if not all(entry.msgstrs.values())] == []


def test_translations_follow_the_active_language():
    with translation.override("en"):
        assert translation.gettext("Đăng nhập") == "Log in"
        assert translation.gettext("Đảng viên dự bị") == "Probationary member"
    with translation.override("vi"):
        assert translation.gettext("Đăng nhập") == "Đăng nhập"


def _login_page(**headers) -> str:
    return Client(**headers).get(reverse("login")).content.decode()


def test_the_login_page_is_english_when_the_user_chose_english():
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("login"))
    page = response.content.decode()
    assert response.headers["Content-Language"] == "en"
    assert "Log in" in page and "Username" in page and "Password" in page
    assert "Đăng nhập" not in page and "Mật khẩu" not in page


def test_the_login_page_is_vietnamese_by_default_and_when_chosen():
    chosen = Client()
    chosen.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    for page in (chosen.get(reverse("login")).content.decode(), _login_page()):
        assert "Đăng nhập" in page and "Tên đăng nhập" in page and "Mật khẩu" in page
        assert "Log in" not in page


def test_an_english_browser_alone_does_not_switch_the_language():
    # Only the user's explicit choice counts (core.middleware.PreferredLanguageMiddleware).
    page = _login_page(HTTP_ACCEPT_LANGUAGE="en")
    assert "Đăng nhập" in page and "Log in" not in page

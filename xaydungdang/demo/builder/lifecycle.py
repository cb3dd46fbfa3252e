"""One member's life in the Party as events, and the state that `members.state.replay()` derives from them.

The builder never writes a member's status, organization or periods by hand: it draws the events
(admission, recognition, a transfer, a card, badges, an exemption, a death…), sorts them, replays them
with the application's own `replay()` and stores exactly what the replay returns.
"""

import datetime as dt
from dataclasses import dataclass, field
from random import Random

from xaydungdang.core.dates import add_months
from xaydungdang.demo.names import Weighted
from xaydungdang.members.choices import EventKind as EK
from xaydungdang.members.state import replay

BADGE_YEARS = (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)
BADGE_DAYS = ((2, 3), (5, 19), (9, 2), (11, 7))  # 3/2, 19/5, 2/9, 7/11
CARDS_FROM = dt.date(2004, 3, 1)  # cards were issued from CT 29-CT/TW (2003)
FATES = Weighted(
    {
        "official": 84.7, "probationary": 4.3, "deceased": 5.5, "transferred_out": 3.5, "struck_off": 1.2,
        "resigned": 0.3, "expelled": 0.2, "dismissed": 0.2, "annulled": 0.1,
    }
)  # fmt: skip
LEAVING_KIND = {
    "deceased": EK.DECEASED,
    "transferred_out": EK.TRANSFERRED_OUT,
    "struck_off": EK.STRUCK_OFF,
    "resigned": EK.RESIGNED,
    "expelled": EK.EXPELLED,
    "dismissed": EK.DISMISSED,
    "annulled": EK.ADMISSION_ANNULLED,
}
LEAVING_REASON = {
    "deceased": "Từ trần",
    "struck_off": "Bỏ sinh hoạt đảng, không đóng đảng phí 3 tháng trong năm không có lý do chính đáng",
    "resigned": "Xin ra khỏi Đảng vì hoàn cảnh gia đình",
    "expelled": "Vi phạm kỷ luật đến mức phải khai trừ",
    "dismissed": "Không còn đủ tư cách đảng viên",
    "annulled": "Kết nạp không đúng quy định",
}


@dataclass(slots=True)
class Event:
    kind: str
    effective_date: dt.date
    decision_date: dt.date | None = None
    decision_number: str = ""
    issued_by: str = ""
    from_organization_id: int | None = None
    to_organization_id: int | None = None
    external_organization: str = ""
    reason: str = ""
    data: dict = field(default_factory=dict)


def _days(rng: Random, low: int, high: int) -> dt.timedelta:
    return dt.timedelta(days=rng.randint(low, high))


def _between(rng: Random, start: dt.date, end: dt.date) -> dt.date:
    span = (end - start).days
    return start + dt.timedelta(days=rng.randint(0, span)) if span > 0 else start


def _decision(rng: Random) -> str:
    return f"{rng.randint(10, 2999)}-QĐ/ĐU"


def admission_window(birth: dt.date, founded: dt.date | None, latest: dt.date) -> tuple[dt.date, dt.date]:
    """Decision dates that give an age of 18 to 60 counted in months (QĐ 294-QĐ/TW), after the cell began."""
    earliest = add_months(birth, 216)
    if founded and founded > earliest and founded < latest:
        earliest = founded
    return earliest, min(add_months(birth, 719), latest)


def badge_day(anniversary: dt.date) -> dt.date:
    for month, day in BADGE_DAYS:
        if dt.date(anniversary.year, month, day) >= anniversary:
            return dt.date(anniversary.year, month, day)
    return dt.date(anniversary.year + 1, 2, 3)


@dataclass
class Life:
    events: list[Event]
    replay: object  # members.state.Replay
    party_card_number: str


class LifeWriter:
    """Draws the events of one member; `cells` are the ids a transfer or a temporary stay may come from."""

    def __init__(self, rng: Random, today: dt.date, cells: list[int], elsewhere: list[str], first_card: int):
        self.rng = rng
        self.today = today
        self.cells = cells
        self.elsewhere = elsewhere
        self.next_card = first_card

    def admission(self, fate: str, birth: dt.date, founded: dt.date | None) -> tuple[str, dt.date, dt.date] | None:
        """(fate, decision date, ceremony date); None when this person is too young for that fate."""
        rng, today = self.rng, self.today
        if fate == "probationary":
            ceremony = today - _days(rng, 0, 350)
            return fate, ceremony - _days(rng, 3, 30), ceremony
        earliest, latest = admission_window(birth, founded, today - dt.timedelta(days=430))
        if earliest > latest:
            return None
        age = rng.triangular(18.0, 45.0, 23.0)
        decision = min(max(add_months(birth, int(age * 12)) + _days(rng, 0, 27), earliest), latest)
        return fate, decision, decision + _days(rng, 3, 30)

    def life(self, *, fate: str, cell: int, birth: dt.date, decision: dt.date, ceremony: dt.date,
             authority: str) -> Life:  # fmt: skip
        rng, today = self.rng, self.today
        first_cell = cell
        events = []
        official = add_months(ceremony, 12)
        leaves = None if fate in ("official", "probationary") else self._leaving_day(fate, birth, official)
        end = leaves or today
        recognized = fate != "probationary" and not (fate in ("annulled", "struck_off") and leaves < official)
        if recognized:
            events.append(Event(EK.RECOGNIZED_OFFICIAL, official, min(today, official + _days(rng, 5, 40)),
                                _decision(rng), authority))  # fmt: skip
            if rng.random() < 0.08 and end - official > dt.timedelta(days=420):
                day = _between(rng, official + dt.timedelta(days=365), end - dt.timedelta(days=40))
                first_cell = self._transfer(events, cell, day)
        events.insert(
            0, Event(EK.ADMITTED, ceremony, decision, _decision(rng), authority, to_organization_id=first_cell)
        )
        card = self._card(events, official, end) if recognized else ""
        self._badges(events, decision, end)
        if fate == "official":
            self._old_age(events, birth, official, cell)
        if leaves:
            events.append(self._leaving(fate, leaves, authority))
        events.sort(key=lambda event: event.effective_date)
        return Life(events, replay(events), card)

    def _leaving_day(self, fate: str, birth: dt.date, official: dt.date) -> dt.date:
        rng, today = self.rng, self.today
        if fate == "annulled" or (fate == "struck_off" and rng.random() < 0.3):
            return min(today, official - _days(rng, 1, 200))  # during probation
        start = max(official + dt.timedelta(days=30), today - dt.timedelta(days=3650))
        if fate == "deceased":
            start = max(start, add_months(birth, 12 * 55))
        return _between(rng, min(start, today), today)

    def _transfer(self, events: list[Event], cell: int, day: dt.date) -> int:
        source = self.rng.choice(self.cells)
        if source == cell:
            return cell
        arrived = min(self.today, day + _days(self.rng, 5, 30))
        events.append(Event(EK.TRANSFERRED_OUT, day, day, from_organization_id=source, to_organization_id=cell))
        events.append(Event(EK.TRANSFERRED_IN, arrived, from_organization_id=source, to_organization_id=cell))
        return source

    def _card(self, events: list[Event], official: dt.date, end: dt.date) -> str:
        issued = max(official, _between(self.rng, CARDS_FROM, CARDS_FROM + dt.timedelta(days=700))) + _days(
            self.rng, 30, 180
        )
        if issued >= end:
            return ""
        number = f"{self.next_card % 100_000_000:08d}"
        self.next_card += 1
        events.append(Event(EK.PARTY_CARD_ISSUED, issued, issued, data={"number": number}))
        return number

    def _badges(self, events: list[Event], decision: dt.date, end: dt.date) -> None:
        for years in BADGE_YEARS:
            day = badge_day(add_months(decision, 12 * years))
            if day > end:
                return
            events.append(Event(EK.BADGE_AWARDED, day, day, data={"years": years}))

    def _old_age(self, events: list[Event], birth: dt.date, official: dt.date, cell: int) -> None:
        """Some members past 70 are exempted from party work; a few active ones study or work elsewhere."""
        rng, today = self.rng, self.today
        seventy = add_months(birth, 12 * 70)
        if seventy < today and rng.random() < 0.35:
            day = _between(rng, max(seventy, official + dt.timedelta(days=1)), today)
            events.append(Event(EK.EXEMPTED, day, day, _decision(rng), reason="Tuổi cao, sức yếu"))
        elif seventy > today and rng.random() < 0.01:
            day = today - _days(rng, 30, 300)
            target = rng.choice(self.cells)
            if day > official and target != cell:
                events.append(Event(EK.TEMPORARY_STARTED, day, day, to_organization_id=target))

    def _leaving(self, fate: str, day: dt.date, authority: str) -> Event:
        kind = LEAVING_KIND[fate]
        if fate == "transferred_out":
            return Event(kind, day, day, external_organization=self.rng.choice(self.elsewhere),
                         reason="Chuyển công tác ra ngoài tỉnh")  # fmt: skip
        number = "" if fate == "deceased" else _decision(self.rng)
        return Event(kind, day, day, number, "" if fate == "deceased" else authority, reason=LEAVING_REASON[fate])

"""Members of the planned cells as rows: identity, party data, events and the periods replay derives."""

import datetime as dt
from dataclasses import dataclass
from random import Random

from xaydungdang.core.dates import add_months
from xaydungdang.core.text import fold, normalize_name, sort_key
from xaydungdang.demo.builder import people
from xaydungdang.demo.builder.lifecycle import FATES, LifeWriter
from xaydungdang.demo.builder.plan import Node
from xaydungdang.demo.names import person_name
from xaydungdang.members.choices import Gender
from xaydungdang.members.rules import CCCD_PROVINCE_CODES
from xaydungdang.organizations.choices import OrganizationKind as K

MEMBER_COLUMNS = (
    "id", "full_name", "search_name", "sort_name", "gender", "birth_date", "ethnicity", "religion", "national_id", "hometown",
    "address", "phone", "admission_decision_date", "admission_date", "official_date", "party_card_number",
    "record_number", "education_level", "qualification", "theory_level", "occupation", "organization_id", "status",
    "is_exempted", "user_id",
)  # fmt: skip
EVENT_COLUMNS = (
    "id", "member_id", "kind", "effective_date", "decision_number", "decision_date", "issued_by",
    "from_organization_id", "to_organization_id", "external_organization", "reason", "note", "data",
    "recorded_by_id", "recorded_at",
)  # fmt: skip
PERIOD_COLUMNS = (
    "id", "member_id", "organization_id", "attachment", "status", "is_exempted", "valid_from", "valid_to",
    "party_age_start",
)  # fmt: skip
CCCD_CODES = sorted(CCCD_PROVINCE_CODES)
CCCD_STEP = 387_403  # coprime with 10^6: serial numbers within a bucket never repeat


@dataclass
class Cell:
    node: Node
    profile: people.Profile
    authority: str  # who decides admissions: the standing committee of the commune or province
    place: str  # "phường Ninh Kiều, thành phố Cần Thơ"
    province: "ProvinceNumbers"


class ProvinceNumbers:
    """Record numbers (6 digits + the province's letters) and CCCD numbers, unique by construction."""

    def __init__(self, code: str, suffix: str, hometowns: list[str]) -> None:
        self.cccd_code = f"0{code}" if f"0{code}" in CCCD_PROVINCE_CODES else "092"
        self.suffix = suffix
        self.hometowns = hometowns
        self.records = 0

    def record_number(self) -> str:
        self.records += 1
        block, serial = divmod(self.records, 1_000_000)
        return f"{serial:06d}{self.suffix}{'ABCDEFGHIJ'[block - 1] if block else ''}"


class Population:
    def __init__(self, *, seed: int, today: dt.date, cells: list[int], elsewhere: list[str], now, actor_id=None):
        self.rng = Random(f"{seed}-people")
        self.names = Random(f"{seed}-names")
        self.today = today
        self.now = now
        self.actor_id = actor_id
        self.lives = LifeWriter(
            Random(f"{seed}-lives"), today, cells, elsewhere, Random(seed).randint(10**7, 5 * 10**7)
        )
        self.cccd: dict[tuple, int] = {}

    def national_id(self, province: ProvinceNumbers, gender: str, birth: dt.date) -> str:
        code = province.cccd_code if self.rng.random() < 0.7 else self.rng.choice(CCCD_CODES)
        digit = (0 if birth.year < 2000 else 2) + (gender == Gender.FEMALE)
        bucket = (code, digit, birth.year % 100)
        count = self.cccd.get(bucket, 0)
        self.cccd[bucket] = count + 1
        offset = (int(code) * 7919 + digit * 104_729 + birth.year * 1_299_709) % 1_000_000
        return f"{code}{digit}{birth.year % 100:02d}{(count * CCCD_STEP + offset) % 1_000_000:06d}"

    def member(self, cell: Cell, member_id: int, first_event_id: int, first_period_id: int):
        """(member row, event rows, period rows) of one new member of `cell`."""
        rng, profile = self.rng, cell.profile
        female = rng.random() < profile.female
        gender = Gender.FEMALE if female else Gender.MALE
        fate, birth, decision, ceremony, age = self._dates(cell, profile)
        ethnicity = people.ETHNICITY.pick(rng)
        name = normalize_name(person_name(self.names, gender=gender, birth_year=birth.year, ethnicity=ethnicity))
        life = self.lives.life(fate=fate, cell=cell.node.id, birth=birth, decision=decision, ceremony=ceremony,
                               authority=cell.authority)  # fmt: skip
        state = life.replay.state
        work = people.occupation(rng, profile, age)
        education, qualification, theory = people.schooling(rng, profile, birth.year, work)
        religion = people.RELIGION.get(ethnicity, people.RELIGION["01"]).pick(rng)
        keeps_id = fate != "deceased" or rng.random() < 0.5
        member = (
            member_id, name, fold(name), sort_key(name), gender, birth, ethnicity, religion,
            self.national_id(cell.province, gender, birth) if keeps_id else None,
            rng.choice(cell.province.hometowns), self._address(cell),
            f"09{rng.randrange(10**8):08d}" if rng.random() < 0.85 else "",
            state.admission_decision_date, state.admission_date, state.official_date, life.party_card_number,
            cell.province.record_number(), education, qualification, theory, work,
            state.organization_id, state.status, state.is_exempted, None,
        )  # fmt: skip
        events = [
            (
                first_event_id + i, member_id, str(e.kind), e.effective_date, e.decision_number, e.decision_date,
                e.issued_by, e.from_organization_id, e.to_organization_id, e.external_organization, e.reason, "",
                e.data, self.actor_id, self.now,
            )
            for i, e in enumerate(life.events)
        ]  # fmt: skip
        periods = [
            (first_period_id + i, member_id, p.organization_id, str(p.attachment), str(p.status), p.is_exempted,
             p.valid_from, p.valid_to, p.party_age_start)
            for i, p in enumerate(life.replay.periods)
        ]  # fmt: skip
        return member, events, periods

    def _dates(self, cell: Cell, profile: people.Profile):
        """(fate, birth, admission decision, ceremony, age today) with an age at admission of 18–60."""
        rng, today = self.rng, self.today
        fate = FATES.pick(rng)
        if fate != "probationary":
            for _attempt in range(4):
                age = int(rng.triangular(55, 100, 76)) if fate == "deceased" else people.age_years(rng, profile)
                birth = people.birth_date(rng, today, age)
                admitted = self.lives.admission(fate, birth, cell.node.founded_on)
                if admitted:
                    return fate, birth, admitted[1], admitted[2], age
        _, decision, ceremony = self.lives.admission("probationary", today, None)
        months = int(rng.triangular(18.0, 22.0 if profile is people.PROFILES["university"] else 45.0, 21.0) * 12)
        birth = add_months(decision, -months) - dt.timedelta(days=rng.randint(1, 27))
        return "probationary", birth, decision, ceremony, (today - birth).days // 365

    def _address(self, cell: Cell) -> str:
        if cell.node.kind == K.GRASSROOTS_CELL and cell.node.profile == "village":
            return f"{cell.node.name.removeprefix('Chi bộ ')}, {cell.place}"
        return f"Số {self.rng.randint(1, 350)}, khu vực {self.rng.randint(1, 12)}, {cell.place}"

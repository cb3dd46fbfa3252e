import datetime as dt

import factory

from xaydungdang.members.choices import EventKind, Gender, MemberStatus
from xaydungdang.members.models import Member, MembershipEvent
from xaydungdang.members.state import member_rebuild_state


class MemberFactory(factory.django.DjangoModelFactory):
    """A member with a consistent event log: admitted, and recognized official a year later."""

    class Meta:
        model = Member
        skip_postgeneration_save = True

    full_name = factory.Iterator(["Nguyễn Văn Hùng", "Trần Thị Lan", "Lê Văn Nam", "Đặng Thị Hoa", "Phạm Minh Tuấn"])
    gender = factory.LazyAttribute(lambda m: Gender.FEMALE if " Thị " in m.full_name else Gender.MALE)
    birth_date = dt.date(1985, 3, 15)
    admission_decision_date = dt.date(2010, 5, 10)
    admission_date = dt.date(2010, 5, 19)
    official_date = dt.date(2011, 5, 19)
    status = MemberStatus.OFFICIAL
    record_number = factory.Sequence(lambda n: f"{n + 1:06d}CT")

    @factory.post_generation
    def events(self, create, extracted, **kwargs):
        if not create:
            return
        MembershipEvent.objects.create(
            member=self,
            kind=EventKind.ADMITTED,
            effective_date=self.admission_date,
            decision_date=self.admission_decision_date,
            to_organization=self.organization,
        )
        if self.official_date:
            MembershipEvent.objects.create(
                member=self, kind=EventKind.RECOGNIZED_OFFICIAL, effective_date=self.official_date
            )
        member_rebuild_state(self)
        self.save()

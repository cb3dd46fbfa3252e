"""A person's identity is declared once (members.identity.PersonIdentity) for members and candidates."""

from xaydungdang.candidates.models import Candidate
from xaydungdang.members.identity import PersonIdentity
from xaydungdang.members.models import Member

# Where a record narrows the shared declaration, and why (see the models).
NARROWED = {Member: {"national_id"}, Candidate: {"education_level"}}


def test_members_and_candidates_share_one_identity_declaration():
    for model in (Member, Candidate):
        assert issubclass(model, PersonIdentity)
        for field in PersonIdentity._meta.get_fields():
            own = model._meta.get_field(field.name)
            assert (own.verbose_name, own.max_length, own.choices) == (
                field.verbose_name,
                field.max_length,
                field.choices,
            ), f"{model.__name__}.{field.name}"
            if field.name not in NARROWED[model]:
                assert (own.blank, own.null, own.unique, own.default) == (
                    field.blank,
                    field.null,
                    field.unique,
                    field.default,
                ), f"{model.__name__}.{field.name}"

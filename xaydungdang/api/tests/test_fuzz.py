"""Schemathesis fuzzes every operation of the OpenAPI schema against the WSGI application, authenticated
as an officer: valid and invalid requests alike must never end in a server error (5xx).

Bounded on purpose (a few examples per operation and mode) so the suite stays fast; run it longer with
FUZZ_EXAMPLES=200. Operations on one object get random ids and, half the time, the id of a real one,
so that updates, moves, recorded events and accepted transfers reach the services' validation."""

import datetime as dt
import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from knox.models import AuthToken
from schemathesis import GenerationMode

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "6"))


@pytest.fixture
def schema(db):
    """The schema, served by the WSGI application. As Django's test client does, the handler must not
    close the test's database connection at the end of each request (it would on PostgreSQL)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _committee(actor, tree, members) -> dict[str, int]:
    """A term of the school's committee with Hoa's post, a plan with her, and a proposal for Lan."""
    from xaydungdang.committees import planning, services
    from xaydungdang.committees.models import PostKind

    secretary, deputy = PostKind.objects.get(code="bi-thu"), PostKind.objects.get(code="pho-bi-thu")
    term = services.term_create(
        actor=actor, organization=tree.school, starts_on=dt.date(2025, 6, 1), congress_date=dt.date(2025, 6, 1)
    )
    holding = services.holding_create(
        actor=actor, term=term, member=members.hoa, post_kind=secretary, started_on=dt.date(2025, 6, 1)
    )
    plan = planning.plan_create(actor=actor, organization=tree.school, start_year=2025, end_year=2030)
    entry = planning.plan_entry_add(
        actor=actor, plan=plan, member=members.lan, post_kind=deputy, added_on=dt.date(2025, 1, 2)
    )
    appointment = planning.appointment_propose(
        actor=actor, organization=tree.school, member=members.lan, post_kind=deputy, kind="appointment",
        proposed_on=dt.date(2025, 2, 1),
    )  # fmt: skip
    return {
        "/api/v1/terms/": term.pk,
        "/api/v1/posts/": holding.pk,
        "/api/v1/plan-entries/": entry.pk,
        "/api/v1/appointments/": appointment.pk,
    }


def _real_ids(tree, members, users) -> dict[str, int]:
    """Real objects for the operations on one object: the members' events are recorded on Lan, Nam's letter
    to thôn Bình waits for acceptance, a candidate in Chi bộ 2, the province's 2024 review period."""
    from xaydungdang.candidates.services import candidate_create
    from xaydungdang.meetings.services import meeting_plan
    from xaydungdang.members.lifecycle.services import transfer_issue
    from xaydungdang.notifications.services import notify
    from xaydungdang.reviews.services import dossier_open, period_open
    from xaydungdang.selfservice.services import request_create

    actor = users.officer
    transfer = transfer_issue(
        actor=actor,
        member=members.nam,
        issued_on=dt.date(2024, 5, 6),
        letter_number="1",
        to_organization=tree.village_b,
    )
    candidate = candidate_create(
        actor=actor, organization=tree.cell_2, recorded_on=dt.date(2023, 1, 5), full_name="Võ Thị Mai",
        gender="female", birth_date=dt.date(2000, 4, 2), education_level="upper_secondary",
    )  # fmt: skip
    period = period_open(actor=actor, organization=tree.province, year=2024)
    review = dossier_open(actor=actor, period=period, organization=tree.cell_1).reviews.first()
    [notification] = notify(recipients=[actor], kind="info", title="Thông báo thử", email=False)
    training = _training_ids(actor, tree, members)
    committee = _committee(actor, tree, members)
    meeting = meeting_plan(actor=actor, organization=tree.cell_1, kind="regular", planned_on=dt.date(2024, 5, 8))
    fees = _fee_objects(actor, tree, members)
    self_request = request_create(actor=users.member, member=members.hung, kind="party_age", payload={"purpose": "Xét"})
    return {
        **training,
        **committee,
        "/api/v1/organizations/": tree.cell_2.pk,
        "/api/v1/members/": members.lan.pk,
        "/api/v1/events/": members.lan.events.first().pk,
        "/api/v1/transfers/": transfer.pk,
        "/api/v1/candidates/": candidate.pk,
        "/api/v1/review-periods/": period.pk,
        "/api/v1/reviews/": review.pk,
        "/api/v1/notifications/": notification.pk,
        "/api/v1/meetings/": meeting.pk,
        "/api/v1/self-requests/": self_request.pk,
        **fees,
    }


def _fee_objects(actor, tree, members) -> dict[str, int]:
    """A fee basis and a payment of Hùng, a reduction decided by the school's committee, a remittance."""
    from xaydungdang.fees import services as fees

    basis = fees.fee_basis_set(actor=actor, member=members.hung, category="pension", amount=6_000_000,
                               valid_from=dt.date(2026, 1, 1))  # fmt: skip
    [payment] = fees.payment_record(actor=actor, member=members.hung, first_month=dt.date(2026, 6, 1),
                                    paid_on=dt.date(2026, 6, 5))  # fmt: skip
    relief = fees.relief_grant(
        actor=actor, member=members.hung, kind="reduction", reason="hardship", reduction_percent=30,
        valid_from=dt.date(2026, 7, 1), valid_to=dt.date(2026, 12, 1), decision_number="1-QĐ/ĐU",
        decision_date=dt.date(2026, 6, 20), decided_by=tree.school,
    )  # fmt: skip
    remittance = fees.remittance_record(actor=actor, organization=tree.cell_1, period_start=dt.date(2026, 6, 1),
                                        period_end=dt.date(2026, 6, 1), amount=15_000, remitted_on=dt.date(2026, 7, 1))  # fmt: skip
    return {
        "/api/v1/fee-payments/": payment.pk,
        "/api/v1/fee-bases/": basis.pk,
        "/api/v1/fee-reliefs/": relief.pk,
        "/api/v1/fee-remittances/": remittance.pk,
    }


def _training_ids(actor, tree, members) -> dict[str, int]:
    from xaydungdang.training import services as training
    from xaydungdang.training.catalog import ensure_course_kinds

    kinds = ensure_course_kinds()
    training_class = training.class_create(
        actor=actor, organization=tree.commune_a, course_kind=kinds["so-cap"], name="Lớp sơ cấp", organizer="Trung tâm",
        starts_on=dt.date(2024, 3, 1), ends_on=dt.date(2024, 3, 10), capacity=30,
    )  # fmt: skip
    certificate = training.certificate_record(
        actor=actor, course_kind=kinds["so-cap"], member=members.lan, number="SC-1", issued_on=dt.date(2024, 3, 11),
        issued_by="Trung tâm",
    )  # fmt: skip
    plan = training.plan_save(
        actor=actor, organization=tree.commune_a, year=2024, course_kind=kinds["so-cap"], planned_trainees=30
    )
    return {
        "/api/v1/training-classes/": training_class.pk,
        "/api/v1/certificates/": certificate.pk,
        "/api/v1/training-plans/": plan.pk,
    }


def _strategy(operation, mode, real_ids):
    strategy = operation.as_strategy(generation_mode=mode)
    if "{id}" not in operation.path:
        return strategy
    real = next(pk for prefix, pk in real_ids.items() if operation.path.startswith(prefix))
    return st.one_of(strategy, operation.as_strategy(generation_mode=mode, path_parameters={"id": real}))


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_operation_gives_a_server_error(schema, users, members, tree, mode):
    headers = {"Authorization": f"Token {AuthToken.objects.create(user=users.officer)[1]}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    real_ids = _real_ids(tree, members, users)
    for operation in operations:

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=_strategy(operation, mode, real_ids))
        def check(case):
            response = case.call(headers=headers)
            assert response.status_code < 500, f"{case.method} {case.formatted_path} {case.query} {case.body!r}"

        try:
            check()
        except Unsatisfiable:
            # An operation that takes no input at all (POST /notifications/read-all/) has no invalid request.
            assert mode == GenerationMode.NEGATIVE and not operation.path_parameters and not operation.body

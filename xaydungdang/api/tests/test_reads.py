"""Read-only endpoints: candidates with their steps, review periods and approved results, transfers; each
scoped like the pages, with a constant number of queries."""

import datetime as dt

import pytest

from xaydungdang.api.tests.clients import client_for
from xaydungdang.candidates import services as candidates
from xaydungdang.candidates.choices import Step
from xaydungdang.members.lifecycle.services import transfer_issue
from xaydungdang.reviews import services as reviews
from xaydungdang.reviews.choices import Level, TaskProgress

pytestmark = pytest.mark.django_db
D = dt.date


def _candidate(actor, organization, name, national_id="", **fields):
    return candidates.candidate_create(
        actor=actor, organization=organization, recorded_on=D(2023, 1, 5), full_name=name, gender="female",
        birth_date=D(2000, 4, 2), education_level="upper_secondary", national_id=national_id,
        address="12 Hòa Bình", **fields,
    )  # fmt: skip


@pytest.fixture
def pipeline(users, tree):
    """Ngọc (Chi bộ 1) past the course and application; Mai (Chi bộ 2) just recorded; Thảo (thôn Bình)."""
    ngoc = _candidate(users.secretary, tree.cell_1, "Huỳnh Thị Ngọc", national_id="092300001234")
    candidates.candidate_advance(
        actor=users.secretary, candidate=ngoc, step=Step.COURSE, done_on=D(2023, 3, 1), document_number="GCN 12"
    )
    candidates.candidate_advance(actor=users.secretary, candidate=ngoc, step=Step.APPLICATION, done_on=D(2023, 4, 1))
    mai = _candidate(users.officer, tree.cell_2, "Võ Thị Mai")
    thao = _candidate(users.officer, tree.village_b, "Lý Thị Thảo")
    return ngoc, mai, thao


def full_names(response) -> list[str]:
    return [row["full_name"] for row in response.json()["results"]]


# --- candidates --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("who", "expected"),
    [("officer", ["Huỳnh Thị Ngọc", "Võ Thị Mai", "Lý Thị Thảo"]), ("leader", ["Huỳnh Thị Ngọc", "Võ Thị Mai"]),
     ("secretary", ["Huỳnh Thị Ngọc"]), ("outsider", ["Lý Thị Thảo"]), ("member", []), ("nobody", [])],
)  # fmt: skip
def test_candidates_are_listed_in_the_users_scope(users, pipeline, who, expected):
    assert full_names(client_for(getattr(users, who)).get("/api/v1/candidates/")) == expected


def test_a_candidate_shows_their_steps_and_the_next_one(users, pipeline):
    ngoc = pipeline[0]
    data = client_for(users.secretary).get(f"/api/v1/candidates/{ngoc.pk}/").json()
    assert [(s["step"], s["done_on"]) for s in data["steps"]] == [
        ("recorded", "2023-01-05"), ("course", "2023-03-01"), ("application", "2023-04-01")]  # fmt: skip
    assert data["steps"][1]["document_number"] == "GCN 12"
    assert (data["step"], data["next_step"], data["status"]) == ("application", "sponsors", "in_progress")
    assert (data["national_id"], data["personal_data_visible"]) == ("092300001234", True)


def test_candidates_personal_data_is_masked_for_readers(users, pipeline):
    data = client_for(users.leader).get(f"/api/v1/candidates/{pipeline[0].pk}/").json()
    assert (data["national_id"], data["address"], data["personal_data_visible"]) == (
        "0923••••••34",
        "12 H•••••nh",
        False,
    )


@pytest.mark.parametrize("who", ["outsider", "member", "nobody"])
def test_a_candidate_out_of_scope_is_not_found(users, pipeline, who):
    assert client_for(getattr(users, who)).get(f"/api/v1/candidates/{pipeline[0].pk}/").status_code == 404


def test_anonymous_is_refused(users, pipeline):
    assert client_for(None).get("/api/v1/candidates/").status_code in (401, 403)


def test_candidates_filter_by_subtree_step_and_status(users, pipeline, tree):
    client = client_for(users.officer)
    assert full_names(client.get("/api/v1/candidates/", {"org": tree.commune_a.pk})) == ["Huỳnh Thị Ngọc", "Võ Thị Mai"]
    assert full_names(client.get("/api/v1/candidates/", {"org": tree.cell_2.pk})) == ["Võ Thị Mai"]
    assert full_names(client.get("/api/v1/candidates/", {"step": "application"})) == ["Huỳnh Thị Ngọc"]
    assert full_names(client.get("/api/v1/candidates/", {"step": ["recorded", "course"]})) == [
        "Võ Thị Mai", "Lý Thị Thảo"]  # fmt: skip
    assert full_names(client.get("/api/v1/candidates/", {"status": "admitted"})) == []
    response = client_for(users.secretary).get("/api/v1/candidates/", {"org": tree.commune_b.pk})
    assert response.status_code == 400  # an organization the user cannot see is not a valid choice


# --- reviews ---------------------------------------------------------------------------------------------
@pytest.fixture
def approved(users, tree, members):
    """2024: Chi bộ 1's dossier approved (Hùng, Lan and the cell rated good); thôn Bình's still in draft."""
    period = reviews.period_open(
        actor=users.officer, organization=tree.province, year=2024,
        deadlines={"cell": D(2024, 12, 10), "grassroots_committee": D(2024, 12, 20)},
    )  # fmt: skip
    dossier = reviews.dossier_open(actor=users.secretary, period=period, organization=tree.cell_1)
    for row in dossier.reviews.all():
        reviews.review_update(
            actor=users.secretary, review=row, chosen_level=Level.GOOD, task_progress=TaskProgress.EXCEEDED
        )
    reviews.dossier_submit(actor=users.secretary, dossier=dossier)
    reviews.dossier_approve(actor=users.officer, dossier=dossier)
    reviews.dossier_open(actor=users.outsider, period=period, organization=tree.village_b)
    return period


def subjects(response) -> set[str]:
    return {row["subject_name"] for row in response.json()["results"]}


def test_review_results_are_the_approved_ones_in_scope(users, approved, tree):
    everyone = {"Nguyễn Văn Hùng", "Trần Thị Lan", str(tree.cell_1)}
    assert subjects(client_for(users.officer).get("/api/v1/reviews/")) == everyone
    assert subjects(client_for(users.leader).get("/api/v1/reviews/")) == everyone
    assert subjects(client_for(users.member).get("/api/v1/reviews/")) == {"Nguyễn Văn Hùng"}  # their own
    assert subjects(client_for(users.outsider).get("/api/v1/reviews/")) == set()  # thôn Bình: not approved
    assert subjects(client_for(users.nobody).get("/api/v1/reviews/")) == set()


def test_review_results_filter_and_detail(users, approved, members, tree):
    client = client_for(users.officer)
    rows = client.get("/api/v1/reviews/", {"subject": "member", "period": approved.pk}).json()["results"]
    assert {(r["subject_name"], r["level"], r["period_name"]) for r in rows} == {
        ("Nguyễn Văn Hùng", "good", approved.name), ("Trần Thị Lan", "good", approved.name)}  # fmt: skip
    assert subjects(client.get("/api/v1/reviews/", {"subject": "organization"})) == {str(tree.cell_1)}
    assert subjects(client.get("/api/v1/reviews/", {"org": tree.commune_b.pk})) == set()
    assert subjects(client.get("/api/v1/reviews/", {"level": "excellent"})) == set()
    hung = client.get("/api/v1/reviews/", {"member": members.hung.pk}).json()["results"][0]
    assert client_for(users.member).get(f"/api/v1/reviews/{hung['id']}/").json()["level"] == "good"
    assert client_for(users.outsider).get(f"/api/v1/reviews/{hung['id']}/").status_code == 404


def test_review_periods_reach_down_the_tree(users, approved):
    for who in ("officer", "secretary", "outsider", "member"):
        names = [p["name"] for p in client_for(getattr(users, who)).get("/api/v1/review-periods/").json()["results"]]
        assert names == [approved.name], who
    assert client_for(users.nobody).get("/api/v1/review-periods/").json()["count"] == 0


# --- query counts ---------------------------------------------------------------------------------------------
def test_new_lists_run_a_constant_number_of_queries(
    users, members, tree, pipeline, approved, django_assert_max_num_queries
):
    for name in ("Đinh Thị Yến", "Tô Thị Hạnh", "Mạc Thị Liên"):
        _candidate(users.officer, tree.cell_1, name)
    for member, to in ((members.hung, tree.village_b), (members.nam, tree.cell_2), (members.tuan, None)):
        transfer_issue(actor=users.officer, member=member, issued_on=D(2024, 5, 6), letter_number="1-GGT",
                       to_organization=to, external_organization="" if to else "Đảng bộ tỉnh Hậu Giang")  # fmt: skip
    client = client_for(users.officer)
    for url in ("/api/v1/candidates/", "/api/v1/reviews/", "/api/v1/review-periods/", "/api/v1/transfers/"):
        with django_assert_max_num_queries(8):
            assert client.get(url).status_code == 200


# --- transfers ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("who", "expected"),
    [("officer", {"Nguyễn Văn Hùng", "Phạm Minh Tuấn"}), ("leader", {"Nguyễn Văn Hùng"}),
     ("secretary", {"Nguyễn Văn Hùng"}), ("member", {"Nguyễn Văn Hùng"}),
     ("outsider", {"Nguyễn Văn Hùng", "Phạm Minh Tuấn"}), ("nobody", set())],
)  # fmt: skip
def test_transfers_are_those_of_visible_members_and_those_waiting_for_the_user(users, members, tree, who, expected):
    """Hùng's letter to thôn Bình is the sender's and, while it waits, the receiver's; Tuấn leaves the system."""
    transfer_issue(actor=users.officer, member=members.hung, issued_on=D(2024, 5, 6), letter_number="1-GGT",
                   to_organization=tree.village_b)  # fmt: skip
    transfer_issue(actor=users.officer, member=members.tuan, issued_on=D(2024, 5, 6), letter_number="2-GGT",
                   external_organization="Đảng bộ tỉnh Hậu Giang")  # fmt: skip
    rows = client_for(getattr(users, who)).get("/api/v1/transfers/").json()["results"]
    assert {row["member_full_name"] for row in rows} == expected

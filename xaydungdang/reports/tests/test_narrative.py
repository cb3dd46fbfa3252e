"""The narrative report speaks of the organization it is about (a cell is "Chi bộ"), leaves out sentences whose
figures are zero or do not apply, and states the review results as the committees publish them."""

import datetime as dt
import re

import pytest

from xaydungdang.reports.narrative import narrative
from xaydungdang.reviews import services as review_services
from xaydungdang.reviews.choices import Level

pytestmark = pytest.mark.django_db
D = dt.date
ZERO = re.compile(r"(?<![\d.,])0 (đảng viên|chi bộ|tổ chức)")


def text_of(report) -> str:
    return "\n".join([title for title, _s in report.sections] + [s for _t, ss in report.sections for s in ss])


def test_a_cells_report_speaks_of_the_cell(tree, varied):
    report = narrative(tree.cell_1, D(2023, 1, 1), D(2023, 12, 31))
    text = text_of(report)
    assert "Chi bộ có 3 đảng viên" in text
    assert "Toàn đảng bộ" not in text and "tổ chức đảng trực thuộc" not in text
    assert "số chi bộ" not in text and "Thành lập mới" not in text
    assert [title.split(". ", 1)[1] for title, _s in report.sections][0] == "Đảng viên"
    assert report.sections[0][0].startswith("I. ")  # numbered from I after the skipped section


def test_sentences_whose_figures_are_zero_are_left_out(tree, varied):
    report = narrative(tree.cell_1, D(2019, 1, 1), D(2019, 12, 31))  # nothing happened in 2019
    text = text_of(report)
    assert not ZERO.search(text), text
    assert "kết nạp" not in text and "Trong kỳ có" not in text
    assert not re.search(r"(?<![\d,])0%", text)


def test_a_committees_report_speaks_of_the_whole_party_organization(tree, varied):
    text = text_of(narrative(tree.province, D(2023, 1, 1), D(2023, 12, 31)))
    assert "Toàn đảng bộ có" in text and "tổ chức cơ sở đảng" in text
    assert not ZERO.search(text), text


def test_review_results_in_the_narrative_with_the_good_or_better_rate(tree, varied, users):
    period = review_services.period_open(
        actor=users.officer, organization=tree.province, year=2024,
        deadlines={"cell": D(2024, 12, 10), "grassroots_committee": D(2024, 12, 20)},
    )  # fmt: skip
    for organization, level in ((tree.village_a, Level.GOOD), (tree.village_b, Level.COMPLETED)):
        dossier = review_services.dossier_open(actor=users.officer, period=period, organization=organization)
        for row in dossier.reviews.all():
            review_services.review_update(actor=users.officer, review=row, chosen_level=level, self_assessed=True)
        review_services.dossier_submit(actor=users.officer, dossier=dossier)
        review_services.dossier_approve(actor=users.officer, dossier=dossier)
    report = narrative(tree.province, D(2024, 1, 1), D(2024, 12, 31))
    title, sentences = report.sections[-1]
    assert title.endswith("Đánh giá, xếp loại chất lượng")
    assert sentences[0].startswith("Năm 2024, 2 tổ chức cơ sở đảng được đánh giá, xếp loại: 1 hoàn thành tốt nhiệm vụ")
    assert "tỷ lệ hoàn thành tốt nhiệm vụ trở lên đạt 50%" in sentences[0]
    assert any(s.startswith("Năm 2024, ") and "đảng viên được đánh giá" in s for s in sentences)

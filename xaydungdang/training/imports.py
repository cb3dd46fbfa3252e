"""Import of a class list with results from Excel or CSV: a dry run lists every error by row and column; the
commit is all or nothing; the same file again changes nothing (enrolment and results are upserts).

Each row goes through the same services as the pages (enrolment, result and certificate), so an import can
do nothing the forms refuse.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from xaydungdang.access.choices import Action
from xaydungdang.candidates.models import Candidate
from xaydungdang.members.models import Member
from xaydungdang.training import services
from xaydungdang.training.choices import Purpose, Result
from xaydungdang.training.models import Enrollment, TrainingClass

# field, header, kind; the headers are the file format (the same in every interface language).
COLUMNS = (
    ("full_name", "Họ và tên", "text", True),
    ("national_id", "Số CCCD", "digits", False),
    ("record_number", "Số lý lịch", "text", False),
    ("result", "Kết quả", "choice", False),
    ("score", "Điểm", "text", False),
    ("certificate_number", "Số giấy chứng nhận", "text", False),
    ("certificate_date", "Ngày cấp", "date", False),
)
COLUMN_HEADERS = [header for _field, header, _kind, _required in COLUMNS]
HEADER_OF = {name: header for name, header, _kind, _required in COLUMNS}
# A service's error on one of its arguments belongs to this column of the file.
SERVICE_FIELDS = {"member": "full_name", "candidate": "full_name", "result": "result", "score": "score"}
SERVICE_FIELDS |= {"certificate_number": "certificate_number", "certificate_date": "certificate_date"}


@dataclass
class ImportReport:
    rows: int = 0
    enrolled: int = 0
    results: int = 0
    unchanged: int = 0
    committed: bool = False
    file_error: str = ""
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (row, column header, message)


def _result_choices() -> tuple[tuple[str, str], ...]:
    """Cells hold the Vietnamese labels whatever the interface language (the file format)."""
    with translation.override("vi"):
        return tuple((value, str(label)) for value, label in Result.choices)


def _columns():
    # Function-local on purpose: the one reader with zip-bomb and size limits lives in `exchange` (a layer
    # above training); reusing it at call time beats writing a second reader here.
    from xaydungdang.exchange.columns import Column

    kinds = {"text": "text", "digits": "digits", "date": "date", "choice": "choice"}
    return tuple(
        Column(name, header, kind=kinds[kind], required=required, choices=_result_choices() if kind == "choice" else ())
        for name, header, kind, required in COLUMNS
    )


def _person(training_class: TrainingClass, user, values: dict):
    """The trainee a row names: by CCCD, else record number, else a unique exact name in the subtree."""
    awareness = training_class.course_kind.purpose == Purpose.AWARENESS
    model = Candidate if awareness else Member
    rows = model.objects.visible_to(user, Action.CHANGE).filter(
        organization__path__startswith=training_class.organization.path
    )
    if values.get("national_id"):
        rows = rows.filter(national_id=values["national_id"])
    elif values.get("record_number") and not awareness:
        rows = rows.filter(record_number=values["record_number"])
    else:
        rows = rows.filter(full_name=values["full_name"])
    found = list(rows[:2])
    if len(found) == 1:
        return ("candidate" if awareness else "member"), found[0]
    if not found:
        raise ValidationError({"full_name": [_("Không tìm thấy người này trong tổ chức đảng mở lớp.")]})
    raise ValidationError({"full_name": [_("Có nhiều người trùng họ tên; hãy ghi số CCCD hoặc số lý lịch.")]})


def _row(actor, training_class: TrainingClass, values: dict, report: ImportReport) -> None:
    role, person = _person(training_class, actor, values)
    enrollment = Enrollment.objects.filter(training_class=training_class, **{role: person}).first()
    if enrollment is None:
        enrollment = services.enrollment_create(actor=actor, training_class=training_class, **{role: person})
        report.enrolled += 1
    if not values.get("result"):
        return
    score = None
    if values.get("score"):
        try:
            score = Decimal(str(values["score"]).replace(",", "."))
        except InvalidOperation as exc:
            raise ValidationError({"score": [_("Điểm phải là số từ 0 đến 10.")]}) from exc
    before = (enrollment.result, enrollment.score, getattr(getattr(enrollment, "certificate", None), "number", None))
    enrollment = services.result_record(
        actor=actor,
        enrollment=enrollment,
        result=values["result"],
        score=score,
        certificate_number=values.get("certificate_number") or "",
        certificate_date=values.get("certificate_date"),
    )
    enrollment.refresh_from_db()
    after = (enrollment.result, enrollment.score, getattr(getattr(enrollment, "certificate", None), "number", None))
    if before != after:
        report.results += 1


def class_list_import(*, actor, training_class: TrainingClass, file_name: str, content: bytes, commit: bool):
    from xaydungdang.exchange.columns import CellError, parse_cell  # see _columns() for why here
    from xaydungdang.exchange.readers import FileError, read_table

    report = ImportReport()
    columns = _columns()
    try:
        table = read_table(file_name, content, columns)
        rows = list(table.rows)
    except FileError as exc:
        report.file_error = str(exc)
        return report
    by_field = {column.field: column for column in columns}
    with transaction.atomic():
        for raw in rows:
            report.rows += 1
            values, bad = {}, False
            for name, cell in raw.values.items():
                try:
                    values[name] = parse_cell(by_field[name], cell)
                except CellError as exc:
                    report.errors.append((raw.number, HEADER_OF[name], str(exc)))
                    bad = True
            if bad:
                continue
            if not values.get("full_name"):
                report.errors.append((raw.number, HEADER_OF["full_name"], _("Thiếu họ và tên.")))
                continue
            before = report.enrolled + report.results
            try:
                with transaction.atomic():
                    _row(actor, training_class, values, report)
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    header = HEADER_OF.get(SERVICE_FIELDS.get(name, name), HEADER_OF["full_name"])
                    report.errors.extend((raw.number, header, message) for message in messages)
                continue
            if report.enrolled + report.results == before:
                report.unchanged += 1
        report.committed = commit and not report.errors
        if not report.committed:
            transaction.set_rollback(True)
    return report

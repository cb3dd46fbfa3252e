"""Writes of members' own requests: file one, approve it (apply the change, or issue the document),
return it with a reason, mark a document handed over. Each write keeps who and why in the history."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from xaydungdang.access.choices import Role
from xaydungdang.access.models import Assignment
from xaydungdang.access.policy import OUT_OF_SCOPE, OutOfScope, policy_for
from xaydungdang.core.dates import today
from xaydungdang.core.history import save_with_history
from xaydungdang.members.models import Member
from xaydungdang.members.services import member_update
from xaydungdang.notifications.services import notify
from xaydungdang.selfservice import documents
from xaydungdang.selfservice.choices import DOCUMENT_KINDS, RequestKind, RequestStatus
from xaydungdang.selfservice.models import SelfRequest

# What a member may ask to correct: the member's own fields, and the e-mail of their account.
MEMBER_FIELDS = ("address", "phone", "education_level", "qualification", "theory_level")
CORRECTABLE_FIELDS = (*MEMBER_FIELDS, "email")
# A new qualification or theory level is proved by its diploma or certificate.
CERTIFIED_FIELDS = frozenset({"qualification", "theory_level"})
NOTIFY_KIND = "selfservice_request"
MAX_CERTIFICATE_BYTES = 10 * 1024 * 1024
CERTIFICATE_EXTENSIONS = (".pdf", ".jpg", ".jpeg", ".png")


def field_label(name: str) -> str:
    if name == "email":
        return _("thư điện tử")
    return str(Member._meta.get_field(name).verbose_name)


def display_value(name: str, value) -> str:
    """A proposed or current value as people read it (choices by label)."""
    if name == "email" or value in (None, ""):
        return value or "—"
    field = Member._meta.get_field(name)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def current_values(member: Member) -> dict:
    values = {name: getattr(member, name) for name in MEMBER_FIELDS}
    values["email"] = member.user.email if member.user_id else ""
    return values


def approvers(member: Member) -> list:
    """Who receives the request: the secretaries of the member's cell (on it, or with a subtree grant above
    it); when there are none, the officers over the cell."""
    cell = member.organization
    steplen = type(cell).steplen
    ancestors = [cell.path[:end] for end in range(steplen, len(cell.path), steplen)]
    valid = Q(valid_until__isnull=True) | Q(valid_until__gte=today())
    covering = Q(organization__path=cell.path) | Q(organization__path__in=ancestors, scope="subtree")
    rows = Assignment.objects.filter(valid, covering).select_related("user", "organization")
    for role in (Role.SECRETARY, Role.OFFICER):
        users = [a.user for a in rows if a.role == role and a.user.is_active and a.user_id != member.user_id]
        if users:
            return users
    return []


def _clean_changes(member: Member, payload: dict, certificate) -> dict:
    unknown = set(payload) - set(CORRECTABLE_FIELDS)
    if unknown:
        raise ValidationError(
            {"payload": _("Không thể đề nghị đính chính các trường: %s.") % ", ".join(sorted(unknown))}
        )
    current = current_values(member)
    changes = {name: (value or "").strip() for name, value in payload.items()}
    changes = {name: value for name, value in changes.items() if value != (current[name] or "")}
    if not changes:
        raise ValidationError({"payload": _("Hãy ghi ít nhất một thông tin mới khác với hồ sơ hiện tại.")})
    errors: dict[str, list] = {}
    for name, value in changes.items():
        try:
            if name == "email":
                validate_email(value)
            else:
                Member._meta.get_field(name).clean(value, member)
        except ValidationError as exc:
            errors[name] = [f"{field_label(name).capitalize()}: {message}" for message in exc.messages]
    if CERTIFIED_FIELDS & set(changes) and not certificate:
        labels = ", ".join(field_label(name) for name in sorted(CERTIFIED_FIELDS & set(changes)))
        errors["certificate"] = [_("Đề nghị đính chính %s phải kèm bản chụp bằng, chứng chỉ.") % labels]
    if errors:
        raise ValidationError(errors)
    return changes


def _check_certificate(certificate) -> None:
    if not certificate:
        return
    name = (certificate.name or "").lower()
    if not name.endswith(CERTIFICATE_EXTENSIONS):
        raise ValidationError({"certificate": _("Bằng, chứng chỉ kèm theo phải là tệp PDF, JPG hoặc PNG.")})
    if certificate.size > MAX_CERTIFICATE_BYTES:
        raise ValidationError({"certificate": _("Bằng, chứng chỉ kèm theo không được lớn hơn 10 MB.")})


def _clean_document(kind: str, payload: dict) -> dict:
    purpose = (payload.get("purpose") or "").strip()
    addressee = (payload.get("addressee") or "").strip()
    errors = {}
    if not purpose:
        errors["purpose"] = [_("Hãy ghi mục đích xin cấp giấy.")]
    if kind == RequestKind.INTRODUCTION and not addressee:
        errors["addressee"] = [_("Hãy ghi nơi được giới thiệu đến.")]
    if errors:
        raise ValidationError(errors)
    return {"purpose": purpose, **({"addressee": addressee} if kind == RequestKind.INTRODUCTION else {})}


@transaction.atomic
def request_create(*, actor, member: Member, kind: str, payload: dict, note: str = "", certificate=None) -> SelfRequest:
    """A member files their own request; the cell's secretaries are notified."""
    member = Member.objects.select_related("organization", "user").select_for_update(of=("self",)).get(pk=member.pk)
    if not policy_for(actor).files_for_member(member):
        raise OutOfScope(OUT_OF_SCOPE)
    if kind not in RequestKind.values:
        raise ValidationError({"kind": _("Loại đề nghị không hợp lệ.")})
    if not member.is_active_member:
        raise ValidationError({"kind": _("Chỉ đảng viên đang sinh hoạt mới gửi đề nghị.")})
    if SelfRequest.objects.filter(member=member, kind=kind, status=RequestStatus.SUBMITTED).exists():
        raise ValidationError({"kind": _("Bạn đã có một đề nghị cùng loại đang chờ duyệt.")})
    _check_certificate(certificate)
    if kind == RequestKind.CORRECT_DATA:
        cleaned = _clean_changes(member, payload or {}, certificate)
    else:
        cleaned = _clean_document(kind, payload or {})
        certificate = None
    request = SelfRequest(member=member, kind=kind, payload=cleaned, note=(note or "").strip(), submitted_by=actor)
    if certificate:
        request.certificate = certificate
    save_with_history(request, actor=actor, reason=_("Đảng viên gửi đề nghị"))
    notify(
        recipients=approvers(member),
        kind=NOTIFY_KIND,
        title=_("Đề nghị của đảng viên %(name)s: %(kind)s")
        % {"name": member.full_name, "kind": request.get_kind_display()},
        body=request.note,
        url=reverse("selfservice:request", args=[request.pk]),
        key=f"selfrequest:{request.pk}:submitted",
    )
    return request


def _locked(request: SelfRequest, actor) -> SelfRequest:
    request = (
        SelfRequest.objects.select_related("member__organization", "member__user")
        .select_for_update(of=("self",))
        .get(pk=request.pk)
    )
    if not policy_for(actor).decides_for_member(request.member):
        raise OutOfScope(OUT_OF_SCOPE)
    return request


def _require_open(request: SelfRequest) -> None:
    if request.status != RequestStatus.SUBMITTED:
        raise ValidationError(
            _("Đề nghị này đã được xử lý (%(status)s).") % {"status": request.get_status_display().lower()}
        )


def requester_reason(request: SelfRequest, actor) -> str:
    """The reason the member's history shows: the requester by name, the approver is the history's user."""
    return _("Theo đề nghị của đảng viên %(name)s (đề nghị số %(pk)s), %(approver)s duyệt") % {
        "name": request.member.full_name,
        "pk": request.pk,
        "approver": actor.get_full_name() or actor.get_username(),
    }


def _notify_member(request: SelfRequest, title: str, body: str = "", attachments=()) -> None:
    if request.member.user_id is None:
        return
    notify(
        recipients=[request.member.user],
        kind=NOTIFY_KIND,
        title=title,
        body=body,
        url=reverse("selfservice:home"),
        key=f"selfrequest:{request.pk}:{request.status}",
        attachments=attachments,
    )


@transaction.atomic
def request_approve(*, actor, request: SelfRequest, document_number: str = "") -> SelfRequest:
    """Approve: a correction goes through the member edit service (the member as requester in the reason,
    the approver as the history's user); a document is produced and sent to the member."""
    request = _locked(request, actor)
    _require_open(request)
    member = request.member
    attachments = []
    if request.kind == RequestKind.CORRECT_DATA:
        changes = {name: value for name, value in request.payload.items() if name in MEMBER_FIELDS}
        if changes:
            member_update(actor=actor, member=member, reason=requester_reason(request, actor), **changes)
        if "email" in request.payload and member.user_id:
            user = member.user
            user.email = request.payload["email"]
            user.save(update_fields=["email"])
        request.status = RequestStatus.DONE
        title = _("Đề nghị đính chính thông tin của bạn đã được duyệt")
    else:
        request.document_number = (document_number or "").strip()[:50]
        signed = today()
        content = documents.render(request, signed)
        name = documents.filename(request)
        request.document.save(name, ContentFile(content), save=False)
        request.status = RequestStatus.APPROVED
        attachments = [(name, content, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
        title = _("Đã cấp %(kind)s theo đề nghị của bạn") % {"kind": request.get_kind_display().lower()}
    request.decided_by = actor
    request.decided_at = timezone.now()
    save_with_history(request, actor=actor, reason=requester_reason(request, actor))
    _notify_member(request, title, attachments=attachments)
    return request


@transaction.atomic
def request_return(*, actor, request: SelfRequest, reason: str) -> SelfRequest:
    """Return the request to the member with the reason (nothing is changed)."""
    request = _locked(request, actor)
    _require_open(request)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Phải ghi lý do trả lại đề nghị.")})
    request.status = RequestStatus.RETURNED
    request.return_reason = reason
    request.decided_by = actor
    request.decided_at = timezone.now()
    save_with_history(request, actor=actor, reason=_("Trả lại: %s") % reason)
    _notify_member(request, _("Đề nghị của bạn bị trả lại"), body=reason)
    return request


@transaction.atomic
def request_mark_done(*, actor, request: SelfRequest) -> SelfRequest:
    """The signed and stamped paper of an issued document was handed to the member."""
    request = _locked(request, actor)
    if request.kind not in DOCUMENT_KINDS or request.status != RequestStatus.APPROVED:
        raise ValidationError(_("Chỉ đánh dấu hoàn thành giấy đã cấp."))
    request.status = RequestStatus.DONE
    save_with_history(request, actor=actor, reason=_("Đã giao giấy có chữ ký, đóng dấu cho đảng viên"))
    return request

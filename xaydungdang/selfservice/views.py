"""Pages of the members' own side: My space, their requests, the secretary's decision, member accounts."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from xaydungdang.access.choices import Action
from xaydungdang.access.models import AccessLog
from xaydungdang.access.policy import OUT_OF_SCOPE, get_visible_or_404, policy_for, refusals_as_404
from xaydungdang.access.services import access_log_record
from xaydungdang.core.dates import today
from xaydungdang.core.history import SENSITIVE_FIELDS, mask
from xaydungdang.members.choices import ACTIVE_STATUSES
from xaydungdang.members.models import Member
from xaydungdang.members.selectors import own_member
from xaydungdang.organizations.models import Organization
from xaydungdang.selfservice import accounts, selectors, services
from xaydungdang.selfservice.choices import DOCUMENT_KINDS, RequestKind, RequestStatus
from xaydungdang.selfservice.forms import ApproveForm, CorrectionForm, DocumentForm, ReturnForm
from xaydungdang.selfservice.models import SelfRequest

PERSONAL_FIELDS = SENSITIVE_FIELDS | {"email"}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _own_member(request: HttpRequest) -> Member:
    member = own_member(request.user)
    if member is None:
        raise Http404(str(OUT_OF_SCOPE))
    return member


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Trang của tôi: the member's record and everything about them, phone first."""
    member = _own_member(request)
    space = selectors.my_space(request.user, member)
    context = {
        "space": space,
        "member": member,
        "kinds": RequestKind,
        "can_file": member.status in ACTIVE_STATUSES,
        "today": today(),
    }
    return render(request, "selfservice/home.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest, kind: str) -> HttpResponse:
    """The member files a request: a correction of their data, or a document."""
    member = _own_member(request)
    if kind not in RequestKind.values:
        raise Http404(str(OUT_OF_SCOPE))
    if kind == RequestKind.CORRECT_DATA:
        initial = services.current_values(member)
        form = CorrectionForm(request.POST or None, request.FILES or None, initial=initial)
    else:
        form = DocumentForm(request.POST or None, kind=kind)
    if request.method == "POST" and form.is_valid():
        with refusals_as_404():
            created = form.run(
                services.request_create,
                actor=request.user,
                member=member,
                kind=kind,
                payload=form.payload(),
                note=form.cleaned_data.get("note", ""),
                certificate=form.cleaned_data.get("certificate"),
            )
        if created:
            messages.success(request, _("Đã gửi đề nghị đến chi bộ."))
            return redirect("selfservice:home")
    context = {"form": form, "kind": kind, "title": RequestKind(kind).label, "member": member}
    return render(request, "selfservice/request_form.html", context)


def _visible_request(request: HttpRequest, pk: int) -> SelfRequest:
    return get_visible_or_404(
        SelfRequest.objects.select_related("member__organization", "member__user", "decided_by", "submitted_by"),
        request.user,
        pk=pk,
    )


def _rows(self_request: SelfRequest, viewer) -> list[tuple[str, str, str]]:
    """Each proposed field: its label, the current and the proposed value; personal data masked for a viewer
    who may not see it (a leader reading the cell), as on the member's page."""
    current = services.current_values(self_request.member)
    shown = policy_for(viewer).sees_member_personal_data(self_request.member)

    def text(name, value):
        value = services.display_value(name, value)
        return value if shown or name not in PERSONAL_FIELDS or value == "—" else mask(value)

    return [
        (services.field_label(name).capitalize(), text(name, current.get(name)), text(name, value))
        for name, value in self_request.payload.items()
        if name in services.CORRECTABLE_FIELDS
    ]


@login_required
@require_GET
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A request as its member and its deciders see it; the deciders approve or return it here."""
    self_request = _visible_request(request, pk)
    policy = policy_for(request.user)
    decides = policy.decides_for_member(self_request.member)
    return _detail(request, self_request, decides, ApproveForm(), ReturnForm())


def _detail(request, self_request, decides, approve_form, return_form, status=200) -> HttpResponse:
    from xaydungdang.core.history import history_entries

    context = {
        "req": self_request,
        "rows": _rows(self_request, request.user) if self_request.kind == RequestKind.CORRECT_DATA else [],
        "sees_files": _sees_files(request.user, self_request),
        "decides": decides and self_request.is_open,
        "can_mark_done": decides and self_request.status == RequestStatus.APPROVED,
        "approve_form": approve_form,
        "return_form": return_form,
        "history_entries": history_entries(self_request, viewer=request.user),
    }
    return render(request, "selfservice/request_detail.html", context, status=status)


def _decided_request(request: HttpRequest, pk: int) -> SelfRequest:
    self_request = _visible_request(request, pk)
    if not policy_for(request.user).decides_for_member(self_request.member):
        raise Http404(str(OUT_OF_SCOPE))
    return self_request


@login_required
@require_POST
def request_approve(request: HttpRequest, pk: int) -> HttpResponse:
    self_request = _decided_request(request, pk)
    form = ApproveForm(request.POST)
    if form.is_valid():
        with refusals_as_404():
            done = form.run(services.request_approve, actor=request.user, request=self_request, **form.cleaned_data)
        if done:
            messages.success(request, _("Đã duyệt đề nghị."))
            return redirect("selfservice:request", pk=pk)
    return _detail(request, self_request, True, form, ReturnForm(), status=400)


@login_required
@require_POST
def request_return(request: HttpRequest, pk: int) -> HttpResponse:
    self_request = _decided_request(request, pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        with refusals_as_404():
            done = form.run(services.request_return, actor=request.user, request=self_request, **form.cleaned_data)
        if done:
            messages.success(request, _("Đã trả lại đề nghị cho đảng viên."))
            return redirect("selfservice:request", pk=pk)
    return _detail(request, self_request, True, ApproveForm(), form, status=400)


@login_required
@require_POST
def request_done(request: HttpRequest, pk: int) -> HttpResponse:
    self_request = _decided_request(request, pk)
    form = ApproveForm()
    with refusals_as_404():
        done = form.run(services.request_mark_done, actor=request.user, request=self_request)
    if done:
        messages.success(request, _("Đã ghi nhận giao giấy cho đảng viên."))
        return redirect("selfservice:request", pk=pk)
    return _detail(request, self_request, True, form, ReturnForm(), status=400)


def _sees_files(user, self_request: SelfRequest) -> bool:
    """The attached certificate and the issued document: the member, and who may change in their cell."""
    policy = policy_for(user)
    return policy.files_for_member(self_request.member) or policy.can_in_organization(
        Action.CHANGE, self_request.member.organization
    )


def _file_response(request, self_request: SelfRequest, field, what: str, content_type=None) -> FileResponse:
    if not field or not _sees_files(request.user, self_request):
        raise Http404(str(OUT_OF_SCOPE))
    access_log_record(
        user=request.user,
        kind=AccessLog.Kind.DOCUMENT,
        what=f"{what}: {self_request.member.full_name}",
        detail={"self_request": self_request.pk, "member": self_request.member_id},
        request=request,
    )
    name = field.name.rsplit("/", 1)[-1]
    return FileResponse(field.open("rb"), as_attachment=True, filename=name, content_type=content_type)


@login_required
@require_GET
def request_document(request: HttpRequest, pk: int) -> FileResponse:
    """The issued document (.docx): its member, and who may change in the member's cell."""
    self_request = _visible_request(request, pk)
    if self_request.kind not in DOCUMENT_KINDS:
        raise Http404(str(OUT_OF_SCOPE))
    return _file_response(request, self_request, self_request.document, self_request.get_kind_display(), DOCX)


@login_required
@require_GET
def request_certificate(request: HttpRequest, pk: int) -> FileResponse:
    """The certificate the member attached: the member, and who may change in the member's cell."""
    self_request = _visible_request(request, pk)
    return _file_response(request, self_request, self_request.certificate, _("Bằng, chứng chỉ kèm theo"))


def _office_cell(request: HttpRequest, org_pk: int) -> Organization:
    organization = get_visible_or_404(Organization.objects, request.user, Action.CHANGE, pk=org_pk)
    with refusals_as_404():
        policy_for(request.user).require_in_organization(Action.CHANGE, organization)
    if not organization.holds_members:
        raise Http404(str(OUT_OF_SCOPE))
    return organization


@login_required
@require_GET
def cell_requests(request: HttpRequest, org_pk: int) -> HttpResponse:
    """The cell's members' requests: waiting ones first, then the last decided."""
    organization = _office_cell(request, org_pk)
    rows = (
        SelfRequest.objects.visible_to(request.user, Action.CHANGE)
        .filter(member__organization=organization)
        .select_related("member", "decided_by")
    )
    context = {
        "organization": organization,
        "waiting": rows.filter(status=RequestStatus.SUBMITTED).order_by("submitted_at", "id"),
        "decided": rows.exclude(status=RequestStatus.SUBMITTED).order_by("-decided_at", "-id")[:50],
    }
    return render(request, "selfservice/cell_requests.html", context)


@login_required
@require_GET
def organization_tab(request: HttpRequest, pk: int) -> HttpResponse:
    """The "Đảng viên tự phục vụ" tab of a cell: waiting requests and accounts, with links to both pages."""
    organization = _office_cell(request, pk)
    members = Member.objects.filter(organization=organization, status__in=ACTIVE_STATUSES)
    context = {
        "organization": organization,
        "waiting": SelfRequest.objects.visible_to(request.user, Action.CHANGE)
        .filter(member__organization=organization, status=RequestStatus.SUBMITTED)
        .count(),
        "with_account": members.filter(user__isnull=False).count(),
        "without_account": members.filter(user__isnull=True).count(),
    }
    return render(request, "selfservice/_organization_tab.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def cell_accounts(request: HttpRequest, org_pk: int) -> HttpResponse:
    """Create accounts in bulk for the cell's members without one; resend a link to those not activated."""
    organization = _office_cell(request, org_pk)
    errors: dict[str, list] = {}
    if request.method == "POST":
        chosen = [int(v) for v in request.POST.getlist("member") if v.isdigit()]
        entries = {member_id: request.POST.get(f"email_{member_id}", "") for member_id in chosen}
        try:
            with refusals_as_404():
                created = accounts.member_accounts_create(
                    actor=request.user, organization=organization, entries=entries
                )
        except ValidationError as exc:
            errors = exc.message_dict
        else:
            messages.success(
                request, _("Đã tạo %(count)s tài khoản và gửi đường dẫn đặt mật khẩu.") % {"count": len(created)}
            )
            return redirect("selfservice:accounts", org_pk=organization.pk)
    members = (
        Member.objects.filter(organization=organization, status__in=ACTIVE_STATUSES)
        .select_related("user")
        .order_by("sort_name", "pk")
    )
    rows = [
        {
            "member": m,
            "checked": str(m.pk) in request.POST.getlist("member"),
            "email": request.POST.get(f"email_{m.pk}", ""),
            "errors": errors.get(f"email_{m.pk}", []),
        }
        for m in members
    ]
    context = {
        "organization": organization,
        "without": [r for r in rows if r["member"].user_id is None],
        "pending": [r for r in rows if r["member"].user_id and not r["member"].user.has_usable_password()],
        "active": [r for r in rows if r["member"].user_id and r["member"].user.has_usable_password()],
        "errors": errors.get("members", []),
    }
    return render(request, "selfservice/cell_accounts.html", context, status=400 if errors else 200)


@login_required
@require_POST
def account_resend(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_visible_or_404(Member.objects.select_related("organization"), request.user, Action.CHANGE, pk=pk)
    try:
        with refusals_as_404():
            accounts.member_account_resend(actor=request.user, member=member)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã gửi lại đường dẫn đặt mật khẩu cho %s.") % member.full_name)
    return redirect("selfservice:accounts", org_pk=member.organization_id)


class ActivateView(auth_views.PasswordResetConfirmView):
    """The one-time link of a new member account: the member sets their password (Django's token)."""

    template_name = "selfservice/activate.html"
    success_url = reverse_lazy("login")
    post_reset_login = False

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None

    def form_valid(self, form):
        messages.success(self.request, _("Đã đặt mật khẩu. Hãy đăng nhập bằng tên đăng nhập và mật khẩu mới."))
        return super().form_valid(form)


activate = ActivateView.as_view()

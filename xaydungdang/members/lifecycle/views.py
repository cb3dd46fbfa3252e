"""Pages of the lifecycle: a member's timeline, the event forms, documents, due work, the register, transfers."""

import datetime as dt
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from xaydungdang.access.choices import Action
from xaydungdang.access.models import AccessLog
from xaydungdang.access.policy import OUT_OF_SCOPE, get_visible_or_404, policy_for, refusals_as_404
from xaydungdang.access.services import access_log_record
from xaydungdang.core.dates import format_vn_date, today
from xaydungdang.core.htmx import page_or_partial
from xaydungdang.core.pagination import page_of
from xaydungdang.core.pdf import document_response
from xaydungdang.core.querystring import query_date, query_text
from xaydungdang.members import certificates
from xaydungdang.members.choices import EventKind
from xaydungdang.members.lifecycle import documents, rules
from xaydungdang.members.lifecycle.forms import (
    EVENT_FORMS,
    ArrivalForm,
    TransferAcceptForm,
    applicable_kinds,
)
from xaydungdang.members.lifecycle.models import Transfer
from xaydungdang.members.lifecycle.register import (
    COLUMNS,
    REGISTER_FIELDS,
    register_members,
    register_row,
    register_xlsx,
)
from xaydungdang.members.lifecycle.selectors import badge_label, event_badges, member_badges, member_timeline
from xaydungdang.members.lifecycle.services import member_transfer_in_from_outside
from xaydungdang.members.lifecycle.services import transfer_accept as transfer_accept_service
from xaydungdang.members.models import Member, MembershipEvent
from xaydungdang.organizations.models import Organization

REGISTER_INLINE_MAX = 2000  # a larger register is made in the background (exchange's export jobs)


def _on(request: HttpRequest) -> dt.date:
    return query_date(request, "on", today())


def _office_organization(request: HttpRequest, org_pk: int, action: str = Action.VIEW) -> Organization:
    """An organization whose members' records the user may read (or change): an office over it, not a member's
    own grant; 404 otherwise (the policy decides)."""
    organization = get_visible_or_404(Organization.objects, request.user, action, pk=org_pk)
    with refusals_as_404():
        policy_for(request.user).require_in_organization(action, organization)
    return organization


@login_required
@require_GET
def timeline(request: HttpRequest, pk: int) -> HttpResponse:
    """The "Quá trình" tab of the member page: events oldest first, party age, badges, documents."""
    member = get_visible_or_404(Member.objects, request.user, pk=pk)
    events = list(member_timeline(member))
    can_change = policy_for(request.user).can(Action.CHANGE, member)
    context = {
        "member": member,
        "events": [(event, can_change and documents.has_document(event), _badges_of(event)) for event in events],
        "party_age": rules.party_age(events, today()),
        "badges": member_badges(member, events),
        "can_change": can_change,
        "event_kinds": [(kind, EventKind(kind).label) for kind in applicable_kinds(member)] if can_change else [],
    }
    return render(request, "members/_timeline.html", context)


def _badges_of(event: MembershipEvent) -> str:
    """Which badges a badge event is about, as the timeline names them ("Huy hiệu 30 năm tuổi Đảng")."""
    return ", ".join(badge_label(years) for years in event_badges(event))


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """Record one lifecycle event through its service; refusals come back as field errors."""
    member = get_visible_or_404(Member.objects, request.user, Action.CHANGE, pk=pk)
    form_class = EVENT_FORMS.get(kind)
    if form_class is None:
        raise Http404(str(OUT_OF_SCOPE))
    # Other apps link here with fields filled in (meetings: the strike-off ground); never a state change.
    initial = {name: value for name in form_class.base_fields if (value := query_text(request, name))}
    form = form_class(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid() and form.run(form.call, actor=request.user, member=member):
        return redirect(reverse("members:detail", args=[member.pk]) + "#qua-trinh")
    context = {"member": member, "form": form, "kind": kind, "title": EventKind(kind).label}
    if kind == EventKind.RECOGNIZED_OFFICIAL:
        context["warnings"] = certificates.recognition_warnings(member.pk)
    return render(request, page_or_partial(request, "members/lifecycle/event_form.html", "form"), context)


@login_required
@require_GET
def document(request: HttpRequest, pk: int) -> HttpResponse:
    """The event's Party document as .docx; logged as a document produced with personal data."""
    event = get_visible_or_404(MembershipEvent.objects.select_related("member"), request.user, Action.CHANGE, pk=pk)
    if not documents.has_document(event):
        raise Http404(str(OUT_OF_SCOPE))
    content = documents.render(event)
    access_log_record(
        user=request.user,
        kind=AccessLog.Kind.DOCUMENT,
        what=f"{documents.TITLES[event.kind]}: {event.member.full_name}",
        detail={"event": event.pk, "member": event.member_id, "kind": event.kind},
        request=request,
        channel=AccessLog.Channel.DOCUMENT,
        count=1,
        fields=documents.PERSONAL_FIELDS,
    )
    return document_response(request, content, documents.filename(event))


@login_required
@require_GET
def register(request: HttpRequest, org_pk: int) -> HttpResponse:
    """Sổ danh sách đảng viên (7-HSĐV) as it stood on a date."""
    organization = _office_organization(request, org_pk)
    on = _on(request)
    page = page_of(request, register_members(organization, on, request.user), 100)
    first = page.start_index()
    rows = [register_row(first + n, member, on) for n, member in enumerate(page.object_list)]
    context = {
        "organization": organization,
        "on": on,
        "on_text": format_vn_date(on),
        "page": page,
        "rows": rows,
        "columns": COLUMNS,
    }
    return render(request, page_or_partial(request, "members/lifecycle/register.html", "table"), context)


@login_required
@require_GET
def register_export(request: HttpRequest, org_pk: int) -> HttpResponse:
    organization = _office_organization(request, org_pk)
    on = _on(request)
    if register_members(organization, on, request.user).count() > REGISTER_INLINE_MAX:
        # Too large for a request: the exchange makes it in the background, with its progress.
        query = urlencode({"kind": "register", "organization": organization.pk, "on": format_vn_date(on)})
        return redirect(f"{reverse('exchange:export_new')}?{query}")
    content = register_xlsx(organization, on, request.user)
    access_log_record(
        user=request.user,
        kind=AccessLog.Kind.EXPORT,
        what=f"Sổ danh sách đảng viên (7-HSĐV): {organization.name} ngày {format_vn_date(on)}",
        detail={"organization": organization.pk, "on": on.isoformat()},
        request=request,
        channel=AccessLog.Channel.EXPORT,
        count=register_members(organization, on, request.user).count(),
        fields=REGISTER_FIELDS,
    )
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = (
        f'attachment; filename="so-danh-sach-dang-vien-{organization.code}-{on:%Y%m%d}.xlsx"'
    )
    return response


def _pending_for_receiver(user, pk: int) -> Transfer:
    """A letter waiting for acceptance by an organization the user may receive for; 404 otherwise."""
    transfer = (
        Transfer.objects.waiting()
        .receivable_by(user)
        .filter(pk=pk)
        .select_related("member", "from_organization", "to_organization")
        .first()
    )
    if transfer is None:
        raise Http404(str(OUT_OF_SCOPE))
    return transfer


@login_required
@require_http_methods(["GET", "POST"])
def transfer_accept(request: HttpRequest, pk: int) -> HttpResponse:
    """The receiving organization accepts a member who presents the introduction letter."""
    transfer = _pending_for_receiver(request.user, pk)
    form = TransferAcceptForm(request.POST or None, initial={"accepted_on": today()})
    if request.method == "POST" and form.is_valid():
        with refusals_as_404():
            accepted = form.run(transfer_accept_service, actor=request.user, transfer=transfer, **form.cleaned_data)
        if accepted:
            return redirect("duework:organization", pk=transfer.to_organization_id)
    context = {"transfer": transfer, "form": form}
    return render(request, page_or_partial(request, "members/lifecycle/transfer_accept.html", "form"), context)


@login_required
@require_http_methods(["GET", "POST"])
def arrival(request: HttpRequest, org_pk: int) -> HttpResponse:
    """Receive a member who comes from outside the deployment with an introduction letter."""
    organization = _office_organization(request, org_pk, Action.CHANGE)
    form = ArrivalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        member = form.run(
            member_transfer_in_from_outside, actor=request.user, organization=organization, **form.service_arguments()
        )
        if member:
            return redirect("members:detail", pk=member.pk)
    context = {"organization": organization, "form": form}
    return render(request, page_or_partial(request, "members/lifecycle/arrival.html", "form"), context)

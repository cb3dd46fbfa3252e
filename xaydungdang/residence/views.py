"""Pages of the residence liaison. The workplace side reads through `visible_to(user)`; the residence side
through the policy's narrow grant, which opens the introduction page and its comment form and nothing else."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import OUT_OF_SCOPE, get_visible_or_404, policy_for, refusals_as_404
from xaydungdang.core.dates import today
from xaydungdang.core.pagination import page_of
from xaydungdang.members.models import Member
from xaydungdang.residence import documents, selectors, services
from xaydungdang.residence.forms import CommentForm, ExemptionForm, IntroductionForm
from xaydungdang.residence.models import Comment, Introduction


@login_required
@require_GET
def introduction_list(request: HttpRequest) -> HttpResponse:
    """Introductions of the user's members (workplace side) and those received by the user's cells."""
    policy = policy_for(request.user)
    rows = (
        selectors.introductions_visible_to(request.user)
        .filter(ended_on__isnull=True)
        .select_related("member__organization")
        .order_by("workplace__path", "member__sort_name")[:500]
    )
    mine = [i for i in rows if policy.sees_residence_workplace_side(i)]
    received = selectors.received_by(request.user)
    page = page_of(request, received, 50)
    year = today().year
    commented = set(
        Comment.objects.filter(introduction__in=page.object_list, year=year).values_list("introduction_id", flat=True)
    )
    context = {"mine": mine, "page": page, "year": year, "commented": commented}
    return render(request, "residence/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def introduction_create(request: HttpRequest, member_pk: int) -> HttpResponse:
    member = get_visible_or_404(
        Member.objects.select_related("organization"), request.user, Action.CHANGE, pk=member_pk
    )
    form = IntroductionForm(request.POST or None, initial={"residence_address": member.address, "letter_date": today()})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            with refusals_as_404():
                introduction = form.run(
                    services.introduction_create, actor=request.user, member=member, **form.cleaned_data
                )
            if introduction:
                messages.success(
                    request, _("Đã giới thiệu đồng chí %(name)s về nơi cư trú.") % {"name": member.full_name}
                )
                return redirect("residence:introduction", pk=introduction.pk)
        status = 400
    return render(request, "residence/create.html", {"member": member, "form": form}, status=status)


def _introduction(request, pk: int) -> tuple[Introduction, bool]:
    found = selectors.for_user(request.user, pk)
    if found is None:
        raise Http404(str(OUT_OF_SCOPE))
    return found


def _page(request, introduction, workplace_side: bool, *, comment_form=None, status=200) -> HttpResponse:
    policy = policy_for(request.user)
    can_comment = policy.can_comment_on_residence(introduction) and introduction.ended_on is None
    year = today().year
    if comment_form is None and can_comment:
        existing = introduction.comments.filter(year=year).first()
        comment_form = CommentForm(
            instance=existing,
            initial={"year": year, "commented_on": today(), "commenter": request.user.get_full_name()},
        )
    context = {
        "introduction": introduction,
        "member": introduction.member,
        "workplace_side": workplace_side,
        "can_change": workplace_side and policy.can_in_organization(Action.CHANGE, introduction.member.organization),
        "can_comment": can_comment,
        "comment_form": comment_form,
        "exemption_form": ExemptionForm(
            initial={"exemption": introduction.exemption, "note": introduction.exemption_note}
        ),
        "comments": introduction.comments.order_by("-year"),
    }
    return render(request, "residence/introduction.html", context, status=status)


@login_required
@require_GET
def introduction_detail(request: HttpRequest, pk: int) -> HttpResponse:
    introduction, workplace_side = _introduction(request, pk)
    return _page(request, introduction, workplace_side)


@login_required
@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    introduction, workplace_side = _introduction(request, pk)
    if not policy_for(request.user).can_comment_on_residence(introduction):
        raise Http404(str(OUT_OF_SCOPE))
    form = CommentForm(request.POST)
    if form.is_valid():
        with refusals_as_404():
            saved = form.run(services.comment_enter, actor=request.user, introduction=introduction, **form.cleaned_data)
        if saved:
            messages.success(request, _("Đã ghi nhận xét năm %(year)s.") % {"year": saved.year})
            return redirect("residence:introduction", pk=introduction.pk)
    return _page(request, introduction, workplace_side, comment_form=form, status=400)


@login_required
@require_POST
def exemption(request: HttpRequest, pk: int) -> HttpResponse:
    introduction, workplace_side = _introduction(request, pk)
    if not workplace_side:
        raise Http404(str(OUT_OF_SCOPE))
    form = ExemptionForm(request.POST)
    if form.is_valid():
        with refusals_as_404():
            done = form.run(
                services.introduction_set_exemption,
                actor=request.user,
                introduction=introduction,
                exemption=form.cleaned_data["exemption"],
                note=form.cleaned_data["note"],
            )
        if done:
            messages.success(request, _("Đã cập nhật miễn sinh hoạt nơi cư trú."))
            return redirect("residence:introduction", pk=introduction.pk)
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)
    return redirect("residence:introduction", pk=introduction.pk)


@login_required
@require_GET
def letter(request: HttpRequest, pk: int) -> HttpResponse:
    """The letter mẫu 1-213 (.docx), for the workplace side that issues it."""
    introduction, workplace_side = _introduction(request, pk)
    if not workplace_side:
        raise Http404(str(OUT_OF_SCOPE))
    response = HttpResponse(documents.letter_docx(introduction), content_type=documents.MIME)
    response["Content-Disposition"] = f'attachment; filename="{documents.filename(introduction)}"'
    return response


@login_required
@require_GET
def member_tab(request: HttpRequest, pk: int) -> HttpResponse:
    """The "Nơi cư trú" tab of the member page: introductions and the yearly comments."""
    member = get_visible_or_404(Member.objects.select_related("organization"), request.user, pk=pk)
    introductions = (
        Introduction.objects.visible_to(request.user)
        .filter(member=member)
        .select_related("residence_organization")
        .prefetch_related("comments")
    )
    context = {
        "member": member,
        "introductions": introductions,
        "can_change": policy_for(request.user).can_in_organization(Action.CHANGE, member.organization),
    }
    return render(request, "residence/_member_tab.html", context)

"""The upload of a party-fee payment statement for a cell (the file is read here, matched in fees)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from xaydungdang.access.choices import Action
from xaydungdang.access.policy import get_visible_or_404, policy_for, refusals_as_404
from xaydungdang.exchange.fee_basis_import import import_fee_bases
from xaydungdang.exchange.fee_statements import read_statement
from xaydungdang.exchange.forms import FeeBasisUploadForm, FeeStatementForm
from xaydungdang.exchange.readers import FileError
from xaydungdang.fees.statements import statement_import
from xaydungdang.organizations.models import Organization


@login_required
@require_http_methods(["GET", "POST"])
def fee_statement_upload(request: HttpRequest, org_pk: int) -> HttpResponse:
    organization = get_visible_or_404(Organization.objects, request.user, pk=org_pk)
    with refusals_as_404():
        policy_for(request.user).require_in_organization(Action.CHANGE, organization)
    form = FeeStatementForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            rows = read_statement(upload.name, content)
        except FileError as exc:
            form.add_error("file", str(exc))
        except ValidationError as exc:
            form.add_error("file", exc.messages)
        else:
            statement = form.run(
                statement_import,
                actor=request.user,
                organization=organization,
                file_name=upload.name,
                content=content,
                rows=rows,
                method=form.cleaned_data["method"],
            )
            if statement:
                return redirect("fees:statement", pk=statement.pk)
    context = {"organization": organization, "form": form}
    return render(request, "exchange/fee_statement_upload.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def fee_basis_upload(request: HttpRequest) -> HttpResponse:
    """Fee bases from a file: a check first (nothing written), then the import when the user confirms."""
    with refusals_as_404():
        policy_for(request.user).require_can_change_anything()
    form = FeeBasisUploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = import_fee_bases(
                actor=request.user, file_name=upload.name, content=upload.read(), commit=form.cleaned_data["commit"]
            )
        except FileError as exc:
            form.add_error("file", str(exc))
    context = {"form": form, "result": result, "committed": bool(result and form.cleaned_data["commit"])}
    status = 400 if form.errors or (result and result.errors) else 200
    return render(request, "exchange/fee_basis_upload.html", context, status=status)

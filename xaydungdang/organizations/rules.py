"""Which organization may sit where (QĐ 294-QĐ/TW, rules.md §3). The table itself is data: KindRule."""

from django.utils.translation import gettext as _


def kind_allowed_under(*, parent_kind: str | None, child_kind: str) -> bool:
    from xaydungdang.organizations.choices import OrganizationKind
    from xaydungdang.organizations.models import KindRule

    if parent_kind is None:
        return child_kind in (OrganizationKind.CENTRAL, OrganizationKind.PROVINCIAL)
    return KindRule.objects.filter(parent_kind=parent_kind, child_kind=child_kind).exists()


def kind_error(*, parent, child_kind: str) -> str | None:
    from xaydungdang.organizations.choices import OrganizationKind

    parent_kind = parent.kind if parent else None
    if kind_allowed_under(parent_kind=parent_kind, child_kind=child_kind):
        return None
    child_label = OrganizationKind(child_kind).label
    if parent is None:
        return _("%(child)s không thể là tổ chức cấp cao nhất.") % {"child": child_label}
    if parent.holds_members:
        return _("%(parent)s là chi bộ, không có tổ chức đảng trực thuộc.") % {"parent": parent.name}
    return _("%(child)s không thể trực thuộc %(parent_kind)s.") % {
        "child": child_label,
        "parent_kind": OrganizationKind(parent.kind).label.lower(),
    }

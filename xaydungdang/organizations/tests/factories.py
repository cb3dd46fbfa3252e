from xaydungdang.organizations.models import Organization


def make_org(parent: Organization | None, kind: str, name: str, code: str | None = None, **fields) -> Organization:
    """Add an organization to the tree directly (test set-up only; the app goes through services)."""
    code = code or f"T{Organization.objects.count() + 1:05d}"
    node = Organization(name=name, kind=kind, code=code, **fields)
    manager = Organization.objects
    return manager.add_root(instance=node) if parent is None else manager.add_child(parent, instance=node)

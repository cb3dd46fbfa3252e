"""An organization tree planned in memory, numbered the way django-treebeard numbers it.

The builder inserts thousands of organizations at once, so it computes ids, materialized paths, depths
and child counts itself instead of calling `add_child()` per node. Siblings are ordered by code, as
`Organization.node_order_by` asks.
"""

import datetime as dt
from dataclasses import dataclass, field

from xaydungdang.organizations.choices import MEMBER_HOLDING_KINDS
from xaydungdang.organizations.models import Organization


@dataclass(eq=False)
class Node:
    code: str
    name: str
    kind: str
    sector: str
    profile: str = ""  # which population the members are drawn from (people.PROFILES); cells only
    weight: float = 0.0  # relative number of members a member-holding node receives
    admin_unit_code: str = ""
    founded_on: dt.date | None = None
    founding_decision: str = ""
    children: list["Node"] = field(default_factory=list)
    parent: "Node | None" = None
    id: int = 0
    path: str = ""
    depth: int = 0

    def add(self, child: "Node") -> "Node":
        child.parent = self
        self.children.append(child)
        return child

    @property
    def holds_members(self) -> bool:
        return self.kind in MEMBER_HOLDING_KINDS

    def walk(self):
        """This node and every node under it, parents before children."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def ancestor(self, depth: int) -> "Node":
        node = self
        while node.depth > depth:
            node = node.parent
        return node


def number(root: Node, first_id: int, root_path: str | None = None) -> list[Node]:
    """Give every node an id, a treebeard path and a depth; return the nodes in path order."""
    root.path = root_path or Organization._get_path(None, 1, 1)
    root.depth = len(root.path) // Organization.steplen
    nodes = []
    next_id = first_id
    for node in root.walk():
        node.id = next_id
        next_id += 1
        node.children.sort(key=lambda child: child.code)
        for step, child in enumerate(node.children, start=1):
            child.depth = node.depth + 1
            child.path = Organization._get_path(node.path, child.depth, step)
        nodes.append(node)
    return nodes


def organization_row(node: Node) -> dict:
    return {
        "id": node.id,
        "path": node.path,
        "depth": node.depth,
        "numchild": len(node.children),
        "code": node.code,
        "name": node.name,
        "kind": str(node.kind),
        "sector": str(node.sector),
        "admin_unit_code": node.admin_unit_code,
        "founded_on": node.founded_on,
        "founding_decision": node.founding_decision,
        "dissolved_on": None,
        "dissolution_decision": "",
    }

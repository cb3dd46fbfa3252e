"""The menu's search box: members by name (without diacritics), national ID, party card or record number,
and organizations by name or code; both groups on one page, each scoped by the policy."""

import re

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from xaydungdang.access.policy import policy_for
from xaydungdang.core.querystring import query_text
from xaydungdang.members.models import Member
from xaydungdang.organizations.selectors import places_in_tree, search_organizations

LIMIT = 50  # rows of each group; the member list's own search pages through more
NUMBER = re.compile(r"^(?=.*[0-9])[0-9A-Za-z./-]{4,20}$")  # a number has a digit: a word alone is a name


def find_members(user, text: str, limit: int = LIMIT) -> list[Member]:
    """Members the user sees: an exact number (CCCD, party card, record) first, then names containing the
    text without diacritics. A number that is personal data (CCCD) finds only members whose personal data
    the user may see, so a search cannot tell whose number it is."""
    text = text.strip()
    if not text:
        return []
    visible = Member.objects.visible_to(user).select_related("organization")
    found: list[Member] = []
    if NUMBER.match(text):
        policy = policy_for(user)
        by_number = visible.filter(
            Q(national_id=text) | Q(party_card_number__iexact=text) | Q(record_number__iexact=text)
        )[:limit]
        for member in by_number:
            if member.national_id == text and not policy.sees_member_personal_data(member):
                if (
                    member.party_card_number.upper() != text.upper()
                    and (member.record_number or "").upper() != text.upper()
                ):
                    continue
            found.append(member)
    seen = {member.pk for member in found}
    for member in visible.search(text)[: limit - len(found)]:
        if member.pk not in seen:
            found.append(member)
    return found


@login_required
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    query = query_text(request, "q")[:100]
    members = find_members(request.user, query) if query else []
    organizations = search_organizations(request.user, query, LIMIT) if query else []
    places = places_in_tree(request.user, organizations)
    context = {
        "query": query,
        "members": members,
        "organizations": [(org, places[org.pk]) for org in organizations],
        "limit": LIMIT,
    }
    return render(request, "members/search.html", context)

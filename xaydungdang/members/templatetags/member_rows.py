"""{% load member_rows %}{% member_rows page_obj on_date %}: the rows of a page of members (members.rows)."""

from django import template

from xaydungdang.members.rows import member_rows as rows

register = template.Library()
register.simple_tag(rows, name="member_rows")

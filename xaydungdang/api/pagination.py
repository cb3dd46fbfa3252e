from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """DRF's page numbers, with the `page` parameter described in the reader's language (DRF's catalog has no
    Vietnamese for it)."""

    page_query_description = _("Số thứ tự của trang trong danh sách kết quả.")

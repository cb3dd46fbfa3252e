from django.contrib import admin
from django.urls import include, path

from xaydungdang.core import guide as core_guide
from xaydungdang.core import views as core_views
from xaydungdang.members import views_search

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("guide/", core_guide.guide, name="guide"),
    path("guide/screenshots/<str:name>", core_guide.screenshot, name="guide_screenshot"),
    path("search/", views_search.search, name="search"),
    path("due/", include("xaydungdang.duework.urls")),
    path("notifications/", include("xaydungdang.notifications.urls")),
    path("accounts/", include("xaydungdang.accounts.urls")),
    path("orgs/", include("xaydungdang.organizations.urls")),
    path("orgs/", include("xaydungdang.reorganizations.urls")),
    path("members/", include("xaydungdang.members.urls")),
    path("members/", include("xaydungdang.members.lifecycle_urls")),
    path("candidates/", include("xaydungdang.candidates.urls")),
    path("training/", include("xaydungdang.training.urls")),
    path("fees/", include("xaydungdang.fees.urls")),
    path("committees/", include("xaydungdang.committees.urls")),
    path("reviews/", include("xaydungdang.reviews.urls")),
    path("meetings/", include("xaydungdang.meetings.urls")),
    path("residence/", include("xaydungdang.residence.urls")),
    path("reports/", include("xaydungdang.reports.urls")),
    path("exchange/", include("xaydungdang.exchange.urls")),
    path("api/", include("xaydungdang.api.urls")),
    path("me/", include("xaydungdang.selfservice.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

"""The REST face of training, read-only (registered from api/urls.py; nothing else in training imports it).

Classes with their trainees, certificates and yearly plans, with the pages' scope: classes and plans for who
holds office over the organization that opened them, certificates for the holder's cell's office holders.
Classes, enrolment and results are written on the pages and by the Excel import (the same services)."""

import django_filters
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets

from xaydungdang.api.filters import SubtreeFilterSet
from xaydungdang.api.views import ScopedViewSetMixin
from xaydungdang.training.choices import Purpose
from xaydungdang.training.models import Certificate, Enrollment, TrainingClass, TrainingPlan


class EnrollmentSerializer(serializers.ModelSerializer):
    certificate_number = serializers.CharField(source="certificate.number", read_only=True, default=None)
    certificate_date = serializers.DateField(source="certificate.issued_on", read_only=True, default=None)

    class Meta:
        model = Enrollment
        fields = ["id", "member", "candidate", "organization", "full_name", "result", "score"]
        fields += ["certificate_number", "certificate_date"]
        read_only_fields = fields


class TrainingClassSerializer(serializers.ModelSerializer):
    course_kind_code = serializers.CharField(source="course_kind.code", read_only=True)
    purpose = serializers.CharField(source="course_kind.purpose", read_only=True)
    enrollments = EnrollmentSerializer(many=True, read_only=True)

    class Meta:
        model = TrainingClass
        fields = ["id", "organization", "course_kind", "course_kind_code", "purpose", "name", "organizer"]
        fields += ["starts_on", "ends_on", "place", "capacity", "enrollments"]
        read_only_fields = fields


class CertificateSerializer(serializers.ModelSerializer):
    course_kind_code = serializers.CharField(source="course_kind.code", read_only=True)

    class Meta:
        model = Certificate
        fields = ["id", "course_kind", "course_kind_code", "member", "candidate", "organization", "number"]
        fields += ["issued_on", "issued_by", "equivalent", "enrollment"]
        read_only_fields = fields


class TrainingPlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = TrainingPlan
        fields = ["id", "organization", "year", "course_kind", "planned_classes", "planned_trainees", "note"]
        read_only_fields = fields


class ClassFilter(SubtreeFilterSet):
    purpose = django_filters.ChoiceFilter(
        label=_("Mục đích"), field_name="course_kind__purpose", choices=Purpose.choices
    )
    year = django_filters.NumberFilter(
        label=_("Năm khai giảng"), field_name="starts_on__year", min_value=2000, max_value=2100
    )

    class Meta:
        model = TrainingClass
        fields: list[str] = []


class CertificateFilter(SubtreeFilterSet):
    purpose = django_filters.ChoiceFilter(
        label=_("Mục đích"), field_name="course_kind__purpose", choices=Purpose.choices
    )

    class Meta:
        model = Certificate
        fields: list[str] = []


@extend_schema(tags=[_("Bồi dưỡng")])
class TrainingClassViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Classes the user may see, newest first, with their trainees; filter by `org` (its subtree), `purpose`, `year`."""

    serializer_class = TrainingClassSerializer
    filterset_class = ClassFilter

    def get_queryset(self):
        trainees = Prefetch("enrollments", queryset=Enrollment.objects.select_related("certificate"))
        return (
            TrainingClass.objects.visible_to(self.request.user)
            .select_related("course_kind")
            .prefetch_related(trainees)
            .order_by("-starts_on", "id")
        )


@extend_schema(tags=[_("Bồi dưỡng")])
class CertificateViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Certificates held by members and candidates of the organizations the user holds office over."""

    serializer_class = CertificateSerializer
    filterset_class = CertificateFilter

    def get_queryset(self):
        return (
            Certificate.objects.visible_to(self.request.user).select_related("course_kind").order_by("-issued_on", "id")
        )


@extend_schema(tags=[_("Bồi dưỡng")])
class TrainingPlanViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Yearly training plans of the organizations the user may see."""

    serializer_class = TrainingPlanSerializer

    def get_queryset(self):
        return TrainingPlan.objects.visible_to(self.request.user).order_by("-year", "organization_id", "course_kind_id")

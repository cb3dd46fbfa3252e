"""The event-kind → service map is declared once; the page's forms and the API's requests are built from it."""

from xaydungdang.api.events import EVENT_REQUESTS
from xaydungdang.members.lifecycle.forms import EVENT_FORMS
from xaydungdang.members.lifecycle.services import EVENT_SERVICES


def test_forms_and_api_record_the_same_kinds_in_the_same_order():
    assert list(EVENT_FORMS) == list(EVENT_SERVICES)
    assert list(EVENT_REQUESTS) == list(EVENT_SERVICES)


def test_each_form_and_request_is_of_its_kind_and_calls_the_maps_service():
    for kind, service in EVENT_SERVICES.items():
        form, request = EVENT_FORMS[kind], EVENT_REQUESTS[kind]
        assert form.event_kind == kind and request.event_kind == kind
        assert form().service is service

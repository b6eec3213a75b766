from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jejak.accounts.access import Access, organisation_view
from jejak.audit.models import AuditEvent


@organisation_view("audit.view")
def audit_log(request: HttpRequest, access: Access) -> HttpResponse:
    events = AuditEvent.objects.filter(organisation=access.organisation).select_related("actor")
    if action := request.GET.get("action"):
        events = events.filter(action__startswith=action)
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    return render(
        request, "audit/log.html", {"access": access, "org": access.organisation, "page": page}
    )

"""Project-wide middleware."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils import translation
from django.utils.translation import gettext as _

from jejak.upload_handlers import hard_limit


class ChosenLanguageMiddleware:
    """Indonesian unless the person chose English with the switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many phones in
    Indonesia are set to English while their owners read Indonesian best; so only the
    language cookie, set by the switch, changes the language.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class RequestSizeLimitMiddleware:
    """Answer 413 to a request that announces a body far past MAX_UPLOAD_MB, before a byte
    of it is read (jejak.upload_handlers stops one that does not announce its size)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > hard_limit():
            message = _("Berkas terlalu besar (maksimal %(mb)s MB).") % {
                "mb": settings.MAX_UPLOAD_MB
            }
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class RejectNulMiddleware:
    """A NUL byte in a query parameter, a form field or a request header answers 400 before
    any view reads it.

    No text Jejak stores may hold one (PostgreSQL refuses it, which made a search box with
    `%00` a 500), and raw `request.GET` values reach filters in several list pages; axes
    stores the User-Agent and Accept headers of every failed login, and a session cookie
    is looked up as typed. Path parts are held to their shape by `jejak.converters`.
    Uploaded files are not read here: their content is the importers' business.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul(request):
            return HttpResponseBadRequest(
                _("Alamat ini memuat karakter yang tidak diizinkan."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


def _has_nul(request: HttpRequest) -> bool:
    headers = (value for key, value in request.META.items() if key.startswith("HTTP_"))
    if any("\x00" in str(value) for value in headers):
        return True
    fields = [request.GET]
    if request.method == "POST":
        # CsrfViewMiddleware reads the body next anyway; the upload handlers still apply.
        fields.append(request.POST)
    return any("\x00" in key + "".join(values) for query in fields for key, values in query.lists())

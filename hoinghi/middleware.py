from django.middleware.locale import LocaleMiddleware


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    """Vietnamese unless the user chose another language with the switcher (cookie).

    The browser's Accept-Language is ignored on purpose: many office PCs run an English
    Windows or Chrome, and the staff still expect the application in Vietnamese.
    """

    def process_request(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)

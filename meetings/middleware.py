"""Request handling shared by every page of the site."""


class VietnameseUnlessChosenMiddleware:
    """The interface is Vietnamese until the visitor picks English in the footer.

    Many Vietnamese readers run browsers set to English; the archive's content is Vietnamese,
    so the browser's Accept-Language is not consulted. The choice is Django's language cookie,
    set by `set_language`. Placed before LocaleMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)

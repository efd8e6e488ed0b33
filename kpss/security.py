"""Request helpers that security features share."""

from django.conf import settings


def client_ip(request):
    """The client's IP address, trusting X-Forwarded-For only as far as our own proxies add to it.

    Each trusted proxy appends the address it saw, so with N proxies the client is the N-th entry
    from the right; anything further left was written by the client and can be forged.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [ip.strip() for ip in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if ip.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")

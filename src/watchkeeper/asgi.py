"""ASGI entry point: HTTP through Django's WSGI handler on a fixed pool of request threads;
websockets (the live board) through Channels.

Why not Django's ASGI handler for HTTP: it runs every request in a fresh thread-sensitive context,
so a new thread (and, with persistent connections, a new database connection that is never reused)
per request, and it hops between the event loop and a thread for each synchronous middleware. All
our views are synchronous, so a bounded pool (a2wsgi) gives one hop per request, connections that
are reused, and at most HTTP_THREADS connections per process. Measured in benchmarks/intake.py.
"""

import asyncio
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "watchkeeper.settings")

from django.core.wsgi import get_wsgi_application  # noqa: E402

django_wsgi = get_wsgi_application()

from a2wsgi import WSGIMiddleware  # noqa: E402
from channels.auth import AuthMiddleware  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from channels.sessions import CookieMiddleware, SessionMiddleware  # noqa: E402
from django.conf import settings  # noqa: E402

from watchkeeper import live  # noqa: E402

_threads = WSGIMiddleware(django_wsgi, workers=settings.HTTP_THREADS)


async def django_http(scope, receive, send):
    # Request threads publish live-board messages on this process's event loop (live.publish).
    live.bind_loop(asyncio.get_running_loop())
    await _threads(scope, receive, send)


application = ProtocolTypeRouter(
    {
        "http": django_http,
        "websocket": AllowedHostsOriginValidator(
            CookieMiddleware(SessionMiddleware(AuthMiddleware(URLRouter(live.websocket_routes()))))
        ),
    }
)

import uvicorn
from django.conf import settings
from django.core.management import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Serve Watchkeeper with an ASGI server (uvicorn). Processes are stateless: add more behind a balancer."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=1)

    def handle(self, *args, host, port, workers, **options):
        if not 0 < port < 65536:
            raise CommandError("--port must be between 1 and 65535")
        if workers < 1:
            raise CommandError("--workers must be at least 1")
        uvicorn.run(
            "watchkeeper.asgi:application",
            host=host,
            port=port,
            workers=workers,
            log_level="warning",
            lifespan="off",
            ws="websockets-sansio" if _has_sansio() else "auto",
            # uvicorn would otherwise believe X-Forwarded-For/-Proto from any loopback client, which
            # lets anyone on the machine pick the address the audit trail and sign-in throttle see.
            proxy_headers=bool(settings.TRUSTED_PROXIES),
            forwarded_allow_ips=",".join(settings.TRUSTED_PROXIES) or "",
        )


def _has_sansio() -> bool:
    try:
        import websockets  # noqa: F401
        from uvicorn.protocols.websockets import websockets_sansio_impl  # noqa: F401
    except ImportError:
        return False
    return True

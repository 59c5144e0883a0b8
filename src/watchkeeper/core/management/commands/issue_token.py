from django.core.exceptions import ValidationError
from django.core.management import BaseCommand, CommandError

from watchkeeper.core import services
from watchkeeper.core.audit import Actor
from watchkeeper.core.models import User


class Command(BaseCommand):
    help = "Issue an API token for USERNAME; prints it once (only its digest is stored)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--scope",
            action="append",
            default=[],
            help="An action such as incident.view or incident.* (repeatable; default: all of the role's)",
        )
        parser.add_argument("--expires", type=int, default=90, help="Days until it expires (1-366, default 90)")
        parser.add_argument("--name", default="", help="A label, e.g. the integration's name")

    def handle(self, *args, username, scope, expires, name, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user called {username!r}.")
        try:
            token, secret = services.issue_token(Actor(None, "cli:issue_token"), user, scope, expires, name)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        self.stderr.write(
            f"Token {token.prefix} for {username}, expires {token.expires_at:%Y-%m-%d}. "
            "Use it as 'Authorization: Bearer <token>'; it is not shown again."
        )
        self.stdout.write(secret)

"""watchkeeper verify_package FILE.zip [--public-key PEM]: verify a CCTV evidence package offline
(no database read) and print each thing checked. Exit status 0 when verified, 1 when not."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from watchkeeper.cctv.evidence.verify import verify


class Command(BaseCommand):
    help = "Verify a CCTV evidence package (ZIP) with only the partnership's public key."
    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument("package")
        parser.add_argument("--public-key", dest="public_key", help="The partnership's Ed25519 public key (PEM file)")

    def handle(self, *args, **options):
        path = Path(options["package"])
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        pem = None
        if options["public_key"]:
            key_path = Path(options["public_key"])
            if not key_path.is_file():
                raise CommandError(f"{key_path} is not a file.")
            pem = key_path.read_bytes()
        report = verify(str(path), pem)
        for line in report.lines():
            self.stdout.write(line)
        if not report.ok:
            sys.exit(1)

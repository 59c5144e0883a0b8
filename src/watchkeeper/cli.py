"""The `watchkeeper` command: Django's management commands plus the project's own (demo, serve,
verify_audit, issue_token, import_*), under one name."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "watchkeeper.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["watchkeeper", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()

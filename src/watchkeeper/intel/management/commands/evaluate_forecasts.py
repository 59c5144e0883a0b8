"""`watchkeeper evaluate_forecasts --data DIR --method M --coverage 0.05 ...`: rolling-origin back-test of
the forecast kernels. Arguments go unchanged to watchkeeper.analysis.evaluate.main; its exit code is ours."""

import argparse
import sys

from django.core.management import BaseCommand, CommandError

from watchkeeper.analysis import evaluate


class Command(BaseCommand):
    help = "Back-test forecast methods (bjp, sepp, last, kde) on a police.uk or Portland data folder."

    def run_from_argv(self, argv):
        # The kernels own the option parsing (and --help); Django's parser would reject their options.
        sys.exit(evaluate.main(argv[2:]))

    def add_arguments(self, parser):
        parser.add_argument("argv", nargs=argparse.REMAINDER)

    def handle(self, *args, argv=(), **options):
        code = evaluate.main(list(argv), out=self.stdout)
        if code:
            raise CommandError(f"evaluate_forecasts failed (exit {code})", returncode=code)

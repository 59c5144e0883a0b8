"""The password hasher of the test run: Argon2id as in production (the same algorithm, format and
checks), at its smallest costs. Production's costs (Django's defaults: 100 MiB, two passes, eight
lanes) take about a second of CPU per sign-in on a busy test machine, and the suite signs in
hundreds of times; what the tests check is how passwords are handled, not how slowly."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class QuickArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 1
    memory_cost = 64  # KiB
    parallelism = 1

"""Call-taking's part of the access matrix (tests/core/test_access_matrix.py): the intake map's
nearest-address lookup shows places, under the place rule."""

ROUTES = {"HTML control/new/nearest/": "core.place"}


def seed(add) -> None:
    """No records of its own: places are seeded by the core part (tests/core/matrix_world.py)."""

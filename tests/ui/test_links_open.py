"""Every link a persona is shown opens for that persona: a link that answers 403 (or 5xx) is a page
offering what the role may not do. Each persona's pages are walked from the home page, two links
deep, following one page of each shape (`/cases/17/` stands for every case page)."""

import re
from urllib.parse import urljoin, urlparse

import pytest

from watchkeeper.demo.borough import PERSONAS

pytestmark = [pytest.mark.django_db, pytest.mark.exhaustive]

# Not pages to open: signing out, downloads and exports (their own tests check them), sockets.
SKIP = re.compile(r"^/(logout|login|static|ws)/|\.(csv|pdf|geojson|json|zip)$|/export|/download|^/admin/")
HREF = re.compile(r'href="([^"#]+)"')


def _shape(path: str) -> str:
    return re.sub(r"\d+", "N", path.split("?")[0])


@pytest.mark.parametrize("username", [p.username for p in PERSONAS])
def test_every_link_shown_opens(as_user, username):
    client = as_user(username)
    queue, seen, shapes, refused = [("/", 0)], set(), set(), []
    while queue:
        path, depth = queue.pop(0)
        if path in seen or _shape(path) in shapes:
            continue
        seen.add(path)
        shapes.add(_shape(path))
        page = client.get(path)
        if page.status_code == 403 or page.status_code >= 500:
            refused.append(f"{page.status_code} {path}")
            continue
        if depth == 2 or "text/html" not in page.get("Content-Type", ""):
            continue
        for href in HREF.findall(page.content.decode()):
            link = urlparse(urljoin(f"http://testserver{path}", href.replace("&amp;", "&")))
            if link.netloc == "testserver" and not SKIP.search(link.path):
                queue.append((link.path + (f"?{link.query}" if link.query else ""), depth + 1))
    assert len(seen) > 3, f"{username} was shown almost nothing: {sorted(seen)}"
    assert not refused, f"{username} is shown links that refuse them: {refused}"

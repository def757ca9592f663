"""Static files stay on the phone: a reload fetches the page, not ninety files again (raw client, real server)."""

from __future__ import annotations

import re

import pytest

from samskaping.server.app import WAIT_ROUNDS
from security.raw_http import PARTICIPANT_PAGE, close_page, cookie, kernel_id, request

pytestmark = pytest.mark.slow


def test_static_files_are_kept_and_the_page_itself_never_is(voila_server):
    status, page_headers, page = request(voila_server, "GET", f"{PARTICIPANT_PAGE}?vent={WAIT_ROUNDS}")
    assert status == 200
    try:
        # The page is made anew for every visit, with its own kernel: never kept.
        assert "no-store" in dict(page_headers)["Cache-Control"]
        extension = re.search(r'"load": "(static/remoteEntry\.[0-9a-f]+\.js)", "name": "@jupyter-widgets/jupyterlab'
                              r'-manager"', page).group(1)
        hashed = f"/voila/labextensions/@jupyter-widgets/jupyterlab-manager/{extension}"
        for path, rule in [(hashed, "public, max-age=31536000, immutable"),
                           ("/voila/static/voila.js", "public, max-age=3600"),
                           ("/samskaping/a11y.js", "public, max-age=3600")]:
            status, headers, _ = request(voila_server, "GET", path, headers={"Accept-Encoding": "gzip"})
            assert status == 200, path
            assert dict(headers)["Cache-Control"] == rule, path
    finally:
        assert close_page(voila_server, kernel_id(page), cookie(page_headers, "_xsrf")) == 204


def test_a_phone_fetches_voilas_script_chunks_as_one_kept_file(voila_server):
    status, page_headers, page = request(voila_server, "GET", f"{PARTICIPANT_PAGE}?vent={WAIT_ROUNDS}")
    assert status == 200
    try:
        # The one file comes before Voilà's own script (so its chunks are registered first), and early from the head.
        found = re.search(r'<script src="(/samskaping/voila-chunks\.[0-9a-f]{16}\.js)"></script>'
                          r'<script src="/voila/static/voila\.js"></script>', page)
        assert found, "the participant page should link the chunk bundle just before voila.js"
        path = found.group(1)
        assert f'<link rel="preload" as="script" href="{path}">' in page.split("</head>")[0]
        status, headers, body = request(voila_server, "GET", path, headers={"Accept-Encoding": "gzip"})
        headers = dict(headers)
        assert status == 200
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert headers["Content-Encoding"] == "gzip" and headers["Content-Type"].startswith("application/javascript")
        # Asked again by a phone that has it: 304, no body.
        status, _, body = request(voila_server, "GET", path, headers={"If-None-Match": headers["Etag"]})
        assert status == 304 and body == ""
        # Any other name is not there (nothing is read from disk by this handler).
        status, _, _ = request(voila_server, "GET", "/samskaping/voila-chunks.0000000000000000.js")
        assert status == 404
    finally:
        assert close_page(voila_server, kernel_id(page), cookie(page_headers, "_xsrf")) == 204

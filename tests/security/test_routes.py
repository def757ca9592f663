"""What a participant's browser can reach besides its own page: no listings, no files, no other notebooks."""

from __future__ import annotations

import gzip
import http.client
import json
import os
import re
import uuid
from urllib.parse import urlsplit

import pytest
from raw_http import close_page, cookie, kernel_id, open_page, request

from samskaping.server.app import WAIT_ROUNDS
from samskaping.server.launch import notebook_dir

pytestmark = pytest.mark.slow

NO_KERNEL = "00000000-0000-0000-0000-000000000000"


@pytest.mark.parametrize("path", ["/", "/?kode=AB12CD&lang=en"])
def test_the_front_door_leads_to_the_participant_page(voila_server, path):
    status, headers, _ = request(voila_server, "GET", path)
    assert status == 302  # not 301: browsers would remember it for good
    assert dict(headers)["Location"] == "/voila/render/deltaker.ipynb" + path[1:]


@pytest.mark.parametrize(
    "path",
    [
        "/voila/tree", "/voila/tree/", "/voila/tree/deltaker.ipynb",  # Voilà's notebook listing: gone
        "/voila/api/contents", "/voila/api/contents/fasilitator.ipynb",  # and the API behind it
        "/api/kernels", "/api/sessions", "/api/contents", "/api/kernelspecs", "/api/terminals",  # never served
        f"/api/kernels/{NO_KERNEL}", "/login",
    ],
)
def test_nothing_lists_notebooks_kernels_or_files(voila_server, path):
    status, _, body = request(voila_server, "GET", path)
    assert status == 404, (path, status)
    assert "ipynb" not in body


@pytest.mark.parametrize(
    "path",
    [
        "/voila/files/deltaker.ipynb",  # the notebook's source
        "/voila/files/..%2f..%2fREADME.md",
        "/voila/files/%2fetc%2fpasswd.png",
        "/voila/static/../../../../../../etc/passwd",
        "/voila/static/..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/voila/templates/lab/static/..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/voila/labextensions/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/voila/api/themes/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
    ],
)
def test_no_file_outside_the_page_assets_is_served(voila_server, path):
    status, _, body = request(voila_server, "GET", path)
    assert status in (403, 404, 500), (path, status)  # 500: Voilà's template handler trips on "..", serves nothing
    assert "root:" not in body and "nbformat" not in body


def test_a_notebook_outside_the_notebook_folder_is_not_run(voila_server, tmp_path):
    marker = tmp_path / f"ran-{uuid.uuid4().hex}"
    notebook = tmp_path / "utenfor.ipynb"
    notebook.write_text(json.dumps({
        "cells": [{"cell_type": "code", "execution_count": None, "id": "x", "metadata": {}, "outputs": [],
                   "source": [f"open({str(marker)!r}, 'w').write('ran')"]}],
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
        "nbformat": 4, "nbformat_minor": 5,
    }))
    relative = os.path.relpath(notebook, notebook_dir())
    for path in (relative, relative.replace("/", "%2f"), str(notebook).replace("/", "%2f")):
        status, _, _ = request(voila_server, "GET", f"/voila/render/{path}")
        assert status in (302, 404), (path, status)  # 302: the staff gate answers before Voila looks
    assert not marker.exists()


def test_killing_a_kernel_through_the_api_still_needs_the_xsrf_token(voila_server):
    status, _, _ = request(voila_server, "DELETE", f"/api/kernels/{NO_KERNEL}")
    assert status == 403


def test_the_participant_page_loads_nothing_from_the_internet(voila_server):
    """Every stylesheet and script the page links comes from this server (the template's CDN links are dropped)."""
    status, page, kernel, xsrf = open_page(voila_server)
    try:
        assert status == 200
        linked = re.findall(r'<(?:link|script)\b[^>]*\b(?:href|src)="([^"]*)"', page)
        assert any(url.startswith("/voila/") for url in linked)  # the page's own assets are found
        assert [url for url in linked if not url.startswith(("/", "data:"))] == []
        assert "cdn.jsdelivr.net" not in page
        assert "jupyterlab_pygments" not in page  # no code on the pages: no highlighting extension to load
    finally:
        assert close_page(voila_server, kernel, xsrf) == 204


# The page past its rounds of "Et øyeblikk …" (tests/server/test_waiting.py): always a page, never the waiting one.
@pytest.mark.parametrize("path", ["/voila/static/voila.js", f"/voila/render/deltaker.ipynb?vent={WAIT_ROUNDS}"])
def test_pages_and_scripts_go_out_compressed_to_browsers_that_accept_it(voila_server, path):
    url = urlsplit(voila_server.url)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
        response = connection.getresponse()
        raw = response.read()
        headers = response.getheaders()
    finally:
        connection.close()
    assert response.status == 200
    assert dict(headers).get("Content-Encoding") == "gzip"
    text = gzip.decompress(raw).decode()
    assert len(raw) < len(text) / 2
    if ".ipynb" in path:
        assert close_page(voila_server, kernel_id(text), cookie(headers, "_xsrf")) == 204


def test_a_static_file_is_compressed_once_then_served_from_what_was_kept(monkeypatch):
    from collections import OrderedDict

    import tornado.web
    from tornado.httputil import HTTPHeaders, HTTPServerRequest, RequestStartLine

    from samskaping.server.app import StaticGzip

    monkeypatch.setattr(StaticGzip, "_kept", OrderedDict())
    script = b"function widget() { return 'samskaping'; }\n" * 4000  # several 64 kB chunks, as files are sent

    def serve(etag: str = '"v1"') -> tuple[HTTPHeaders, bytes]:
        request = HTTPServerRequest(start_line=RequestStartLine("GET", "/voila/static/x.js", "HTTP/1.1"),
                                    headers=HTTPHeaders({"Host": "127.0.0.1", "Accept-Encoding": "gzip, deflate"}))
        transform = StaticGzip(request)
        headers = HTTPHeaders({"Content-Type": "application/javascript", "Etag": etag,
                               "Content-Length": str(len(script))})
        _, headers, body = transform.transform_first_chunk(200, headers, script[:65536], False)
        body += transform.transform_chunk(script[65536:131072], False)
        body += transform.transform_chunk(script[131072:], True)
        return headers, body

    first_headers, first = serve()
    assert first_headers["Content-Encoding"] == "gzip" and gzip.decompress(first) == script

    def no_compressing(*args, **kwargs):
        raise AssertionError("a kept file was compressed again")

    monkeypatch.setattr(tornado.web.gzip, "GzipFile", no_compressing)
    headers, again = serve()
    assert again == first and headers["Content-Length"] == str(len(first)) and headers["Content-Encoding"] == "gzip"
    with pytest.raises(AssertionError, match="compressed again"):
        serve(etag='"v2"')  # a changed file is compressed anew

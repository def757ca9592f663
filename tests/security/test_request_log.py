"""Never log query strings: a join code or a token can be in one."""

from __future__ import annotations

import io
import logging
import time

import pytest
from raw_http import close_page, open_page, request

from samskaping.server.security import QueryFreeLogFilter, log_request, strip_query

SECRET = "SECRET123"


@pytest.mark.parametrize(
    "line, expected",
    [
        ("404 GET /x?kode=SECRET123 (10.0.0.7) 2.55ms", "404 GET /x (10.0.0.7) 2.55ms"),
        ("403 POST /voila/api/shutdown/abc?kode=SECRET123&lang=en (::1): '_xsrf' missing",
         "403 POST /voila/api/shutdown/abc (::1): '_xsrf' missing"),
        ("uri='/voila/render/deltaker.ipynb?kode=SECRET123', version='HTTP/1.1'",
         "uri='/voila/render/deltaker.ipynb', version='HTTP/1.1'"),
        ("see http://10.0.0.2:8866/voila/render/deltaker.ipynb?kode=SECRET123.", "see http://10.0.0.2:8866/voila/render/deltaker.ipynb"),
        ("Hvem kommer? Alle.", "Hvem kommer? Alle."),
        ("Kernel started: 1234", "Kernel started: 1234"),
    ],
)
def test_strip_query(line, expected):
    assert strip_query(line) == expected


def _capture() -> tuple[logging.Logger, io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger = logging.getLogger(f"samskaping-test-{time.monotonic_ns()}")
    logger.propagate = False
    logger.addHandler(handler)
    logger.addFilter(QueryFreeLogFilter())
    return logger, stream


def test_the_filter_cleans_messages_arguments_and_tracebacks():
    logger, stream = _capture()
    logger.warning("%d %s (%s)", 404, f"GET /x?kode={SECRET}", "10.0.0.7")
    logger.warning("100% done")  # a lone % without arguments stays as it is
    try:
        raise RuntimeError(f"failed for /voila/render/deltaker.ipynb?kode={SECRET}")
    except RuntimeError:
        logger.exception("Uncaught exception GET /voila/render/deltaker.ipynb?kode=%s", SECRET)
    text = stream.getvalue()
    assert SECRET not in text
    assert "404 GET /x (10.0.0.7)" in text and "100% done" in text
    assert "RuntimeError: failed for /voila/render/deltaker.ipynb" in text


class _Handler:
    def __init__(self, status, uri):
        from tornado.httputil import HTTPHeaders, HTTPServerRequest, RequestStartLine

        self.request = HTTPServerRequest(
            start_line=RequestStartLine("GET", uri, "HTTP/1.1"), headers=HTTPHeaders({"Host": "10.0.0.2:8866"})
        )
        self.request.remote_ip = "10.0.0.7"
        self._status = status

    def get_status(self):
        return self._status


def test_the_access_log_line_has_the_path_and_never_the_query(caplog):
    with caplog.at_level(logging.INFO, logger="tornado.access"):
        log_request(_Handler(200, f"/voila/render/deltaker.ipynb?kode={SECRET}"))
        log_request(_Handler(404, f"/nope?kode={SECRET}"))
        log_request(_Handler(503, f"/voila/render/deltaker.ipynb?kode={SECRET}"))
        log_request(_Handler(500, f"/voila/render/deltaker.ipynb?kode={SECRET}"))
    lines = [(r.levelname, r.getMessage()) for r in caplog.records]
    assert [level for level, _ in lines] == ["INFO", "WARNING", "WARNING", "ERROR"]  # 503: full, not broken
    assert lines[0][1].startswith("200 GET /voila/render/deltaker.ipynb (10.0.0.7) ")
    assert not [message for _, message in lines if SECRET in message]


@pytest.mark.slow
def test_requests_with_a_secret_in_the_query_leave_no_trace_in_the_server_log(voila_server, server_data_dir):
    marker = f"/samskaping-no-such-page-{time.monotonic_ns()}"
    assert request(voila_server, "GET", f"{marker}?kode={SECRET}")[0] == 404
    assert request(voila_server, "GET", f"/?kode={SECRET}")[0] == 302
    assert request(voila_server, "GET", f"/voila/render/nosuch.ipynb?kode={SECRET}")[0] == 302  # staff gate first
    assert request(voila_server, "GET", f"/voila/templates/..%2f..%2f/static/x?kode={SECRET}")[0] == 500
    assert request(voila_server, "POST", f"/voila/api/shutdown/{'0' * 8}-0000-0000-0000-{'0' * 12}?kode={SECRET}",
                    body=b"")[0] == 403

    # A real participant page with the code in its link, closed again the way the page closes itself.
    status, page, kernel, xsrf = open_page(voila_server, query=f"kode={SECRET}&lang=en")  # past any "Et øyeblikk"
    assert status == 200
    assert close_page(voila_server, kernel, xsrf, query=f"kode={SECRET}") == 204

    log_file = server_data_dir / "voila.log"
    deadline = time.monotonic() + 10
    while marker not in log_file.read_text(encoding="utf-8", errors="replace") and time.monotonic() < deadline:
        time.sleep(0.2)
    log = log_file.read_text(encoding="utf-8", errors="replace")
    assert f"404 GET {marker} (" in log, "the failed request should still be logged, without its query"
    assert "Uncaught exception GET /voila/templates/..%2f..%2f/static/x" in log
    assert SECRET not in log


# -- the exception path (issue 17, item 9) ------------------------------------------

# Characters that stopped the old query filter short: it cut the query at the first quote or bracket.
AWKWARD = ["(", "'", '"', "<b>", ")", "')", "%27", "\\", "[1]", "{x}"]


@pytest.mark.parametrize("awkward", AWKWARD)
def test_no_query_survives_awkward_characters_in_a_line_or_a_request_repr(awkward):
    from tornado.httputil import HTTPHeaders, HTTPServerRequest, RequestStartLine

    uri = f"/voila/templates/x?a={awkward}&kode={SECRET}&b={awkward}1"
    request_ = HTTPServerRequest(start_line=RequestStartLine("GET", uri, "HTTP/1.1"),
                                 headers=HTTPHeaders({"Host": "127.0.0.1:8866"}))
    logger, stream = _capture()
    logger.error("Uncaught exception %s\n%r", f"GET {uri} (127.0.0.1)", request_)
    logger.warning("%s", repr(request_))  # a repr made before logging, as text
    logger.warning(f"Blocked {uri}")  # noqa: G004 - a message with the URI already in it
    text = stream.getvalue()
    assert SECRET not in text, text
    assert "Uncaught exception GET /voila/templates/x (127.0.0.1)" in text
    assert "uri='/voila/templates/x'" in text


def test_every_handler_is_filtered_so_child_and_library_loggers_are_covered_too():
    from samskaping.server.security import install_query_free_logging

    stream = io.StringIO()
    parent = logging.getLogger(f"samskaping-parent-{time.monotonic_ns()}")
    parent.propagate = False
    parent.addHandler(logging.StreamHandler(stream))
    install_query_free_logging()
    child = logging.getLogger(parent.name + ".child")  # its records reach the parent's handler, not its filter
    child.warning("GET /x?kode=%s&y=(", SECRET)
    try:
        raise ValueError(f"/x?a=<b>&kode={SECRET}")
    except ValueError:
        child.exception("failed")
    assert SECRET not in stream.getvalue() and "GET /x" in stream.getvalue()


@pytest.mark.slow
def test_the_uncaught_exception_path_keeps_no_query_even_with_quotes_and_brackets(voila_server, server_data_dir):
    """tornado logs an uncaught exception as 'GET <uri> (ip)' and the request's repr (uri=...)."""
    marker = f"samskaping-exception-{time.monotonic_ns()}"
    paths = [f"/voila/templates/..%2f..%2f/static/{marker}-{i}?a={awkward}&kode={SECRET}&z={awkward}"
             for i, awkward in enumerate(["(", "'", '"', "<b>", "')", "\\"])]
    paths += [f"/voila/templates/..%2f..%2f/static/{marker}-q?kode={SECRET}'(<>\"",
              f"/api/kernels/{marker}('?kode={SECRET}"]
    for path in paths:
        assert request(voila_server, "GET", path)[0] >= 400
    log_file = server_data_dir / "voila.log"
    deadline = time.monotonic() + 10
    while f"{marker}-q" not in log_file.read_text(encoding="utf-8", errors="replace") and time.monotonic() < deadline:
        time.sleep(0.2)
    log = log_file.read_text(encoding="utf-8", errors="replace")
    assert f"Uncaught exception GET /voila/templates/..%2f..%2f/static/{marker}-0 (" in log
    assert "uri='/voila/templates/..%2f..%2f/static/" + marker in log
    assert SECRET not in log
